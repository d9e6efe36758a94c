// ARP cache: IPv4 address -> MAC, entries age out; the cache is a dictionary keyed by an
// address struct and limited to 32 entries, with a pending-request queue per address.

struct IPv4: Hashable {
    var a: UInt8, b: UInt8, c: UInt8, d: UInt8
    init(_ x: UInt32) {
        a = UInt8(x >> 24); b = UInt8(x >> 16 & 0xff); c = UInt8(x >> 8 & 0xff); d = UInt8(x & 0xff)
    }
}

struct ArpEntry {
    var mac: (UInt16, UInt16, UInt16)
    var age: Int
}

nonisolated(unsafe) var arpTable: [IPv4: ArpEntry] = [:]
nonisolated(unsafe) var pendingTx: [IPv4: [[UInt8]]] = [:]

@_semantics("maxlive.entry")
public func arpLearn(_ n: Int) -> Int {
    let ip = IPv4(0x0a00_0000 | UInt32(n & 0xff))
    if arpTable[ip] == nil && arpTable.count >= 32 {
        // evict the oldest
        if let oldest = arpTable.max(by: { $0.value.age < $1.value.age })?.key { arpTable[oldest] = nil }
    }
    arpTable[ip] = ArpEntry(mac: (0x5254, 0x0012, UInt16(n & 0xffff)), age: 0)
    return arpTable.count
}

@_semantics("maxlive.entry")
public func arpTick(_ n: Int) -> Int {
    for i in 0..<(n & 15) { _ = arpLearn(i) }
    for k in arpTable.keys { arpTable[k]!.age += 1 }
    let stale = arpTable.filter { $0.value.age > 3 }.map { $0.key }
    for k in stale { arpTable[k] = nil }
    return arpTable.count
}

@_semantics("maxlive.entry")
public func arpResolveOrQueue(_ n: Int) -> Int {
    let ip = IPv4(0xc0a8_0000 | UInt32(n & 0xf))
    if arpTable[ip] != nil { return 0 }
    guard pendingTx.count < 8 || pendingTx[ip] != nil else { return -105 }
    var q = pendingTx[ip] ?? []
    guard q.count < 4 else { return -11 }
    q.append([UInt8](repeating: 0, count: 64 + (n >> 4 & 63)))
    pendingTx[ip] = q
    return q.count
}

@_semantics("maxlive.entry")
public func arpFlushPending(_ n: Int) -> Int {
    for i in 0..<(n & 7) { _ = arpResolveOrQueue(i) }
    var sent = 0
    for (ip, frames) in pendingTx {
        _ = arpLearn(Int(ip.d))
        sent += frames.count
    }
    pendingTx.removeAll()
    return sent
}

public func fixtureReset() { arpTable = [:]; pendingTx = [:] }

// inputs: arpLearn 0 1 255
// inputs: arpTick 0 1 15
// inputs: arpResolveOrQueue 0 1 15 1023 1024
// inputs: arpFlushPending 0 1 7
