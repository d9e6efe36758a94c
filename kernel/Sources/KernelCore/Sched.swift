// Sched.swift — the scheduler, context switches, sleep and wakeup.
//
// One CPU. The scheduler loop runs on the boot stack and switches to threads with
// ctx_switch (include/kernel_arch.h); threads switch back to it when they sleep, yield or
// exit (xv6 style: every switch goes through the scheduler). There is no preemption: a
// thread runs until it blocks or, at the end of a system call, its time slice is used up.
//
// Sleeping: a thread sleeps on a channel (an Int: small constants for global events, an
// object address for pipes) and optionally a deadline. wakeup(chan) makes every sleeper on
// chan runnable; a kill makes the victim runnable and its sleep returns .killed.
//
// The user window: the scheduler makes a user process's address space current before
// switching to it (Platform.swift: a page-table switch, or refilling the one window with its
// VMAs); kernel threads leave it alone.
// Invariant: while a user process runs, uwinOwner == its slot.
import KernelC

let kChanMemory = 1
let kChanKiller = 2
let kChanProcExit = 3
let kChanPoll = 4
/// rt_sigsuspend: nobody wakes it; a signal does (signalSend)
let kChanSigsuspend = 5
/// flock: a lock was released
let kChanFileLock = 6

let kTimeSlice: Int64 = 2_000_000

nonisolated(unsafe) var curProc: Proc? = nil
nonisolated(unsafe) var curCtx: UnsafeMutablePointer<kctx>? = nil
nonisolated(unsafe) var schedCtx: UnsafeMutablePointer<kctx>? = nil
nonisolated(unsafe) var uwinOwner = 0
nonisolated(unsafe) var schedNext = 1
public nonisolated(unsafe) var schedSwitches = 0
public nonisolated(unsafe) var schedWindowSwitches = 0

enum SleepResult {
    case woken
    case timeout
    case killed
}

/// Sleep on `chan` until woken, killed or (deadline > 0) the monotonic clock passes deadline.
/// A signal that will run a handler interrupts the sleep as a kill does (.killed: the call
/// returns EINTR).
func sleep(chan: Int, deadline: Int64) -> SleepResult {
    let p = curProc!
    if p.killed || signalInterrupts(p) { return .killed }
    p.chan = chan
    p.deadline = deadline
    p.timedOut = false
    p.state = .sleeping
    ctx_switch(p.ctx, schedCtx!)
    p.chan = 0
    p.deadline = 0
    if p.killed || signalInterrupts(p) { return .killed }
    return p.timedOut ? .timeout : .woken
}

/// Sleep on `chan` until woken or killed, whatever signals come meanwhile (they stay
/// pending): a stopped process, which only SIGCONT or a kill moves.
func sleepIgnoringSignals(chan: Int) {
    let p = curProc!
    if p.killed { return }
    p.chan = chan
    p.deadline = 0
    p.timedOut = false
    p.state = .sleeping
    ctx_switch(p.ctx, schedCtx!)
    p.chan = 0
}

func wakeup(_ chan: Int) {
    for s in 1..<kSlotCount {
        if let p = procTable![s], p.state == .sleeping, p.chan == chan { p.state = .runnable }
    }
}

func yield() {
    let p = curProc!
    p.state = .runnable
    ctx_switch(p.ctx, schedCtx!)
}

/// End of a system call: give up the CPU if the time slice is used up.
func maybeYield() {
    if let p = curProc, nowNanos() - p.sliceStart > kTimeSlice { yield() }
}

