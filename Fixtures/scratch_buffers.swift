// Fixture: scratch_buffers — a call's scratch array dies at its release, even when what the
// code computes from it (a length, a status) goes on to the rest of the call.
//
// Array storage is 32 bytes of header + count * stride (SILFacts §5.6); `Box` {Int, Int} is
// 16 + 16 = 32 bytes.
// copyThenAllocate: `[UInt8](unsafeUninitializedCapacity: (n & 127) + 1)` (at most 128 bytes:
//   32 + 128 = 160), its buffer handed to a closure that returns an Int computed from it; the
//   array is released when the closure returns, then a Box is kept in a global (32). Live at
//   once: 160 at most, then 32. Peak 160 (n = 127).
//   SIL (-Osize): the allocation sits on one side of `count > 0 ? allocate : empty singleton`,
//   the closure is a separate function whose result is `Int`: neither keeps the array.
// batches: a loop of at most 4 rounds, each copying a batch of 64 Ints into an array of its own
//   inside a non-inlined helper (32 + 64*8 = 544) and returning the batch's count. One batch is
//   live at a time: 544.
// lengthThenKeep: the Int a helper returns from a pointer into an array (its first byte) is
//   stored in a global: an Int does not keep the array, so 160 (array) then 0. Peak 160.
//
// expect: copyThenAllocate peak 160
// expect: batches peak 544
// expect: lengthThenKeep peak 160
// inputs: copyThenAllocate 0 5 127
// inputs: batches 0 100 256
// inputs: lengthThenKeep 0 127

final class Box { var a = 0; var b = 0 }
nonisolated(unsafe) var keptBox: Box? = nil
nonisolated(unsafe) var keptLength = 0

@inline(never) func checksum(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
    var s = 0
    for i in 0..<n { s &+= Int(p[i]) }
    return s
}

@inline(__always) func withScratch(_ n: Int, _ body: (UnsafePointer<UInt8>, Int) -> Int) -> Int {
    let bytes = [UInt8](unsafeUninitializedCapacity: n) { buf, count in
        for i in 0..<n { buf[i] = UInt8(truncatingIfNeeded: i) }
        count = n
    }
    return bytes.withUnsafeBufferPointer { b in b.baseAddress.map { body($0, n) } ?? -1 }
}

@_semantics("maxlive.entry")
public func copyThenAllocate(_ n: Int) -> Int {
    let r = withScratch((n & 127) + 1) { p, k in checksum(p, k) }
    keptBox = Box()
    return r
}

@inline(never) func sumBatch(from start: Int, count: Int) -> Int {
    let batch = [Int](unsafeUninitializedCapacity: count) { buf, n in
        for i in 0..<count { buf[i] = start &+ i }
        n = count
    }
    var s = 0
    for i in 0..<count { s &+= batch[i] }
    return s == Int.min ? -1 : count
}

@_semantics("maxlive.entry")
public func batches(_ n: Int) -> Int {
    let total = min(max(n, 0), 256)
    var start = 0
    while start < total {
        maxliveLoopBound(4)
        let done = sumBatch(from: start, count: min(total - start, 64))
        if done <= 0 { return -1 }
        start += done
    }
    return start
}

@_semantics("maxlive.entry")
public func lengthThenKeep(_ n: Int) -> Int {
    keptLength = withScratch((n & 127) + 1) { p, _ in Int(p[0]) }
    return keptLength
}

public func fixtureReset() { keptBox = nil; keptLength = 0 }
