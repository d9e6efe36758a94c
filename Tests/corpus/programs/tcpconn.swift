// TCP connection table keyed by the 4-tuple; state machine transitions on flags, a
// retransmit queue of segments per connection, and netstat-style listing.

struct FourTuple: Hashable {
    var localPort: UInt16
    var remotePort: UInt16
    var remoteAddr: UInt32
}

enum TcpState: Equatable { case listen, synReceived, established, finWait, closed }

final class Tcb {
    var state: TcpState = .listen
    var sndNext: UInt32 = 0
    var retransmit: [(seq: UInt32, len: Int)] = []
}

nonisolated(unsafe) var connections: [FourTuple: Tcb] = [:]

func tuple(_ n: Int) -> FourTuple {
    FourTuple(localPort: 80, remotePort: UInt16(40000 + (n & 15)), remoteAddr: 0x0a00_0002)
}

@_semantics("maxlive.entry")
public func tcpSyn(_ n: Int) -> Int {
    let t = tuple(n)
    if let c = connections[t] { return c.state == .established ? 1 : 0 }
    guard connections.count < 16 else { return -111 }
    let c = Tcb()
    c.state = .synReceived
    c.sndNext = UInt32(truncatingIfNeeded: n &* 2654435761)
    connections[t] = c
    return connections.count
}

@_semantics("maxlive.entry")
public func tcpSend(_ n: Int) -> Int {
    _ = tcpSyn(n)
    guard let c = connections[tuple(n)] else { return -107 }
    c.state = .established
    for _ in 0..<(n >> 4 & 7) {
        guard c.retransmit.count < 8 else { break }
        c.retransmit.append((c.sndNext, 1460))
        c.sndNext &+= 1460
    }
    return c.retransmit.count
}

@_semantics("maxlive.entry")
public func tcpAck(_ n: Int) -> Int {
    _ = tcpSend(n | 0x70)
    guard let c = connections[tuple(n)] else { return -107 }
    let acked = c.retransmit.prefix(n >> 8 & 7).count
    c.retransmit.removeFirst(acked)
    return c.retransmit.count
}

@_semantics("maxlive.entry")
public func netstat(_ n: Int) -> Int {
    for i in 0..<(n & 15) { _ = tcpSyn(i) }
    let rows = connections.map { (t, c) in "tcp 0.0.0.0:\(t.localPort) \(t.remotePort) \(c.state == .established ? "ESTAB" : "SYN")" }
    return rows.sorted { $0.utf8.count < $1.utf8.count }.joined(separator: "\n").utf8.count
}

public func fixtureReset() { connections = [:] }

// inputs: tcpSyn 0 1 15
// inputs: tcpSend 0 1 16 112 127
// inputs: tcpAck 0 256 1792 2047
// inputs: netstat 0 1 15
