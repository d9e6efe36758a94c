// What a 64-bit comparison with a constant says on one edge of its `cond_br`: the largest
// value the compared operand can have when that edge is taken (`count < 16` taken: 15;
// `count >= 8` not taken: 7). The count guards of places (FunctionChanges+Guards.swift) and of
// local collections (LocalCountGuards.swift) read their limits from it.

import SILModel

struct EdgeLimit {
    /// The compared operand that is not the constant.
    var operand: Int32
    /// Its largest value on the edge.
    var upperBound: Int
}

extension Function {
    /// The bounds the branch `term` puts, on its edge to block `to`, on each operand it
    /// compares with a constant (`cmp_*_Int64` only: narrower comparisons read bits a range may
    /// hold in the other signedness).
    func edgeLimits(_ term: Instruction, to: Int, text: InstructionText, constants: ConstantEvaluator) -> [EdgeLimit] {
        let succ = Array(successors(of: term))
        guard term.opcode == .condBr, succ.count == 2, succ[0].block != succ[1].block,
              let condition = operands(of: term).first, let ci = definingInstruction(condition) else { return [] }
        let cmp = instructions[Int(ci)]
        guard cmp.opcode == .builtin, let name = text.builtinName(cmp), name.hasPrefix("cmp_"), name.hasSuffix("_Int64") else { return [] }
        let ops = Array(operands(of: cmp))
        guard ops.count == 2 else { return [] }
        let relation = String(name.dropFirst(4).prefix { $0 != "_" })
        let taken = Int(succ[0].block) == to
        var limits: [EdgeLimit] = []
        for (k, other) in [(0, 1), (1, 0)] {
            guard let c = constants.constant(ops[other], in: self),
                  let hi = ValueRanges.constraint(relation, taken, other: .exactly(c), valueOnLeft: k == 0).upperBound else { continue }
            limits.append(EdgeLimit(operand: ops[k], upperBound: hi))
        }
        return limits
    }

    /// Whether instruction `a` runs before `b` on every path to `b` (the same block, earlier or
    /// the same; or a block that dominates `b`'s).
    func instruction(_ a: Int32, dominates b: Int32, cfg: ControlFlowGraph) -> Bool {
        let blockA = Int(block(containing: a)), blockB = Int(block(containing: b))
        if blockA == blockB { return a <= b }
        return cfg.dominates(blockA, blockB)
    }
}
