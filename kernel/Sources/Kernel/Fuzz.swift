// Fuzz.swift — `fuzz SEED COUNT [WORKERS] [TRACE]`: a system call fuzzer (issue 6).
//
// The parent forks WORKERS (default 4) processes; each makes COUNT/WORKERS random system
// calls with random, boundary and invalid arguments: bad pointers (NULL, the unmapped first
// MiB, past the brk end, unmapped mmap pages, read-only mappings, kernel addresses, wild
// values), huge and negative lengths and offsets, closed, negative and out-of-range
// descriptors, deep, long, empty and unterminated paths, over-long names, full directories
// (the inode table filled), full descriptor tables, invalid flags and numbers. Workers fork
// children (which fork grandchildren) that fuzz briefly and exit or exec.
//
// Every worker's call sequence comes from its own generator, seeded from SEED and the worker
// index, so a run is replayed with the same SEED (the interleaving of processes can differ:
// the scheduler's time slice is wall-clock). With TRACE = 1 every call is printed before it
// is made. The kernel stops on a contract breach, an allocation failure or a panic and prints
// the call it was running; the fuzzer checks results (never ENOHEAP, errors in range, counts
// within what was asked) and data integrity on a private file, and prints the seed and the
// call of any anomaly.
//
// User-side rules the fuzzer keeps so that only the kernel is under test: it never unmaps or
// shrinks its own brk heap or stack, never touches mmap memory itself (it only hands it to
// the kernel), keeps descriptors 0–2, creates every pipe and socket non-blocking (so reads
// cannot block forever), never sleeps or polls without a short timeout, kills only its own
// children, and mutates only names from its own alphabet, so /bin, /dev and /tmp survive.
import KernelC
import KernelCore

struct Rng {
    var s: UInt64
    mutating func next() -> UInt64 {
        s &+= 0x9E37_79B9_7F4A_7C15
        var z = s
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    mutating func chance(_ pct: Int) -> Bool { below(100) < pct }
}

private let kFuzzBuf = 64 << 10
/// The user window's layout (KernelCore/VM.swift): the mmap area starts 256 MiB in; the
/// window is 1 GiB with the stack at its top, growing down at most 8 MiB.
private let kFuzzMmapBase = 256 << 20
private let kFuzzWindow = 1 << 30
private let kMaxKids = 4

struct Fuzzer {
    var u: U
    var rng: Rng
    var seed = 0
    var worker = 0
    var depth = 0
    var calls = 0
    var budget = 0
    var anomalies = 0
    var trace = false
    var kidsMade = 0
    // user memory
    var buf = 0          // kFuzzBuf bytes of scratch
    var path = 0         // 1024 bytes
    var path2 = 0        // 1024 bytes
    var argvArea = 0     // 64 pointers
    var kids = 0         // kMaxKids pids
    var nkids = 0
    var maps = 0         // 8 tracked mmap results (never dereferenced by the fuzzer)
    var tail = 0         // the last 64 bytes of the brk heap, for unterminated strings
    var priv = 0         // the private file's path
    var privData = 0     // 8 KiB: what the private file should hold
    var privBack = 0     // 8 KiB
    var uwin = 0         // the user window's base (brk start - 1 MiB)
    var brkEnd = 0       // the end of the fuzzer's own heap: brk never goes below it
    var lastRet = 0
    var pid = 0
    var succeeded = 0

    init(seed: Int, worker: Int, budget: Int, trace: Bool) {
        u = U(heap: 128 << 10)
        u.verbose = false
        rng = Rng(s: UInt64(bitPattern: Int64(seed)) &* 0x2545_F491_4F6C_DD1D &+ UInt64(worker) &* 0x9E37_79B9)
        _ = rng.next()
        self.seed = seed
        self.worker = worker
        self.budget = budget
        self.trace = trace
        buf = u.alloc(kFuzzBuf)
        path = u.alloc(1024)
        path2 = u.alloc(1024)
        argvArea = u.alloc(64 * 8)
        kids = u.alloc(kMaxKids * 8)
        maps = u.alloc(8 * 8)
        privData = u.alloc(8192)
        privBack = u.alloc(8192)
        priv = u.alloc(32)
        uwin = u.base - (1 << 20)
        // the tail: the heap's last bytes, right below an unmapped page
        brkEnd = u.end
        tail = u.end - 64
        for i in 0..<kFuzzBuf / 8 { mem(buf + i * 8).storeBytes(of: rng.next(), as: UInt64.self) }
    }

    // MARK: making calls

    /// Make system call `n`, count it, trace it and check the result.
    mutating func call(_ n: Int, _ a0: Int = 0, _ a1: Int = 0, _ a2: Int = 0, _ a3: Int = 0, _ a4: Int = 0, _ a5: Int = 0) -> Int {
        calls += 1
        if trace {
            u.put("fuzz: w"); u.putInt(worker); u.put("."); u.putInt(depth); u.put(" #"); u.putInt(calls)
            u.put(" sys "); u.putInt(n); u.put("("); u.putInt(a0); u.put(", "); u.putInt(a1); u.put(", ")
            u.putInt(a2); u.put(", "); u.putInt(a3); u.put(", "); u.putInt(a4); u.put(", "); u.putInt(a5); u.put(")"); u.nl()
        }
        let r = syscall(n, a0, a1, a2, a3, a4, a5)
        lastRet = r
        if r >= 0 { succeeded += 1 }
        var bad = r == E(ENOHEAP)
        // addresses (mmap, brk) and offsets (lseek) are large; errors are -1…-133
        if r < 0 && r < -133 { bad = true }
        if (n == Int(SYS_read) || n == Int(SYS_pread64) || n == Int(SYS_write) || n == Int(SYS_pwrite64)) && r > 0 && r > a2 { bad = true }
        if n == Int(SYS_getdents64) && r > 0 && r > a2 { bad = true }
        if bad { anomaly("unexpected result", n, a0, a1, a2, a3, a4, a5, r) }
        return r
    }

    mutating func anomaly(_ what: StaticString, _ n: Int, _ a0: Int, _ a1: Int, _ a2: Int, _ a3: Int, _ a4: Int, _ a5: Int, _ r: Int) {
        anomalies += 1
        u.put("fuzz: ANOMALY ("); u.put(what); u.put(") seed "); u.putInt(seed); u.put(" worker "); u.putInt(worker)
        u.put(" depth "); u.putInt(depth); u.put(" call #"); u.putInt(calls); u.put(": sys "); u.putInt(n)
        u.put("("); u.putInt(a0); u.put(", "); u.putInt(a1); u.put(", "); u.putInt(a2); u.put(", "); u.putInt(a3)
        u.put(", "); u.putInt(a4); u.put(", "); u.putInt(a5); u.put(") = "); u.putInt(r); u.nl()
    }

    // MARK: argument generators

    /// One of the arguments, each equally likely. The optional tail stands in for a variadic
    /// parameter, which would build an array on the (kernel) heap.
    mutating func pick(_ a: Int, _ b: Int, _ c: Int? = nil, _ d: Int? = nil, _ e: Int? = nil, _ f: Int? = nil,
                       _ g: Int? = nil, _ h: Int? = nil, _ i: Int? = nil, _ j: Int? = nil, _ k: Int? = nil,
                       _ l: Int? = nil, _ m: Int? = nil) -> Int {
        let tail = (c, d, e, f, g, h, i, j, k, l, m)
        let given = withUnsafeBytes(of: tail) { raw -> Int in
            var n = 0
            while n < 11 && raw.load(fromByteOffset: n * MemoryLayout<Int?>.stride, as: Int?.self) != nil { n += 1 }
            return n
        }
        let choice = rng.below(2 + given)
        if choice == 0 { return a }
        if choice == 1 { return b }
        return withUnsafeBytes(of: tail) { $0.load(fromByteOffset: (choice - 2) * MemoryLayout<Int?>.stride, as: Int?.self)! }
    }

