// UserTrap.swift — user mode on riscv64: the frame, traps from user mode, the preemption timer.
//
// ELF programs run in U-mode (KernelCore/Exec.swift loads them). A trap from U-mode enters
// user_trap_vector (user.S), which saves the user's registers in the process's user frame
// and calls rvUserTrap on the process's kernel stack:
//   ecall (scause 8)        a system call: a7 = number, a0…a5 = arguments, the result in a0
//                           (KernelCore.userSyscall; it may sleep, and exit/exec never return)
//   timer interrupt         the time slice may be over: the scheduler runs someone else
//   store page fault        a copy-on-write page (KernelCore.userWriteFault) is copied and
//                           the store retried; otherwise a fault, as below
//   anything else           a fault: the process dies of the signal Linux would send
// and then returns to user mode through plat_user_enter, which arms the timer for the end of
// the current time slice (an SBI call, made only when that deadline changes).
// Frame layout: user.S (slot i = x_i, 32 = sepc, 33 = fcsr, 34… = f0…f31, 66 = scause,
// 67 = stval).
import KernelCore

@_extern(c, "rv_user_return") private func rvUserReturn(_ frame: UnsafeMutableRawPointer)
@_extern(c, "rv_set_timer") private func rvSetTimer(_ deadline: UInt64)

private let kFrameSlots = 68
private let kSlotSP = 2
private let kSlotA0 = 10
private let kSlotA7 = 17
private let kSlotPC = 32
private let kSlotCause = 66
private let kSlotStval = 67
private let kStorePageFault: UInt64 = 15
private let kEcallFromUser: UInt64 = 8
private let kSupervisorTimer: UInt64 = 5
private let kElfMachineRiscV = 243

/// The timer deadline (time ticks) armed now; UInt64.max: none.
nonisolated(unsafe) var armedTimerTicks: UInt64 = .max

@_cdecl("plat_user_machine")
public func platUserMachine() -> Int { kElfMachineRiscV }

@_cdecl("plat_uframe_init")
public func platUframeInit(_ frame: UnsafeMutableRawPointer, _ pc: Int, _ sp: Int) {
    let r = frame.bindMemory(to: Int.self, capacity: kFrameSlots)
    r.initialize(repeating: 0, count: kFrameSlots)
    r[kSlotPC] = pc
    r[kSlotSP] = sp
}

@_cdecl("plat_uframe_fork")
public func platUframeFork(_ child: UnsafeMutableRawPointer, _ parent: UnsafeRawPointer) {
    child.copyMemory(from: parent, byteCount: kFrameSlots * 8)
    child.assumingMemoryBound(to: Int.self)[kSlotA0] = 0     // fork returns 0 in the child
}

@_cdecl("plat_user_enter")
public func platUserEnter(_ frame: UnsafeMutableRawPointer, _ sliceEnd: Int64) {
    // round up: the interrupt must not come before the slice is over
    let ticks = (UInt64(max(sliceEnd, 0)) + kNanosPerTick - 1) / kNanosPerTick
    if ticks != armedTimerTicks {
        rvSetTimer(ticks)
        armedTimerTicks = ticks
    }
    rvUserReturn(frame)
}

@_cdecl("rv_user_trap")
public func rvUserTrap(_ frame: UnsafeMutableRawPointer) {
    let r = frame.assumingMemoryBound(to: Int.self)
    let cause = UInt64(bitPattern: Int64(r[kSlotCause]))
    var call = -1                           // the system call this trap made, if it made one
    var arg0 = 0
    if cause >> 63 != 0 {
        // an interrupt: only the timer is enabled. It stays pending until the timer is armed
        // again, which plat_user_enter does for the next slice.
        if cause & 0xff == kSupervisorTimer { armedTimerTicks = .max }
        userTimerTick()
    } else if cause == kEcallFromUser {
        r[kSlotPC] &+= 4                    // return past the ecall (a fork child's copy too)
        call = r[kSlotA7]
        arg0 = r[kSlotA0]
        r[kSlotA0] = userSyscall(r[kSlotA7], r[kSlotA0], r[kSlotA0 + 1], r[kSlotA0 + 2],
                                 r[kSlotA0 + 3], r[kSlotA0 + 4], r[kSlotA0 + 5])
    } else if cause == kStorePageFault {
        // a write to a copy-on-write page gets its own copy and is retried; so does one just
        // below the stack, which grows it
        let signal = userWriteFault(r[kSlotStval])
        if signal != 0 { userFault(signal, address: r[kSlotStval]) }
    } else if cause == 13 || cause == 12 {
        // a load or fetch just below the stack grows it too; anything else is SIGSEGV
        let signal = userReadFault(r[kSlotStval])
        if signal != 0 { userFault(signal, address: r[kSlotStval]) }
    } else {
        userFault(signalForFault(cause), address: r[kSlotStval])
    }
    // a handler to run first (an interrupted call may be restarted), or death
    userSignalsBeforeReturn(frame, syscall: call, firstArgument: arg0)
    platUserEnter(frame, userSliceEnd())
}

