// Platform.swift — the thin platform layer every port provides.
//
// KernelCore is platform independent. A port supplies these C-ABI symbols (the hosted x86_64
// Linux port in Sources/Kernel/HostPlatform.swift, the bare-metal riscv64 port in
// arch/riscv64/RiscvPlatform.swift and UserWindowSv39.swift) plus the context switch in
// include/kernel_arch.h. None of them allocate from the kernel heap.
//
//   console     plat_console_write
//   clock       plat_now_ns, plat_idle_until
//   memory      plat_heap_arena (kernel heap), plat_phys_init (page frames, direct-mapped),
//               plat_uwin_init / plat_uwin_per_process / plat_uwin_switch / plat_uwin_map /
//               plat_uwin_unmap (user address spaces: one window refilled at each switch by
//               mmap on the host; an Sv39 page table per process on riscv64)
//   power       plat_exit
//   user mode   plat_user_machine, plat_uframe_init / plat_uframe_fork / plat_user_enter (run
//               ELF programs in the CPU's user mode; the host has none: machine 0)
//   boot files  plat_initrd_file (programs built into the kernel image, installed in /bin),
//               plat_initramfs (a newc cpio archive unpacked into / at boot: Initramfs.swift)

@_extern(c, "plat_console_write") func platConsoleWrite(_ p: UnsafeRawPointer, _ n: Int)
/// Does not return. (`Never` cannot cross the C boundary.)
@_extern(c, "plat_exit") func platExit(_ code: Int32)
/// Nanoseconds on `clock` (CLOCK_REALTIME or CLOCK_MONOTONIC numbering).
@_extern(c, "plat_now_ns") func platNowNanos(_ clock: Int32) -> Int64
/// Idle the CPU until the monotonic clock reaches `deadline` (or an interrupt arrives).
@_extern(c, "plat_idle_until") func platIdleUntil(_ deadline: Int64)
/// `bytes` of zeroed memory for the kernel heap arena, or nil.
@_extern(c, "plat_heap_arena") func platHeapArena(_ bytes: Int) -> UnsafeMutableRawPointer?
/// `bytes` of page-frame memory, direct-mapped for the kernel; frame i is at base + i*4096.
@_extern(c, "plat_phys_init") func platPhysInit(_ bytes: Int) -> UnsafeMutableRawPointer?
/// Reserve the user window of `bytes`; returns its base user address (riscv64: 0, where Linux
/// programs are linked), or -1 on failure.
@_extern(c, "plat_uwin_init") func platUserWindowInit(_ bytes: Int) -> Int
/// 1 if every process has page tables of its own (map and unmap may name any process's, and
/// a switch just changes tables); 0 if there is one window that holds only the running
/// process's pages (a switch empties it and the kernel maps the new process's VMAs).
@_extern(c, "plat_uwin_per_process") func platUserWindowPerProcess() -> Int
/// Make process `slot`'s address space the current one (0: none, kernel memory only).
@_extern(c, "plat_uwin_switch") func platUserWindowSwitch(_ slot: Int)
/// Map `npages` frames starting at frame `frame` at user address `va` of process `slot` with
/// `prot` (1 read, 2 write, 4 execute). Returns 0 on success.
@_extern(c, "plat_uwin_map") func platUserWindowMap(_ slot: Int, _ va: Int, _ frame: Int, _ npages: Int, _ prot: Int) -> Int32
/// Unmap `npages` pages at `va` of process `slot`.
@_extern(c, "plat_uwin_unmap") func platUserWindowUnmap(_ slot: Int, _ va: Int, _ npages: Int)

@inline(__always) func nowNanos() -> Int64 { platNowNanos(1) }

/// Stop the machine with `code` as its exit status.
public func halt(_ code: Int) -> Never {
    platExit(Int32(truncatingIfNeeded: code))
    while true {}
}

