// SysInfo.swift — who a process is and what the system is: user and group ids, process
// groups and sessions, the file mode mask, resource limits, uname, sysinfo, getrandom,
// CPU affinity, and the thread bookkeeping glibc does at start-up (set_tid_address,
// set_robust_list, gettid).
//
// Everyone is root (uid and gid 0). A process is a single thread, so its thread id is its
// pid. Process groups and sessions follow POSIX: a child inherits its parent's, init leads
// the first of each. Resource limits are per process in the proc page, inherited at fork;
// RLIMIT_NOFILE is enforced by descriptor allocation, the others are reported as Linux
// reports them (the kernel's own limits where it has one: the stack, processes).
import KernelC

@inline(__always) private func I(_ x: Int32) -> Int { Int(x) }

// MARK: - ids

@_semantics("maxlive.entry")
public func sys_getuid() -> Int { 0 }

@_semantics("maxlive.entry")
public func sys_geteuid() -> Int { 0 }

@_semantics("maxlive.entry")
public func sys_getgid() -> Int { 0 }

@_semantics("maxlive.entry")
public func sys_getegid() -> Int { 0 }

@_semantics("maxlive.entry")
public func sys_gettid() -> Int { curProc!.pid }

@_semantics("maxlive.entry")
public func sys_set_tid_address(_ tidptr: Int) -> Int {
    let p = curProc!
    p.clearTid = tidptr
    return p.pid
}

@_semantics("maxlive.entry")
public func sys_set_robust_list(_ head: Int, _ len: Int) -> Int {
    if len != 24 { return kEINVAL }             // sizeof(struct robust_list_head)
    curProc!.robustList = head
    return 0
}

@_semantics("maxlive.entry")
public func sys_umask(_ mask: Int) -> Int {
    let p = curProc!
    let old = p.umask
    p.umask = mask & 0o777
    return old
}

// MARK: - process groups and sessions

/// `pid`, or the caller for 0.
private func procOrSelf(_ pid: Int) -> Proc? { pid == 0 ? curProc! : procByPid(pid) }

@_semantics("maxlive.entry")
public func sys_getpgid(_ pid: Int) -> Int {
    if pid < 0 { return kESRCH }
    guard let p = procOrSelf(pid) else { return kESRCH }
    return p.pgid
}

@_semantics("maxlive.entry")
public func sys_getsid(_ pid: Int) -> Int {
    if pid < 0 { return kESRCH }
    guard let p = procOrSelf(pid) else { return kESRCH }
    return p.sid
}

/// Is there a process in session `sid` whose group is `pgid`?
private func groupExists(_ pgid: Int, inSession sid: Int) -> Bool {
    for s in 1...kNProc {
        if let q = procTable![s], q.state != .zombie, q.pgid == pgid, q.sid == sid { return true }
    }
    return false
}

@_semantics("maxlive.entry")
public func sys_setpgid(_ pid: Int, _ pgid: Int) -> Int {
    if pid < 0 || pgid < 0 { return kEINVAL }
    let me = curProc!
    guard let t = procOrSelf(pid) else { return kESRCH }
    if t !== me && t.ppid != me.pid { return kESRCH }     // only itself or a child
    if t.sid != me.sid || t.pid == t.sid { return kEPERM } // same session, not a session leader
    let group = pgid == 0 ? t.pid : pgid
    if group != t.pid && !groupExists(group, inSession: me.sid) { return kEPERM }
    t.pgid = group
    return 0
}

@_semantics("maxlive.entry")
public func sys_setsid() -> Int {
    let p = curProc!
    if groupExists(p.pid, inSession: p.sid) || p.pgid == p.pid { return kEPERM }    // a group leader
    p.sid = p.pid
    p.pgid = p.pid
    return p.pid
}

// MARK: - priorities, limits

/// The processes `which`/`who` of getpriority and setpriority name (who 0: the caller, its
/// group, its user), in process-table order; `body` sees each.
private func forEachPriorityTarget(_ which: Int, _ who: Int, _ body: (Proc) -> Void) {
    let me = curProc!.space
    for s in 1...kNProc {
        maxliveLoopBound(64)
        guard let p = procTable![s], !p.isThread, p.state != .zombie else { continue }
        switch which {
        case I(PRIO_PROCESS): if p.pid != (who == 0 ? me.pid : who) { continue }
        case I(PRIO_PGRP): if p.pgid != (who == 0 ? me.pgid : who) { continue }
        default: if who != 0 { continue }      // every process has uid 0
        }
        body(p)
    }
}

