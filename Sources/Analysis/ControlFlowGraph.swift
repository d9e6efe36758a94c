// Successors, predecessors, reverse post-order and dominators of a function's blocks.
//
// Dominators use the iterative algorithm of Cooper, Harvey and Kennedy over the
// reverse post-order: linear in practice for the small CFGs of kernel code.

import SILModel

public struct ControlFlowGraph {
    public let successors: [[Int]]
    public let predecessors: [[Int]]
    /// Blocks reachable from the entry, in reverse post-order.
    public let reversePostOrder: [Int]
    /// Position of each block in `reversePostOrder`, or -1 if unreachable.
    public let rpoIndex: [Int]
    /// Immediate dominator of each reachable block (the entry's is itself), -1 if unreachable.
    public let immediateDominator: [Int]

    public init(_ function: Function) {
        let n = function.blocks.count
        var succ = Array(repeating: [Int](), count: n)
        var pred = Array(repeating: [Int](), count: n)
        for (b, block) in function.blocks.enumerated() {
            let term = function.instructions[Int(block.terminatorIndex)]
            for s in function.successors(of: term) where s.block >= 0 {
                let t = Int(s.block)
                if !succ[b].contains(t) {
                    succ[b].append(t)
                    pred[t].append(b)
                }
            }
        }
        successors = succ
        predecessors = pred

        // Iterative DFS post-order.
        var post: [Int] = []
        var visited = Array(repeating: false, count: n)
        if n > 0 {
            var stack: [(Int, Int)] = [(0, 0)]
            visited[0] = true
            while let (b, k) = stack.last {
                if k < succ[b].count {
                    stack[stack.count - 1].1 += 1
                    let s = succ[b][k]
                    if !visited[s] {
                        visited[s] = true
                        stack.append((s, 0))
                    }
                } else {
                    post.append(b)
                    stack.removeLast()
                }
            }
        }
        let rpo = Array(post.reversed())
        var index = Array(repeating: -1, count: n)
        for (i, b) in rpo.enumerated() { index[b] = i }
        reversePostOrder = rpo
        rpoIndex = index

        var idom = Array(repeating: -1, count: n)
        if n > 0 {
            idom[0] = 0
            var changed = true
            while changed {
                changed = false
                for b in rpo where b != 0 {
                    var newIdom = -1
                    for p in pred[b] where idom[p] != -1 {
                        if newIdom == -1 { newIdom = p; continue }
                        var x = p, y = newIdom
                        while x != y {
                            while index[x] > index[y] { x = idom[x] }
                            while index[y] > index[x] { y = idom[y] }
                        }
                        newIdom = x
                    }
                    if newIdom != -1, idom[b] != newIdom {
                        idom[b] = newIdom
                        changed = true
                    }
                }
            }
        }
        immediateDominator = idom
    }

    /// True when `a` dominates `b` (both reachable).
    public func dominates(_ a: Int, _ b: Int) -> Bool {
        guard rpoIndex[a] >= 0, rpoIndex[b] >= 0 else { return false }
        var x = b
        while true {
            if x == a { return true }
            let up = immediateDominator[x]
            if up == x || up < 0 { return false }
            x = up
        }
    }
}
