// Fixture: stated_inout — global arrays whose largest count the program states
// (`maxliveMaxCount`), changed by stdlib methods the optimizer keeps out of line: `remove(at:)`,
// `_reserveCapacityAssumingUniqueBuffer(oldCount:)` under `append`, `replaceSubrange` under
// `insert(_:at:)`. Each gets the array's address `@inout`; on its own it cannot know the count.
// The caller passes the global, whose statement then bounds the callee's array too: the call
// is summarised once more in that context, and the statement is listed as an assumption.
//
// Layouts (SILFacts §5): array storage = 32 B header + count × stride; Pipe {header 16,
// [UInt8], Int} = 32 B, its 64-byte buffer 32 + 64 = 96 B.
//
// lruTouch: moves a key to the end of `lru` (stated at most 16 [Int]). From a table of 8 in a
//   full buffer, an absent key's append doubles it: 32 + 8 × 16 = 160 measured. maxlive takes
//   any count up to 16: the new buffer has at most max(16, 2 × 15) = 30 elements (272 B),
//   charged once for the call however many functions change `lru`, and the old one while it is
//   copied: 448 (the append's 288 and 160). The real worst case, a full buffer of 15 growing, is
//   272 + 152 = 424.
// pipeOpen: appends a new Pipe (32 + 96) to `pipes` (stated at most 8). From 4 pipes in a full
//   buffer: 128 + the new buffer of 8, 96: 224 measured. maxlive: 128 for the pipe, a new
//   buffer of at most max(8, 14) elements (144) once, and the old one while it is copied: 384
//   (pipeOpen 128, the append 160 and 96). The real worst case, 7 pipes growing, is 128 + 144 + 88 = 360.
// routeInsert: the same statement on `routes` ({UInt32, Int, Int}: stride 24), but `insert(_:at:)`
//   reaches `replaceSubrange`, which asks for max(count, count + 1 − (upper − lower)); a Range's
//   bounds are ordered, so that is at most 17 for a count up to 16. From 8 routes in a full
//   buffer: 32 + 16 × 24 = 416 measured. maxlive: a buffer of max(17, 32) elements (800) in the
//   callee, its count up to 16 taken on entry, and the old one (16 × 24 + 32 = 416): 1216.
//
// expect: lruTouch peak 160
// expect: pipeOpen peak 224
// expect: routeInsert peak 416
// maxlive: lruTouch bound 448 (any count up to 16 is taken on entry: the largest growth is from 15)
// maxlive: pipeOpen bound 384 (any count up to 8 is taken on entry: the largest growth is from 7)
// maxlive: routeInsert bound 1216 (any count up to 16 is taken on entry, and replaceSubrange's request may be one more than the stated count)

struct Route {
    var dest: UInt32
    var prefix: Int
    var dev: Int
}

nonisolated(unsafe) var lru: [Int] = []
nonisolated(unsafe) var routes: [Route] = []

func touch(_ key: Int) {
    if let i = lru.firstIndex(of: key) { lru.remove(at: i) }
    lru.append(key)
    maxliveMaxCount(&lru, 16)
}

@_semantics("maxlive.entry")
public func lruTouch(_ n: Int) -> Int {
    touch(n & 15)
    return lru.count
}

@_semantics("maxlive.entry")
public func routeInsert(_ n: Int) -> Int {
    guard routes.count < 16 else { return -28 }
    let r = Route(dest: UInt32(truncatingIfNeeded: n * 7919), prefix: n & 31, dev: n & 3)
    var i = 0
    while i < routes.count && routes[i].prefix >= r.prefix { maxliveLoopBound(16); i += 1 }
    routes.insert(r, at: i)
    maxliveMaxCount(&routes, 16)
    return i
}

public final class Pipe {
    var buffer = [UInt8](repeating: 0, count: 64)
    var readers = 1
}

nonisolated(unsafe) var pipes: [Pipe] = []

@_semantics("maxlive.entry")
public func pipeOpen(_ n: Int) -> Int {
    guard pipes.count < 8 else { return -24 }
    pipes.append(Pipe())
    maxliveMaxCount(&pipes, 8)
    return pipes.count - 1
}

nonisolated(unsafe) var resets = 0

// Every other reset leaves each table half full (8, 8 and 4 entries: full buffers), so the
// next change reallocates.
public func fixtureReset() {
    lru = []
    routes = []
    pipes = []
    resets += 1
    if resets & 1 == 0 {
        for k in 0..<8 { touch(k) }
        for k in 0..<8 { _ = routeInsert(k * 5) }
        for _ in 0..<4 { _ = pipeOpen(0) }
    }
}
// inputs: lruTouch 0 0 3 3 9 9 15 15
// inputs: routeInsert 0 0 1 1 17 17 31 31
// inputs: pipeOpen 0 0 1 1
