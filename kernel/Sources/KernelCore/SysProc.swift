// SysProc.swift — process, memory and time system calls (xv6's sysproc).
//
// fork (clone) copies the whole user address space, stack included, into new frames; the
// child resumes at the fork point in `syscall` (Syscall.swift) and returns 0. exec replaces
// the address space with a fresh stack holding argv and restarts the thread at the new
// program; it commits on the way out of the call. exit releases what the process holds and
// leaves; the scheduler frees the stack and wakes the parent.
import KernelC

@inline(__always) private func I(_ x: Int32) -> Int { Int(x) }
let kMaxArgs = 32

@_semantics("maxlive.entry")
public func sys_clone(_ flags: Int, _ stack: Int, _ ptid: Int, _ tls: Int, _ ctid: Int) -> Int {
    let parent = curProc!
    if let e = cloneFlagsError(flags, stack, parent) { return e }
    let thread = flags & I(CLONE_THREAD) != 0
    let vfork = flags & I(CLONE_VM) != 0 && !thread
    if flags & I(CLONE_PARENT_SETTID) != 0 && !userRangeOK(ptid, 4, write: true) { return kEFAULT }
    if flags & I(CLONE_CHILD_SETTID) != 0 && !userRangeOK(ctid, 4, write: true) { return kEFAULT }
    // a thread has no parent to wait for it; a process's parent is the calling process
    guard let child = procAlloc(isKernel: false, name: parent.name, ppid: thread ? 0 : parent.space.pid) else { return kEAGAIN }
    child.state = .sleeping     // not runnable until complete
    // a user-mode child needs a kernel stack of its own
    let kstack = parent.userMode ? pageAllocRun(kKStackPages) : -1
    if parent.userMode && kstack < 0 { return abandonChild(child) }
    child.kstackFrame = kstack
    if thread {
        child.group = parent.space
        parent.space.threads += 1
    } else if !vmaCopy(from: parent, to: child, sharing: vfork) {
        if kstack >= 0 { pageFreeRun(kstack, kKStackPages) }
        return abandonChild(child)
    }
    child.fds = flags & I(CLONE_FILES) != 0 ? parent.fds : withHeapOwner(child.pid) { parent.fds?.copy() }
    if vfork { child.vforkParent = parent.pid }
    child.pgid = parent.pgid
    child.sid = parent.sid
    child.umask = parent.umask
    identityFork(from: parent, to: child)
    rlimitsInit(child, from: parent)
    signalsFork(from: parent, to: child)
    if let c = parent.cwd {
        inodePin(c)
        child.cwd = c
    }
    if parent.userMode {
        // the child returns to user mode from a copy of the parent's registers
        child.userMode = true
        platUserFrameFork(userFrame(child), userFrame(parent))
        if stack != 0 { platUserFrameSetSP(userFrame(child), stack) }
        if flags & I(CLONE_SETTLS) != 0 { platUserFrameSetTLS(userFrame(child), tls) }
        threadStartContext(child, sp: Int(bitPattern: userFrame(child)))
    } else {
        // a built-in program: the child resumes at the fork point in `syscall`, on its copy
        // of the parent's stack
        child.ctx.pointee = forkPoint().pointee
        child.ctx.pointee.ret = 1
    }
    if flags & I(CLONE_PARENT_SETTID) != 0 { _ = copyoutValue(ptid, Int32(child.pid)) }
    if flags & I(CLONE_CHILD_SETTID) != 0 { _ = vmaWriteInt32(child, ctid, Int32(child.pid)) }
    if flags & I(CLONE_CHILD_CLEARTID) != 0 { child.clearTid = ctid }
    child.state = .runnable
    if vfork { waitForVforkChild(parent, child.pid) }
    return child.pid
}

/// exec in a process with threads: they go first (Linux does the same), and the caller
/// waits until they have all torn down. Signals wait meanwhile; a kill ends the wait.
private func endOtherThreads(_ p: Proc) {
    for s in 1...kNProc {
        maxliveLoopBound(64)
        if let q = procTable![s], q.group === p { killThread(q, I(SIGKILL)) }
    }
    let mask = p.sigMask
    p.sigMask = ~0
    while p.threads > 1 && !p.killed { _ = sleep(chan: chanGroup(p.pid), deadline: 0) }
    p.sigMask = mask
}

