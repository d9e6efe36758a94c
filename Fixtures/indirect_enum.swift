// Fixture: indirect_enum — every value of an indirect case is a heap box (SILFacts §3, §5.5).
//
//   indirect enum Tree { case leaf(Int); case node(Tree, Tree) }
//   leaf box  { var Int }           16 + 8     = 24
//   node box  { var (Tree, Tree) }  16 + 8 + 8 = 32   (an indirect Tree is one pointer)
// treeFixed: .node(.leaf(n), .node(.leaf(n+1), .leaf(n+2))) kept in a global:
//   3 leaves + 2 nodes = 3*24 + 2*32 = 136
// treeBuild(n): build(d) returns .leaf for d == 0, else .node(build(d-1), build(d-1)), with a
//   recursion_depth marker of 4 (so n <= 3). The complete tree of depth 3 is kept in a global:
//   8 leaves + 7 nodes = 8*24 + 7*32 = 416.
//   NB: the results of both recursive calls survive the frame, so "depth x frame" is NOT a
//   sound bound here (it would give 4 * 32 = 128); a kept-bytes recurrence unrolled 4 times
//   (k_d = 32 + 2*k_{d-1}, k_0 = max(24, 32)) gives 480 >= 416.
//
// SIL (-Osize): `alloc_box ${ var Int }` (leaf) and `alloc_box ${ var (Tree, Tree) }` (node),
// then `enum $Tree, #Tree.node!enumelt, %box`. In build the node box is allocated BEFORE the two
// recursive calls, so it is live while the children are built; treeFixed has five alloc_box in
// straight line.
//
// expect: treeFixed peak 136
// expect: treeBuild peak 416
// maxlive: treeBuild bound 480 (recursion is evaluated frame by frame and a frame's transient peak is added on top of the subtrees it returns: 64 B looser)
// inputs: treeFixed 0 7
// inputs: treeBuild 0 1 2 3

public indirect enum Tree {
    case leaf(Int)
    case node(Tree, Tree)
}

nonisolated(unsafe) var gTree: Tree? = nil

@inline(never)
func build(_ d: Int) -> Tree {
    maxliveRecursionDepth(4)
    if d <= 0 { return .leaf(d) }
    return .node(build(d &- 1), build(d &- 1))
}

@_semantics("maxlive.entry")
public func treeFixed(_ n: Int) {
    gTree = .node(.leaf(n), .node(.leaf(n &+ 1), .leaf(n &+ 2)))
}

@_semantics("maxlive.entry")
public func treeBuild(_ n: Int) {
    gTree = build(n)
}

public func fixtureReset() { gTree = nil }
