// Inode cache: a doubly linked LRU list of inode objects plus a dictionary from inode
// number to node; at most 24 cached inodes, the least recently used is evicted.

final class Inode {
    let ino: UInt32
    var size: Int = 0
    var mode: UInt16 = 0o644
    var blocks: [UInt32] = []
    var prev: Inode? = nil
    var next: Inode? = nil
    init(ino: UInt32) { self.ino = ino }
}

final class InodeCache {
    var map: [UInt32: Inode] = [:]
    var head: Inode? = nil   // most recent
    var tail: Inode? = nil   // least recent
    let limit = 24

    func unlink(_ i: Inode) {
        if let p = i.prev { p.next = i.next } else { head = i.next }
        if let nx = i.next { nx.prev = i.prev } else { tail = i.prev }
        i.prev = nil; i.next = nil
    }
    func pushFront(_ i: Inode) {
        i.next = head
        head?.prev = i
        head = i
        if tail == nil { tail = i }
    }
    func get(_ ino: UInt32) -> Inode {
        if let i = map[ino] { unlink(i); pushFront(i); return i }
        if map.count >= limit, let victim = tail {
            unlink(victim)
            map[victim.ino] = nil
        }
        let i = Inode(ino: ino)
        i.blocks = [ino &* 8, ino &* 8 + 1]
        map[ino] = i
        pushFront(i)
        return i
    }
}

nonisolated(unsafe) var icache = InodeCache()

@_semantics("maxlive.entry")
public func iget(_ n: Int) -> Int {
    let i = icache.get(UInt32(truncatingIfNeeded: n))
    return Int(i.ino)
}

@_semantics("maxlive.entry")
public func igetScan(_ n: Int) -> Int {
    // a directory scan touches n inodes in a row
    var total = 0
    for k in 0..<min(n, 100) { total += icache.get(UInt32(k)).blocks.count }
    return total
}

@_semantics("maxlive.entry")
public func iTruncate(_ n: Int) -> Int {
    let i = icache.get(7)
    let want = min(n, 64)
    while i.blocks.count < want { i.blocks.append(UInt32(i.blocks.count)) }
    while i.blocks.count > want { i.blocks.removeLast() }
    i.size = want * 512
    return i.blocks.count
}

@_semantics("maxlive.entry")
public func icacheDump(_ n: Int) -> Int {
    _ = igetScan(n & 31)
    var order: [UInt32] = []
    var cur = icache.head
    while let c = cur, order.count < 24 { order.append(c.ino); cur = c.next }
    return order.reversed().first.map { Int($0) } ?? -1
}

public func fixtureReset() {
    var cur = icache.head
    while let c = cur { cur = c.next; c.prev = nil; c.next = nil }
    icache = InodeCache()
}

// inputs: iget 0 1 100 4294967295
// inputs: igetScan 0 1 10 24 25 50 100 200
// inputs: iTruncate 0 1 2 3 33 64 100
// inputs: icacheDump 0 1 24 31
