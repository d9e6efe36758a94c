// VM.swift — user address spaces: VMAs, the window layout, fork copies, exec stacks.
//
// A user address space is a table of VMAs: 128 in the proc page's second frame, then, when
// more are needed, a run of frames of its own that doubles as it fills (up to kMaxVma, 8192,
// in 64 frames; vmaReserve). Each VMA maps a contiguous run of frames from PageAlloc, or is
// lazy (anonymous mmap memory not touched yet: no frames, nothing in the page table; the
// first touch, a fault or a kernel access, backs a chunk of it: vmaBack), at a user address
// inside the user window, 1 GiB laid out as Linux lays out a static program's (on riscv64 the window starts
// at address 0, so an executable linked for Linux at 0x10000 loads where it asks):
//
//   uwinBase + 4 KiB … 256 MiB    an ELF program's segments where its headers put them
//                                 (Exec.swift), then its brk heap; a built-in program's brk
//                                 heap starts at 1 MiB. The first page is never mapped.
//   uwinBase + 256 MiB … 1008 MiB mmap area (first fit); then one page, read and execute,
//                                 that signal handlers return into (Signal.swift)
//   top − 128 KiB … top           the stack (on the host it is also the kernel stack of the
//                                 process's thread: user code and kernel code share it); an
//                                 ELF program's grows down on demand to 8 MiB (vmaGrowStack)
//
// Threads (CLONE_THREAD) have no VMAs of their own: every function here works on the
// address space of the thread's leader (Proc.space).
// Every process sees the same user addresses. With page tables per process (riscv64) every
// VMA change goes to its process's tables at once; with one window (the host) only the
// current process is mapped (Sched.installUserWindow), and a change to another process's
// VMAs (fork's child, exec's commit) reaches the window when it is switched to.
// Invariants: VMAs never overlap; every VMA's frames are allocated and owned by it (shared
// with other processes only while the VMA is copy-on-write).
//
// Copy-on-write fork (user-mode processes on a platform with page tables per process): the
// child's VMAs share the parent's frames, and both sides' writable VMAs become kProtCow,
// mapped read-only. The first write to such a VMA, by the program (a store page fault,
// userWriteFault) or by the kernel on its behalf (userRangeOK for writing), gives the VMA a
// private copy of its frames, or just makes it writable again once no one else shares them.
// The unit of copying is the VMA, so VMAs keep their contiguous frame runs. Built-in programs
// run kernel code on their stacks, which cannot take a write fault: their fork copies at once.

struct Vma {
    var start = 0
    var npages = 0
    var frame = 0
    var prot = 0
    var end: Int { start + npages * kPageSize }
    /// Not backed yet: anonymous memory whose frames come on first touch (frame is −1)
    var lazy: Bool { frame < 0 }
    /// The frame behind page `k` of the VMA (−1 while lazy).
    func frame(at k: Int) -> Int { lazy ? -1 : frame + k }
}

/// Frames a lazy VMA is backed with at a time, around the page first touched.
let kLazyChunkPages = 16

/// VMAs the proc page holds; a table that grows past them moves to a frame run of its own.
let kProcVmas = kPageSize / 32
/// The most VMAs a process may have (Linux allows 65,530).
let kMaxVma = 8192
/// VMA prot bit: the frames may be shared and are mapped read-only until the first write.
let kProtCow = 8
let kUwinSize = 1 << 30
let kUserStackPages = 32
/// How far the stack may grow on demand below its top (Linux's default RLIMIT_STACK).
let kUserStackMax = 8 << 20
nonisolated(unsafe) var uwinBase = 0
/// The platform keeps page tables per process (plat_uwin_per_process).
nonisolated(unsafe) var uwinPerProcess = false
var kUserBrkBase: Int { uwinBase + (1 << 20) }
var kUserBrkLimit: Int { uwinBase + (256 << 20) }
var kUserMmapBase: Int { uwinBase + (256 << 20) }
var kUserMmapEnd: Int { uwinBase + kUwinSize - (16 << 20) }
/// The page a signal handler returns into (rt_sigreturn's instructions), just above the
/// mmap area, in every ELF program.
var kUserSigTrampoline: Int { kUserMmapEnd }
var kUserStackBase: Int { uwinBase + kUwinSize - kUserStackPages * kPageSize }
var kUserStackTop: Int { uwinBase + kUwinSize }

