// Proc.swift — processes: the process table, pids, creation, teardown, reaping.
//
// A process has exactly one thread, so Proc also carries the thread state the scheduler
// uses (Sched.swift). Kernel threads are Procs with isKernel set and no user memory.
//
// Slots: slot 0 means "no thread" (boot code, the scheduler); slots 1…kNProc hold user
// processes, the rest kernel threads. The slot also indexes the heap's per-thread
// accounting (Heap.swift) and the owner table the killer reads.
// Pids: pid ≡ slot (mod kSlotCount), so the heap can map a pid back to its slot; init is
// slot 1, pid 1.
//
// Each process owns one page-allocator page (the "proc page") holding its saved kernel
// context, its VMA table, its fork point, two path buffers and a staging area for exec arguments; the heap
// holds only the Proc object and its fd table.
// Life cycle: runnable/running/sleeping → (exit) dead → zombie (scheduler freed its memory)
// → reaped by wait4 (slot empty, Proc freed).
import KernelC

public let kNProc = 64
let kNKThread = 7
let kSlotCount = 1 + kNProc + kNKThread
let kNoFile = 64

let kProcCtxOff = 0
let kProcRlimitOff = 128       // RLIM_NLIMITS × (cur, max): 256 bytes
let kProcFieldsOff = 384       // ProcPageFields: up to 384 bytes
/// The proc page is a run of three frames: the second holds the VMA table (kProcVmas × 32
/// bytes, until it grows: VM.swift), the third the signal actions (NSIG × 24 bytes: Signal.swift).
let kProcPages = 3
let kProcVmaOff = kPageSize
let kProcSigOff = 2 * kPageSize
/// At most this many supplementary groups (Proc.groups)
let kNGroups = 32
let kProcForkCtx = 768         // the fork point (a kctx, 120 bytes)
/// Scratch for an exec in progress: the pending segments, then the ELF headers (Exec.swift)
let kProcExecSegments = 1024
let kProcExecHeaders = 1536
let kProcStage = 2048
let kProcStageSize = 2048

let kPendingExit = 1
let kPendingExec = 2

enum ProcState {
    case runnable
    case running
    case sleeping
    case dead       // exited, still on its stack; the scheduler finishes it
    case execing    // exec committed; the scheduler switches its address space
    case zombie
}

/// A built-in user program: `main(argc, argv)` where argv is a user address.
public typealias ProgramEntry = @convention(c) (Int, Int) -> Int

/// What a process keeps in its proc page rather than on the heap (Proc's accessors).
struct ProcPageFields {
    /// The VMA table: the proc page's (vmaRun −1, kProcVmas entries) or a frame run of its own
    var vmaRun = -1
    var vmaCap = kProcVmas
    /// The lowest address of the stack (it grows down from kUserStackBase on demand)
    var stackLow = 0
    /// inherited at fork, kept across exec (SysInfo.swift)
    var umask = 0o022
    var nice = 0
    /// CLONE_CHILD_CLEARTID or set_tid_address: where exit writes 0; set_robust_list's head
    var clearTid = 0
    var robustList = 0
    // signals (Signal.swift): bit sig−1 of each set
    var sigPending: UInt64 = 0
    var sigMask: UInt64 = 0
    /// rt_sigsuspend's caller's mask, restored when its handler's frame is built
    var sigSuspendMask: UInt64? = nil
    /// the fault address a SIGSEGV or SIGBUS handler is told (si_addr)
    var sigFaultAddr = 0
    var altStack = 0
    var altStackSize = 0
    /// The page with rt_sigreturn's two instructions (mapped at exec of an ELF program)
    var sigTrampoline = 0
    /// A vfork child: the pid of the parent waiting until it execs or exits (0 otherwise)
    var vforkParent = 0
    /// The leader's count of its threads not yet torn down (itself included)
    var threads = 1
    var groupExiting = false
    var groupExitStatus = 0
    // job control (Signal.swift), kept by a process's first thread for the whole process
    var stopped = false
    /// the signal that stopped it
    var stopSig = 0
    /// what wait4 has yet to report with WUNTRACED / WCONTINUED (kJobReport*)
    var jobReport = 0
}

