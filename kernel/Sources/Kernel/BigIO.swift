// BigIO.swift — `bigio`: big reads and writes whose results must be exact (issue 5's
// fault-injection run: `Kernel --inject-faults --run bigio`).
//
// Every read and write below spans many pages, so it runs readi/writei's deep-reservation
// loop (one reservation per page) for many iterations. Under --inject-faults the first call
// that reaches each site fails there once in its first iteration and once in a later one: it
// unwinds with ENOHEAP and restarts (an append returns a short write instead, which the
// program's loop continues). Either way the data read must equal the data written and every
// return value must be what POSIX promises: full counts for reads and writes of regular files
// (an append may be short; the loop writes the rest), offsets advanced exactly once.
// Several processes do it at once, each on its own file.
import KernelC
import KernelCore

private let kBig = 300_000          // 74 pages

func prog_bigio(_ argc: Int, _ argv: Int) -> Int {
    var u = U(heap: 1 << 20)
    u.verbose = false
    let procs = argc > 1 ? max(1, min(atoi(arg(argv, 1)), 8)) : 3
    var kids = 0
    for k in 1..<procs {
        let c = fork()
        if c == 0 { _ = sc(SYS_exit_group, bigioOne(&u, k) ? 0 : 1) }
        if c > 0 { kids += 1 }
    }
    var ok = bigioOne(&u, 0)
    var reaped = 0
    while true {
        let (r, s) = waitpid(&u, -1)
        if r < 0 { break }
        reaped += 1
        if signalOf(s) != 0 || exitCodeOf(s) != 0 { ok = false; u.put("bigio: a child failed (status "); u.putInt(s); u.say(")") }
    }
    if reaped != kids { ok = false }
    u.put("bigio: "); u.putInt(u.checks - u.failures); u.put(" of "); u.putInt(u.checks); u.put(" checks in process 0; ")
    u.say(ok ? "all checks passed" : "FAILED")
    return ok ? 0 : 1
}

/// "/tmp/bigio<k>" in user memory.
private func bigioPath(_ u: inout U, _ k: Int) -> Int {
    let p = u.alloc(16)
    let s: StaticString = "/tmp/bigio"
    mem(p).copyMemory(from: s.utf8Start, byteCount: s.utf8CodeUnitCount)
    mem(p + s.utf8CodeUnitCount).storeBytes(of: UInt8(48 + k), as: UInt8.self)
    return p
}

private func bigioOne(_ u: inout U, _ k: Int) -> Bool {
    let at = Int(AT_FDCWD)
    let path = bigioPath(&u, k)
    let data = u.alloc(kBig)
    let back = u.alloc(kBig)
    for i in 0..<kBig { mem(data + i).storeBytes(of: UInt8(truncatingIfNeeded: i &* 31 &+ i >> 8 &+ k), as: UInt8.self) }
    let failuresBefore = u.failures

    // 1. an append of the whole buffer: may be short; the loop writes the rest
    let fa = sc(SYS_openat, at, path, Int(O_CREAT | O_RDWR | O_TRUNC | O_APPEND), 0o600)
    u.checkTrue("open for append", fa >= 0, fa)
    var done = 0
    var shortWrites = 0
    while done < kBig {
        let r = sc(SYS_write, fa, data + done, kBig - done)
        if r <= 0 || r > kBig - done { u.check("append write", r, kBig - done); break }
        if r < kBig - done { shortWrites += 1 }
        done += r
    }
    u.check("appended bytes", done, kBig)
    u.check("offset after append", sc(SYS_lseek, fa, 0, Int(SEEK_CUR)), kBig)
    _ = sc(SYS_close, fa)

    // 2. one read of the whole file: exactly kBig bytes, the same bytes
    let f = sc(SYS_openat, at, path, Int(O_RDWR))
    u.check("read all", sc(SYS_read, f, back, kBig), kBig)
    u.check("read content", memcmpU(data, back, kBig), 0)
    u.check("offset after read", sc(SYS_lseek, f, 0, Int(SEEK_CUR)), kBig)
    u.check("read at EOF", sc(SYS_read, f, back, 100), 0)

    // 3. a write through the offset (not append): full count, offset advanced once
    for i in 0..<kBig { mem(data + i).storeBytes(of: UInt8(truncatingIfNeeded: i &* 7 &+ 3 &+ k), as: UInt8.self) }
    u.check("rewind", sc(SYS_lseek, f, 1000, Int(SEEK_SET)), 1000)
    u.check("write 100000 at 1000", sc(SYS_write, f, data, 100_000), 100_000)
    u.check("offset after write", sc(SYS_lseek, f, 0, Int(SEEK_CUR)), 101_000)

    // 4. pwrite and pread at unaligned offsets, across the file's direct and indirect blocks
    u.check("pwrite64 200000 at 4095", sc(SYS_pwrite64, f, data + 100_000, 200_000, 4095), 200_000)
    u.check("pread64 200000 at 4095", sc(SYS_pread64, f, back, 200_000, 4095), 200_000)
    u.check("pread64 content", memcmpU(data + 100_000, back, 200_000), 0)
    u.check("offset unchanged by pread/pwrite", sc(SYS_lseek, f, 0, Int(SEEK_CUR)), 101_000)
    let st = u.alloc(128)
    _ = sc(SYS_fstat, f, st)
    u.check("file size", mem(st + 48).load(as: Int.self), 4095 + 200_000 >= kBig ? 4095 + 200_000 : kBig)

    // 5. read back the whole file and compare with what it must now hold
    let expect = u.alloc(kBig + 8192)
    for i in 0..<kBig { mem(expect + i).storeBytes(of: UInt8(truncatingIfNeeded: i &* 31 &+ i >> 8 &+ k), as: UInt8.self) }
    mem(expect + 1000).copyMemory(from: mem(data), byteCount: 100_000)
    mem(expect + 4095).copyMemory(from: mem(data + 100_000), byteCount: 200_000)
    let size = mem(st + 48).load(as: Int.self)
    u.check("pread64 whole file", sc(SYS_pread64, f, back, kBig, 0), min(kBig, size))
    u.check("whole file content", memcmpU(expect, back, min(kBig, size)), 0)

    // 6. a sparse write far out (indirect block) and a read across the hole
    u.check("pwrite64 at 2 MiB", sc(SYS_pwrite64, f, data, 50_000, 2 << 20), 50_000)
    u.check("pread64 across the hole", sc(SYS_pread64, f, back, 60_000, (2 << 20) - 10_000), 60_000)
    var zeros = true
    for i in 0..<10_000 where mem(back + i).load(as: UInt8.self) != 0 { zeros = false }
    u.checkTrue("hole reads as zeros", zeros, 0)
    u.check("data after the hole", memcmpU(data, back + 10_000, 50_000), 0)
    _ = sc(SYS_close, f)
    u.check("unlink", sc(SYS_unlinkat, at, path, 0), 0)
    if shortWrites > 0 { u.put("bigio: process "); u.putInt(k); u.put(" saw "); u.putInt(shortWrites); u.say(" short append write(s)") }
    return u.failures == failuresBefore
}