func vmInit() {
    uwinBase = platUserWindowInit(kUwinSize)
    if uwinBase < 0 { kprint("vm: no user window\n"); halt(3) }
    uwinPerProcess = platUserWindowPerProcess() != 0
}

/// Must a change to p's VMAs be mapped now? Always with per-process tables; with one window,
/// only for the process it holds.
@inline(__always) func mappedNow(_ p: Proc) -> Bool { uwinPerProcess || uwinOwner == p.space.slot }

@inline(__always) func vmaTable(_ p: Proc) -> UnsafeMutablePointer<Vma> {
    (p.vmaRun >= 0 ? frameAddr(p.vmaRun) : p.pageBase + kProcVmaOff).assumingMemoryBound(to: Vma.self)
}

/// Room for `extra` more VMAs in `p`'s table: it moves to a run of frames twice its size when
/// full. False if that would pass kMaxVma or frames run out (nothing changed).
func vmaReserve(_ p: Proc, _ extra: Int = 1) -> Bool {
    if p.nvma + extra <= p.vmaCap { return true }
    var cap = p.vmaCap
    while cap < p.nvma + extra { cap *= 2 }
    if cap > kMaxVma { return false }
    let pages = cap * MemoryLayout<Vma>.stride / kPageSize
    let run = pageAllocRun(pages)
    if run < 0 { return false }
    frameAddr(run).copyMemory(from: UnsafeRawPointer(vmaTable(p)), byteCount: p.nvma * MemoryLayout<Vma>.stride)
    vmaReleaseRun(p)
    p.vmaRun = run
    p.vmaCap = cap
    return true
}

/// Back to the proc page's table (which must hold every VMA left), freeing a grown one.
private func vmaReleaseRun(_ p: Proc) {
    if p.vmaRun < 0 { return }
    pageFreeRun(p.vmaRun, p.vmaCap * MemoryLayout<Vma>.stride / kPageSize)
    p.vmaRun = -1
    p.vmaCap = kProcVmas
}

/// Add a mapping; false if the table is full. A mapping that continues the one before it
/// (the next address, the next frames, the same protection, nothing shared) extends it, so
/// a heap grown by brk in steps usually stays one VMA.
@discardableResult
func vmaAdd(_ p: Proc, start: Int, npages: Int, frame: Int, prot: Int) -> Bool {
    let p = p.space                     // threads share their leader's
    let v = vmaTable(p)
    let before = start > 0 ? vmaFind(p, start - 1) : -1
    if before >= 0 && v[before].end == start && frame >= 0 && v[before].frame + v[before].npages == frame
        && v[before].prot == prot && prot & kProtCow == 0 {
        v[before].npages += npages
    } else {
        if !vmaReserve(p) { return false }
        vmaTable(p)[p.nvma] = Vma(start: start, npages: npages, frame: frame, prot: prot)
        p.nvma += 1
    }
    if frame >= 0 && mappedNow(p) && platUserWindowMap(p.slot, start, frame, npages, prot) != 0 { kpanic("uwin: map failed") }
    return true
}

/// Free every mapping (but the stack if keepStack).
func vmaFreeAll(_ p: Proc, keepStack: Bool) {
    let p = p.space                     // threads share their leader's
    let v = vmaTable(p)
    var kept = 0
    for i in 0..<p.nvma {
        if keepStack && v[i].start == kUserStackBase {
            v[kept] = v[i]
            kept += 1
            continue
        }
        if mappedNow(p) { platUserWindowUnmap(p.slot, v[i].start, v[i].npages) }
        if !v[i].lazy { pageFreeRun(v[i].frame, v[i].npages) }
    }
    p.nvma = kept
    if p.vmaRun >= 0 {                      // back into the proc page (kept ≤ 1)
        (p.pageBase + kProcVmaOff).copyMemory(from: UnsafeRawPointer(v), byteCount: kept * MemoryLayout<Vma>.stride)
        vmaReleaseRun(p)
    }
}

