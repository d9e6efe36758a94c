// How many times a loop's header can run.
//
// 1. A `maxlive.loop_bound` marker called directly in the loop (not in a nested
//    loop) gives the bound; it is trusted and reported as an assumption.
// 2. Otherwise a constant count is inferred from the rotated `-O` shape
//    (SILFacts §10):
//
//      bb1:  br bb3(%zero)                                  entry: %iv starts at 0
//      bb3(%iv):                                            header
//            %n = tuple_extract (builtin "sadd_with_overflow_Int64"(%iv, %one, _)), 0
//            %c = builtin "cmp_eq_Int64"(%n, %hundred)
//            cond_br %c, bbExit, bbLatch                    exit test dominating the latch
//      bbLatch: br bb3(%n)                                  back edge: %iv += 1
//
//    trips = ceil((100 − 0) / 1) = 100 when the test compares the incremented value for
//    equality; any other comparison gets one more iteration, to stay sound.
// 3. Where the start or the limit is not a constant, their ranges (ValueRanges.swift) give the
//    count: the lowest start and the highest limit the code allows (`guard n <= 16`,
//    `min(n, 64)`, `n & 7`). The limit must be computed outside the loop. An equality test is
//    trusted only when every start lies at or below every limit (so the test is met exactly).

import SILModel

struct TripCountFinder {
    let function: Function
    let cfg: ControlFlowGraph
    let loops: LoopForest
    let text: InstructionText
    let constants: ConstantEvaluator
    /// Ranges of values that are not constants (nil: constants only).
    var ranges: ValueRanges? = nil

    /// How many times loop `l`'s header can run, if the loop has a recognised shape, and
    /// whether the test that bounds it is the header's own: then the last of those runs only
    /// leaves, and the rest of the loop runs at most one time fewer.
    func inferredTripCount(_ l: Int) -> (trips: Int, testedInHeader: Bool)? {
        let loop = loops.loops[l]
        let header = function.blocks[loop.header]
        var best: (trips: Int, testedInHeader: Bool)? = nil
        for (k, arg) in function.arguments(of: header).enumerated() {
            guard let (starts, next) = counter(k, of: loop), let step = increment(of: next, base: arg), step != 0 else { continue }
            for b in loop.blocks where loops.innermost[b] == l {
                guard let trips = trips(exitTestIn: b, loop: loop, counter: arg, next: next, starts: starts, step: step) else { continue }
                let candidate = (trips, b == loop.header)
                if let current = best, current.trips < trips || (current.trips == trips && current.testedInHeader) { continue }
                best = candidate
            }
        }
        return best
    }

    /// Header argument `k` as a counter: the range of values it enters the loop with, and the
    /// one value every back edge passes for it.
    private func counter(_ k: Int, of loop: Loop) -> (starts: IntRange, next: Int32)? {
        var starts: IntRange? = nil
        var nextValues: Set<Int32> = []
        for p in cfg.predecessors[loop.header] {
            let term = function.instructions[Int(function.blocks[p].terminatorIndex)]
            for s in function.successors(of: term) where Int(s.block) == loop.header {
                let args = function.arguments(of: s)
                guard k < args.count else { return nil }
                let v = args[args.startIndex + k]
                if loop.blocks.contains(p) { nextValues.insert(v); continue }
                let r: IntRange
                if let c = constants.constant(v, in: function) { r = .exactly(c) }
                else if let ranged = ranges?.range(of: v, at: p), !ranged.isEmpty { r = ranged }
                else { return nil }
                starts = starts.map { $0.union(r) } ?? r
            }
        }
        guard let starts, nextValues.count == 1, let next = nextValues.first else { return nil }
        return (starts, next)
    }

