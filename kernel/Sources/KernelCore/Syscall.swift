// Syscall.swift — system call entry and dispatch.
//
// `syscall(n, a0…a5)` is the trap: the one way user code enters the kernel (on riscv64 the
// ecall handler will call the same dispatcher). The dispatcher looks the number up in the
// table built at boot from the list below, reserves the handler's maxlive bound (blocking,
// before anything else happens), runs the handler, releases, and restarts the handler if a
// deep reservation failed with ENOHEAP. On the way out it finishes exits and execs and
// gives up the CPU when the time slice is over.
//
// Handlers are `sys_<name>` functions marked @_semantics("maxlive.entry"); each is an
// analysis root and has an entry of the same name in the generated bounds table. A missing
// entry is a boot error.
//
// No reference may be live in the frames of `syscall` and of user code when a thread
// leaves for good (exit, exec): those frames are abandoned, so anything they retained would
// leak. That is why the exit/exec paths go through functions returning only Ints.
import KernelC

public struct SysArgs {
    public var a0: Int, a1: Int, a2: Int, a3: Int, a4: Int, a5: Int
}

struct SyscallDesc {
    let number: Int32
    let name: StaticString
    let handler: (SysArgs) -> Int
}

/// Every system call the kernel implements.
func syscallList() -> [SyscallDesc] {
    [
        SyscallDesc(number: SYS_getcwd, name: "sys_getcwd") { sys_getcwd($0.a0, $0.a1) },
        SyscallDesc(number: SYS_dup, name: "sys_dup") { sys_dup($0.a0) },
        SyscallDesc(number: SYS_dup3, name: "sys_dup3") { sys_dup3($0.a0, $0.a1, $0.a2) },
        SyscallDesc(number: SYS_fcntl, name: "sys_fcntl") { sys_fcntl($0.a0, $0.a1, $0.a2) },
        SyscallDesc(number: SYS_mkdirat, name: "sys_mkdirat") { sys_mkdirat($0.a0, $0.a1, $0.a2) },
        SyscallDesc(number: SYS_unlinkat, name: "sys_unlinkat") { sys_unlinkat($0.a0, $0.a1, $0.a2) },
        SyscallDesc(number: SYS_symlinkat, name: "sys_symlinkat") { sys_symlinkat($0.a0, $0.a1, $0.a2) },
        SyscallDesc(number: SYS_linkat, name: "sys_linkat") { sys_linkat($0.a0, $0.a1, $0.a2, $0.a3, $0.a4) },
        SyscallDesc(number: SYS_truncate, name: "sys_truncate") { sys_truncate($0.a0, $0.a1) },
        SyscallDesc(number: SYS_ftruncate, name: "sys_ftruncate") { sys_ftruncate($0.a0, $0.a1) },
        SyscallDesc(number: SYS_faccessat, name: "sys_faccessat") { sys_faccessat($0.a0, $0.a1, $0.a2) },
        SyscallDesc(number: SYS_faccessat2, name: "sys_faccessat2") { sys_faccessat2($0.a0, $0.a1, $0.a2, $0.a3) },
        SyscallDesc(number: SYS_chdir, name: "sys_chdir") { sys_chdir($0.a0) },
        SyscallDesc(number: SYS_openat, name: "sys_openat") { sys_openat($0.a0, $0.a1, $0.a2, $0.a3) },
        SyscallDesc(number: SYS_close, name: "sys_close") { sys_close($0.a0) },
        SyscallDesc(number: SYS_pipe2, name: "sys_pipe2") { sys_pipe2($0.a0, $0.a1) },
        SyscallDesc(number: SYS_getdents64, name: "sys_getdents64") { sys_getdents64($0.a0, $0.a1, $0.a2) },
        SyscallDesc(number: SYS_lseek, name: "sys_lseek") { sys_lseek($0.a0, $0.a1, $0.a2) },
        SyscallDesc(number: SYS_read, name: "sys_read") { sys_read($0.a0, $0.a1, $0.a2) },
        SyscallDesc(number: SYS_write, name: "sys_write") { sys_write($0.a0, $0.a1, $0.a2) },
        SyscallDesc(number: SYS_pread64, name: "sys_pread64") { sys_pread64($0.a0, $0.a1, $0.a2, $0.a3) },
        SyscallDesc(number: SYS_pwrite64, name: "sys_pwrite64") { sys_pwrite64($0.a0, $0.a1, $0.a2, $0.a3) },
        SyscallDesc(number: SYS_ppoll, name: "sys_ppoll") { sys_ppoll($0.a0, $0.a1, $0.a2, $0.a3, $0.a4) },
        SyscallDesc(number: SYS_newfstatat, name: "sys_newfstatat") { sys_newfstatat($0.a0, $0.a1, $0.a2, $0.a3) },
        SyscallDesc(number: SYS_fstat, name: "sys_fstat") { sys_fstat($0.a0, $0.a1) },
        SyscallDesc(number: SYS_sync, name: "sys_sync") { _ in sys_sync() },
        SyscallDesc(number: SYS_fsync, name: "sys_fsync") { sys_fsync($0.a0) },
        SyscallDesc(number: SYS_exit, name: "sys_exit") { sys_exit($0.a0) },
        SyscallDesc(number: SYS_exit_group, name: "sys_exit_group") { sys_exit_group($0.a0) },
        SyscallDesc(number: SYS_nanosleep, name: "sys_nanosleep") { sys_nanosleep($0.a0, $0.a1) },
        SyscallDesc(number: SYS_clock_gettime, name: "sys_clock_gettime") { sys_clock_gettime($0.a0, $0.a1) },
        SyscallDesc(number: SYS_sched_yield, name: "sys_sched_yield") { _ in sys_sched_yield() },
        SyscallDesc(number: SYS_kill, name: "sys_kill") { sys_kill($0.a0, $0.a1) },
        SyscallDesc(number: SYS_getpid, name: "sys_getpid") { _ in sys_getpid() },
        SyscallDesc(number: SYS_getppid, name: "sys_getppid") { _ in sys_getppid() },
        SyscallDesc(number: SYS_socketpair, name: "sys_socketpair") { sys_socketpair($0.a0, $0.a1, $0.a2, $0.a3) },
        SyscallDesc(number: SYS_brk, name: "sys_brk") { sys_brk($0.a0) },
        SyscallDesc(number: SYS_munmap, name: "sys_munmap") { sys_munmap($0.a0, $0.a1) },
        SyscallDesc(number: SYS_clone, name: "sys_clone") { sys_clone($0.a0, $0.a1, $0.a2, $0.a3, $0.a4) },
        SyscallDesc(number: SYS_execve, name: "sys_execve") { sys_execve($0.a0, $0.a1, $0.a2) },
        SyscallDesc(number: SYS_mmap, name: "sys_mmap") { sys_mmap($0.a0, $0.a1, $0.a2, $0.a3, $0.a4, $0.a5) },
        SyscallDesc(number: SYS_wait4, name: "sys_wait4") { sys_wait4($0.a0, $0.a1, $0.a2, $0.a3) },
        SyscallDesc(number: SYS_renameat2, name: "sys_renameat2") { sys_renameat2($0.a0, $0.a1, $0.a2, $0.a3, $0.a4) },
        SyscallDesc(number: SYS_ioctl, name: "sys_ioctl") { sys_ioctl($0.a0, $0.a1, $0.a2) },
        SyscallDesc(number: SYS_flock, name: "sys_flock") { sys_flock($0.a0, $0.a1) },
        SyscallDesc(number: SYS_fchmod, name: "sys_fchmod") { sys_fchmod($0.a0, $0.a1) },
        SyscallDesc(number: SYS_fchmodat, name: "sys_fchmodat") { sys_fchmodat($0.a0, $0.a1, $0.a2) },
        SyscallDesc(number: SYS_readv, name: "sys_readv") { sys_readv($0.a0, $0.a1, $0.a2) },
        SyscallDesc(number: SYS_writev, name: "sys_writev") { sys_writev($0.a0, $0.a1, $0.a2) },
        SyscallDesc(number: SYS_sendfile, name: "sys_sendfile") { sys_sendfile($0.a0, $0.a1, $0.a2, $0.a3) },
        SyscallDesc(number: SYS_readlinkat, name: "sys_readlinkat") { sys_readlinkat($0.a0, $0.a1, $0.a2, $0.a3) },
        SyscallDesc(number: SYS_set_tid_address, name: "sys_set_tid_address") { sys_set_tid_address($0.a0) },
        SyscallDesc(number: SYS_set_robust_list, name: "sys_set_robust_list") { sys_set_robust_list($0.a0, $0.a1) },
        SyscallDesc(number: SYS_clock_nanosleep, name: "sys_clock_nanosleep") { sys_clock_nanosleep($0.a0, $0.a1, $0.a2, $0.a3) },
        SyscallDesc(number: SYS_sched_getaffinity, name: "sys_sched_getaffinity") { sys_sched_getaffinity($0.a0, $0.a1, $0.a2) },
        SyscallDesc(number: SYS_tkill, name: "sys_tkill") { sys_tkill($0.a0, $0.a1) },
        SyscallDesc(number: SYS_tgkill, name: "sys_tgkill") { sys_tgkill($0.a0, $0.a1, $0.a2) },
        SyscallDesc(number: SYS_getpriority, name: "sys_getpriority") { sys_getpriority($0.a0, $0.a1) },
        SyscallDesc(number: SYS_setpriority, name: "sys_setpriority") { sys_setpriority($0.a0, $0.a1, $0.a2) },
        SyscallDesc(number: SYS_getgroups, name: "sys_getgroups") { sys_getgroups($0.a0, $0.a1) },
        SyscallDesc(number: SYS_setgroups, name: "sys_setgroups") { sys_setgroups($0.a0, $0.a1) },
        SyscallDesc(number: SYS_setpgid, name: "sys_setpgid") { sys_setpgid($0.a0, $0.a1) },
        SyscallDesc(number: SYS_getpgid, name: "sys_getpgid") { sys_getpgid($0.a0) },
        SyscallDesc(number: SYS_getsid, name: "sys_getsid") { sys_getsid($0.a0) },
        SyscallDesc(number: SYS_setsid, name: "sys_setsid") { _ in sys_setsid() },
        SyscallDesc(number: SYS_uname, name: "sys_uname") { sys_uname($0.a0) },
        SyscallDesc(number: SYS_getrlimit, name: "sys_getrlimit") { sys_getrlimit($0.a0, $0.a1) },
        SyscallDesc(number: SYS_umask, name: "sys_umask") { sys_umask($0.a0) },
        SyscallDesc(number: SYS_getuid, name: "sys_getuid") { _ in sys_getuid() },
        SyscallDesc(number: SYS_geteuid, name: "sys_geteuid") { _ in sys_geteuid() },
        SyscallDesc(number: SYS_getgid, name: "sys_getgid") { _ in sys_getgid() },
        SyscallDesc(number: SYS_getegid, name: "sys_getegid") { _ in sys_getegid() },
        SyscallDesc(number: SYS_gettid, name: "sys_gettid") { _ in sys_gettid() },
        SyscallDesc(number: SYS_sysinfo, name: "sys_sysinfo") { sys_sysinfo($0.a0) },
        SyscallDesc(number: SYS_mremap, name: "sys_mremap") { sys_mremap($0.a0, $0.a1, $0.a2, $0.a3, $0.a4) },
        SyscallDesc(number: SYS_mprotect, name: "sys_mprotect") { sys_mprotect($0.a0, $0.a1, $0.a2) },
        SyscallDesc(number: SYS_prlimit64, name: "sys_prlimit64") { sys_prlimit64($0.a0, $0.a1, $0.a2, $0.a3) },
        SyscallDesc(number: SYS_getrandom, name: "sys_getrandom") { sys_getrandom($0.a0, $0.a1, $0.a2) },
        SyscallDesc(number: SYS_rt_sigaction, name: "sys_rt_sigaction") { sys_rt_sigaction($0.a0, $0.a1, $0.a2, $0.a3) },
        SyscallDesc(number: SYS_rt_sigprocmask, name: "sys_rt_sigprocmask") { sys_rt_sigprocmask($0.a0, $0.a1, $0.a2, $0.a3) },
        SyscallDesc(number: SYS_rt_sigpending, name: "sys_rt_sigpending") { sys_rt_sigpending($0.a0, $0.a1) },
        SyscallDesc(number: SYS_rt_sigsuspend, name: "sys_rt_sigsuspend") { sys_rt_sigsuspend($0.a0, $0.a1) },
        SyscallDesc(number: SYS_rt_sigreturn, name: "sys_rt_sigreturn") { _ in sys_rt_sigreturn() },
        SyscallDesc(number: SYS_sigaltstack, name: "sys_sigaltstack") { sys_sigaltstack($0.a0, $0.a1) },
        SyscallDesc(number: SYS_fchdir, name: "sys_fchdir") { sys_fchdir($0.a0) },
        SyscallDesc(number: SYS_fdatasync, name: "sys_fdatasync") { sys_fdatasync($0.a0) },
        SyscallDesc(number: SYS_utimensat, name: "sys_utimensat") { sys_utimensat($0.a0, $0.a1, $0.a2, $0.a3) },
        SyscallDesc(number: SYS_times, name: "sys_times") { sys_times($0.a0) },
        SyscallDesc(number: SYS_getrusage, name: "sys_getrusage") { sys_getrusage($0.a0, $0.a1) },
        SyscallDesc(number: SYS_getcpu, name: "sys_getcpu") { sys_getcpu($0.a0, $0.a1, $0.a2) },
        SyscallDesc(number: SYS_madvise, name: "sys_madvise") { sys_madvise($0.a0, $0.a1, $0.a2) },
        SyscallDesc(number: SYS_futex, name: "sys_futex") { sys_futex($0.a0, $0.a1, $0.a2, $0.a3, $0.a4, $0.a5) },
    ]
}

