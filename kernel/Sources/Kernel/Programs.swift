// Programs.swift — the built-in user programs (`Kernel --list`).
//
//   init     pid 1: runs /bin/PROGRAM ARGS, reaps every child, exits with its status
//   smoke    exercises every system call, including the error paths; exit 0 if all pass
//   torture  heap exhaustion: hogs fill kernel memory until the killer steps in
//   echo     prints its arguments
//   true     exits 0
import KernelC
import KernelCore

func builtinPrograms() -> [ProgramDesc] {
    [
        ProgramDesc(name: "init", entry: prog_init, help: "pid 1: run PROGRAM ARGS..., reap children, exit with its status"),
        ProgramDesc(name: "smoke", entry: prog_smoke, help: "exercise every system call and its error paths"),
        ProgramDesc(name: "torture", entry: prog_torture, help: "[HOGS] heap exhaustion: hogs fill kernel memory, the killer recovers"),
        ProgramDesc(name: "fuzz", entry: prog_fuzz, help: "SEED COUNT [WORKERS] [TRACE] random system calls with bad arguments across processes"),
        ProgramDesc(name: "bigio", entry: prog_bigio, help: "[PROCS] big reads and writes checked byte for byte (run with --inject-faults)"),
        ProgramDesc(name: "mail", entry: prog_mail, help: "[MESSAGES] [CLIENTS] [USERS] mail delivery benchmark (CMailbench-like), msg/s"),
        ProgramDesc(name: "echo", entry: prog_echo, help: "print the arguments"),
        ProgramDesc(name: "true", entry: prog_true, help: "exit 0"),
    ]
}

func prog_true(_ argc: Int, _ argv: Int) -> Int { 0 }

func prog_echo(_ argc: Int, _ argv: Int) -> Int {
    var u = U(heap: 16 << 10)
    for i in 1..<max(argc, 1) {
        if i > 1 { u.put(" ") }
        u.putC(arg(argv, i))
    }
    u.nl()
    return 0
}

func prog_init(_ argc: Int, _ argv: Int) -> Int {
    var u = U(heap: 16 << 10)
    if argc < 2 {
        u.say("init: nothing to run")
        return 1
    }
    let path = u.cat("/bin/", arg(argv, 1))
    let pid = fork()
    if pid == 0 {
        let r = sc(SYS_execve, path, argv + 8, 0)
        u.put("init: cannot run "); u.putC(path); u.put(": error "); u.putInt(-r); u.nl()
        return 127
    }
    if pid < 0 {
        u.put("init: fork failed: "); u.putInt(-pid); u.nl()
        return 1
    }
    var code = 0
    while true {
        let (w, st) = waitpid(&u, -1)
        if w == E(ECHILD) { break }
        if w == pid { code = signalOf(st) != 0 ? 128 + signalOf(st) : exitCodeOf(st) }
    }
    return code
}

// MARK: - smoke

func prog_smoke(_ argc: Int, _ argv: Int) -> Int {
    var u = U()
    u.say("smoke: processes")
    u.checkTrue("getpid > 1", sc(SYS_getpid) > 1, sc(SYS_getpid))
    u.check("getppid is init", sc(SYS_getppid), 1)
    smokeFiles(&u)
    smokeDirs(&u)
    smokePipes(&u)
    smokeProcs(&u)
    smokeMemory(&u)
    smokeErrors(&u)
    u.put("smoke: "); u.putInt(u.checks - u.failures); u.put(" of "); u.putInt(u.checks); u.put(" checks passed"); u.nl()
    return u.failures == 0 ? 0 : 1
}

