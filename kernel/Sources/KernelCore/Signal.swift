// Signal.swift — POSIX signals: actions, masks, delivery to handlers, and the system calls
// rt_sigaction, rt_sigprocmask, rt_sigpending, rt_sigsuspend, rt_sigreturn and sigaltstack.
//
// A process's actions live in its proc page (the third frame, NSIG entries of ml_sigaction);
// its pending and blocked sets are bit masks (bit sig−1). Sending (signalSend) applies the
// action at once where it can: SIGKILL, and a default action that terminates an unblocked
// signal, kill the process as before; an ignored signal is dropped; anything else becomes
// pending and interrupts a sleep (the call returns EINTR). On the way back to user mode the
// platform's trap handler calls userSignalsBeforeReturn, which delivers one pending,
// unblocked signal: a handler gets Linux riscv64's rt_sigframe on its stack (siginfo, then a
// ucontext holding the interrupted registers and mask) and returns into a two-instruction
// page that calls rt_sigreturn, which restores them. Handlers exist only for ELF programs in
// user mode; built-in programs (kernel code) keep the default actions.
// A call a handler interrupted (EINTR) starts again after it if the handler has SA_RESTART,
// except those Linux never restarts after a handler (rt_sigsuspend, ppoll, the sleeps).
// Job control: a stop signal's default action (SIGSTOP, and SIGTSTP, SIGTTIN, SIGTTOU unless
// caught) stops the process on its way back to user mode (a call it interrupted starts again
// once the process goes on); SIGCONT, whatever its action, lets it go on. The parent hears of
// both through wait4 (WUNTRACED, WCONTINUED) and SIGCHLD (unless SA_NOCLDSTOP). A process
// asleep in the kernel stops when its sleep ends, which a stop signal makes it do at once.
// Built-in programs (kernel code) ignore the stops.
// Not done: queued real-time signals.
import KernelC

@inline(__always) private func I(_ x: Int32) -> Int { Int(x) }
@inline(__always) func sigBit(_ sig: Int) -> UInt64 { 1 << UInt64(sig - 1) }
private var kUnblockable: UInt64 { sigBit(I(SIGKILL)) | sigBit(I(SIGSTOP)) }

@inline(__always) func sigActions(_ p: Proc) -> UnsafeMutablePointer<ml_sigaction> {
    (p.space.pageBase + kProcSigOff).assumingMemoryBound(to: ml_sigaction.self)   // shared by threads
}

/// Signals whose default action is to do nothing (SIGCONT's, to go on, happens when it is sent).
private func ignoredByDefault(_ sig: Int) -> Bool {
    switch sig {
    case I(SIGCHLD), I(SIGURG), I(SIGWINCH), I(SIGCONT): return true
    default: return false
    }
}

/// Signals whose default action stops the process.
private var kStopSignals: UInt64 { sigBit(I(SIGSTOP)) | sigBit(I(SIGTSTP)) | sigBit(I(SIGTTIN)) | sigBit(I(SIGTTOU)) }
@inline(__always) private func isStopSignal(_ sig: Int) -> Bool { kStopSignals & sigBit(sig) != 0 }

/// What wait4 has yet to report of a child (Proc.jobReport).
let kJobReportNone = 0
let kJobReportStopped = 1
let kJobReportContinued = 2

/// Send `sig` (1…NSIG) to `t`. init (pid 1) gets only the signals it has handlers for.
func signalSend(_ t: Proc, _ sig: Int) {
    if sig <= 0 || sig > I(NSIG) || t.state == .zombie || t.state == .dead { return }
    if sig == I(SIGKILL) {
        if t.pid != 1 { procKill(t, sig) }
        return
    }
    if t.userMode && t.pid != 1 { jobControlOnSend(t, sig) }
    signalPost(t, sig)
}