/// What clone supports: fork (nothing shared), vfork (CLONE_VM | CLONE_VFORK, the parent
/// waiting) and threads (CLONE_VM | CLONE_SIGHAND | CLONE_THREAD, with a stack, sharing
/// descriptors with CLONE_FILES); memory shared by running processes is not supported.
/// EINVAL, or nil.
private func cloneFlagsError(_ flags: Int, _ stack: Int, _ parent: Proc) -> Int? {
    let allowed = I(CSIGNAL) | I(CLONE_PARENT_SETTID) | I(CLONE_CHILD_SETTID) | I(CLONE_CHILD_CLEARTID)
        | I(CLONE_VM) | I(CLONE_VFORK) | I(CLONE_FS) | I(CLONE_FILES) | I(CLONE_SIGHAND) | I(CLONE_THREAD)
        | I(CLONE_SYSVSEM) | I(CLONE_SETTLS)
    if flags & ~allowed != 0 { return kEINVAL }
    let vm = flags & I(CLONE_VM) != 0
    let thread = flags & I(CLONE_THREAD) != 0
    // Linux's own rules: a thread shares the signal handlers, which need shared memory
    if (thread && flags & I(CLONE_SIGHAND) == 0) || (flags & I(CLONE_SIGHAND) != 0 && !vm) { return kEINVAL }
    if !vm { return stack != 0 || flags & (I(CLONE_FS) | I(CLONE_FILES) | I(CLONE_SETTLS)) != 0 ? kEINVAL : nil }
    // memory is shared only by a thread group or a vfork child, of a program in user mode
    if !parent.userMode || (!thread && flags & I(CLONE_VFORK) == 0) || (thread && (stack == 0 || flags & I(CLONE_VFORK) != 0)) {
        return kEINVAL
    }
    return nil
}

/// vfork: the parent sleeps until its child has execed or exited (it gives the memory they
/// share back). Only a kill ends the wait early; other signals wait for it, as on Linux.
private func waitForVforkChild(_ parent: Proc, _ pid: Int) {
    let mask = parent.sigMask
    parent.sigMask = ~0
    while !parent.killed {
        // (a finished child's proc page is gone: its state says so first)
        guard let c = procByPid(pid), c.state != .zombie, c.state != .dead, c.vforkParent == parent.pid else { break }
        _ = sleep(chan: chanVfork(pid), deadline: 0)
    }
    parent.sigMask = mask
}

/// A fork that ran out of frames: the half-made child's slot and proc page go. ENOMEM.
private func abandonChild(_ child: Proc) -> Int {
    pageFreeRun(child.page, kProcPages)
    heapSetOwner(slot: child.slot, pid: 0)
    procReap(child)
    return kENOMEM
}

@_semantics("maxlive.entry")
public func sys_execve(_ upath: Int, _ uargv: Int, _ uenvp: Int) -> Int {
    let p = curProc!
    if p.isThread { return kEAGAIN }        // an exec from a thread other than the first: not supported
    if p.threads > 1 { endOtherThreads(p) }
    let inum = nameiUser(I(AT_FDCWD), upath)
    if inum < 0 { return inum }
    let d = dinode(inum)
    if d.type != kTypeFile { return kEACCES }
    if d.mode & 0o111 == 0 { return kEACCES }
    // argv, then envp strings → the staging area of the proc page
    let stage = (p.pageBase + kProcStage).assumingMemoryBound(to: UInt8.self)
    var total = 0
    let (argc, e1) = stageStrings(uargv, stage, &total, max: kMaxArgs)
    if e1 < 0 { return e1 }
    let (envc, e2) = stageStrings(uenvp, stage, &total, max: kMaxEnv)
    if e2 < 0 { return e2 }
    let r = execLoad(p, inum, argc: argc, envc: envc, bytes: total)
    if r < 0 { return r }
    // point of no return
    p.fds?.closeOnExec()
    p.pending = kPendingExec
    return 0
}

