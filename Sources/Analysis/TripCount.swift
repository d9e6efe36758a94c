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

    /// The constant trip count of loop `l`, if the loop has the recognised shape.
    func inferredTripCount(_ l: Int) -> Int? {
        let loop = loops.loops[l]
        let header = function.blocks[loop.header]
        let headerArgs = Array(function.arguments(of: header))
        guard !headerArgs.isEmpty else { return nil }
        // Incoming values per header argument, split into entry and back edges.
        var best: Int? = nil
        for (k, arg) in headerArgs.enumerated() {
            var initial: Int? = nil
            var initialHigh: Int? = nil
            var consistent = true
            var nextValues: Set<Int32> = []
            for p in cfg.predecessors[loop.header] {
                let term = function.instructions[Int(function.blocks[p].terminatorIndex)]
                for s in function.successors(of: term) where Int(s.block) == loop.header {
                    let args = function.arguments(of: s)
                    guard k < args.count else { consistent = false; continue }
                    let v = args[args.startIndex + k]
                    if loop.blocks.contains(p) {
                        nextValues.insert(v)
                    } else if let c = constants.constant(v, in: function) {
                        initial = min(initial ?? c, c)
                        initialHigh = max(initialHigh ?? c, c)
                    } else if let r = ranges?.range(of: v, at: p), r.lo != .min, !r.isEmpty {
                        initial = min(initial ?? r.lo, r.lo)
                        initialHigh = max(initialHigh ?? r.hi, r.hi)
                    } else {
                        consistent = false
                    }
                }
            }
            guard consistent, let start = initial, nextValues.count == 1, let next = nextValues.first,
                  let step = increment(of: next, base: arg), step > 0 else { continue }
            // Find an exit test on `next` (or `arg`) against a constant, dominating every latch.
            for b in loop.blocks {
                let term = function.instructions[Int(function.blocks[b].terminatorIndex)]
                guard term.opcode == .condBr else { continue }
                let succs = Array(function.successors(of: term))
                guard succs.contains(where: { !loop.blocks.contains(Int($0.block)) }) else { continue }
                guard loop.latches.allSatisfy({ cfg.dominates(b, $0) }) else { continue }
                guard let condition = function.operands(of: term).first,
                      let cmpIndex = function.definingInstruction(condition) else { continue }
                let cmp = function.instructions[Int(cmpIndex)]
                guard cmp.opcode == .builtin, let name = text.builtinName(cmp), name.hasPrefix("cmp_") else { continue }
                let ops = Array(function.operands(of: cmp))
                guard ops.count == 2 else { continue }
                let (lhs, rhs) = (ops[0], ops[1])
                let counter: Int32, boundValue: Int32
                if lhs == next || lhs == arg || isSameInt(lhs, next) || isSameInt(lhs, arg) { counter = lhs; boundValue = rhs }
                else if rhs == next || rhs == arg || isSameInt(rhs, next) || isSameInt(rhs, arg) { counter = rhs; boundValue = lhs }
                else { continue }
                guard let limits = limitRange(boundValue, at: b, in: loop) else { continue }
                let bound = limits.hi
                let (span0, overflow) = bound.subtractingReportingOverflow(start)
                guard !overflow else { continue }
                let span = max(0, span0)
                var trips = (span + step - 1) / step
                let exact = name.hasPrefix("cmp_eq") && (counter == next || isSameInt(counter, next))
                // An equality test stops the loop only if it is met: every start at or below
                // every limit, counting by one (always so for constants the old way).
                if exact, limits.lo != limits.hi || initialHigh != start {
                    guard step == 1, let high = initialHigh, high <= limits.lo else { continue }
                }
                if !exact { trips += 1 }
                trips = max(trips, 1)
                best = min(best ?? trips, trips)
            }
        }
        return best
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

    /// `tuple_extract (builtin "sadd_with_overflow_Int64"(base, step, _)), 0` → step.
    private func increment(of value: Int32, base: Int32) -> Int? {
        guard let i = function.definingInstruction(value) else { return nil }
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
              name.hasPrefix("sadd_with_overflow") || name.hasPrefix("uadd_with_overflow") else { return nil }
        let ops = Array(function.operands(of: add))
        guard ops.count >= 2 else { return nil }
        if ops[0] == base || isSameInt(ops[0], base) { return constants.constant(ops[1], in: function) }
        if ops[1] == base || isSameInt(ops[1], base) { return constants.constant(ops[0], in: function) }
        return nil
    }

    /// `struct $Int (%x)` / `struct_extract %y, #Int._value` wrappers around the same integer.
    private func isSameInt(_ a: Int32, _ b: Int32) -> Bool {
        func unwrap(_ v: Int32) -> Int32 {
            var v = v
            for _ in 0..<4 {
                guard let i = function.definingInstruction(v) else { return v }
                let inst = function.instructions[Int(i)]
                guard inst.opcode == .structInst || inst.opcode == .structExtract,
                      function.operands(of: inst).count == 1 else { return v }
                v = function.operands(of: inst).first!
            }
            return v
        }
        return unwrap(a) == unwrap(b)
    }
}