/// `sig`'s action for `t`, job control aside: a deadly default kills, an ignored signal
/// goes, anything else becomes pending (and ends a sleep it is not blocked in).
private func signalPost(_ t: Proc, _ sig: Int) {
    let handler = Int(truncatingIfNeeded: sigActions(t)[sig - 1].sa_handler)
    if handler == I(SIG_IGN) { return }
    if handler == I(SIG_DFL) {
        if t.pid == 1 || ignoredByDefault(sig) { return }
        if isStopSignal(sig) {
            if !t.userMode || t.space.stopped { return }     // no job control, or stopped already
        } else if !t.userMode || t.sigMask & sigBit(sig) == 0 {
            procKill(t, sig)
            return
        }
    }
    t.sigPending |= sigBit(sig)                 // a handler, a blocked deadly default, a stop
    if t.sigMask & sigBit(sig) == 0 && t.state == .sleeping { t.state = .runnable }
}

/// Job control's part of sending: a stop signal drops a pending SIGCONT; SIGCONT drops
/// pending stops and lets a stopped process go on, telling its parent.
private func jobControlOnSend(_ t: Proc, _ sig: Int) {
    if isStopSignal(sig) {
        t.sigPending &= ~sigBit(I(SIGCONT))
        return
    }
    if sig != I(SIGCONT) { return }
    t.sigPending &= ~kStopSignals
    let space = t.space
    if !space.stopped { return }
    space.stopped = false
    space.jobReport = kJobReportContinued
    wakeup(chanStopped(space.pid))
    notifyParentOfJob(space)
}

/// A process stopped or went on: its parent's wait4 looks again, and the parent gets SIGCHLD
/// unless its action for SIGCHLD has SA_NOCLDSTOP.
private func notifyParentOfJob(_ space: Proc) {
    guard let parent = procByPid(space.ppid) else { return }
    wakeup(chanChildren(parent.pid))
    let flags = Int(truncatingIfNeeded: sigActions(parent)[I(SIGCHLD) - 1].sa_flags)
    if flags & I(SA_NOCLDSTOP) == 0 { signalPost(parent, I(SIGCHLD)) }
}

/// The current process stops (a stop signal's default action, `sig`; 0 when another thread
/// stopped it) and waits here until SIGCONT; a kill meanwhile ends it here. A system call
/// the stop interrupted (EINTR) starts again afterwards, as on Linux, unless a signal that
/// came meanwhile is to be handled first.
private func stopHere(_ p: Proc, _ sig: Int, _ frame: UnsafeMutableRawPointer, syscall: Int, firstArgument: Int) {
    let space = p.space
    if sig != 0 && !space.stopped {
        space.stopped = true
        space.stopSig = sig
        space.jobReport = kJobReportStopped
        notifyParentOfJob(space)
    }
    while space.stopped && !p.killed { sleepIgnoringSignals(chan: chanStopped(space.pid)) }
    leaveIfKilled()
    if syscall >= 0 && platUserFrameA0(frame) == kEINTR && p.sigPending & ~p.sigMask == 0 {
        platUserFrameRestartSyscall(frame, firstArgument)
    }
}

/// Is a signal waiting that `p`'s next return to user mode would act on? (Sleeps end early.)
@inline(__always) func signalInterrupts(_ p: Proc) -> Bool { p.sigPending & ~p.sigMask != 0 }

/// A fault in user mode (the platform's trap handler): true if a handler will run for it,
/// false if the process must die of it (no handler, or the signal is blocked or ignored).
func signalForFault(_ p: Proc, _ sig: Int, address: Int) -> Bool {
    let handler = Int(truncatingIfNeeded: sigActions(p)[sig - 1].sa_handler)
    if handler == I(SIG_DFL) || handler == I(SIG_IGN) || p.sigMask & sigBit(sig) != 0 { return false }
    p.sigPending |= sigBit(sig)
    p.sigFaultAddr = address
    return true
}

/// fork: the child has its parent's actions, mask and alternate stack, nothing pending.
func signalsFork(from parent: Proc, to child: Proc) {
    sigActions(child).update(from: sigActions(parent), count: I(NSIG))
    child.sigMask = parent.sigMask
    child.altStack = parent.altStack
    child.altStackSize = parent.altStackSize
    child.sigTrampoline = parent.sigTrampoline
}