/// Copy the NULL-terminated user array of strings at `uarray` (none if 0) after the `total`
/// bytes already in `stage`. Returns (count, 0) or (0, -errno): E2BIG past `max` strings or
/// the staging area's size, EFAULT for a bad pointer.
private func stageStrings(_ uarray: Int, _ stage: UnsafeMutablePointer<UInt8>, _ total: inout Int, max: Int) -> (Int, Int) {
    if uarray == 0 { return (0, 0) }
    var count = 0
    while true {
        maxliveLoopBound(33)
        guard let ptr = copyinValue(uarray + count * 8, 0) else { return (0, kEFAULT) }
        if ptr == 0 { return (count, 0) }
        if count == max { return (0, kE2BIG) }
        let len = copyinString(ptr, stage + total, kProcStageSize - total)
        if len == kENAMETOOLONG { return (0, kE2BIG) }
        if len < 0 { return (0, len) }
        total += len + 1
        count += 1
    }
}

@_semantics("maxlive.entry")
public func sys_exit(_ status: Int) -> Int {
    procTeardown(curProc!, status: waitStatusExited(status))
    return 0
}

@_semantics("maxlive.entry")
public func sys_exit_group(_ status: Int) -> Int {
    let p = curProc!
    let space = p.space
    if space.threads > 1 {
        // every other thread goes too; the process exits with this status
        space.groupExiting = true
        space.groupExitStatus = waitStatusExited(status)
        for s in 1...kNProc {
            maxliveLoopBound(64)
            if let q = procTable![s], q.space === space, q !== p { killThread(q, I(SIGKILL)) }
        }
    }
    procTeardown(p, status: waitStatusExited(status))
    return 0
}

/// wait4: a child's exit, or with WUNTRACED / WCONTINUED a stop or continuation not yet
/// reported. A signal that ends the sleep makes it look once more before EINTR, as Linux
/// does (the child whose SIGCHLD it was is found). __WALL, __WCLONE and __WNOTHREAD only
/// choose among children this kernel has one kind of.
@_semantics("maxlive.entry")
public func sys_wait4(_ pid: Int, _ ustatus: Int, _ options: Int, _ rusage: Int) -> Int {
    let known = I(WNOHANG) | I(WUNTRACED) | I(WCONTINUED) | I(WNOTHREAD) | I(WALL) | Int(WCLONE)
    if options & ~known != 0 || pid == Int.min { return kEINVAL }
    let me = curProc!.space                 // any thread waits for the process's children
    // pid > 0: that child; -1: any child; 0: any in the caller's group; < -1: any in group -pid
    let group = pid == 0 ? me.pgid : -pid
    var interrupted = false
    while true {
        var found = false
        for s in 1...kNProc {
            maxliveLoopBound(64)
            guard let c = procTable![s], c.ppid == me.pid, !c.isThread else { continue }
            if pid > 0 ? c.pid != pid : pid != -1 && c.pgid != group { continue }
            found = true
            if c.state == .zombie && !c.awaitingThreads {
                if ustatus != 0 && !copyoutValue(ustatus, Int32(truncatingIfNeeded: c.exitStatus)) { return kEFAULT }
                if rusage != 0 && !zeroout(rusage, 144) { return kEFAULT }
                let cpid = c.pid
                me.childCpuNanos += c.cpuNanos + c.childCpuNanos
                procReap(c)
                return cpid
            }
            if c.state != .zombie && c.state != .dead, let status = jobStatus(c, options) {
                if ustatus != 0 && !copyoutValue(ustatus, Int32(status)) { return kEFAULT }
                if rusage != 0 && !zeroout(rusage, 144) { return kEFAULT }
                c.jobReport = kJobReportNone
                return c.pid
            }
        }
        if !found { return kECHILD }
        if options & I(WNOHANG) != 0 { return 0 }
        if interrupted { return kEINTR }
        if sleep(chan: chanChildren(me.pid), deadline: 0) == .killed { interrupted = true }
    }
}

