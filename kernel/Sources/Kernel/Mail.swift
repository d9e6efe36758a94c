// Mail.swift — `mail [MESSAGES] [CLIENTS] [USERS]`: a mail-delivery benchmark in the spirit of
// Biscuit's CMailbench (issue 5).
//
//   clients   CLIENTS processes; each sends its share of MESSAGES over its own socketpair to
//             the server (a 16-byte header: user, length, client, sequence; then the body)
//             and waits for the server's one-byte acknowledgement before sending the next
//   server    one process: ppoll over the client sockets; for each message it creates
//             /tmp/mail/q/<client>-<seq> (O_CREAT|O_EXCL), writes the message, fsyncs, closes
//             and renames it into the user's mailbox /tmp/mail/u<user>/, then acknowledges
//   reader    one process (a POP server draining every mailbox): lists each mailbox with
//             getdents64, opens, reads and checks each message, and unlinks it
//
// It prints the messages per second from the first message to the last one read, and exits
// non-zero if a message was lost, duplicated or corrupted. `Kernel --no-reservations --run
// mail` makes the same run without reservations: the ratio of the two is the cost of safety.
import KernelC
import KernelCore

private let kMailMaxClients = 16
private let kMailHeader = 16

/// A message body byte: a function of the client, the sequence number and the position.
@inline(__always) private func mailByte(_ c: Int, _ seq: Int, _ i: Int) -> UInt8 {
    UInt8(truncatingIfNeeded: c &* 131 &+ seq &* 17 &+ i &* 7)
}

@inline(__always) private func mailLength(_ c: Int, _ seq: Int) -> Int { 200 + (c &* 37 &+ seq &* 101) % 800 }

/// Append the decimal digits of `v` at `p`.
private func putDec(_ p: inout Int, _ v: Int) {
    var d = 1
    while d * 10 <= v { d *= 10 }
    var x = v
    while d > 0 {
        mem(p).storeBytes(of: UInt8(48 + x / d), as: UInt8.self)
        p += 1
        x %= d
        d /= 10
    }
}

private func putStr(_ p: inout Int, _ s: StaticString) {
    mem(p).copyMemory(from: s.utf8Start, byteCount: s.utf8CodeUnitCount)
    p += s.utf8CodeUnitCount
}

/// "/tmp/mail/u<user>" (or "/tmp/mail/q" for user -1), then "/<c>-<seq>" if c >= 0; NUL-terminated.
private func mailPath(_ at: Int, user: Int, c: Int, seq: Int) {
    var p = at
    putStr(&p, "/tmp/mail/")
    if user < 0 { putStr(&p, "q") } else { putStr(&p, "u"); putDec(&p, user) }
    if c >= 0 {
        putStr(&p, "/")
        putDec(&p, c)
        putStr(&p, "-")
        putDec(&p, seq)
    }
    mem(p).storeBytes(of: UInt8(0), as: UInt8.self)
}