/// exec: handlers go back to the default (ignored signals stay ignored); the mask and the
/// pending set stay; the alternate stack goes.
func signalsExec(_ p: Proc) {
    let a = sigActions(p)
    for i in 0..<I(NSIG) where a[i].sa_handler != UInt64(I(SIG_IGN)) { a[i] = ml_sigaction() }
    p.altStack = 0
    p.altStackSize = 0
}

// MARK: - delivery

/// Calls that a handler's SA_RESTART does not restart (Linux's ERESTARTNOHAND and restart-block
/// calls): they return EINTR.
private func restartable(_ call: Int) -> Bool {
    switch call {
    case Int(SYS_rt_sigsuspend), Int(SYS_ppoll), Int(SYS_nanosleep), Int(SYS_clock_nanosleep): return false
    default: return call >= 0
    }
}

/// Before a user-mode process goes back to user mode: act on one pending, unblocked signal.
/// A handler gets its frame (and runs when `frame` is resumed); a deadly default action ends
/// the process here and does not return. `syscall` is the call this trap made (−1 if none)
/// and `firstArgument` its a0, for restarting it.
public func userSignalsBeforeReturn(_ frame: UnsafeMutableRawPointer, syscall: Int, firstArgument: Int) {
    let p = curProc!
    if p.space.stopped { stopHere(p, 0, frame, syscall: syscall, firstArgument: firstArgument) }
    while true {
        let ready = p.sigPending & ~p.sigMask
        if ready == 0 { break }
        let sig = ready.trailingZeroBitCount + 1
        p.sigPending &= ~sigBit(sig)
        let act = sigActions(p)[sig - 1]
        let handler = Int(truncatingIfNeeded: act.sa_handler)
        if handler == I(SIG_IGN) { continue }
        if handler == I(SIG_DFL) {
            if isStopSignal(sig) {
                stopHere(p, sig, frame, syscall: syscall, firstArgument: firstArgument)
                continue
            }
            if ignoredByDefault(sig) { continue }
            userFault(sig)                      // dies of it
        }
        let saved = p.sigSuspendMask ?? p.sigMask
        p.sigSuspendMask = nil
        if Int(truncatingIfNeeded: act.sa_flags) & I(SA_RESTART) != 0 && restartable(syscall)
            && platUserFrameA0(frame) == kEINTR {
            platUserFrameRestartSyscall(frame, firstArgument)      // the frame saved is at the ecall
        }
        if !pushSignalFrame(p, frame, sig, act, savedMask: saved) {
            sigActions(p)[I(SIGSEGV) - 1] = ml_sigaction()
            userFault(I(SIGSEGV))               // no room for the frame: SIGSEGV, as Linux
        }
        let flags = Int(truncatingIfNeeded: act.sa_flags)
        p.sigMask |= act.sa_mask | (flags & I(SA_NODEFER) != 0 ? 0 : sigBit(sig))
        p.sigMask &= ~kUnblockable
        if flags & Int(SA_RESETHAND) != 0 { sigActions(p)[sig - 1] = ml_sigaction() }
        return
    }
    if let m = p.sigSuspendMask {               // woken with nothing to run: the old mask back
        p.sigMask = m
        p.sigSuspendMask = nil
    }
}

/// Is `sp` on `p`'s alternate signal stack?
private func onAltStack(_ p: Proc, _ sp: Int) -> Bool {
    p.altStackSize > 0 && sp > p.altStack && sp <= p.altStack + p.altStackSize
}