struct SyscallStat {
    var calls = 0
    var peak = 0
    var restarts = 0
}

/// The numbers run to 439 (faccessat2) but fewer than a hundred have handlers, so the tables
/// have one row per handler and sysRow maps a number to its row (one byte each; 0: none): a
/// table per number would hold some 10 KB more of the heap from boot on.
let kNSys = Int(MAXLIVE_SYSCALL_TABLE_SIZE)
nonisolated(unsafe) var sysRow: UnsafeMutablePointer<UInt8>? = nil
nonisolated(unsafe) var sysTable: UnsafeMutablePointer<SyscallDesc?>? = nil
nonisolated(unsafe) var sysBound: UnsafeMutablePointer<Int>? = nil
nonisolated(unsafe) var sysStats: UnsafeMutablePointer<SyscallStat>? = nil

/// Build the dispatch table and take each handler's bound from the generated table.
/// Returns the number of handlers with no bound (each is reported).
func syscallInit(_ bounds: MaxliveBoundsTable) -> Int {
    let list = syscallList()
    let rows = list.count + 1
    if rows > 256 { kpanic("more system calls than sysRow can number") }
    sysRow = UnsafeMutablePointer<UInt8>.allocate(capacity: kNSys)
    sysRow!.initialize(repeating: 0, count: kNSys)
    sysTable = UnsafeMutablePointer<SyscallDesc?>.allocate(capacity: rows)
    sysTable!.initialize(repeating: nil, count: rows)
    sysBound = UnsafeMutablePointer<Int>.allocate(capacity: rows)
    sysBound!.initialize(repeating: 0, count: rows)
    sysStats = UnsafeMutablePointer<SyscallStat>.allocate(capacity: rows)
    sysStats!.initialize(repeating: SyscallStat(), count: rows)
    var missing = 0
    for (i, d) in list.enumerated() {
        let b = bounds.bound(named: d.name) ?? -1
        if b < 0 {
            kprint("boot: no maxlive bound for "); kprint(d.name); kprint("\n")
            missing += 1
        }
        sysRow![Int(d.number)] = UInt8(i + 1)
        sysTable![i + 1] = d
        sysBound![i + 1] = max(b, 0)
    }
    return missing
}

