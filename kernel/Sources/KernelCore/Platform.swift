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
//               plat_uwin_init / plat_uwin_reset / plat_uwin_map (the user address window:
//               mmap on the host; one Sv39 page table on riscv64)
//   power       plat_exit

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
/// Reserve the user window of `bytes`; returns its base user address (0 on failure).
@_extern(c, "plat_uwin_init") func platUserWindowInit(_ bytes: Int) -> Int
/// Unmap everything in the user window.
@_extern(c, "plat_uwin_reset") func platUserWindowReset()
/// Map `npages` frames starting at frame `frame` at user address `va`. Returns 0 on success.
@_extern(c, "plat_uwin_map") func platUserWindowMap(_ va: Int, _ frame: Int, _ npages: Int) -> Int32

@inline(__always) func nowNanos() -> Int64 { platNowNanos(1) }

/// Stop the machine with `code` as its exit status.
public func halt(_ code: Int) -> Never {
    platExit(Int32(truncatingIfNeeded: code))
    while true {}
}
/// Unmap `npages` pages of the user window at `va`.
@_extern(c, "plat_uwin_unmap") func platUserWindowUnmap(_ va: Int, _ npages: Int)
