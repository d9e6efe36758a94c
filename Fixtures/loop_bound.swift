// Fixture: loop_bound — a loop with a dynamic trip count and a maxlive.loop_bound marker;
// its allocations survive (global linked list), so the bound multiplies.
//
//   Node {Node?, Int}   16 + 8 + 8 = 32
// loopBound: for i in 0..<n, marker 10, one Node kept per iteration: 10 * 32 = 320
//   (n = 10 reaches it; inputs never exceed the promised bound)
// loopBoundNested: outer loop min(n, 3) trips (marker 3), inner loop min(n, 4) trips
//   (marker 4), one Node per inner iteration: 3 * 4 * 32 = 384 (n >= 4)
// headerKeeps: `while push(i) < n { maxliveLoopBound(8); … }` keeps one Node per test of the
//   condition, and the condition is tested once more than the body runs: 9 * 32 = 288 (n = 8).
//
// SIL (-Osize): the marker's `integer_literal 10` / `struct $Int` and its function_ref are HOISTED
// to the loop preheader; only `apply %marker(%lit)` stays in the loop body, so follow the
// operand out of the loop. Node.init is not inlined (apply with the alloc_ref'd object).
//
// expect: loopBound peak 320
// expect: loopBoundNested peak 384
// inputs: loopBound 0 1 5 10
// inputs: loopBoundNested 0 1 2 3 4
// expect: headerKeeps peak 288
// inputs: headerKeeps 0 1 8

public final class Node {
    var next: Node?
    var value: Int
    init(_ next: Node?, _ value: Int) { self.next = next; self.value = value }
}

nonisolated(unsafe) var gHead: Node? = nil

@_semantics("maxlive.entry")
public func loopBound(_ n: Int) {
    for i in 0..<n {
        maxliveLoopBound(10)
        gHead = Node(gHead, i)
    }
}

@_semantics("maxlive.entry")
public func loopBoundNested(_ n: Int) {
    for i in 0..<min(n, 3) {
        maxliveLoopBound(3)
        for j in 0..<min(n, 4) {
            maxliveLoopBound(4)
            gHead = Node(gHead, i &* 10 &+ j)
        }
    }
}

public func fixtureReset() { gHead = nil }

@inline(never) func push(_ i: Int) -> Int {
    gHead = Node(gHead, i)
    return i
}

@_semantics("maxlive.entry")
public func headerKeeps(_ n: Int) {
    var i = 0
    while push(i) < n {
        maxliveLoopBound(8)
        i += 1
    }
}
