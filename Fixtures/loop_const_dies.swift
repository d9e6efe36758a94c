// Fixture: loop_const_dies — a constant-trip loop whose allocations die every iteration costs
// one iteration, not trips x iteration.
//
// loopConstDies: 8 iterations, each builds [Int] x 10 (32 + 10*8 = 112), sums it, drops it.
//   peak = 112
// loopReplaceGlobal: 5 iterations, each stores a new Node {Node?, Int} (16 + 8 + 8 = 32) into
//   the same global slot. The new Node is allocated before the old one is released by the
//   store, so from the second iteration on two Nodes are live for a moment:
//   peak = 2 * 32 = 64 (and 32 stays live after the call)
//
// SIL (-Osize): loopConstDies stays a loop (8 trips, literal bound) calling
// _allocateBufferUninitialized(10) each iteration. loopReplaceGlobal is FULLY UNROLLED into five
// `alloc_ref $Node`, each followed by `release_value` of the global's previous value; crediting
// that release (GlobalSlots.swift: each Node dies at the next assignment's release, in the same
// block) is what brings the bound from 5 * 32 = 160 down to 64.
//
// expect: loopConstDies peak 112
// expect: loopReplaceGlobal peak 64
// inputs: loopConstDies 0 1 4
// inputs: loopReplaceGlobal 0 1 4

public final class Node {
    var next: Node?
    var value: Int
    init(_ next: Node?, _ value: Int) { self.next = next; self.value = value }
}

nonisolated(unsafe) var gSlot: Node? = nil

@inline(never)
func sumOf(_ a: [Int]) -> Int {
    var s = 0
    for v in a { s &+= v }
    return s
}

@_semantics("maxlive.entry")
public func loopConstDies(_ n: Int) -> Int {
    var s = 0
    for i in 0..<8 {
        let a = [Int](repeating: i &+ n, count: 10)
        s &+= sumOf(a)
    }
    return s
}

@_semantics("maxlive.entry")
public func loopReplaceGlobal(_ n: Int) {
    for i in 0..<5 {
        gSlot = Node(nil, i &+ n)
    }
}

public func fixtureReset() { gSlot = nil }