private func smokeFiles(_ u: inout U) {
    u.say("smoke: files")
    let at = Int(AT_FDCWD)
    let path = u.str("/tmp/a")
    let fd = sc(SYS_openat, at, path, Int(O_CREAT | O_RDWR), 0o644)
    u.checkTrue("openat O_CREAT", fd >= 3, fd)
    let hello = u.str("hello world")
    u.check("write", sc(SYS_write, fd, hello, 11), 11)
    u.check("lseek SEEK_SET", sc(SYS_lseek, fd, 0, Int(SEEK_SET)), 0)
    let buf = u.alloc(10016)
    u.check("read", sc(SYS_read, fd, buf, 100), 11)
    u.check("read content", memcmpU(buf, hello, 11), 0)
    u.check("read at EOF", sc(SYS_read, fd, buf, 100), 0)
    u.check("pread64", sc(SYS_pread64, fd, buf, 5, 6), 5)
    let w = u.str("W")
    u.check("pwrite64", sc(SYS_pwrite64, fd, w, 1, 6), 1)
    _ = sc(SYS_pread64, fd, buf, 5, 6)
    u.check("pwrite64 content", Int(mem(buf).load(as: UInt8.self)), 87)
    let st = u.alloc(128)
    u.check("fstat", sc(SYS_fstat, fd, st), 0)
    u.check("fstat size", mem(st + 48).load(as: Int.self), 11)
    u.check("fstat type", Int(mem(st + 16).load(as: UInt32.self)) & Int(S_IFMT), Int(S_IFREG))
    u.check("ftruncate shrink", sc(SYS_ftruncate, fd, 5), 0)
    _ = sc(SYS_fstat, fd, st)
    u.check("size after shrink", mem(st + 48).load(as: Int.self), 5)
    u.check("ftruncate grow", sc(SYS_ftruncate, fd, 10000), 0)
    u.check("read hole", sc(SYS_pread64, fd, buf, 100, 5000), 100)
    u.check("hole is zero", Int(mem(buf + 50).load(as: UInt8.self)), 0)
    u.check("lseek SEEK_END", sc(SYS_lseek, fd, -10, Int(SEEK_END)), 9990)
    u.check("lseek negative", sc(SYS_lseek, fd, -20000, Int(SEEK_CUR)), E(EINVAL))
    // a multi-page write and read back
    for i in 0..<10000 { mem(buf + i).storeBytes(of: UInt8(truncatingIfNeeded: i * 7), as: UInt8.self) }
    u.check("pwrite64 10000 at 4000", sc(SYS_pwrite64, fd, buf, 10000, 4000), 10000)
    let back = u.alloc(10000)
    u.check("pread64 10000", sc(SYS_pread64, fd, back, 10000, 4000), 10000)
    u.check("multi-page content", memcmpU(buf, back, 10000), 0)
    // descriptors
    let fd2 = sc(SYS_dup, fd)
    u.checkTrue("dup", fd2 > fd, fd2)
    u.check("F_GETFD", sc(SYS_fcntl, fd2, Int(F_GETFD)), 0)
    u.check("F_SETFD", sc(SYS_fcntl, fd2, Int(F_SETFD), Int(FD_CLOEXEC)), 0)
    u.check("F_GETFD cloexec", sc(SYS_fcntl, fd2, Int(F_GETFD)), Int(FD_CLOEXEC))
    u.check("F_GETFL", sc(SYS_fcntl, fd2, Int(F_GETFL)), Int(O_RDWR))
    u.check("dup3", sc(SYS_dup3, fd, 20, Int(O_CLOEXEC)), 20)
    u.check("dup3 same fd", sc(SYS_dup3, fd, fd, 0), E(EINVAL))
    u.check("F_DUPFD", sc(SYS_fcntl, fd, Int(F_DUPFD), 30), 30)
    u.check("shared offset", sc(SYS_lseek, 30, 123, Int(SEEK_SET)) + sc(SYS_lseek, fd, 0, Int(SEEK_CUR)), 246)
    u.check("close dup", sc(SYS_close, 20), 0)
    u.check("close again", sc(SYS_close, 20), E(EBADF))
    _ = sc(SYS_close, 30)
    _ = sc(SYS_close, fd2)
    u.check("fsync", sc(SYS_fsync, fd), 0)
    u.check("sync", sc(SYS_sync), 0)
    u.check("close", sc(SYS_close, fd), 0)
    // O_APPEND, O_TRUNC, O_EXCL
    let fa = sc(SYS_openat, at, path, Int(O_WRONLY | O_APPEND))
    u.check("O_APPEND write", sc(SYS_write, fa, hello, 11), 11)
    _ = sc(SYS_fstat, fa, st)
    u.check("O_APPEND size", mem(st + 48).load(as: Int.self), 14011)
    _ = sc(SYS_close, fa)
    u.check("O_EXCL on existing", sc(SYS_openat, at, path, Int(O_CREAT | O_EXCL | O_RDWR), 0o644), E(EEXIST))
    let ft = sc(SYS_openat, at, path, Int(O_RDWR | O_TRUNC))
    _ = sc(SYS_fstat, ft, st)
    u.check("O_TRUNC", mem(st + 48).load(as: Int.self), 0)
    _ = sc(SYS_close, ft)
    u.check("truncate path", sc(SYS_truncate, path, 77), 0)
    u.check("newfstatat", sc(SYS_newfstatat, at, path, st, 0), 0)
    u.check("newfstatat size", mem(st + 48).load(as: Int.self), 77)
    u.check("faccessat F_OK", sc(SYS_faccessat, at, path, Int(F_OK)), 0)
    u.check("faccessat X_OK file 0644", sc(SYS_faccessat, at, path, Int(X_OK)), E(EACCES))
    u.check("faccessat /bin/smoke X_OK", sc(SYS_faccessat, at, u.str("/bin/smoke"), Int(X_OK)), 0)
    let con = sc(SYS_openat, at, u.str("/dev/console"), Int(O_WRONLY))
    u.checkTrue("open /dev/console", con >= 0, con)
    u.check("console write", sc(SYS_write, con, u.str("  (console write)\n"), 18), 18)
    _ = sc(SYS_close, con)
}