    /// A descriptor: mostly small and probably open, sometimes closed, negative or huge.
    mutating func fd(allowStd: Bool = false) -> Int {
        let k = rng.below(100)
        var f: Int
        if k < 70 { f = 3 + rng.below(14) } else if k < 80 { f = 3 + rng.below(61) } else if k < 88 { f = rng.below(3) } else {
            f = pick(-1, -2, -100, 64, 65, 1000, Int(Int32.max), Int.max, Int.min, -1 << 40)
        }
        if !allowStd && f >= 0 && f < 3 { f += 3 + rng.below(8) }
        return f
    }

    /// A pointer that is not valid user memory (or not for writing).
    mutating func badPtr() -> Int {
        switch rng.below(12) {
        case 0: return 0
        case 1: return 8 + rng.below(4096)
        case 2: return uwin + rng.below(1 << 20)                       // the never-mapped first MiB
        case 3: return brkEnd + kPageSize * (2 + rng.below(64))       // past the brk heap
        case 4: return uwin + kFuzzWindow - (12 << 20) + rng.below(1 << 20)   // between the mmap area and the stack's reach
        case 5: return uwin + kFuzzWindow + rng.below(1 << 20)        // above the stack
        case 6: return Int(bitPattern: UInt(bitPattern: kBuiltinHelp.utf8Start))  // the kernel image
        case 7: return -1 - rng.below(1 << 20)
        case 8: return Int.max - rng.below(64)
        case 9: return uwin - kPageSize * (1 + rng.below(16))
        case 10:
            let m = mem(maps + 8 * rng.below(8)).load(as: Int.self)   // maybe unmapped or read-only
            return m != 0 ? m + rng.below(8192) : 0x1000
        default: return Int(bitPattern: 0x7fff_ffff_f000 &+ UInt(rng.below(4096)))
        }
    }

    /// A pointer that is never mapped (for inputs whose content could make the call block
    /// for a long time, such as timeouts: a "bad" pointer into valid memory would be obeyed).
    mutating func surelyBadPtr() -> Int {
        switch rng.below(6) {
        case 0: return 0
        case 1: return uwin + rng.below(1 << 20)
        case 2: return uwin + kFuzzWindow + rng.below(1 << 20)
        case 3: return Int(bitPattern: UInt(bitPattern: kBuiltinHelp.utf8Start))
        case 4: return -1 - rng.below(1 << 20)
        default: return Int.max - rng.below(64)
        }
    }

    /// A length: zero, one, page boundaries, random, or huge / negative.
    mutating func length() -> Int {
        switch rng.below(14) {
        case 0: return 0
        case 1: return 1
        case 2: return pick(4095, 4096, 4097, 8191, 8192, 8193)
        case 3: return pick(1 << 40, Int.max, -1, Int.min, -4096, Int(UInt32.max), 1 << 31)
        case 4: return kFuzzBuf + rng.below(1 << 20)
        case 5, 6: return 1 + rng.below(kFuzzBuf)
        default: return 1 + rng.below(600)
        }
    }

    /// A buffer for `len` bytes: mostly inside the scratch buffer; sometimes running off the
    /// end of the heap, in an mmap region (possibly read-only or unmapped) or bad.
    mutating func buffer(_ len: Int) -> Int {
        let k = rng.below(100)
        if k < 75 {
            let l = max(0, min(len, kFuzzBuf))
            return buf + rng.below(kFuzzBuf - l + 1)
        }
        if k < 83 { return brkEnd - rng.below(4096) - 1 }               // straddles the heap's end
        if k < 90 {
            let m = mem(maps + 8 * rng.below(8)).load(as: Int.self)
            if m != 0 { return m + rng.below(4096) }
        }
        return badPtr()
    }

    /// Out-pointers for small structures (stat, timespec, int[2]).
    mutating func outPtr() -> Int { rng.chance(80) ? buf + 8 * rng.below(kFuzzBuf / 8 - 64) : badPtr() }

    // MARK: paths

    /// Components the fuzzer may create, rename or delete: none is "bin", "dev" or "tmp".
    mutating func component(_ p: inout Int) {
        let names: StaticString = "abcdefgh"
        switch rng.below(20) {
        case 0:                                  // a name of 58…66 bytes (the limit is 60)
            let n = 58 + rng.below(9)
            for _ in 0..<n { put(&p, UInt8(97 + rng.below(3))) }
        case 1: put(&p, 110); put(&p, UInt8(48 + rng.below(10))); put(&p, UInt8(48 + rng.below(10)))   // "nXY"
        case 2: putS(&p, "deep")
        default: put(&p, names.utf8Start[rng.below(8)])
        }
    }

    @inline(__always) func put(_ p: inout Int, _ c: UInt8) {
        mem(p).storeBytes(of: c, as: UInt8.self)
        p += 1
    }

    func putNum(_ p: inout Int, _ v: Int) {
        var d = 1
        while d * 10 <= v { d *= 10 }
        var x = v
        while d > 0 { put(&p, UInt8(48 + x / d)); x %= d; d /= 10 }
    }

    func putS(_ p: inout Int, _ s: StaticString) {
        for i in 0..<s.utf8CodeUnitCount { put(&p, s.utf8Start[i]) }
    }

    /// A path the fuzzer may mutate: under /tmp/fz, or relative to the cwd (never climbing
    /// above where it starts), or deep, long, empty, unterminated or bad.
    mutating func mpath(_ at: Int) -> Int {
        var p = at
        let k = rng.below(100)
        if k < 45 || k >= 95 {
            putS(&p, "/tmp/fz")
            let n = rng.below(4)
            var depth = 0
            for _ in 0..<n {
                put(&p, 47)
                if depth > 0 && rng.chance(8) { putS(&p, ".."); depth -= 1; continue }
                if rng.chance(5) { put(&p, 46); continue }
                if rng.chance(5) { put(&p, 47) }
                component(&p)
                depth += 1
            }
            if rng.chance(5) { put(&p, 47) }
        } else if k < 60 {
            let n = 1 + rng.below(3)
            for i in 0..<n {
                if i > 0 { put(&p, 47) }
                component(&p)
            }
        } else if k < 70 {
            putS(&p, "/tmp/fz/deep")
            let n = rng.below(64)
            for _ in 0..<n { putS(&p, "/d") }
        } else if k < 76 {
            // 250…262 bytes: around the 256-byte limit (with NUL)
            let n = 250 + rng.below(13)
            putS(&p, "/tmp/fz/")
            while p - at < n { put(&p, rng.chance(50) ? 47 : 97) }
        } else if k < 80 {
            // more than 128 components of "."
            putS(&p, "/tmp/fz")
            for _ in 0..<(100 + rng.below(40)) { putS(&p, "/.") }
        } else if k < 84 {
            // empty, or slashes only
            let n = rng.below(3)
            for _ in 0..<n { put(&p, 47) }
        } else if k < 90 {
            // unterminated: the heap's last bytes run into an unmapped page
            let n = 1 + rng.below(63)
            for i in 0..<64 { mem(tail + i).storeBytes(of: UInt8(97), as: UInt8.self) }
            if rng.chance(30) { mem(tail + 63).storeBytes(of: UInt8(0), as: UInt8.self) }
            return tail + 64 - n
        } else {
            return badPtr()
        }
        put(&p, 0)
        return at
    }

