// SysMemory.swift — memory system calls: brk, mmap, munmap, mprotect, mremap.
//
// Every mapping is a VMA (VM.swift): a run of frames at a user address with a protection.
// mprotect and partial unmaps split VMAs; a mapping that grows in place gets a VMA for the
// new part, one that moves gets a fresh run of frames holding a copy.
import KernelC

@inline(__always) private func I(_ x: Int32) -> Int { Int(x) }

@inline(__always) func pageUp(_ x: Int) -> Int { (x + kPageSize - 1) & ~(kPageSize - 1) }

@_semantics("maxlive.entry")
public func sys_brk(_ addr: Int) -> Int {
    let p = curProc!.space
    if addr == 0 || addr < p.brkStart || addr > kUserBrkLimit { return p.brkEnd }
    let oldTop = pageUp(p.brkEnd)
    let newTop = pageUp(addr)
    if newTop > oldTop {
        let n = (newTop - oldTop) / kPageSize
        let f = pageAllocRun(n)
        if f < 0 { return p.brkEnd }
        if !vmaAdd(p, start: oldTop, npages: n, frame: f, prot: 3) {
            pageFreeRun(f, n)
            return p.brkEnd
        }
    } else if newTop < oldTop {
        if vmaRemoveRange(p, newTop, oldTop - newTop) < 0 { return p.brkEnd }
    }
    p.brkEnd = addr
    return addr
}

@_semantics("maxlive.entry")
public func sys_mmap(_ addr: Int, _ len: Int, _ prot: Int, _ flags: Int, _ fd: Int, _ off: Int) -> Int {
    if len <= 0 || prot & ~7 != 0 { return kEINVAL }
    if flags & I(MAP_PRIVATE) == 0 || flags & I(MAP_SHARED) != 0 { return kEINVAL }
    // A private file mapping is a copy of the file's pages at `off` (zeros past its end):
    // private writes are never written back, so a copy is exact.
    var fileInum = -1
    if flags & I(MAP_ANONYMOUS) == 0 {
        if off < 0 || off & (kPageSize - 1) != 0 { return kEINVAL }
        guard let f = fdGet(fd) else { return kEBADF }
        if f.kind != .inode { return kENODEV }
        if !f.readable { return kEACCES }
        let inum = f.inode!.inum
        if dinode(inum).type != kTypeFile { return kENODEV }
        fileInum = inum
    }
    if len > kUserMmapEnd - kUserMmapBase { return kENOMEM }
    let p = curProc!
    let npages = pageUp(len) / kPageSize
    var start: Int
    if flags & I(MAP_FIXED) != 0 {
        if addr & (kPageSize - 1) != 0 { return kEINVAL }
        // (addr is checked first: addr + size must not overflow)
        if addr < kUserMmapBase || addr > kUserMmapEnd || npages * kPageSize > kUserMmapEnd - addr { return kENOMEM }
        start = addr
        let r = vmaRemoveRange(p, start, npages * kPageSize)
        if r < 0 { return r }
    } else {
        start = vmaFindFree(p, npages)
        if start == 0 { return kENOMEM }
    }
    // anonymous memory of a program in user mode is lazy: frames come when a page is first
    // touched (VM.swift vmaBack); built-in programs are kernel code, which cannot fault
    let lazy = fileInum < 0 && curProc!.userMode
    let f = lazy ? -1 : pageAllocRun(npages)
    if !lazy && f < 0 { return kENOMEM }
    if fileInum >= 0 {
        let size = dinode(fileInum).size
        if off < size { _ = readFileToKernel(fileInum, off, frameAddr(f), min(size - off, npages * kPageSize)) }
    }
    let vprot = prot & 2 != 0 ? prot | 1 : prot
    if !vmaAdd(p, start: start, npages: npages, frame: f, prot: vprot) {
        if f >= 0 { pageFreeRun(f, npages) }
        return kENOMEM
    }
    return start
}

@_semantics("maxlive.entry")
public func sys_munmap(_ addr: Int, _ len: Int) -> Int {
    if addr & (kPageSize - 1) != 0 || len <= 0 { return kEINVAL }
    // (no overflow: len and addr are bounded before they are added)
    if addr < uwinBase || addr > kUserStackBase || len > kUserStackBase - addr { return kEINVAL }   // the stack stays
    let size = pageUp(len)
    if size > kUserStackBase - addr { return kEINVAL }
    return vmaRemoveRange(curProc!, addr, size)
}

