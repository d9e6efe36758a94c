// ULib.swift — the user-space library of the built-in programs (their libc).
//
// Built-in programs run as user code: they enter the kernel only through `syscall` and
// hand it pointers into their own user memory. They must not allocate from the kernel heap
// (no String, Array or class instances) and must not keep state in Swift globals (globals
// are shared by every process; user memory is not). Their state lives in a `U` value on the
// user stack, and their buffers in a small brk heap that U manages.
import KernelC
import KernelCore

@inline(__always)
func sc(_ n: Int32, _ a0: Int = 0, _ a1: Int = 0, _ a2: Int = 0, _ a3: Int = 0, _ a4: Int = 0, _ a5: Int = 0) -> Int {
    syscall(Int(n), a0, a1, a2, a3, a4, a5)
}

@inline(__always) func E(_ e: Int32) -> Int { -Int(e) }
@inline(__always) func mem(_ va: Int) -> UnsafeMutableRawPointer { UnsafeMutableRawPointer(bitPattern: va)! }

struct U {
    var base = 0
    var top = 0
    var end = 0
    var line = 0
    var lineLen = 0
    var checks = 0
    var failures = 0
    var verbose = true
    var scratch = 0     // 256 bytes for the helpers below

    init(heap: Int = 256 << 10) {
        base = sc(SYS_brk, 0)
        end = sc(SYS_brk, base + heap)
        top = base
        line = alloc(512)
        scratch = alloc(256)
    }

    /// `n` zeroed bytes of user memory.
    mutating func alloc(_ n: Int) -> Int {
        let p = (top + 15) & ~15
        if p + n > end {
            let want = p + n + (64 << 10)
            if sc(SYS_brk, want) != want {
                // the message is copied to the stack (user memory): allocating it here would recurse
                let msg: StaticString = "ulib: out of user memory\n"
                var line: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
                withUnsafeMutableBytes(of: &line) { b in
                    for i in 0..<msg.utf8CodeUnitCount { b[i] = msg.utf8Start[i] }
                    _ = sc(SYS_write, 2, Int(bitPattern: b.baseAddress!), msg.utf8CodeUnitCount)
                }
                _ = sc(SYS_exit_group, 99)
            }
            end = want
        }
        top = p + n
        mem(p).initializeMemory(as: UInt8.self, repeating: 0, count: n)
        return p
    }

    /// A NUL-terminated copy of `s` in user memory.
    mutating func str(_ s: StaticString) -> Int {
        let n = s.utf8CodeUnitCount
        let p = alloc(n + 1)
        mem(p).copyMemory(from: s.utf8Start, byteCount: n)
        return p
    }

    /// `a` followed by the C string at `b`.
    mutating func cat(_ a: StaticString, _ b: Int) -> Int {
        let bl = cstrlen(b)
        let p = alloc(a.utf8CodeUnitCount + bl + 1)
        mem(p).copyMemory(from: a.utf8Start, byteCount: a.utf8CodeUnitCount)
        mem(p + a.utf8CodeUnitCount).copyMemory(from: mem(b), byteCount: bl)
        return p
    }

    // MARK: output (line buffered to fd 1)

    mutating func putBytes(_ p: UnsafeRawPointer, _ n: Int) {
        var off = 0
        while off < n {
            if lineLen == 512 { flush() }
            let k = min(n - off, 512 - lineLen)
            mem(line + lineLen).copyMemory(from: p + off, byteCount: k)
            lineLen += k
            off += k
        }
    }

    mutating func put(_ s: StaticString) { putBytes(s.utf8Start, s.utf8CodeUnitCount) }

    mutating func putC(_ va: Int) { putBytes(mem(va), cstrlen(va)) }

    mutating func putInt(_ v: Int) {
        var buf: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &buf) { b in
            var i = 24
            var n = v.magnitude
            repeat {
                i -= 1
                b[i] = UInt8(truncatingIfNeeded: n % 10) + 48
                n /= 10
            } while n != 0
            if v < 0 { i -= 1; b[i] = 45 }
            putBytes(b.baseAddress! + i, 24 - i)
        }
    }

    mutating func nl() {
        put("\n")
        flush()
    }

    mutating func flush() {
        if lineLen > 0 { _ = sc(SYS_write, 1, line, lineLen) }
        lineLen = 0
    }

    mutating func say(_ s: StaticString) {
        put(s)
        nl()
    }

    // MARK: checks

    mutating func check(_ name: StaticString, _ got: Int, _ want: Int) {
        checks += 1
        if got == want {
            if verbose { put("  ok   "); put(name); nl() }
        } else {
            failures += 1
            put("  FAIL "); put(name); put(": got "); putInt(got); put(", want "); putInt(want); nl()
        }
    }

    mutating func checkTrue(_ name: StaticString, _ cond: Bool, _ got: Int) {
        check(name, cond ? 1 : 0, 1)
        if !cond { put("       (value "); putInt(got); put(")"); nl() }
    }
}

func cstrlen(_ va: Int) -> Int {
    let p = mem(va).assumingMemoryBound(to: UInt8.self)
    var n = 0
    while p[n] != 0 { n += 1 }
    return n
}

func cstrEq(_ va: Int, _ s: StaticString) -> Bool {
    let n = cstrlen(va)
    if n != s.utf8CodeUnitCount { return false }
    let p = mem(va).assumingMemoryBound(to: UInt8.self)
    for i in 0..<n where p[i] != s.utf8Start[i] { return false }
    return true
}

func atoi(_ va: Int) -> Int {
    let p = mem(va).assumingMemoryBound(to: UInt8.self)
    var n = 0
    var i = 0
    while p[i] >= 48 && p[i] <= 57 { n = n * 10 + Int(p[i] - 48); i += 1 }
    return n
}

/// argv[i] of a program (a user address of a C string).
@inline(__always) func arg(_ argv: Int, _ i: Int) -> Int { mem(argv + 8 * i).load(as: Int.self) }

func fork() -> Int { sc(SYS_clone, Int(SIGCHLD)) }

/// wait4 for `pid`; returns (pid, status).
func waitpid(_ u: inout U, _ pid: Int, _ options: Int = 0) -> (Int, Int) {
    let st = u.scratch
    let r = sc(SYS_wait4, pid, st, options, 0)
    return (r, Int(mem(st).load(as: Int32.self)))
}

func exitCodeOf(_ status: Int) -> Int { (status >> 8) & 0xff }
func signalOf(_ status: Int) -> Int { status & 0x7f }

func sleepMs(_ u: inout U, _ ms: Int) -> Int {
    let ts = u.scratch + 16
    mem(ts).storeBytes(of: ms / 1000, as: Int.self)
    mem(ts + 8).storeBytes(of: (ms % 1000) * 1_000_000, as: Int.self)
    return sc(SYS_nanosleep, ts, 0)
}

func nowMs(_ u: inout U) -> Int {
    let ts = u.scratch + 32
    _ = sc(SYS_clock_gettime, Int(CLOCK_MONOTONIC), ts)
    return mem(ts).load(as: Int.self) * 1000 + mem(ts + 8).load(as: Int.self) / 1_000_000
}
