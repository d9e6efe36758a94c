// Fixture: deinit_temp — a deinit that allocates a temporary: a release that may run it pays for it.
//
// TempNode {Int} = 16 + 8 = 24 B. Its deinit builds [Int](repeating:, count: 200): 32 + 1600 =
// 1632 B (above the stack-promotion limit, so on the heap) and drops it. A release is charged
// the worst deinit among the classes it can free (Sources/Analysis/ReleaseClasses.swift): the
// release of gTemp's old value (a TempNode?) may run TempNode's deinit; the deinit's own release
// of its array frees only array storage of Ints, whose deinit allocates nothing, so the cost has
// a fixpoint at once.
//
// deinitTemp: n <= 4 iterations assign gTemp a new TempNode; the assignment releases the old
//   one, whose deinit runs while the new one is live: 24 + 24 + 1632 = 1680.
//
// expect: deinitTemp peak 1680
// inputs: deinitTemp 0 1 2 4

nonisolated(unsafe) var gSum = 0

@inline(never)
func total(_ a: [Int]) -> Int {
    var s = 0
    for v in a { s &+= v }
    return s
}

public final class TempNode {
    var value: Int
    init(_ value: Int) { self.value = value }
    deinit { gSum &+= total([Int](repeating: value, count: 200)) }
}

nonisolated(unsafe) var gTemp: TempNode? = nil

@_semantics("maxlive.entry")
public func deinitTemp(_ n: Int) {
    for i in 0..<n {
        maxliveLoopBound(4)
        gTemp = TempNode(i)
    }
}

public func fixtureReset() { gTemp = nil }
