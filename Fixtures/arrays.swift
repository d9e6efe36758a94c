// Fixture: arrays — constant-size arrays: which allocate, and how much.
//
// Array storage is _ContiguousArrayStorage<T>: 32-byte header + count * stride(T) (§5.6).
// arrayLocalBig: [Int](repeating:count: 125), not escaping: 32 + 125*8 = 1032.
//   `repeating:` goes through _allocateBufferUninitialized, never stack-promoted (§4).
// arrayLiteralBig: a 130-element literal of non-constant elements, not escaping. Literals are
//   stack-promoted up to 1024 B; this one is 32 + 130*8 = 1072 > 1024, so it is heap.
// arrayLiteralLocal: [n, n+1, n+2], not escaping: alloc_ref [stack] (56 B <= 1024) -> 0.
// arrayLiteralEscaping: the same literal stored in a global: 32 + 3*8 = 56.
// arrayConstantLiteral: [1, 2, 3] stored in a global is a static object (global_value) -> 0.
// arrayTuples: [(Int8, Int)] x 10 kept in a global: stride 16 -> 32 + 10*16 = 192.
//
// SIL (-Osize): arrayLiteralBig prints `alloc_ref [stack] [tail_elems $Int * %2]` with %2 = 130,
// yet it is HEAP at run time (IRGen's 1024-byte limit). arrayLiteralLocal is the same shape with
// 3 elements (really stack). arrayLiteralEscaping has the `alloc_ref [tail_elems $Int * 3]` inline
// in the entry. arrayConstantLiteral only has `global_value @…outlined variable #0…` (static).
// arrayLocalBig/arrayTuples go through _allocateBufferUninitialized (tuple stride 16). The file
// also contains an unreachable `alloc_ref $__SwiftNativeNSArrayWithContiguousStorage`.
//
// expect: arrayLocalBig peak 1032
// expect: arrayLiteralBig peak 1072
// expect: arrayLiteralLocal peak 0
// expect: arrayLiteralEscaping peak 56
// expect: arrayConstantLiteral peak 0
// expect: arrayTuples peak 192
// inputs: arrayLocalBig 0 3
// inputs: arrayLiteralBig 0 3
// inputs: arrayLiteralLocal 0 3
// inputs: arrayLiteralEscaping 0 3
// inputs: arrayConstantLiteral 0 3
// inputs: arrayTuples 0 3

nonisolated(unsafe) var gArr: [Int] = []
nonisolated(unsafe) var gTuples: [(Int8, Int)] = []

@inline(never)
func sumOf(_ a: [Int]) -> Int {
    var s = 0
    for v in a { s &+= v }
    return s
}

@_semantics("maxlive.entry")
public func arrayLocalBig(_ n: Int) -> Int {
    let a = [Int](repeating: n, count: 125)
    return sumOf(a)
}

@_semantics("maxlive.entry")
public func arrayLiteralBig(_ n: Int) -> Int {
    let a = [
        n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n,
        n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n,
        n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n,
        n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n,
        n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n,
    ]
    return sumOf(a)
}

@_semantics("maxlive.entry")
public func arrayLiteralLocal(_ n: Int) -> Int {
    let a = [n, n &+ 1, n &+ 2]
    return sumOf(a)
}

@_semantics("maxlive.entry")
public func arrayLiteralEscaping(_ n: Int) {
    gArr = [n, n &+ 1, n &+ 2]
}

@_semantics("maxlive.entry")
public func arrayConstantLiteral(_ n: Int) {
    gArr = [1, 2, 3]
}

@_semantics("maxlive.entry")
public func arrayTuples(_ n: Int) {
    gTuples = [(Int8, Int)](repeating: (Int8(truncatingIfNeeded: n), n), count: 10)
}

public func fixtureReset() {
    gArr = []
    gTuples = []
}
