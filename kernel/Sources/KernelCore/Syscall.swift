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
        SyscallDesc(number: SYS_linkat, name: "sys_linkat") { sys_linkat($0.a0, $0.a1, $0.a2, $0.a3, $0.a4) },
        SyscallDesc(number: SYS_truncate, name: "sys_truncate") { sys_truncate($0.a0, $0.a1) },
        SyscallDesc(number: SYS_ftruncate, name: "sys_ftruncate") { sys_ftruncate($0.a0, $0.a1) },
        SyscallDesc(number: SYS_faccessat, name: "sys_faccessat") { sys_faccessat($0.a0, $0.a1, $0.a2) },
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
    ]
}

struct SyscallStat {
    var calls = 0
    var peak = 0
}

let kNSys = Int(MAXLIVE_SYSCALL_TABLE_SIZE)
nonisolated(unsafe) var sysTable: UnsafeMutablePointer<SyscallDesc?>? = nil
nonisolated(unsafe) var sysBound: UnsafeMutablePointer<Int>? = nil
nonisolated(unsafe) var sysStats: UnsafeMutablePointer<SyscallStat>? = nil

/// Build the dispatch table and take each handler's bound from the generated table.
/// Returns the number of handlers with no bound (each is reported).
func syscallInit(_ bounds: MaxliveBoundsTable) -> Int {
    sysTable = UnsafeMutablePointer<SyscallDesc?>.allocate(capacity: kNSys)
    sysTable!.initialize(repeating: nil, count: kNSys)
    sysBound = UnsafeMutablePointer<Int>.allocate(capacity: kNSys)
    sysBound!.initialize(repeating: 0, count: kNSys)
    sysStats = UnsafeMutablePointer<SyscallStat>.allocate(capacity: kNSys)
    sysStats!.initialize(repeating: SyscallStat(), count: kNSys)
    var missing = 0
    for d in syscallList() {
        let b = bounds.bytes(of: d.name, kind: .entry)
        if b < 0 {
            kprint("boot: no maxlive bound for "); kprint(d.name); kprint("\n")
            missing += 1
        }
        sysTable![Int(d.number)] = d
        sysBound![Int(d.number)] = max(b, 0)
    }
    return missing
}

/// The fork point: the child's saved context (it resumes in `syscall` returning 0).
nonisolated(unsafe) var forkCtx = kctx()

/// Enter the kernel: system call `n` with up to six arguments. Returns the result or -errno.
public func syscall(_ n: Int, _ a0: Int = 0, _ a1: Int = 0, _ a2: Int = 0, _ a3: Int = 0, _ a4: Int = 0, _ a5: Int = 0) -> Int {
    if n == Int(SYS_clone) {
        if ctx_save(&forkCtx) != 0 { return 0 }
    }
    let r = dispatch(n, SysArgs(a0: a0, a1: a1, a2: a2, a3: a3, a4: a4, a5: a5))
    postSyscall()
    return r
}

private func dispatch(_ n: Int, _ a: SysArgs) -> Int {
    if n < 0 || n >= kNSys { return kENOSYS }
    guard let d = sysTable![n] else { return kENOSYS }
    let bound = sysBound![n]
    while true {
        if !reserveSyscall(bytes: bound, name: d.name) { return reservationFailed() }
        let r = d.handler(a)
        let peak = releaseSyscall()
        sysStats![n].calls += 1
        if peak > sysStats![n].peak { sysStats![n].peak = peak }
        if r != kENOHEAP { return r }
        if !waitForMemory(curProc!.restartNeed) { return reservationFailed() }
    }
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
public func printSyscallStats() {
    kprint("syscall            calls   peak-live  bound\n")
    for n in 0..<kNSys {
        guard let d = sysTable![n] else { continue }
        let s = sysStats![n]
        if s.calls == 0 { continue }
        kprint("  "); kprint(d.name)
        var pad = 17 - d.name.utf8CodeUnitCount
        while pad > 0 { kprint(" "); pad -= 1 }
        kprintInt(s.calls); kprint("  "); kprintInt(s.peak); kprint("  "); kprintInt(sysBound![n]); kprint("\n")
    }
}
