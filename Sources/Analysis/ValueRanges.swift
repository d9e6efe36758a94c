// Integer ranges: what an Int value can be at a point of the function, from the code itself.
// Kernels clamp what users pass in; the clamp is the bound:
//
//   let c = min(max(n, 1), 64)                 (optimized SIL: two cond_br diamonds)
//
//   bb0:  %4 = builtin "cmp_sge_Int64"(%one, %n)     cond_br %4, bb1, bb2
//   bb1:  br bb3(%one)                               1
//   bb2:  br bb3(%n)                                 n, where !(1 >= n): n in [2, ∞)
//   bb3(%9):                                         %9 in [1, ∞)   (the union of its edges)
//         %12 = builtin "cmp_slt_Int64"(%64, %9)     cond_br %12, bb4, bb5
//   bb4:  br bb6(%64)                                64
//   bb5:  br bb6(%9)                                 %9, where !(64 < %9): [1, 64]
//   bb6(%17):                                        %17 in [1, 64]
//
// 1. A value's own range: literals; `struct $Int` / `struct_extract` / width casts pass it on;
//    checked arithmetic (`sadd_with_overflow`, …) and `and`, `urem`/`srem`, `udiv`/`sdiv`, shifts
//    by constants compute it; a block argument outside loop headers is the union of what each
//    incoming edge passes, each refined by that edge's branch condition.
// 2. At a block, the range is narrowed by every branch condition that dominates it: the
//    successor of a `cond_br` whose only predecessor is that branch, up the dominator tree.
// 3. Anything else (a parameter, a load, a loop-carried value) is the full range: unknown means
//    unbounded, never a guess.

import SILModel

/// A closed interval of Int; `Int.min` / `Int.max` stand for no bound on that side.
struct IntRange: Hashable, Sendable, CustomStringConvertible {
    var lo: Int
    var hi: Int
    static let full = IntRange(lo: .min, hi: .max)
    static func exactly(_ c: Int) -> IntRange { IntRange(lo: c, hi: c) }

    var isEmpty: Bool { lo > hi }
    var isFull: Bool { lo == .min && hi == .max }
    /// The largest value, when it is bounded above.
    var upperBound: Int? { hi == .max ? nil : hi }
    var description: String { "[\(lo == .min ? "-∞" : String(lo)), \(hi == .max ? "∞" : String(hi))]" }

    func intersection(_ o: IntRange) -> IntRange { IntRange(lo: max(lo, o.lo), hi: min(hi, o.hi)) }
    func union(_ o: IntRange) -> IntRange {
        if isEmpty { return o }
        if o.isEmpty { return self }
        return IntRange(lo: min(lo, o.lo), hi: max(hi, o.hi))
    }

    static func + (a: IntRange, b: IntRange) -> IntRange {
        guard a.lo != .min, b.lo != .min else { return IntRange(lo: .min, hi: add(a.hi, b.hi)) }
        return IntRange(lo: add(a.lo, b.lo), hi: add(a.hi, b.hi))
    }
    static func - (a: IntRange, b: IntRange) -> IntRange {
        a + IntRange(lo: b.hi == .max ? .min : -b.hi, hi: b.lo == .min ? .max : -b.lo)
    }
    static func * (a: IntRange, b: IntRange) -> IntRange {
        let corners = [(a.lo, b.lo), (a.lo, b.hi), (a.hi, b.lo), (a.hi, b.hi)]
        var lo = Int.max, hi = Int.min
        for (x, y) in corners {
            let (p, overflow) = x.multipliedReportingOverflow(by: y)
            if overflow || x == .min || x == .max || y == .min || y == .max { return .full }
            lo = min(lo, p); hi = max(hi, p)
        }
        return IntRange(lo: lo, hi: hi)
    }
    /// Saturating: an infinite side stays infinite.
    private static func add(_ x: Int, _ y: Int) -> Int {
        if x == .max || y == .max { return .max }
        if x == .min || y == .min { return .min }
        let (s, o) = x.addingReportingOverflow(y)
        return o ? (y > 0 ? .max : .min) : s
    }
}

