// HostPlatform.swift — the platform layer for the hosted x86_64 Linux build.
//
// Implements the plat_* symbols KernelCore declares (KernelCore/Platform.swift) on top of
// glibc: the console is stdout, the clock is clock_gettime, idling is clock_nanosleep.
// Memory: the heap arena is an anonymous mmap; "physical" page frames are a memfd mapped
// once as the kernel's direct map; the user window is a reserved range into which the
// current process's frames are mapped MAP_SHARED|MAP_FIXED from the same memfd — the
// host's stand-in for page tables. A bare-metal port replaces this file.
import KernelCore

#if os(Linux)
@_extern(c, "write") private func c_write(_ fd: Int32, _ p: UnsafeRawPointer?, _ n: Int) -> Int
@_extern(c, "_exit") private func c_exit(_ code: Int32)
@_extern(c, "mmap") private func c_mmap(_ a: UnsafeMutableRawPointer?, _ n: Int, _ prot: Int32, _ flags: Int32, _ fd: Int32, _ off: Int) -> UnsafeMutableRawPointer?
@_extern(c, "memfd_create") private func c_memfd_create(_ name: UnsafePointer<UInt8>, _ flags: UInt32) -> Int32
@_extern(c, "ftruncate") private func c_ftruncate(_ fd: Int32, _ len: Int) -> Int32
@_extern(c, "clock_gettime") private func c_clock_gettime(_ clk: Int32, _ ts: UnsafeMutableRawPointer) -> Int32
@_extern(c, "signal") private func c_signal(_ sig: Int32, _ handler: (@convention(c) (Int32) -> Void)?) -> Int
@_extern(c, "clock_nanosleep") private func c_clock_nanosleep(_ clk: Int32, _ flags: Int32, _ req: UnsafeRawPointer, _ rem: UnsafeMutableRawPointer?) -> Int32

private let hPROT_NONE: Int32 = 0
private let hPROT_RW: Int32 = 3
private let hMAP_SHARED: Int32 = 0x01
private let hMAP_PRIVATE: Int32 = 0x02
private let hMAP_FIXED: Int32 = 0x10
private let hMAP_ANON: Int32 = 0x20
private let hMAP_NORESERVE: Int32 = 0x4000

nonisolated(unsafe) private var physFd: Int32 = -1
nonisolated(unsafe) private var uwinBase = 0
nonisolated(unsafe) private var uwinSize = 0

@inline(__always) private func mmapOK(_ p: UnsafeMutableRawPointer?) -> Bool {
    guard let p else { return false }
    return Int(bitPattern: p) != -1
}

@_cdecl("plat_console_write")
public func platConsoleWrite(_ p: UnsafeRawPointer, _ n: Int) {
    var off = 0
    while off < n {
        let r = c_write(1, p + off, n - off)
        if r <= 0 { return }
        off += r
    }
}

@_cdecl("plat_exit")
public func platExit(_ code: Int32) { c_exit(code) }

@_cdecl("plat_now_ns")
public func platNowNs(_ clock: Int32) -> Int64 {
    var ts: (Int, Int) = (0, 0)
    _ = withUnsafeMutableBytes(of: &ts) { c_clock_gettime(clock == 0 ? 0 : 1, $0.baseAddress!) }
    return Int64(ts.0) * 1_000_000_000 + Int64(ts.1)
}

@_cdecl("plat_idle_until")
public func platIdleUntil(_ deadline: Int64) {
    var ts: (Int, Int) = (Int(deadline / 1_000_000_000), Int(deadline % 1_000_000_000))
    _ = withUnsafeBytes(of: &ts) { c_clock_nanosleep(1, 1, $0.baseAddress!, nil) }   // TIMER_ABSTIME
}

@_cdecl("plat_heap_arena")
public func platHeapArena(_ bytes: Int) -> UnsafeMutableRawPointer? {
    let p = c_mmap(nil, bytes, hPROT_RW, hMAP_PRIVATE | hMAP_ANON | hMAP_NORESERVE, -1, 0)
    return mmapOK(p) ? p : nil
}

@_cdecl("plat_phys_init")
public func platPhysInit(_ bytes: Int) -> UnsafeMutableRawPointer? {
    let name: StaticString = "maxlive-frames"
    physFd = c_memfd_create(name.utf8Start, 0)
    if physFd < 0 || c_ftruncate(physFd, bytes) != 0 { return nil }
    let p = c_mmap(nil, bytes, hPROT_RW, hMAP_SHARED, physFd, 0)
    return mmapOK(p) ? p : nil
}

@_cdecl("plat_uwin_init")
public func platUwinInit(_ bytes: Int) -> Int {
    let p = c_mmap(nil, bytes, hPROT_NONE, hMAP_PRIVATE | hMAP_ANON | hMAP_NORESERVE, -1, 0)
    if !mmapOK(p) { return -1 }
    uwinBase = Int(bitPattern: p)
    uwinSize = bytes
    return uwinBase
}

/// One window: only the running process's pages are in it.
@_cdecl("plat_uwin_per_process")
public func platUwinPerProcess() -> Int { 0 }

