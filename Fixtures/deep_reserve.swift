// Fixture: deep_reserve — a loop whose body calls the maxlive.reserve_iteration function:
// it reserves its body's bound at every iteration, so the loop gets its own table entry
// ("iteration", deepReserve@deep_reserve.swift:<line of the loop>) and adds one iteration
// to its entry.
//
// deepReserve(n): keeps a Node {Node?, Int} (16 + 8 + 8 = 32) in a global first, then runs
// n iterations (dynamic, no loop_bound). Each iteration reserves, builds [Int] x 10
// (32 + 10*8 = 112) and drops it.
//   iteration bound: 112
//   entry bound: 32 (before the loop) + 1 iteration (112) = 144
//
// SIL (-Osize): `apply maxliveReserveIteration()` is the first call of the loop body, followed by
// _allocateBufferUninitialized(10) and the release; the Node before the loop is `alloc_ref $Node`.
//
// expect: deepReserve peak 144
// inputs: deepReserve 0 1 2 8

public final class Node {
    var next: Node?
    var value: Int
    init(_ next: Node?, _ value: Int) { self.next = next; self.value = value }
}

nonisolated(unsafe) var gKeep: Node? = nil

@inline(never)
func sumOf(_ a: [Int]) -> Int {
    var s = 0
    for v in a { s &+= v }
    return s
}

@_semantics("maxlive.entry")
public func deepReserve(_ n: Int) -> Int {
    gKeep = Node(nil, n)
    var s = 0
    for i in 0..<n {
        maxliveReserveIteration()
        let a = [Int](repeating: i, count: 10)
        s &+= sumOf(a)
    }
    return s
}

public func fixtureReset() { gKeep = nil }