    /// A path for calls that only look (stat, access, open read-only, exec, chdir).
    mutating func rpath(_ at: Int) -> Int {
        if rng.chance(70) { return mpath(at) }
        var p = at
        switch rng.below(10) {
        case 0: putS(&p, "/")
        case 1: putS(&p, "/bin")
        case 2: putS(&p, "/bin/true")
        case 3: putS(&p, "/dev/console")
        case 4: putS(&p, "/tmp")
        case 5: putS(&p, ".")
        case 6: putS(&p, "..")
        case 7: putS(&p, "/nope/x")
        case 8: putS(&p, "/bin/true/x")
        default: putS(&p, "/tmp/fz/deep/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d")
        }
        put(&p, 0)
        return at
    }

    /// Is the NUL-terminated path at `va` (inside our own memory) one of the read-only ones?
    func pathIsSpecial(_ va: Int) -> Bool {
        if va < buf || va >= brkEnd { return false }
        let c0 = mem(va).load(as: UInt8.self)
        if c0 != 47 { return c0 == 46 }                       // ".", "..": relative dots
        // absolute paths the fuzzer may mutate all start with /tmp/fz
        let want: StaticString = "/tmp/fz"
        for i in 0..<want.utf8CodeUnitCount where mem(va + i).load(as: UInt8.self) != want.utf8Start[i] { return true }
        return false
    }

    mutating func dirfd() -> Int { rng.chance(75) ? Int(AT_FDCWD) : fd(allowStd: true) }

    // MARK: one random call

