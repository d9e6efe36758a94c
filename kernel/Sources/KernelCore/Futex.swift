// Futex.swift — futex(2): the wait queue under glibc's mutexes, condition variables and
// pthread_join.
//
// A waiter sleeps on a channel made of its address space and the word's address, so threads
// of one process meet and different processes never do (there is no shared memory between
// processes, so every futex is private). The kernel is not preempted and has one CPU: the
// check of the word and the sleep cannot be separated by a wake.
import KernelC

@inline(__always) private func I(_ x: Int32) -> Int { Int(x) }

/// The channel of the futex word at `uaddr` in `space`'s memory.
@inline(__always) private func futexChan(_ space: Proc, _ uaddr: Int) -> Int {
    Int(bitPattern: 0x4000_0000_0000_0000 | UInt(space.slot) << 40 | UInt(uaddr & 0xff_ffff_ffff))
}

/// Wake at most `n` threads waiting on the word at `uaddr` of `space`; how many woke.
func futexWake(_ space: Proc, _ uaddr: Int, _ n: Int) -> Int {
    let chan = futexChan(space, uaddr)
    var woken = 0
    for s in 1...kNProc where woken < n {
        if let q = procTable![s], q.state == .sleeping, q.chan == chan {
            q.state = .runnable
            woken += 1
        }
    }
    return woken
}

@_semantics("maxlive.entry")
public func sys_futex(_ uaddr: Int, _ op: Int, _ val: Int, _ utimeout: Int, _ uaddr2: Int, _ val3: Int) -> Int {
    if uaddr & 3 != 0 { return kEINVAL }
    let p = curProc!
    let cmd = op & ~(I(FUTEX_PRIVATE_FLAG) | I(FUTEX_CLOCK_REALTIME))
    switch cmd {
    case I(FUTEX_WAKE), I(FUTEX_WAKE_BITSET):
        if cmd == I(FUTEX_WAKE_BITSET) && val3 & 0xffff_ffff == 0 { return kEINVAL }
        return futexWake(p.space, uaddr, max(val, 0))
    case I(FUTEX_WAIT), I(FUTEX_WAIT_BITSET):
        if cmd == I(FUTEX_WAIT_BITSET) && val3 & 0xffff_ffff == 0 { return kEINVAL }
        if op & I(FUTEX_CLOCK_REALTIME) != 0 && cmd == I(FUTEX_WAIT) { return kENOSYS }
        var deadline: Int64 = 0
        if utimeout != 0 {
            guard let ts = copyinValue(utimeout, ml_timespec()) else { return kEFAULT }
            if ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1_000_000_000 { return kEINVAL }
            let t = min(ts.tv_sec, 1 << 32) * 1_000_000_000 + ts.tv_nsec
            // FUTEX_WAIT: relative; FUTEX_WAIT_BITSET: absolute on its clock
            if cmd == I(FUTEX_WAIT) {
                deadline = nowNanos() + t
            } else {
                let now = platNowNanos(op & I(FUTEX_CLOCK_REALTIME) != 0 ? 0 : 1)
                if t <= now { return kETIMEDOUT }
                deadline = nowNanos() + (t - now)
            }
        }
        guard let word = copyinValue(uaddr, UInt32(0)) else { return kEFAULT }
        if word != UInt32(truncatingIfNeeded: val) { return kEAGAIN }
        switch sleep(chan: futexChan(p.space, uaddr), deadline: deadline) {
        case .woken: return 0
        case .timeout: return kETIMEDOUT
        case .killed: return kEINTR
        }
    default:
        return kENOSYS
    }
}
