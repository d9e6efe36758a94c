// Arrays that grow by calls handed their variable: in unoptimized SIL (-Onone) the array lives
// in a stack slot and each append is a call of the stdlib's `Array.append(_:)` on it; in any
// build, `a.append(contentsOf: b)` and `a += b` of another array stay a call of
// `Array.append(contentsOf:)` handed `a`'s slot, which adds b's count.
//
//   %2 = alloc_stack [var_decl] $Array<Int>, var, name "a"
//   %5 = apply @_allocateUninitializedArray(%zero)          [_semantics "array.uninitialized_intrinsic"]
//   store (tuple_extract %5, 0) to %2                       made once: empty, or a literal of c
//   …
//   %31 = begin_access [modify] [static] %2
//   apply @Array.append(_:)(%30, %31)                       [_semantics "array.append_element"]
//   …
//   %38 = load (begin_access [read] %2); retain_value %38   read (a copy) after the appends
//
// The stdlib's append asks for count + 1 and regrows to max(count + 1, 2 × capacity), exactly
// as the inlined code of optimized builds does (ArrayGrowth.swift has the policy and the
// sizes), so the same figures hold: an array that starts empty and grows by one peaks at
// size(P/2) + size(P) for the power of two P ≥ its largest count M; one that starts from a
// literal of c elements at size(C) + size(max(c, M − 1)), C = max(c, M, 2(M − 1)). M is c plus one per append,
// times the trip counts of the loops around it. `append(contentsOf:)` of k elements asks for
// count + k with the same growth (`reserveCapacityForAppend(newElementsCount:)`): it adds k to
// M, and takes the second figure, whose C covers any request up to M. The array it is handed
// must have a count known here (a literal, the empty array, a buffer of constant capacity).
//
// The web's resident bytes are charged where the array is made (that call allocates nothing
// more than they cover); each append adds the old buffer on top while it runs. The model
// trusts the stdlib's `append` to follow that policy (its body is the one the optimizer inlines)
// and applies only when the slot is understood whole: made once, changed only by `append`,
// and read only by loads whose copies cannot outlive a later append. Anything else leaves the
// web unbounded with its reason. Embedded Swift only: other stdlibs round capacities up to
// what malloc gave.

import Layout
import SILModel

enum ArraySlotGrowthModel: GrowthModelKind {
    static func classify(_ function: Function, demangled: String, embedded: Bool, into entry: inout StdlibCallIndex.Entry) {
        guard embedded else { return }
        let semantics = function.attributes.semantics
        entry.arrayAppendElement = semantics.contains("array.append_element") && demangled.containsBytes("Array.append(_:)")
        // Of any sequence: only an argument whose storage is an array buffer of known count
        // is priced (`elementsAdded`).
        entry.arrayAppendContentsOf = semantics.contains("array.append_contentsOf") && (demangled.containsBytes("Array.append(contentsOf:)") || demangled.containsBytes("Array.append<A>(contentsOf:)"))
        entry.arrayUninitialized = semantics.contains("array.uninitialized_intrinsic")
        entry.arrayFinalize = semantics.contains("array.finalize_intrinsic")
        entry.arrayInitEmpty = semantics.contains("array.init.empty")
    }

    static func build(_ builder: inout GrowthBuilder) -> GrowthModel { builder.buildArraySlots() }
}