/// The row of system call `n` in the tables, 0 if there is no such handler.
@inline(__always) func sysRowOf(_ n: Int) -> Int { n >= 0 && n < kNSys ? Int(sysRow![n]) : 0 }

/// The fork point of the current process: the context its child resumes in `syscall`
/// (returning 0). Per process, in its proc page: a clone may wait for its reservation, and
/// meanwhile other processes enter clone too (a single global fork point was overwritten by
/// them, and the child resumed on another process's stack: found by the fuzzer).
@inline(never)
func forkPoint() -> UnsafeMutablePointer<kctx> {
    (curProc!.pageBase + kProcForkCtx).assumingMemoryBound(to: kctx.self)
}

/// Enter the kernel: system call `n` with up to six arguments. Returns the result or -errno.
public func syscall(_ n: Int, _ a0: Int = 0, _ a1: Int = 0, _ a2: Int = 0, _ a3: Int = 0, _ a4: Int = 0, _ a5: Int = 0) -> Int {
    if n == Int(SYS_clone) {
        if ctx_save(forkPoint()) != 0 { return 0 }
    }
    let r = dispatch(n, SysArgs(a0: a0, a1: a1, a2: a2, a3: a3, a4: a4, a5: a5))
    postSyscall()
    return r
}

/// A system call from user mode (an ELF program's ecall, from the platform's trap handler).
/// The fork child of a user-mode process does not come back here: it starts from a copy of
/// the parent's user registers (sys_clone).
public func userSyscall(_ n: Int, _ a0: Int, _ a1: Int, _ a2: Int, _ a3: Int, _ a4: Int, _ a5: Int) -> Int {
    let r = dispatch(n, SysArgs(a0: a0, a1: a1, a2: a2, a3: a3, a4: a4, a5: a5))
    postSyscall()
    return r
}