private func smokeDirs(_ u: inout U) {
    u.say("smoke: directories")
    let at = Int(AT_FDCWD)
    let d = u.str("/tmp/d")
    u.check("mkdirat", sc(SYS_mkdirat, at, d, 0o755), 0)
    u.check("mkdirat exists", sc(SYS_mkdirat, at, d, 0o755), E(EEXIST))
    let x = sc(SYS_openat, at, u.str("/tmp/d/x"), Int(O_CREAT | O_WRONLY), 0o644)
    u.checkTrue("create in subdir", x >= 0, x)
    _ = sc(SYS_close, x)
    let a = u.str("/tmp/a")
    let b = u.str("/tmp/d/b")
    u.check("linkat", sc(SYS_linkat, at, a, at, b, 0), 0)
    let st = u.alloc(128)
    _ = sc(SYS_newfstatat, at, b, st, 0)
    u.check("nlink after link", Int(mem(st + 20).load(as: UInt32.self)), 2)
    u.check("unlinkat", sc(SYS_unlinkat, at, a, 0), 0)
    u.check("unlinked gone", sc(SYS_newfstatat, at, a, st, 0), E(ENOENT))
    _ = sc(SYS_newfstatat, at, b, st, 0)
    u.check("nlink after unlink", Int(mem(st + 20).load(as: UInt32.self)), 1)
    let c = u.str("/tmp/c")
    u.check("renameat2", sc(SYS_renameat2, at, b, at, c, 0), 0)
    u.check("rename source gone", sc(SYS_newfstatat, at, b, st, 0), E(ENOENT))
    u.check("rename target size", sc(SYS_newfstatat, at, c, st, 0) + mem(st + 48).load(as: Int.self), 77)
    u.check("rename dir into itself", sc(SYS_renameat2, at, d, at, u.str("/tmp/d/sub"), 0), E(EINVAL))
    let c2 = u.str("/tmp/c2")
    let f2 = sc(SYS_openat, at, c2, Int(O_CREAT | O_WRONLY), 0o644)
    _ = sc(SYS_close, f2)
    u.check("RENAME_NOREPLACE", sc(SYS_renameat2, at, c2, at, c, Int(RENAME_NOREPLACE)), E(EEXIST))
    u.check("rename replaces", sc(SYS_renameat2, at, c2, at, c, 0), 0)
    u.check("replaced size", sc(SYS_newfstatat, at, c, st, 0) + mem(st + 48).load(as: Int.self), 0)
    // a directory moves
    u.check("mkdir e", sc(SYS_mkdirat, at, u.str("/tmp/e"), 0o755), 0)
    u.check("rename dir", sc(SYS_renameat2, at, u.str("/tmp/e"), at, u.str("/tmp/d/e"), 0), 0)
    _ = sc(SYS_newfstatat, at, d, st, 0)
    u.check("parent nlink", Int(mem(st + 20).load(as: UInt32.self)), 3)
    // getdents64 on /tmp: ".", "..", "d", "c"
    let tmp = sc(SYS_openat, at, u.str("/tmp"), Int(O_RDONLY | O_DIRECTORY))
    let dbuf = u.alloc(1024)
    let n = sc(SYS_getdents64, tmp, dbuf, 1024)
    u.checkTrue("getdents64", n > 0, n)
    var names = 0
    var sawC = false
    var off = 0
    while off < n {
        let reclen = Int(mem(dbuf + off + 16).load(as: UInt16.self))
        if cstrEq(dbuf + off + 19, "c") { sawC = true }
        names += 1
        off += reclen
    }
    u.check("getdents64 entries", names, 4)
    u.checkTrue("getdents64 finds c", sawC, 0)
    u.check("getdents64 at end", sc(SYS_getdents64, tmp, dbuf, 1024), 0)
    u.check("getdents64 tiny buffer", sc(SYS_lseek, tmp, 0, Int(SEEK_SET)) + sc(SYS_getdents64, tmp, dbuf, 8), E(EINVAL))
    _ = sc(SYS_close, tmp)
    // cwd
    u.check("chdir", sc(SYS_chdir, d), 0)
    let cwd = u.alloc(256)
    u.check("getcwd", sc(SYS_getcwd, cwd, 256), 7)
    u.checkTrue("getcwd is /tmp/d", cstrEq(cwd, "/tmp/d"), 0)
    u.check("getcwd ERANGE", sc(SYS_getcwd, cwd, 3), E(ERANGE))
    let rel = sc(SYS_openat, at, u.str("x"), Int(O_RDONLY))
    u.checkTrue("relative open", rel >= 0, rel)
    _ = sc(SYS_close, rel)
    u.check("chdir ..", sc(SYS_chdir, u.str("..")), 0)
    _ = sc(SYS_getcwd, cwd, 256)
    u.checkTrue("getcwd is /tmp", cstrEq(cwd, "/tmp"), 0)
    u.check("rmdir non-empty", sc(SYS_unlinkat, at, d, Int(AT_REMOVEDIR)), E(ENOTEMPTY))
    u.check("unlink dir", sc(SYS_unlinkat, at, d, 0), E(EISDIR))
    u.check("rmdir file", sc(SYS_unlinkat, at, u.str("/tmp/c"), Int(AT_REMOVEDIR)), E(ENOTDIR))
    _ = sc(SYS_unlinkat, at, u.str("d/x"), 0)
    _ = sc(SYS_unlinkat, at, u.str("d/e"), Int(AT_REMOVEDIR))
    u.check("rmdir", sc(SYS_unlinkat, at, d, Int(AT_REMOVEDIR)), 0)
    u.check("rmdir gone", sc(SYS_chdir, d), E(ENOENT))
    _ = sc(SYS_chdir, u.str("/"))
    // open-unlinked file keeps its data
    let tpath = u.str("/tmp/open-unlinked")
    let t = sc(SYS_openat, at, tpath, Int(O_CREAT | O_RDWR), 0o600)
    _ = sc(SYS_write, t, u.str("abc"), 3)
    u.check("unlink open file", sc(SYS_unlinkat, at, tpath, 0), 0)
    let rb = u.alloc(8)
    u.check("read unlinked", sc(SYS_pread64, t, rb, 8, 0), 3)
    _ = sc(SYS_close, t)
}