public final class Proc {
    let slot: Int
    let pid: Int
    var ppid: Int
    var state: ProcState = .runnable
    let isKernel: Bool
    var name: StaticString
    let page: Int
    let ctx: UnsafeMutablePointer<kctx>
    // thread
    var chan = 0
    var deadline: Int64 = 0
    var timedOut = false
    var sliceStart: Int64 = 0
    var killed = false
    var killSig = 0
    var exitStatus = 0
    var pending = 0
    var resvError = 0
    var restartNeed = 0
    // the system call running now (reported with a breach or a panic, and the key of fault
    // injection); sysIter counts its deep-reservation iterations
    var sysNo = -1
    var sysArgs = SysArgs(a0: 0, a1: 0, a2: 0, a3: 0, a4: 0, a5: 0)
    var sysIter = 0
    // process
    var fds: FdTable? = nil
    var cwd: Inode? = nil
    var nvma = 0
    var brkStart = 0
    var brkEnd = 0
    /// A thread's group is its leader (CLONE_THREAD), which owns what its threads share: the
    /// address space (VMAs, brk, page tables), the signal actions and, for wait4, the exit
    /// status. nil for a process's first thread.
    var group: Proc? = nil
    /// A leader whose own thread has finished while others still run (not yet waitable)
    var awaitingThreads = false
    // What a zombie must still answer for: its group, session and CPU time
    var pgid = 0
    var sid = 0
    var cpuNanos: Int64 = 0
    var childCpuNanos: Int64 = 0
    /// Supplementary groups (setgroups; shared with a forked child until either replaces them)
    var groups: [UInt32] = []
    // The rest of the process's state lives in its proc page (ProcPageFields), not on the
    // kernel heap: a Proc stays small, so what a fork reserves stays small.
    @inline(__always) private var fields: UnsafeMutablePointer<ProcPageFields> {
        (pageBase + kProcFieldsOff).assumingMemoryBound(to: ProcPageFields.self)
    }
    var vmaRun: Int { get { fields.pointee.vmaRun } set { fields.pointee.vmaRun = newValue } }
    var vmaCap: Int { get { fields.pointee.vmaCap } set { fields.pointee.vmaCap = newValue } }
    var stackLow: Int { get { fields.pointee.stackLow } set { fields.pointee.stackLow = newValue } }
    var umask: Int { get { fields.pointee.umask } set { fields.pointee.umask = newValue } }
    var nice: Int { get { fields.pointee.nice } set { fields.pointee.nice = newValue } }
    var clearTid: Int { get { fields.pointee.clearTid } set { fields.pointee.clearTid = newValue } }
    var robustList: Int { get { fields.pointee.robustList } set { fields.pointee.robustList = newValue } }
    var sigPending: UInt64 { get { fields.pointee.sigPending } set { fields.pointee.sigPending = newValue } }
    var sigMask: UInt64 { get { fields.pointee.sigMask } set { fields.pointee.sigMask = newValue } }
    var sigSuspendMask: UInt64? { get { fields.pointee.sigSuspendMask } set { fields.pointee.sigSuspendMask = newValue } }
    var sigFaultAddr: Int { get { fields.pointee.sigFaultAddr } set { fields.pointee.sigFaultAddr = newValue } }
    var altStack: Int { get { fields.pointee.altStack } set { fields.pointee.altStack = newValue } }
    var altStackSize: Int { get { fields.pointee.altStackSize } set { fields.pointee.altStackSize = newValue } }
    var sigTrampoline: Int { get { fields.pointee.sigTrampoline } set { fields.pointee.sigTrampoline = newValue } }
    var vforkParent: Int { get { fields.pointee.vforkParent } set { fields.pointee.vforkParent = newValue } }
    var threads: Int { get { fields.pointee.threads } set { fields.pointee.threads = newValue } }
    var groupExiting: Bool { get { fields.pointee.groupExiting } set { fields.pointee.groupExiting = newValue } }
    var groupExitStatus: Int { get { fields.pointee.groupExitStatus } set { fields.pointee.groupExitStatus = newValue } }
    var stopped: Bool { get { fields.pointee.stopped } set { fields.pointee.stopped = newValue } }
    var stopSig: Int { get { fields.pointee.stopSig } set { fields.pointee.stopSig = newValue } }
    var jobReport: Int { get { fields.pointee.jobReport } set { fields.pointee.jobReport = newValue } }
    var isThread: Bool { group != nil }
    /// The process this thread belongs to: its leader, or itself.
    var space: Proc { group ?? self }

    // program start: a built-in program's entry, or (userMode) an ELF program in user mode
    var entry: ProgramEntry? = nil
    var userMode = false
    var argc = 0
    var argv = 0
    var startSP = 0
    // the pending image of an exec (Exec.swift): its stack, segments, entry and brk
    var execFrame = -1
    var execSegs = 0
    var execEntry: ProgramEntry? = nil
    var execName: StaticString = ""
    var execPC = 0
    var execBrk = 0
    // kernel threads, and user-mode processes (whose top kUFrameBytes hold the user registers)
    var kbody: (() -> Void)? = nil
    var kstackFrame = -1

    init(slot: Int, pid: Int, ppid: Int, isKernel: Bool, name: StaticString, page: Int) {
        self.slot = slot
        self.pid = pid
        self.ppid = ppid
        self.isKernel = isKernel
        self.name = name
        self.page = page
        self.ctx = frameAddr(page).bindMemory(to: kctx.self, capacity: 1)
        (frameAddr(page) + kProcFieldsOff).bindMemory(to: ProcPageFields.self, capacity: 1).initialize(to: ProcPageFields())
    }

    var pageBase: UnsafeMutableRawPointer { frameAddr(page) }
}

nonisolated(unsafe) var procTable: UnsafeMutablePointer<Proc?>? = nil
nonisolated(unsafe) var procGen: UnsafeMutablePointer<Int>? = nil
public nonisolated(unsafe) var procsCreated = 0