/// [addr, addr + len) rounded up to pages, inside the user window and all mapped: its size,
/// or ENOMEM (what mprotect and madvise answer otherwise).
private func mappedSize(_ p: Proc, _ addr: Int, _ len: Int) -> Int {
    // (addr is checked before it is added to)
    if addr < uwinBase || addr > kUserStackTop || len > kUserStackTop - addr { return kENOMEM }
    let size = pageUp(len)
    if size > kUserStackTop - addr || !vmaCovers(p, addr, size) { return kENOMEM }
    return size
}

@_semantics("maxlive.entry")
public func sys_mprotect(_ addr: Int, _ len: Int, _ prot: Int) -> Int {
    if addr & (kPageSize - 1) != 0 || prot & ~7 != 0 || len < 0 { return kEINVAL }
    if len == 0 { return 0 }
    let p = curProc!
    let size = mappedSize(p, addr, len)
    if size < 0 { return size }
    // write implies read, as for mmap (the MMU has no write-only pages)
    return vmaProtect(p, addr, size, prot: prot & 2 != 0 ? prot | 1 : prot)
}

@_semantics("maxlive.entry")
public func sys_mremap(_ old: Int, _ oldLen: Int, _ newLen: Int, _ flags: Int, _ newAddr: Int) -> Int {
    if old & (kPageSize - 1) != 0 || newLen <= 0 || oldLen < 0 { return kEINVAL }
    if flags & ~I(MREMAP_MAYMOVE) != 0 { return kEINVAL }      // MREMAP_FIXED is not supported
    if old < uwinBase || old > kUserMmapEnd || oldLen > kUserMmapEnd - old || newLen > kUserMmapEnd - kUserMmapBase {
        return kEFAULT
    }
    let oldSize = pageUp(oldLen)
    let newSize = pageUp(newLen)
    let p = curProc!
    // one mapping, as Linux sees it: all mapped, one protection
    if oldSize == 0 || !vmaCovers(p, old, oldSize) { return kEFAULT }
    guard let prot = vmaSameProtection(p, old, oldSize) else { return kEFAULT }
    if newSize <= oldSize {
        if newSize < oldSize {
            let r = vmaRemoveRange(p, old + newSize, oldSize - newSize)
            if r < 0 { return r }
        }
        return old
    }
    let extra = (newSize - oldSize) / kPageSize
    // in place if the pages after it are free (a VMA of its own for the new part)
    if old + newSize <= kUserMmapEnd && vmaRangeFree(p, old + oldSize, newSize - oldSize) {
        let f = pageAllocRun(extra)
        if f < 0 { return kENOMEM }
        if !vmaAdd(p, start: old + oldSize, npages: extra, frame: f, prot: prot) {
            pageFreeRun(f, extra)
            return kENOMEM
        }
        return old
    }
    if flags & I(MREMAP_MAYMOVE) == 0 { return kENOMEM }
    let start = vmaFindFree(p, newSize / kPageSize)
    if start == 0 { return kENOMEM }
    let f = pageAllocRun(newSize / kPageSize)
    if f < 0 { return kENOMEM }
    vmaCopyOut(p, old, oldSize, to: frameAddr(f))
    if !vmaAdd(p, start: start, npages: newSize / kPageSize, frame: f, prot: prot) {
        pageFreeRun(f, newSize / kPageSize)
        return kENOMEM
    }
    _ = vmaRemoveRange(p, old, oldSize)
    return start
}

/// madvise: hints are accepted; MADV_DONTNEED gives the range zero-filled pages, as Linux
/// does for private anonymous memory (a private file mapping here is a copy, and reads back
/// zeros too, where Linux would read the file again).
@_semantics("maxlive.entry")
public func sys_madvise(_ addr: Int, _ len: Int, _ advice: Int) -> Int {
    if addr & (kPageSize - 1) != 0 || len < 0 { return kEINVAL }
    switch advice {
    case I(MADV_NORMAL), I(MADV_RANDOM), I(MADV_SEQUENTIAL), I(MADV_WILLNEED), I(MADV_DONTNEED), I(MADV_FREE): break
    default: return kEINVAL
    }
    if len == 0 { return 0 }
    let p = curProc!
    let size = mappedSize(p, addr, len)
    if size < 0 { return size }
    if advice == I(MADV_DONTNEED) { vmaZero(p, addr, size) }
    return 0
}