/// Index of the VMA containing `va`, or -1.
func vmaFind(_ p: Proc, _ va: Int) -> Int {
    let p = p.space                     // threads share their leader's
    let v = vmaTable(p)
    for i in 0..<p.nvma where va >= v[i].start && va < v[i].end { return i }
    return -1
}

/// Unmap [start, start+len) (page aligned); splits VMAs. ENOMEM if a split needs a slot.
func vmaRemoveRange(_ p: Proc, _ start: Int, _ len: Int) -> Int {
    let p = p.space                     // threads share their leader's
    let end = start + len
    var v = vmaTable(p)
    var i = 0
    while i < p.nvma {
        maxliveLoopBound(8192)      // kMaxVma
        let a = v[i]
        if a.end <= start || a.start >= end { i += 1; continue }
        let cutLo = max(a.start, start)
        let cutHi = min(a.end, end)
        let headPages = (cutLo - a.start) / kPageSize
        let cutPages = (cutHi - cutLo) / kPageSize
        let tailPages = (a.end - cutHi) / kPageSize
        if headPages > 0 && tailPages > 0 {
            if !vmaReserve(p) { return kENOMEM }
            v = vmaTable(p)                 // (it may have moved)
        }
        if mappedNow(p) { platUserWindowUnmap(p.slot, cutLo, cutPages) }
        if !a.lazy { pageFreeRun(a.frame + headPages, cutPages) }
        if headPages > 0 {
            v[i].npages = headPages
            if tailPages > 0 {
                v[p.nvma] = Vma(start: cutHi, npages: tailPages, frame: a.frame(at: headPages + cutPages), prot: a.prot)
                p.nvma += 1
            }
            i += 1
        } else if tailPages > 0 {
            v[i] = Vma(start: cutHi, npages: tailPages, frame: a.frame(at: headPages + cutPages), prot: a.prot)
            i += 1
        } else {
            p.nvma -= 1
            v[i] = v[p.nvma]
        }
    }
    return 0
}

/// Give `child` every mapping of `parent` (fork): shared copy-on-write, or copied now for a
/// built-in program; with `sharing` (vfork) the very same frames, writable on both sides,
/// so what the child writes the parent sees (it waits meanwhile). False if frames run out.
func vmaCopy(from parent: Proc, to child: Proc, sharing: Bool = false) -> Bool {
    let parent = parent.space
    let v = vmaTable(parent)
    let share = parent.userMode && uwinPerProcess
    for i in 0..<parent.nvma {
        if sharing && v[i].prot & kProtCow != 0 && !vmaBreakCow(parent, i) {
            vmaFreeAll(child, keepStack: false)
            return false
        }
        let a = v[i]
        if a.lazy {                         // nothing touched yet: the child's is untouched too
            if !vmaAdd(child, start: a.start, npages: a.npages, frame: -1, prot: a.prot) {
                vmaFreeAll(child, keepStack: false)
                return false
            }
            continue
        }
        if sharing && pageShareRun(a.frame, a.npages) {
            if !vmaAdd(child, start: a.start, npages: a.npages, frame: a.frame, prot: a.prot) {
                return vmaCopyFailed(child, dropping: a.frame, a.npages)
            }
            continue
        }
        if share && pageShareRun(a.frame, a.npages) {
            let prot = a.prot & 2 != 0 ? a.prot | kProtCow : a.prot
            if prot != a.prot {
                v[i].prot = prot            // the parent's pages become read-only too
                if platUserWindowMap(parent.slot, a.start, a.frame, a.npages, prot) != 0 { kpanic("uwin: map failed") }
            }
            if !vmaAdd(child, start: a.start, npages: a.npages, frame: a.frame, prot: prot) {
                return vmaCopyFailed(child, dropping: a.frame, a.npages)
            }
            continue
        }
        let f = pageAllocRun(a.npages)
        if f < 0 {
            vmaFreeAll(child, keepStack: false)
            return false
        }
        frameAddr(f).copyMemory(from: frameAddr(a.frame), byteCount: a.npages * kPageSize)
        if !vmaAdd(child, start: a.start, npages: a.npages, frame: f, prot: a.prot) {
            return vmaCopyFailed(child, dropping: f, a.npages)
        }
    }
    child.stackLow = parent.stackLow
    child.brkStart = parent.brkStart
    child.brkEnd = parent.brkEnd
    return true
}