    mutating func step() {
        let at = Int(AT_FDCWD)
        switch rng.below(117) {
        case 0..<9:                                          // openat
            let pth = rng.chance(50) ? mpath(path) : rpath(path)
            var flags = pick(Int(O_RDONLY), Int(O_WRONLY), Int(O_RDWR), Int(O_RDWR), 3)
            if rng.chance(50) { flags |= Int(O_CREAT) }
            if rng.chance(15) { flags |= Int(O_EXCL) }
            if rng.chance(15) { flags |= Int(O_TRUNC) }
            if rng.chance(15) { flags |= Int(O_APPEND) }
            if rng.chance(10) { flags |= Int(O_DIRECTORY) }
            if rng.chance(20) { flags |= Int(O_CLOEXEC) }
            if rng.chance(10) { flags |= Int(O_NONBLOCK) }
            if rng.chance(10) { flags |= Int(O_NOFOLLOW) }
            if rng.chance(5) { flags |= rng.below(1 << 30) }
            if pathIsSpecial(pth) { flags &= ~(Int(O_ACCMODE) | Int(O_CREAT) | Int(O_TRUNC)) }
            let mode = rng.chance(90) ? pick(0o644, 0o600, 0o755, 0o777, 0) : rng.below(1 << 20)
            _ = call(Int(SYS_openat), rng.chance(85) ? at : dirfd(), pth, flags, mode)
        case 9..<16:                                         // close
            _ = call(Int(SYS_close), fd())
        case 16..<23:                                        // read
            let n = length()
            _ = call(Int(SYS_read), fd(allowStd: rng.chance(10)), buffer(n), n)
        case 23..<30:                                        // write
            let n = length()
            _ = call(Int(SYS_write), fd(), buffer(n), n)
        case 30..<33:                                        // pread64
            let n = length()
            _ = call(Int(SYS_pread64), fd(), buffer(n), n, offset())
        case 33..<36:                                        // pwrite64
            let n = length()
            _ = call(Int(SYS_pwrite64), fd(), buffer(n), n, offset())
        case 36..<39:                                        // lseek
            _ = call(Int(SYS_lseek), fd(allowStd: true), rng.chance(50) ? offset() : -offset(), pick(0, 1, 2, 2, 3, -1, 99))
        case 39..<42:                                        // dup
            _ = call(Int(SYS_dup), fd())
        case 42..<44:                                        // dup3
            var nfd = fd()
            if rng.chance(10) { nfd = pick(-1, 64, 99, Int.max) }
            _ = call(Int(SYS_dup3), fd(), nfd, rng.chance(80) ? pick(0, Int(O_CLOEXEC)) : rng.below(1 << 24))
        case 44..<47:                                        // fcntl
            let cmd = pick(Int(F_DUPFD), Int(F_DUPFD_CLOEXEC), Int(F_GETFD), Int(F_SETFD), Int(F_GETFL), Int(F_SETFL), 99, -1)
            var arg = rng.chance(80) ? rng.below(70) : pick(-1, Int.max, 1 << 40)
            if cmd == Int(F_SETFL) { arg = (rng.below(1 << 16) & Int(O_APPEND)) | Int(O_NONBLOCK) }   // pipes stay non-blocking
            let dupe = cmd == Int(F_DUPFD) || cmd == Int(F_DUPFD_CLOEXEC)
            _ = call(Int(SYS_fcntl), fd(allowStd: !dupe), cmd, arg)
        case 47..<50:                                        // pipe2 (always non-blocking)
            var flags = Int(O_NONBLOCK) | (rng.chance(30) ? Int(O_CLOEXEC) : 0)
            if rng.chance(10) { flags |= 1 << (12 + rng.below(10)) }
            _ = call(Int(SYS_pipe2), rng.chance(85) ? outPtr() : readOnlyMap(), flags)
        case 50..<52:                                        // socketpair (always non-blocking)
            let domain = rng.chance(90) ? Int(AF_UNIX) : pick(0, 2, 99, -1)
            var type = Int(SOCK_STREAM) | Int(SOCK_NONBLOCK) | (rng.chance(30) ? Int(SOCK_CLOEXEC) : 0)
            if rng.chance(10) { type = pick(2, 5, Int(SOCK_STREAM) | (1 << 20), -1) | Int(SOCK_NONBLOCK) }
            _ = call(Int(SYS_socketpair), domain, type, rng.chance(90) ? 0 : pick(1, 6, -1), rng.chance(85) ? outPtr() : badPtr())
        case 52..<55:                                        // getdents64
            let n = rng.chance(50) ? pick(0, 8, 23, 24, 32, -1, Int.max) : rng.below(4096)
            _ = call(Int(SYS_getdents64), fd(), buffer(max(n, 0)), n)
        case 55..<58:                                        // newfstatat
            let flags = rng.chance(80) ? pick(0, 0, Int(AT_EMPTY_PATH), Int(AT_SYMLINK_NOFOLLOW)) : rng.below(1 << 16)
            _ = call(Int(SYS_newfstatat), dirfd(), rpath(path), outPtr(), flags)
        case 58..<60:                                        // fstat
            _ = call(Int(SYS_fstat), fd(allowStd: true), outPtr())
        case 60..<62:                                        // faccessat
            let mode = rng.chance(90) ? rng.below(8) : pick(8, -1, 1 << 20)
            if rng.chance(50) {
                _ = call(Int(SYS_faccessat), dirfd(), rpath(path), mode)
            } else {
                let flags = rng.chance(85) ? pick(0, Int(AT_EACCESS), Int(AT_SYMLINK_NOFOLLOW), Int(AT_EMPTY_PATH)) : rng.below(1 << 16)
                _ = call(Int(SYS_faccessat2), dirfd(), rpath(path), mode, flags)
            }
        case 62..<66:                                        // mkdirat
            _ = call(Int(SYS_mkdirat), rng.chance(85) ? at : dirfd(), mpath(path), pick(0o755, 0o700, 0, 0o7777))
        case 66..<70:                                        // unlinkat
            let flags = rng.chance(90) ? pick(0, Int(AT_REMOVEDIR)) : rng.below(1 << 16)
            _ = call(Int(SYS_unlinkat), rng.chance(85) ? at : dirfd(), mpath(path), flags)
        case 70..<72:                                        // linkat, symlinkat
            if rng.chance(50) {
                let flags = rng.chance(90) ? 0 : pick(Int(AT_SYMLINK_FOLLOW), Int(AT_EMPTY_PATH), 1, -1)
                _ = call(Int(SYS_linkat), at, mpath(path), at, mpath(path2), flags)
            } else {
                // the target is one of the fuzzer's own paths (never /bin's or /dev's), so links
                // chain, loop, dangle and lead into /tmp/fz's subdirectories, but only there
                _ = call(Int(SYS_symlinkat), mpath(path), rng.chance(85) ? at : dirfd(), mpath(path2))
            }
        case 72..<75:                                        // renameat2
            let flags = rng.chance(85) ? pick(0, Int(RENAME_NOREPLACE)) : pick(Int(RENAME_EXCHANGE), Int(RENAME_WHITEOUT), -1)
            _ = call(Int(SYS_renameat2), rng.chance(90) ? at : dirfd(), mpath(path), at, mpath(path2), flags)
        case 75:                                             // truncate
            _ = call(Int(SYS_truncate), mpath(path), fileLength())
        case 76:                                             // ftruncate
            _ = call(Int(SYS_ftruncate), fd(), fileLength())
        case 77:                                             // fsync, sync
            _ = rng.chance(70) ? call(Int(SYS_fsync), fd(allowStd: true)) : call(Int(SYS_sync))
        case 78:                                             // chdir (looks only)
            _ = call(Int(SYS_chdir), rng.chance(30) ? rpath(path) : mpath(path))
        case 79:                                             // getcwd
            let n = rng.chance(50) ? pick(0, 1, 2, 8, 64, -1) : rng.below(4096)
            _ = call(Int(SYS_getcwd), rng.chance(85) ? buffer(max(n, 0)) : badPtr(), n)
        case 80..<82:                                        // ppoll
            pollOnce()
        case 82:                                             // nanosleep (short)
            let ts = buf + 8 * rng.below(1000)
            mem(ts).storeBytes(of: rng.chance(90) ? 0 : pick(-1, 0), as: Int.self)
            mem(ts + 8).storeBytes(of: rng.chance(85) ? rng.below(100_000) : pick(-1, 1_000_000_000, Int.max), as: Int.self)
            _ = call(Int(SYS_nanosleep), rng.chance(90) ? ts : surelyBadPtr(), rng.chance(50) ? 0 : outPtr())
        case 83:                                             // clock_gettime
            _ = call(Int(SYS_clock_gettime), rng.chance(80) ? rng.below(8) : pick(-1, 99, Int.max), outPtr())
        case 84:                                             // small ones
            switch rng.below(3) {
            case 0: _ = call(Int(SYS_getpid))
            case 1: _ = call(Int(SYS_getppid))
            default: _ = call(Int(SYS_sched_yield))
            }
        case 85:                                             // kill
            killOne()
        case 86:                                             // brk
            var a = 0
            switch rng.below(5) {
            case 0: a = 0
            case 1: a = brkEnd + rng.below(1 << 20)
            case 2: a = brkEnd
            case 3: a = pick(uwin + kFuzzMmapBase + 1, Int.max, -1, uwin)      // too far, or below the start
            default: a = brkEnd + kPageSize * rng.below(4)
            }
            _ = call(Int(SYS_brk), a)
        case 87..<89:                                        // mmap
            mmapOne()
        case 89..<91:                                        // munmap
            munmapOne()
        case 91:                                             // wait4
            waitOne(block: false)
        case 92, 93:                                         // fork
            forkOne()
        case 94:                                             // execve
            execOne()
        case 95:                                             // a number that is no system call
            let n = pick(0, 1, 5, 16, 299, 300, 301, 512, -1, -2, Int.max, Int.min, 1 << 20)
            let r = call(n, rng.below(100), badPtr())
            if r != E(ENOSYS) { anomaly("not ENOSYS", n, 0, 0, 0, 0, 0, 0, r) }
        case 96:
            privateCheck()
        case 97:
            if rng.chance(15) { burst() } else { _ = call(Int(SYS_close), fd()) }
        case 98..<100:                                       // mprotect (only the mmap area's own mappings)
            let m = mem(maps + 8 * rng.below(8)).load(as: Int.self)
            let addr = m != 0 ? m + kPageSize * rng.below(3) : (rng.chance(50) ? badPtr() : uwin + kFuzzMmapBase)
            let prot = rng.chance(85) ? pick(Int(PROT_READ), Int(PROT_READ) | Int(PROT_WRITE), Int(PROT_NONE), 7) : pick(8, -1, 0xff)
            _ = call(Int(SYS_mprotect), rng.chance(90) ? addr : addr + 1, rng.chance(85) ? kPageSize * rng.below(6) : length(), prot)
        case 100:                                            // mremap of a mapping of the mmap area
            let m = mem(maps + 8 * rng.below(8)).load(as: Int.self)
            let old = m != 0 ? m : uwin + kFuzzMmapBase
            let r = call(Int(SYS_mremap), old, kPageSize * rng.below(4), rng.chance(85) ? kPageSize * (1 + rng.below(32)) : length(),
                         rng.chance(80) ? Int(MREMAP_MAYMOVE) : pick(0, 2, 3, -1), 0)
            if r > 0 && r & (kPageSize - 1) == 0 { mem(maps + 8 * rng.below(8)).storeBytes(of: r, as: Int.self) }
        case 101..<103:                                      // writev, readv
            let iov = buf + 16 * rng.below(kFuzzBuf / 16 - 64)
            let count = rng.chance(85) ? rng.below(9) : pick(-1, 1024, 1025, Int.max, 1000 + rng.below(24))
            for i in 0..<min(max(count, 0), 8) {
                let n = rng.chance(90) ? rng.below(600) : length()
                mem(iov + 16 * i).storeBytes(of: rng.chance(90) ? buffer(max(n, 0)) : badPtr(), as: Int.self)
                mem(iov + 16 * i + 8).storeBytes(of: n, as: Int.self)
            }
            _ = call(rng.chance(50) ? Int(SYS_writev) : Int(SYS_readv), fd(), rng.chance(90) ? iov : badPtr(), count)
        case 103:                                            // ioctl
            let req = pick(Int(TCGETS), Int(TCSETS), Int(TIOCGWINSZ), Int(TIOCSWINSZ), Int(TIOCGPGRP), 0x5401 | (1 << 32), rng.below(1 << 16))
            _ = call(Int(SYS_ioctl), fd(allowStd: true), req, rng.chance(80) ? outPtr() : badPtr())
        case 104:                                            // who and what: uname, ids, limits, system
            switch rng.below(9) {
            case 0: _ = call(Int(SYS_uname), outPtr())
            case 1: _ = call(pick(Int(SYS_getuid), Int(SYS_geteuid), Int(SYS_getgid), Int(SYS_getegid), Int(SYS_gettid)))
            case 2: _ = call(Int(SYS_sysinfo), outPtr())
            case 3: _ = call(Int(SYS_getrandom), rng.chance(85) ? buffer(64) : badPtr(), rng.chance(85) ? rng.below(64) : length(), pick(0, 1, 2, 4, 6, 8))
            case 4: _ = call(Int(SYS_prlimit64), pick(0, 0, -1, 99999), rng.chance(85) ? rng.below(16) : pick(-1, 16, 99), 0, outPtr())
            case 5: _ = call(Int(SYS_getrlimit), rng.chance(85) ? rng.below(16) : pick(-1, 16), outPtr())
            case 6: _ = call(Int(SYS_sched_getaffinity), pick(0, -1, 99999), pick(8, 128, 4, 0, -8), outPtr())
            case 7: _ = call(Int(SYS_getpriority), pick(0, 1, 2, 3, -1), pick(0, 99999))
            default: _ = call(Int(SYS_umask), rng.chance(90) ? 0o022 : rng.below(1 << 20))
            }
        case 105:                                            // process groups and sessions (looks mostly)
            switch rng.below(4) {
            case 0: _ = call(Int(SYS_getpgid), pick(0, -1, 99999))
            case 1: _ = call(Int(SYS_getsid), pick(0, -1, 99999))
            case 2: _ = call(Int(SYS_setpgid), pick(0, -1, 99999), pick(0, -1, 99999))
            default: _ = call(Int(SYS_setsid))
            }
        case 106:                                            // clock_nanosleep (short or refused)
            let ts = buf + 8 * rng.below(1000)
            mem(ts).storeBytes(of: 0, as: Int.self)
            mem(ts + 8).storeBytes(of: rng.chance(85) ? rng.below(100_000) : pick(-1, 1_000_000_000), as: Int.self)
            _ = call(Int(SYS_clock_nanosleep), pick(0, 1, 2, 3, 7, 99), rng.chance(90) ? 0 : pick(1, 2),
                     rng.chance(90) ? ts : surelyBadPtr(), rng.chance(50) ? 0 : outPtr())
        case 107:                                            // readlinkat, fchmodat, fchmod, utimensat
            switch rng.below(4) {
            case 0: _ = call(Int(SYS_readlinkat), dirfd(), rpath(path), rng.chance(85) ? outPtr() : badPtr(), pick(0, 1, 64, 4096, -1))
            case 1: _ = call(Int(SYS_fchmodat), dirfd(), mpath(path), pick(0o644, 0o755, 0o7777, -1))
            case 2:
                // two timespecs: now, omit, a time, or a bad nanosecond count; a null path names dirfd
                let times = buf + 8 * rng.below(1000)
                for k in 0..<2 {
                    mem(times + 16 * k).storeBytes(of: rng.below(1 << 31), as: Int.self)
                    mem(times + 16 * k + 8).storeBytes(of: pick(Int(UTIME_NOW), Int(UTIME_OMIT), rng.below(1_000_000_000), -1), as: Int.self)
                }
                _ = call(Int(SYS_utimensat), dirfd(), rng.chance(80) ? mpath(path) : 0, rng.chance(70) ? times : pick(0, badPtr()),
                         rng.chance(90) ? 0 : pick(Int(AT_SYMLINK_NOFOLLOW), -1))
            default: _ = call(Int(SYS_fchmod), fd(allowStd: true), pick(0o644, 0o600, -1))
            }
        case 110, 111:                                       // signal actions, masks, alternate stacks
            let act = buf + 8 * rng.below(kFuzzBuf / 8 - 64)
            mem(act).storeBytes(of: rng.chance(80) ? pick(Int(SIG_DFL), Int(SIG_IGN)) : rng.below(1 << 40), as: Int.self)
            mem(act + 8).storeBytes(of: rng.chance(80) ? pick(0, Int(SA_SIGINFO), Int(SA_RESTART), Int(SA_NODEFER)) : rng.below(1 << 32), as: Int.self)
            mem(act + 16).storeBytes(of: rng.next(), as: UInt64.self)
            let size = rng.chance(90) ? 8 : pick(0, 4, 16, -1)
            switch rng.below(5) {
            case 0, 1:
                // not SIGTERM's or SIGHUP's actions: the fuzzer ends its children with them
                var sig = rng.chance(90) ? 1 + rng.below(64) : pick(0, -1, 65, Int.max)
                if sig == Int(SIGTERM) || sig == Int(SIGHUP) { sig = Int(SIGUSR1) }
                _ = call(Int(SYS_rt_sigaction), sig, rng.chance(80) ? act : pick(0, badPtr()), rng.chance(50) ? outPtr() : 0, size)
            case 2:
                _ = call(Int(SYS_rt_sigprocmask), rng.chance(85) ? rng.below(3) : pick(3, -1), rng.chance(80) ? act + 16 : pick(0, badPtr()),
                         rng.chance(50) ? outPtr() : 0, size)
            case 3:
                _ = call(rng.chance(50) ? Int(SYS_rt_sigpending) : Int(SYS_rt_sigreturn), rng.chance(85) ? outPtr() : badPtr(), size)
            default:
                mem(act + 8).storeBytes(of: rng.chance(80) ? pick(0, Int(SS_DISABLE)) : rng.below(1 << 31), as: Int.self)
                mem(act + 16).storeBytes(of: rng.chance(80) ? pick(0, 1024, 4096, 65536) : rng.below(1 << 40), as: Int.self)
                _ = call(Int(SYS_sigaltstack), rng.chance(80) ? act : pick(0, badPtr()), rng.chance(50) ? outPtr() : 0)
            }
            // rt_sigsuspend would wait for a signal nobody sends: only its refusals
            if rng.chance(10) { _ = call(Int(SYS_rt_sigsuspend), rng.chance(50) ? surelyBadPtr() : act + 16, pick(0, 4, 16)) }
        case 114:                                            // futex: wakes, and waits that cannot block long
            let word = buf + 8 * rng.below(kFuzzBuf / 8 - 64)
            let current = Int(mem(word).load(as: UInt32.self))
            let ts = buf + 8 * rng.below(1000)
            mem(ts).storeBytes(of: 0, as: Int.self)
            mem(ts + 8).storeBytes(of: rng.below(200_000), as: Int.self)
            let op = pick(0, 1, 9, 10, 128, 129, 137, 138, 265, 5, -1)
            // a wait either finds another value (EAGAIN) or times out within 0.2 ms
            let waits = op & 127 == 0 || op & 127 == 9
            let val = waits && rng.chance(50) ? current &+ 1 : (rng.chance(80) ? current : rng.below(1 << 20))
            let tmo = waits ? (val == current ? ts : (rng.chance(50) ? 0 : surelyBadPtr())) : 0
            _ = call(Int(SYS_futex), rng.chance(90) ? word + pick(0, 0, 0, 1) : badPtr(), op, val, tmo, 0, pick(0, -1, 1))
        case 115:                                            // sendfile from a file to anything
            var offsetPtr = 0
            if rng.chance(50) {
                offsetPtr = buf + 8 * rng.below(kFuzzBuf / 8 - 64)
                mem(offsetPtr).storeBytes(of: offset(), as: Int.self)
                if rng.chance(15) { offsetPtr = badPtr() }
            }
            _ = call(Int(SYS_sendfile), fd(), fd(), offsetPtr, rng.chance(85) ? rng.below(3 * 4096) : length())
        case 116:                                            // nice values, supplementary groups, flock
            switch rng.below(5) {
            case 0: _ = call(Int(SYS_setpriority), pick(0, 1, 2, 3, -1), pick(0, 0, 99999), pick(0, 5, 19, 40, -20, -100))
            case 1: _ = call(Int(SYS_getgroups), pick(0, 1, 32, 64, -1), rng.chance(85) ? outPtr() : badPtr())
            case 2: _ = call(Int(SYS_setgroups), pick(0, 1, 2, 32, 33, -1), rng.chance(85) ? buffer(256) : badPtr())
            case 3:
                // flock never waits here: two workers could each wait for the other's lock
                let op = rng.chance(90) ? pick(Int(LOCK_SH), Int(LOCK_EX), Int(LOCK_UN)) | Int(LOCK_NB) : pick(0, 3, Int(LOCK_NB), -1)
                _ = call(Int(SYS_flock), fd(allowStd: true), op)
            default: _ = call(Int(SYS_getpriority), pick(0, 1, 2), pick(0, 99999))
            }
        case 108, 109:                                       // set_tid_address, set_robust_list, tgkill of nobody
            switch rng.below(3) {
            case 0: _ = call(Int(SYS_set_tid_address), rng.chance(50) ? outPtr() : badPtr())
            case 1: _ = call(Int(SYS_set_robust_list), outPtr(), pick(24, 0, 23, -1))
            default: _ = call(Int(SYS_tgkill), pick(99999, -1, 0), pick(99999, -1, 0), pick(0, 9, 64, 65))
            }
        default:
            let n = length()
            _ = call(Int(SYS_read), fd(), buffer(n), n)
        }
    }