/// getpriority: 20 − the lowest nice value among the processes named (Linux's encoding,
/// which glibc turns back into a nice value), ESRCH if none.
@_semantics("maxlive.entry")
public func sys_getpriority(_ which: Int, _ who: Int) -> Int {
    if which < I(PRIO_PROCESS) || which > I(PRIO_USER) { return kEINVAL }
    var lowest = Int.max
    forEachPriorityTarget(which, who) { lowest = min(lowest, $0.nice) }
    return lowest == Int.max ? kESRCH : 20 - lowest
}

/// setpriority: every process named gets `niceValue`, clamped to −20…19 (the caller is root,
/// so lowering is allowed). The scheduler is round-robin: the value is kept and reported, and
/// does not change how often a process runs.
@_semantics("maxlive.entry")
public func sys_setpriority(_ which: Int, _ who: Int, _ niceValue: Int) -> Int {
    if which < I(PRIO_PROCESS) || which > I(PRIO_USER) { return kEINVAL }
    let value = min(max(niceValue, -20), 19)
    var found = false
    forEachPriorityTarget(which, who) {
        $0.nice = value
        found = true
    }
    return found ? 0 : kESRCH
}

// MARK: - supplementary groups

/// fork: the child has its parent's nice value and supplementary groups (the same array,
/// shared until one of them calls setgroups).
func identityFork(from parent: Proc, to child: Proc) {
    child.nice = parent.nice
    child.groups = parent.groups
}

/// getgroups: with `size` 0 the number of supplementary groups; otherwise copies them to
/// `ulist` (EINVAL if they do not fit).
@_semantics("maxlive.entry")
public func sys_getgroups(_ size: Int, _ ulist: Int) -> Int {
    let list = curProc!.space.groups
    if size < 0 { return kEINVAL }
    if size == 0 || list.isEmpty { return list.count }
    if size < list.count { return kEINVAL }
    let ok = list.withUnsafeBytes { copyout(ulist, $0.baseAddress!, $0.count) }
    return ok ? list.count : kEFAULT
}

/// setgroups: the caller (root) replaces its supplementary groups; at most kNGroups.
@_semantics("maxlive.entry")
public func sys_setgroups(_ size: Int, _ ulist: Int) -> Int {
    if size < 0 || size > kNGroups { return kEINVAL }
    guard let list = copyinArray(ulist, count: size, of: UInt32.self) else { return kEFAULT }
    curProc!.space.groups = list
    return 0
}

@inline(__always) private func rlimits(_ p: Proc) -> UnsafeMutablePointer<ml_rlimit> {
    (p.pageBase + kProcRlimitOff).assumingMemoryBound(to: ml_rlimit.self)
}

/// A new process's limits: its parent's, or Linux's defaults with this kernel's own limits.
func rlimitsInit(_ p: Proc, from parent: Proc?) {
    let r = rlimits(p)
    if let q = parent {
        r.update(from: rlimits(q), count: Int(RLIM_NLIMITS))
        return
    }
    let infinity = UInt64.max
    for i in 0..<Int(RLIM_NLIMITS) { r[i] = ml_rlimit(rlim_cur: infinity, rlim_max: infinity) }
    r[Int(RLIMIT_STACK)] = ml_rlimit(rlim_cur: UInt64(kUserStackMax), rlim_max: infinity)
    r[Int(RLIMIT_NOFILE)] = ml_rlimit(rlim_cur: UInt64(kNoFile), rlim_max: UInt64(kNoFile))
    r[6] = ml_rlimit(rlim_cur: UInt64(kNProc), rlim_max: UInt64(kNProc))       // RLIMIT_NPROC
    r[4] = ml_rlimit(rlim_cur: 0, rlim_max: infinity)                          // RLIMIT_CORE
}

/// How far `p`'s stack may grow (its soft RLIMIT_STACK).
func rlimitStack(_ p: Proc) -> Int {
    let cur = rlimits(p)[Int(RLIMIT_STACK)].rlim_cur
    return cur >= UInt64(kUserStackMax) ? kUserStackMax : Int(cur)
}

