// Fixture: target32 — sizes follow the target the SIL was compiled for: built for 32-bit x86
// (i686-unknown-none-elf), run under qemu-i386. maxlive reads the width from the SIL itself
// (Int is Builtin.Int32) and lays everything out for 4-byte pointers.
//
// target: i686-unknown-none-elf
//
//   Point {a: Int, b: Int8, c: Double}   8 header + 4 + 1, Double at 16: 24   (64-bit: 40)
//   Named {s: String, n: Int?}           8 + 12 + 5 = 25                       (64-bit: 41)
//   [Int] × 6 storage                    8 + 8 (count, capacity) + 6 × 4 = 40  (64-bit: 80)
//   closure {Int, Int} context           8 + 4 + 4 = 16                        (64-bit: 32)
// points(n): a Point and a Named kept in globals: 49.
// ints(n):   [Int](repeating: n, count: 6) kept: 40.
// capture(n): a closure capturing two Ints kept in a global: 16.
//
// expect: points peak 49
// expect: ints peak 40
// expect: capture peak 16
// inputs: points 0 3
// inputs: ints 0 3
// inputs: capture 0 3

public final class Point { var a: Int = 0; var b: Int8 = 0; var c: Double = 0 }
public final class Named { var s: String = ""; var n: Int? = nil }
nonisolated(unsafe) var p: Point? = nil
nonisolated(unsafe) var q: Named? = nil
nonisolated(unsafe) var ints: [Int] = []
nonisolated(unsafe) var handler: (() -> Int)? = nil

@_semantics("maxlive.entry")
public func points(_ n: Int) { p = Point(); q = Named() }

@_semantics("maxlive.entry")
public func ints(_ n: Int) { ints = [Int](repeating: n, count: 6) }

@_semantics("maxlive.entry")
public func capture(_ n: Int) {
    let m = n &* 2
    handler = { n &+ m }
}

public func fixtureReset() { p = nil; q = nil; ints = []; handler = nil }