    mutating func offset() -> Int {
        switch rng.below(8) {
        case 0: return 0
        case 1: return pick(Int.max, 1 << 40, kMaxFile - 1, kMaxFile, kMaxFile + 1, Int.max - 10)
        case 2: return -1 - rng.below(100)
        case 3: return rng.below(1 << 20)
        default: return rng.below(3 * kPageSize)
        }
    }

    var kMaxFile: Int { (6 + 1024) * kPageSize }

    mutating func fileLength() -> Int {
        switch rng.below(6) {
        case 0: return 0
        case 1: return -1 - rng.below(10)
        case 2: return pick(kMaxFile, kMaxFile + 1, Int.max, 1 << 40)
        default: return rng.below(5 * kPageSize)
        }
    }

    /// An address in a read-only mapping if the fuzzer has one, else a bad pointer.
    mutating func readOnlyMap() -> Int {
        let m = mem(maps + 8 * rng.below(8)).load(as: Int.self)
        return m != 0 ? m : badPtr()
    }

    mutating func pollOnce() {
        let n = rng.chance(90) ? rng.below(9) : pick(65, 1000, -1, 64, 50 + rng.below(14))
        let fds = buf + 8 * rng.below(1000)
        var guaranteed = false
        for i in 0..<min(max(n, 0), 8) {
            var f = fd(allowStd: true)
            if i == 0 && rng.chance(50) { f = 999; guaranteed = true }         // POLLNVAL: always ready
            mem(fds + i * 8).storeBytes(of: Int32(truncatingIfNeeded: f), as: Int32.self)
            mem(fds + i * 8 + 4).storeBytes(of: Int16(truncatingIfNeeded: rng.chance(80) ? pick(Int(POLLIN), Int(POLLOUT), Int(POLLIN) | Int(POLLOUT)) : rng.below(1 << 16)), as: Int16.self)
        }
        let ts = buf + 8 * (1000 + rng.below(1000))
        mem(ts).storeBytes(of: rng.chance(95) ? 0 : -1, as: Int.self)
        mem(ts + 8).storeBytes(of: rng.chance(50) ? 0 : (rng.chance(90) ? rng.below(200_000) : 1_000_000_000), as: Int.self)
        var tmo = ts
        if rng.chance(10) { tmo = guaranteed ? 0 : surelyBadPtr() }
        if tmo == 0 && !guaranteed { tmo = ts }
        // without a timeout only the array holding the always-ready entry (a "bad" pointer
        // may well be valid memory describing descriptors that never become ready)
        _ = call(Int(SYS_ppoll), tmo == 0 || rng.chance(90) ? fds : badPtr(), n, tmo, 0, 8)
    }