func prog_mail(_ argc: Int, _ argv: Int) -> Int {
    var u = U(heap: 64 << 10)
    let messages = argc > 1 ? max(1, atoi(arg(argv, 1))) : 2000
    let clients = argc > 2 ? max(1, min(atoi(arg(argv, 2)), kMailMaxClients)) : 4
    let users = argc > 3 ? max(1, min(atoi(arg(argv, 3)), 64)) : 8
    let at = Int(AT_FDCWD)
    let path = u.alloc(128)
    mailPath(path, user: -1, c: -1, seq: 0)
    _ = sc(SYS_mkdirat, at, u.str("/tmp/mail"), 0o755)
    if sc(SYS_mkdirat, at, path, 0o755) != 0 { u.say("mail: cannot make the queue"); return 1 }
    for k in 0..<users {
        mailPath(path, user: k, c: -1, seq: 0)
        if sc(SYS_mkdirat, at, path, 0o755) != 0 { u.say("mail: cannot make a mailbox"); return 1 }
    }
    // one socketpair per client: [server end, client end]
    let socks = u.alloc(8 * kMailMaxClients)
    for c in 0..<clients {
        if sc(SYS_socketpair, Int(AF_UNIX), Int(SOCK_STREAM), 0, socks + 8 * c) != 0 { u.say("mail: socketpair failed"); return 1 }
    }
    func end(_ c: Int, _ side: Int) -> Int { Int(mem(socks + 8 * c + 4 * side).load(as: Int32.self)) }

    let t0 = nowUs(&u)
    let server = fork()
    if server == 0 {
        for c in 0..<clients { _ = sc(SYS_close, end(c, 1)) }
        _ = sc(SYS_exit_group, mailServer(&u, socks, clients))
    }
    var pids = 0
    for c in 0..<clients {
        let pid = fork()
        if pid == 0 {
            for k in 0..<clients where k != c { _ = sc(SYS_close, end(k, 1)) }
            for k in 0..<clients { _ = sc(SYS_close, end(k, 0)) }
            _ = sc(SYS_exit_group, mailClient(&u, end(c, 1), c, messages / clients + (c < messages % clients ? 1 : 0), users))
        }
        if pid > 0 { pids += 1 }
    }
    for c in 0..<clients {
        _ = sc(SYS_close, end(c, 0))
        _ = sc(SYS_close, end(c, 1))
    }
    let reader = fork()
    if reader == 0 { _ = sc(SYS_exit_group, mailReader(&u, messages, clients, users)) }
    var bad = 0
    while true {
        let (r, s) = waitpid(&u, -1)
        if r < 0 { break }
        if signalOf(s) != 0 || exitCodeOf(s) != 0 {
            bad += 1
            u.put("mail: process "); u.putInt(r); u.put(r == server ? " (server)" : (r == reader ? " (reader)" : " (client)"))
            u.put(" failed, status "); u.putInt(s); u.nl()
        }
    }
    let us = max(1, nowUs(&u) - t0)
    u.put("mail: "); u.putInt(messages); u.put(" messages, "); u.putInt(clients); u.put(" clients, "); u.putInt(users)
    u.put(" mailboxes: "); u.putInt(us / 1000); u.put(" ms, "); u.putInt(messages * 1_000_000 / us); u.put(" msg/s")
    u.put(bad == 0 && pids == clients ? "; every message delivered and read back intact" : "; FAILED"); u.nl()
    return bad == 0 && pids == clients ? 0 : 1
}

private func nowUs(_ u: inout U) -> Int {
    let ts = u.scratch + 48
    _ = sc(SYS_clock_gettime, Int(CLOCK_MONOTONIC), ts)
    return mem(ts).load(as: Int.self) * 1_000_000 + mem(ts + 8).load(as: Int.self) / 1000
}

/// Read exactly `n` bytes from `fd` (a blocking socket). False at end of file or on an error.
private func readFull(_ fd: Int, _ buf: Int, _ n: Int) -> Bool {
    var done = 0
    while done < n {
        let r = sc(SYS_read, fd, buf + done, n - done)
        if r <= 0 { return false }
        done += r
    }
    return true
}

private func mailClient(_ u: inout U, _ sock: Int, _ c: Int, _ count: Int, _ users: Int) -> Int {
    let msg = u.alloc(kMailHeader + 1024)
    let ack = u.alloc(8)
    for seq in 0..<count {
        let len = mailLength(c, seq)
        mem(msg).storeBytes(of: UInt32((c + seq) % users), as: UInt32.self)
        mem(msg + 4).storeBytes(of: UInt32(len), as: UInt32.self)
        mem(msg + 8).storeBytes(of: UInt32(c), as: UInt32.self)
        mem(msg + 12).storeBytes(of: UInt32(seq), as: UInt32.self)
        for i in 0..<len { mem(msg + kMailHeader + i).storeBytes(of: mailByte(c, seq, i), as: UInt8.self) }
        if sc(SYS_write, sock, msg, kMailHeader + len) != kMailHeader + len { return 2 }
        if sc(SYS_read, sock, ack, 1) != 1 { return 3 }
    }
    _ = sc(SYS_close, sock)
    return 0
}

