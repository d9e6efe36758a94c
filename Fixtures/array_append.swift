// Fixture: array_append — growth by append, bounded by a loop_bound marker.
//
// Embedded growth doubles exactly: newCapacity = max(needed, 2 * oldCapacity), buffers of
// 32 + cap*8 bytes for [Int]: cap 1, 2, 4, 8, 16, 32 -> 40, 48, 64, 96, 160, 288 (§5.6).
// While growing, the old and the new buffer are live together (allocate new, move, free old).
// arrayAppend: for i in 0..<n { marker 20; a.append(i) }, then the array is summed and dropped.
//   Worst step (n >= 17): the 17th append grows cap 16 -> 32: 160 + 288 = 448.
//   (n = 20 ends with only the 288-byte buffer live; peak is still 448.)
// arrayAppendKept: the same into a global array that is kept: same peak, 448.
//
// SIL (-Osize): the append loop is a rotated loop carrying the storage reference as a block
// argument; `begin_cow_mutation`, then TWO call sites of
// `specialized _ContiguousArrayBuffer._consumeAndCreateNew(bufferIsUnique:minimumCapacity:growForAppend:)`
// (not unique; capacity exhausted), then the count is stored as count + 1 and `end_cow_mutation`.
// The new buffer's size is computed inside that function from the old capacity, so maxlive
// models the array as one object bounded by its count (Sources/Analysis/ArrayGrowth.swift):
// 20 appends from empty, capacities powers of two, worst growth 16 -> 32: 160 + 288 = 448.
//
// arrayAppendKept is unbounded, and rightly so: the global array's count when the call starts
// is whatever earlier calls left (the driver resets it between calls; a kernel would not), so
// the buffer a growth allocates has no static bound.
//
// expect: arrayAppend peak 448
// expect: arrayAppendKept peak 448
// maxlive: arrayAppendKept unbounded (the global array's count on entry is unknown: each call may find it larger)
// inputs: arrayAppend 0 1 2 3 5 9 16 17 20
// inputs: arrayAppendKept 0 1 2 16 17 20

nonisolated(unsafe) var gArr: [Int] = []

@inline(never)
func sumOf(_ a: [Int]) -> Int {
    var s = 0
    for v in a { s &+= v }
    return s
}

@_semantics("maxlive.entry")
public func arrayAppend(_ n: Int) -> Int {
    var a: [Int] = []
    for i in 0..<n {
        maxliveLoopBound(20)
        a.append(i)
    }
    return sumOf(a)
}

@_semantics("maxlive.entry")
public func arrayAppendKept(_ n: Int) {
    for i in 0..<n {
        maxliveLoopBound(20)
        gArr.append(i)
    }
}

public func fixtureReset() { gArr = [] }
