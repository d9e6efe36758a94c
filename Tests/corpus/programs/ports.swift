// Ephemeral port allocator for a tiny UDP stack: a Set of bound ports, a bitmap of the
// ephemeral range, and bind/unbind/listing syscalls.

let ephemeralBase: UInt16 = 49152
let ephemeralCount = 256

nonisolated(unsafe) var boundPorts: Set<UInt16> = []
nonisolated(unsafe) var ephemeralMap = [UInt64](repeating: 0, count: 4)   // 256 bits
nonisolated(unsafe) var nextHint = 0

func takeEphemeral() -> UInt16? {
    for k in 0..<ephemeralCount {
        let i = (nextHint + k) % ephemeralCount
        if ephemeralMap[i >> 6] & (1 << UInt64(i & 63)) == 0 {
            ephemeralMap[i >> 6] |= 1 << UInt64(i & 63)
            nextHint = i + 1
            return ephemeralBase + UInt16(i)
        }
    }
    return nil
}

@_semantics("maxlive.entry")
public func sysBind(_ n: Int) -> Int {
    guard boundPorts.count < 64 else { return -98 }
    let port: UInt16
    if n == 0 {
        guard let p = takeEphemeral() else { return -98 }
        port = p
    } else {
        port = UInt16(truncatingIfNeeded: n)
        if boundPorts.contains(port) { return -98 }
    }
    boundPorts.insert(port)
    return Int(port)
}

@_semantics("maxlive.entry")
public func sysBindMany(_ n: Int) -> Int {
    var got = 0
    for _ in 0..<min(n, 64) {
        guard boundPorts.count < 64, let p = takeEphemeral() else { break }
        boundPorts.insert(p)
        got += 1
    }
    return got
}

@_semantics("maxlive.entry")
public func sysListPorts(_ n: Int) -> Int {
    for p in UInt16(1000)..<UInt16(1000 + (n & 15)) { boundPorts.insert(p) }
    let sorted = boundPorts.sorted()
    let wellKnown = sorted.filter { $0 < 1024 }
    return wellKnown.count * 1000 + sorted.count
}

@_semantics("maxlive.entry")
public func sysUnbindAll(_ n: Int) -> Int {
    _ = sysBindMany(n)
    let victims = boundPorts.filter { $0 >= ephemeralBase && Int($0 - ephemeralBase) < ephemeralCount }
    for p in victims {
        boundPorts.remove(p)
        let i = Int(p - ephemeralBase)
        ephemeralMap[i >> 6] &= ~(1 << UInt64(i & 63))
    }
    return victims.count
}

public func fixtureReset() {
    boundPorts = []
    for i in 0..<4 { ephemeralMap[i] = 0 }
    nextHint = 0
}

// inputs: sysBind 0 1 80 65535
// inputs: sysBindMany 0 1 8 33 64 100
// inputs: sysListPorts 0 1 15
// inputs: sysUnbindAll 0 1 20 64
