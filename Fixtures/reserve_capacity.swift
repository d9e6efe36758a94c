// Fixture: reserve_capacity — a capacity reserved outright sizes the buffer: it must be bounded
// by the code (a constant, a clamp), or the entry is unbounded.
//
//   [Int8] storage: 32 + capacity bytes
// rcConst(n): reserveCapacity(6) on an empty array: 32 + 6 = 38.
// rcClamp(n): reserveCapacity(min(n, 40)): at most 32 + 40 = 72.
// rcParam(n): reserveCapacity(n): as large as n; no bound exists.
//
// SIL (-Osize): the reallocation `_consumeAndCreateNew(bufferIsUnique:minimumCapacity:growForAppend:)`
// asks for `max(count, 6)` (a phi of the loaded count and the literal), or for the clamp, or n.
// Found by the soundness fuzzer: the request was not taken into account at all (78 B measured,
// 72 B reported, with a 40-byte object beside the array).
//
// expect: rcConst peak 38
// expect: rcClamp peak 72
// expect: rcParam unbounded
// maxlive: rcConst bound 84 (a reallocation is taken to double the capacity asked for, and the old buffer to stay while the new one fills)
// maxlive: rcClamp bound 220 (the same)
// inputs: rcConst 0
// inputs: rcClamp 0 10 40 100
// inputs: rcParam 0 10 100

@inline(never) func touch(_ a: [Int8]) -> Int { a.capacity }

@_semantics("maxlive.entry")
public func rcConst(_ n: Int) -> Int {
    var a: [Int8] = []
    a.reserveCapacity(6)
    return touch(a)
}

@_semantics("maxlive.entry")
public func rcClamp(_ n: Int) -> Int {
    var a: [Int8] = []
    a.reserveCapacity(min(n, 40))
    return touch(a)
}

@_semantics("maxlive.entry")
public func rcParam(_ n: Int) -> Int {
    var a: [Int8] = []
    a.reserveCapacity(n)
    return touch(a)
}
