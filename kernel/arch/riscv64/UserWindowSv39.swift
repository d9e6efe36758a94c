// UserWindowSv39.swift — the user window on riscv64: Sv39 paging.
//
// KernelCore gives every process the same user addresses and maps only the running
// process's frames into the window (VM.swift, Sched.installUserWindow). On the host that is
// mmap; here it is one Sv39 page table for the whole machine, switched on in
// plat_uwin_init:
//   MMIO, identity mapped      the test device and RTC pages (0x10_0000, 0x10_1000) and
//                              the UART's 2 MiB; nothing else below 2 GiB, so a null
//                              or small bogus pointer still faults
//   VA 2 GiB … 4 GiB          identity gigapages: RAM (kernel, heap arena, frames)
//   VA 4 GiB … 4 GiB + size   the user window: 4 KiB leaf pages pointing at frames
// The window's leaf tables are contiguous, so page i of the window is entry i. Window pages
// are user pages (U bit, with the VMA's read/write/execute): ELF programs reach them in
// U-mode, and the kernel (and built-in programs, which are kernel code) through
// sstatus.SUM, which boot.S sets. Nothing else in the table has the U bit.
// Resetting clears only the leaf tables that hold entries (a bit each in `dirtyTables`),
// so a switch costs a few KiB of stores, not the whole 64 MiB's worth of tables.

@_extern(c, "rv_satp_write") private func rvSatpWrite(_ satp: UInt64)
@_extern(c, "rv_sfence_vma") private func rvSfenceVma()

private let kWindowBase = 0x1_0000_0000
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

nonisolated(unsafe) private var leaves: UnsafeMutablePointer<UInt64>? = nil
nonisolated(unsafe) private var windowPages = 0
nonisolated(unsafe) private var dirtyTables: UInt64 = 0

@inline(__always) private func pte(_ pa: UInt64, _ flags: UInt64) -> UInt64 { (pa >> 12) << 10 | flags }

private func zeroedTables(_ n: Int) -> UnsafeMutablePointer<UInt64>? {
    guard let p = takeRam(n * 4096) else { return nil }
    p.initializeMemory(as: UInt8.self, repeating: 0, count: n * 4096)
    return p.assumingMemoryBound(to: UInt64.self)
}

@_cdecl("plat_uwin_init")
public func platUwinInit(_ bytes: Int) -> Int {
    let tables = (bytes + kEntries * 4096 - 1) / (kEntries * 4096)
    if bytes <= 0 || tables > 64 { return 0 }      // one bit of dirtyTables per leaf table
    guard let root = zeroedTables(1), let low = zeroedTables(2), let middle = zeroedTables(1),
          let l = zeroedTables(tables) else { return 0 }
    let kernelFlags = kPteValid | kPteRead | kPteWrite | kPteAccessed | kPteDirty
    // MMIO: root[0] → low[0…511] (2 MiB each); low[0] → low[512…] (4 KiB pages of the first 2 MiB)
    root[0] = pte(UInt64(UInt(bitPattern: low)), kPteValid)
    low[0] = pte(UInt64(UInt(bitPattern: low + kEntries)), kPteValid)
    low[kEntries + 0x100] = pte(0x10_0000, kernelFlags)        // SiFive test device
    low[kEntries + 0x101] = pte(0x10_1000, kernelFlags)        // goldfish RTC
    low[0x1000_0000 >> 21] = pte(0x1000_0000, kernelFlags)     // UART (a 2 MiB megapage)
    root[2] = pte(0x8000_0000, kernelFlags | kPteExec)
    root[3] = pte(0xC000_0000, kernelFlags | kPteExec)
    root[kWindowBase >> 30] = pte(UInt64(UInt(bitPattern: middle)), kPteValid)
    for t in 0..<tables { middle[t] = pte(UInt64(UInt(bitPattern: l + t * kEntries)), kPteValid) }
    leaves = l
    windowPages = bytes / 4096
    rvSatpWrite(kSatpSv39 | UInt64(UInt(bitPattern: root)) >> 12)
    return kWindowBase
}

@_cdecl("plat_uwin_reset")
public func platUwinReset() {
    guard let l = leaves else { return }
    for t in 0..<64 where dirtyTables & (1 << UInt64(t)) != 0 {
        (l + t * kEntries).initialize(repeating: 0, count: kEntries)
    }
    dirtyTables = 0
    rvSfenceVma()
}

@_cdecl("plat_uwin_map")
public func platUwinMap(_ va: Int, _ frame: Int, _ npages: Int, _ prot: Int) -> Int32 {
    guard let l = leaves else { return -1 }
    let first = (va - kWindowBase) >> 12
    if va & 4095 != 0 || first < 0 || npages < 0 || first + npages > windowPages || frame < 0 { return -1 }
    // VMA prot: 1 read, 2 write, 4 execute. A writable page must be readable (R=0 W=1 is
    // reserved in Sv39); every page is readable so the kernel can copy from it.
    var flags = kPteValid | kPteUser | kPteRead | kPteAccessed | kPteDirty
    if prot & 2 != 0 { flags |= kPteWrite }
    if prot & 4 != 0 { flags |= kPteExec }
    for k in 0..<npages {
        l[first + k] = pte(framesBase + UInt64((frame + k) * 4096), flags)
        dirtyTables |= 1 << UInt64((first + k) / kEntries)
    }
    rvSfenceVma()
    return 0
}

@_cdecl("plat_uwin_unmap")
public func platUwinUnmap(_ va: Int, _ npages: Int) {
    guard let l = leaves else { return }
    let first = (va - kWindowBase) >> 12
    if first < 0 || npages < 0 || first + npages > windowPages { return }
    for k in 0..<npages { l[first + k] = 0 }
    rvSfenceVma()
}
