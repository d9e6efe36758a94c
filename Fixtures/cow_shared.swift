// Fixture: cow_shared — a growing array handed to a function that keeps a copy is shared: its
// next append copies the buffer (copy on write) while the kept one stays live. Borrowed by a
// function that keeps nothing, it is not.
//
//   [Int] storage: 32 + 8 × capacity
// shareViaHelper(n): appends i and publishes the array to a global each time (at most 6):
//   the global keeps every version until the next publish, so a copy and a regrowth can
//   overlap; measured 192 at n = 6 (two 96-byte buffers). The growth model does not follow
//   shared buffers: unbounded, with the call named.
// borrowOnly(n): the same, passing the array to a function that only reads it: appends from
//   empty, 6 elements: 8-capacity buffer (96) and the 4-capacity one it grows from (64): 160.
//
// SIL (-Osize): `apply publish(%a)` with a @guaranteed argument; publish's summary says its
// parameter is stored. Found by a red-team run (bound 160, measured 192).
//
// expect: shareViaHelper peak 192
// expect: borrowOnly peak 160
// maxlive: shareViaHelper unbounded (a buffer shared with the global while it still grows is not followed)
// inputs: shareViaHelper 0 1 3 5 6
// inputs: borrowOnly 0 1 3 5 6

nonisolated(unsafe) var gKeep: [Int] = []

@inline(never) func publish(_ v: [Int]) { gKeep = v }
@inline(never) func total(_ v: [Int]) -> Int { var s = 0; for x in v { s &+= x }; return s }

@_semantics("maxlive.entry")
public func shareViaHelper(_ n: Int) -> Int {
    var a: [Int] = []
    for i in 0..<n { maxliveLoopBound(6); a.append(i); publish(a) }
    return a.count
}

@_semantics("maxlive.entry")
public func borrowOnly(_ n: Int) -> Int {
    var a: [Int] = []
    var s = 0
    for i in 0..<n { maxliveLoopBound(6); a.append(i); s &+= total(a) }
    return s
}

public func fixtureReset() { gKeep = [] }