/// Write the rt_sigframe below the interrupted stack (or at the top of the alternate stack)
/// and point the registers at the handler. False if that memory is not writable.
private func pushSignalFrame(_ p: Proc, _ frame: UnsafeMutableRawPointer, _ sig: Int, _ act: ml_sigaction,
                             savedMask: UInt64) -> Bool {
    let flags = Int(truncatingIfNeeded: act.sa_flags)
    var sp = platUserFrameSP(frame)
    let wasOnAlt = onAltStack(p, sp)
    if flags & I(SA_ONSTACK) != 0 && p.altStackSize > 0 && !wasOnAlt { sp = p.altStack + p.altStackSize }
    let size = Int(ML_SIGFRAME_SIZE)
    sp = (sp - size) & ~15
    if p.sigTrampoline == 0 || !zeroout(sp, size) { return false }
    let f = userPtr(sp)
    // siginfo
    f.storeBytes(of: Int32(sig), toByteOffset: 0, as: Int32.self)
    if sig == I(SIGSEGV) || sig == I(SIGBUS) || sig == I(SIGILL) || sig == I(SIGFPE) || sig == I(SIGTRAP) {
        f.storeBytes(of: Int32(SEGV_MAPERR), toByteOffset: 8, as: Int32.self)
        f.storeBytes(of: p.sigFaultAddr, toByteOffset: Int(ML_SI_ADDR), as: Int.self)
    } else {
        f.storeBytes(of: Int32(SI_USER), toByteOffset: 8, as: Int32.self)
    }
    // ucontext: the stack it ran on, the mask to restore, the registers
    let uc = f + Int(ML_SIGFRAME_UCONTEXT)
    uc.storeBytes(of: p.altStack, toByteOffset: Int(ML_UC_STACK), as: Int.self)
    let ssFlags = p.altStackSize == 0 ? I(SS_DISABLE) : (wasOnAlt ? I(SS_ONSTACK) : 0)
    uc.storeBytes(of: Int32(ssFlags), toByteOffset: Int(ML_UC_STACK) + 8, as: Int32.self)
    uc.storeBytes(of: p.altStackSize, toByteOffset: Int(ML_UC_STACK) + 16, as: Int.self)
    uc.storeBytes(of: savedMask, toByteOffset: Int(ML_UC_SIGMASK), as: UInt64.self)
    platUserFrameSave(frame, uc + Int(ML_UC_MCONTEXT))
    platUserFrameEnterHandler(frame, Int(truncatingIfNeeded: act.sa_handler), sp, p.sigTrampoline,
                              sig, sp, sp + Int(ML_SIGFRAME_UCONTEXT))
    return true
}

// MARK: - system calls

@_semantics("maxlive.entry")
public func sys_rt_sigaction(_ sig: Int, _ uact: Int, _ uold: Int, _ setsize: Int) -> Int {
    if setsize != 8 || sig < 1 || sig > I(NSIG) { return kEINVAL }
    let p = curProc!
    var new = ml_sigaction()
    if uact != 0 {
        guard let a = copyinValue(uact, ml_sigaction()) else { return kEFAULT }
        if sig == I(SIGKILL) || sig == I(SIGSTOP) { return kEINVAL }
        // only a program in user mode has code to run a handler
        let h = Int(truncatingIfNeeded: a.sa_handler)
        if h != I(SIG_DFL) && h != I(SIG_IGN) && !p.userMode { return kEINVAL }
        new = a
        new.sa_mask &= ~kUnblockable
    }
    if uold != 0 && !copyoutValue(uold, sigActions(p)[sig - 1]) { return kEFAULT }
    if uact != 0 {
        sigActions(p)[sig - 1] = new
        // setting SIG_IGN (or a default that ignores) drops what is pending
        let h = Int(truncatingIfNeeded: new.sa_handler)
        if h == I(SIG_IGN) || (h == I(SIG_DFL) && ignoredByDefault(sig)) { p.sigPending &= ~sigBit(sig) }
    }
    return 0
}

