// Fixture: deinit_alloc — releases run deinits, and a deinit may allocate.
//
// KeepNode {Int} = 16 + 8 = 24 B; Log {Int} = 24 B. Every release is charged the worst
// deallocating deinit of the module (Sources/Analysis/DeinitCost.swift): SIL does not say
// which release is an object's last, nor always its class.
//
// deinitKeeps: n <= 4 iterations assign gKeep a new KeepNode; the old one's deinit stores a new
//   Log in a global, and releasing the global's old Log runs a deinit again: with every release
//   charged the worst deinit, the cost has no fixpoint, so the entry is unbounded (sound, not
//   tight: a Log's own deinit allocates nothing). Measured: new and old KeepNode, new and old Log: 96.
//
// expect: deinitKeeps peak 96
// maxlive: deinitKeeps unbounded (every release is charged the worst deinit, whose cost grows with each release it makes)
// inputs: deinitKeeps 0 1 2 4

public final class Log { var v = 0 }
nonisolated(unsafe) var gLog: Log? = nil

public final class KeepNode {
    var value: Int
    init(_ value: Int) { self.value = value }
    deinit { gLog = Log() }
}

nonisolated(unsafe) var gKeep: KeepNode? = nil

@_semantics("maxlive.entry")
public func deinitKeeps(_ n: Int) {
    for i in 0..<n {
        maxliveLoopBound(4)
        gKeep = KeepNode(i)
    }
}

public func fixtureReset() { gKeep = nil; gLog = nil }