/// A fault in user mode (a bad access, an illegal instruction) at `address`: returns if the
/// process has a handler for `signal` (it runs on the way back to user mode); otherwise the
/// process dies of `signal` and this does not return.
public func userFault(_ signal: Int, address: Int = 0) {
    if signalForFault(curProc!, signal, address: address) { return }
    killCurrent(signal)
    postSyscall()
    kpanic("a faulting process went on")
}

/// A kill that came while the current process was stopped takes effect: it dies here.
func leaveIfKilled() {
    if curProc!.killed { postSyscall() }
}

/// (A function of its own: userFault's frame, abandoned when the process dies, holds no Proc.)
@inline(never) private func killCurrent(_ signal: Int) { procKill(curProc!, signal) }

/// The preemption timer fired while user code ran: a kill takes effect, and the CPU goes to
/// the next process if the time slice is used up.
public func userTimerTick() {
    postSyscall()
}

/// Where the current process's time slice ends (monotonic ns): the platform arms its timer
/// for it on the way back to user mode.
public func userSliceEnd() -> Int64 { curProc!.sliceStart + kTimeSlice }

private func dispatch(_ n: Int, _ a: SysArgs) -> Int {
    let row = sysRowOf(n)
    guard row > 0, let d = sysTable![row] else { return notImplemented(n) }
    let bound = sysBound![row]
    let p = curProc!
    p.sysNo = n
    p.sysArgs = a
    while true {
        if resEnabled {
            if !reserveSyscall(bytes: bound, name: d.name) { return reservationFailed() }
        } else {
            measureSyscall(name: d.name)
        }
        p.sysIter = 0
        let r = d.handler(a)
        let peak = releaseSyscall()
        sysStats![row].calls += 1
        if peak > sysStats![row].peak { sysStats![row].peak = peak }
        if r != kENOHEAP { p.sysNo = -1; return r }
        sysStats![row].restarts += 1
        resRestarts += 1
        if !waitForMemory(p.restartNeed) { p.sysNo = -1; return reservationFailed() }
    }
}