    /// The trip count an exit test in block `b` gives, if it is one: a `cond_br` leaving the loop
    /// on a comparison of the counter (`counter`, or `next`, its value for the next iteration)
    /// with a limit computed outside the loop, passed once per iteration.
    private func trips(exitTestIn b: Int, loop: Loop, counter arg: Int32, next: Int32, starts: IntRange, step: Int) -> Int? {
        let term = function.instructions[Int(function.blocks[b].terminatorIndex)]
        guard term.opcode == .condBr else { return nil }
        let succs = Array(function.successors(of: term))
        guard succs.count == 2, succs.contains(where: { !loop.blocks.contains(Int($0.block)) }),
              loop.latches.allSatisfy({ cfg.dominates(b, $0) }),
              let condition = function.operands(of: term).first,
              let cmpIndex = function.definingInstruction(condition) else { return nil }
        let cmp = function.instructions[Int(cmpIndex)]
        // Narrower integers wrap at their width (`i &+= 1` on a UInt8 reaches 140 from 120 by
        // way of 255 and 0): the counting below is for 64-bit counters; a narrower loop is left
        // to the run of the loop itself (SimulatedTripCount.swift).
        guard cmp.opcode == .builtin, let name = text.builtinName(cmp), name.hasPrefix("cmp_"),
              let width = name.split(separator: "_").last, IntegerWidth(width).isFull else { return nil }
        let ops = Array(function.operands(of: cmp))
        guard ops.count == 2 else { return nil }
        let counterOnLeft: Bool
        let counter: Int32, limitValue: Int32
        if isCounter(ops[0], arg, next) { counter = ops[0]; limitValue = ops[1]; counterOnLeft = true }
        else if isCounter(ops[1], arg, next) { counter = ops[1]; limitValue = ops[0]; counterOnLeft = false }
        else { return nil }
        guard let limits = limitRange(limitValue, at: b, in: loop) else { return nil }
        let isNext = counter == next || isSameInt(counter, next)
        let relation = String(name.dropFirst(4).prefix(while: { $0 != "_" }))
        let stayOnTrue = loop.blocks.contains(Int(succs[0].block))
        if relation == "eq" && !stayOnTrue && step > 0 {
            return equalityTrips(limits: limits, starts: starts, step: step, isNext: isNext)
        }
        // What staying in the loop says about the counter; it moves by `step` each iteration, so
        // it can stay only while it has not passed the far end of that range.
        let stay = ValueRanges.constraint(relation, stayOnTrue, other: limits, valueOnLeft: counterOnLeft)
        let distance: Int
        if step > 0 {
            guard stay.hi != .max, starts.lo != .min else { return nil }
            distance = stay.hi.subtractingReportingOverflow(starts.lo).overflow ? -1 : stay.hi - starts.lo
        } else {
            guard stay.lo != .min, starts.hi != .max else { return nil }
            distance = starts.hi.subtractingReportingOverflow(stay.lo).overflow ? -1 : starts.hi - stay.lo
        }
        guard distance >= -1 else { return nil }
        // Passes that stay: counter values start + j·step (j from 0, or 1 for `next`) within reach.
        let reach = distance < 0 ? 0 : distance / abs(step) + (isNext ? 0 : 1)
        return max(1, reach + 1)
    }

    /// `for i in 0..<n` rotated: the loop leaves when the next value equals the limit. That
    /// happens only if every start lies at or below every limit, counting by one (or exactly, for
    /// constants): then ceil((limit − start) / step) passes.
    private func equalityTrips(limits: IntRange, starts: IntRange, step: Int, isNext: Bool) -> Int? {
        let constant = limits.lo == limits.hi && starts.lo == starts.hi
        if !constant { guard step == 1, starts.hi <= limits.lo else { return nil } }
        let (span0, overflow) = limits.hi.subtractingReportingOverflow(starts.lo)
        guard !overflow else { return nil }
        var trips = (max(0, span0) + step - 1) / step
        if !isNext { trips += 1 }
        return max(trips, 1)
    }

    private func isCounter(_ v: Int32, _ arg: Int32, _ next: Int32) -> Bool {
        v == next || v == arg || isSameInt(v, next) || isSameInt(v, arg)
    }

    /// The values a loop's limit can take at its exit test: a constant, or a value computed
    /// before the loop whose range is bounded above.
    private func limitRange(_ value: Int32, at block: Int, in loop: Loop) -> IntRange? {
        if let c = constants.constant(value, in: function) { return .exactly(c) }
        guard let ranges else { return nil }
        if let i = function.definingInstruction(value), loop.blocks.contains(Int(function.block(containing: i))) { return nil }
        if function.definingInstruction(value) == nil, let header = function.blocks.indices.first(where: { function.arguments(of: function.blocks[$0]).contains(value) }),
           loop.blocks.contains(header) { return nil }
        let r = ranges.range(of: value, at: block)
        return r.isEmpty || r.hi == .max || r.lo == .min ? nil : r
    }

