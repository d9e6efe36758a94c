// Fixture: loop_const_survives — a constant-trip loop whose allocations outlive the iteration
// (pushed onto a global linked list) costs trips x iteration.
//
//   Node {Node?, Int}   16 + 8 + 8 = 32
// listPush6:  6 iterations, each pushes one Node:  6 * 32  = 192
// listPush20: 20 iterations, each pushes one Node: 20 * 32 = 640
//
// SIL (-Osize): listPush6 is FULLY UNROLLED: six `alloc_ref $Node` sites in straight line.
// listPush20 stays a rotated loop (0..<20, cmp_eq with literal 20) with one alloc_ref site.
//
// expect: listPush6 peak 192
// expect: listPush20 peak 640
// inputs: listPush6 0 3
// inputs: listPush20 0 3

public final class Node {
    var next: Node?
    var value: Int
    init(_ next: Node?, _ value: Int) { self.next = next; self.value = value }
}

nonisolated(unsafe) var gHead: Node? = nil

@_semantics("maxlive.entry")
public func listPush6(_ n: Int) {
    for i in 0..<6 {
        gHead = Node(gHead, i &+ n)
    }
}

@_semantics("maxlive.entry")
public func listPush20(_ n: Int) {
    for i in 0..<20 {
        gHead = Node(gHead, i &+ n)
    }
}

public func fixtureReset() { gHead = nil }
