// Fixture: count_guards — local arrays, sets and dictionaries filled by loops with no bound on
// their trips (`while let x = next()`), kept small by checks of their own count before each
// change that adds to them: `if out.count < 4 { out.append(x) }`, `if out.count >= 8 { break }`,
// `guard s.count < 16 else { break }`. The count never passes the check's limit plus one,
// however long the loop runs; appends no check guards add to that.
//
// Layouts (SILFacts §4–§6): _ContiguousArrayStorage<Int> of capacity c: 32 + 8c; an append
// to a full array doubles the capacity (1, 2, 4, 8, 16) while the old buffer is live.
// _SetStorage<Int> of B buckets: 56 + 8 × ⌈B/64⌉ + 8B; _DictionaryStorage<Int, Int>: 64 + 8 ×
// ⌈B/64⌉ + 16B; a table asked to hold c gets the smallest B ≥ max(⌈4c/3⌉, c + 1, 2).
//
// firstFour: at most 4 elements: capacity 4 (64) while capacity 2 (48) is copied: 112.
// firstEight: `break` at 8: capacity 8 (96) while 4 (64) is copied: 160.
// whileRoom: the check in the loop's own condition, 10 at most: capacity 16 (160) while 8 (96): 256.
// thenTwoMore: at most 4 in the loop, then two appends no check guards: 6: capacity 8 (96)
//   while 4 (64): 160.
// setOf16: a Set<Int> of at most 16: 32 buckets (320) while 16 (192) are copied: 512.
// mapOf8: a [Int: Int] of at most 8: 16 buckets (328) while 8 (200): 528. maxlive does not
//   bound it yet: the optimizer keeps this dictionary both in a register (where the check reads
//   its count) and in a stack slot (where the insertion changes it), and the guard is not
//   followed from one to the other.
// otherCount: the check reads another array's count: unbounded.
// checkOnceThenMany: one check, then an inner loop of insertions (the count is stale after the
//   first): up to 7 + 15 = 22 elements (32 buckets, 320, while 16, 192: 512); the inputs here
//   reach 12 (16 buckets, 192, while 8, 128: 320). maxlive takes
//   nothing from a check that an insertion may follow more than once: unbounded (the inner
//   loop's insertions have no bound of their own here).
// handOff: the full array handed to another variable and a new one started (`last = cur;
//   cur = []`): two arrays of 8 live at once, and the new one growing: 96 + 64 + 96 = 256.
//   maxlive takes nothing from the checks of a variable whose arrays may be live two at a time:
//   unbounded.
// unchecked: no check at all: unbounded.
// startsWithRoot: a literal of one (`var path = [n]`, on the stack) and appends behind
//   `path.count < 6`: at most 6; capacities double from the literal's 1 (2, 4, 8): capacity 8
//   (96) while 4 (64) is copied: 160.
// clampedLimit: `out.count < min(n / 2, 24)`: the optimizer splits the `min` into two paths,
//   each with its own test (`count < 24`; `count < n / 2` where n / 2 ≤ 24): at most 24:
//   capacity 32 (288) while 16 (160): 448.
// flushWhenFull: `if out.count >= 8 { total += sum(out); out = [] }` then an append: the array
//   starts over from empty after each flush (the old one released), so it never holds more
//   than 8: capacity 8 (96) while 4 (64) is copied: 160.
// keepOnFlush: the same, but the full array is kept in `previous` (`previous = out; out = []`):
//   two arrays of 8 live at once and the new one growing: 96 + 64 + 96 = 256. maxlive takes
//   nothing from checks of a variable whose arrays may be live two at a time: unbounded.
// dropOldest: `if out.count >= 8 { out.removeFirst() }` then an append: a window of the last
//   8, however long the input: capacity 8 (96) while 4 (64) is copied: 160. maxlive proves the
//   count never passes 8 by induction (lowered from at most 8, or raised from at most 7), but
//   `removeFirst` may copy a shared buffer, so capacities are not taken as powers of two: room
//   for 9, doubled to 16, twice: 320.
// tagLengthValue: three appends in a row behind one `count >= 12` break: at most 11 + 3 = 14:
//   capacity 16 (160) while 8 (96): 256.

@inline(never) func next(_ i: Int, _ n: Int) -> Int? { i < n ? i &* 3 : nil }

@_semantics("maxlive.entry")
public func firstFour(_ n: Int) -> Int {
    var out: [Int] = []
    var i = 0
    while let x = next(i, n) {
        if out.count < 4 { out.append(x) }
        i += 1
    }
    return out.count
}

@_semantics("maxlive.entry")
public func firstEight(_ n: Int) -> Int {
    var out: [Int] = []
    var i = 0
    while let x = next(i, n) {
        if out.count >= 8 { break }
        out.append(x)
        i += 1
    }
    return out.count
}

@_semantics("maxlive.entry")
public func whileRoom(_ n: Int) -> Int {
    var out: [Int] = []
    var i = 0
    while out.count < 10, let x = next(i, n) {
        out.append(x)
        i += 1
    }
    return out.count
}

@_semantics("maxlive.entry")
public func thenTwoMore(_ n: Int) -> Int {
    var out: [Int] = []
    var i = 0
    while let x = next(i, n) {
        if out.count < 4 { out.append(x) }
        i += 1
    }
    out.append(n)
    out.append(i)
    return out.count
}

@_semantics("maxlive.entry")
public func setOf16(_ n: Int) -> Int {
    var s = Set<Int>()
    var i = 0
    while let x = next(i, n) {
        guard s.count < 16 else { break }
        s.insert(x)
        i += 1
    }
    return s.count
}

