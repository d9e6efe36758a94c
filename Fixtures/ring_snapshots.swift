// Fixture: ring_snapshots — a global ring whose count the code keeps bounded (a guard, room made
// first, or a stated count), changed by an out-of-line function called in a loop that keeps a
// copy of the ring after each change. Each change finds the buffer shared with the copy kept
// before it, so it copies: every version of the ring stays live, one per change, not one per
// call. The bound of the ring's count limits each version's size, never how many there are.
//
// Layouts (SILFacts §4–§6): [Int] storage: 32 + 8 × capacity; [[Int]] storage: 32 + 8 ×
// capacity; Snap {[Int], Int}: stride 16, [Snap] storage: 32 + 16 × capacity.
// A copy made to append to a shared buffer takes the old capacity when it has room for one
// more, else max(count + 1, 2 × capacity); a copy made by removeFirst() on a shared buffer
// keeps the old capacity. Versions of the ring kept while it grows from empty to 16, one per
// append: capacities 1, 2, 4, 4, 8 × 4, 16 × 8: 16 × 32 + 8 × 171 = 1880.
//
// keepGuarded: `if ringA.count < 16 { ringA.append(x) }`, up to 20 times, each version kept in
//   a local [[Int]]. 16 versions (1880); the local grows to capacity 32 (288) while its 16
//   (160) is live: 2328 (n = 20; after 16 nothing changes the ring, the copies share).
// keepEvicting: `if ringB.count == 16 { ringB.removeFirst() }; ringB.append(x)`, up to 20
//   times. The first 16 as above; each later call copies the shared 16 (160): after 20, 1880 +
//   4 × 160 + the local's 288: 2808 (n = 20).
// keepStated: `ringC.append(x); maxliveMaxCount(&ringC, 16)`, up to 16 times: 1880 + the
//   local's 16-capacity buffer (160): 2040 (n = 16).
// keepInLine: 16 elements first (the ring's own 16-capacity buffer, 160), then four times a
//   copy kept and one element pushed: the four pushes each copy the shared 16: 5 × 160 = 800,
//   and the local's 4-capacity buffer (64): 864.
// keepInStructs: the same, up to 8 times, each version kept in a struct in a local [Snap]:
//   9 × 160 = 1440 and the local's 8-capacity buffer (160): 1600 (n = 8).
// keepAfterFill: filled to 16, then up to 20 times a copy kept and one pushed: 21 × 160 =
//   3360 and the local's 32-capacity buffer (288): 3648 (n = 20).
// publishEach: each version appended to a global [[Int]] that no call shrinks: every call
//   finds it larger, without end: unbounded.
//
// The analysis prices each change of a ring as a new buffer that may double a full one (16 to
// 32: 288), since a copy's capacity follows the old buffer's, which it does not track: about
// 2.7 times the peak.
//
// expect: keepGuarded peak 2328
// expect: keepEvicting peak 2808
// expect: keepStated peak 2040
// expect: keepInLine peak 864
// expect: keepInStructs peak 1600
// expect: keepAfterFill peak 3648
// expect: publishEach unbounded
// maxlive: keepGuarded bound 6208 (each of 20 changes priced as a copy that may double a 16: 288)
// maxlive: keepEvicting bound 6208 (the same)
// maxlive: keepStated bound 4928 (16 changes of 288)
// maxlive: keepInLine bound 1664 (the ring's 160, four changes of 288, the local's growth)
// maxlive: keepInStructs bound 2912 (the ring's 160, eight changes of 288, the local's growth)
// maxlive: keepAfterFill bound 6496 (the ring's 160, twenty changes of 288, the local's growth)
// maxlive: publishEach unbounded (the global `snapshots` grows in every call)
// inputs: keepGuarded 0 1 10 16 20
// inputs: keepEvicting 0 1 10 16 20
// inputs: keepStated 0 1 10 16
// inputs: keepInLine 0 1
// inputs: keepInStructs 0 1 4 8
// inputs: keepAfterFill 0 1 10 20
// inputs: publishEach 0 1 10 20

nonisolated(unsafe) var ringA: [Int] = []
nonisolated(unsafe) var ringB: [Int] = []
nonisolated(unsafe) var ringC: [Int] = []
nonisolated(unsafe) var ringD: [Int] = []
nonisolated(unsafe) var snapshots: [[Int]] = []

@inline(never) func pushGuarded(_ x: Int) {
    if ringA.count < 16 { ringA.append(x) }
}

@inline(never) func pushEvicting(_ x: Int) {
    if ringB.count == 16 { ringB.removeFirst() }
    ringB.append(x)
}

@inline(never) func pushStated(_ x: Int) {
    ringC.append(x)
    maxliveMaxCount(&ringC, 16)
}

@inline(never) func pushRing(_ x: Int) {
    if ringD.count == 16 { ringD.removeFirst() }
    ringD.append(x)
}

@inline(never) func fillRing() {
    for i in 0..<16 { pushRing(i) }
}

struct Snap {
    var items: [Int]
    var at: Int
}

@_semantics("maxlive.entry")
public func keepGuarded(_ n: Int) {
    var local: [[Int]] = []
    for i in 0..<n {
        maxliveLoopBound(20)
        pushGuarded(i)
        local.append(ringA)
    }
    snapshots = local
}

@_semantics("maxlive.entry")
public func keepEvicting(_ n: Int) {
    var local: [[Int]] = []
    for i in 0..<n {
        maxliveLoopBound(20)
        pushEvicting(i)
        local.append(ringB)
    }
    snapshots = local
}

@_semantics("maxlive.entry")
public func keepStated(_ n: Int) {
    var local: [[Int]] = []
    for i in 0..<n {
        maxliveLoopBound(16)
        pushStated(i)
        local.append(ringC)
    }
    snapshots = local
}

@_semantics("maxlive.entry")
public func keepInLine(_ n: Int) -> Int {
    fillRing()
    var local: [[Int]] = []
    local.append(ringD); pushRing(n)
    local.append(ringD); pushRing(n)
    local.append(ringD); pushRing(n)
    local.append(ringD); pushRing(n)
    return local.count
}

@_semantics("maxlive.entry")
public func keepInStructs(_ n: Int) -> Int {
    fillRing()
    var local: [Snap] = []
    for i in 0..<n {
        maxliveLoopBound(8)
        local.append(Snap(items: ringD, at: i))
        pushRing(i)
    }
    return local.count
}

@_semantics("maxlive.entry")
public func keepAfterFill(_ n: Int) {
    fillRing()
    var copies: [[Int]] = []
    for i in 0..<n {
        maxliveLoopBound(20)
        copies.append(ringD)
        pushRing(i)
    }
    snapshots = copies
}

@_semantics("maxlive.entry")
public func publishEach(_ n: Int) {
    for i in 0..<n {
        maxliveLoopBound(20)
        pushEvicting(i)
        snapshots.append(ringB)
    }
}

public func fixtureReset() {
    ringA = []
    ringB = []
    ringC = []
    ringD = []
    snapshots = []
}
