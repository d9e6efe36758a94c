// Strings that grow: a `_StringGuts` in a stack slot, changed by the stdlib's `grow`,
// `reserveCapacity` and `append` (and by the inlined fast paths of interpolation, which store
// literals and small strings into the slot).
//
// In optimized Embedded SIL an interpolation is inlined into the caller:
//
//   %2 = alloc_stack $_StringGuts                           the buffer
//   apply @_StringGuts.grow(27, %5) ; store (load %5) to %2  reserve literal bytes + 2 per hole
//   store <literal "request "> to %2                          when the buffer is still empty
//   apply @_SmallString.init(_:appending:) … store to %2      when both fit in 15 bytes
//   apply @_StringGuts.append(_StringGutsSlice(%lit, 0..<8), %2)    otherwise
//   %116 = apply @BinaryInteger._description(radix: 10, …)(%n)
//   …
//   store (struct $String (load %2)) to @gStr
//
// Unlike arrays and tables, a string's growth depends on the path taken (an empty buffer is
// replaced by the literal, a small one stays small), so the model simulates the slots along
// the control flow: at each point a slot holds a *shape*, the union of what it can be: a small
// string of at most n bytes (no heap), a static literal of n bytes (no heap), or a unique
// native buffer with n bytes and a capacity between lo and hi. The stdlib's policy
// (StringGuts.swift, StringGutsRangeReplaceable.swift):
//
//   append(s):  total = count + s. A unique native buffer with room is written in place;
//               a total of at most 15 bytes becomes a small string; otherwise the buffer is
//               regrown to max(total, 2 × capacity) (a small string or literal: to total).
//   grow(n):    a new buffer of capacity max(n, 2 × capacity) (not unique native: n).
//   reserveCapacity(n): nothing for n <= 15 or enough capacity, otherwise grow(n).
//
// and a request for n bytes allocates alignUp16(32 + n + 1 + (n >= 64 ? 8 : 0)) bytes with a
// capacity of that minus the header, terminator and breadcrumbs word (SILFacts §5.6). The
// largest native buffer a slot can hold is charged once where the first slot is made (the
// web's resident bytes), and a regrowing site adds the old buffer on top while it runs.
//
// What is appended must have a known length: literals (decoded from their bits), small strings
// (at most 15 bytes), the slots themselves, and integer descriptions (a model of
// `BinaryInteger._description`, listed as an assumption). Soundness first, as for the other
// growth models: a native buffer of the web that is retained, stored elsewhere or handed over
// while a growing site can still run, a slot changed inside a loop, or a value of unknown
// origin stored into a slot leaves the web unbounded with that reason. 64-bit targets only (the
// 32-bit string layout was not checked).

import Layout
import SILModel

enum StringGrowthModel: GrowthModelKind {
    static func classify(_ function: Function, demangled d: String, embedded: Bool, into e: inout StdlibCallIndex.Entry) {
        e.smallStringAppending = d.containsBytes("_SmallString.init(_:appending:)")
        guard embedded else { return }
        // Paths for strings from outside Swift, which Embedded Swift never takes (EmbeddedStrings.swift).
        e.foreignStringPath = EmbeddedStrings.foreignMarkers.contains { d.containsBytes($0) }
        e.utf16IndexConversion = d.containsBytes(EmbeddedStrings.utf16IndexConversion)
        e.normalizingComparison = EmbeddedStrings.normalizingComparisons.contains { d.containsBytes($0) }
        if d.containsBytes("_StringGuts.grow(_:)") { e.stringSite = .grow }
        if d.containsBytes("_StringGuts.reserveCapacity(_:)") { e.stringSite = .reserve }
        if d.containsBytes("_StringGuts.append(_:)") { e.stringSite = .append }
        if d.containsBytes(IntegerDescriptionModel.functionName) { e.madeString = .integerDescription }
        if d.containsBytes("String.init(repeating:count:)") { e.madeString = .repeated }
    }

    static func build(_ builder: inout GrowthBuilder) -> GrowthModel { builder.buildStrings() }
}

