// UserWindowSv39.swift — user address spaces on riscv64: an Sv39 page table per process.
//
// KernelCore gives every process the same user addresses, the window (VM.swift). Here each
// process slot has a root table of its own, and switching processes is a satp write:
//   VA 0 … size (≤ 1 GiB)      the window, where Linux puts a program: a static executable
//                              is linked at 0x10000. The slot's middle table, then 4 KiB leaf
//                              pages pointing at the process's frames
//   VA 1 GiB … 2 GiB           MMIO: a gigapage onto physical 0 … 1 GiB (the test device,
//                              the RTC, the UART), at mmioBase once paging is on
//   VA 2 GiB … 4 GiB           identity gigapages: RAM (kernel, heap arena, frames)
// The kernel entries are shared: every root points at the same gigapages, and slot 0's root
// has no window (the kernel alone: boot, the scheduler, kernel threads), so there a null or
// small bogus pointer faults.
// Window pages are user pages (U bit, with the VMA's read/write/execute): ELF programs reach
// them in U-mode, the kernel (and built-in programs, which are kernel code) through
// sstatus.SUM, which boot.S sets. Nothing else has the U bit.
//
// Leaf tables (2 MiB of window each) are allocated when a slot first maps a page in their
// range and freed when their last page is unmapped, so a process costs its root, its middle
// table and a leaf table per 2 MiB region it uses (a small C program: 5 pages). Table pages
// come from RAM at boot and are recycled through a free list.
// TLB: without ASIDs, a switch flushes everything; a change to the current slot's tables
// flushes too, before any frame it unmapped can be reused.

@_extern(c, "rv_satp_write") private func rvSatpWrite(_ satp: UInt64)
@_extern(c, "rv_sfence_vma") private func rvSfenceVma()

private let kWindowBase = 0
/// Where the kernel reaches physical 0 … 1 GiB (the devices) once paging is on.
private let kMmioWindow: UInt = 0x4000_0000
private let kPteValid: UInt64 = 1 << 0
private let kPteRead: UInt64 = 1 << 1
private let kPteWrite: UInt64 = 1 << 2
private let kPteExec: UInt64 = 1 << 3
private let kPteUser: UInt64 = 1 << 4
private let kPteAccessed: UInt64 = 1 << 6
private let kPteDirty: UInt64 = 1 << 7
private let kSatpSv39: UInt64 = 8 << 60
/// Entries per table; a leaf table maps 2 MiB.
private let kEntries = 512
/// Process slots this layer keeps tables for (KernelCore has 72).
private let kMaxSlots = 128
/// Leaf tables per window (at most one middle table: 1 GiB).
private let kMaxLeaves = 512

private typealias Table = UnsafeMutablePointer<UInt64>

nonisolated(unsafe) private var kernelRoot: Table? = nil
nonisolated(unsafe) private var roots: UnsafeMutablePointer<Table?>? = nil
/// Valid entries per leaf table: slot * kMaxLeaves + leaf index.
nonisolated(unsafe) private var leafCounts: UnsafeMutablePointer<Int16>? = nil
nonisolated(unsafe) private var windowPages = 0
nonisolated(unsafe) private var activeSlot = 0
nonisolated(unsafe) private var freeTables: Table? = nil
public nonisolated(unsafe) var pageTablePages = 0

@inline(__always) private func pte(_ pa: UInt64, _ flags: UInt64) -> UInt64 { (pa >> 12) << 10 | flags }
@inline(__always) private func tableOf(_ entry: UInt64) -> Table {
    UnsafeMutablePointer(bitPattern: UInt((entry >> 10) << 12))!
}
@inline(__always) private func address(_ t: Table) -> UInt64 { UInt64(UInt(bitPattern: t)) }

/// A zeroed table page: from the free list, else from RAM.
private func newTable() -> Table? {
    if let t = freeTables {
        freeTables = t[0] == 0 ? nil : UnsafeMutablePointer(bitPattern: UInt(t[0]))
        t.initialize(repeating: 0, count: kEntries)
        return t
    }
    guard let p = takeRam(4096) else { return nil }
    pageTablePages += 1
    let t = p.bindMemory(to: UInt64.self, capacity: kEntries)
    t.initialize(repeating: 0, count: kEntries)
    return t
}

private func freeTable(_ t: Table) {
    t[0] = freeTables.map { address($0) } ?? 0
    freeTables = t
}

