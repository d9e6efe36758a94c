// Fixture: stated_capacity — what a statement of a global's largest count (`maxliveMaxCount`)
// does not cover, and a release that runs a deinit per element. Each entry here was below its
// measured peak once; each is now unbounded, or bounded above the peak, with the reason.
//
// Layouts (SILFacts §5): [Int] storage = 32 B header + 8 × capacity; Tomb {header 16, next,
// 8 × Int} = 88 B; Node {header 16} = 16 B.
//
// reservedPush: `reserved` is stated to hold at most 16, but the reset reserves a capacity of
//   256 for it. A copy kept while the entry appends makes the append copy the whole buffer at
//   its old capacity: 32 + 256 × 8 = 2080 measured. The statement bounds the count, not the
//   capacity, and `reserveCapacity` is an out-of-line change maxlive does not follow: unbounded,
//   naming it.
// swappedPush: the same capacity comes in by assignment: a scratch array grown to 200 is
//   emptied keeping its capacity and stored into `swapped` (count 0, so the statement holds).
//   2080 measured; an array of no known size stored into the global: unbounded.
// twoStatements: `both` is stated at most 1000 after an append and at most 0 after a reset.
//   Both hold where they are made; the global's bound is the larger. From 512 elements in a full
//   buffer the append doubles it: 32 + 1024 × 8 = 8224 measured.
// clearObjects: a table of 32 Nodes whose deinit prepends an 88-byte Tomb to a global list is
//   emptied: one deinit per element, each keeping 88 B while the Nodes go: 2320 measured at the
//   peak (32 × 88 = 2816 made in all). A release of a
//   collection runs its elements' deinits once each, by a count not known here: unbounded.
//
// expect: reservedPush peak 2080
// expect: swappedPush peak 2080
// expect: twoStatements peak 8224
// expect: clearObjects peak 2320
// maxlive: reservedPush unbounded (maxliveMaxCount bounds the count, not the capacity reserveCapacity sets)
// maxlive: swappedPush unbounded (an array of no known size, with its capacity, is stored into the global)
// maxlive: twoStatements bound 24064 (the larger statement, 1000, is taken on entry: buffers of 1998 and 999 elements)
// maxlive: clearObjects unbounded (releasing the table runs the Node deinit once per element, by a count not known here)
// inputs: reservedPush 0 1
// inputs: swappedPush 0 1
// inputs: twoStatements 0 1
// inputs: clearObjects 0 1

nonisolated(unsafe) var reserved: [Int] = []
nonisolated(unsafe) var swapped: [Int] = []
nonisolated(unsafe) var scratch: [Int] = []
nonisolated(unsafe) var both: [Int] = []

@_semantics("maxlive.entry")
public func reservedPush(_ n: Int) -> Int {
    let before = reserved
    if reserved.count < 16 { reserved.append(n) }
    maxliveMaxCount(&reserved, 16)
    return reserved.count &+ before.count
}

@_semantics("maxlive.entry")
public func swappedPush(_ n: Int) -> Int {
    if swapped.count < 16 { swapped.append(n) }
    maxliveMaxCount(&swapped, 16)
    return swapped.count
}

@_semantics("maxlive.entry")
public func twoStatements(_ n: Int) -> Int {
    if both.count < 1000 { both.append(n) }
    maxliveMaxCount(&both, 1000)
    return both.count
}

public func bothReset() {
    both = []
    maxliveMaxCount(&both, 0)
}

final class Tomb {
    var next: Tomb?
    var a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0
    init(_ next: Tomb?) { self.next = next }
}

nonisolated(unsafe) var tombs: Tomb? = nil

final class Node {
    deinit { tombs = Tomb(tombs) }
}

nonisolated(unsafe) var nodes: [Node] = []

@_semantics("maxlive.entry")
public func clearObjects(_ n: Int) -> Int {
    nodes.removeAll()
    return 0
}

public func fixtureReset() {
    reserved = []
    reserved.reserveCapacity(256)
    maxliveMaxCount(&reserved, 16)
    scratch = []
    for i in 0..<200 { scratch.append(i) }
    scratch.removeAll(keepingCapacity: true)
    swapped = scratch
    maxliveMaxCount(&swapped, 16)
    bothReset()
    while both.count < 512 { _ = twoStatements(1) }
    tombs = nil
    nodes = []
    for _ in 0..<32 { nodes.append(Node()) }
}