/// The ELF e_machine of the programs this platform runs in user mode (243 for RISC-V), or 0
/// if it has no user mode (the host: built-in programs only; exec of an ELF is ENOEXEC).
@_extern(c, "plat_user_machine") func platUserMachine() -> Int
/// The user register frame at `frame` (kUFrameBytes, at the top of a process's kernel
/// stack) starts a program: every register zero but pc and sp.
@_extern(c, "plat_uframe_init") func platUserFrameInit(_ frame: UnsafeMutableRawPointer, _ pc: Int, _ sp: Int)
/// A fork child's frame: a copy of the parent's whose system call returns 0.
@_extern(c, "plat_uframe_fork") func platUserFrameFork(_ child: UnsafeMutableRawPointer, _ parent: UnsafeRawPointer)
/// Return to user mode with the registers in `frame`, arming the preemption timer for
/// `sliceEnd` (monotonic ns). Does not return: the next trap enters the kernel afresh.
@_extern(c, "plat_user_enter") func platUserEnter(_ frame: UnsafeMutableRawPointer, _ sliceEnd: Int64)
/// Boot file `index` (name and content in the kernel image): its size, or -1 past the last.
@_extern(c, "plat_initrd_file") func platInitrdFile(_ index: Int, _ name: UnsafeMutablePointer<UnsafePointer<UInt8>?>,
                                                     _ data: UnsafeMutablePointer<UnsafeRawPointer?>) -> Int
/// The boot archive (QEMU's -initrd; `--initrd FILE` on the host) and its size, or nil.
@_extern(c, "plat_initramfs") func platInitramfs(_ size: UnsafeMutablePointer<Int>) -> UnsafeRawPointer?
/// The stack pointer and a0 of the user register frame `frame`.
@_extern(c, "plat_uframe_sp") func platUserFrameSP(_ frame: UnsafeMutableRawPointer) -> Int
@_extern(c, "plat_uframe_a0") func platUserFrameA0(_ frame: UnsafeMutableRawPointer) -> Int
/// Write the registers of `frame` as Linux's mcontext (ML_MCONTEXT_SIZE bytes at `mcontext`,
/// zeroed before), or load them back from one (rt_sigreturn).
@_extern(c, "plat_uframe_save") func platUserFrameSave(_ frame: UnsafeMutableRawPointer, _ mcontext: UnsafeMutableRawPointer)
@_extern(c, "plat_uframe_restore") func platUserFrameRestore(_ frame: UnsafeMutableRawPointer, _ mcontext: UnsafeMutableRawPointer)
/// Point `frame` at a signal handler: pc = handler, sp, the return address, arguments a0…a2.
@_extern(c, "plat_uframe_enter_handler") func platUserFrameEnterHandler(_ frame: UnsafeMutableRawPointer, _ handler: Int, _ sp: Int,
                                                                        _ ret: Int, _ a0: Int, _ a1: Int, _ a2: Int)
/// The instructions that call rt_sigreturn, written at `dst` (a handler returns into them):
/// their length, or 0 on a platform without user mode.
@_extern(c, "plat_sigreturn_code") func platSigreturnCode(_ dst: UnsafeMutableRawPointer) -> Int
/// Set the stack pointer of `frame` (a clone child given a stack of its own).
@_extern(c, "plat_uframe_set_sp") func platUserFrameSetSP(_ frame: UnsafeMutableRawPointer, _ sp: Int)
/// Make `frame` repeat the system call it just made (its first argument `arg0` back in
/// place of the result): SA_RESTART.
@_extern(c, "plat_uframe_restart_syscall") func platUserFrameRestartSyscall(_ frame: UnsafeMutableRawPointer, _ arg0: Int)
/// Set the thread pointer of `frame` (CLONE_SETTLS: a new thread's TLS).
@_extern(c, "plat_uframe_set_tls") func platUserFrameSetTLS(_ frame: UnsafeMutableRawPointer, _ tls: Int)
