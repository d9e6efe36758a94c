// IPC mailboxes: each port has a bounded queue of messages (small header plus optional
// out-of-line payload array); send copies in, receive hands the message back to the caller.

enum MsgBody {
    case empty
    case word(UInt64)
    case pair(UInt64, UInt64)
    case bytes([UInt8])
}

struct Message {
    var sender: Int
    var tag: UInt32
    var body: MsgBody
}

final class Mailbox {
    var queue: [Message] = []
    let depth: Int
    init(depth: Int) { self.depth = depth }
}

nonisolated(unsafe) var mailboxes: [Int: Mailbox] = [:]

func mailbox(_ port: Int) -> Mailbox? {
    if let m = mailboxes[port] { return m }
    guard mailboxes.count < 8 else { return nil }
    let m = Mailbox(depth: 16)
    mailboxes[port] = m
    return m
}

@_semantics("maxlive.entry")
public func ipcSend(_ n: Int) -> Int {
    guard let mb = mailbox(n & 7) else { return -12 }
    guard mb.queue.count < mb.depth else { return -11 }
    let body: MsgBody
    switch n >> 3 & 3 {
    case 0: body = .empty
    case 1: body = .word(UInt64(n))
    case 2: body = .pair(UInt64(n), UInt64(n) << 1)
    default: body = .bytes([UInt8](repeating: 0xab, count: min(n >> 5, 256)))
    }
    mb.queue.append(Message(sender: 1, tag: UInt32(n & 0xffff), body: body))
    return mb.queue.count
}

@_semantics("maxlive.entry")
public func ipcReceive(_ n: Int) -> Int {
    guard let mb = mailbox(n & 7) else { return -12 }
    if mb.queue.isEmpty {
        mb.queue.append(Message(sender: 2, tag: 7, body: .bytes([1, 2, 3, 4, 5, 6, 7, 8])))
    }
    let m = mb.queue.removeFirst()
    switch m.body {
    case .empty: return 0
    case .word(let w): return Int(truncatingIfNeeded: w)
    case .pair(let a, let b): return Int(truncatingIfNeeded: a &+ b)
    case .bytes(let b): return b.count
    }
}

// genuinely unbounded: the reply is appended to port 2 without checking its depth, so the
// queue (and the copy made when it grows) can grow without limit over many calls.
@_semantics("maxlive.entry")
public func ipcCall(_ n: Int) -> Int {
    // synchronous call: send a request to port 1, server replies on port 2
    _ = ipcSend(1 | (3 << 3) | ((n & 255) << 5))
    guard let req = mailbox(1)?.queue.popLast() else { return -1 }
    guard case .bytes(let payload) = req.body else { return -1 }
    let reply = payload.map { $0 ^ 0xff }
    mailbox(2)?.queue.append(Message(sender: 1, tag: req.tag, body: .bytes(reply)))
    return reply.count
}

@_semantics("maxlive.entry")
public func ipcFlood(_ n: Int) -> Int {
    var sent = 0
    for i in 0..<min(n, 20) where ipcSend(3 | (1 << 3) | (i << 5)) > 0 { sent += 1 }
    return sent
}

public func fixtureReset() { mailboxes = [:] }

// inputs: ipcSend 0 1 8 16 24 31 8191 100000
// inputs: ipcReceive 0 1 7
// inputs: ipcCall 0 1 100 255
// inputs: ipcFlood 0 1 16 17 20