@_semantics("maxlive.entry")
public func mapOf8(_ n: Int) -> Int {
    var d: [Int: Int] = [:]
    var i = 0
    while let x = next(i, n) {
        if d.count < 8 { d[x] = i }
        i += 1
    }
    return d.count
}

@_semantics("maxlive.entry")
public func otherCount(_ n: Int) -> Int {
    var seen: [Int] = []
    var out: [Int] = []
    var i = 0
    while let x = next(i, n) {
        if seen.count < 4 { seen.append(x) }
        if seen.count < 8 { out.append(x) }
        i += 1
    }
    return out.count + seen.count
}

@inline(never) func burst(_ i: Int) -> Int { i & 15 }

@_semantics("maxlive.entry")
public func checkOnceThenMany(_ n: Int) -> Int {
    var s = Set<Int>()
    var i = 0
    while let x = next(i, n) {
        if s.count < 8 {
            for k in 0..<burst(x) { s.insert(x &* 16 &+ k) }
        }
        i += 1
    }
    return s.count
}

@_semantics("maxlive.entry")
public func handOff(_ n: Int) -> Int {
    var cur: [Int] = []
    var last: [Int] = []
    var i = 0
    while let x = next(i, n) {
        if cur.count < 8 { cur.append(x) } else { last = cur; cur = [] }
        i += 1
    }
    return cur.count &+ last.count
}

@_semantics("maxlive.entry")
public func startsWithRoot(_ n: Int) -> Int {
    var path = [n]
    var i = 0
    while let x = next(i, n) {
        if path.count < 6 { path.append(x) }
        i += 1
    }
    return path.count
}

@_semantics("maxlive.entry")
public func clampedLimit(_ n: Int) -> Int {
    var out: [Int] = []
    var i = 0
    while let x = next(i, n) {
        if out.count < min(n / 2, 24) { out.append(x) }
        i += 1
    }
    return out.count
}

@_semantics("maxlive.entry")
public func tagLengthValue(_ n: Int) -> Int {
    var out: [Int] = []
    var i = 0
    while let x = next(i, n) {
        if out.count >= 12 { break }
        out.append(1)
        out.append(x)
        out.append(x &+ 1)
        i += 1
    }
    return out.count
}

@inline(never) func sum(_ a: [Int]) -> Int { a.reduce(0, &+) }

@_semantics("maxlive.entry")
public func flushWhenFull(_ n: Int) -> Int {
    var out: [Int] = []
    var total = 0
    var i = 0
    while let x = next(i, n) {
        if out.count >= 8 { total &+= sum(out); out = [] }
        out.append(x)
        i += 1
    }
    return total &+ out.count
}

@_semantics("maxlive.entry")
public func keepOnFlush(_ n: Int) -> Int {
    var out: [Int] = []
    var previous: [Int] = []
    var i = 0
    while let x = next(i, n) {
        if out.count >= 8 { previous = out; out = [] }
        out.append(x)
        i += 1
    }
    return previous.count &+ out.count
}

@_semantics("maxlive.entry")
public func dropOldest(_ n: Int) -> Int {
    var out: [Int] = []
    var i = 0
    while let x = next(i, n) {
        if out.count >= 8 { out.removeFirst() }
        out.append(x)
        i += 1
    }
    return sum(out)
}

@_semantics("maxlive.entry")
public func unchecked(_ n: Int) -> Int {
    var out: [Int] = []
    var i = 0
    while let x = next(i, n) { out.append(x); i += 1 }
    return out.count
}

// expect: firstFour peak 112
// expect: firstEight peak 160
// expect: whileRoom peak 256
// expect: thenTwoMore peak 160
// expect: setOf16 peak 512
// expect: mapOf8 peak 528
// expect: otherCount unbounded
// maxlive: mapOf8 unbounded (the check reads the count of the table in a register, the insertion changes the copy in a stack slot)
// expect: unchecked unbounded
// expect: checkOnceThenMany peak 320
// expect: handOff peak 256
// maxlive: checkOnceThenMany unbounded (the check is stale after the inner loop's first insertion)
// maxlive: handOff unbounded (two arrays of the variable live at once: checks of its count bound neither)
// expect: startsWithRoot peak 160
// expect: clampedLimit peak 448
// expect: tagLengthValue peak 256
// expect: flushWhenFull peak 160
// expect: keepOnFlush peak 256
// maxlive: keepOnFlush unbounded (the full array is kept in another variable while a new one grows)
// inputs: flushWhenFull 0 1 8 9 17 100
// inputs: keepOnFlush 0 1 8 9 17 100
// expect: dropOldest peak 160
// maxlive: dropOldest bound 320 (removeFirst's copy of a shared buffer: capacities not taken as powers of two)
// inputs: dropOldest 0 1 8 9 17 100
// inputs: startsWithRoot 0 1 5 6 100
// inputs: clampedLimit 0 1 47 48 49 100 1000
// inputs: tagLengthValue 0 1 4 5 100
// inputs: firstFour 0 1 4 5 100
// inputs: firstEight 0 1 8 9 100
// inputs: whileRoom 0 9 10 11 100
// inputs: thenTwoMore 0 3 4 100
// inputs: setOf16 0 1 16 17 100
// inputs: mapOf8 0 8 9 100
// inputs: otherCount 0 4 100
// inputs: unchecked 0 1 100
// inputs: checkOnceThenMany 0 1 8 100
// inputs: handOff 0 8 9 17 100