/// The signal Linux sends for a riscv64 exception in user mode.
private func signalForFault(_ cause: UInt64) -> Int {
    switch cause {
    case 2: return 4            // illegal instruction: SIGILL
    case 3: return 5            // breakpoint: SIGTRAP
    case 0, 4, 6: return 7      // misaligned: SIGBUS
    default: return 11          // access and page faults: SIGSEGV
    }
}

// MARK: - signal frames (KernelCore/Signal.swift builds them; the register layout is here)

/// Slots of f0 and fcsr in the frame; Linux's mcontext has pc, x1…x31, then f0…f31 and fcsr.
private let kSlotF0 = 34
private let kSlotFcsr = 33

@_cdecl("plat_uframe_sp")
public func platUframeSP(_ frame: UnsafeMutableRawPointer) -> Int { frame.load(fromByteOffset: kSlotSP * 8, as: Int.self) }

@_cdecl("plat_uframe_a0")
public func platUframeA0(_ frame: UnsafeMutableRawPointer) -> Int { frame.load(fromByteOffset: kSlotA0 * 8, as: Int.self) }

@_cdecl("plat_uframe_save")
public func platUframeSave(_ frame: UnsafeMutableRawPointer, _ mcontext: UnsafeMutableRawPointer) {
    let r = frame.assumingMemoryBound(to: UInt64.self)
    let m = mcontext.assumingMemoryBound(to: UInt64.self)
    m[0] = r[kSlotPC]
    for i in 1..<32 { m[i] = r[i] }
    for i in 0..<32 { m[32 + i] = r[kSlotF0 + i] }
    mcontext.storeBytes(of: UInt32(truncatingIfNeeded: r[kSlotFcsr]), toByteOffset: 512, as: UInt32.self)
}

@_cdecl("plat_uframe_restore")
public func platUframeRestore(_ frame: UnsafeMutableRawPointer, _ mcontext: UnsafeMutableRawPointer) {
    let r = frame.assumingMemoryBound(to: UInt64.self)
    let m = mcontext.assumingMemoryBound(to: UInt64.self)
    r[kSlotPC] = m[0]
    for i in 1..<32 { r[i] = m[i] }
    for i in 0..<32 { r[kSlotF0 + i] = m[32 + i] }
    r[kSlotFcsr] = UInt64(mcontext.load(fromByteOffset: 512, as: UInt32.self))
}

@_cdecl("plat_uframe_enter_handler")
public func platUframeEnterHandler(_ frame: UnsafeMutableRawPointer, _ handler: Int, _ sp: Int,
                                   _ ret: Int, _ a0: Int, _ a1: Int, _ a2: Int) {
    let r = frame.assumingMemoryBound(to: Int.self)
    r[kSlotPC] = handler
    r[kSlotSP] = sp
    r[1] = ret                              // ra
    r[kSlotA0] = a0
    r[kSlotA0 + 1] = a1
    r[kSlotA0 + 2] = a2
}

@_cdecl("plat_sigreturn_code")
public func platSigreturnCode(_ dst: UnsafeMutableRawPointer) -> Int {
    dst.storeBytes(of: UInt32(0x08b0_0893), toByteOffset: 0, as: UInt32.self)     // li a7, 139 (rt_sigreturn)
    dst.storeBytes(of: UInt32(0x0000_0073), toByteOffset: 4, as: UInt32.self)     // ecall
    return 8
}

@_cdecl("plat_uframe_set_sp")
public func platUframeSetSP(_ frame: UnsafeMutableRawPointer, _ sp: Int) {
    frame.storeBytes(of: sp, toByteOffset: kSlotSP * 8, as: Int.self)
}

@_cdecl("plat_uframe_restart_syscall")
public func platUframeRestartSyscall(_ frame: UnsafeMutableRawPointer, _ arg0: Int) {
    let r = frame.assumingMemoryBound(to: Int.self)
    r[kSlotPC] &-= 4                        // the ecall again, with its first argument back
    r[kSlotA0] = arg0
}

@_cdecl("plat_uframe_set_tls")
public func platUframeSetTLS(_ frame: UnsafeMutableRawPointer, _ tls: Int) {
    frame.storeBytes(of: tls, toByteOffset: 4 * 8, as: Int.self)      // tp is x4
}
