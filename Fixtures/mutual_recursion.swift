// Fixture: mutual_recursion — `maxlive.recursion_depth(d)` bounds the function that calls it:
// at most d of its frames at once. A cycle of functions is as deep as its markers together allow.
//
//   [Int] x 4: 32 + 4*8 = 64 per frame, live across the recursive call.
// mutualTree(n): even and odd call each other, each marked 3: at most 3 + 3 = 6 frames, and
//   even(5) reaches them: 6 * 64 = 384.
// mutualOneMarker(n): ping is marked 2, pong is not: pongs sit between pings, so a stack is
//   at most pong, ping, pong, ping, pong = 5 frames when entered at pong. Entered at ping (as
//   here) the deepest is ping, pong, ping, pong = 4 frames: 256.
//
// SIL (-Osize): even/odd and ping/pong stay mutually recursive; each marker apply is at the top.
//
// expect: mutualTree peak 384
// expect: mutualOneMarker peak 256
// maxlive: mutualOneMarker bound 320 (the cycle may be entered at pong, from another caller: 5 frames)
// inputs: mutualTree 0 1 2 3 4 5
// inputs: mutualOneMarker 0 1 2 3 4 5
public final class Frame {
    var a: Int, b: Int
    init(_ n: Int) { a = n; b = n }
}
@inline(never) func touch(_ a: [Int]) -> Int { var s = 0; for v in a { s &+= v }; return s }

// Each of even/odd is at most 3 frames deep: 6 frames of the cycle in all.
@inline(never) func even(_ k: Int) -> Int {
    maxliveRecursionDepth(3)
    let f = [Int](repeating: k, count: 4)
    let r = k > 0 ? odd(k &- 1) : 0
    return r &+ touch(f)
}
@inline(never) func odd(_ k: Int) -> Int {
    maxliveRecursionDepth(3)
    let f = [Int](repeating: k, count: 4)
    let r = k > 0 ? even(k &- 1) : 0
    return r &+ touch(f)
}
@_semantics("maxlive.entry")
public func mutualTree(_ n: Int) -> Int { even(min(n, 5)) }

// Only ping has a marker: pong's frames are bounded by ping's (each pong sits between two pings).
@inline(never) func ping(_ k: Int) -> Int {
    maxliveRecursionDepth(2)
    let f = [Int](repeating: k, count: 4)
    let r = k > 0 ? pong(k &- 1) : 0
    return r &+ touch(f)
}
@inline(never) func pong(_ k: Int) -> Int {
    let f = [Int](repeating: k, count: 4)
    let r = k > 0 ? ping(k &- 1) : 0
    return r &+ touch(f)
}
@_semantics("maxlive.entry")
public func mutualOneMarker(_ n: Int) -> Int { ping(min(n, 3)) }