private func smokePipes(_ u: inout U) {
    u.say("smoke: pipes, sockets, poll")
    let fds = u.alloc(8)
    u.check("pipe2", sc(SYS_pipe2, fds, 0), 0)
    let r = Int(mem(fds).load(as: Int32.self))
    let w = Int(mem(fds + 4).load(as: Int32.self))
    let msg = u.str("ping!")
    u.check("pipe write", sc(SYS_write, w, msg, 5), 5)
    let pfd = u.alloc(8)
    mem(pfd).storeBytes(of: Int32(r), as: Int32.self)
    mem(pfd + 4).storeBytes(of: Int16(POLLIN), as: Int16.self)
    u.check("ppoll readable", sc(SYS_ppoll, pfd, 1, 0, 0, 8), 1)
    u.check("ppoll revents", Int(mem(pfd + 6).load(as: Int16.self)), Int(POLLIN))
    let buf = u.alloc(64)
    u.check("pipe read", sc(SYS_read, r, buf, 64), 5)
    u.check("pipe content", memcmpU(buf, msg, 5), 0)
    let tmo = u.alloc(16)
    mem(tmo + 8).storeBytes(of: 10_000_000, as: Int.self)
    let t0 = nowMs(&u)
    u.check("ppoll timeout", sc(SYS_ppoll, pfd, 1, tmo, 0, 8), 0)
    u.checkTrue("ppoll waited 10ms", nowMs(&u) - t0 >= 9, nowMs(&u) - t0)
    u.check("F_SETFL O_NONBLOCK", sc(SYS_fcntl, r, Int(F_SETFL), Int(O_NONBLOCK)), 0)
    u.check("nonblocking read", sc(SYS_read, r, buf, 64), E(EAGAIN))
    u.check("lseek pipe", sc(SYS_lseek, r, 0, Int(SEEK_SET)), E(ESPIPE))
    u.check("read write end", sc(SYS_read, w, buf, 1), E(EBADF))
    _ = sc(SYS_close, w)
    u.check("read after writer closed", sc(SYS_read, r, buf, 64), 0)
    _ = sc(SYS_close, r)
    _ = sc(SYS_pipe2, fds, Int(O_CLOEXEC))
    _ = sc(SYS_close, Int(mem(fds).load(as: Int32.self)))
    u.check("write without reader", sc(SYS_write, Int(mem(fds + 4).load(as: Int32.self)), msg, 5), E(EPIPE))
    _ = sc(SYS_close, Int(mem(fds + 4).load(as: Int32.self)))
    // socketpair
    u.check("socketpair", sc(SYS_socketpair, Int(AF_UNIX), Int(SOCK_STREAM), 0, fds), 0)
    let a = Int(mem(fds).load(as: Int32.self))
    let b = Int(mem(fds + 4).load(as: Int32.self))
    u.check("socket a→b", sc(SYS_write, a, msg, 5), 5)
    u.check("socket b reads", sc(SYS_read, b, buf, 64), 5)
    u.check("socket b→a", sc(SYS_write, b, msg, 3), 3)
    u.check("socket a reads", sc(SYS_read, a, buf, 64), 3)
    u.check("socketpair bad domain", sc(SYS_socketpair, 99, Int(SOCK_STREAM), 0, fds), E(EAFNOSUPPORT))
    _ = sc(SYS_close, a)
    _ = sc(SYS_close, b)
    // a big transfer through a pipe between processes
    _ = sc(SYS_pipe2, fds, 0)
    let pr = Int(mem(fds).load(as: Int32.self))
    let pw = Int(mem(fds + 4).load(as: Int32.self))
    let big = u.alloc(100_000)
    for i in 0..<100_000 { mem(big + i).storeBytes(of: UInt8(truncatingIfNeeded: i * 13), as: UInt8.self) }
    let pid = fork()
    if pid == 0 {
        _ = sc(SYS_close, pr)
        let n = sc(SYS_write, pw, big, 100_000)
        _ = sc(SYS_exit_group, n == 100_000 ? 0 : 1)
    }
    _ = sc(SYS_close, pw)
    let got = u.alloc(100_000)
    var total = 0
    while true {
        let n = sc(SYS_read, pr, got + total, 100_000 - total)
        if n <= 0 { break }
        total += n
    }
    u.check("100000 bytes through a pipe", total, 100_000)
    u.check("pipe transfer content", memcmpU(big, got, 100_000), 0)
    let (wp, st) = waitpid(&u, pid)
    u.check("writer exit", wp == pid ? exitCodeOf(st) : -1, 0)
    _ = sc(SYS_close, pr)
}

