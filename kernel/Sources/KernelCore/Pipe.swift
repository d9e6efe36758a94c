// Pipe.swift — pipes and the byte channels behind socketpair.
//
// A Pipe is a 4 KiB ring buffer in one page frame (not the heap) with counts of open read
// and write ends. Where the bytes are (read position, count) is kept by the kernel's C
// component, lib/pipe_ring.c, in a ring object it allocates from the kernel heap: maxlive
// reads that C with libclang, so the object is part of pipe2's and socketpair's bounds.
// Readers sleep while it is empty and a writer exists; writers sleep while it is full and a
// reader exists. Writes of at most kPipeBuf bytes are atomic (all or nothing, as POSIX
// requires of PIPE_BUF). Every state change wakes the pipe's channel and the poll channel.

import KernelC

let kPipeBuf = kPageSize

final class Pipe {
    let frame: Int
    let ring: UnsafeMutablePointer<pipe_ring>
    var readers = 0
    var writers = 0

    init(frame: Int, ring: UnsafeMutablePointer<pipe_ring>) {
        self.frame = frame
        self.ring = ring
    }
    deinit {
        pipe_ring_free(ring)
        pageFreeRun(frame, 1)
    }

    /// Bytes stored.
    var count: Int { pipe_ring_count(ring) }
    var chan: Int { Int(bitPattern: UInt(bitPattern: Unmanaged.passUnretained(self).toOpaque())) }
    var buf: UnsafeMutableRawPointer { frameAddr(frame) }
}

public nonisolated(unsafe) var pipesOpen = 0

/// A new pipe with no ends open, or nil if no frame is free.
func pipeMake() -> Pipe? {
    let f = pageAllocRun(1)
    if f < 0 { return nil }
    // The ring object comes from the heap, covered by the call's reservation: never nil.
    guard let ring = pipe_ring_new(kPageSize) else {
        pageFreeRun(f, 1)
        return nil
    }
    return Pipe(frame: f, ring: ring)
}

func pipeCloseEnd(_ p: Pipe, reader: Bool) {
    if reader { p.readers -= 1 } else { p.writers -= 1 }
    wakeup(p.chan)
    wakeup(kChanPoll)
}

/// Read up to `n` bytes into user `uva`. Bytes, 0 at end of file, or -errno.
func pipeRead(_ p: Pipe, _ uva: Int, _ n: Int, nonblock: Bool) -> Int {
    if n == 0 { return 0 }
    while p.count == 0 {
        if p.writers == 0 { return 0 }
        if nonblock { return kEAGAIN }
        if sleep(chan: p.chan, deadline: 0) == .killed { return kEINTR }
    }
    if !userRangeOK(uva, min(n, p.count), write: true) { return kEFAULT }
    var done = 0
    let total = min(n, p.count)
    while done < total {
        var offset = 0
        let len = pipe_ring_read_span(p.ring, total - done, &offset)
        _ = copyout(uva + done, p.buf + offset, len)
        pipe_ring_consume(p.ring, len)
        done += len
    }
    wakeup(p.chan)
    wakeup(kChanPoll)
    return done
}

/// Write `n` bytes from user `uva` (or kernel `kptr` if given). Bytes written or -errno
/// (EPIPE without readers).
func pipeWrite(_ p: Pipe, _ uva: Int, _ n: Int, nonblock: Bool, kptr: UnsafeRawPointer? = nil) -> Int {
    if n == 0 { return 0 }
    if kptr == nil && !userRangeOK(uva, n, write: false) { return kEFAULT }
    var done = 0
    while done < n {
        if p.readers == 0 {
            if done > 0 { return done }
            raiseSigpipe()
            return kEPIPE
        }
        let space = kPageSize - p.count
        let want = n - done
        // atomic small writes: wait until the whole piece fits
        if space == 0 || (n <= kPipeBuf && space < want) {
            if nonblock { return done > 0 ? done : kEAGAIN }
            if sleep(chan: p.chan, deadline: 0) == .killed { return done > 0 ? done : kEINTR }
            continue
        }
        var chunk = min(space, want)
        while chunk > 0 {
            var offset = 0
            let len = pipe_ring_write_span(p.ring, chunk, &offset)
            if let k = kptr {
                (p.buf + offset).copyMemory(from: k + done, byteCount: len)
            } else if !copyin(p.buf + offset, uva + done, len) {
                return done > 0 ? done : kEFAULT
            }
            pipe_ring_produce(p.ring, len)
            done += len
            chunk -= len
        }
        wakeup(p.chan)
        wakeup(kChanPoll)
    }
    return done
}

/// A write found no reader: SIGPIPE, whose default action kills the writer before the EPIPE
/// reaches it (as on Linux). Built-in programs ignore SIGPIPE (they see EPIPE); ELF programs
/// have no way to change a disposition, so theirs is the default.
private func raiseSigpipe() {
    let p = curProc!
    if p.userMode { signalSend(p, Int(SIGPIPE)) }
}
