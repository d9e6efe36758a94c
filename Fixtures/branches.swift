// Fixture: branches — a conditional costs the maximum of its sides, plus what follows.
//
// Three ways through the if/else chain, each keeping its objects in globals:
//   n < 0        [Int] x 20                       32 + 20*8 = 192
//   n even (>=0) Point + Point                    32 + 32   = 64
//   n odd        Point + [Int] x 2                32 + (32 + 2*8 = 48) = 80
// then, on every path, one more Point (32) kept in gC.
//   peak = max(192, 64, 80) + 32 = 224   (n < 0)
//
// SIL (-Osize): every access to gArr runs `builtin "once"` of its init function (it stores the
// static empty-array singleton and allocates nothing). Each store to a global is followed by a
// `release_value`/`strong_release` of the old value (nil/empty on entry here).
//
// expect: branches peak 224
// inputs: branches -5 -1 0 1 2 3

public final class Point {
    var x: Int
    var y: Int
    init(_ x: Int, _ y: Int) { self.x = x; self.y = y }
}

nonisolated(unsafe) var gA: Point? = nil
nonisolated(unsafe) var gB: Point? = nil
nonisolated(unsafe) var gC: Point? = nil
nonisolated(unsafe) var gArr: [Int] = []

@_semantics("maxlive.entry")
public func branches(_ n: Int) {
    if n < 0 {
        gArr = [Int](repeating: n, count: 20)
    } else if n % 2 == 0 {
        gA = Point(n, 0)
        gB = Point(0, n)
    } else {
        gA = Point(n, n)
        gArr = [Int](repeating: n, count: 2)
    }
    gC = Point(n, 1)
}

public func fixtureReset() {
    gA = nil
    gB = nil
    gC = nil
    gArr = []
}