private func smokeProcs(_ u: inout U) {
    u.say("smoke: fork, exec, wait, kill, time")
    let pid = fork()
    if pid == 0 { _ = sc(SYS_exit_group, 42) }
    u.checkTrue("fork", pid > 0, pid)
    let (w, st) = waitpid(&u, pid)
    u.check("wait4 pid", w, pid)
    u.check("exit status", exitCodeOf(st), 42)
    u.check("wait4 no children", waitpid(&u, -1).0, E(ECHILD))
    // the child has its own copy of user memory
    let cell = u.alloc(8)
    mem(cell).storeBytes(of: 7, as: Int.self)
    let c2 = fork()
    if c2 == 0 {
        mem(cell).storeBytes(of: 99, as: Int.self)
        _ = sc(SYS_exit_group, mem(cell).load(as: Int.self) == 99 ? 0 : 1)
    }
    let (_, st2) = waitpid(&u, c2)
    u.check("child wrote its copy", exitCodeOf(st2), 0)
    u.check("parent copy unchanged", mem(cell).load(as: Int.self), 7)
    // exec
    let c3 = fork()
    if c3 == 0 {
        let argv = u.alloc(32)
        mem(argv).storeBytes(of: u.str("echo"), as: Int.self)
        mem(argv + 8).storeBytes(of: u.str("  (echo from an exec'd child)"), as: Int.self)
        _ = sc(SYS_execve, u.str("/bin/echo"), argv, 0)
        _ = sc(SYS_exit_group, 5)
    }
    let (_, st3) = waitpid(&u, c3)
    u.check("execve + exit", exitCodeOf(st3), 0)
    u.check("execve missing", sc(SYS_execve, u.str("/bin/nope"), 0, 0), E(ENOENT))
    u.check("execve not a program", sc(SYS_execve, u.str("/tmp/c"), 0, 0), E(EACCES))
    // kill a sleeping child
    let c4 = fork()
    if c4 == 0 {
        _ = sleepMs(&u, 10_000)
        _ = sc(SYS_exit_group, 0)
    }
    _ = sleepMs(&u, 5)
    u.check("kill", sc(SYS_kill, c4, Int(SIGTERM)), 0)
    let (_, st4) = waitpid(&u, c4)
    u.check("killed by SIGTERM", signalOf(st4), Int(SIGTERM))
    u.check("kill gone pid", sc(SYS_kill, c4, 0), E(ESRCH))
    u.check("kill bad signal", sc(SYS_kill, sc(SYS_getpid), 99), E(EINVAL))
    u.check("kill 0 probe", sc(SYS_kill, sc(SYS_getpid), 0), 0)
    u.check("WNOHANG", { () -> Int in
        let c = fork()
        if c == 0 { _ = sleepMs(&u, 20); _ = sc(SYS_exit_group, 0) }
        let r = waitpid(&u, c, Int(WNOHANG)).0
        _ = waitpid(&u, c)
        return r
    }(), 0)
    let t0 = nowMs(&u)
    u.check("nanosleep", sleepMs(&u, 20), 0)
    u.checkTrue("slept 20ms", nowMs(&u) - t0 >= 19, nowMs(&u) - t0)
    u.check("nanosleep bad nsec", { () -> Int in
        let ts = u.alloc(16)
        mem(ts + 8).storeBytes(of: 2_000_000_000, as: Int.self)
        return sc(SYS_nanosleep, ts, 0)
    }(), E(EINVAL))
    let ts = u.alloc(16)
    u.check("clock_gettime REALTIME", sc(SYS_clock_gettime, Int(CLOCK_REALTIME), ts), 0)
    u.checkTrue("realtime after 2020", mem(ts).load(as: Int.self) > 1_577_836_800, mem(ts).load(as: Int.self))
    u.check("clock_gettime bad clock", sc(SYS_clock_gettime, 99, ts), E(EINVAL))
    u.check("sched_yield", sc(SYS_sched_yield), 0)
    u.check("clone bad flags", sc(SYS_clone, Int(CLONE_VM)), E(EINVAL))
    // many children at once
    var kids = 0
    for _ in 0..<20 {
        let c = fork()
        if c == 0 { _ = sleepMs(&u, 2); _ = sc(SYS_exit_group, 3) }
        if c > 0 { kids += 1 }
    }
    var reaped = 0
    while true {
        let (r, s) = waitpid(&u, -1)
        if r < 0 { break }
        if exitCodeOf(s) == 3 { reaped += 1 }
    }
    u.check("20 children reaped", reaped, kids)
    u.check("20 children", kids, 20)
}

