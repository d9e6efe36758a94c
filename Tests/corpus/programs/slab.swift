// Slab allocator bookkeeping: caches of fixed-size objects, each slab tracks a free list
// of slot indices; caches are kept in a global list created on demand.

final class Slab {
    var free: [UInt16]
    let objSize: Int
    init(objSize: Int, slots: Int) {
        self.objSize = objSize
        free = []
        free.reserveCapacity(slots)
        for i in stride(from: slots - 1, through: 0, by: -1) { free.append(UInt16(i)) }
    }
    func alloc() -> Int? { free.popLast().map { Int($0) } }
    func release(_ slot: Int) { free.append(UInt16(slot)) }
}

final class SlabCache {
    let name: String
    let objSize: Int
    var slabs: [Slab] = []
    var inUse = 0
    init(name: String, objSize: Int) { self.name = name; self.objSize = objSize }

    func alloc() -> (Int, Int)? {
        for (i, s) in slabs.enumerated() {
            if let slot = s.alloc() { inUse += 1; return (i, slot) }
        }
        guard slabs.count < 4 else { return nil }
        let s = Slab(objSize: objSize, slots: 4096 / objSize)
        slabs.append(s)
        inUse += 1
        return (slabs.count - 1, s.alloc()!)
    }
}

nonisolated(unsafe) var caches: [SlabCache] = []

func cache(for size: Int) -> SlabCache {
    let rounded = size <= 32 ? 32 : size <= 64 ? 64 : size <= 128 ? 128 : 256
    for c in caches where c.objSize == rounded { return c }
    let c = SlabCache(name: "kmalloc-\(rounded)", objSize: rounded)
    caches.append(c)
    return c
}

@_semantics("maxlive.entry")
public func kmalloc(_ n: Int) -> Int {
    guard n > 0 && n <= 256 else { return -12 }
    guard let (slab, slot) = cache(for: n).alloc() else { return -12 }
    return slab * 1000 + slot
}

@_semantics("maxlive.entry")
public func kmallocBurst(_ n: Int) -> Int {
    // allocate n objects of 32 bytes in a row (up to 4 slabs × 128 slots)
    let c = cache(for: 32)
    var got = 0
    for _ in 0..<min(n, 600) {
        if c.alloc() == nil { break }
        got += 1
    }
    return got
}

@_semantics("maxlive.entry")
public func slabShrink(_ n: Int) -> Int {
    let c = cache(for: 64)
    for _ in 0..<(n & 127) { _ = c.alloc() }
    let before = c.slabs.count
    c.slabs.removeAll { $0.free.count == 4096 / 64 }
    return before - c.slabs.count
}

@_semantics("maxlive.entry")
public func slabInfo(_ n: Int) -> Int {
    _ = cache(for: 32); _ = cache(for: 200)
    var lines: [String] = []
    for c in caches {
        lines.append(c.name + " " + String(c.inUse) + " " + String(c.slabs.count))
    }
    return lines.joined(separator: "\n").utf8.count
}

public func fixtureReset() { caches = [] }

// inputs: kmalloc 0 1 32 33 64 100 128 200 256 257
// inputs: kmallocBurst 0 1 127 128 129 256 511 512 513 600
// inputs: slabShrink 0 1 63 64 127
// inputs: slabInfo 0 1