/// What a string value can be at one point of a function.
struct StringShape: Equatable {
    struct Native: Equatable {
        var count: Int
        var capacityLow: Int
        var capacityHigh: Int
    }

    /// A small (inline) string of at most this many UTF-8 bytes.
    var small: Int?
    /// A static literal of at most this many bytes (immortal: never freed, never unique).
    var literal: Int?
    /// A unique heap buffer.
    var native: Native?
    /// Came around a loop or from something the model does not follow.
    var unknown = false

    static let poison = StringShape(unknown: true)

    var maxCount: Int { max(small ?? 0, literal ?? 0, native?.count ?? 0) }

    func joined(_ o: StringShape) -> StringShape {
        var r = StringShape()
        r.unknown = unknown || o.unknown
        r.small = Self.maxOptional(small, o.small)
        r.literal = Self.maxOptional(literal, o.literal)
        switch (native, o.native) {
        case let (a?, b?):
            r.native = Native(count: max(a.count, b.count), capacityLow: min(a.capacityLow, b.capacityLow),
                              capacityHigh: max(a.capacityHigh, b.capacityHigh))
        case let (a?, nil): r.native = a
        case let (nil, b?): r.native = b
        case (nil, nil): break
        }
        return r
    }

    private static func maxOptional(_ a: Int?, _ b: Int?) -> Int? {
        switch (a, b) {
        case let (x?, y?): return max(x, y)
        case let (x?, nil): return x
        case let (nil, y?): return y
        case (nil, nil): return nil
        }
    }
}

/// `__StringStorage` sizes on 64-bit targets (SILFacts §5.6).
enum StringStorage {
    static let smallCapacity = 15

    /// Bytes allocated for a request of `n` code units: header 32, the bytes, a terminator,
    /// and a breadcrumbs pointer from 64 bytes on, rounded up to 16.
    static func bytes(forRequest n: Int) -> Int {
        alignUp(32 + max(n, 0) + 1 + (n >= 64 ? 8 : 0), 16)
    }

    /// The capacity a request of `n` code units really gets.
    static func capacity(forRequest n: Int) -> Int {
        bytes(forRequest: n) - 33 - (n >= 64 ? 8 : 0)
    }

    /// The shape of a new string of at most `d` bytes and the heap bytes of its buffer.
    static func newString(maxLength d: Int) -> (shape: StringShape, bytes: Int) {
        guard d > StringStorage.smallCapacity else { return (StringShape(small: d), 0) }
        let native = StringShape.Native(count: d, capacityLow: StringStorage.capacity(forRequest: StringStorage.smallCapacity + 1),
                                        capacityHigh: StringStorage.capacity(forRequest: d))
        return (StringShape(small: StringStorage.smallCapacity, native: native), StringStorage.bytes(forRequest: d))
    }

    /// The shape after appending at most `s` bytes, and the bytes of a native buffer that may
    /// be replaced while the new one is filled (0 when no native buffer is regrown).
    static func appending(_ x: StringShape, _ s: Int) -> (shape: StringShape, oldBytes: Int) {
        var r = StringShape(unknown: x.unknown)
        var old = 0
        for a in [x.small, x.literal].compactMap({ $0 }) {
            // Not unique native: a total that fits is small, anything else a new buffer of total.
            let t = saturatingAdd(a, s)
            r = r.joined(StringShape(small: min(t, smallCapacity)))
            if t > smallCapacity {
                r = r.joined(StringShape(native: .init(count: t, capacityLow: capacity(forRequest: smallCapacity + 1),
                                                       capacityHigh: capacity(forRequest: t))))
            }
        }
        if let n = x.native {
            let t = saturatingAdd(n.count, s)
            // In place when there is room (always possible: the total may be small).
            r = r.joined(StringShape(native: .init(count: t, capacityLow: n.capacityLow, capacityHigh: n.capacityHigh)))
            if t > n.capacityLow {
                // Regrown only when the capacity is below the total: at most t - 1.
                let c = min(n.capacityHigh, t - 1)
                let grown = capacity(forRequest: max(t, saturatingMultiply(2, c)))
                r = r.joined(StringShape(native: .init(count: t, capacityLow: n.capacityLow, capacityHigh: max(n.capacityHigh, grown))))
                old = bytes(forRequest: c)
            }
        }
        return (r, old)
    }