/// The wait status of child `c`'s stop (0x7f | signal << 8) if `options` has WUNTRACED, or
/// of its continuation (0xffff) if it has WCONTINUED, not yet reported; nil otherwise.
private func jobStatus(_ c: Proc, _ options: Int) -> Int? {
    if c.jobReport == kJobReportStopped && c.stopped && options & I(WUNTRACED) != 0 { return 0x7f | c.stopSig << 8 }
    if c.jobReport == kJobReportContinued && options & I(WCONTINUED) != 0 { return 0xffff }
    return nil
}

@_semantics("maxlive.entry")
public func sys_getpid() -> Int { curProc!.space.pid }

@_semantics("maxlive.entry")
public func sys_getppid() -> Int { curProc!.space.ppid }

@_semantics("maxlive.entry")
public func sys_kill(_ pid: Int, _ sig: Int) -> Int {
    if sig < 0 || sig > I(NSIG) { return kEINVAL }
    if pid > 0 {
        guard let t = procByPid(pid) else { return kESRCH }
        signalProc(t, sig)
        return 0
    }
    // 0: the caller's process group; -1: every process but init and the caller; < -1: group -pid
    if pid == Int.min { return kESRCH }         // no group -pid (as Linux answers INT_MIN)
    let me = curProc!
    let group = pid == 0 ? me.pgid : -pid
    var found = false
    for s in 1...kNProc {
        maxliveLoopBound(64)
        guard let t = procTable![s], t.state != .zombie, !t.isThread else { continue }
        if pid == -1 ? (t.pid == 1 || t === me) : t.pgid != group { continue }
        found = true
        if t !== me { signalProc(t, sig) }
    }
    if pid != -1 && group == me.pgid && me.state != .zombie {
        signalProc(me, sig)                 // the caller last: it may be the one that dies
    }
    return found ? 0 : kESRCH
}

/// Send `sig` to `t`: its action (Signal.swift); 0 only probes.
private func signalProc(_ t: Proc, _ sig: Int) {
    if sig != 0 { signalSend(t, sig) }
}

@_semantics("maxlive.entry")
public func sys_tkill(_ tid: Int, _ sig: Int) -> Int {
    if tid <= 0 { return kEINVAL }
    return sys_kill(tid, sig)
}

@_semantics("maxlive.entry")
public func sys_tgkill(_ tgid: Int, _ tid: Int, _ sig: Int) -> Int {
    if tgid <= 0 || tid <= 0 { return kEINVAL }
    if tgid != tid { return kESRCH }        // every process is a single thread: tid = pid
    return sys_kill(tid, sig)
}

@_semantics("maxlive.entry")
public func sys_nanosleep(_ ureq: Int, _ urem: Int) -> Int {
    guard let ts = copyinValue(ureq, ml_timespec()) else { return kEFAULT }
    if ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1_000_000_000 { return kEINVAL }
    let secs = min(ts.tv_sec, 1 << 32)
    if secs == 0 && ts.tv_nsec == 0 {
        yield()
        return 0
    }
    return sleepUntil(nowNanos() + secs * 1_000_000_000 + ts.tv_nsec, urem: urem)
}

@_semantics("maxlive.entry")
public func sys_clock_nanosleep(_ clk: Int, _ flags: Int, _ ureq: Int, _ urem: Int) -> Int {
    switch clk {
    case I(CLOCK_REALTIME), I(CLOCK_MONOTONIC), I(CLOCK_BOOTTIME): break
    case I(CLOCK_THREAD_CPUTIME_ID): return kEINVAL
    default: return kEOPNOTSUPP
    }
    if flags & ~I(TIMER_ABSTIME) != 0 { return kEINVAL }
    guard let ts = copyinValue(ureq, ml_timespec()) else { return kEFAULT }
    if ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1_000_000_000 { return kEINVAL }
    let secs = min(ts.tv_sec, 1 << 32)
    var wait = secs * 1_000_000_000 + ts.tv_nsec
    if flags & I(TIMER_ABSTIME) != 0 {
        // an absolute time on `clk`: the wait is what is left of it now (the realtime clock
        // does not jump here, so the monotonic deadline stays right)
        wait -= platNowNanos(clk == I(CLOCK_REALTIME) ? 0 : 1)
        if wait <= 0 { return 0 }
        return sleepUntil(nowNanos() + wait, urem: 0)
    }
    if wait == 0 {
        yield()
        return 0
    }
    return sleepUntil(nowNanos() + wait, urem: urem)
}

