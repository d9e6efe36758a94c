// Natural loops and their nesting.
//
// A back edge is an edge u → h where h dominates u; the loop of h is every block
// that reaches u without passing through h. Loops sharing a header are merged.
// An edge to an earlier block (in reverse post-order) that is not a back edge means
// the control flow is irreducible; the analysis then refuses to bound the function.
//
// In `-O` SIL a `for i in 0..<n` loop is rotated (SILFacts §10):
//
//   bb1:  br bb3(%54, %54)             // entry edge
//   bb3(%73, %74):                     // header: %74 is the induction variable
//         …
//         cond_br %170, bb11, bb10     // exit test
//   bb10: br bb3(%166, %77)            // back edge bb10 → bb3 (bb3 dominates bb10)
//
// Steps: (1) find bb10 → bb3 as a back edge, (2) walk predecessors from bb10 back to
// bb3 to collect the body {bb3 … bb10}, (3) nest loops by header containment.

import SILModel

public struct Loop {
    public var header: Int
    /// All blocks of the loop, nested loops' blocks included.
    public var blocks: Set<Int>
    /// Blocks with an edge back to the header.
    public var latches: [Int]
    public var parent: Int?
    public var children: [Int] = []
    /// 1 for an outermost loop.
    public var depth: Int = 1
}

public struct LoopForest {
    public var loops: [Loop] = []
    /// Innermost loop of each block, or nil.
    public var innermost: [Int?]
    /// Whether some retreating edge is not a back edge.
    public var isIrreducible = false

    public init(_ cfg: ControlFlowGraph, blockCount: Int) {
        innermost = Array(repeating: nil, count: blockCount)
        var byHeader: [Int: Int] = [:]
        for b in cfg.reversePostOrder {
            for s in cfg.successors[b] where cfg.rpoIndex[s] <= cfg.rpoIndex[b] {
                guard cfg.dominates(s, b) else { isIrreducible = true; continue }
                // Collect the natural loop of the back edge b → s.
                var body: Set<Int> = [s]
                var work = [b]
                while let x = work.popLast() {
                    if body.insert(x).inserted {
                        for p in cfg.predecessors[x] where cfg.rpoIndex[p] >= 0 { work.append(p) }
                    }
                }
                if let k = byHeader[s] {
                    loops[k].blocks.formUnion(body)
                    loops[k].latches.append(b)
                } else {
                    byHeader[s] = loops.count
                    loops.append(Loop(header: s, blocks: body, latches: [b], parent: nil))
                }
            }
        }
        // Nesting: the parent is the smallest other loop that contains the header.
        let order = loops.indices.sorted { loops[$0].blocks.count < loops[$1].blocks.count }
        for i in loops.indices {
            var best: Int? = nil
            for j in order where j != i && loops[j].blocks.contains(loops[i].header)
                && loops[j].blocks.count >= loops[i].blocks.count && loops[j].blocks.isSuperset(of: loops[i].blocks) {
                if loops[j].blocks.count == loops[i].blocks.count && j > i { continue }
                best = j
                break
            }
            loops[i].parent = best
        }
        for i in loops.indices {
            if let p = loops[i].parent { loops[p].children.append(i) }
        }
        for i in loops.indices {
            var d = 1
            var p = loops[i].parent
            while let q = p { d += 1; p = loops[q].parent }
            loops[i].depth = d
        }
        // Innermost loop per block: the smallest loop containing it.
        for i in order {
            for b in loops[i].blocks where innermost[b] == nil { innermost[b] = i }
        }
    }

    /// Loops containing block `b`, innermost first.
    public func nest(of b: Int) -> [Int] {
        var result: [Int] = []
        var l = innermost[b]
        while let x = l { result.append(x); l = loops[x].parent }
        return result
    }
}