    /// The shape after `grow(n)` (or `reserveCapacity(n)` when `reserving`).
    static func growing(_ x: StringShape, _ n: Int, reserving: Bool) -> (shape: StringShape, oldBytes: Int) {
        if reserving && n <= smallCapacity { return (x, 0) }
        var r = StringShape(unknown: x.unknown)
        var old = 0
        for a in [x.small, x.literal].compactMap({ $0 }) {
            let c = capacity(forRequest: max(n, a))
            r = r.joined(StringShape(native: .init(count: a, capacityLow: capacity(forRequest: n), capacityHigh: c)))
        }
        if let v = x.native {
            if reserving && v.capacityLow >= n {
                r = r.joined(StringShape(native: v))
            } else {
                if reserving { r = r.joined(StringShape(native: v)) }
                r = r.joined(StringShape(native: .init(count: v.count, capacityLow: capacity(forRequest: max(n, saturatingMultiply(2, v.capacityLow))),
                                                       capacityHigh: capacity(forRequest: max(n, saturatingMultiply(2, v.capacityHigh))))))
                old = bytes(forRequest: v.capacityHigh)
            }
        }
        return (r, old)
    }
}

/// `BinaryInteger._description(radix:uppercase:)` specialised for a fixed-width integer: the
/// digits (and sign) of the value, in one new buffer when longer than a small string.
enum IntegerDescriptionModel {
    static let functionName = "BinaryInteger._description(radix:uppercase:)"

    /// Bit width and signedness of a stdlib integer type on 64-bit targets.
    static func integerType(_ name: String) -> (bits: Int, signed: Bool)? {
        switch name {
        case "Int", "Int64": return (64, true)
        case "UInt", "UInt64": return (64, false)
        case "Int32": return (32, true)
        case "UInt32": return (32, false)
        case "Int16": return (16, true)
        case "UInt16": return (16, false)
        case "Int8": return (8, true)
        case "UInt8": return (8, false)
        default: return nil
        }
    }

    /// Digits of `magnitude` in base `radix`.
    static func digits(_ magnitude: UInt64, radix: Int) -> Int {
        var m = magnitude
        var d = 1
        while m >= UInt64(radix) { m /= UInt64(radix); d += 1 }
        return d
    }

    /// The longest description of a value of the type, or of a value whose magnitude is at
    /// most `magnitude`.
    static func maxLength(bits: Int, signed: Bool, radix: Int, magnitude: UInt64? = nil) -> Int {
        let largest: UInt64 = signed ? (UInt64(1) << UInt64(bits - 1)) : (bits == 64 ? UInt64.max : (UInt64(1) << UInt64(bits)) - 1)
        return digits(min(magnitude ?? largest, largest), radix: radix) + (signed ? 1 : 0)
    }
}

extension GrowthBuilder {
    /// The string webs of the function: slots of `_StringGuts` and the values stored to and
    /// loaded from them, simulated along the control flow.
    mutating func buildStrings() -> GrowthModel {
        var model = GrowthModel()
        guard referencesStdlib(where: { $0.stringSite != nil }) else { return model }
        var sites: [Int32: StringSiteKind] = [:]
        for (b, block) in function.blocks.enumerated() where !isTrapPath(b) {
            for index in block.instructions where function.instructions[Int(index)].opcode == .apply {
                // Embedded stdlib only (StdlibCallIndex): elsewhere capacities follow malloc's rounding.
                if let kind = stdlibEntry(index)?.stringSite { sites[index] = kind }
            }
        }
        if sites.isEmpty { return model }

        // Webs: the slots the sites change, joined with the slots whole strings move between.
        indexUses()
        for inst in function.instructions {
            let ops = function.operands(of: inst)
            guard let first = ops.first else { continue }
            if isStringAddressProjection(inst), let result = function.results(of: inst).first {
                webs.union(first, result)
            } else if inst.opcode == .store, ops.count == 2, let dest = stackSlot(of: ops[ops.startIndex + 1]),
                      let src = loadedSlot(first) {
                webs.union(dest, src)
            }
        }
        let siteList = sites.keys.sorted()
        let members = groupSites(siteList, kind: { _ in "string" }, into: &model)
        for w in model.webs.indices {
            let slots = members[w].filter { function.instructions[Int(function.definingInstruction($0) ?? 0)].opcode == .allocStack
                && function.definingInstruction($0) != nil }
            evaluateString(&model, w, siteList.filter { model.siteWeb[$0] == w }, sites, Set(slots))
        }
        return model
    }