/// The scheduler loop. Returns only through halt() (init exited, or deadlock).
func schedule() -> Never {
    while true {
        let now = nowNanos()
        var earliest: Int64 = 0
        var sleepers = 0
        for s in 1..<kSlotCount {
            guard let p = procTable![s], p.state == .sleeping else { continue }
            if p.deadline > 0 && p.deadline <= now {
                p.timedOut = true
                p.state = .runnable
            } else {
                if !p.isKernel { sleepers += 1 }
                if p.deadline > 0 && (earliest == 0 || p.deadline < earliest) { earliest = p.deadline }
            }
        }
        var picked: Proc? = nil
        for i in 0..<(kSlotCount - 1) {
            let s = 1 + (schedNext - 1 + i) % (kSlotCount - 1)
            if let p = procTable![s], p.state == .runnable {
                picked = p
                schedNext = s % (kSlotCount - 1) + 1
                break
            }
        }
        if let p = picked {
            run(p)
            continue
        }
        if earliest > 0 {
            platIdleUntil(earliest)
            continue
        }
        kprint("kernel: deadlock: every thread is asleep with no timeout\n")
        dumpProcs()
        halt(1)
    }
}

private func run(_ p: Proc) {
    curProc = p
    curCtx = p.ctx
    heapCurSlot = p.slot
    heapCurPid = p.pid
    if !p.isKernel && uwinOwner != p.space.slot { installUserWindow(p) }
    p.state = .running
    p.sliceStart = nowNanos()
    schedSwitches += 1
    ctx_switch(schedCtx!, p.ctx)
    p.cpuNanos += nowNanos() - p.sliceStart
    curProc = nil
    curCtx = nil
    heapCurSlot = 0
    heapCurPid = 0
    if p.state == .dead {
        finishExit(p)
    } else if p.state == .execing {
        finishExec(p)
    }
}

func installUserWindow(_ thread: Proc) {
    let p = thread.space                    // threads run in their leader's address space
    platUserWindowSwitch(p.slot)
    if !uwinPerProcess {
        let v = vmaTable(p)
        for i in 0..<p.nvma {
            if !v[i].lazy && platUserWindowMap(p.slot, v[i].start, v[i].frame, v[i].npages, v[i].prot) != 0 { kpanic("uwin: map failed") }
        }
    }
    uwinOwner = p.slot
    schedWindowSwitches += 1
}

/// The exited process's last memory goes; it becomes a zombie for wait4.
private func finishExit(_ p: Proc) {
    if uwinOwner == p.space.slot {
        platUserWindowSwitch(0)
        uwinOwner = 0
    }
    noteStackUse(p)
    if p.kstackFrame >= 0 {
        pageFreeRun(p.kstackFrame, kKStackPages)
        p.kstackFrame = -1
    }
    if let leader = p.group {
        // a thread: nobody waits for it; its leader may have been waiting for it to finish
        pageFreeRun(p.page, kProcPages)
        heapSetOwner(slot: p.slot, pid: 0)
        p.state = .zombie
        p.group = nil
        procReap(p)
        if leader.awaitingThreads && leader.threads == 0 { finishProcess(leader) }
        return
    }
    if p.threads > 0 {
        p.state = .zombie                   // its threads still run in its address space
        p.awaitingThreads = true
        return
    }
    finishProcess(p)
}

/// The last of a process's threads is gone: its memory and proc page go, and its parent may
/// reap it.
private func finishProcess(_ p: Proc) {
    p.awaitingThreads = false
    if uwinOwner == p.slot {
        platUserWindowSwitch(0)
        uwinOwner = 0
    }
    vmaFreeAll(p, keepStack: false)
    pageFreeRun(p.page, kProcPages)
    heapSetOwner(slot: p.slot, pid: 0)
    p.state = .zombie
    if p.pid == 1 { shutdown(p.exitStatus) }
    wakeup(chanChildren(p.ppid))
    wakeup(kChanProcExit)
}

/// Commit an exec (Exec.swift): the thread has left its old stack for good.
private func finishExec(_ p: Proc) {
    if uwinOwner == p.slot {
        platUserWindowSwitch(0)
        uwinOwner = 0
    }
    noteStackUse(p)
    execCommit(p)
    p.pending = 0
    p.state = .runnable
}

/// Make `p` start at the trampoline with stack pointer `sp` when next switched to.
func threadStartContext(_ p: Proc, sp: Int) {
    p.ctx.initialize(to: kctx())
    p.ctx.pointee.sp = UInt64(sp)
    p.ctx.pointee.pc = UInt64(UInt(bitPattern: unsafeBitCast(ctx_trampoline as @convention(c) () -> Void, to: Int.self)))
}

