// Fixture: cow_rings — a fixed-size table kept in a class's stored property and written in
// place (`slots[head] = b`) by a method the optimizer leaves out of line. A write to a shared
// buffer copies it into the property (copy on write); after that the property holds the copy
// alone, so the next writes of the same call copy nothing, however many there are.
//
// Layouts (SILFacts §4–§6): Ring {[UInt8], Int}: 16 + 8 + 8 = 32. [UInt8] storage of 128:
// 32 + 128 = 160. `[[UInt8]]` storage: 32 + 8 × capacity.
//
// fillRing: the first call makes the ring (32 + 160 = 192, kept by the global); the puts
//   write into the ring's own buffer, which nobody shares: no copy. Measured 192.
//   The analysis: the ring (192), and one copy of the table for all the puts of the call,
//   charged where the ring is fetched (`Ring.slots` holds one buffer: every write replaces
//   it): 352. Before, each put's copy was charged on its own: 500 × 160 B.
// fillAfterSnapshot: `before` shares the table, so the first put copies it (160), and the
//   rest write into the copy: 192 + 160 = 352 (n >= 1). The read before the first change
//   makes that first change copy, nothing more: 352, as measured.
// snapshotEach: each iteration keeps a snapshot, so each put copies (4 × 160) while `kept`
//   grows to capacity 4 (64 after the 2-capacity buffer, 48, was live): 192 + 640 + 64 = 896.
//   The analysis charges each copy where it is made (the snapshots are read between the
//   changes): 896.
// publishEach: the snapshots go into a global that nothing keeps small: unbounded.
// copyIntoSelf: the same as snapshotEach, with the snapshots read through a second name of the
//   ring (`copyInto(r, from: r)`): 192 + 640 + 64 = 896. A read of `Ring.slots` of any object
//   may be a read of the ring being written. Found by a red team: bound 464 when only the
//   written object's own reads were looked at.
// tableSnapshots: a global table (not made by the call) written by one helper and snapshotted
//   by another each iteration: 4 copies (640) and `tableCopies` at capacity 4 (64): 704. The
//   analysis charges each write's copy: 1056. Found by the same red team: bound 640 when a
//   global's copy was taken as one buffer for the call.
//
// expect: fillRing peak 192
// expect: fillAfterSnapshot peak 352
// expect: snapshotEach peak 896
// expect: publishEach unbounded
// expect: copyIntoSelf peak 896
// expect: tableSnapshots peak 704
// maxlive: fillRing bound 352 (one copy of the table is charged though none is made)
// maxlive: fillAfterSnapshot bound 352
// maxlive: snapshotEach bound 896
// maxlive: publishEach unbounded (the global `snapshots` grows in every call)
// maxlive: copyIntoSelf bound 896
// maxlive: tableSnapshots bound 1056 (each copy and its snapshot charged apart)

final class Ring {
    var slots = [UInt8](repeating: 0, count: 128)
    var head = 0
    @inline(never) func put(_ b: UInt8) {
        slots[head] = b
        head = (head + 1) & 127
    }
}

nonisolated(unsafe) var ringStore: Ring? = nil
nonisolated(unsafe) var snapshots: [[UInt8]] = []

@inline(never) func theRing() -> Ring {
    if let r = ringStore { return r }
    let r = Ring()
    ringStore = r
    return r
}

public func fixtureReset() { ringStore = nil; snapshots = []; tableCopies = [] }

@_semantics("maxlive.entry")
public func fillRing(_ n: Int) -> Int {
    let r = theRing()
    for i in 0..<min(n, 500) { r.put(UInt8(truncatingIfNeeded: i)) }
    return r.head
}

@_semantics("maxlive.entry")
public func fillAfterSnapshot(_ n: Int) -> Int {
    let r = theRing()
    let before = r.slots
    for i in 0..<min(n, 500) { r.put(UInt8(truncatingIfNeeded: i)) }
    return Int(before[0]) + r.head
}

@_semantics("maxlive.entry")
public func snapshotEach(_ n: Int) -> Int {
    let r = theRing()
    var kept: [[UInt8]] = []
    for i in 0..<min(n, 4) {
        kept.append(r.slots)
        r.put(UInt8(truncatingIfNeeded: i))
    }
    return kept.count
}

@_semantics("maxlive.entry")
public func publishEach(_ n: Int) -> Int {
    let r = theRing()
    for i in 0..<min(n, 4) {
        snapshots.append(r.slots)
        r.put(UInt8(truncatingIfNeeded: i))
    }
    return snapshots.count
}

// An object seen under two names: `copyInto(r, from: r)` keeps the source's table each
// iteration and writes the target's, the same ring: each write copies.
@inline(never) func copyInto(_ target: Ring, from source: Ring, _ n: Int) -> Int {
    var kept: [[UInt8]] = []
    for i in 0..<min(n, 4) {
        kept.append(source.slots)
        target.put(UInt8(truncatingIfNeeded: i))
    }
    return kept.count
}

@_semantics("maxlive.entry")
public func copyIntoSelf(_ n: Int) -> Int {
    let r = theRing()
    return copyInto(r, from: r, n)
}

// A global table written by a helper in a loop, with a snapshot kept by another helper each
// iteration: each write copies.
nonisolated(unsafe) var table = [UInt8](repeating: 0, count: 128)
nonisolated(unsafe) var tableCopies: [[UInt8]] = []
@inline(never) func setEntry(_ i: Int) { table[i & 127] = UInt8(truncatingIfNeeded: i) }
@inline(never) func snapshotTable() { if tableCopies.count < 4 { tableCopies.append(table) } }

@_semantics("maxlive.entry")
public func tableSnapshots(_ n: Int) -> Int {
    for i in 0..<min(n, 4) { snapshotTable(); setEntry(i) }
    tableCopies = []
    return n
}

// inputs: copyIntoSelf 0 1 4
// inputs: tableSnapshots 0 1 4
// inputs: fillRing 0 1 2 127 128 500
// inputs: fillAfterSnapshot 0 1 2 500
// inputs: snapshotEach 0 1 2 4
// inputs: publishEach 0 1 2 4