    /// Whole-value projections of a string slot (the slot itself, not one of its fields).
    private func isStringAddressProjection(_ inst: Instruction) -> Bool {
        inst.opcode == .beginAccess || inst.opcode == .uncheckedAddrCast
    }

    /// The slot a whole string value lives in.
    private func stackSlot(of address: Int32) -> Int32? { stackSlot(of: address, through: isStringAddressProjection) }

    /// The slot a field address (`struct_element_addr` of a slot) belongs to.
    private func fieldSlot(_ address: Int32) -> Int32? {
        stackSlot(of: address) { $0.opcode == .structElementAddr || self.isStringAddressProjection($0) }
    }


    /// The slot a whole value was loaded from, through `struct $String (…)`.
    private func loadedSlot(_ value: Int32) -> Int32? {
        var v = value
        for _ in 0..<4 {
            guard let i = function.definingInstruction(v) else { return nil }
            let inst = function.instructions[Int(i)]
            let ops = function.operands(of: inst)
            if inst.opcode == .load, let a = ops.first { return stackSlot(of: a) }
            guard inst.opcode == .structInst, ops.count == 1 else { return nil }
            v = ops.first!
        }
        return nil
    }

    /// Simulates web `w` along the control flow.
    private mutating func evaluateString(_ model: inout GrowthModel, _ w: Int, _ sites: [Int32],
                                         _ kinds: [Int32: StringSiteKind], _ slots: Set<Int32>) {
        let anchor = sites.min()!
        model.webs[w].firstSite = anchor
        func fail(_ message: String) { model.webs[w].reason = ("string growth cannot be bounded: " + message, anchor) }
        guard context.layout.target.pointerSize == 8 else { return fail("the string layout of 32-bit targets was not checked") }
        guard !slots.isEmpty else { return fail("the string is not in a stack slot of this function") }
        let siteSet = Set(sites)
        let reach = patternsForStrings.reach(siteSet)

        // Loops: the simulation runs the whole function again and again, each pass carrying
        // what the back edges brought from the last one, until nothing changes. A pass follows
        // each back edge once more, so when lengths keep growing, as many passes as a loop's
        // body can run (the product of the trip counts around it) cover every execution.
        // Only loops that change a slot make lengths grow from pass to pass.
        var changingBlocks: Set<Int> = []
        for (i, inst) in function.instructions.enumerated() {
            let ops = function.operands(of: inst)
            if siteSet.contains(Int32(i)) || (inst.opcode == .store && ops.count == 2
                                             && stackSlot(of: ops[ops.startIndex + 1]).map(slots.contains) == true) {
                changingBlocks.insert(Int(function.block(containing: Int32(i))))
            }
        }
        // Pass k runs each loop body a k-th time (its header joins what the back edge left in
        // pass k - 1), so a body that can run T times needs T passes; loops in sequence or
        // nested at most need the sum of their counts.
        var passesNeeded = 1
        var anyLoop = false
        for l in loops.loops.indices where !loops.loops[l].blocks.isDisjoint(with: changingBlocks) {
            var runs = 1
            var m: Int? = l
            while let k = m {
                guard let t = tripCounts[k] else {
                    return fail("a string is changed in a loop with no bound (add maxlive.loop_bound)")
                }
                runs = saturatingMultiply(runs, t)
                m = loops.loops[k].parent
            }
            passesNeeded = anyLoop ? saturatingAdd(passesNeeded, runs) : runs
            anyLoop = true
        }
        let passLimit = min(passesNeeded, 4096)

        var shapes: [Int32: StringShape] = [:]
        var exitState: [Int: [Int32: StringShape]] = [:]
        var resident = 0
        var values: Set<Int32> = []
        var transient: [Int32: Int] = [:]
        func note(_ s: StringShape) {
            if let n = s.native { resident = max(resident, StringStorage.bytes(forRequest: n.capacityHigh)) }
        }
        func join(_ a: StringShape?, _ b: StringShape) -> StringShape { a.map { $0.joined(b) } ?? b }

        // What each instruction does to the simulation, worked out once for all passes.
        enum Step {
            case none
            case site
            case store(slot: Int32)
            case load(slot: Int32, whole: Bool)
            case smallAppend
            case made(StringShape)
            case literal(StringShape)
            case carries
        }
        var steps = Array(repeating: Step.none, count: function.instructions.count)
        for (i, inst) in function.instructions.enumerated() {
            let index = Int32(i)
            let ops = function.operands(of: inst)
            if siteSet.contains(index) { steps[i] = .site; continue }
            switch inst.opcode {
            case .store where ops.count == 2:
                if let slot = stackSlot(of: ops[ops.startIndex + 1]), slots.contains(slot) { steps[i] = .store(slot: slot) }
            case .load:
                if let a = ops.first, let slot = stackSlot(of: a) ?? fieldSlot(a), slots.contains(slot) {
                    steps[i] = .load(slot: slot, whole: stackSlot(of: a) != nil)
                }
            case .apply:
                if stdlibEntry(index)?.smallStringAppending == true, ops.count >= 3 { steps[i] = .smallAppend }
                else if let made = madeString(index) { steps[i] = .made(StringStorage.newString(maxLength: made.maxLength).shape) }
            default:
                if let r = function.results(of: inst).first, let lit = literalShape(r) { steps[i] = .literal(lit) }
                else if Self.carriesString(inst, text: context.text) { steps[i] = .carries }
            }
        }
        // Without loops one pass in reverse post-order sees every predecessor first.
        let passes = loops.loops.isEmpty ? 1 : passLimit

        var converged = false
        var problem: String?
        for _ in 0..<passes {
            problem = nil
            let before = (shapes, exitState)
            for b in cfg.reversePostOrder where !isTrapPath(b) {
                // Join what the predecessors left (a back edge: what it left in the last pass).
                var state: [Int32: StringShape] = [:]
                var first = true
                for p in cfg.predecessors[b] where exitState[p] != nil {
                    if first { state = exitState[p]!; first = false; continue }
                    for (slot, x) in exitState[p]! { state[slot] = join(state[slot], x) }
                    for slot in state.keys where exitState[p]![slot] == nil { state[slot] = state[slot]!.joined(.poison) }
                }
                // Block arguments: the join of what the predecessors pass.
                for (k, param) in function.arguments(of: function.blocks[b]).enumerated() {
                    var x: StringShape?
                    for p in cfg.predecessors[b] where exitState[p] != nil {
                        let term = function.instructions[Int(function.blocks[p].terminatorIndex)]
                        if term.opcode == .switchEnum, let operand = function.operands(of: term).first {
                            // The payload of a case: what the enum carried.
                            if let o = shapes[operand] { x = join(x, o) }
                            continue
                        }
                        for succ in function.successors(of: term) where Int(succ.block) == b {
                            let args = function.arguments(of: succ)
                            if k < args.count, let o = shapes[args[args.startIndex + k]] { x = join(x, o) }
                        }
                    }
                    if let x { shapes[param] = join(shapes[param], x) }
                }
                for index in function.blocks[b].instructions {
                    let step = steps[Int(index)]
                    if case .none = step { continue }
                    let inst = function.instructions[Int(index)]
                    let ops = Array(function.operands(of: inst))
                    let results = Array(function.results(of: inst))
                    switch step {
                    case .none:
                        break
                    case .site:
                        guard let slot = ops.last.flatMap(stackSlot), let before = state[slot] else {
                            problem = problem ?? "a string is changed before anything is stored in its slot"
                            continue
                        }
                        var after: (shape: StringShape, oldBytes: Int)
                        switch kinds[index]! {
                        case .grow, .reserve:
                            guard ops.count >= 3, let n = constants.constant(ops[1], in: function) else {
                                return fail("a string is grown by an amount that is not a compile-time constant (SIL line \(inst.silLine))")
                            }
                            after = StringStorage.growing(before, n, reserving: kinds[index]! == .reserve)
                        case .append:
                            guard ops.count >= 3, let n = sliceLength(ops[1], shapes) else {
                                problem = problem ?? "a string of unknown length is appended (SIL line \(inst.silLine))"
                                continue
                            }
                            after = StringStorage.appending(before, n)
                        }
                        state[slot] = after.shape
                        note(after.shape)
                        transient[index] = max(transient[index] ?? 0, after.oldBytes)
                    case .store(let slot):
                        guard let x = shapes[ops[0]] ?? literalShape(ops[0]) else {
                            problem = problem ?? "a string of unknown origin is stored into the buffer (SIL line \(inst.silLine))"
                            continue
                        }
                        state[slot] = x
                        note(x)
                        values.insert(ops[0])
                    case .load(let slot, let whole):
                        if let x = state[slot] {
                            for r in results { shapes[r] = x }
                            if whole { values.formUnion(results) }
                        }
                    case .smallAppend:
                        // Both halves fit in 15 bytes, or the result is nil.
                        let total = saturatingAdd(shapes[ops[1]]?.maxCount ?? smallLiteralLength(ops[1]) ?? StringStorage.smallCapacity,
                                                  shapes[ops[2]]?.maxCount ?? smallLiteralLength(ops[2]) ?? StringStorage.smallCapacity)
                        for r in results { shapes[r] = StringShape(small: min(total, StringStorage.smallCapacity)) }
                    case .made(let x), .literal(let x):
                        for r in results { shapes[r] = x }
                    case .carries:
                        // Parts and wholes: a value made from string values is what they were.
                        var x: StringShape?
                        for o in ops { if let y = shapes[o] { x = join(x, y) } }
                        if let x { for r in results { shapes[r] = x } }
                    }
                }
                exitState[b] = state
            }
            if shapes == before.0 && exitState == before.1 { converged = true; break }
        }
        if let problem { return fail(problem) }
        if passes > 1 && !converged && passesNeeded > passLimit {
            return fail("a string changes in loops that run more than 4096 times in all, more than the simulation follows")
        }
        if shapes.values.contains(where: \.unknown) || exitState.values.contains(where: { $0.values.contains(where: \.unknown) }) {
            return fail("a string slot is not stored on every path before it is used")
        }
        model.webs[w].siteTransientBytes = transient

        // A native buffer of the web must not be shared while a site can still regrow it.
        for (v, s) in shapes where s.native != nil {
            for u in users[v] ?? [] where !isTrapPath(Int(function.block(containing: u))) {
                let inst = function.instructions[Int(u)]
                let ops = function.operands(of: inst)
                let word = String(context.text.text(inst).prefix { $0 != " " })
                var problem: String?
                switch inst.opcode {
                case .store:
                    if ops.first == v, stackSlot(of: ops[ops.startIndex + 1]).map(slots.contains) != true { problem = "stored into memory" }
                case .apply, .tryApply:
                    if siteSet.contains(u) { break }
                    if stdlibEntry(u)?.smallStringAppending == true { break }
                    let conventions = GrowthPatterns.parameterConventions(context.text.trailingFunctionType(inst))
                    for (k, o) in ops.dropFirst().enumerated() where o == v {
                        let c = k < conventions.count ? conventions[k] : "@owned"
                        if c != "@guaranteed" && c != "@in_guaranteed" && c != "" { problem = "passed to \(calleeName(u))" }
                        else if keepsArgument(u, k) { problem = "passed to \(calleeName(u)), which may keep a copy," }
                    }
                default:
                    if ["strong_retain", "retain_value", "copy_value"].contains(word) { problem = "copied" }
                }
                if let problem, reach.mayFollow(u) {
                    return fail("a string buffer is \(problem) while it can still grow (SIL line \(inst.silLine))")
                }
            }
        }

        model.webs[w].kind = "string"
        // Whole values, and every value that may carry a native buffer (a buffer rebuilt from
        // the slot's fields and stored elsewhere lives on there): where the web dies.
        model.webs[w].values = values.union(shapes.compactMap { $0.value.native != nil ? $0.key : nil })
        model.webs[w].sources = [slots.min { function.definingInstruction($0)! < function.definingInstruction($1)! }.flatMap(function.definingInstruction)!]
        model.webs[w].residentBytes = resident
        model.webs[w].transientBytes = 0
        model.absorbingSlots.formUnion(slots)
    }

