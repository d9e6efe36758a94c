// What the edges into a block argument pass: one place for the walk the growth models, the
// count proofs and the range analysis all make over phis.

import SILModel

extension Function {
    /// The value every edge into block argument `parameter` passes (one per edge), or nil when
    /// it is not a block argument of a block other than the entry, or an edge is not a plain
    /// `br`/`cond_br` (a `switch_enum` or `try_apply` edge passes something else).
    func phiInputs(_ parameter: Int32, cfg: ControlFlowGraph) -> [Int32]? {
        phiIncoming(parameter, cfg: cfg)?.map(\.value)
    }

    /// The same, with the predecessor block each value comes from.
    func phiIncoming(_ parameter: Int32, cfg: ControlFlowGraph) -> [(predecessor: Int, value: Int32)]? {
        guard case .blockArgument(let b, let position) = valueDefinitions[Int(parameter)], b != 0 else { return nil }
        var values: [(predecessor: Int, value: Int32)] = []
        for p in cfg.predecessors[Int(b)] {
            let term = instructions[Int(blocks[p].terminatorIndex)]
            guard term.opcode == .br || term.opcode == .condBr else { return nil }
            for s in successors(of: term) where s.block == b {
                let passed = arguments(of: s)
                guard Int(position) < passed.count else { return nil }
                values.append((p, passed[passed.startIndex + Int(position)]))
            }
        }
        return values
    }
}