final class ValueRanges {
    let function: Function
    let cfg: ControlFlowGraph
    let loops: LoopForest
    let text: InstructionText
    let constants: ConstantEvaluator
    /// The largest count of the array kept at an address (a global whose count the program
    /// states, an `@inout` parameter the caller bounds), with the assumption it rests on.
    var arrayCountBound: ((_ address: Int32) -> (count: Int, assumption: String, stated: Bool)?)?
    /// The largest capacity of the array kept at an address, when its count is bounded there
    /// and every change of it in the module is understood (GuardedGlobalCounts.capacityBound).
    var arrayCapacityBound: ((_ address: Int32) -> (capacity: Int, assumption: String, stated: Bool)?)?
    /// The largest count of an array whose storage reference is `storage`, when a growth model
    /// bounds the web that value belongs to (a count read from it is at most that).
    var storageCountBound: ((_ storage: Int32) -> Int?)?
    /// How many times the loop headed by a block can run per entry, when known: its
    /// counters' ranges follow (`inductionRange`).
    var headerRuns: ((_ header: Int) -> Int?)?
    /// The assumptions a range relied on, by the load that read the count.
    private(set) var usedAssumptions: [(load: Int32, assumption: String, stated: Bool)] = []
    private var own: [Int32: IntRange] = [:]
    private var inProgress: Set<Int32> = []
    private var nesting = 0
    /// Joins being looked through (`joinConstraint`), a few levels at most.
    private var joins = 0
    /// Ranges of the function's parameters in the calling context being analysed.
    var bindings: [Int32: IntRange] = [:]
    /// Loop headers: their arguments carry values around the loop.
    private let headers: Set<Int>
    /// Each block argument's block and position.
    private lazy var argumentPlaces: [Int32: (block: Int, position: Int)] = {
        var places: [Int32: (block: Int, position: Int)] = [:]
        for (b, block) in function.blocks.enumerated() {
            for (k, arg) in function.arguments(of: block).enumerated() { places[arg] = (b, k) }
        }
        return places
    }()

    init(function: Function, cfg: ControlFlowGraph, loops: LoopForest, text: InstructionText, constants: ConstantEvaluator) {
        self.function = function
        self.cfg = cfg
        self.loops = loops
        self.text = text
        self.constants = constants
        headers = Set(loops.loops.map(\.header))
    }

    /// What `value` can be when control is in `block`.
    func range(of value: Int32, at block: Int) -> IntRange {
        var r = ownRange(value)
        // Conditions mention other values, whose ranges mention others: a few levels suffice.
        guard nesting < 6 else { return r }
        nesting += 1
        defer { nesting -= 1 }
        // A value that wraps or converts another (`struct $Int`, a width conversion) is as
        // narrow as that value is here: the conditions may be on the other one.
        if let converted = conversion(of: value, at: block) { r = r.intersection(converted) }
        var b = block
        var steps = 0
        while b > 0, steps < 256, cfg.rpoIndex[b] >= 0 {
            let d = cfg.immediateDominator[b]
            guard d >= 0, d != b else { break }
            if cfg.predecessors[b] == [d] {
                r = r.intersection(edgeConstraint(on: value, from: d, to: b))
            } else {
                r = r.intersection(joinConstraint(on: value, at: b, dominator: d))
            }
            // A `cond_fail` in a dominating block traps unless its condition is false.
            for condition in condFails[d] ?? [] { r = r.intersection(comparisonConstraint(condition, holds: false, on: value, at: d)) }
            b = d
            steps += 1
        }
        return r
    }

    /// What `value` can be on entry to the join `b`, learned on the way from its immediate
    /// dominator `d` through each predecessor (`min(n, 24)` splits into two paths, each with
    /// its own test): the union of what each path says. A path that comes round a cycle
    /// through `b` itself says nothing.
    private func joinConstraint(on value: Int32, at b: Int, dominator d: Int) -> IntRange {
        let preds = cfg.predecessors[b]
        guard preds.count <= 4, joins < 2 else { return .full }
        joins += 1
        defer { joins -= 1 }
        var union: IntRange? = nil
        for p in preds {
            var r = edgeConstraint(on: value, from: p, to: b)
            var q = p
            var steps = 0
            while q != d {
                let up = cfg.immediateDominator[q]
                guard q != b, up >= 0, up != q, steps < 32 else { r = .full; break }
                r = r.intersection(cfg.predecessors[q] == [up] ? edgeConstraint(on: value, from: up, to: q)
                                                               : joinConstraint(on: value, at: q, dominator: up))
                q = up
                steps += 1
            }
            union = union.map { $0.union(r) } ?? r
            if union?.isFull == true { return .full }
        }
        return union ?? .full
    }