    private var patternsForStrings: GrowthPatterns { patterns(countFields: []) }


    /// Instructions whose results are (parts of) the string values they are made from.
    private static func carriesString(_ inst: Instruction, text: InstructionText) -> Bool {
        switch inst.opcode {
        case .structInst, .tupleInst, .structExtract, .tupleExtract, .uncheckedEnumData, .uncheckedBitwiseCast, .enumInst:
            return true
        case .builtin:
            // Flag arithmetic on a string's words (`or`, `and`, shifts) keeps it that string.
            let name = text.builtinName(inst) ?? ""
            return ["or_", "and_", "xor_", "shl_", "lshr_", "ashr_"].contains { name.hasPrefix($0) }
        case .other:
            return [.uncheckedTrivialBitCast, .valueToBridgeObject, .bridgeObjectToWord].contains(text.module.otherOpcode(of: inst))
        default:
            return false
        }
    }

    /// `struct $_StringGutsSlice (%guts, %range)`: at most the guts' length.
    private func sliceLength(_ value: Int32, _ shapes: [Int32: StringShape]) -> Int? {
        guard let i = function.definingInstruction(value) else { return nil }
        let inst = function.instructions[Int(i)]
        guard inst.opcode == .structInst, context.text.text(inst).contains("$_StringGutsSlice"),
              let guts = function.operands(of: inst).first else { return nil }
        guard let s = shapes[guts] ?? literalShape(guts), !s.unknown else { return nil }
        return s.maxCount
    }