/// Is every page of [start, start+len) in some VMA?
func vmaCovers(_ p: Proc, _ start: Int, _ len: Int) -> Bool {
    let p = p.space                     // threads share their leader's
    var cur = start
    while cur < start + len {
        maxliveLoopBound(8192)      // kMaxVma
        let i = vmaFind(p, cur)
        if i < 0 { return false }
        cur = vmaTable(p)[i].end
    }
    return true
}

/// The protection every page of [start, start+len) (all mapped) has, or nil if they differ.
func vmaSameProtection(_ p: Proc, _ start: Int, _ len: Int) -> Int? {
    let p = p.space                     // threads share their leader's
    var prot = -1
    var cur = start
    while cur < start + len {
        maxliveLoopBound(8192)      // kMaxVma
        let i = vmaFind(p, cur)
        if i < 0 { return nil }
        let here = vmaTable(p)[i].prot & ~kProtCow
        if prot >= 0 && here != prot { return nil }
        prot = here
        cur = vmaTable(p)[i].end
    }
    return prot < 0 ? nil : prot
}

/// Split the VMA containing `va` (if it starts below it) into two at `va`. False if the
/// table is full.
func vmaSplit(_ p: Proc, at va: Int) -> Bool {
    let p = p.space                     // threads share their leader's
    let i = vmaFind(p, va)
    if i < 0 { return true }
    let a = vmaTable(p)[i]
    if a.start == va { return true }
    if !vmaReserve(p) { return false }
    let v = vmaTable(p)
    let head = (va - a.start) / kPageSize
    v[i].npages = head
    v[p.nvma] = Vma(start: va, npages: a.npages - head, frame: a.frame(at: head), prot: a.prot)
    p.nvma += 1
    return true
}

/// Give every page of [start, start+len), all mapped, protection `prot` (mprotect). A VMA
/// whose frames another process still shares stays copy-on-write when it becomes writable.
/// ENOMEM (nothing changed) if the splits need more VMAs than the table has.
func vmaProtect(_ p: Proc, _ start: Int, _ len: Int, prot: Int) -> Int {
    let p = p.space                     // threads share their leader's
    let end = start + len
    let first = vmaFind(p, start), last = vmaFind(p, end)
    let splits = (first >= 0 && vmaTable(p)[first].start != start ? 1 : 0)
        + (last >= 0 && vmaTable(p)[last].start != end ? 1 : 0)
    if !vmaReserve(p, splits) { return kENOMEM }
    _ = vmaSplit(p, at: start)
    _ = vmaSplit(p, at: end)
    let v = vmaTable(p)
    for i in 0..<p.nvma where v[i].start >= start && v[i].end <= end {
        maxliveLoopBound(8192)      // kMaxVma
        let a = v[i]
        let shared = !a.lazy && (a.prot & kProtCow != 0 || pageRunShared(a.frame, a.npages))
        v[i].prot = prot & 2 != 0 && shared ? prot | kProtCow : prot
        if !a.lazy && mappedNow(p) && platUserWindowMap(p.slot, a.start, a.frame, a.npages, v[i].prot) != 0 { kpanic("uwin: map failed") }
    }
    return 0
}

/// Copy [va, va+len), all mapped, from the frames behind it into `dst` (whatever the pages'
/// protection: mremap moving a mapping).
func vmaCopyOut(_ p: Proc, _ va: Int, _ len: Int, to dst: UnsafeMutableRawPointer) {
    let p = p.space                     // threads share their leader's
    var cur = va
    while cur < va + len {
        maxliveLoopBound(8192)      // kMaxVma
        let i = vmaFind(p, cur)
        if i < 0 { return }
        let a = vmaTable(p)[i]
        let n = min(a.end, va + len) - cur
        if !a.lazy { (dst + (cur - va)).copyMemory(from: frameAddr(a.frame) + (cur - a.start), byteCount: n) }
        cur += n
    }
}