private func smokeMemory(_ u: inout U) {
    u.say("smoke: memory")
    let cur = sc(SYS_brk, 0)
    u.checkTrue("brk query", cur > 0, cur)
    let grown = sc(SYS_brk, cur + 8192)
    u.check("brk grow", grown, cur + 8192)
    mem(cur + 8000).storeBytes(of: 12345, as: Int.self)
    u.check("brk memory usable", mem(cur + 8000).load(as: Int.self), 12345)
    u.check("brk shrink", sc(SYS_brk, cur), cur)
    u.check("brk too far", sc(SYS_brk, cur + (1 << 40)), cur)
    let m = sc(SYS_mmap, 0, 3 * 4096, Int(PROT_READ | PROT_WRITE), Int(MAP_PRIVATE | MAP_ANONYMOUS), -1, 0)
    u.checkTrue("mmap", m > 0, m)
    mem(m + 3 * 4096 - 8).storeBytes(of: 77, as: Int.self)
    u.check("mmap memory usable", mem(m + 3 * 4096 - 8).load(as: Int.self), 77)
    let fds = u.alloc(8)
    u.check("syscall into mmap memory", sc(SYS_pipe2, m, 0), 0)
    _ = sc(SYS_close, Int(mem(m).load(as: Int32.self)))
    _ = sc(SYS_close, Int(mem(m + 4).load(as: Int32.self)))
    u.check("munmap middle page", sc(SYS_munmap, m + 4096, 4096), 0)
    u.check("unmapped page is EFAULT", sc(SYS_pipe2, m + 4096, 0), E(EFAULT))
    let sf = sc(SYS_openat, Int(AT_FDCWD), u.str("/bin/smoke"), Int(O_RDONLY))
    u.check("read across into an unmapped page", sc(SYS_read, sf, m + 4096 - 2, 100), E(EFAULT))
    _ = sc(SYS_close, sf)
    u.check("munmap rest", sc(SYS_munmap, m, 3 * 4096), 0)
    u.check("munmap unaligned", sc(SYS_munmap, m + 1, 4096), E(EINVAL))
    let bf = sc(SYS_openat, Int(AT_FDCWD), u.str("/bin/smoke"), Int(O_RDONLY))
    let fm = sc(SYS_mmap, 0, 8192, Int(PROT_READ), Int(MAP_PRIVATE), bf, 0)
    u.checkTrue("mmap file", fm > 0, fm)
    if fm > 0 {
        u.check("mmap file content", Int(mem(fm).load(as: UInt8.self)), 35)                 // "#!builtin smoke"
        u.check("mmap file zero past its end", Int(mem(fm + 4096).load(as: UInt8.self)), 0)
        u.check("munmap file mapping", sc(SYS_munmap, fm, 8192), 0)
    }
    u.check("mmap file unaligned offset", sc(SYS_mmap, 0, 4096, Int(PROT_READ), Int(MAP_PRIVATE), bf, 1), E(EINVAL))
    _ = sc(SYS_close, bf)
    u.check("mmap closed descriptor", sc(SYS_mmap, 0, 4096, Int(PROT_READ), Int(MAP_PRIVATE), bf, 0), E(EBADF))
    u.check("mmap zero length", sc(SYS_mmap, 0, 0, Int(PROT_READ), Int(MAP_PRIVATE | MAP_ANONYMOUS), -1, 0), E(EINVAL))
    _ = fds
}