    /// A literal `_StringGuts`, `String` or `_StringObject` built from constant bits:
    /// small when the object word has the small bit (count in bits 56–59), otherwise a static
    /// literal whose count is the low 48 bits of the count-and-flags word.
    private func literalShape(_ value: Int32) -> StringShape? {
        guard value >= 0 else { return nil }
        var v = value
        for _ in 0..<3 {
            guard let i = function.definingInstruction(v) else { return nil }
            let inst = function.instructions[Int(i)]
            let ops = Array(function.operands(of: inst))
            guard inst.opcode == .structInst else { return nil }
            if ops.count == 1 { v = ops[0]; continue }
            guard ops.count == 2, context.text.text(inst).contains("$_StringObject") else { return nil }
            guard let countAndFlags = constants.constant(ops[0], in: function), let oi = function.definingInstruction(ops[1]) else { return nil }
            let object = function.instructions[Int(oi)]
            guard String(context.text.text(object).prefix { $0 != " " }) == "value_to_bridge_object",
                  let bitsValue = function.operands(of: object).first else { return nil }
            if let bits = constants.constant(bitsValue, in: function) {
                let word = UInt64(bitPattern: Int64(bits))
                guard word & (1 << 61) != 0 else { return nil }
                return StringShape(small: Int((word >> 56) & 0xF))
            }
            // A large literal: `stringObjectOr(pointer - 32, flags)`.
            guard let bi = function.definingInstruction(bitsValue), context.text.builtinName(function.instructions[Int(bi)])?.hasPrefix("stringObjectOr") == true else { return nil }
            return StringShape(literal: Int(UInt64(bitPattern: Int64(countAndFlags)) & 0xFFFF_FFFF_FFFF))
        }
        return nil
    }

