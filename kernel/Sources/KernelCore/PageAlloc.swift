// PageAlloc.swift — the page-frame allocator (xv6's kalloc).
//
// Frames are 4 KiB, handed out as contiguous runs (first fit from a rotating hint) and
// zeroed on allocation. They back user memory (stacks, brk, mmap), per-process kernel
// pages, pipe buffers and the RAM disk of FS.swift. This is NOT the kernel heap: running out
// of frames is an ordinary error (ENOMEM, ENOSPC, EAGAIN) that system calls return; the
// heap and its reservations never depend on it.
//
// Invariant: bit i of the bitmap is set iff frame i is allocated. The bitmap lives in the
// first frames of the region, which are marked allocated at init.
//
// Copy-on-write fork shares frames between processes: a frame's share count is its number of
// owners beyond the first, and freeing a shared frame only drops one owner.

public let kPageSize = 4096

nonisolated(unsafe) var physBase: UnsafeMutableRawPointer? = nil
nonisolated(unsafe) var physFrames = 0
nonisolated(unsafe) var physBitmap: UnsafeMutablePointer<UInt64>? = nil
nonisolated(unsafe) var physHint = 0
nonisolated(unsafe) var physShares: UnsafeMutablePointer<UInt8>? = nil
public nonisolated(unsafe) var pagesFree = 0
public nonisolated(unsafe) var pagesMinFree = 0

func pageInit(bytes: Int) {
    physFrames = bytes / kPageSize
    guard let b = platPhysInit(physFrames * kPageSize) else { kprint("pages: no memory\n"); halt(3) }
    physBase = b
    let words = (physFrames + 63) / 64
    physBitmap = b.bindMemory(to: UInt64.self, capacity: words)
    physBitmap!.initialize(repeating: 0, count: words)
    pagesFree = physFrames
    physShares = (b + words * 8).bindMemory(to: UInt8.self, capacity: physFrames)
    physShares!.initialize(repeating: 0, count: physFrames)
    let bitmapFrames = (words * 8 + physFrames + kPageSize - 1) / kPageSize
    for i in 0..<bitmapFrames { setBit(i, true) }
    pagesFree -= bitmapFrames
    pagesMinFree = pagesFree
}

@inline(__always) private func bit(_ i: Int) -> Bool { physBitmap![i >> 6] & (1 << UInt64(i & 63)) != 0 }
@inline(__always) private func setBit(_ i: Int, _ v: Bool) {
    if v { physBitmap![i >> 6] |= 1 << UInt64(i & 63) } else { physBitmap![i >> 6] &= ~(1 << UInt64(i & 63)) }
}

/// The kernel's (direct-mapped) address of frame `f`.
@inline(__always) func frameAddr(_ f: Int) -> UnsafeMutableRawPointer { physBase! + f * kPageSize }

/// Allocate `n` contiguous zeroed frames; returns the first frame number or -1.
func pageAllocRun(_ n: Int) -> Int {
    if n <= 0 || n > pagesFree { return -1 }
    var start = physHint
    var scanned = 0
    while scanned < physFrames {
        if start + n > physFrames { scanned += physFrames - start; start = 0; continue }
        var len = 0
        while len < n && !bit(start + len) { len += 1 }
        if len == n {
            for i in 0..<n { setBit(start + i, true) }
            pagesFree -= n
            if pagesFree < pagesMinFree { pagesMinFree = pagesFree }
            physHint = start + n
            frameAddr(start).initializeMemory(as: UInt8.self, repeating: 0, count: n * kPageSize)
            return start
        }
        start += len + 1
        scanned += len + 1
    }
    return -1
}

/// Free a run of frames, or drop one owner of those that are shared.
func pageFreeRun(_ f: Int, _ n: Int) {
    for i in 0..<n {
        if !bit(f + i) { kpanic("pages: double free") }
        if physShares![f + i] > 0 {
            physShares![f + i] -= 1
            continue
        }
        setBit(f + i, false)
        pagesFree += 1
    }
}

/// One more owner for every frame of a run (a copy-on-write fork). False (nothing changed)
/// if a frame already has the most owners a count holds.
func pageShareRun(_ f: Int, _ n: Int) -> Bool {
    for i in 0..<n where physShares![f + i] == UInt8.max { return false }
    for i in 0..<n { physShares![f + i] += 1 }
    return true
}

/// Does any frame of the run have another owner?
func pageRunShared(_ f: Int, _ n: Int) -> Bool {
    for i in 0..<n where physShares![f + i] > 0 { return true }
    return false
}