    /// The range of a wrapping or converting instruction's result from its operand's range in
    /// `block` (nil: `value` is not such a result).
    private func conversion(of value: Int32, at block: Int) -> IntRange? {
        guard let i = function.definingInstruction(value) else { return nil }
        let inst = function.instructions[Int(i)]
        let ops = function.operands(of: inst)
        guard ops.count == 1, let operand = ops.first else { return nil }
        switch inst.opcode {
        case .structInst, .structExtract:
            return range(of: operand, at: block)
        case .builtin:
            guard let name = text.builtinName(inst) else { return nil }
            let parts = name.split(separator: "_")
            let kind = parts.first.map(String.init) ?? name
            guard ["zext", "sext", "trunc", "zextOrBitCast", "sextOrBitCast", "truncOrBitCast"].contains(kind), parts.count == 3 else { return nil }
            return IntegerWidth.convert(range(of: operand, at: block), kind, from: IntegerWidth(parts[1]), to: IntegerWidth(parts[2]))
        default:
            return nil
        }
    }

    /// Each block's `cond_fail` conditions (`cond_fail %13, "Range requires lowerBound <= upperBound"`).
    private lazy var condFails: [Int: [Int32]] = {
        var found: [Int: [Int32]] = [:]
        for (b, block) in function.blocks.enumerated() {
            for index in block.instructions where function.instructions[Int(index)].opcode == .condFail {
                if let c = function.operands(of: function.instructions[Int(index)]).first { found[b, default: []].append(c) }
            }
        }
        return found
    }()

    /// The largest value `value` can have in `block`, if the code bounds it.
    func upperBound(of value: Int32, at block: Int) -> Int? {
        if let c = constants.constant(value, in: function) { return c }
        let r = range(of: value, at: block)
        return r.isEmpty ? nil : r.upperBound
    }

    // MARK: A value's own range

    private func ownRange(_ value: Int32) -> IntRange {
        if let c = constants.constant(value, in: function) { return .exactly(c) }
        if let bound = bindings[value] { return bound }
        if let known = own[value] { return known }
        guard inProgress.insert(value).inserted else { return .full }
        defer { inProgress.remove(value) }
        let r = compute(value)
        own[value] = r
        return r
    }

    private func compute(_ value: Int32) -> IntRange {
        guard let index = function.definingInstruction(value) else { return blockArgumentRange(value) }
        let inst = function.instructions[Int(index)]
        let ops = Array(function.operands(of: inst))
        switch inst.opcode {
        case .structInst, .structExtract, .uncheckedBitwiseCast:
            return ops.count == 1 ? ownRange(ops[0]) : .full
        case .tupleExtract:
            // `tuple_extract (builtin "sadd_with_overflow_Int64"(a, b, _)), 0`: a checked result
            // (the overflow traps), so the exact interval result.
            guard let tuple = ops.first, text.rest(inst).hasSuffix(", 0"),
                  let defining = function.definingInstruction(tuple) else { return .full }
            return builtinRange(function.instructions[Int(defining)], checked: true)
        case .builtin:
            return builtinRange(inst, checked: false)
        case .apply:
            return minMaxCallRange(inst, ops)
        case .load:
            if function.readsEmptyArrayCount(ops.first, text: text) { return .exactly(0) }
            if let array = capacityLoadedFrom(ops.first) {
                // `_capacityAndFlags` holds the capacity shifted left by one, and a flag bit.
                guard let hook = arrayCapacityBound, let bound = hook(array) else { return .full }
                usedAssumptions.append((value, bound.assumption, bound.stated))
                return IntRange(lo: 0, hi: saturatingAdd(saturatingMultiply(bound.capacity, 2), 1))
            }
            guard let counted = countedStorage(ops.first) else { return .full }
            if let hook = arrayCountBound, let array = counted.loadedFrom, let bound = hook(array) {
                usedAssumptions.append((value, bound.assumption, bound.stated))
                return IntRange(lo: 0, hi: bound.count)
            }
            if let n = staticArrayCount(counted.storage) { return .exactly(n) }
            if let hook = storageCountBound, let n = hook(counted.storage) { return IntRange(lo: 0, hi: n) }
            return .full
        default:
            return .full
        }
    }