#if KERNEL_TEST
/// Numbers already reported as not implemented (one line each per boot).
nonisolated(unsafe) private var enosysSeen = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
#endif

/// ENOSYS; a test build says so on the console the first time each number is seen, so a
/// program that goes wrong on this kernel shows which call it lacked.
private func notImplemented(_ n: Int) -> Int {
    #if KERNEL_TEST
    let bit = n >= 0 && n < 448 ? n : 447
    let first = withUnsafeMutableBytes(of: &enosysSeen) { b -> Bool in
        let words = b.baseAddress!.assumingMemoryBound(to: UInt64.self)
        let mask = UInt64(1) << UInt64(bit & 63)
        if words[bit >> 6] & mask != 0 { return false }
        words[bit >> 6] |= mask
        return true
    }
    if first {
        kprint("kernel: system call "); kprintInt(n); kprint(" is not implemented (ENOSYS), first called by pid ")
        kprintInt(curProc!.pid); kprint("\n")
    }
    #endif
    return kENOSYS
}

private func reservationFailed() -> Int {
    let p = curProc!
    let e = p.resvError
    p.resvError = 0
    return e != 0 ? e : kEINTR
}

/// After a call: leave for good on exit/exec (or if killed), else maybe yield.
@inline(never)
private func postSyscall() {
    let action = pendingAction()
    if action == kPendingExit { leaveThread(.dead) }
    if action == kPendingExec { leaveThread(.execing) }
    maybeYield()
}