    /// `struct $_SmallString (tuple (%bits, bit_cast (value_to_bridge_object <constant>)))`: a
    /// small literal's bytes, whose count is in bits 56–59 of the second word.
    private func smallLiteralLength(_ value: Int32) -> Int? {
        guard let si = function.definingInstruction(value), function.instructions[Int(si)].opcode == .structInst,
              let tuple = function.operands(of: function.instructions[Int(si)]).first,
              let ti = function.definingInstruction(tuple), function.instructions[Int(ti)].opcode == .tupleInst else { return nil }
        let words = Array(function.operands(of: function.instructions[Int(ti)]))
        guard words.count == 2 else { return nil }
        var v = words[1]
        for _ in 0..<3 {
            if let bits = constants.constant(v, in: function) {
                let word = UInt64(bitPattern: Int64(bits))
                return word & (1 << 61) != 0 ? Int((word >> 56) & 0xF) : nil
            }
            guard let i = function.definingInstruction(v), let o = function.operands(of: function.instructions[Int(i)]).first else { return nil }
            let word = String(context.text.text(function.instructions[Int(i)]).prefix { $0 != " " })
            guard ["unchecked_trivial_bit_cast", "value_to_bridge_object", "struct_extract"].contains(word) else { return nil }
            v = o
        }
        return nil
    }

