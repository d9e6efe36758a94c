// Fixture: straight_line — objects that are live at the same time add up.
//
// straightLine keeps three objects in globals (they escape, so none is stack-promoted):
//   Point {Int, Int}         16 header + 8 + 8                          = 32
//   Mixed {Int8, Int, Int8}  16 + 1 = 17, align 8 -> 24 + 8 = 32, + 1    = 33 (no final rounding)
//   Tri   {Int8, Int16, Int8} 16 + 1 = 17, align 2 -> 18 + 2 = 20, + 1   = 21
//   total 32 + 33 + 21 = 86
// straightArrays builds three arrays and hands all of them to one call, so all three are
// live together; `[T](repeating:count:)` is never stack-promoted (SILFacts §4):
//   [Int] x 4    32 + 4*8  = 64
//   [Int] x 8    32 + 8*8  = 96
//   [Int8] x 10  32 + 10*1 = 42
//   total 64 + 96 + 42 = 202
//
// SIL (-Osize): Mixed.init/Tri.init are not inlined: `alloc_ref $Mixed` in the entry, then an
// apply of Mixed.init(_:) taking the object @owned. Each `[T](repeating:count:)` is an apply of
// `specialized static Array._allocateBufferUninitialized(minimumCapacity:)` with the count as a
// literal argument; the `alloc_ref [tail_elems $Int * %n]` is inside that shared [noinline]
// function, with %n derived from its parameter (needs argument propagation to size it).
//
// expect: straightLine peak 86
// expect: straightArrays peak 202
// inputs: straightLine 0 1 7
// inputs: straightArrays 0 1 7

public final class Point {
    var x: Int
    var y: Int
    init(_ x: Int, _ y: Int) { self.x = x; self.y = y }
}

public final class Mixed {
    var a: Int8
    var b: Int
    var c: Int8
    init(_ n: Int) { a = Int8(truncatingIfNeeded: n); b = n; c = 1 }
}

public final class Tri {
    var a: Int8
    var b: Int16
    var c: Int8
    init(_ n: Int) { a = 1; b = Int16(truncatingIfNeeded: n); c = 2 }
}

nonisolated(unsafe) var gPoint: Point? = nil
nonisolated(unsafe) var gMixed: Mixed? = nil
nonisolated(unsafe) var gTri: Tri? = nil

@_semantics("maxlive.entry")
public func straightLine(_ n: Int) {
    gPoint = Point(n, n &+ 1)
    gMixed = Mixed(n)
    gTri = Tri(n)
}

@inline(never)
func sum3(_ a: [Int], _ b: [Int], _ c: [Int8]) -> Int {
    var s = 0
    for v in a { s &+= v }
    for v in b { s &+= v }
    for v in c { s &+= Int(v) }
    return s
}

@_semantics("maxlive.entry")
public func straightArrays(_ n: Int) -> Int {
    let a = [Int](repeating: n, count: 4)
    let b = [Int](repeating: n &+ 1, count: 8)
    let c = [Int8](repeating: Int8(truncatingIfNeeded: n), count: 10)
    return sum3(a, b, c)
}

public func fixtureReset() {
    gPoint = nil
    gMixed = nil
    gTri = nil
}
