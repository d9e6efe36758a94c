// Virtual memory areas of one address space: sorted array of regions kept by insert(at:),
// mmap finds a gap, munmap splits or removes regions, and a /proc maps dump.

struct Region {
    var start: UInt64
    var end: UInt64
    var prot: UInt8   // r=4 w=2 x=1
}

final class AddressSpace {
    var regions: [Region] = []
    func insert(_ r: Region) -> Bool {
        guard regions.count < 64 else { return false }
        var i = 0
        while i < regions.count && regions[i].start < r.start { i += 1 }
        regions.insert(r, at: i)
        return true
    }
    func findGap(_ len: UInt64) -> UInt64 {
        var cursor: UInt64 = 0x1000_0000
        for r in regions {
            if r.start >= cursor + len { return cursor }
            cursor = max(cursor, r.end)
        }
        return cursor
    }
}

nonisolated(unsafe) var mm = AddressSpace()

@_semantics("maxlive.entry")
public func sysMmap(_ n: Int) -> Int {
    let pages = UInt64(1 + (n & 15))
    let addr = mm.findGap(pages << 12)
    return mm.insert(Region(start: addr, end: addr + (pages << 12), prot: 6)) ? Int(addr) : -12
}

@_semantics("maxlive.entry")
public func mmapMany(_ n: Int) -> Int {
    var last = 0
    for i in 0..<min(n, 70) { last = sysMmap(i) }
    return last
}

@_semantics("maxlive.entry")
public func sysMunmap(_ n: Int) -> Int {
    _ = mmapMany(n & 31)
    // unmap the middle page of every region: each region of more than 2 pages splits in two
    var out: [Region] = []
    for r in mm.regions {
        let pages = (r.end - r.start) >> 12
        if pages > 2 {
            let mid = r.start + (pages / 2) << 12
            out.append(Region(start: r.start, end: mid, prot: r.prot))
            out.append(Region(start: mid + 0x1000, end: r.end, prot: r.prot))
        } else {
            out.append(r)
        }
    }
    mm.regions = out
    return out.count
}

@_semantics("maxlive.entry")
public func procMaps(_ n: Int) -> Int {
    _ = mmapMany(n & 7)
    let lines = mm.regions.map { r -> String in
        let p = (r.prot & 4 != 0 ? "r" : "-") + (r.prot & 2 != 0 ? "w" : "-") + (r.prot & 1 != 0 ? "x" : "-")
        return String(r.start, radix: 16) + "-" + String(r.end, radix: 16) + " " + p
    }
    return lines.joined(separator: "\n").utf8.count
}

public func fixtureReset() { mm = AddressSpace() }

// inputs: sysMmap 0 1 15
// inputs: mmapMany 0 1 10 33 64 70 100
// inputs: sysMunmap 0 1 16 31
// inputs: procMaps 0 1 7