    mutating func killOne() {
        let sig = rng.chance(80) ? pick(0, Int(SIGTERM), Int(SIGKILL), Int(SIGSTOP), Int(SIGCHLD), 1, 2, 10, Int(SIGCONT), Int(SIGTSTP)) : pick(-1, 65, 99, Int.max)
        if nkids > 0 && rng.chance(60) {
            // a reaped child's slot holds 0, which would name our own process group
            let kid = mem(kids + 8 * rng.below(nkids)).load(as: Int.self)
            _ = call(Int(SYS_kill), kid, kid > 0 ? sig : 0)
        } else if rng.chance(50) {
            // 0 and -1 name our own group and everyone: only probes and invalid signals there
            let pid = pick(0, -1, -100, 99_999, Int.max, Int.min, 1 << 32)
            _ = call(Int(SYS_kill), pid, pid == 0 || pid == -1 ? (sig == 0 || sig < 0 || sig > 64 ? sig : 0) : sig)
        } else {
            // ourselves: only probes and invalid signals
            _ = call(Int(SYS_kill), sc(SYS_getpid), sig == 0 || sig < 0 || sig > 64 ? sig : 0)
        }
    }

    mutating func mmapOne() {
        var len: Int
        switch rng.below(8) {
        case 0: len = pick(0, -1, -4096, Int.max, 1 << 40, 45 << 20)
        case 1: len = kPageSize * (16 + rng.below(256))
        case 2: len = 1 + rng.below(3 * kPageSize)
        default: len = kPageSize * (1 + rng.below(4))
        }
        let prot = rng.chance(85) ? pick(Int(PROT_READ) | Int(PROT_WRITE), Int(PROT_READ), Int(PROT_NONE), 7) : pick(8, 0xff, -1)
        var flags = Int(MAP_PRIVATE) | Int(MAP_ANONYMOUS)
        var addr = 0
        switch rng.below(10) {
        case 0: flags = Int(MAP_PRIVATE)                                                 // a file mapping
        case 1: flags = Int(MAP_SHARED) | Int(MAP_ANONYMOUS)
        case 2: flags = Int(MAP_ANONYMOUS)
        case 3, 4:
            flags |= Int(MAP_FIXED)
            addr = rng.chance(80) ? uwin + kFuzzMmapBase + kPageSize * rng.below(11264) : pick(uwin, brkEnd, uwin + kFuzzMmapBase + 1, 0, -4096, Int.max & ~(kPageSize - 1))
        default: break
        }
        let r = call(Int(SYS_mmap), addr, len, prot, flags, rng.chance(80) ? -1 : fd(), rng.chance(90) ? 0 : pick(1, 4096, -1))
        if r > 0 && r & (kPageSize - 1) == 0 { mem(maps + 8 * rng.below(8)).storeBytes(of: r, as: Int.self) }
    }

    mutating func munmapOne() {
        let base = uwin + kFuzzMmapBase
        var addr: Int
        var len = kPageSize * (1 + rng.below(8))
        switch rng.below(6) {
        case 0, 1:
            let m = mem(maps + 8 * rng.below(8)).load(as: Int.self)
            addr = m != 0 ? m + kPageSize * rng.below(3) : base
        case 2: addr = base + kPageSize * rng.below(11264)
        case 3: addr = pick(base + 1, uwin - kPageSize, 0, -4096, uwin + kFuzzWindow - kPageSize)   // unaligned or outside
        case 4: addr = base; len = pick(0, -1, 44 << 20, Int.max)
        default: addr = base + kPageSize * rng.below(64); len = kPageSize * rng.below(300)
        }
        // never our own heap or stack: only the mmap area, or addresses the kernel refuses
        if addr >= uwin && addr < base && addr & (kPageSize - 1) == 0 && len > 0 { addr = base }
        _ = call(Int(SYS_munmap), addr, len)
    }

    mutating func waitOne(block: Bool) {
        let status = rng.chance(80) ? outPtr() : 0
        let rusage = rng.chance(80) ? 0 : (rng.chance(50) ? buf + 8 * rng.below(1000) : badPtr())
        var options = block ? 0 : Int(WNOHANG)
        if rng.chance(20) { options |= pick(Int(WUNTRACED), Int(WCONTINUED), Int(WUNTRACED | WCONTINUED)) }
        if !block && rng.chance(5) { options = pick(0x4000, -1) }
        var pid = -1
        if nkids > 0 && rng.chance(50) { pid = mem(kids + 8 * rng.below(nkids)).load(as: Int.self) }
        if rng.chance(10) { pid = pick(99_999, 0, -5, Int.max) }
        let r = call(Int(SYS_wait4), pid, status, options, rusage)
        if r > 0 { forget(r) }
    }