    /// The storage reference whose count `address` reads, and the address that reference was
    /// loaded from, if it was: `load (struct_element_addr (ref_element_addr (load A),
    /// #countAndCapacity), #count)` gives the loaded reference and A.
    private func countedStorage(_ address: Int32?) -> (storage: Int32, loadedFrom: Int32?)? {
        var a = address
        var sawCount = false
        var storage: Int32? = nil
        for _ in 0..<12 {
            guard let v = a, let i = function.definingInstruction(v) else { return storage.map { ($0, nil) } }
            let inst = function.instructions[Int(i)]
            switch inst.opcode {
            case .structElementAddr where storage == nil:
                if text.module.field(of: inst) == "_SwiftArrayBodyStorage.count" { sawCount = true }
            case .refElementAddr where storage == nil:
                guard sawCount, text.module.field(of: inst) == "__ContiguousArrayStorageBase.countAndCapacity",
                      let reference = function.operands(of: inst).first else { return nil }
                storage = reference
            case .upcast, .uncheckedRefCast, .structExtract:
                break
            case .load:
                return storage.map { ($0, function.operands(of: inst).first) }
            default:
                return storage.map { ($0, nil) }
            }
            a = function.operands(of: inst).first
        }
        return storage.map { ($0, nil) }
    }

    /// The address an array's buffer was loaded from, when `address` reads that buffer's
    /// capacity: `load (struct_element_addr (ref_element_addr (load A), #countAndCapacity),
    /// #_capacityAndFlags)` gives A.
    private func capacityLoadedFrom(_ address: Int32?) -> Int32? {
        var a = address
        var sawCapacity = false
        for _ in 0..<12 {
            guard let v = a, let i = function.definingInstruction(v) else { return nil }
            let inst = function.instructions[Int(i)]
            switch inst.opcode {
            case .structElementAddr:
                if text.module.field(of: inst) == "_SwiftArrayBodyStorage._capacityAndFlags" { sawCapacity = true }
            case .refElementAddr:
                guard sawCapacity, text.module.field(of: inst) == "__ContiguousArrayStorageBase.countAndCapacity" else { return nil }
            case .upcast, .uncheckedRefCast:
                break
            case .load:
                return sawCapacity ? function.operands(of: inst).first : nil
            default:
                return nil
            }
            a = function.operands(of: inst).first
        }
        return nil
    }

    /// The count of an array literal of constants, built at compile time (`global_value` of a
    /// statically initialized object, through casts): it never changes.
    private func staticArrayCount(_ storage: Int32) -> Int? {
        var v = storage
        for _ in 0..<4 {
            guard let i = function.definingInstruction(v) else { return nil }
            let inst = function.instructions[Int(i)]
            switch inst.opcode {
            case .upcast, .uncheckedRefCast:
                guard let base = function.operands(of: inst).first else { return nil }
                v = base
            case .globalValue:
                return text.referencedFunction(inst).flatMap { text.module.staticTailElementCount(ofGlobal: $0) }
            default:
                return nil
            }
        }
        return nil
    }

    /// Forgets every range worked out so far: a hook now knows more (the growth models' counts).
    func forgetComputedRanges() {
        own = [:]
    }

    /// Whether a branch condition (`cmp_*` on full-width integers, or an `Int1` literal) is
    /// decided by its operands' own ranges (constants, a parameter's range in this calling
    /// context, an empty literal's count): nil when it may go either way. The conditions that
    /// dominate the branch are not consulted: asked of every branch of every function, the
    /// walk up the dominator tree would cost more than the rare branch it settles.
    func decided(_ condition: Int32) -> Bool? {
        if let c = constants.constant(condition, in: function) { return c != 0 }
        guard let ci = function.definingInstruction(condition) else { return nil }
        let cmp = function.instructions[Int(ci)]
        guard cmp.opcode == .builtin, let name = text.builtinName(cmp), name.hasPrefix("cmp_"),
              let widthName = name.split(separator: "_").last, IntegerWidth(widthName).isFull else { return nil }
        let ops = Array(function.operands(of: cmp))
        guard ops.count == 2 else { return nil }
        let a = ownRange(ops[0]), b = ownRange(ops[1])
        guard !a.isEmpty, !b.isEmpty else { return nil }
        switch String(name.dropFirst(4).prefix(while: { $0 != "_" })) {
        case "eq": return a.lo == a.hi && a == b ? true : (a.hi < b.lo || b.hi < a.lo ? false : nil)
        case "ne": return a.lo == a.hi && a == b ? false : (a.hi < b.lo || b.hi < a.lo ? true : nil)
        case "slt": return a.hi < b.lo ? true : (a.lo >= b.hi ? false : nil)
        case "sle": return a.hi <= b.lo ? true : (a.lo > b.hi ? false : nil)
        case "sgt": return a.lo > b.hi ? true : (a.hi <= b.lo ? false : nil)
        case "sge": return a.lo >= b.hi ? true : (a.hi < b.lo ? false : nil)
        default: return nil   // unsigned comparisons read negative ranges differently
        }
    }

