// Fixture: dictionary — [Int: Int] growth by insertion, bounded by a loop_bound marker.
//
// _DictionaryStorage<Int, Int> with B = 2^scale buckets (max load 3/4) (sil-facts §5.6):
//   64 header + 8*ceil(B/64) bitmap words + B*8 keys + B*8 values
//   B = 2 (holds 1): 64 + 8 + 16 + 16 = 104
//   B = 4 (holds 3): 64 + 8 + 32 + 32 = 136
//   B = 8 (holds 6): 64 + 8 + 64 + 64 = 200
// dictFill(n): d = [:] (the empty singleton, no allocation), then n <= 5 inserts (marker 5).
//   insert 1 allocates 104; insert 2 resizes to 136 while 104 is live (240); insert 4
//   resizes to 200 while 136 is live: 136 + 200 = 336. Insert 5 fits. peak = 336 (n >= 4).
// Hosted link needs -lm (ceil) and glibc's arc4random_buf (Hasher seed); measure adds -lm.
//
// SIL (-Osize): `[:]` is an apply of `specialized Dictionary.init(dictionaryLiteral:)` with the
// empty array (no allocation); each insert calls `__RawDictionaryStorage.find`, and on growth
// `_NativeDictionary._copyOrMoveAndResize(capacity:moveElements:)` (two sites) or
// `_NativeDictionary.copy()`; the allocation is `alloc_ref [tail_elems $_UnsafeBitset.Word * %w]
// [tail_elems $Int * %b] [tail_elems $Int * %b] $_DictionaryStorage<Int, Int>` inside the stdlib.
//
// expect: dictFill peak 336
// maxlive: dictFill unbounded (dictionary resizes size their storage from the run-time capacity, not modelled yet)
// inputs: dictFill 0 1 2 3 4 5

@_semantics("maxlive.entry")
public func dictFill(_ n: Int) -> Int {
    var d: [Int: Int] = [:]
    for i in 0..<n {
        maxliveLoopBound(5)
        d[i] = i &* 3
    }
    return d.count
}