extension GrowthBuilder {
    /// The array webs of stack slots grown by `Array.append(_:)` calls.
    mutating func buildArraySlots() -> GrowthModel {
        var model = GrowthModel()
        guard referencesStdlib(where: { $0.arrayAppendElement || $0.arrayAppendContentsOf }) else { return model }
        var sitesOfSlot: [Int32: [Int32]] = [:]
        var sitesOfGlobal: [String: [Int32]] = [:]
        for (b, block) in function.blocks.enumerated() where !isTrapPath(b) {
            for index in block.instructions where function.instructions[Int(index)].opcode == .apply {
                guard let entry = stdlibEntry(index), entry.arrayAppendElement || entry.arrayAppendContentsOf,
                      let inout_ = function.operands(of: function.instructions[Int(index)]).last else { continue }
                if let slot = stackSlot(of: inout_, through: { $0.opcode == .beginAccess }) {
                    sitesOfSlot[slot, default: []].append(index)
                } else if entry.arrayAppendElement, let global = context.globalCounts.globalSymbol(ofAddress: inout_, in: function) {
                    sitesOfGlobal[global, default: []].append(index)
                }
            }
        }
        guard !sitesOfSlot.isEmpty || !sitesOfGlobal.isEmpty else { return model }
        indexUses()
        // One web per global or slot, its append calls as its sites.
        func addWeb(_ sites: [Int32], _ evaluate: (inout GrowthModel.Web, inout Set<Int32>, inout Set<Int32>) -> Void) {
            var web = GrowthModel.Web()
            web.kind = "array"
            web.sitesKeepArguments = true
            web.firstSite = sites.min()!
            for site in sites { model.siteWeb[site] = model.webs.count }
            var makers = model.makers, covered = model.coveredAllocations
            evaluate(&web, &makers, &covered)
            model.makers = makers
            model.coveredAllocations = covered
            model.webs.append(web)
        }
        for (global, sites) in sitesOfGlobal.sorted(by: { $0.key < $1.key }) {
            addWeb(sites) { web, _, _ in evaluateStatedGlobal(global, sites: Set(sites), into: &web) }
        }
        for (slot, sites) in sitesOfSlot.sorted(by: { $0.key < $1.key }) {
            addWeb(sites) { web, makers, covered in evaluateSlot(slot, sites: Set(sites), into: &web, makers: &makers, covered: &covered) }
        }
        return model
    }

    /// Checks every use of the slot and prices the web, or gives the reason it cannot.
    private func evaluateSlot(_ slot: Int32, sites: Set<Int32>, into web: inout GrowthModel.Web, makers: inout Set<Int32>,
                              covered: inout Set<Int32>) {
        func fail(_ message: String) { web.reason = ("array growth cannot be bounded: " + message, web.firstSite) }
        let slotPatterns = patterns(countFields: ["#_SwiftArrayBodyStorage.count"])
        let reach = slotPatterns.reach(sites)
        guard let element = elementType(ofSlot: slot) else { return fail("the slot's element type is not spelled out") }

        // The slot itself and the accesses into it: one store that makes the array, appends,
        // loads, and the ends of the accesses and of the slot.
        let accesses: (stores: [Int32], loads: [Int32])
        switch slotAccesses([slot], sites: sites, patterns: slotPatterns) {
        case .failure(let why): return fail(why.message)
        case .success(let found): accesses = found
        }
        let (stores, loads) = accesses
        guard stores.count == 1, let store = stores.first else {
            return fail(stores.isEmpty ? "no place where the array is made" : "the array's variable is assigned more than once")
        }
        guard let made = madeArray(function.operands(of: function.instructions[Int(store)]).first!, covers: &covered) else {
            let value = function.operands(of: function.instructions[Int(store)]).first!
            let origin = function.definingInstruction(value).map { slotPatterns.originProblem(function.instructions[Int($0)], kind: "array") }
            return fail(origin ?? "the array is a parameter, so its count on entry is unknown")
        }

        // Copies read from the slot: understood uses only, and none that may outlive a later append.
        let values: Set<Int32>
        switch copiesRead(loads, from: made.values, sites: sites, patterns: slotPatterns, reach: reach) {
        case .failure(let why): return fail(why.message)
        case .success(let found): values = found
        }

        // The largest count, and the sizes of the largest buffer and of the one before it.
        let storeBlock = Int(function.block(containing: store))
        let restarts: (Int) -> Bool = { l in loops.loops[l].blocks.contains(storeBlock) }
        var maxCount = made.count
        var addsOneAtATime = true
        for site in sites {
            let block = Int(function.block(containing: site))
            if loops.nest(of: block).contains(where: restarts) { web.restartsInLoop = true }
            guard let times = slotPatterns.times(block, loops: loops, tripCounts: tripCounts, restarts: restarts) else {
                return fail("an append runs in a loop with no bound (add maxlive.loop_bound)")
            }
            guard let adds = elementsAdded(by: site) else {
                return fail("append(contentsOf:) is handed an array whose count maxlive does not know here (SIL line \(function.instructions[Int(site)].silLine))")
            }
            if adds != 1 { addsOneAtATime = false }
            maxCount = saturatingAdd(maxCount, saturatingMultiply(times, adds))
        }
        let storage = TypeExpressionParser.parse("_ContiguousArrayStorage<\(element)>")
        let size: (Int) -> Int? = { n in
            guard let instance = context.layout.instanceSize(ofClass: storage) else { return nil }
            return context.layout.tailAllocatedSize(instance: instance.size, elements: [(type: TypeExpressionParser.parse(element), count: n)])
        }
        web.maxCount = maxCount
        web.sources = [made.maker]
        web.values = values
        makers.insert(made.maker)
        if made.count == 0 && addsOneAtATime {
            if maxCount == 0 { return }
            var p = 1
            while p < maxCount { p = saturatingMultiply(p, 2) }
            guard let largest = size(p), let previous = p >= 2 ? size(p / 2) : 0 else { return fail("no layout for the storage") }
            web.residentBytes = largest
            web.transientBytes = previous
        } else {
            // A reallocation asks for at most M and happens only when the capacity is below what
            // it asks (the slot is never shared at an append: copies read from it are dropped
            // first): the new buffer has max(asked, 2 × old) < 2M elements, and the old one, the
            // array as made or an earlier regrowth, at most max(c, M − 1).
            let capacity = max(made.count, maxCount, saturatingMultiply(2, max(0, maxCount - 1)))
            guard let largest = size(capacity), let previous = size(max(made.count, maxCount - 1)) else {
                return fail("no layout for the storage")
            }
            web.residentBytes = largest
            web.transientBytes = previous
        }
    }