    /// The stdlib's `min(_:_:)` and `max(_:_:)` on Int, called rather than inlined (at -Onone,
    /// where `Array`'s allocation paths clamp a capacity with `max(0, n)`): the interval result.
    private func minMaxCallRange(_ inst: Instruction, _ ops: [Int32]) -> IntRange {
        guard ops.count == 3, let ref = function.definingInstruction(ops[0]),
              let callee = text.referencedFunction(function.instructions[Int(ref)]) else { return .full }
        let isMax = Self.stdlibMaxOnInt.contains { callee.hasPrefix($0) }
        guard isMax || Self.stdlibMinOnInt.contains(where: { callee.hasPrefix($0) }) else { return .full }
        let a = ownRange(ops[1]), b = ownRange(ops[2])
        guard !a.isEmpty, !b.isEmpty else { return .full }
        return isMax ? IntRange(lo: max(a.lo, b.lo), hi: max(a.hi, b.hi)) : IntRange(lo: min(a.lo, b.lo), hi: min(a.hi, b.hi))
    }

    /// `Swift.max<A: Comparable>(A, A) -> A` specialized for Int (Embedded `$e…`, ordinary `$s…`).
    static let stdlibMaxOnInt = ["$es3maxyxx_xtSLRzlFSi_", "$ss3maxyxx_xtSLRzlFSi_"]
    static let stdlibMinOnInt = ["$es3minyxx_xtSLRzlFSi_", "$ss3minyxx_xtSLRzlFSi_"]

    private func builtinRange(_ inst: Instruction, checked: Bool) -> IntRange {
        guard inst.opcode == .builtin, let name = text.builtinName(inst) else { return .full }
        let ops = Array(function.operands(of: inst))
        guard let first = ops.first else { return .full }
        let a = ownRange(first)
        let parts = name.split(separator: "_")
        let kind = parts.first.map(String.init) ?? name
        if kind == "assumeNonNegative" { return a.intersection(IntRange(lo: 0, hi: .max)) }
        if ["zext", "sext", "trunc", "zextOrBitCast", "sextOrBitCast", "truncOrBitCast"].contains(kind), parts.count == 3 {
            return IntegerWidth.convert(a, kind, from: IntegerWidth(parts[1]), to: IntegerWidth(parts[2]))
        }
        guard ops.count >= 2 else { return .full }
        let b = ownRange(ops[1])
        if kind == "ssub", checked, isRangeLength(ops[0], ops[1]) {
            // A Range's bounds are ordered (its initializer checks lowerBound <= upperBound).
            return wideRange(kind, a, b, checked: checked).intersection(IntRange(lo: 0, hi: .max))
        }
        // Below 64 bits a value's bits read differently signed and unsigned (UInt8 250 is Int8
        // -6), and wrapping is within the width: trusted only where both readings agree.
        if let width = parts.last.map(IntegerWidth.init), !width.isFull {
            let r = wideRange(kind, a, b, checked: checked)
            // Checked signed arithmetic (Int on a 32-bit target) reads its operands signed and
            // traps rather than leave the signed range: exact for operands within it.
            if checked, ["sadd", "ssub", "smul"].contains(kind), width.bits > 1, !width.isWord {
                let signed = IntRange(lo: -(1 << (width.bits - 1)), hi: (1 << (width.bits - 1)) - 1)
                return a.intersection(signed) == a && b.intersection(signed) == b ? r.intersection(signed) : .full
            }
            return width.holdsUnambiguously(a) && width.holdsUnambiguously(b) && width.holdsUnambiguously(r) ? r : .full
        }
        return wideRange(kind, a, b, checked: checked)
    }

    /// `upperBound - lowerBound` of one `Range<Int>` value: both operands extracted from it.
    private func isRangeLength(_ upper: Int32, _ lower: Int32) -> Bool {
        func bound(_ v: Int32) -> (range: Int32, field: Substring)? {
            var v = v
            for _ in 0..<3 {
                guard let i = function.definingInstruction(v), function.instructions[Int(i)].opcode == .structExtract,
                      let base = function.operands(of: function.instructions[Int(i)]).first else { return nil }
                let field = Substring(text.module.field(of: function.instructions[Int(i)]) ?? "")
                if field == "Range.upperBound" || field == "Range.lowerBound" { return (base, field) }
                guard field == "Int._value" else { return nil }
                v = base
            }
            return nil
        }
        guard let u = bound(upper), let l = bound(lower) else { return false }
        return u.range == l.range && u.field == "Range.upperBound" && l.field == "Range.lowerBound"
    }

