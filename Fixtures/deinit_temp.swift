// Fixture: deinit_temp — a deinit that allocates a temporary: every release pays for it.
//
// TempNode {Int} = 16 + 8 = 24 B. Its deinit builds [Int](repeating:, count: 200): 32 + 1600 =
// 1632 B (above the stack-promotion limit, so on the heap) and drops it. Every release is
// charged the worst deinit of the module (Sources/Analysis/DeinitCost.swift); the deinit itself
// releases its array, so its cost feeds on itself and maxlive reports it unbounded (sound; the
// next step is matching releases to the classes they can release).
//
// deinitTemp: n <= 4 iterations assign gTemp a new TempNode; the assignment releases the old
//   one, whose deinit runs while the new one is live: 24 + 24 + 1632 = 1680.
//
// expect: deinitTemp peak 1680
// maxlive: deinitTemp unbounded (the deinit releases its array, and every release is charged the worst deinit, itself: no fixpoint until releases are matched to classes)
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