/// Start a kernel thread running `body` on a stack of its own (direct-mapped frames).
func spawnKernelThread(name: StaticString, body: @escaping () -> Void) -> Bool {
    guard let p = procAlloc(isKernel: true, name: name, ppid: 0) else { return false }
    let pages = kKStackPages
    let f = pageAllocRun(pages)
    if f < 0 { return false }
    p.kstackFrame = f
    p.kbody = body
    threadStartContext(p, sp: Int(bitPattern: frameAddr(f)) + pages * kPageSize)
    p.state = .runnable
    return true
}

struct UserStart {
    var fn: ProgramEntry?
    var argc: Int
    var argv: Int
}

private func takeUserStart() -> UserStart {
    let p = curProc!
    return UserStart(fn: p.entry, argc: p.argc, argv: p.argv)
}

private func kernelBody() -> (() -> Void)? { curProc!.isKernel ? curProc!.kbody : nil }

/// First code of every new thread (called by ctx_trampoline). For a user process this frame
/// and the program's frames hold no references: the thread may leave them behind for good.
@_cdecl("kthread_entry")
public func kthreadEntry() {
    if let body = kernelBody() {
        body()
        kpanic("kernel thread returned")
    }
    if currentRunsUserMode() { enterUserMode() }
    let s = takeUserStart()
    guard let fn = s.fn else { kpanic("process without a program") }
    let status = fn(s.argc, s.argv)
    _ = syscall(Int(SYS_exit_group), status, 0, 0, 0, 0, 0)
    kpanic("exit_group returned")
}

@inline(never) private func currentRunsUserMode() -> Bool { curProc!.userMode }

/// The current process's user frame and the end of its time slice. A function of its own so
/// that no reference to the Proc stays in enterUserMode's frame, which is abandoned for good
/// when the process exits (a Proc retained there leaked: found by --check-leaks).
@inline(never) private func userEntry() -> (UnsafeMutableRawPointer, Int64) {
    let p = curProc!
    return (userFrame(p), p.sliceStart + kTimeSlice)
}

/// Start (or resume after a fork) the current process's ELF program in user mode.
private func enterUserMode() -> Never {
    let (frame, sliceEnd) = userEntry()
    platUserEnter(frame, sliceEnd)
    kpanic("returned from user mode")
}

/// Leave the current thread for good (exit or exec); the scheduler finishes the job.
func leaveThread(_ state: ProcState) -> Never {
    setCurState(state)
    ctx_switch(curCtx!, schedCtx!)
    kpanic("a left thread was resumed")
}

private func setCurState(_ s: ProcState) { curProc!.state = s }

nonisolated(unsafe) var stackPeakBytes = 0

/// Stack high-water mark: the lowest non-zero byte of the (zero-filled) stack run.
private func noteStackUse(_ p: Proc) {
    if p.isKernel || p.userMode { return }      // only built-in programs run on the user stack
    let v = vmaTable(p)
    for i in 0..<p.nvma where v[i].start == kUserStackBase {
        let base = frameAddr(v[i].frame).assumingMemoryBound(to: UInt64.self)
        let words = v[i].npages * kPageSize / 8
        var k = 0
        while k < words && base[k] == 0 { k += 1 }
        let used = (words - k) * 8
        if used > stackPeakBytes { stackPeakBytes = used }
    }
}

@_semantics("maxlive.ignore")
func dumpProcs() {
    for s in 1..<kSlotCount {
        guard let p = procTable![s] else { continue }
        kprint("  slot "); kprintInt(s); kprint(" pid "); kprintInt(p.pid); kprint(" "); kprint(p.name)
        kprint(" chan "); kprintInt(p.chan); kprint(" state ")
        switch p.state {
        case .runnable: kprint("runnable")
        case .running: kprint("running")
        case .sleeping: kprint("sleeping")
        case .dead: kprint("dead")
        case .execing: kprint("execing")
        case .zombie: kprint("zombie")
        }
        kprint("\n")
    }
}
