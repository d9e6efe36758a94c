// Fixture: collection_algorithms — arrays made by the stdlib's algorithms (`map`, `filter`,
// `compactMap`, `reduce(into:)`) from a source array whose count the code bounds. The
// optimizer keeps the result in a stack slot and grows it with
// `ContiguousArray._createNewBuffer(bufferIsUnique:minimumCapacity:growForAppend:)`; the loop
// that fills it runs once per element of the source, so its trip count is the source's
// largest count, known only once the source array's own growth is bounded.
//
// Layouts (SILFacts §4–§6): array storage = 32 B header + count × 8 for Int; Node {Int} = 24.
// Every source is `var src: [Int] = []` grown by one append per element from empty: capacities
// 1, 2, 4, 8, 16, so at 16 elements it is 32 + 128 = 160 B, and while it grows from 8 to 16
// both buffers are live: 96 + 160 = 256.
//
// squares: k = min(max(n, 0), 16) elements, then `map` reserves k and appends k: the result
//   is 160 beside the source's 160: 320. maxlive cannot see that the reservation covers the
//   appends (the appends' reallocation stays possible to it): the result's buffer is priced
//   from 17 requested, doubled to 32, twice: 2 × 288 = 576, bound 160 + 576 = 736.
// passing: `filter` keeps elements ≥ cut (cut 0 when n ≥ 100: all pass). The result grows
//   by one from empty like the source: at 16, 160 + 96 while it grows: 160 + 256 = 416, exact.
// compact: `compactMap` drops multiples of 3 unless n ≥ 100: the same shape, 416, exact.
// collected: `reduce(into: [])` appending the elements ≥ cut: the same, 416, exact.
// chained: `map` then `filter` then `map`: the filter's loop runs over the first map's result
//   (a second round of trip counts). The source dies once mapped; the filter then grows from
//   empty beside the first map's 160: 160 + 96 + 160 = 416 at worst (the other moments hold
//   two 160 B buffers). maxlive prices each map as in `squares` (576) and the filter as in
//   `passing` (256), and takes arrays kept in stack slots as live until the end of the call:
//   bound 1184.
// perRound: for r in 0..<min(n, 8), a source of r elements (its loop's end is the outer
//   counter: its trip count is the counter's range, at most 7) mapped: at r = 7 the source
//   is 96 (capacity 8) and the map 32 + 56 = 88: 184. Each round's arrays die in it. The map
//   is priced as in `squares` for 7 elements: 8 requested, doubled to 14, twice: 2 × 144 =
//   288, with the source's 96: bound 384.
// objects: `map { Node(id: $0) }`: 16 Nodes (16 × 24 = 384) in a 160 B result beside the
//   source's 160: 704. The map priced as in `squares`: 160 + 576 + 384 = 1120.
//
// expect: squares peak 320
// expect: passing peak 416
// expect: compact peak 416
// expect: collected peak 416
// expect: chained peak 416
// expect: perRound peak 184
// expect: objects peak 704
// maxlive: squares bound 736 (the model does not see that map's reservation covers its appends)
// maxlive: chained bound 1184 (each map priced as in squares; arrays kept in stack slots taken as live to the end)
// maxlive: perRound bound 384 (the map priced as in squares, for 7 elements: 2 × 144)
// maxlive: objects bound 1120 (the map priced as in squares)
// inputs: squares 0 1 5 16 40
// inputs: passing 0 1 5 16 40 100 200
// inputs: compact 0 1 5 16 40 100 200
// inputs: collected 0 1 5 16 40 100 200
// inputs: chained 0 1 5 16 40 100 200
// inputs: perRound 0 1 3 8 20
// inputs: objects 0 1 5 16 40

public final class Node {
    var id: Int
    init(id: Int) { self.id = id }
}

@inline(__always) func source(_ n: Int) -> [Int] {
    var src: [Int] = []
    for i in 0..<min(max(n, 0), 16) { src.append(i) }
    return src
}

@_semantics("maxlive.entry")
public func squares(_ n: Int) -> Int {
    let src = source(n)
    let sq = src.map { $0 * $0 }
    return sq.count
}

@_semantics("maxlive.entry")
public func passing(_ n: Int) -> Int {
    let src = source(n)
    let cut = n >= 100 ? 0 : 8
    let kept = src.filter { $0 >= cut }
    return kept.count
}

@_semantics("maxlive.entry")
public func compact(_ n: Int) -> Int {
    let src = source(n)
    let all = n >= 100
    let c = src.compactMap { all || $0 % 3 != 0 ? $0 : nil }
    return c.count
}

@_semantics("maxlive.entry")
public func collected(_ n: Int) -> Int {
    let src = source(n)
    let cut = n >= 100 ? 0 : 8
    let r = src.reduce(into: [Int]()) { acc, x in if x >= cut { acc.append(x) } }
    return r.count
}

@_semantics("maxlive.entry")
public func chained(_ n: Int) -> Int {
    let src = source(n)
    let cut = n >= 100 ? 0 : 8
    let a = src.map { $0 + 1 }.filter { $0 > cut }.map { $0 * 2 }
    return a.count
}

@_semantics("maxlive.entry")
public func perRound(_ n: Int) -> Int {
    var total = 0
    for r in 0..<min(max(n, 0), 8) {
        var src: [Int] = []
        for i in 0..<r { src.append(i) }
        let m = src.map { $0 * r }
        total &+= m.count
    }
    return total
}

@_semantics("maxlive.entry")
public func objects(_ n: Int) -> Int {
    let nodes = source(n).map { Node(id: $0) }
    var s = 0
    for x in nodes { s &+= x.id }
    return s
}