/// Store `value` at `va` in `p`'s memory (not necessarily the current process's): through its
/// frames, after giving a copy-on-write VMA its own copy. False if `va` is not writable there.
func vmaWriteInt32(_ p: Proc, _ va: Int, _ value: Int32) -> Bool {
    let p = p.space                     // threads share their leader's
    let i = vmaFind(p, va)
    if i < 0 || vmaFind(p, va + 3) != i || vmaTable(p)[i].prot & 2 == 0 { return false }
    if vmaTable(p)[i].lazy && !vmaBack(p, va, va + 4) { return false }
    let k = vmaFind(p, va)
    if vmaTable(p)[k].prot & kProtCow != 0 && !vmaBreakCow(p, k) { return false }
    let a = vmaTable(p)[k]
    (frameAddr(a.frame) + (va - a.start)).storeBytes(of: value, as: Int32.self)
    return true
}

/// Zero [va, va+len), all mapped, whatever its protection: a copy-on-write VMA first gets its
/// own frames (if they run out, its pages stay as they were: zeroing is advice there).
func vmaZero(_ p: Proc, _ va: Int, _ len: Int) {
    let p = p.space                     // threads share their leader's
    var cur = va
    while cur < va + len {
        maxliveLoopBound(8192)      // kMaxVma
        let i = vmaFind(p, cur)
        if i < 0 { return }
        if vmaTable(p)[i].lazy || (vmaTable(p)[i].prot & kProtCow != 0 && !vmaBreakCow(p, i)) {
            cur = vmaTable(p)[i].end
            continue
        }
        let a = vmaTable(p)[i]
        let n = min(a.end, va + len) - cur
        (frameAddr(a.frame) + (cur - a.start)).initializeMemory(as: UInt8.self, repeating: 0, count: n)
        cur += n
    }
}

/// A fork's copy could not be completed: the run not yet recorded and everything given to
/// the child go. Always false.
private func vmaCopyFailed(_ child: Proc, dropping frame: Int, _ npages: Int) -> Bool {
    pageFreeRun(frame, npages)
    vmaFreeAll(child, keepStack: false)
    return false
}

/// A free, page-aligned range of `npages` in the mmap area, or 0.
func vmaFindFree(_ p: Proc, _ npages: Int) -> Int {
    let p = p.space                     // threads share their leader's
    let v = vmaTable(p)
    var cand = kUserMmapBase
    var moved = true
    while moved {
        maxliveLoopBound(8193)      // kMaxVma + 1
        moved = false
        for i in 0..<p.nvma where v[i].start < cand + npages * kPageSize && v[i].end > cand {
            cand = v[i].end
            moved = true
        }
    }
    return cand + npages * kPageSize <= kUserMmapEnd ? cand : 0
}

/// True if [start, start+len) overlaps no mapping.
func vmaRangeFree(_ p: Proc, _ start: Int, _ len: Int) -> Bool {
    let p = p.space                     // threads share their leader's
    let v = vmaTable(p)
    for i in 0..<p.nvma where v[i].start < start + len && v[i].end > start { return false }
    return true
}

/// The first write to copy-on-write VMA `i` of `p`: a private copy of its frames if others
/// still share them, then writable again. False if frames run out.
func vmaBreakCow(_ p: Proc, _ i: Int) -> Bool {
    let p = p.space                     // threads share their leader's
    let v = vmaTable(p)
    let a = v[i]
    if pageRunShared(a.frame, a.npages) {
        let f = pageAllocRun(a.npages)
        if f < 0 { return false }
        frameAddr(f).copyMemory(from: frameAddr(a.frame), byteCount: a.npages * kPageSize)
        pageFreeRun(a.frame, a.npages)          // drops this process's share
        v[i].frame = f
    }
    v[i].prot = a.prot & ~kProtCow
    if mappedNow(p) && platUserWindowMap(p.slot, a.start, v[i].frame, a.npages, v[i].prot) != 0 { kpanic("uwin: map failed") }
    return true
}