/// Sleep until monotonic `deadline`; a kill ends it early with EINTR and the time left in
/// `urem` (if not 0).
private func sleepUntil(_ deadline: Int64, urem: Int) -> Int {
    while nowNanos() < deadline {
        if sleep(chan: 0, deadline: deadline) == .killed {
            if urem != 0 {
                let left = max(0, deadline - nowNanos())
                _ = copyoutValue(urem, ml_timespec(tv_sec: left / 1_000_000_000, tv_nsec: left % 1_000_000_000))
            }
            return kEINTR
        }
    }
    return 0
}

@_semantics("maxlive.entry")
public func sys_clock_gettime(_ clk: Int, _ utp: Int) -> Int {
    let ns: Int64
    switch clk {
    case I(CLOCK_REALTIME), 5: ns = platNowNanos(0)
    case I(CLOCK_MONOTONIC), 4, 6, I(CLOCK_BOOTTIME): ns = platNowNanos(1)
    case I(CLOCK_PROCESS_CPUTIME_ID), I(CLOCK_THREAD_CPUTIME_ID):
        let p = curProc!
        ns = p.cpuNanos + (nowNanos() - p.sliceStart)
    default: return kEINVAL
    }
    return copyoutValue(utp, ml_timespec(tv_sec: ns / 1_000_000_000, tv_nsec: ns % 1_000_000_000)) ? 0 : kEFAULT
}

@_semantics("maxlive.entry")
public func sys_sched_yield() -> Int {
    yield()
    return 0
}

/// The current process's CPU time so far, this time slice included.
private func cpuTimeNow(_ p: Proc) -> Int64 { p.cpuNanos + (nowNanos() - p.sliceStart) }

/// getrusage: user time is all the CPU time (system calls included: there is no split);
/// the counters are zero.
@_semantics("maxlive.entry")
public func sys_getrusage(_ who: Int, _ uusage: Int) -> Int {
    let p = curProc!
    let ns: Int64
    switch who {
    case I(RUSAGE_SELF), I(RUSAGE_THREAD): ns = cpuTimeNow(p)
    case I(RUSAGE_CHILDREN): ns = p.childCpuNanos
    default: return kEINVAL
    }
    var u = ml_rusage()
    u.ru_utime_sec = ns / 1_000_000_000
    u.ru_utime_usec = ns % 1_000_000_000 / 1000
    return copyoutValue(uusage, u) ? 0 : kEFAULT
}

/// times: CPU times in clock ticks (100 per second); returns the ticks since boot.
@_semantics("maxlive.entry")
public func sys_times(_ ubuf: Int) -> Int {
    let p = curProc!
    if ubuf != 0 {
        let t = ml_tms(tms_utime: cpuTimeNow(p) / 10_000_000, tms_stime: 0, tms_cutime: p.childCpuNanos / 10_000_000, tms_cstime: 0)
        if !copyoutValue(ubuf, t) { return kEFAULT }
    }
    return Int(nowNanos() / 10_000_000)
}

/// getcpu: there is one CPU, 0, on node 0.
@_semantics("maxlive.entry")
public func sys_getcpu(_ ucpu: Int, _ unode: Int, _ cache: Int) -> Int {
    if ucpu != 0 && !copyoutValue(ucpu, UInt32(0)) { return kEFAULT }
    if unode != 0 && !copyoutValue(unode, UInt32(0)) { return kEFAULT }
    return 0
}