    /// Why a slot or global cannot be modelled.
    struct Refusal: Error { let message: String }

    /// The accesses to `roots` (a stack slot, or every address of a global): stores into it,
    /// loads from it (the copies read), or why another use breaks the model.
    private func slotAccesses(_ roots: [Int32], sites: Set<Int32>, patterns: GrowthPatterns) -> Result<(stores: [Int32], loads: [Int32]), Refusal> {
        var stores: [Int32] = []
        var loads: [Int32] = []
        let refusal: Refusal? = patterns.firstAccessAnswer(from: roots, users: users, intoFields: true) { u, address in
            let inst = function.instructions[Int(u)]
            if sites.contains(u) {
                return function.operands(of: inst).dropLast().contains(address) ? Refusal(message: "the array is passed to its own append") : nil
            }
            switch inst.opcode {
            case .store where function.operands(of: inst).last == address: stores.append(u)
            case .load: loads.append(contentsOf: function.results(of: inst))
            case .endAccess, .deallocStack, .destroyAddr, .debugValue: break
            case .apply, .tryApply, .beginApply:
                if isMarkerCall(u) { break }
                return Refusal(message: "the array is passed in place to \(calleeName(u)), which may change it (SIL line \(inst.silLine))")
            default:
                return Refusal(message: "the array's variable is used by `\(patterns.opcodeWord(inst))`, which the growth model does not know (SIL line \(inst.silLine))")
            }
            return nil
        }
        if let refusal { return .failure(refusal) }
        return .success((stores, loads))
    }