private func smokeErrors(_ u: inout U) {
    u.say("smoke: bad arguments")
    let at = Int(AT_FDCWD)
    let buf = u.alloc(64)
    u.check("read bad fd", sc(SYS_read, 99, buf, 1), E(EBADF))
    u.check("close -1", sc(SYS_close, -1), E(EBADF))
    let f = sc(SYS_openat, at, u.str("/bin/smoke"), Int(O_RDONLY))
    u.check("read to NULL", sc(SYS_read, f, 0, 5), E(EFAULT))
    u.check("read to a wild pointer", sc(SYS_read, f, 0x1234_5678, 5), E(EFAULT))
    u.check("write from a wild pointer", sc(SYS_write, 1, 0x1000, 5), E(EFAULT))
    u.check("getdents64 on a file", sc(SYS_getdents64, f, buf, 64), E(ENOTDIR))
    u.check("write to read-only fd", sc(SYS_write, f, buf, 1), E(EBADF))
    _ = sc(SYS_close, f)
    u.check("openat bad path pointer", sc(SYS_openat, at, 0x42, Int(O_RDONLY)), E(EFAULT))
    u.check("openat missing", sc(SYS_openat, at, u.str("/nope"), Int(O_RDONLY)), E(ENOENT))
    u.check("openat empty path", sc(SYS_openat, at, u.str(""), Int(O_RDONLY)), E(ENOENT))
    u.check("openat through a file", sc(SYS_openat, at, u.str("/bin/smoke/x"), Int(O_RDONLY)), E(ENOTDIR))
    u.check("O_DIRECTORY on a file", sc(SYS_openat, at, u.str("/bin/smoke"), Int(O_RDONLY | O_DIRECTORY)), E(ENOTDIR))
    u.check("open dir for writing", sc(SYS_openat, at, u.str("/tmp"), Int(O_RDWR)), E(EISDIR))
    u.check("bad access mode", sc(SYS_openat, at, u.str("/tmp"), 3), E(EINVAL))
    u.check("bad dirfd", sc(SYS_openat, 55, u.str("x"), Int(O_RDONLY)), E(EBADF))
    let long = u.alloc(400)
    for i in 0..<300 { mem(long + i).storeBytes(of: i % 2 == 0 ? UInt8(47) : UInt8(97), as: UInt8.self) }
    u.check("path too long", sc(SYS_openat, at, long, Int(O_RDONLY)), E(ENAMETOOLONG))
    let name = u.alloc(80)
    mem(name).storeBytes(of: UInt8(47), as: UInt8.self)
    for i in 1..<70 { mem(name + i).storeBytes(of: UInt8(98), as: UInt8.self) }
    u.check("name too long", sc(SYS_mkdirat, at, name, 0o755), E(ENAMETOOLONG))
    u.check("unknown syscall", sc(299), E(ENOSYS))
    u.check("syscall number out of range", syscall(100_000), E(ENOSYS))
    u.check("negative syscall number", syscall(-1), E(ENOSYS))
    u.check("unlinkat bad flags", sc(SYS_unlinkat, at, u.str("/tmp/c"), 0x8000), E(EINVAL))
    u.check("pipe2 bad flags", sc(SYS_pipe2, buf, 0x7777), E(EINVAL))
    u.check("pipe2 bad pointer", sc(SYS_pipe2, 8, 0), E(EFAULT))
    u.check("fstat bad pointer", sc(SYS_fstat, 1, 0x99), E(EFAULT))
    u.check("wait4 bad options", sc(SYS_wait4, -1, 0, 0x4000, 0), E(EINVAL))
    u.check("ppoll too many", sc(SYS_ppoll, buf, 1000, 0, 0, 8), E(EINVAL))
    u.check("rmdir /", sc(SYS_unlinkat, at, u.str("/"), Int(AT_REMOVEDIR)), E(EBUSY))
    u.check("mkdir /", sc(SYS_mkdirat, at, u.str("/"), 0o755), E(EEXIST))
    u.check("link a directory", sc(SYS_linkat, at, u.str("/tmp"), at, u.str("/t2"), 0), E(EPERM))
    u.check("getcwd bad pointer", sc(SYS_getcwd, 0x10, 100), E(EFAULT))
    // fill the descriptor table
    var opened = 0
    var last = 0
    while true {
        last = sc(SYS_dup, 1)
        if last < 0 { break }
        opened += 1
    }
    u.check("EMFILE", last, E(EMFILE))
    u.checkTrue("64 descriptors", opened > 50, opened)
    for fd in 3..<64 { _ = sc(SYS_close, fd) }
}

func memcmpU(_ a: Int, _ b: Int, _ n: Int) -> Int {
    let p = mem(a).assumingMemoryBound(to: UInt8.self)
    let q = mem(b).assumingMemoryBound(to: UInt8.self)
    for i in 0..<n where p[i] != q[i] { return i + 1 }
    return 0
}

// MARK: - torture

/// Heap exhaustion. HOGS children each fill their descriptor table with pipes, socket pairs
/// or files (kernel heap: File, Pipe, Inode objects) and then sleep holding them; a
/// well-behaved child does small open/close/pipe work meanwhile and must finish cleanly.
/// Run with a small --heap so the hogs cannot all fit: reservations then wait, the killer
/// evicts caches and kills the biggest hogs, and everyone else carries on. Afterwards the
/// parent checks the system still works.
func prog_torture(_ argc: Int, _ argv: Int) -> Int {
    var u = U()
    let hogs = argc > 1 ? max(1, min(atoi(arg(argv, 1)), 40)) : 12
    u.put("torture: "); u.putInt(hogs); u.put(" hogs and one well-behaved child"); u.nl()
    let good = fork()
    if good == 0 { _ = sc(SYS_exit_group, tortureGood(&u)) }
    var started = 0
    for i in 0..<hogs {
        let c = fork()
        if c == 0 { _ = sc(SYS_exit_group, tortureHog(&u, i)) }
        if c > 0 { started += 1 } else { u.put("torture: fork failed: "); u.putInt(-c); u.nl() }
    }
    let (gw, gs) = waitpid(&u, good)
    let goodOK = gw == good && signalOf(gs) == 0 && exitCodeOf(gs) == 0
    u.put("torture: well-behaved child "); u.put(goodOK ? "finished cleanly" : "FAILED"); u.put(" (status ")
    u.putInt(gs); u.put(")"); u.nl()
    _ = sleepMs(&u, 100)
    // stop the surviving hogs (they sleep holding their descriptors)
    var pid = 2
    while pid < 100_000 {
        if pid != sc(SYS_getpid) && pid != good { _ = sc(SYS_kill, pid, Int(SIGTERM)) }
        pid += 1
        if pid > 5000 { break }
    }
    var byKiller = 0
    var byUs = 0
    var exited = 0
    while true {
        let (r, s) = waitpid(&u, -1)
        if r < 0 { break }
        if signalOf(s) == Int(SIGKILL) { byKiller += 1 } else if signalOf(s) == Int(SIGTERM) { byUs += 1 } else { exited += 1 }
    }
    u.put("torture: "); u.putInt(started); u.put(" hogs: "); u.putInt(byKiller); u.put(" killed by the killer, ")
    u.putInt(byUs); u.put(" stopped afterwards, "); u.putInt(exited); u.put(" exited"); u.nl()
    let recovered = tortureRecovered(&u)
    u.put("torture: the system "); u.put(recovered ? "recovered" : "did NOT recover"); u.nl()
    return goodOK && recovered && byKiller + byUs + exited == started ? 0 : 1
}

