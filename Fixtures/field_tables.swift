// Fixture: field_tables — dictionaries and sets kept in class properties (an inode cache's map,
// a zone's set of allocated pages), every insertion in the module behind a check of that
// instance's count (`guard map.count < 16`). Whatever earlier calls left, no instance's table
// then holds more than the limit, so a call that inserts can only grow a table to the buckets
// the limit needs. The objects live in globals (`let icache`, `var zone`) that no entry
// reassigns: every load of the global in a call is the same object, one table for the call.
// Two caches changed in one loop are two tables (they might be one object; charging each is
// sound either way).
//
// Layouts (SILFacts §4–§6): Inode {Int, Int}: 16 + 16 = 32. InodeCache {[Int: Inode]}: 16 + 8
// = 24. _DictionaryStorage<Int, Inode> of B buckets: 64 + 8 × ⌈B/64⌉ + 8B + 8B: B = 2: 104,
// 16: 328, 32: 584. _SetStorage<Int>: 56 + 8 × ⌈B/64⌉ + 8B: B = 2: 80, 32: 320, 64: 576. A
// table asked to hold c elements gets the smallest B ≥ max(⌈4c/3⌉, c + 1, 2); an insertion into
// a full table makes the new one while the old is still live.
//
// iget: the cache made on first use (24), one Inode (32) into the empty map (104): 160.
// igetMany: up to 40 lookups of new inodes, 16 admitted: the 13th insertion moves 12 entries
//   from 16 buckets (328) into 32 (584) with 13 Inodes (416) live: 1328.
// idrop: removals only: 0.
// zoneTake: up to 64 pages, 32 admitted into the zone's set: the 25th insertion moves 24 from 32
//   buckets (320) into 64 (576): 896.
// zoneGive: removals only: 0.
// scratchCache: a cache made in the call (on the stack: it does not escape; its `[:]` is a call
//   of `Dictionary(dictionaryLiteral:)` with the empty array, which returns the static empty
//   table), filled like igetMany: 1328.
// igetBoth: two caches, each up to 20 new inodes, 16 admitted each: when the second grows to
//   32 buckets the first already has (584 and 13 Inodes, 416): 1000 + 328 + 584 + 416 = 2328.
// register: a set property inserted into with no check: unbounded.
// setOwners: `PageOwners.owner` holds at most 64 pages (its keys are `pfn & 63`), which no
//   check of its count shows: the program states it (maxliveMaxCount after the change). Up
//   to 100 insertions of [Int: Int] (64 + 8 × ⌈B/64⌉ + 16B): the 49th moves 48 from 64
//   buckets (1096) into 128 (2128): 3224.
//
// maxlive's bounds: the table a property's limit allows (16 → 32 buckets; 32 → 64), once per
// call and object, plus the one half its size while an insertion grows it, plus what the entry
// keeps itself.

public final class Inode {
    var ino = 0
    var size = 0
    init(_ n: Int) { ino = n }
}

final class InodeCache {
    var map: [Int: Inode] = [:]
    @inline(never) func get(_ n: Int) -> Inode? {
        if let i = map[n] { return i }
        guard map.count < 16 else { return nil }
        let i = Inode(n)
        map[n] = i
        return i
    }
    @inline(never) func drop(_ n: Int) -> Int { map.removeValue(forKey: n) == nil ? 0 : 1 }
}

final class Zone {
    var allocated: Set<Int> = []
    func take(_ pfn: Int) -> Bool {
        guard allocated.count < 32 else { return false }
        allocated.insert(pfn)
        return true
    }
    func give(_ pfn: Int) { allocated.remove(pfn) }
}

final class Registry {
    var names: Set<Int> = []
    @inline(never) func add(_ n: Int) { names.insert(n) }
}

final class PageOwners {
    var owner: [Int: Int] = [:]
    func set(_ pfn: Int, _ task: Int) {
        owner[pfn & 63] = task
        maxliveMaxCount(&owner, 64)
    }
}