    /// The values carrying copies read by `loads` (with `made`), when each is understood and
    /// none may outlive a later append.
    private func copiesRead(_ loads: [Int32], from made: [Int32], sites: Set<Int32>, patterns: GrowthPatterns,
                            reach: GrowthPatterns.SiteReach) -> Result<Set<Int32>, Refusal> {
        var values = Set(made)
        var work = loads
        var countStores: [(store: Int32, value: Int32)] = []
        var matchedReleases: Set<Int32> = []
        while let v = work.popLast() {
            guard values.insert(v).inserted else { continue }
            for u in users[v] ?? [] {
                let inst = function.instructions[Int(u)]
                if isTrapPath(Int(function.block(containing: u))) { continue }
                if patterns.forwardsStorage(inst), function.operands(of: inst).first == v {
                    work.append(contentsOf: function.results(of: inst))
                    continue
                }
                if isDroppedCopy(u, of: v, sites: sites, reach: reach, taken: &matchedReleases) { continue }
                if let why = patterns.useProblem(u, of: v, kind: "array", reach: reach, users: users, calleeName: calleeName, countStores: &countStores) {
                    return .failure(Refusal(message: why))
                }
            }
        }
        if !countStores.isEmpty { return .failure(Refusal(message: "a copy of the array has its count changed in place")) }
        return .success(values)
    }

    /// A global whose largest count the program states, grown by appends here: one buffer for
    /// that count replaces the global's for the whole call (ArrayGrowth.swift's
    /// `evaluateStated` has the figures), when the global is only appended to and read by
    /// copies dropped before the next append, and no other call may use it meanwhile.
    private func evaluateStatedGlobal(_ global: String, sites: Set<Int32>, into web: inout GrowthModel.Web) {
        func fail(_ message: String) { web.reason = ("array growth cannot be bounded: " + message, web.firstSite) }
        let name = CalleeResolver.readableGlobal(global)
        guard let stated = context.globalCounts.bound(ofGlobal: global) else {
            let why = context.globalCounts.refusal(ofGlobal: global).map { "; the code does not keep its count below a limit: \($0)" } ?? ""
            return fail("maxlive cannot bound the count of the global `\(name)` on entry: every call may find it larger (state its largest count with maxliveMaxCount(&\(name), N) after each change, or keep the array local)" + why)
        }
        if callsMayTouch(global, except: sites) {
            return fail("a call may read or keep the global `\(name)` while this function grows it (keep its changes in one function with no other calls that use it)")
        }
        let slotPatterns = patterns(countFields: ["#_SwiftArrayBodyStorage.count"])
        let reach = slotPatterns.reach(sites)
        // Every place the function takes the global's address (at -Onone, one addressor call each).
        let roots = function.instructions.indices.filter { i in
            let op = function.instructions[i].opcode
            return op == .globalAddr || op == .pointerToAddress
        }.flatMap { function.results(of: function.instructions[$0]) }.filter { address in
            context.globalCounts.globalSymbol(ofAddress: address, in: function) == global
        }
        guard let appendAddress = function.operands(of: function.instructions[Int(web.firstSite)]).last,
              let element = arrayElementType(ofAddress: appendAddress) else { return fail("the global's element type is not spelled out") }
        let accesses: (stores: [Int32], loads: [Int32])
        switch slotAccesses(roots, sites: sites, patterns: slotPatterns) {
        case .failure(let why): return fail(why.message)
        case .success(let found): accesses = found
        }
        if !accesses.stores.isEmpty { return fail("the global `\(name)` is assigned while it grows here") }
        switch copiesRead(accesses.loads, from: [], sites: sites, patterns: slotPatterns, reach: reach) {
        case .failure(let why): return fail(why.message)
        case .success(let values): web.values = values
        }
        let storage = TypeExpressionParser.parse("_ContiguousArrayStorage<\(element)>")
        let size: (Int) -> Int? = { n in
            guard let instance = context.layout.instanceSize(ofClass: storage) else { return nil }
            return context.layout.tailAllocatedSize(instance: instance.size, elements: [(type: TypeExpressionParser.parse(element), count: n)])
        }
        web.maxCount = stated.count
        web.chargedOnceForCall = true
        web.assumptions.append((.maxCount, stated.assumption(global: global), web.firstSite))
        guard stated.count > 0 else { return }
        guard let largest = size(max(stated.count, saturatingMultiply(2, stated.count - 1))), let previous = size(stated.count - 1) else {
            return fail("no layout for the storage")
        }
        web.residentBytes = largest
        web.transientBytes = previous
    }

