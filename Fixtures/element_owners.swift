// Fixture: element_owners — objects made in loops with no bound on their trips, kept only in the
// elements of a local array whose count the code caps: at any moment the live objects are the
// array's elements (at most its largest count) and the one being made, however long the loop runs.
//
// Layouts (SILFacts §4–§6): Req: 16 (header) + 8 (id) + 16 (pad) = 40. _ContiguousArrayStorage<Req>
// of capacity c: 32 + 8c; an append to a full array doubles the capacity (1, 2, 4, 8, 16) while
// the old buffer is live.
//
// keepFirst8: `if out.count < 8 { out.append(Req(x)) }`: 8 Reqs (320) in capacity 8 (96): 416.
//   The analysis: the array's 160 (capacity 8 while 4 is copied) and 8 + 1 Reqs (360): 520.
// breakAt16: `guard out.count < 16 else { break }`: 16 Reqs (640) in capacity 16 (160): 800.
//   The analysis: 256 (capacity 16 while 8 is copied) and 17 Reqs (680): 936.
// windowOf4: `if out.count >= 4 { out.removeFirst() }` then an append: the removed Req is
//   released before the next is made: 4 Reqs (160) and capacity 4 (64), the old capacity 2 (48)
//   copied once: 232 at most. The analysis: the window's array as count_guards/dropOldest prices
//   it (capacities not taken as powers of two: 192) and 5 Reqs (200): 392.
// flushAt8: `if out.count >= 8 { total += sum; out = [] }` then an append: 8 Reqs (320) and
//   capacity 8 (96): 416. The analysis: the count is taken as at most 9 (the flush's check, then
//   an append): capacity 16 (160) while 8 (96) is copied, and 10 Reqs (400): 656.
// replaceInPlace: four Reqs appended, then each new one replaces an element (`out[i & 3] =
//   Req(x)`, which releases the old element after storing the new one): 4 in the array and the
//   old one, 5 Reqs (200), and capacity 4 (64): 264. The analysis: the old element may be live
//   beside a full array, so 4 + 1 Reqs kept as elements (200), the one being made (40), and the
//   array's 192 (capacities not taken as powers of two): 432.
// swapOldest: `let old = out.removeFirst(); out.append(Req(x)); kept &+= old.id`: the removed
//   Req lives past the append: 5 Reqs (200) and 64: 264. The analysis: 432, as replaceInPlace.
// keepLastRemoved: the removed Req is kept (`last = out.removeFirst()`, which releases the Req
//   `last` held) into the next pass, where a new one is appended: 3 in the array, `last`, and the
//   one being made: 5 Reqs (200) and capacity 4 (64): 264. maxlive does not take the array for
//   the Reqs' one owner when an element read out of it may still be live at a later store (here
//   it would hold; kept twice it would not): unbounded.
// alsoInGlobal: each Req is appended to the capped array and, every third one, to a global
//   array too: unbounded (the global keeps them, and grows).
// movedToHistory: removed Reqs appended to a second array with no cap: unbounded.
// bigPayloads: each element is an object with its own array field, made by its initializer
//   (`Big(x)`: 16 + 8 = 24; the field's literal [x, x + 1]: 32 + 16 = 48). 4 Bigs with their
//   arrays (4 × 72) and capacity 4 (64): 352. The initializer (not inlined) stores the field's
//   array into `self`, which it returns: the array comes back with the Big and is kept with it
//   in the elements. The analysis: the array's 112 and 4 + 1 Bigs with their arrays (360): 472.
// pairParts: four Pairs (16 B each), then each pass fills one Pair's two fields with separate
//   stores (`out[k].a = Req(x); out[k].b = Req(x + 1)`): 8 Reqs (320), the old one a store
//   releases (40) and the array (32 + 64): 456. An element holds what each of its parts was given:
//   the analysis counts the costliest store of each part (a, b), 4 + 2 read out beside the array
//   (the old a and the old b), as many as 6 of each (480), and the array's 96 and its old 64 while
//   it grows: 640.

final class Req {
    var id: Int
    var pad: (Int, Int) = (0, 0)
    init(_ id: Int) { self.id = id }
}

struct Pair {
    var a: Req?
    var b: Req?
}

final class Big {
    var a: [Int]
    init(_ n: Int) { a = [n, n + 1] }
}

@inline(never) func next(_ i: Int, _ n: Int) -> Int? { i < n ? i &* 3 : nil }

@_semantics("maxlive.entry")
public func keepFirst8(_ n: Int) -> Int {
    var out: [Req] = []
    var i = 0
    while let x = next(i, n) {
        if out.count < 8 { out.append(Req(x)) }
        i += 1
    }
    var s = 0
    for r in out { s += r.id }
    return s
}

@_semantics("maxlive.entry")
public func breakAt16(_ n: Int) -> Int {
    var out: [Req] = []
    var i = 0
    while let x = next(i, n) {
        guard out.count < 16 else { break }
        out.append(Req(x))
        i += 1
    }
    return out.count
}