nonisolated(unsafe) let icache = InodeCache()
nonisolated(unsafe) let owners = PageOwners()
nonisolated(unsafe) let dcache = InodeCache()
nonisolated(unsafe) let registry = Registry()
nonisolated(unsafe) var zone = Zone()

@_semantics("maxlive.entry")
public func iget(_ n: Int) -> Int { icache.get(n)?.ino ?? -1 }

@_semantics("maxlive.entry")
public func igetMany(_ n: Int) -> Int {
    var k = 0
    for i in 0..<min(n, 40) where icache.get(i &* 5 &+ n) != nil { k += 1 }
    return k
}

@_semantics("maxlive.entry")
public func idrop(_ n: Int) -> Int {
    var k = 0
    for i in 0..<min(n, 40) { k += icache.drop(i &* 5) }
    return k
}

@_semantics("maxlive.entry")
public func zoneTake(_ n: Int) -> Int {
    var k = 0
    for i in 0..<min(n, 64) where zone.take(i &* 3 &+ n) { k += 1 }
    return k
}

@_semantics("maxlive.entry")
public func zoneGive(_ n: Int) -> Int {
    for i in 0..<min(n, 64) { zone.give(i &* 3) }
    return zone.allocated.count
}

@_semantics("maxlive.entry")
public func scratchCache(_ n: Int) -> Int {
    let c = InodeCache()
    var k = 0
    for i in 0..<min(n, 40) where c.get(i) != nil { k += 1 }
    return k + c.map.count
}

@_semantics("maxlive.entry")
public func igetBoth(_ n: Int) -> Int {
    var k = 0
    for i in 0..<min(n, 20) {
        if icache.get(i) != nil { k += 1 }
        if dcache.get(i &+ 100) != nil { k += 1 }
    }
    return k
}

@_semantics("maxlive.entry")
public func register(_ n: Int) -> Int {
    registry.add(n)
    return registry.names.count
}

@_semantics("maxlive.entry")
public func setOwners(_ n: Int) -> Int {
    for i in 0..<min(n, 100) { owners.set(i &+ n, n) }
    return owners.owner.count
}

public func fixtureReset() { icache.map = [:]; dcache.map = [:]; zone = Zone(); registry.names = []; owners.owner = [:] }

// expect: iget peak 160
// expect: igetMany peak 1328
// expect: idrop peak 0
// expect: zoneTake peak 896
// expect: zoneGive peak 0
// expect: scratchCache peak 1328
// expect: igetBoth peak 2328
// expect: register unbounded
// expect: setOwners peak 3224
// maxlive: iget bound 968 (every call may find the map at its limit: 584 + 328 while it grows, the Inode and the cache)
// maxlive: igetMany bound 2216 (584 + 328, an Inode for each of 40 iterations: 1280, and the cache)
// maxlive: idrop bound 24 (the cache's one-time initialization; no function keeps a reference to a map, so a removal never copies it)
// maxlive: zoneTake bound 920 (576 + 320, and the zone)
// maxlive: zoneGive bound 24 (the zone made on first use, once however many sites load it; a removal never copies a set nothing shares)
// maxlive: scratchCache bound 2192 (the new cache's map once, 584 + 328, and 40 Inodes: 1280)
// maxlive: igetBoth bound 2824 (two maps at 584 + 328 and 584, 40 Inodes: 1280, and the caches)
// maxlive: setOwners bound 3248 (the stated 64: 128 buckets, 2128, and 64 while it grows, 1096, and the object made on first use)
// maxlive: register unbounded (no check of the count of `Registry.names` guards the insertion)
// inputs: iget 0 1 2
// inputs: igetMany 0 1 5 16 40
// inputs: idrop 0 5 40
// inputs: zoneTake 0 1 10 32 64
// inputs: zoneGive 0 5 64
// inputs: scratchCache 0 1 16 40
// inputs: igetBoth 0 1 16 20
// inputs: register 0 1 2
// inputs: setOwners 0 1 48 49 64 100
