// Fixture: daemon — a maxlive.daemon function: a kernel-thread body whose outer loop runs
// "forever"; one iteration of the outermost loop is the root that gets a bound.
//
// daemonLoop(n) sets a global budget of n iterations, then loops `while running()`. Each
// iteration puts a Node {Node?, Int} (16 + 8 + 8 = 32) in a global slot, builds
// [Int] x 30 (32 + 30*8 = 272) while the Node is live, then drops both: nothing survives.
//   per iteration: 272 + 32 = 304; nothing survives an iteration, so a whole call also
//   peaks at 304 (what the driver measures).
// The loop has no marker and its trip count is dynamic: as an entry it would only be bounded
// because nothing survives an iteration; as a daemon its bound is one iteration.
//
// SIL (-Osize): the `while running()` loop is a plain loop around `apply running()`; per
// iteration `alloc_ref $Node`, _allocateBufferUninitialized(30), sumOf, `strong_release` of the
// array, `release_value` of the Node when the slot is cleared.
//
// maxlive credits the overwrite: gSlot is a plain slot in daemonLoop (assigned only by
// load-old / store-new / release-old, read only locally, untouched by the callees), and every
// path from `gSlot = Node(…)` to the end of the iteration assigns it again (`gSlot = nil`), so
// the Node dies within its iteration (Sources/Analysis/GlobalSlots.swift).
//
// expect: daemonLoop peak 304
// inputs: daemonLoop 0 1 3 10

public final class Node {
    var next: Node?
    var value: Int
    init(_ next: Node?, _ value: Int) { self.next = next; self.value = value }
}

nonisolated(unsafe) var gBudget = 0
nonisolated(unsafe) var gSlot: Node? = nil
nonisolated(unsafe) var gTotal = 0

@inline(never)
func running() -> Bool {
    if gBudget <= 0 { return false }
    gBudget -= 1
    return true
}

@inline(never)
func sumOf(_ a: [Int]) -> Int {
    var s = 0
    for v in a { s &+= v }
    return s
}

@_semantics("maxlive.daemon")
public func daemonLoop(_ n: Int) {
    gBudget = n
    while running() {
        gSlot = Node(nil, gBudget)
        let work = [Int](repeating: gSlot!.value, count: 30)
        gTotal &+= sumOf(work)
        gSlot = nil
    }
}