    mutating func forget(_ pid: Int) {
        for i in 0..<nkids where mem(kids + 8 * i).load(as: Int.self) == pid {
            nkids -= 1
            mem(kids + 8 * i).storeBytes(of: mem(kids + 8 * nkids).load(as: Int.self), as: Int.self)
            return
        }
    }

    mutating func forkOne() {
        if rng.chance(10) {
            _ = call(Int(SYS_clone), pick(Int(CLONE_VM), 1 << 30, -1), rng.chance(50) ? 0 : 4096)
            return
        }
        if depth >= 2 || nkids >= (depth == 0 ? kMaxKids : 2) {
            waitOne(block: nkids > 0)
            return
        }
        let childSeed = rng.next()
        let r = call(Int(SYS_clone), Int(SIGCHLD))
        if r == 0 {
            depth += 1
            rng = Rng(s: childSeed)
            calls = 0
            budget = 10 + rng.below(60)
            nkids = 0
            pid = call(Int(SYS_getpid))
            while calls < budget { step() }
            reapAll()
            u.flush()
            if rng.chance(50) {
                _ = syscall(Int(SYS_exit_group), anomalies > 0 ? 1 : 0)
            } else {
                _ = syscall(Int(SYS_exit), anomalies > 0 ? 1 : 0)
            }
        }
        if r > 0 {
            mem(kids + 8 * nkids).storeBytes(of: r, as: Int.self)
            nkids += 1
            kidsMade += 1
        }
    }

    mutating func reapAll() {
        while true {
            let st = buf
            let r = call(Int(SYS_wait4), -1, st, 0, 0)
            if r <= 0 { break }
            let s = Int(mem(st).load(as: Int32.self))
            // a descendant exits 0, is killed (by us or the killer), or found an anomaly (1)
            if signalOf(s) == 0 && exitCodeOf(s) != 0 {
                anomalies += 1
                u.put("fuzz: a child of worker "); u.putInt(worker); u.put(" exited with "); u.putInt(exitCodeOf(s)); u.nl()
            }
            forget(r)
        }
        nkids = 0
    }

    mutating func execOne() {
        let argv = argvArea
        var uargv = argv
        var pth = rpath(path)
        // A worker must stay itself: its argument lists always fail (E2BIG), which execve checks
        // after the path, so whatever the path names, the worker keeps running. (A "bad" pointer
        // can be valid memory, so an argv that merely looks bad could succeed.)
        let variant = depth == 0 ? pick(0, 3) : rng.below(6)
        switch variant {
        case 0:                                          // too many arguments
            for i in 0..<40 { mem(argv + 8 * i).storeBytes(of: priv, as: Int.self) }
            mem(argv + 8 * 40).storeBytes(of: 0, as: Int.self)
        case 1:                                          // an argument pointer that is bad
            mem(argv).storeBytes(of: priv, as: Int.self)
            mem(argv + 8).storeBytes(of: badPtr(), as: Int.self)
            mem(argv + 16).storeBytes(of: 0, as: Int.self)
        case 2: uargv = badPtr()
        case 3:                                          // over-long arguments (2 KiB staging area)
            for i in 0..<3 { mem(argv + 8 * i).storeBytes(of: buf, as: Int.self) }
            mem(argv + 24).storeBytes(of: 0, as: Int.self)
            mem(buf + 1500).storeBytes(of: UInt8(0), as: UInt8.self)
            for i in 0..<1500 where mem(buf + i).load(as: UInt8.self) == 0 { mem(buf + i).storeBytes(of: UInt8(120), as: UInt8.self) }
        default:
            let name: StaticString = "true"
            var p = path2
            putS(&p, name); put(&p, 0)
            mem(argv).storeBytes(of: path2, as: Int.self)
            mem(argv + 8).storeBytes(of: 0, as: Int.self)
        }
        if depth == 0 && rng.chance(5) { pth = str2("/nope/true") }
        let r = call(Int(SYS_execve), pth, uargv, 0)
        if r == 0 && depth == 0 { anomaly("execve returned 0", Int(SYS_execve), pth, uargv, 0, 0, 0, 0, r) }
    }

    /// Write the private file with a pattern, read it back, compare.
    mutating func privateCheck() {
        var p = priv
        putS(&p, "/tmp/fzp"); putNum(&p, pid); put(&p, 0)
        let f = call(Int(SYS_openat), Int(AT_FDCWD), priv, Int(O_CREAT | O_RDWR | O_TRUNC), 0o600)
        if f < 0 { return }
        let n = 1 + rng.below(8192)
        for i in 0..<n { mem(privData + i).storeBytes(of: UInt8(truncatingIfNeeded: rng.next()), as: UInt8.self) }
        let off = rng.below(3 * kPageSize)
        let w = call(Int(SYS_pwrite64), f, privData, n, off)
        let r = call(Int(SYS_pread64), f, privBack, n, off)
        if w == n {
            if r != n || memcmpU(privData, privBack, n) != 0 { anomaly("private file content", Int(SYS_pread64), f, privBack, n, off, w, 0, r) }
        } else if w != E(ENOSPC) && !(w > 0 && w < n) {
            anomaly("private file write", Int(SYS_pwrite64), f, privData, n, off, 0, 0, w)
        }
        _ = call(Int(SYS_close), f)
        _ = call(Int(SYS_unlinkat), Int(AT_FDCWD), priv, 0)
    }

    // MARK: bursts

    mutating func burst() {
        switch rng.below(4) {
        case 0: fillFds()
        case 1: deepChain()
        case 2: bigIO()
        default:
            // many dups then close the upper half
            for _ in 0..<rng.below(20) { _ = call(Int(SYS_dup), fd()) }
        }
    }

    /// Fill the descriptor table, try to make more, close most.
    mutating func fillFds() {
        let d = call(Int(SYS_openat), Int(AT_FDCWD), str2("/tmp"), Int(O_RDONLY) | Int(O_DIRECTORY))
        if d < 0 { return }
        var last = 0
        for _ in 0..<70 {
            last = call(Int(SYS_dup), d)
            if last < 0 { break }
        }
        if last != E(EMFILE) { anomaly("fd table not full", Int(SYS_dup), d, 0, 0, 0, 0, 0, last) }
        _ = call(Int(SYS_pipe2), outPtr(), Int(O_NONBLOCK))
        _ = call(Int(SYS_socketpair), Int(AF_UNIX), Int(SOCK_STREAM) | Int(SOCK_NONBLOCK), 0, outPtr())
        _ = call(Int(SYS_openat), Int(AT_FDCWD), rpath(path), Int(O_RDONLY))
        _ = call(Int(SYS_fcntl), d, Int(F_DUPFD), 0)
        let from = 3 + rng.below(20)
        for f in from..<64 { _ = call(Int(SYS_close), f) }
    }

    /// The deep directory chain /tmp/fz/deep/d/d/…, a chdir into it and getcwd there.
    mutating func deepChain() {
        var p = path
        putS(&p, "/tmp/fz/deep")
        let n = 20 + rng.below(100)
        for i in 0..<n {
            put(&p, 0)
            _ = call(Int(SYS_mkdirat), Int(AT_FDCWD), path, 0o755)
            p -= 1
            if p - path > 250 { break }
            putS(&p, "/d")
            _ = i
        }
        put(&p, 0)
        if call(Int(SYS_chdir), path) == 0 {
            _ = call(Int(SYS_getcwd), buf, 4096)
            _ = call(Int(SYS_getcwd), buf, 10)
            _ = call(Int(SYS_openat), Int(AT_FDCWD), mpath(path2), Int(O_CREAT | O_RDWR), 0o600)
            var q = path2
            putS(&q, "/tmp/fz"); put(&q, 0)
            _ = call(Int(SYS_chdir), path2)
        }
    }

