// Fixture: dictionary — [Int: Int] and Set<Int> growth by insertion, bounded by loop_bound markers.
//
// A table asked to hold c elements gets B = the smallest power of two >= max(ceil(4c/3), c + 1, 2)
// buckets (max load 3/4; `_HashTable.scale(forCapacity:)`), in one object (SILFacts §5.6):
//   _DictionaryStorage<Int, Int>: 64 header + 8*ceil(B/64) bitmap words + B*8 keys + B*8 values
//     B = 2 (holds 1): 64 + 8 + 16 + 16 = 104
//     B = 4 (holds 3): 64 + 8 + 32 + 32 = 136
//     B = 8 (holds 6): 64 + 8 + 64 + 64 = 200
//   _SetStorage<Int>: 56 header + 8*ceil(B/64) + B*8
//     B = 2: 80, B = 4: 96, B = 8: 128
// While a table grows, the old and the new one are live together.
//
// dictFill(n): d = [:] (the empty singleton, no allocation), then n <= 5 inserts (marker 5).
//   insert 1 allocates 104; insert 2 resizes to 136 while 104 is live (240); insert 4
//   resizes to 200 while 136 is live: 136 + 200 = 336. Insert 5 fits. peak = 336 (n >= 4).
//   The analysis: at most 5 elements; each resize asks for count + 1 <= 6: B(6) = 8, and a resize
//   only grows, so the old table has at most 4 buckets: 200 + 136 = 336.
// setFill(n): the same with a Set<Int> and n <= 5 inserts: insert 4 grows 96 -> 128:
//   96 + 128 = 224 (n >= 4). The insert stays a call of `Set._Variant.insert(_:)`.
// dictPerIteration(n): n <= 3 iterations, each builds its own [Int: Int] with 3 inserts and
//   drops it: 104, then 104 + 136 = 240 at the second insert; the third fits. peak = 240.
//   The analysis: 3 elements, resizes ask for count + 1 <= 4 (a resize asked for count + 1 may insert
//   nothing, e.g. `d[k]? += 1` on a missing key), so B(4) = 8: 200 + 136 = 336.
// dictStringKeys(n): two distinct small-string keys ("even", "odd"; String stride 16): B = 2: 64 + 8 + 32
//   + 16 = 120, then B = 4: 168 while 120 is live: 288 (n >= 2). But hashing and moving them runs String code while the table
//   grows, which the growth model does not follow: unbounded, with that reason.
// dictUnbounded(n): inserts in a loop with no marker: unbounded.
// Hosted link needs -lm (ceil) and glibc's arc4random_buf (Hasher seed); measure adds -lm.
//
// SIL (-Osize): `[:]` is an apply of `specialized Dictionary.init(dictionaryLiteral:)` with the
// empty array (no allocation); each insert calls `__RawDictionaryStorage.find`, and on growth
// `_NativeDictionary._copyOrMoveAndResize(capacity:moveElements:)` (two sites) or
// `_NativeDictionary.copy()`; the allocation is `alloc_ref [tail_elems $_UnsafeBitset.Word * %w]
// [tail_elems $Int * %b] [tail_elems $Int * %b] $_DictionaryStorage<Int, Int>` inside the stdlib.
// The dictionary lives in a stack slot (`alloc_stack $__RawDictionaryStorage, var, name "d"`).
//
// expect: dictFill peak 336
// expect: setFill peak 224
// expect: dictPerIteration peak 240
// maxlive: dictPerIteration bound 336 (a resize may ask for one more than the final count: B(4) = 8 buckets instead of 4)
// expect: dictStringKeys peak 288
// maxlive: dictStringKeys unbounded (String keys: hashing a string that may not be ASCII normalises it through a buffer nothing bounds)
// expect: dictUnbounded unbounded
// inputs: dictFill 0 1 2 3 4 5
// inputs: setFill 0 1 3 4 5
// inputs: dictPerIteration 0 1 3
// inputs: dictStringKeys 0 1 4 5
// inputs: dictUnbounded 0 1 9

@_semantics("maxlive.entry")
public func dictFill(_ n: Int) -> Int {
    var d: [Int: Int] = [:]
    for i in 0..<n {
        maxliveLoopBound(5)
        d[i] = i &* 3
    }
    return d.count
}

@_semantics("maxlive.entry")
public func setFill(_ n: Int) -> Int {
    var s: Set<Int> = []
    for i in 0..<n {
        maxliveLoopBound(5)
        s.insert(i &* 7)
    }
    return s.count
}

@_semantics("maxlive.entry")
public func dictPerIteration(_ n: Int) -> Int {
    var total = 0
    for i in 0..<n {
        maxliveLoopBound(3)
        var d: [Int: Int] = [:]
        for k in 0..<3 { d[k &+ i] = k }
        total &+= d.count
    }
    return total
}

@_semantics("maxlive.entry")
public func dictStringKeys(_ n: Int) -> Int {
    var d: [String: Int] = [:]
    for i in 0..<n {
        maxliveLoopBound(5)
        d[i % 2 == 0 ? "even" : "odd"] = i
    }
    return d.count
}

@_semantics("maxlive.entry")
public func dictUnbounded(_ n: Int) -> Int {
    var d: [Int: Int] = [:]
    for i in 0..<n { d[i] = i }
    return d.count
}
