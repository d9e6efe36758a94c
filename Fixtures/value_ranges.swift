// Fixture: value_ranges — counts and trip counts the code itself clamps need no marker: the
// range of a value follows from clamps, guards, masks and remainders (ValueRanges.swift).
//
//   Node {a: Int}                       16 + 8 = 24
//   [Int] storage                       32 + 8 × count
// clampAlloc(n):  [Int](repeating: 0, count: min(max(n, 1), 64)) kept in a global: at most
//   64 elements, 32 + 512 = 544.
// guardLoop(n):   guard n <= 16; n Nodes appended to a local array: 16 × 24 = 384 and the
//   array's last buffer (capacity 16: 32 + 128 = 160): 544 (the buffer it grew from, 96, was
//   freed before the last Nodes were made).
// maskLoop(n):    n & 7 Nodes the same way. The peak is the fifth append: five Nodes (120),
//   the 4-element buffer (32 + 32 = 64) and the 8-element one it grows into (32 + 64 = 96): 280.
// remainderBytes(n): a raw buffer of (n % 100) + 1 bytes through UnsafeMutableRawPointer.allocate,
//   kept until the call returns: at most 100 bytes.
//
// SIL (-Osize): min/max are cond_br diamonds into a block argument; `guard` is a cond_br;
// `0..<n` adds cond_fail checks (n ≥ 0) before the rotated loop; `n & 7` is `and_Int64`.
//
// expect: clampAlloc peak 544
// expect: guardLoop peak 544
// expect: maskLoop peak 280
// expect: remainderBytes peak 100
// maxlive: guardLoop bound 640 (the array model charges the buffer a regrow replaces on top of the last one, though it is freed first)
// maxlive: maskLoop bound 328 (the same: the 4-element buffer on top of the 8-element one)
// inputs: clampAlloc 0 1 5 64 65 1000
// inputs: guardLoop 0 1 5 15 16 17 100
// inputs: maskLoop 0 3 7 8 15 255
// inputs: remainderBytes 0 1 98 99 100 199 12345

public final class Node { var a = 0 }
nonisolated(unsafe) var buf: [Int] = []

@_semantics("maxlive.entry")
public func clampAlloc(_ n: Int) {
    let c = min(max(n, 1), 64)
    buf = [Int](repeating: 0, count: c)
}

@_semantics("maxlive.entry")
public func guardLoop(_ n: Int) -> Int {
    guard n <= 16 else { return 0 }
    var local: [Node] = []
    for _ in 0..<n { local.append(Node()) }
    return local.count
}

@_semantics("maxlive.entry")
public func maskLoop(_ n: Int) -> Int {
    var local: [Node] = []
    for _ in 0..<(n & 7) { local.append(Node()) }
    return local.count
}

@inline(never) func fill(_ p: UnsafeMutableRawPointer, _ count: Int) -> Int {
    p.storeBytes(of: UInt8(truncatingIfNeeded: count), as: UInt8.self)
    return count
}

@_semantics("maxlive.entry")
public func remainderBytes(_ n: Int) -> Int {
    let count = (n % 100) + 1
    guard count > 0 else { return 0 }
    let p = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 1)
    let r = fill(p, count)
    p.deallocate()
    return r
}

public func fixtureReset() { buf = [] }