    /// A stdlib call that makes a new string whose length the model knows: the longest string
    /// it returns, and how the report names the model.
    func madeString(_ call: Int32) -> (maxLength: Int, model: String)? {
        if let d = descriptionLength(call) { return (d, "BinaryInteger.description") }
        if let r = repeatedLength(call) { return (r, "String(repeating:count:)") }
        return nil
    }

    /// `String(repeating: s, count: n)` with a literal s and a constant n: one buffer for the
    /// n × count bytes when they do not fit a small string (it grows an empty string once to
    /// the total, then appends in place).
    private func repeatedLength(_ call: Int32) -> Int? {
        guard stdlibEntry(call)?.madeString == .repeated else { return nil }
        let ops = Array(function.operands(of: function.instructions[Int(call)]))
        guard ops.count == 4, let count = constants.constant(ops[2], in: function), count >= 0,
              let s = literalShape(ops[1]), !s.unknown else { return nil }
        return saturatingMultiply(s.maxCount, count)
    }

    /// The longest string a call of `BinaryInteger._description(radix:uppercase:)` returns,
    /// for a constant radix and a fixed-width integer (a value `x % c` has fewer digits).
    private func descriptionLength(_ call: Int32) -> Int? {
        guard stdlibEntry(call)?.madeString == .integerDescription else { return nil }
        let inst = function.instructions[Int(call)]
        let ops = Array(function.operands(of: inst))
        guard ops.count == 4, let radix = constants.constant(ops[1], in: function), (2...36).contains(radix),
              let type = context.text.trailingFunctionType(inst), let params = TypeExpressionParser.functionParameters(type),
              params.count == 3, let integer = IntegerDescriptionModel.integerType(params[2].description) else { return nil }
        var magnitude: UInt64?
        if let di = function.definingInstruction(patternsForStrings.stripInt(ops[3])) {
            let d = function.instructions[Int(di)]
            let dops = Array(function.operands(of: d))
            if d.opcode == .builtin, context.text.builtinName(d)?.hasPrefix("srem_") == true, dops.count == 2,
               let c = constants.constant(dops[1], in: function), c != 0, c != Int.min {
                magnitude = UInt64(abs(c) - 1)
            }
        }
        return IntegerDescriptionModel.maxLength(bits: integer.bits, signed: integer.signed, radix: radix, magnitude: magnitude)
    }
}