/// "/tmp/<tag><a>-<b>" in user memory.
private func tortureName(_ u: inout U, _ tag: StaticString, _ a: Int, _ b: Int) -> Int {
    let p = u.alloc(40)
    var k = 0
    func add(_ c: UInt8) { mem(p + k).storeBytes(of: c, as: UInt8.self); k += 1 }
    func addInt(_ v: Int) {
        var d = 1
        while d * 10 <= v { d *= 10 }
        var x = v
        while d > 0 { add(UInt8(48 + x / d)); x %= d; d /= 10 }
    }
    let dir: StaticString = "/tmp/"
    for i in 0..<dir.utf8CodeUnitCount { add(dir.utf8Start[i]) }
    for i in 0..<tag.utf8CodeUnitCount { add(tag.utf8Start[i]) }
    addInt(a)
    add(45)
    addInt(b)
    return p
}

private func tortureHog(_ u: inout U, _ i: Int) -> Int {
    let at = Int(AT_FDCWD)
    let fds = u.alloc(8)
    let st = u.alloc(128)
    var made = 0
    for n in 0..<200 {
        let mark = u.top
        var r = 0
        switch (i + n) % 4 {
        case 0: r = sc(SYS_pipe2, fds, 0)
        case 1: r = sc(SYS_socketpair, Int(AF_UNIX), Int(SOCK_STREAM), 0, fds)
        case 2:
            let name = tortureName(&u, "h", i, n)
            r = sc(SYS_openat, at, name, Int(O_CREAT | O_RDWR), 0o600)
        default:
            // directories live on the RAM disk; looking them up fills the dentry cache
            let name = tortureName(&u, "d", i, n)
            r = sc(SYS_mkdirat, at, name, 0o755)
            if r == 0 { r = sc(SYS_newfstatat, at, name, st, 0) }
        }
        u.top = mark
        if r == E(EMFILE) { break }
        if r < 0 && r != E(ENFILE) && r != E(ENOSPC) { return 10 }
        made += 1
    }
    _ = sleepMs(&u, 60_000)
    return 0
}

private func tortureGood(_ u: inout U) -> Int {
    let at = Int(AT_FDCWD)
    let path = u.str("/tmp/good")
    let data = u.str("0123456789")
    let fds = u.alloc(8)
    for _ in 0..<40 {
        let fd = sc(SYS_openat, at, path, Int(O_CREAT | O_RDWR | O_TRUNC), 0o600)
        if fd < 0 { return 1 }
        if sc(SYS_write, fd, data, 10) != 10 { return 2 }
        if sc(SYS_close, fd) != 0 { return 3 }
        if sc(SYS_pipe2, fds, 0) != 0 { return 4 }
        _ = sc(SYS_close, Int(mem(fds).load(as: Int32.self)))
        _ = sc(SYS_close, Int(mem(fds + 4).load(as: Int32.self)))
        _ = sleepMs(&u, 2)
    }
    return 0
}

private func tortureRecovered(_ u: inout U) -> Bool {
    let fds = u.alloc(8)
    if sc(SYS_pipe2, fds, 0) != 0 { return false }
    let r = Int(mem(fds).load(as: Int32.self))
    let w = Int(mem(fds + 4).load(as: Int32.self))
    let msg = u.str("alive")
    let buf = u.alloc(8)
    let ok1 = sc(SYS_write, w, msg, 5) == 5 && sc(SYS_read, r, buf, 8) == 5
    _ = sc(SYS_close, r)
    _ = sc(SYS_close, w)
    let c = fork()
    if c == 0 { _ = sc(SYS_exit_group, 7) }
    let (_, s) = waitpid(&u, c)
    let fd = sc(SYS_openat, Int(AT_FDCWD), u.str("/tmp/after"), Int(O_CREAT | O_RDWR), 0o600)
    let ok2 = fd >= 0 && sc(SYS_close, fd) == 0
    return ok1 && ok2 && exitCodeOf(s) == 7
}