/// Empty the window; the kernel maps the new process's VMAs into it.
@_cdecl("plat_uwin_switch")
public func platUwinSwitch(_ slot: Int) {
    _ = c_mmap(UnsafeMutableRawPointer(bitPattern: uwinBase), uwinSize, hPROT_NONE,
               hMAP_PRIVATE | hMAP_ANON | hMAP_NORESERVE | hMAP_FIXED, -1, 0)
}

@_cdecl("plat_uwin_map")
public func platUwinMap(_ slot: Int, _ va: Int, _ frame: Int, _ npages: Int, _ prot: Int) -> Int32 {
    // Always read-write: built-in programs are kernel code here, and the kernel checks every
    // user access against the VMAs' protection itself (UserMem.swift).
    let p = c_mmap(UnsafeMutableRawPointer(bitPattern: va), npages * 4096, hPROT_RW,
                   hMAP_SHARED | hMAP_FIXED, physFd, frame * 4096)
    return mmapOK(p) && Int(bitPattern: p) == va ? 0 : -1
}

@_cdecl("plat_uwin_unmap")
public func platUwinUnmap(_ slot: Int, _ va: Int, _ npages: Int) {
    _ = c_mmap(UnsafeMutableRawPointer(bitPattern: va), npages * 4096, hPROT_NONE,
               hMAP_PRIVATE | hMAP_ANON | hMAP_NORESERVE | hMAP_FIXED, -1, 0)
}

/// A trap in kernel code (a failed Swift runtime check, a bad access) is a kernel panic:
/// report the system call that was running and stop with status 70.
public func hostInstallTrapHandlers() {
    for sig: Int32 in [4, 5, 7, 8, 11] { _ = c_signal(sig, hostTrap) }
    _ = c_signal(3, hostDump)      // SIGQUIT: dump the threads and reservations, keep running
}

private func hostDump(_ sig: Int32) { kernelDebugDump() }

private func hostTrap(_ sig: Int32) { kernelFatalTrap(Int(sig)) }

// MARK: - user mode (none) and boot files (none)
//
// The host runs only built-in programs (Swift functions in the kernel image): it has no user
// mode for ELF programs, so exec of one is ENOEXEC and these are never reached.

@_cdecl("plat_user_machine")
public func platUserMachine() -> Int { 0 }

@_cdecl("plat_uframe_init")
public func platUframeInit(_ frame: UnsafeMutableRawPointer, _ pc: Int, _ sp: Int) { hostNoUserMode() }

@_cdecl("plat_uframe_fork")
public func platUframeFork(_ child: UnsafeMutableRawPointer, _ parent: UnsafeRawPointer) { hostNoUserMode() }

@_cdecl("plat_user_enter")
public func platUserEnter(_ frame: UnsafeMutableRawPointer, _ sliceEnd: Int64) { hostNoUserMode() }

@_cdecl("plat_initrd_file")
public func platInitrdFile(_ index: Int, _ name: UnsafeMutablePointer<UnsafePointer<UInt8>?>,
                           _ data: UnsafeMutablePointer<UnsafeRawPointer?>) -> Int { -1 }

@_cdecl("plat_uframe_sp")
public func platUframeSP(_ frame: UnsafeMutableRawPointer) -> Int { hostNoUserMode(); return 0 }

@_cdecl("plat_uframe_a0")
public func platUframeA0(_ frame: UnsafeMutableRawPointer) -> Int { hostNoUserMode(); return 0 }

@_cdecl("plat_uframe_save")
public func platUframeSave(_ frame: UnsafeMutableRawPointer, _ mcontext: UnsafeMutableRawPointer) { hostNoUserMode() }

@_cdecl("plat_uframe_restore")
public func platUframeRestore(_ frame: UnsafeMutableRawPointer, _ mcontext: UnsafeMutableRawPointer) { hostNoUserMode() }

@_cdecl("plat_uframe_enter_handler")
public func platUframeEnterHandler(_ frame: UnsafeMutableRawPointer, _ handler: Int, _ sp: Int,
                                   _ ret: Int, _ a0: Int, _ a1: Int, _ a2: Int) { hostNoUserMode() }

@_cdecl("plat_uframe_set_sp")
public func platUframeSetSP(_ frame: UnsafeMutableRawPointer, _ sp: Int) { hostNoUserMode() }

@_cdecl("plat_uframe_restart_syscall")
public func platUframeRestartSyscall(_ frame: UnsafeMutableRawPointer, _ arg0: Int) { hostNoUserMode() }

@_cdecl("plat_uframe_set_tls")
public func platUframeSetTLS(_ frame: UnsafeMutableRawPointer, _ tls: Int) { hostNoUserMode() }

/// No user mode, no handlers: nothing to return into.
@_cdecl("plat_sigreturn_code")
public func platSigreturnCode(_ dst: UnsafeMutableRawPointer) -> Int { 0 }

private func hostNoUserMode() {
    kprint("kernel: the hosted build has no user mode\n")
    platExit(70)
}
#endif
