// Fixture: loop_unbounded — a dynamic loop without a marker.
//
// loopUnbounded: every iteration pushes a Node {Node?, Int} (32) onto a global list, so the
//   allocations outlive the iteration and nothing bounds n: UNBOUNDED (measured: 32 * n).
// loopDynamicDies: the same loop shape, but each iteration's [Int] x 10 (32 + 80 = 112) dies
//   within the iteration, so the missing trip count does not matter: peak = 112.
//
// SIL (-Osize): both loops keep their dynamic shape (guard cmp_eq n, 0; "loop induction variable
// overflowed" cond_fail). loopUnbounded's Node is stored to the global (escapes every iteration);
// loopDynamicDies' array is released (`strong_release`) inside the body.
//
// expect: loopUnbounded unbounded
// expect: loopDynamicDies peak 112
// inputs: loopUnbounded 0 1 3 10
// inputs: loopDynamicDies 0 1 3 10

public final class Node {
    var next: Node?
    var value: Int
    init(_ next: Node?, _ value: Int) { self.next = next; self.value = value }
}

nonisolated(unsafe) var gHead: Node? = nil

@inline(never)
func sumOf(_ a: [Int]) -> Int {
    var s = 0
    for v in a { s &+= v }
    return s
}

@_semantics("maxlive.entry")
public func loopUnbounded(_ n: Int) {
    for i in 0..<n {
        gHead = Node(gHead, i)
    }
}

@_semantics("maxlive.entry")
public func loopDynamicDies(_ n: Int) -> Int {
    var s = 0
    for i in 0..<n {
        let a = [Int](repeating: i, count: 10)
        s &+= sumOf(a)
    }
    return s
}

public func fixtureReset() { gHead = nil }