private func mailServer(_ u: inout U, _ socks: Int, _ clients: Int) -> Int {
    let at = Int(AT_FDCWD)
    let pfds = u.alloc(8 * kMailMaxClients)
    let msg = u.alloc(kMailHeader + 1024)
    let qpath = u.alloc(128)
    let mpath = u.alloc(128)
    let ack = u.str("k")
    for c in 0..<clients {
        mem(pfds + 8 * c).storeBytes(of: mem(socks + 8 * c).load(as: Int32.self), as: Int32.self)
        mem(pfds + 8 * c + 4).storeBytes(of: Int16(POLLIN), as: Int16.self)
    }
    var open = clients
    while open > 0 {
        let n = sc(SYS_ppoll, pfds, clients, 0, 0, 8)
        if n < 0 { return 10 }
        for c in 0..<clients {
            let fd = Int(mem(pfds + 8 * c).load(as: Int32.self))
            let rev = Int(mem(pfds + 8 * c + 6).load(as: Int16.self))
            if fd < 0 || rev == 0 { continue }
            if !readFull(fd, msg, kMailHeader) {
                // the client is done
                _ = sc(SYS_close, fd)
                mem(pfds + 8 * c).storeBytes(of: Int32(-1), as: Int32.self)
                open -= 1
                continue
            }
            let user = Int(mem(msg).load(as: UInt32.self))
            let len = Int(mem(msg + 4).load(as: UInt32.self))
            let from = Int(mem(msg + 8).load(as: UInt32.self))
            let seq = Int(mem(msg + 12).load(as: UInt32.self))
            if len > 1024 || !readFull(fd, msg + kMailHeader, len) { return 11 }
            // deliver: a new file in the queue, written and synced, renamed into the mailbox
            mailPath(qpath, user: -1, c: from, seq: seq)
            mailPath(mpath, user: user, c: from, seq: seq)
            let f = sc(SYS_openat, at, qpath, Int(O_CREAT | O_EXCL | O_WRONLY), 0o600)
            if f < 0 { return 12 }
            if sc(SYS_write, f, msg, kMailHeader + len) != kMailHeader + len { return 13 }
            if sc(SYS_fsync, f) != 0 { return 14 }
            if sc(SYS_close, f) != 0 { return 15 }
            if sc(SYS_renameat2, at, qpath, at, mpath, 0) != 0 { return 16 }
            if sc(SYS_write, fd, ack, 1) != 1 { return 17 }
        }
    }
    return 0
}

private func mailReader(_ u: inout U, _ messages: Int, _ clients: Int, _ users: Int) -> Int {
    let at = Int(AT_FDCWD)
    let dents = u.alloc(4096)
    let box = u.alloc(128)
    let file = u.alloc(256)
    let msg = u.alloc(kMailHeader + 1024 + 64)
    let seen = u.alloc(messages + 64)          // one byte per (client, seq), in delivery order
    var got = 0
    var idle = 0
    while got < messages {
        var found = 0
        for k in 0..<users {
            mailPath(box, user: k, c: -1, seq: 0)
            let d = sc(SYS_openat, at, box, Int(O_RDONLY | O_DIRECTORY))
            if d < 0 { return 20 }
            while true {
                let n = sc(SYS_getdents64, d, dents, 4096)
                if n <= 0 { break }
                var off = 0
                while off < n {
                    let reclen = Int(mem(dents + off + 16).load(as: UInt16.self))
                    let name = dents + off + 19
                    off += reclen
                    if mem(name).load(as: UInt8.self) == 46 { continue }        // "." and ".."
                    // "<box>/<name>"
                    let bl = cstrlen(box)
                    mem(file).copyMemory(from: mem(box), byteCount: bl)
                    mem(file + bl).storeBytes(of: UInt8(47), as: UInt8.self)
                    let nl = cstrlen(name)
                    mem(file + bl + 1).copyMemory(from: mem(name), byteCount: nl + 1)
                    let f = sc(SYS_openat, at, file, Int(O_RDONLY))
                    if f < 0 { return 21 }
                    let r = sc(SYS_read, f, msg, kMailHeader + 1024 + 64)
                    _ = sc(SYS_close, f)
                    if r < kMailHeader { return 22 }
                    let user = Int(mem(msg).load(as: UInt32.self))
                    let len = Int(mem(msg + 4).load(as: UInt32.self))
                    let c = Int(mem(msg + 8).load(as: UInt32.self))
                    let seq = Int(mem(msg + 12).load(as: UInt32.self))
                    if user != k || r != kMailHeader + len || len != mailLength(c, seq) || c >= clients { return 23 }
                    for i in 0..<len where mem(msg + kMailHeader + i).load(as: UInt8.self) != mailByte(c, seq, i) { return 24 }
                    let slot = seq * clients + c
                    if slot >= messages + 64 || mem(seen + slot).load(as: UInt8.self) != 0 { return 25 }   // duplicate
                    mem(seen + slot).storeBytes(of: UInt8(1), as: UInt8.self)
                    if sc(SYS_unlinkat, at, file, 0) != 0 { return 26 }
                    got += 1
                    found += 1
                }
            }
            _ = sc(SYS_close, d)
        }
        if found == 0 {
            idle += 1
            if idle > 2_000_000 { return 27 }
            _ = sc(SYS_sched_yield)
        }
    }
    return 0
}
