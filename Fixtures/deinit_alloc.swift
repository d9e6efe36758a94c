// Fixture: deinit_alloc — releases run deinits, and a deinit may allocate.
//
// KeepNode {Int} = 16 + 8 = 24 B; Log {Int} = 24 B. A release is charged the worst deinit
// among the classes it can free (Sources/Analysis/ReleaseClasses.swift): SIL does not say which
// release is an object's last, but the released value's type says which deinits may run.
//
// deinitKeeps: n <= 4 iterations assign gKeep a new KeepNode; the old one's deinit stores a new
//   Log in a global, and releasing the global's old Log runs Log's deinit, which allocates
//   nothing. Measured: new and old KeepNode, new and old Log: 96. maxlive charges each release
//   of a KeepNode what its deinit leaves live (a Log) as kept for good: it does not see that
//   each Log replaces the previous one in gLog. At the 4th release: the new KeepNode, the old
//   one, the Log its deinit makes, and the 3 earlier iterations' Logs: 24 + 24 + 24 + 3 × 24 = 144.
//
// expect: deinitKeeps peak 96
// maxlive: deinitKeeps bound 144 (what a deinit leaves live is kept for good: the Log each deinit stores replaces the previous one in gLog, which the analysis does not see)
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
