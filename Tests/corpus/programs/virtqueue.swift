// Virtio split virtqueue with 16 descriptors: descriptor table and rings in fixed arrays
// allocated at setup, buffers chained through a free list; the block driver issues
// requests made of header + data + status descriptors.

struct Desc {
    var addr: UInt64 = 0
    var len: UInt32 = 0
    var flags: UInt16 = 0
    var next: UInt16 = 0
}

final class Virtqueue {
    var desc = [Desc](repeating: Desc(), count: 16)
    var avail = [UInt16](repeating: 0, count: 16)
    var used = [(id: UInt32, len: UInt32)](repeating: (0, 0), count: 16)
    var freeHead: UInt16 = 0
    var numFree = 16
    var availIdx: UInt16 = 0
    var usedIdx: UInt16 = 0
    init() { for i in 0..<16 { desc[i].next = UInt16((i + 1) & 15) } }

    func add(_ bufs: [(UInt64, UInt32, Bool)]) -> Int? {
        guard bufs.count <= numFree, !bufs.isEmpty else { return nil }
        let head = freeHead
        var i = head
        for (k, b) in bufs.enumerated() {
            desc[Int(i)].addr = b.0; desc[Int(i)].len = b.1
            desc[Int(i)].flags = (k + 1 < bufs.count ? 1 : 0) | (b.2 ? 2 : 0)
            if k + 1 < bufs.count { i = desc[Int(i)].next }
        }
        freeHead = desc[Int(i)].next
        numFree -= bufs.count
        avail[Int(availIdx & 15)] = head
        availIdx &+= 1
        return Int(head)
    }
    func deviceComplete() {
        while usedIdx != availIdx {
            let head = avail[Int(usedIdx & 15)]
            used[Int(usedIdx & 15)] = (UInt32(head), 512)
            var i = head, n = 1
            while desc[Int(i)].flags & 1 != 0 && n < 16 { i = desc[Int(i)].next; n += 1 }
            desc[Int(i)].next = freeHead
            freeHead = head
            numFree += n
            usedIdx &+= 1
        }
    }
}

nonisolated(unsafe) var blkq: Virtqueue? = nil
func queue() -> Virtqueue { if let q = blkq { return q }; let q = Virtqueue(); blkq = q; return q }

@_semantics("maxlive.entry")
public func virtioBlkRead(_ n: Int) -> Int {
    let q = queue()
    let sector = UInt64(n & 0xffff)
    return q.add([(0x8000_0000 + sector, 16, false), (0x8010_0000, 512, true), (0x8020_0000, 1, true)]) ?? -28
}

@_semantics("maxlive.entry")
public func virtioBatch(_ n: Int) -> Int {
    let q = queue()
    var issued = 0
    for i in 0..<min(n, 10) {
        if q.add([(UInt64(i) << 12, 16, false), (0x9000_0000, 4096, true)]) == nil { break }
        issued += 1
    }
    q.deviceComplete()
    return issued + q.numFree
}

@_semantics("maxlive.entry")
public func virtioScatter(_ n: Int) -> Int {
    let q = queue()
    let segs = max(1, min(n, 16))
    var bufs: [(UInt64, UInt32, Bool)] = []
    for s in 0..<segs { bufs.append((UInt64(s) << 12, 4096, s > 0)) }
    let r = q.add(bufs) ?? -28
    q.deviceComplete()
    return r
}

public func fixtureReset() { blkq = nil }

// inputs: virtioBlkRead 0 1 65535
// inputs: virtioBatch 0 1 5 8 10 20
// inputs: virtioScatter 0 1 8 16 17