@_semantics("maxlive.entry")
public func sys_rt_sigprocmask(_ how: Int, _ uset: Int, _ uold: Int, _ setsize: Int) -> Int {
    if setsize != 8 { return kEINVAL }
    let p = curProc!
    var set: UInt64 = 0
    if uset != 0 {
        guard let s = copyinValue(uset, UInt64(0)) else { return kEFAULT }
        if how != I(SIG_BLOCK) && how != I(SIG_UNBLOCK) && how != I(SIG_SETMASK) { return kEINVAL }
        set = s
    }
    if uold != 0 && !copyoutValue(uold, p.sigMask) { return kEFAULT }
    if uset != 0 {
        switch how {
        case I(SIG_BLOCK): p.sigMask |= set
        case I(SIG_UNBLOCK): p.sigMask &= ~set
        default: p.sigMask = set
        }
        p.sigMask &= ~kUnblockable
    }
    return 0
}

@_semantics("maxlive.entry")
public func sys_rt_sigpending(_ uset: Int, _ setsize: Int) -> Int {
    if setsize != 8 { return kEINVAL }
    let p = curProc!
    return copyoutValue(uset, p.sigPending & p.sigMask) ? 0 : kEFAULT
}

/// Wait with the mask `*umask` until a signal runs a handler (or ends the process); EINTR.
@_semantics("maxlive.entry")
public func sys_rt_sigsuspend(_ umask: Int, _ setsize: Int) -> Int {
    if setsize != 8 { return kEINVAL }
    guard let m = copyinValue(umask, UInt64(0)) else { return kEFAULT }
    let p = curProc!
    p.sigSuspendMask = p.sigMask
    p.sigMask = m & ~kUnblockable
    while !signalInterrupts(p) && !p.killed {
        _ = sleep(chan: kChanSigsuspend, deadline: 0)
    }
    return kEINTR
}

@_semantics("maxlive.entry")
public func sys_rt_sigreturn() -> Int {
    let p = curProc!
    if !p.userMode { return kENOSYS }
    let frame = userFrame(p)
    let sp = platUserFrameSP(frame)             // the handler returned with the frame at sp
    let size = Int(ML_SIGFRAME_SIZE)
    if !userRangeOK(sp, size, write: false) {
        procKill(p, I(SIGSEGV))
        return 0
    }
    let uc = userPtr(sp + Int(ML_SIGFRAME_UCONTEXT))
    p.sigMask = uc.load(fromByteOffset: Int(ML_UC_SIGMASK), as: UInt64.self) & ~kUnblockable
    platUserFrameRestore(frame, uc + Int(ML_UC_MCONTEXT))
    return platUserFrameA0(frame)               // the dispatcher writes a0 back: keep it
}

@_semantics("maxlive.entry")
public func sys_sigaltstack(_ uss: Int, _ uold: Int) -> Int {
    let p = curProc!
    let on = onAltStack(p, p.userMode ? platUserFrameSP(userFrame(p)) : 0)
    var new = ml_stack()
    if uss != 0 {
        guard let s = copyinValue(uss, ml_stack()) else { return kEFAULT }
        if on { return kEPERM }
        if s.ss_flags & ~Int32(SS_DISABLE) != 0 && s.ss_flags != Int32(bitPattern: 0x8000_0000) { return kEINVAL }  // SS_AUTODISARM
        if s.ss_flags & Int32(SS_DISABLE) == 0 && s.ss_size < UInt64(MINSIGSTKSZ) { return kENOMEM }
        new = s
    }
    if uold != 0 {
        var old = ml_stack()
        old.ss_sp = UInt64(bitPattern: Int64(p.altStack))
        old.ss_size = UInt64(p.altStackSize)
        old.ss_flags = Int32(p.altStackSize == 0 ? I(SS_DISABLE) : (on ? I(SS_ONSTACK) : 0))
        if !copyoutValue(uold, old) { return kEFAULT }
    }
    if uss != 0 {
        let disable = new.ss_flags & Int32(SS_DISABLE) != 0
        p.altStack = disable ? 0 : Int(truncatingIfNeeded: new.ss_sp)
        p.altStackSize = disable ? 0 : Int(truncatingIfNeeded: new.ss_size)
    }
    return 0
}