    /// `$*Array<Node>` (the type of an access to an array variable) → `Node`.
    private func arrayElementType(ofAddress address: Int32) -> String? {
        guard let i = function.definingInstruction(address) else { return nil }
        let inst = function.instructions[Int(i)]
        let text = context.text.text(inst)
        guard let r = text.range(of: "$*Array<", options: .backwards) else {
            if inst.opcode == .beginAccess, let base = function.operands(of: inst).first { return arrayElementType(ofAddress: base) }
            return nil
        }
        var depth = 1
        var end = r.upperBound
        while end < text.endIndex {
            if text[end] == "<" { depth += 1 }
            if text[end] == ">" { depth -= 1; if depth == 0 { break } }
            end = text.index(after: end)
        }
        return end < text.endIndex ? String(text[r.upperBound..<end]) : nil
    }

    /// `alloc_stack [var_decl] $Array<Node>, …` → `Node`.
    private func elementType(ofSlot slot: Int32) -> String? {
        guard let i = function.definingInstruction(slot) else { return nil }
        let (_, remainder) = context.text.leadingAttributes(function.instructions[Int(i)])
        guard let type = context.text.firstType(remainder), type.hasPrefix("Array<"), type.hasSuffix(">") else { return nil }
        return String(type.dropFirst("Array<".count).dropLast())
    }

    /// An array made here with a known count: `Array()` (empty), one of `uninitializedArray`,
    /// or in optimized code the empty array's static storage, a literal of constants built at
    /// compile time, or a buffer of constant capacity (its allocation then covered by the web).
    /// What makes it, the values carrying it, and its count (at most its capacity).
    private func madeArray(_ value: Int32, covers: inout Set<Int32>) -> (maker: Int32, values: [Int32], count: Int)? {
        if let i = function.definingInstruction(value), function.instructions[Int(i)].opcode == .apply,
           stdlibEntry(i)?.arrayInitEmpty == true {
            return (i, [value], 0)
        }
        if let literal = uninitializedArray(value) { return literal }
        guard let (storage, count, carried) = arrayStorage(value) else { return nil }
        if function.instructions[Int(storage)].opcode == .allocRef { covers.insert(storage) }
        return (storage, carried, count)
    }

    /// The elements `append(contentsOf:)` or `append(_:)` at `site` adds.
    private func elementsAdded(by site: Int32) -> Int? {
        guard stdlibEntry(site)?.arrayAppendContentsOf == true else { return 1 }
        let ops = Array(function.operands(of: function.instructions[Int(site)]))
        guard ops.count == 3 else { return nil }
        // A literal at -Onone is `_allocateUninitializedArray(n)`'s array.
        return arrayStorage(ops[1])?.count ?? uninitializedArray(ops[1])?.count
    }

    /// The storage an array value is made of, when its count is known here: the empty array's
    /// static storage (0), a literal built at compile time (its elements), or a buffer of
    /// constant capacity (at most that many); with the values that carry it.
    private func arrayStorage(_ value: Int32) -> (instruction: Int32, count: Int, carried: [Int32])? {
        var v = value
        var carried: [Int32] = []
        for _ in 0..<8 {
            carried.append(v)
            guard let i = function.definingInstruction(v) else { return nil }
            let inst = function.instructions[Int(i)]
            let ops = function.operands(of: inst)
            switch inst.opcode {
            case .structInst where ops.count == 1, .upcast, .endCowMutation, .uncheckedRefCast:
                v = ops.first!
            case .rawPointerToRef:
                let patterns = patterns(countFields: ["#_SwiftArrayBodyStorage.count"])
                return patterns.isStaticSingleton(ops.first, named: ["swiftEmptyArrayStorage"]) ? (i, 0, carried) : nil
            case .globalValue:
                guard let n = context.text.referencedFunction(inst).flatMap({ context.module.staticTailElementCount(ofGlobal: $0) }) else { return nil }
                return (i, n, carried)
            case .allocRef:
                guard let tails = context.module.allocRefFields(of: inst, in: function).tailElements, tails.count == 1,
                      let count = tails[0].count, let n = constants.constant(count, in: function), n >= 0 else { return nil }
                return (i, n, carried)
            default:
                return nil
            }
        }
        return nil
    }
}