private func pendingAction() -> Int {
    let p = curProc!
    if p.killed && p.pending != kPendingExit {
        procTeardown(p, status: waitStatusSignaled(p.killSig))
    }
    return p.pending
}

@_semantics("maxlive.ignore")
private func kprintPadded(_ s: StaticString, _ width: Int) {
    kprint(s)
    var pad = max(1, width - s.utf8CodeUnitCount)
    while pad > 0 { kprint(" "); pad -= 1 }
}

/// `num / den` with two decimals.
@_semantics("maxlive.ignore")
private func kprintRatio(_ num: Int, _ den: Int) {
    let r = (num * 100 + den / 2) / den
    kprintInt(r / 100); kprint(".")
    if r % 100 < 10 { kprint("0") }
    kprintInt(r % 100)
}

@_semantics("maxlive.ignore")
public func printSyscallStats() {
    // Four columns per row (name, calls, peak, bound): the tests parse this table.
    kprint("syscall            calls   peak-live  bound\n")
    var total = 0
    for n in 0..<kNSys {
        let row = sysRowOf(n)
        guard row > 0, let d = sysTable![row] else { continue }
        let s = sysStats![row]
        if s.calls == 0 { continue }
        total += s.calls
        kprint("  "); kprintPadded(d.name, 17)
        kprintInt(s.calls); kprint("  "); kprintInt(s.peak); kprint("  "); kprintInt(sysBound![row]); kprint("\n")
    }
    // The precision report: bound ÷ worst measured peak per system call that allocated.
    kprint("precision: syscall, calls, restarts, worst peak, bound, bound/peak\n")
    var allocating = 0
    var exact = 0
    var worstNum = 0
    var worstDen = 1
    for n in 0..<kNSys {
        let row = sysRowOf(n)
        guard row > 0, let d = sysTable![row] else { continue }
        let s = sysStats![row]
        if s.calls == 0 { continue }
        let b = sysBound![row]
        kprint("  ratio "); kprintPadded(d.name, 17)
        kprint("calls="); kprintInt(s.calls); kprint(" restarts="); kprintInt(s.restarts)
        kprint(" peak="); kprintInt(s.peak); kprint(" bound="); kprintInt(b); kprint(" ratio=")
        if s.peak > 0 {
            kprintRatio(b, s.peak)
            allocating += 1
            if b == s.peak { exact += 1 }
            if b * worstDen > worstNum * s.peak { worstNum = b; worstDen = s.peak }
        } else {
            kprint(b == 0 ? "exact(0)" : "unreached")
        }
        if s.peak > b { kprint(" BREACH") }
        kprint("\n")
    }
    kprint("precision: "); kprintInt(total); kprint(" calls; "); kprintInt(allocating)
    kprint(" system calls allocated, "); kprintInt(exact); kprint(" reached their bound exactly")
    if allocating > 0 { kprint(", largest bound/peak "); kprintRatio(worstNum, worstDen) }
    kprint("\n")
}