    /// The constant the counter moves by: `next` is `base + c` or `base - c` as a checked
    /// result (`tuple_extract (builtin "sadd_with_overflow_Int64"(base, c, _)), 0`), possibly
    /// behind a `stride` saturation (`next` a block argument that is that sum, or Int.max / Int.min
    /// when the sum overflows).
    private func increment(of value: Int32, base: Int32) -> Int? {
        guard let i = function.definingInstruction(value) else { return saturatedIncrement(of: value, base: base) }
        var inst = function.instructions[Int(i)]
        if inst.opcode == .structInst, let inner = function.operands(of: inst).first,
           let j = function.definingInstruction(inner) {
            inst = function.instructions[Int(j)]
        }
        guard inst.opcode == .tupleExtract, text.rest(inst).hasSuffix(", 0"),
              let tupleValue = function.operands(of: inst).first,
              let addIndex = function.definingInstruction(tupleValue) else { return nil }
        let add = function.instructions[Int(addIndex)]
        guard add.opcode == .builtin, let name = text.builtinName(add),
              let width = name.split(separator: "_").last, IntegerWidth(width).isFull else { return nil }
        let adds = name.hasPrefix("sadd_with_overflow") || name.hasPrefix("uadd_with_overflow")
        let subtracts = name.hasPrefix("ssub_with_overflow")
        guard adds || subtracts else { return nil }
        let ops = Array(function.operands(of: add))
        guard ops.count >= 2 else { return nil }
        if ops[0] == base || isSameInt(ops[0], base) {
            return constants.constant(ops[1], in: function).map { subtracts ? -$0 : $0 }
        }
        if adds, ops[1] == base || isSameInt(ops[1], base) { return constants.constant(ops[0], in: function) }
        return nil
    }

    /// A block argument whose incoming values are one checked `base ± c` and otherwise the
    /// saturated Int.max (or Int.min): `stride`'s next value.
    private func saturatedIncrement(of value: Int32, base: Int32) -> Int? {
        guard let b = function.blocks.indices.first(where: { function.arguments(of: function.blocks[$0]).contains(value) }) else { return nil }
        let position = function.arguments(of: function.blocks[b]).firstIndex(of: value)! - function.arguments(of: function.blocks[b]).startIndex
        var step: Int? = nil
        var saturation: Int? = nil
        for p in cfg.predecessors[b] {
            let term = function.instructions[Int(function.blocks[p].terminatorIndex)]
            guard term.opcode == .br else { return nil }
            for s in function.successors(of: term) where Int(s.block) == b {
                let passed = function.arguments(of: s)
                guard position < passed.count else { return nil }
                let v = passed[passed.startIndex + position]
                if let c = constants.constant(v, in: function), c == .max || c == .min {
                    guard saturation == nil || saturation == c else { return nil }
                    saturation = c
                } else if let d = function.definingInstruction(v), function.instructions[Int(d)].opcode == .tupleExtract,
                          let inc = increment(of: v, base: base), step == nil || step == inc {
                    step = inc
                } else {
                    return nil
                }
            }
        }
        guard let step, let saturation, (step > 0) == (saturation == .max) else { return nil }
        return step
    }

    private func isSameInt(_ a: Int32, _ b: Int32) -> Bool { function.isSameInteger(a, b, text: text) }
}

/// The trip counts of a function's loops: how many times each header can run, and for some
/// loops the blocks that run one time fewer than it.
///
/// - A loop bounded by its header's own test (`for i in 0..<n` not rotated: `cmp_eq(%i, %n)` in
///   the header): its last header run only leaves, so every other block runs one time fewer: 8
///   iterations of `0..<min(n, 8)`, for 9 header runs.
/// - A loop bounded by a `maxlive.loop_bound(n)` marker outside its header: the marker's block
///   runs at most n times, and so does every block it dominates; the header and the blocks
///   before the marker may run once more, in the pass that leaves before reaching it
///   (`while keep(i) < n { maxliveLoopBound(8); … }`).
struct LoopTrips {
    private var headerRuns: [Int: Int] = [:]
    /// Per loop, the blocks that run at most one time fewer than its header.
    private(set) var fewerRuns: [Int: Set<Int>] = [:]

    /// How many times loop `l`'s header can run (nil: no bound); every block as many times.
    subscript(l: Int) -> Int? {
        get { headerRuns[l] }
        set { headerRuns[l] = newValue; fewerRuns[l] = nil }
    }

    /// Sets loop `l`'s header count, with the blocks that run one time fewer.
    mutating func set(_ l: Int, headerRuns runs: Int, fewer: Set<Int>) {
        headerRuns[l] = runs
        fewerRuns[l] = fewer.isEmpty ? nil : fewer
    }

    /// How many times block `b` of loop `l` can run per run of the loop.
    func runs(of b: Int, in l: Int) -> Int? {
        guard let t = headerRuns[l] else { return nil }
        return fewerRuns[l]?.contains(b) == true ? max(t - 1, 0) : t
    }
}