func procInit() {
    if MemoryLayout<ProcPageFields>.size > kProcForkCtx - kProcFieldsOff { kpanic("ProcPageFields outgrew its place") }
    procTable = UnsafeMutablePointer<Proc?>.allocate(capacity: kSlotCount)
    procTable!.initialize(repeating: nil, count: kSlotCount)
    procGen = UnsafeMutablePointer<Int>.allocate(capacity: kSlotCount)
    procGen!.initialize(repeating: 0, count: kSlotCount)
}

@inline(__always) func procAt(_ slot: Int) -> Proc? { procTable![slot] }

/// Allocate a process (or kernel thread) slot and its proc page. nil: table or frames full.
func procAlloc(isKernel: Bool, name: StaticString, ppid: Int) -> Proc? {
    let lo = isKernel ? kNProc + 1 : 1
    let hi = isKernel ? kSlotCount : kNProc + 1
    var slot = -1
    for s in lo..<hi where procTable![s] == nil {
        slot = s
        break
    }
    if slot < 0 { return nil }
    let page = pageAllocRun(kProcPages)
    if page < 0 { return nil }
    let pid = isKernel ? 0 : slot + kSlotCount * procGen![slot]
    procGen![slot] += 1
    heapSetOwner(slot: slot, pid: pid)
    let p = withHeapOwner(pid) { Proc(slot: slot, pid: pid, ppid: ppid, isKernel: isKernel, name: name, page: page) }
    procTable![slot] = p
    rlimitsInit(p, from: nil)
    procsCreated += 1
    return p
}

/// The live (not yet reaped) user process with `pid`.
func procByPid(_ pid: Int) -> Proc? {
    if pid <= 0 { return nil }
    let s = pid % kSlotCount
    if s < 1 || s > kNProc { return nil }
    if let p = procTable![s], p.pid == pid { return p }
    return nil
}

/// Mark `p` killed with `sig` and wake it if it sleeps; it exits at its next return to user.
/// A process with threads loses them all.
func procKill(_ p: Proc, _ sig: Int) {
    let space = p.space
    if space.threads <= 1 && !p.isThread {
        killThread(p, sig)
        return
    }
    for s in 1...kNProc {
        if let q = procTable![s], q.space === space { killThread(q, sig) }
    }
}

func killThread(_ p: Proc, _ sig: Int) {
    if p.killed || p.state == .zombie || p.state == .dead { return }
    p.killed = true
    p.killSig = sig
    if p.state == .sleeping { p.state = .runnable }
}

/// Release what a process holds, except the stack it is running on and its proc page (the
/// scheduler frees those once it has switched away). Runs in the exiting process.
func procTeardown(_ p: Proc, status: Int) {
    let space = p.space
    p.exitStatus = space.groupExiting && p === space ? space.groupExitStatus : status
    // CLONE_CHILD_CLEARTID: 0 at the thread id, and a futex wake for pthread_join
    if p.clearTid != 0 && p.vforkParent == 0 && copyoutValue(p.clearTid, Int32(0)) { _ = futexWake(space, p.clearTid, 1) }
    space.threads -= 1
    let last = space.threads == 0
    if space.threads == 1 { wakeup(chanGroup(space.pid)) }     // an exec waits for this
    if last { p.fds?.closeAll() }           // threads share the table: the last one closes it
    p.fds = nil
    if let c = p.cwd { inodeUnpin(c) }
    p.cwd = nil
    if p.pending == kPendingExec { execAbandon(p) }     // killed between execve and its commit
    if last { vmaFreeAll(space, keepStack: true) }
    vforkRelease(p)
    if !last {
        p.pending = kPendingExit
        return
    }
    // children go to init
    for s in 1...kNProc {
        if let c = procTable![s], c.ppid == space.pid {
            c.ppid = 1
            if c.state == .zombie { wakeup(chanChildren(1)) }
        }
    }
    if let parent = procByPid(space.ppid) { signalSend(parent, Int(SIGCHLD)) }
    p.pending = kPendingExit
}

/// Called by wait4: the zombie's slot becomes free.
func procReap(_ p: Proc) {
    procTable![p.slot] = nil
}

@inline(__always) func chanChildren(_ pid: Int) -> Int { 1000 + pid }
/// An exec in a process with threads waits here for them to go.
@inline(__always) func chanGroup(_ pid: Int) -> Int { -100_000 - pid }
/// vfork: the parent of child `pid` waits here.
@inline(__always) func chanVfork(_ pid: Int) -> Int { -1000 - pid }
/// A stopped process's threads wait here for SIGCONT.
@inline(__always) func chanStopped(_ pid: Int) -> Int { -200_000 - pid }

/// A vfork child gives its parent's memory back (exec or exit): the parent goes on.
func vforkRelease(_ p: Proc) {
    if p.vforkParent == 0 { return }
    p.vforkParent = 0
    wakeup(chanVfork(p.pid))
}

/// Wait status of a normal exit with `code`, or of a kill by `sig`.
@inline(__always) func waitStatusExited(_ code: Int) -> Int { (code & 0xff) << 8 }
@inline(__always) func waitStatusSignaled(_ sig: Int) -> Int { sig & 0x7f }
