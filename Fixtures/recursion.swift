// Fixture: recursion — with and without a maxlive.recursion_depth marker.
//
// Every frame of recBounded/recUnbounded allocates [Int] x 4 (32 + 4*8 = 64) BEFORE the
// recursive call and uses it after, so one array per active frame is live at the deepest point.
// recursionBounded(n) calls recBounded(n), which recurses n, n-1, ..., 0: n + 1 frames.
//   The marker promises at most 5 frames (so n <= 4): peak = 5 * 64 = 320.
// recursionUnbounded(n): the same without a marker: UNBOUNDED (measured: (n + 1) * 64).
//
// SIL (-Osize): both functions stay recursive (no tail-call or loop conversion); the array
// allocation (_allocateBufferUninitialized(4)) comes before the recursive apply and the
// `strong_release` after sumOf, so it is live across the recursive call. The marker apply
// is the first instruction after the literal in recBounded.
//
// expect: recursionBounded peak 320
// expect: recursionUnbounded unbounded
// inputs: recursionBounded 0 1 2 3 4
// inputs: recursionUnbounded 0 1 3 6

@inline(never)
func sumOf(_ a: [Int]) -> Int {
    var s = 0
    for v in a { s &+= v }
    return s
}

@inline(never)
func recBounded(_ k: Int) -> Int {
    maxliveRecursionDepth(5)
    let a = [Int](repeating: k, count: 4)
    let r = k > 0 ? recBounded(k &- 1) : 0
    return r &+ sumOf(a)
}

@inline(never)
func recUnbounded(_ k: Int) -> Int {
    let a = [Int](repeating: k, count: 4)
    let r = k > 0 ? recUnbounded(k &- 1) : 0
    return r &+ sumOf(a)
}

@_semantics("maxlive.entry")
public func recursionBounded(_ n: Int) -> Int { recBounded(n) }

@_semantics("maxlive.entry")
public func recursionUnbounded(_ n: Int) -> Int { recUnbounded(n) }