/// The system call the current thread is running, for breach and panic reports.
@_semantics("maxlive.ignore")
func printCurrentCall() {
    guard let p = curProc else { kprint("  (no process: boot or scheduler)\n"); return }
    kprint("  in pid "); kprintInt(p.pid); kprint(" ("); kprint(p.name); kprint(")")
    let n = p.sysNo
    if n < 0 || n >= kNSys { kprint(", outside a system call\n"); return }
    kprint(", system call ")
    if sysRowOf(n) > 0, let d = sysTable![sysRowOf(n)] { kprint(d.name) } else { kprintInt(n) }
    let a = p.sysArgs
    kprint("("); kprintInt(a.a0); kprint(", "); kprintInt(a.a1); kprint(", "); kprintInt(a.a2); kprint(", ")
    kprintInt(a.a3); kprint(", "); kprintInt(a.a4); kprint(", "); kprintInt(a.a5); kprint(")")
    kprint(", deep reservations so far "); kprintInt(p.sysIter); kprint("\n")
}

/// The platform caught a fatal trap (on the host: SIGILL from a Swift runtime check such as
/// an arithmetic overflow, SIGSEGV, SIGBUS, SIGFPE): a kernel panic. Report what was running.
@_semantics("maxlive.ignore")
public func kernelFatalTrap(_ signal: Int) -> Never {
    kprint("kernel panic: fatal trap (host signal "); kprintInt(signal); kprint(")\n")
    printCurrentCall()
    halt(70)
}

/// The platform was asked for a state dump (on the host: SIGQUIT). Prints every thread and
/// the reservation state, for diagnosing a hang; the machine keeps running.
@_semantics("maxlive.ignore")
public func kernelDebugDump() {
    kprint("kernel: state dump: heap live "); kprintInt(heapLive); kprint(" of limit "); kprintInt(resLimit)
    kprint(", available "); kprintInt(heapAvailable()); kprint(", memory waiters "); kprintInt(resMemWaiters)
    kprint(", killer pending "); kprint(killerPending ? "yes" : "no"); kprint(", wanted "); kprintInt(killerWanted)
    kprint(", now "); kprintInt(Int(nowNanos())); kprint("\n")
    for s in 1..<kSlotCount {
        guard let p = procTable![s] else { continue }
        kprint("  slot "); kprintInt(s); kprint(" pid "); kprintInt(p.pid); kprint(" "); kprint(p.name)
        kprint(" chan "); kprintInt(p.chan); kprint(" deadline "); kprintInt(Int(p.deadline))
        kprint(p.killed ? " killed" : ""); kprint(" state ")
        switch p.state {
        case .runnable: kprint("runnable")
        case .running: kprint("running")
        case .sleeping: kprint("sleeping")
        case .dead: kprint("dead")
        case .execing: kprint("execing")
        case .zombie: kprint("zombie")
        }
        let a = heapSlot(s)
        kprint(" owner bytes "); kprintInt(heapOwnerBytes(slot: s))
        if a.pointee.active { kprint(" reserved "); kprintInt(a.pointee.reservation.reserved); kprint(" charged "); kprintInt(a.pointee.reservation.charged) }
        if sysRowOf(p.sysNo) > 0 { kprint(" in "); if let d = sysTable![sysRowOf(p.sysNo)] { kprint(d.name) } }
        kprint("\n")
    }
}