@_cdecl("plat_uwin_init")
public func platUwinInit(_ bytes: Int) -> Int {
    windowPages = bytes / 4096
    if bytes <= 0 || windowPages > kMaxLeaves * kEntries { return -1 }
    guard let root = newTable(), let r = takeRam(kMaxSlots * 8), let c = takeRam(kMaxSlots * kMaxLeaves * 2) else { return -1 }
    roots = r.bindMemory(to: Table?.self, capacity: kMaxSlots)
    roots!.initialize(repeating: nil, count: kMaxSlots)
    leafCounts = c.bindMemory(to: Int16.self, capacity: kMaxSlots * kMaxLeaves)
    leafCounts!.initialize(repeating: 0, count: kMaxSlots * kMaxLeaves)
    let kernelFlags = kPteValid | kPteRead | kPteWrite | kPteAccessed | kPteDirty
    root[Int(kMmioWindow >> 30)] = pte(0, kernelFlags)
    root[2] = pte(0x8000_0000, kernelFlags | kPteExec)
    root[3] = pte(0xC000_0000, kernelFlags | kPteExec)
    kernelRoot = root
    roots![0] = root
    activeSlot = 0
    rvSatpWrite(kSatpSv39 | address(root) >> 12)
    mmioBase = kMmioWindow
    return kWindowBase
}

@_cdecl("plat_uwin_per_process")
public func platUwinPerProcess() -> Int { 1 }

/// Slot `slot`'s root table (made on first use: the kernel entries and an empty window).
private func rootOf(_ slot: Int) -> Table? {
    if slot < 0 || slot >= kMaxSlots { return nil }
    if let r = roots![slot] { return r }
    guard let k = kernelRoot, let r = newTable(), let middle = newTable() else { return nil }
    r[1] = k[1]
    r[2] = k[2]
    r[3] = k[3]
    r[kWindowBase >> 30] = pte(address(middle), kPteValid)
    roots![slot] = r
    return r
}

@_cdecl("plat_uwin_switch")
public func platUwinSwitch(_ slot: Int) {
    guard let r = rootOf(slot) else { return }
    activeSlot = slot
    rvSatpWrite(kSatpSv39 | address(r) >> 12)
}

@_cdecl("plat_uwin_map")
public func platUwinMap(_ slot: Int, _ va: Int, _ frame: Int, _ npages: Int, _ prot: Int) -> Int32 {
    let first = (va - kWindowBase) >> 12
    if slot <= 0 || va & 4095 != 0 || first < 0 || npages < 0 || first + npages > windowPages || frame < 0 { return -1 }
    guard let r = rootOf(slot) else { return -1 }
    // PROT_NONE: no valid entry at all (a valid one without R, W and X would point at a table)
    if prot & 7 == 0 {
        platUwinUnmap(slot, va, npages)
        return 0
    }
    let middle = tableOf(r[kWindowBase >> 30])
    // VMA prot: 1 read, 2 write, 4 execute. Every page is readable (R=0 W=1 is reserved in
    // Sv39, and the kernel copies from any user page).
    var flags = kPteValid | kPteUser | kPteRead | kPteAccessed | kPteDirty
    if prot & 2 != 0 && prot & 8 == 0 { flags |= kPteWrite }     // 8: copy-on-write, read-only until written
    if prot & 4 != 0 { flags |= kPteExec }
    let counts = leafCounts! + slot * kMaxLeaves
    for k in 0..<npages {
        let page = first + k
        let t = page / kEntries
        if middle[t] == 0 {
            guard let leaf = newTable() else { return -1 }
            middle[t] = pte(address(leaf), kPteValid)
        }
        let leaf = tableOf(middle[t])
        if leaf[page % kEntries] == 0 { counts[t] += 1 }
        leaf[page % kEntries] = pte(framesBase + UInt64((frame + k) * 4096), flags)
    }
    if slot == activeSlot { rvSfenceVma() }
    return 0
}

@_cdecl("plat_uwin_unmap")
public func platUwinUnmap(_ slot: Int, _ va: Int, _ npages: Int) {
    let first = (va - kWindowBase) >> 12
    if slot <= 0 || slot >= kMaxSlots || first < 0 || npages < 0 || first + npages > windowPages { return }
    guard let r = roots![slot] else { return }
    let middle = tableOf(r[kWindowBase >> 30])
    let counts = leafCounts! + slot * kMaxLeaves
    for k in 0..<npages {
        let page = first + k
        let t = page / kEntries
        if middle[t] == 0 { continue }
        let leaf = tableOf(middle[t])
        if leaf[page % kEntries] == 0 { continue }
        leaf[page % kEntries] = 0
        counts[t] -= 1
        if counts[t] == 0 {
            middle[t] = 0
            freeTable(leaf)
        }
    }
    if slot == activeSlot { rvSfenceVma() }
}