    /// The result of a two-operand builtin on 64-bit values.
    private func wideRange(_ kind: String, _ a: IntRange, _ b: IntRange, checked: Bool) -> IntRange {
        switch kind {
        case "sadd", "ssub", "smul", "uadd", "usub", "umul":
            // Only as the checked result (`tuple_extract …, 0`): an overflow traps instead.
            guard checked else { return .full }
            return kind.hasSuffix("add") ? a + b : kind.hasSuffix("sub") ? a - b : a * b
        case "add", "sub", "mul":
            // Wrapping arithmetic (`&+`): exact only when both sides are bounded and nothing wraps.
            let r = kind == "add" ? a + b : kind == "sub" ? a - b : a * b
            let bounded = [a.lo, a.hi, b.lo, b.hi, r.lo, r.hi].allSatisfy { $0 != .min && $0 != .max }
            return bounded ? r : .full
        case "and":
            // x & c with c ≥ 0 is within [0, c]; two non-negative operands, within [0, min].
            if a.lo >= 0 && b.lo >= 0 { return IntRange(lo: 0, hi: min(a.hi, b.hi)) }
            if b.lo >= 0 { return IntRange(lo: 0, hi: b.hi) }
            if a.lo >= 0 { return IntRange(lo: 0, hi: a.hi) }
            return .full
        case "urem", "srem":
            guard b.lo > 0, b.hi != .max else { return .full }
            let m = b.hi - 1
            if a.lo >= 0 { return IntRange(lo: 0, hi: min(a.hi, m)) }
            return kind == "urem" ? IntRange(lo: 0, hi: m) : IntRange(lo: -m, hi: m)
        case "udiv", "sdiv":
            guard b.lo > 0, a.lo >= 0 else { return .full }
            return IntRange(lo: a.lo / b.hi, hi: a.hi == .max ? .max : a.hi / b.lo)
        case "lshr", "ashr":
            guard a.lo >= 0, b.lo >= 0, b.hi < 64 else { return .full }
            return IntRange(lo: a.lo >> b.hi, hi: a.hi == .max ? .max : a.hi >> b.lo)
        default:
            return .full
        }
    }

    /// A block argument: outside loop headers, the union of what each incoming edge passes.
    private func blockArgumentRange(_ value: Int32) -> IntRange {
        if let (b, position) = argumentPlaces[value] {
            if headers.contains(b) { return inductionRange(value, header: b, position: position) }
            guard b != 0, !cfg.predecessors[b].isEmpty else { return .full }
            var r = IntRange(lo: 1, hi: 0)   // empty
            for p in cfg.predecessors[b] {
                let term = function.instructions[Int(function.blocks[p].terminatorIndex)]
                // Only plain branches pass arguments this way (a try_apply's or switch's don't).
                guard term.opcode == .br || term.opcode == .condBr else { return .full }
                for s in function.successors(of: term) where Int(s.block) == b {
                    let passed = function.arguments(of: s)
                    guard position < passed.count else { return .full }
                    let v = passed[passed.startIndex + position]
                    r = r.union(range(of: v, at: p).intersection(edgeConstraint(on: v, from: p, to: b)))
                }
            }
            return r.isEmpty ? .full : r
        }
        return .full
    }

    /// A loop counter: a header argument that enters with some range and comes round from the
    /// loop's own blocks as itself plus a constant. Over the header's H runs it takes at most
    /// H values, so it stays within the entry range widened by H − 1 of the largest steps each
    /// way. Full when the loop's runs are unknown or a way round is anything else.
    private func inductionRange(_ value: Int32, header b: Int, position: Int) -> IntRange {
        guard let runs = headerRuns?(b), runs > 0, let loop = loops.loops.first(where: { $0.header == b }) else { return .full }
        var entry = IntRange(lo: 1, hi: 0)   // empty
        var up = 0
        var down = 0
        for p in cfg.predecessors[b] {
            let term = function.instructions[Int(function.blocks[p].terminatorIndex)]
            guard term.opcode == .br || term.opcode == .condBr else { return .full }
            for s in function.successors(of: term) where Int(s.block) == b {
                let passed = function.arguments(of: s)
                guard position < passed.count else { return .full }
                let v = passed[passed.startIndex + position]
                if loop.blocks.contains(p) {
                    guard let step = constantStep(from: value, to: v) else { return .full }
                    up = max(up, step)
                    down = max(down, -step)
                } else {
                    entry = entry.union(range(of: v, at: p).intersection(edgeConstraint(on: v, from: p, to: b)))
                }
            }
        }
        guard !entry.isEmpty else { return .full }
        let steps = runs - 1
        let (rise, o1) = up.multipliedReportingOverflow(by: steps)
        let (fall, o2) = down.multipliedReportingOverflow(by: steps)
        let (hi, o3) = entry.hi == .max ? (Int.max, false) : entry.hi.addingReportingOverflow(rise)
        let (lo, o4) = entry.lo == .min ? (Int.min, false) : entry.lo.subtractingReportingOverflow(fall)
        // A step that may wrap around leaves nothing known.
        if o1 || o2 || o3 || o4 || (up > 0 && entry.hi == .max) || (down > 0 && entry.lo == .min) { return .full }
        return IntRange(lo: lo, hi: hi)
    }

