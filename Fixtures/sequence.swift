// Fixture: sequence — objects that die before the next one is allocated do not add up.
//
// sequence first keeps one Point in a global (it stays live for the rest of the call), then
// builds two arrays one after the other; each dies (last use) before the next is allocated:
//   Point {Int, Int}   16 + 8 + 8 = 32 (kept)
//   [Int] x 100        32 + 100*8 = 832 (dies)
//   [Int] x 60         32 + 60*8  = 512 (dies)
//   peak = 32 + max(832, 512) = 864   (not 32 + 832 + 512 = 1376)
//
// SIL (-Osize): alloc Point, release_value of the global's old value, then per block an apply of
// `_allocateBufferUninitialized(minimumCapacity:)` (100, 60), apply sumOf, `strong_release` of
// the buffer before the next allocation.
//
// expect: sequence peak 864
// inputs: sequence 0 1 9

public final class Point {
    var x: Int
    var y: Int
    init(_ x: Int, _ y: Int) { self.x = x; self.y = y }
}

nonisolated(unsafe) var gPoint: Point? = nil

@inline(never)
func sumOf(_ a: [Int]) -> Int {
    var s = 0
    for v in a { s &+= v }
    return s
}

@_semantics("maxlive.entry")
public func sequence(_ n: Int) -> Int {
    gPoint = Point(n, n)
    var s = 0
    do {
        let a = [Int](repeating: n, count: 100)
        s &+= sumOf(a)
    }
    do {
        let b = [Int](repeating: n &+ 1, count: 60)
        s &+= sumOf(b)
    }
    return s
}

public func fixtureReset() { gPoint = nil }