/// The current process's soft limit on descriptors (fdAlloc).
func openFileLimit() -> Int {
    let cur = rlimits(curProc!)[Int(RLIMIT_NOFILE)].rlim_cur
    return cur >= UInt64(kNoFile) ? kNoFile : Int(cur)
}

@_semantics("maxlive.entry")
public func sys_prlimit64(_ pid: Int, _ resource: Int, _ unew: Int, _ uold: Int) -> Int {
    if resource < 0 || resource >= Int(RLIM_NLIMITS) { return kEINVAL }
    if pid < 0 { return kESRCH }
    guard let p = procOrSelf(pid) else { return kESRCH }
    let r = rlimits(p)
    var new = ml_rlimit()
    if unew != 0 {
        guard let v = copyinValue(unew, ml_rlimit()) else { return kEFAULT }
        if v.rlim_cur > v.rlim_max { return kEINVAL }
        if v.rlim_max > r[resource].rlim_max { return kEPERM }      // only root may raise it: kept fixed
        new = v
    }
    if uold != 0 && !copyoutValue(uold, r[resource]) { return kEFAULT }
    if unew != 0 { r[resource] = new }
    return 0
}

@_semantics("maxlive.entry")
public func sys_getrlimit(_ resource: Int, _ uold: Int) -> Int {
    if resource < 0 || resource >= Int(RLIM_NLIMITS) { return kEINVAL }
    return copyoutValue(uold, rlimits(curProc!)[resource]) ? 0 : kEFAULT
}

// MARK: - the system

private func copyField(_ dst: UnsafeMutableRawPointer, _ s: StaticString) {
    dst.copyMemory(from: s.utf8Start, byteCount: min(s.utf8CodeUnitCount, 64))
}

@_semantics("maxlive.entry")
public func sys_uname(_ ubuf: Int) -> Int {
    var u = ml_utsname()
    withUnsafeMutableBytes(of: &u) { b in
        let base = b.baseAddress!
        copyField(base, "Linux")
        copyField(base + 65, "maxlive")
        copyField(base + 130, "6.1.0-maxlive")
        copyField(base + 195, "#1 maxlive")
        copyField(base + 260, platUserMachine() == 243 ? "riscv64" : "x86_64")
        copyField(base + 325, "(none)")
    }
    return copyoutValue(ubuf, u) ? 0 : kEFAULT
}

@_semantics("maxlive.entry")
public func sys_sysinfo(_ ubuf: Int) -> Int {
    var info = ml_sysinfo()
    info.uptime = nowNanos() / 1_000_000_000
    info.totalram = UInt64(physFrames * kPageSize)
    info.freeram = UInt64(pagesFree * kPageSize)
    var procs = 0
    for s in 1...kNProc where procTable![s] != nil { procs += 1 }
    info.procs = UInt16(procs)
    info.mem_unit = 1
    return copyoutValue(ubuf, info) ? 0 : kEFAULT
}

@_semantics("maxlive.entry")
public func sys_sched_getaffinity(_ pid: Int, _ len: Int, _ umask: Int) -> Int {
    if len < 8 || len & 7 != 0 { return kEINVAL }
    if pid < 0 || procOrSelf(pid) == nil { return kESRCH }
    return copyoutValue(umask, UInt64(1)) ? 8 : kEFAULT     // one CPU
}

/// getrandom: bytes from the kernel's generator (not cryptographic: see kernelRandom).
@_semantics("maxlive.entry")
public func sys_getrandom(_ ubuf: Int, _ len: Int, _ flags: Int) -> Int {
    if flags & ~(I(GRND_NONBLOCK) | I(GRND_RANDOM) | I(GRND_INSECURE)) != 0 || len < 0 { return kEINVAL }
    if flags & I(GRND_RANDOM) != 0 && flags & I(GRND_INSECURE) != 0 { return kEINVAL }
    let n = min(len, 33_554_431)                    // Linux's most per call
    if !userRangeOK(ubuf, n, write: true) { return kEFAULT }
    var done = 0
    while done < n {
        let word = kernelRandom()
        let k = min(8, n - done)
        withUnsafeBytes(of: word) { userPtr(ubuf + done).copyMemory(from: $0.baseAddress!, byteCount: k) }
        done += k
    }
    return n
}
