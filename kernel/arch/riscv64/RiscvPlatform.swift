// RiscvPlatform.swift — the platform layer for bare-metal riscv64 on QEMU's virt machine.
//
// Implements the plat_* symbols KernelCore declares (KernelCore/Platform.swift), as
// Sources/Kernel/HostPlatform.swift does for the hosted build; the user window is in
// UserWindowSv39.swift. Devices (embedded-kernel.md §3):
//   console  the 16550 UART at 0x1000_0000 (polled; CR before LF)
//   power    the SiFive test device at 0x10_0000: 0x5555 powers off with QEMU status 0,
//            (code << 16) | 0x3333 makes QEMU exit with `code`
//   clock    the time CSR (10 MHz) for the monotonic clock; the goldfish RTC at 0x10_1000
//            (nanoseconds since the epoch) for CLOCK_REALTIME
//   memory   RAM after the kernel image, up to the end the device tree gives
//            (arch/riscv64/boot_info.c), handed out once at boot by a bump pointer: the
//            heap arena, the page frames and the page tables are all carved from it and
//            never returned; the pointer steps over the boot archive QEMU loaded (-initrd)
// The kernel runs in S-mode with interrupts disabled; idling waits for the SBI timer with
// wfi (arch/riscv64/cpu.S). A trap from S-mode is a kernel fault (arch/riscv64/trap.S →
// rvTrap); traps from user mode go to UserTrap.swift.
import KernelCore
import _Volatile

@_extern(c, "rv_time") func rvTime() -> UInt64
@_extern(c, "rv_wait_for_timer") private func rvWaitForTimer(_ deadline: UInt64)
@_extern(c, "rv_ram_end") private func rvRamEnd() -> UInt64
@_extern(c, "rv_kernel_end") private func rvKernelEnd() -> UInt64
@_extern(c, "rv_initrd_hole_start") private func rvInitrdHoleStart() -> UInt64
@_extern(c, "rv_initrd_hole_end") private func rvInitrdHoleEnd() -> UInt64

/// Where physical address 0 is: 0 until the kernel's page tables are on, then the MMIO
/// gigapage (UserWindowSv39.swift), which leaves the low addresses to user programs.
nonisolated(unsafe) var mmioBase: UInt = 0
private var kUartBase: UInt { mmioBase + 0x1000_0000 }
private var kTestDevice: UInt { mmioBase + 0x10_0000 }
private var kRtcBase: UInt { mmioBase + 0x10_1000 }
private let kRamBase: UInt64 = 0x8000_0000
/// QEMU virt's default RAM, if the device tree names none.
private let kDefaultRamBytes: UInt64 = 128 << 20
/// The time CSR runs at 10 MHz on virt: 100 ns per tick.
let kNanosPerTick: UInt64 = 100

// MARK: - console and power

private func uartPut(_ c: UInt8) {
    let lsr = VolatileMappedRegister<UInt8>(unsafeBitPattern: kUartBase + 5)
    let thr = VolatileMappedRegister<UInt8>(unsafeBitPattern: kUartBase)
    while lsr.load() & 0x20 == 0 {}     // wait until the transmit holding register is empty
    thr.store(c)
}

@_cdecl("plat_console_write")
public func platConsoleWrite(_ p: UnsafeRawPointer, _ n: Int) {
    let b = p.assumingMemoryBound(to: UInt8.self)
    for i in 0..<max(n, 0) {
        if b[i] == 10 { uartPut(13) }
        uartPut(b[i])
    }
}

@_cdecl("plat_exit")
public func platExit(_ code: Int32) {
    let test = VolatileMappedRegister<UInt32>(unsafeBitPattern: kTestDevice)
    let status = UInt32(truncatingIfNeeded: code) & 0xffff
    test.store(status == 0 ? 0x5555 : (status << 16) | 0x3333)
    while true {}
}

// MARK: - clock

@_cdecl("plat_now_ns")
public func platNowNs(_ clock: Int32) -> Int64 {
    if clock == 0 {
        // CLOCK_REALTIME: reading TIME_LOW latches TIME_HIGH, so low goes first.
        let low = VolatileMappedRegister<UInt32>(unsafeBitPattern: kRtcBase).load()
        let high = VolatileMappedRegister<UInt32>(unsafeBitPattern: kRtcBase + 4).load()
        return Int64(bitPattern: UInt64(high) << 32 | UInt64(low))
    }
    return Int64(bitPattern: rvTime() &* kNanosPerTick)
}

@_cdecl("plat_idle_until")
public func platIdleUntil(_ deadline: Int64) {
    if deadline <= 0 { return }
    rvWaitForTimer((UInt64(deadline) + kNanosPerTick - 1) / kNanosPerTick)
    armedTimerTicks = .max                  // rv_wait_for_timer leaves the timer disarmed
}

