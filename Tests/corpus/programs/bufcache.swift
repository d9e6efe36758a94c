// Block buffer cache: 8 buffers of 512 bytes each, a fixed array of slots with reference
// counts; bread fills a buffer, bwrite computes a simple XOR parity, sync walks dirty ones.

final class Buf {
    var blockno: Int = -1
    var data: [UInt8] = [UInt8](repeating: 0, count: 512)
    var dirty = false
    var refcnt = 0
}

nonisolated(unsafe) var bufs: [Buf] = []

func bufInit() {
    if bufs.isEmpty { for _ in 0..<8 { bufs.append(Buf()) } }
}

func bget(_ blockno: Int) -> Buf? {
    bufInit()
    for b in bufs where b.blockno == blockno { b.refcnt += 1; return b }
    for b in bufs where b.refcnt == 0 && !b.dirty {
        b.blockno = blockno; b.refcnt = 1
        for i in 0..<512 { b.data[i] = UInt8(truncatingIfNeeded: blockno &+ i) }
        return b
    }
    return nil
}

@_semantics("maxlive.entry")
public func bread(_ n: Int) -> Int {
    guard let b = bget(n & 1023) else { return -5 }
    let sum = b.data.reduce(0) { $0 &+ Int($1) }
    b.refcnt -= 1
    return sum
}

@_semantics("maxlive.entry")
public func bwrite(_ n: Int) -> Int {
    guard let b = bget(n & 1023) else { return -5 }
    var parity: UInt8 = 0
    for i in stride(from: 0, to: 512, by: 4) { parity ^= b.data[i] }
    b.data[511] = parity
    b.dirty = true
    b.refcnt -= 1
    return Int(parity)
}

@_semantics("maxlive.entry")
public func bsync(_ n: Int) -> Int {
    for k in 0..<(n & 7) { _ = bwrite(k) }
    let dirty = bufs.filter { $0.dirty }.map { $0.blockno }.sorted()
    for b in bufs { b.dirty = false }
    return dirty.count
}

@_semantics("maxlive.entry")
public func breadMulti(_ n: Int) -> Int {
    // read a run of consecutive blocks into one contiguous bounce buffer
    let count = min(n, 8)
    var out: [UInt8] = []
    for k in 0..<count {
        guard let b = bget(100 + k) else { break }
        out.append(contentsOf: b.data)
        b.refcnt -= 1
    }
    return out.count
}

public func fixtureReset() { bufs = [] }

// inputs: bread 0 1 1023
// inputs: bwrite 0 1 1023
// inputs: bsync 0 1 7
// inputs: breadMulti 0 1 2 3 5 8 20
