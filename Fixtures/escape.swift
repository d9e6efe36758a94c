// Fixture: escape — what outlives the call counts; what dies locally may not allocate at all.
//
//   Pair {Int, Int?}  16 + 8 = 24, Int? is 9 bytes (align 8) -> 24 + 9 = 33
//   Holder {Pair?}    16 + 8 = 24
//   [Int] x 10        32 + 10*8 = 112
//
// escapeReturn: a temporary array (112) is summed and released, then a Pair (33) is built
//   from the sum and returned. The release comes before the Pair's alloc_ref, so
//   peak = max(112, 33) = 112; the returned Pair (33) is live at return.
// escapeGlobal: a Pair is stored in a global (33); a second Pair that is only passed to a
//   non-inlined function does not escape and is stack-promoted (alloc_ref [stack], 0 heap).
//   peak = 33
// escapeLocal: only the non-escaping Pair -> alloc_ref [stack] -> peak 0.
// escapeIntoObject: a Holder kept in a global (24) and a Pair stored into it (33): 57.
//
// SIL (-Osize): escapeGlobal mixes both kinds for one class: `alloc_ref $Pair` (stored to the
// global) and `alloc_ref [stack] $Pair` (passed to look). escapeLocal has only the [stack] one.
// escapeReturn: apply sumOf, `strong_release` of the array, then `alloc_ref $Pair`.
//
// expect: escapeReturn peak 112
// expect: escapeGlobal peak 33
// expect: escapeLocal peak 0
// expect: escapeIntoObject peak 57
// inputs: escapeReturn 0 1 5
// inputs: escapeGlobal 0 1 5
// inputs: escapeLocal 0 1 5
// inputs: escapeIntoObject 0 1 5

public final class Pair {
    var a: Int
    var b: Int?
    init(_ a: Int, _ b: Int?) { self.a = a; self.b = b }
}

public final class Holder {
    var child: Pair?
    init() { child = nil }
}

nonisolated(unsafe) var gPair: Pair? = nil
nonisolated(unsafe) var gHolder: Holder? = nil

@inline(never)
func sumOf(_ a: [Int]) -> Int {
    var s = 0
    for v in a { s &+= v }
    return s
}

@inline(never)
func look(_ p: Pair) -> Int { p.a &+ (p.b ?? 0) }

@_semantics("maxlive.entry")
public func escapeReturn(_ n: Int) -> Pair {
    let tmp = [Int](repeating: n, count: 10)
    return Pair(sumOf(tmp), n)
}

@_semantics("maxlive.entry")
public func escapeGlobal(_ n: Int) -> Int {
    gPair = Pair(n, nil)
    let local = Pair(n, n)
    return look(local)
}

@_semantics("maxlive.entry")
public func escapeLocal(_ n: Int) -> Int {
    let local = Pair(n, n &+ 1)
    return look(local)
}

@_semantics("maxlive.entry")
public func escapeIntoObject(_ n: Int) {
    let h = Holder()
    gHolder = h
    h.child = Pair(n, n)
}

public func fixtureReset() {
    gPair = nil
    gHolder = nil
}