    /// A large write and a large read of the same range, in one call each; the content must match.
    mutating func bigIO() {
        var p = path2
        putS(&p, "/tmp/fzbig"); putNum(&p, pid); put(&p, 0)
        let f = call(Int(SYS_openat), Int(AT_FDCWD), path2, Int(O_CREAT | O_RDWR | O_TRUNC), 0o600)
        if f < 0 { return }
        let half = kFuzzBuf / 2
        let n = 1 + rng.below(half)
        let off = rng.below(4 * kPageSize)
        let w = call(Int(SYS_pwrite64), f, buf, n, off)
        if w == n {
            let r = call(Int(SYS_pread64), f, buf + half, n, off)
            if r != n || memcmpU(buf, buf + half, n) != 0 { anomaly("big read back", Int(SYS_pread64), f, buf + half, n, off, 0, 0, r) }
        } else if w != E(ENOSPC) {
            anomaly("big write", Int(SYS_pwrite64), f, buf, n, off, 0, 0, w)
        }
        _ = call(Int(SYS_close), f)
        _ = call(Int(SYS_unlinkat), Int(AT_FDCWD), path2, 0)
    }

    /// Fill a directory until the inode table is full (ENOSPC), then empty it.
    mutating func fullDirectory() {
        var p = path
        putS(&p, "/tmp/fz/full"); put(&p, UInt8(48 + worker % 10)); put(&p, 0)
        let top = call(Int(SYS_mkdirat), Int(AT_FDCWD), path, 0o755)
        var made = 0
        var last = 0
        for i in 0..<1100 {
            nameIn(path2, i)
            last = call(Int(SYS_mkdirat), Int(AT_FDCWD), path2, 0o755)
            if last < 0 { break }
            made += 1
        }
        u.put("fuzz: worker "); u.putInt(worker); u.put(" filled a directory with "); u.putInt(made)
        u.put(" entries (then errno "); u.putInt(-last); u.put("; its mkdir: "); u.putInt(top); u.put(")"); u.nl()
        // the full directory is scanned and read while full
        let d = call(Int(SYS_openat), Int(AT_FDCWD), path, Int(O_RDONLY) | Int(O_DIRECTORY))
        if d >= 0 {
            while call(Int(SYS_getdents64), d, buf, 4096) > 0 {}
            _ = call(Int(SYS_close), d)
        }
        nameIn(path2, made - 1)
        _ = call(Int(SYS_newfstatat), Int(AT_FDCWD), path2, buf, 0)
        for i in 0..<made {
            nameIn(path2, i)
            _ = call(Int(SYS_unlinkat), Int(AT_FDCWD), path2, Int(AT_REMOVEDIR))
        }
        _ = call(Int(SYS_unlinkat), Int(AT_FDCWD), path, Int(AT_REMOVEDIR))
    }

    /// "<dir>/n<i>" at `at`, where <dir> is the C string at `path`.
    func nameIn(_ at: Int, _ i: Int) {
        var p = at
        let l = cstrlen(path)
        mem(p).copyMemory(from: mem(path), byteCount: l)
        p += l
        put(&p, 47); put(&p, 110)
        put(&p, UInt8(48 + (i / 1000) % 10)); put(&p, UInt8(48 + (i / 100) % 10)); put(&p, UInt8(48 + (i / 10) % 10)); put(&p, UInt8(48 + i % 10))
        put(&p, 0)
    }

    /// The worker's whole run.
    mutating func run() -> Int {
        pid = call(Int(SYS_getpid))
        _ = call(Int(SYS_mkdirat), Int(AT_FDCWD), str2("/tmp/fz"), 0o777)
        var q = path2
        putS(&q, "/tmp/fz"); put(&q, 0)
        _ = call(Int(SYS_chdir), path2)
        let fullAt = worker == 0 ? budget / 2 : -1
        while calls < budget {
            if calls >= fullAt && fullAt >= 0 && depth == 0 && !fullDone {
                fullDone = true
                fullDirectory()
            }
            step()
        }
        reapAll()
        return anomalies
    }

    var fullDone = false

    mutating func str2(_ s: StaticString) -> Int {
        var p = path
        putS(&p, s); put(&p, 0)
        return path
    }
}

let kBuiltinHelp: StaticString = "fuzz"
/// A worker's exit status: it finished (with or without anomalies). Anything else means it
/// was lost (it exec'd a program or exited early): a fuzzer bug, reported as a failure.
let kWorkerOK = 100
let kWorkerAnomalies = 101

func prog_fuzz(_ argc: Int, _ argv: Int) -> Int {
    var u = U(heap: 16 << 10)
    let seed = argc > 1 ? atoi(arg(argv, 1)) : 1
    let count = argc > 2 ? atoi(arg(argv, 2)) : 10_000
    let workers = argc > 3 ? max(1, min(atoi(arg(argv, 3)), 8)) : 4
    let trace = argc > 4 && atoi(arg(argv, 4)) != 0
    u.put("fuzz: seed "); u.putInt(seed); u.put(", "); u.putInt(count); u.put(" calls over "); u.putInt(workers)
    u.put(" workers (replay: fuzz "); u.putInt(seed); u.put(" "); u.putInt(count); u.put(" "); u.putInt(workers); u.put(" 1 traces every call)"); u.nl()
    let t0 = nowMs(&u)
    var pids: (Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0)
    for w in 0..<workers {
        let c = fork()
        if c == 0 {
            var f = Fuzzer(seed: seed, worker: w, budget: count / workers + (w < count % workers ? 1 : 0), trace: trace)
            let bad = f.run()
            f.u.put("fuzz: worker "); f.u.putInt(w); f.u.put(" pid "); f.u.putInt(sc(SYS_getpid)); f.u.put(": ")
            f.u.putInt(f.calls); f.u.put(" calls ("); f.u.putInt(f.succeeded); f.u.put(" succeeded), "); f.u.putInt(f.kidsMade); f.u.put(" children, "); f.u.putInt(bad)
            f.u.put(" anomalies"); f.u.nl()
            _ = sc(SYS_exit_group, bad > 0 ? kWorkerAnomalies : kWorkerOK)
        }
        withUnsafeMutableBytes(of: &pids) { $0.storeBytes(of: c, toByteOffset: w * 8, as: Int.self) }
        if c < 0 { u.put("fuzz: fork failed: "); u.putInt(-c); u.nl() }
    }
    var failed = 0
    var killed = 0
    var lost = 0
    while true {
        let (r, s) = waitpid(&u, -1)
        if r < 0 { break }
        var mine = false
        for w in 0..<workers where withUnsafeBytes(of: &pids, { $0.load(fromByteOffset: w * 8, as: Int.self) }) == r { mine = true }
        if !mine { continue }        // an orphaned descendant reparented to init? (init reaps those)
        if signalOf(s) != 0 {
            killed += 1
        } else if exitCodeOf(s) == kWorkerAnomalies {
            failed += 1
        } else if exitCodeOf(s) != kWorkerOK {
            lost += 1
            u.put("fuzz: worker pid "); u.putInt(r); u.put(" ended without finishing (status "); u.putInt(s); u.put(")"); u.nl()
        }
    }
    let ms = nowMs(&u) - t0
    u.put("fuzz: seed "); u.putInt(seed); u.put(": "); u.putInt(workers); u.put(" workers done in "); u.putInt(ms)
    u.put(" ms; "); u.putInt(failed); u.put(" with anomalies, "); u.putInt(killed); u.put(" killed, ")
    u.putInt(lost); u.put(" lost"); u.nl()
    return failed == 0 && killed == 0 && lost == 0 ? 0 : 1
}