    /// `next` is `counter` plus a constant (through `struct $Int` wrappers and a checked or
    /// wrapping add or subtract): that constant.
    private func constantStep(from counter: Int32, to next: Int32) -> Int? {
        func strip(_ v: Int32) -> Int32 {
            var v = v
            for _ in 0..<4 {
                guard let i = function.definingInstruction(v) else { return v }
                let inst = function.instructions[Int(i)]
                guard inst.opcode == .structInst || inst.opcode == .structExtract, inst.operands.count == 1,
                      let base = function.operands(of: inst).first else { return v }
                v = base
            }
            return v
        }
        let base = strip(counter)
        var v = strip(next)
        if v == base { return 0 }
        guard var i = function.definingInstruction(v) else { return nil }
        if function.instructions[Int(i)].opcode == .tupleExtract, text.rest(function.instructions[Int(i)]).hasSuffix(", 0"),
           let tuple = function.operands(of: function.instructions[Int(i)]).first, let d = function.definingInstruction(tuple) {
            v = tuple
            i = d
        }
        let inst = function.instructions[Int(i)]
        guard inst.opcode == .builtin, let name = text.builtinName(inst), name.hasSuffix("_Int64") || name.hasSuffix("_Word") else { return nil }
        let ops = Array(function.operands(of: inst))
        guard ops.count >= 2, strip(ops[0]) == base, let c = constants.constant(ops[1], in: function) else { return nil }
        if name.hasPrefix("sadd") || name.hasPrefix("add_") { return c }
        if name.hasPrefix("ssub") || name.hasPrefix("sub_") { return c == .min ? nil : -c }
        return nil
    }

    // MARK: Branch conditions

    /// What taking the edge `from → to` says about `value` (full when nothing).
    private func edgeConstraint(on value: Int32, from: Int, to: Int) -> IntRange {
        let term = function.instructions[Int(function.blocks[from].terminatorIndex)]
        guard term.opcode == .condBr else { return .full }
        let succ = Array(function.successors(of: term))
        guard succ.count == 2, succ[0].block != succ[1].block else { return .full }
        let taken = Int(succ[0].block) == to
        guard taken || Int(succ[1].block) == to, let condition = function.operands(of: term).first else { return .full }
        return comparisonConstraint(condition, holds: taken, on: value, at: from)
    }

    /// What `condition` (a `cmp_*` builtin) being `holds` says about `value`, at the end of `block`.
    private func comparisonConstraint(_ condition: Int32, holds taken: Bool, on value: Int32, at from: Int) -> IntRange {
        guard let ci = function.definingInstruction(condition) else { return .full }
        let cmp = function.instructions[Int(ci)]
        guard cmp.opcode == .builtin, let name = text.builtinName(cmp), name.hasPrefix("cmp_") else { return .full }
        // Narrower comparisons read bits that a range may hold in the other signedness.
        guard let widthName = name.split(separator: "_").last, IntegerWidth(widthName).isFull else { return .full }
        let ops = Array(function.operands(of: cmp))
        guard ops.count == 2 else { return .full }
        let relation = String(name.dropFirst(4).prefix(while: { $0 != "_" }))
        if sameInteger(ops[0], value) {
            return Self.constraint(relation, taken, other: range(of: ops[1], at: from), valueOnLeft: true)
        }
        if sameInteger(ops[1], value) {
            return Self.constraint(relation, taken, other: range(of: ops[0], at: from), valueOnLeft: false)
        }
        return .full
    }