// MARK: - memory

nonisolated(unsafe) private var bumpNext: UInt64 = 0
nonisolated(unsafe) private var bumpEnd: UInt64 = 0
/// The direct-mapped base of the page frames (plat_phys_init); the user window maps frames
/// relative to it.
nonisolated(unsafe) var framesBase: UInt64 = 0

/// `bytes` (rounded up to pages) of RAM, page aligned, or nil when RAM is used up.
func takeRam(_ bytes: Int) -> UnsafeMutableRawPointer? {
    if bumpNext == 0 {
        bumpNext = rvKernelEnd()
        let end = rvRamEnd()
        bumpEnd = end != 0 ? end : kRamBase + kDefaultRamBytes
    }
    if bytes <= 0 { return nil }
    let size = (UInt64(bytes) + 4095) & ~4095
    // the boot archive stays where QEMU loaded it until it is unpacked: step over it
    let holeStart = rvInitrdHoleStart(), holeEnd = rvInitrdHoleEnd()
    if holeEnd > holeStart && bumpNext < holeEnd && size > 0 && holeStart < bumpEnd
        && (holeStart <= bumpNext || holeStart - bumpNext < size) {
        bumpNext = max(bumpNext, holeEnd)
        if bumpNext > bumpEnd { return nil }
    }
    if size > bumpEnd - bumpNext { return nil }
    let p = bumpNext
    bumpNext += size
    return UnsafeMutableRawPointer(bitPattern: UInt(p))
}

@_cdecl("plat_heap_arena")
public func platHeapArena(_ bytes: Int) -> UnsafeMutableRawPointer? {
    guard let p = takeRam(bytes) else { return nil }
    p.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
    return p
}

@_cdecl("plat_phys_init")
public func platPhysInit(_ bytes: Int) -> UnsafeMutableRawPointer? {
    // Frames need no zeroing here: PageAlloc zeroes each run it hands out.
    guard let p = takeRam(bytes) else { return nil }
    framesBase = UInt64(UInt(bitPattern: p))
    return p
}

// MARK: - traps

nonisolated(unsafe) private var inTrap = false

/// Every trap is a fault in kernel code (nothing else is enabled): print the riscv64 state,
/// then report it as the hosted build reports a signal (the system call running, status 70).
@_cdecl("rv_trap")
public func rvTrap(_ frame: UnsafeMutablePointer<UInt64>) {
    if inTrap { platExit(70) }          // a fault while reporting a fault
    inTrap = true
    let cause = frame[33]
    kprint("trap: scause "); printHex(cause); kprint(" sepc "); printHex(frame[32])
    kprint(" stval "); printHex(frame[34]); kprint(" ra "); printHex(frame[1])
    kprint(" sp "); printHex(frame[2]); kprint("\n")
    // The host signal the same fault would raise, so the report reads alike on both builds.
    let signal: Int
    switch cause {
    case 2: signal = 4                  // illegal instruction (a Swift runtime check: unimp): SIGILL
    case 3: signal = 5                  // breakpoint: SIGTRAP
    case 12, 13, 15: signal = 11        // page faults: SIGSEGV
    default: signal = 7                 // misaligned or access faults, unexpected interrupts: SIGBUS
    }
    kernelFatalTrap(signal)
}

private func printHex(_ v: UInt64) {
    var buf: (UInt64, UInt64, UInt64) = (0, 0, 0)
    withUnsafeMutableBytes(of: &buf) { b in
        b[0] = 48; b[1] = 120           // "0x"
        for i in 0..<16 {
            let d = UInt8(truncatingIfNeeded: v >> UInt64(60 - 4 * i)) & 15
            b[2 + i] = d < 10 ? 48 + d : 87 + d
        }
        platConsoleWrite(b.baseAddress!, 18)
    }
}

// MARK: - boot files

@_extern(c, "rv_initrd") private func rvInitrd() -> UnsafePointer<UInt64>

/// The user programs build-riscv64.sh linked into the image (initrd.S, generated): a count,
/// then (name, data, size) for each.
@_cdecl("plat_initrd_file")
public func platInitrdFile(_ index: Int, _ name: UnsafeMutablePointer<UnsafePointer<UInt8>?>,
                           _ data: UnsafeMutablePointer<UnsafeRawPointer?>) -> Int {
    let table = rvInitrd()
    if index < 0 || UInt64(index) >= table[0] { return -1 }
    let entry = table + 1 + 3 * index
    name.pointee = UnsafePointer(bitPattern: UInt(entry[0]))
    data.pointee = UnsafeRawPointer(bitPattern: UInt(entry[1]))
    return Int(entry[2])
}