/// Grow the stack down past the page holding `va` (to twice its size or 64 KiB below `va`,
/// whichever is lower, within the stack limit) if `va` lies below the stack and within
/// RLIMIT_STACK of its top. False if it does not, if
/// another mapping is in the way, or if frames or VMAs run out. Linux grows the stack on
/// demand in the same way; here the new part gets its frames at once.
func vmaGrowStack(_ p: Proc, _ va: Int) -> Bool {
    let p = p.space                     // threads share their leader's
    let limit = kUserStackTop - min(rlimitStack(p), kUserStackMax)
    if va < limit || va >= p.stackLow || va < uwinBase { return false }
    // at least double the stack each time: a deep recursion costs a few VMAs, not hundreds
    let low = max(limit, min((va & ~(kPageSize - 1)) - (64 << 10), p.stackLow - (kUserStackTop - p.stackLow)))
    let npages = (p.stackLow - low) / kPageSize
    if !vmaRangeFree(p, low, p.stackLow - low) { return false }
    let f = pageAllocRun(npages)
    if f < 0 { return false }
    if !vmaAdd(p, start: low, npages: npages, frame: f, prot: 3) {
        pageFreeRun(f, npages)
        return false
    }
    p.stackLow = low
    return true
}

/// A user-mode load or instruction fetch hit an unmapped page (the platform's trap handler):
/// 0 if the stack grew to cover it (the access is retried), else the signal: SIGSEGV.
public func userReadFault(_ va: Int) -> Int {
    let p = curProc!.space
    let i = vmaFind(p, va)
    if i >= 0 { return vmaTable(p)[i].lazy && vmaTable(p)[i].prot & 7 != 0 && vmaBack(p, va, va + 1) ? 0 : 11 }
    return vmaGrowStack(p, va) ? 0 : 11
}

/// Back the lazy parts of [lo, hi) (all in VMAs) with zeroed frames, a chunk of
/// kLazyChunkPages at a time around them: the VMA splits into its untouched parts and the
/// backed one. False if frames or VMAs run out.
func vmaBack(_ p: Proc, _ lo: Int, _ hi: Int) -> Bool {
    let p = p.space                     // threads share their leader's
    var cur = lo & ~(kPageSize - 1)
    while cur < hi {
        maxliveLoopBound(8192)      // kMaxVma
        let i = vmaFind(p, cur)
        if i < 0 { return false }
        let a = vmaTable(p)[i]
        if !a.lazy {
            cur = a.end
            continue
        }
        let chunk = kLazyChunkPages * kPageSize
        let from = max(a.start, cur & ~(chunk - 1))
        let to = min(a.end, max(hi, from + chunk) + chunk - 1 & ~(chunk - 1))
        if !vmaReserve(p, 2) { return false }
        let f = pageAllocRun((to - from) / kPageSize)
        if f < 0 { return false }
        _ = vmaSplit(p, at: from)
        _ = vmaSplit(p, at: to)
        let k = vmaFind(p, from)
        vmaTable(p)[k].frame = f
        if mappedNow(p) && platUserWindowMap(p.slot, from, f, (to - from) / kPageSize, vmaTable(p)[k].prot) != 0 { kpanic("uwin: map failed") }
        cur = to
    }
    return true
}

/// A user-mode store hit a page it may not write (the platform's trap handler). 0 if it was
/// a copy-on-write page, now writable, or a page just below the stack, which grows (the
/// store is retried); otherwise the signal the process dies of: SIGSEGV for a bad address,
/// SIGKILL if no frames are left for the copy.
public func userWriteFault(_ va: Int) -> Int {
    let p = curProc!.space
    if vmaFind(p, va) < 0 && vmaGrowStack(p, va) { return 0 }
    let lazy = vmaFind(p, va)
    if lazy >= 0 && vmaTable(p)[lazy].lazy {
        return vmaTable(p)[lazy].prot & 2 != 0 && vmaBack(p, va, va + 1) ? 0 : 11
    }
    let i = vmaFind(p, va)
    if i < 0 || vmaTable(p)[i].prot & kProtCow == 0 || vmaTable(p)[i].prot & 2 == 0 { return 11 }
    return vmaBreakCow(p, i) ? 0 : 9
}