    /// The range of `v` given `v REL other` (or `other REL v`) is `holds`.
    static func constraint(_ relation: String, _ holds: Bool, other k: IntRange, valueOnLeft: Bool) -> IntRange {
        // Normalise to `v REL k`.
        var rel = relation
        if !valueOnLeft {
            rel = ["slt": "sgt", "sgt": "slt", "sle": "sge", "sge": "sle", "ult": "ugt", "ugt": "ult",
                   "ule": "uge", "uge": "ule", "eq": "eq", "ne": "ne"][rel] ?? ""
        }
        if !holds {
            rel = ["slt": "sge", "sge": "slt", "sgt": "sle", "sle": "sgt", "ult": "uge", "uge": "ult",
                   "ugt": "ule", "ule": "ugt", "eq": "ne", "ne": "eq"][rel] ?? ""
        }
        func below(_ x: Int) -> Int { x == .min ? .min : x - 1 }
        func above(_ x: Int) -> Int { x == .max ? .max : x + 1 }
        switch rel {
        case "slt": return IntRange(lo: .min, hi: below(k.hi))
        case "sle": return IntRange(lo: .min, hi: k.hi)
        case "sgt": return IntRange(lo: above(k.lo), hi: .max)
        case "sge": return IntRange(lo: k.lo, hi: .max)
        case "eq": return k
        // Unsigned: v <u k with k ≥ 0 means 0 ≤ v < k as signed values.
        case "ult": return k.lo >= 0 ? IntRange(lo: 0, hi: below(k.hi)) : .full
        case "ule": return k.lo >= 0 ? IntRange(lo: 0, hi: k.hi) : .full
        default: return .full
        }
    }

    private func sameInteger(_ a: Int32, _ b: Int32) -> Bool { function.isSameInteger(a, b, text: text) }
}

extension Function {
    /// Whether two values are the same integer under `struct $Int (%x)` / `struct_extract
    /// %y, #Int._value` wrappers and `assumeNonNegative`.
    func isSameInteger(_ a: Int32, _ b: Int32, text: InstructionText) -> Bool {
        func unwrapped(_ v: Int32) -> Int32 {
            var v = v
            for _ in 0..<4 {
                guard let i = definingInstruction(v) else { return v }
                let inst = instructions[Int(i)]
                // `assumeNonNegative` only tells the optimizer what the value already is.
                let wraps = inst.opcode == .structInst || inst.opcode == .structExtract || text.builtinName(inst)?.hasPrefix("assumeNonNegative") == true
                guard wraps, operands(of: inst).count == 1 else { return v }
                v = operands(of: inst).first!
            }
            return v
        }
        return unwrapped(a) == unwrapped(b)
    }
}

/// The width of a builtin integer type in a builtin's name (`Int8`, `Int64`, `Word`), for the
/// ranges of values narrower than 64 bits. `Word` is 32 or 64 bits by target, so it is treated
/// as narrow: only values both widths hold alike keep their range.
struct IntegerWidth {
    let bits: Int
    /// `Word`: 32 bits when narrow, but possibly 64, so no narrower wrap-around is assumed.
    let isWord: Bool
    init(_ name: Substring) {
        isWord = name == "Word"
        switch name {
        case "Int1": bits = 1
        case "Int8": bits = 8
        case "Int16": bits = 16
        case "Int32", "Word": bits = 32
        case "Int64", "Int128": bits = 64
        default: bits = 0      // not a width: treated as the narrowest
        }
    }
    var isFull: Bool { bits == 64 }

    /// Values whose bits read the same signed and unsigned: 0 ..< 2^(bits − 1).
    func holdsUnambiguously(_ r: IntRange) -> Bool {
        bits >= 64 || (bits > 1 && r.lo >= 0 && r.hi < (1 << (bits - 1)))
    }

    /// A conversion between widths: exact for values both readings agree on; otherwise the
    /// whole range of a narrow source (a zero extension of an 8-bit value is below 2^8).
    static func convert(_ a: IntRange, _ kind: String, from: IntegerWidth, to: IntegerWidth) -> IntRange {
        if from.isFull && to.isFull { return a }
        if kind.hasPrefix("trunc") {
            return to.holdsUnambiguously(a) ? a : .full
        }
        if from.holdsUnambiguously(a) { return a }
        // Up to 16 bits the whole range is a useful bound (`Int(byte)` ≤ 255); a 32-bit one
        // (Int on a 32-bit target) is no bound worth keeping: an unknown Int stays unknown.
        guard from.bits > 0, from.bits <= 16, !from.isWord else { return .full }
        if kind.hasPrefix("zext") { return IntRange(lo: 0, hi: (1 << from.bits) - 1) }
        return IntRange(lo: -(1 << (from.bits - 1)), hi: (1 << (from.bits - 1)) - 1)
    }
}