@_semantics("maxlive.entry")
public func windowOf4(_ n: Int) -> Int {
    var out: [Req] = []
    var i = 0
    while let x = next(i, n) {
        if out.count >= 4 { out.removeFirst() }
        out.append(Req(x))
        i += 1
    }
    return out.count
}

@_semantics("maxlive.entry")
public func flushAt8(_ n: Int) -> Int {
    var out: [Req] = []
    var total = 0
    var i = 0
    while let x = next(i, n) {
        if out.count >= 8 {
            for r in out { total += r.id }
            out = []
        }
        out.append(Req(x))
        i += 1
    }
    return total + out.count
}

@_semantics("maxlive.entry")
public func keepLastRemoved(_ n: Int) -> Int {
    var out: [Req] = []
    var last: Req? = nil
    var i = 0
    while let x = next(i, n) {
        if out.count >= 4 { last = out.removeFirst() }
        out.append(Req(x))
        i += 1
    }
    return out.count + (last?.id ?? 0)
}

var history: [Req] = []

@_semantics("maxlive.entry")
public func alsoInGlobal(_ n: Int) -> Int {
    var out: [Req] = []
    var i = 0
    while let x = next(i, n) {
        let r = Req(x)
        if out.count < 4 { out.append(r) }
        if i % 3 == 0 { history.append(r) }
        i += 1
    }
    return out.count
}

@_semantics("maxlive.entry")
public func movedToHistory(_ n: Int) -> Int {
    var out: [Req] = []
    var old: [Req] = []
    var i = 0
    while let x = next(i, n) {
        if out.count >= 4 { old.append(out.removeFirst()) }
        out.append(Req(x))
        i += 1
    }
    return out.count + old.count
}

@_semantics("maxlive.entry")
public func bigPayloads(_ n: Int) -> Int {
    var out: [Big] = []
    var i = 0
    while let x = next(i, n) {
        if out.count < 4 { out.append(Big(x)) }
        i += 1
    }
    return out.count
}

@_semantics("maxlive.entry")
public func replaceInPlace(_ n: Int) -> Int {
    var out: [Req] = []
    var i = 0
    while let x = next(i, n) {
        if out.count < 4 { out.append(Req(x)) } else { out[i & 3] = Req(x) }
        i += 1
    }
    return out.count
}

@_semantics("maxlive.entry")
public func swapOldest(_ n: Int) -> Int {
    var out: [Req] = []
    var kept = 0
    var i = 0
    while let x = next(i, n) {
        if out.count >= 4 {
            let old = out.removeFirst()
            out.append(Req(x))
            kept &+= old.id
        } else {
            out.append(Req(x))
        }
        i += 1
    }
    return out.count + kept
}

@_semantics("maxlive.entry")
public func pairParts(_ n: Int) -> Int {
    var out: [Pair] = []
    for _ in 0..<4 { out.append(Pair(a: nil, b: nil)) }
    var i = 0
    while let x = next(i, n) {
        let k = i & 3
        out[k].a = Req(x)
        out[k].b = Req(x &+ 1)
        i += 1
    }
    var total = 0
    for p in out { total &+= (p.a?.id ?? 0) &+ (p.b?.id ?? 0) }
    return total
}

public func fixtureReset() { history = [] }

// expect: keepFirst8 peak 416
// maxlive: keepFirst8 bound 520 (the array's largest buffers during its last regrowth, and all 8 Reqs plus the one being made)
// expect: breakAt16 peak 800
// maxlive: breakAt16 bound 936 (16 Reqs plus the one being made, beside capacity 16 while 8 is copied)
// expect: windowOf4 peak 232
// maxlive: windowOf4 bound 392 (removeFirst's copy of a shared buffer: capacities not taken as powers of two)
// expect: flushAt8 peak 416
// maxlive: flushAt8 bound 656 (the count taken as at most 9)
// expect: replaceInPlace peak 264
// maxlive: replaceInPlace bound 432 (the replaced element counted beside a full array; capacities not taken as powers of two)
// expect: swapOldest peak 264
// maxlive: swapOldest bound 432 (the removed element counted beside a full array; capacities not taken as powers of two)
// expect: keepLastRemoved peak 264
// maxlive: keepLastRemoved unbounded (an element read out of the array still live at a later store)
// expect: alsoInGlobal unbounded
// expect: movedToHistory unbounded
// expect: bigPayloads peak 352
// maxlive: bigPayloads bound 472 (all four Bigs and the one being made, beside the array's buffers during its last regrowth)
// expect: pairParts peak 456
// maxlive: pairParts bound 640 (each part's Reqs: the array's 4 and the 2 read out beside it)

// inputs: pairParts 0 1 3 4 5 40
// inputs: keepFirst8 0 1 8 9 100
// inputs: breakAt16 0 1 16 17 100
// inputs: windowOf4 0 1 4 5 100
// inputs: flushAt8 0 1 8 9 17 100
// inputs: keepLastRemoved 0 1 4 5 6 100
// inputs: bigPayloads 0 1 4 5 100
// inputs: replaceInPlace 0 1 4 5 100
// inputs: swapOldest 0 1 4 5 100
