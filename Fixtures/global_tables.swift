// Fixture: global_tables — a dictionary and a set kept in globals, their counts held by the
// code's own checks (`guard conns.count < 12`, `guard ports.count < 40`) before every insertion
// in the module; insertions and removals are the stdlib's out-of-line calls (in @inline(never)
// helpers) or inlined into the entry (routes, marks), everything else only reads the tables.
//
// Layouts (SILFacts §4–§6): Conn {Int, Int} is 16 + 16 = 32 B. A table of B buckets (B a power
// of two holding at most ⌊3B/4⌋ elements) is one object: _DictionaryStorage<Int, Conn> is
// 64 + 8 × ⌈B/64⌉ (bitmap) + 8B (keys) + 8B (values): B = 2: 104, 4: 136, 8: 200, 16: 328.
// _SetStorage<Int> is 56 + 8 × ⌈B/64⌉ + 8B: 32: 320, 64: 576. A table asked to hold c
// elements gets the smallest B ≥ max(⌈4c/3⌉, c + 1, 2); an insertion into a full table makes
// the new one while the old is still live.
//
// connect: one connection into an empty table (each call starts from `[:]`): the 2-bucket
//   table (104) and the Conn (32): 136.
// connectMany: up to 30 connections, 12 of them admitted: the tables grow 2, 4, 8, 16; the
//   7th insertion moves 6 elements from the 8-bucket table (200) into the 16 (328) with 7 Conns
//   (224) live: 752.
// churn: the same with a removal after every third insertion: 752 (n = 30: the removals come
//   after the resize).
// bindMany: up to 64 ports, 40 admitted: the 25th insertion moves 24 from the 32-bucket table
//   (320) into the 64 (576): 896.
// lookup: reads only: 0.
// floodLog: inserts into a set no check holds: unbounded.
// addRoutes: the insertion inlined into the entry's loop (the stdlib moves the table to the
//   stack, grows and changes it there, and stores it back), 24 admitted into [Int: Int]
//   (64 + 8 + 16B per table): the 13th moves 12 from 16 buckets (328) into 32 (584): 912.
// dropRoutes: inlined removals only, from an empty table: 0.
// markMany: inlined insertions into a Set<Int>, 20 admitted: the 13th moves 12 from 16
//   buckets (56 + 8 + 128 = 192) into 32 (320): 512.
// alias: keys 0...7 only, which no check of the count shows: the program states at most 8
//   (maxliveMaxCount); one insertion into an empty [Int: Int]: the 2-bucket table, 104.
//
// maxlive's bounds: the table's largest size for the bound the checks prove (12 → 16 buckets:
// 328; 40 → 64: 576), once per call, plus the table of half the buckets while an insertion
// grows it (200; 320), plus what the entry keeps itself. No function keeps a reference to these
// tables (only lookups and the stdlib's own changes use them), so a removal finds its table
// unique and copies nothing: removals alone cost nothing.

public final class Conn {
    var id = 0
    var bytes = 0
    init(_ id: Int) { self.id = id }
}

nonisolated(unsafe) var conns: [Int: Conn] = [:]
nonisolated(unsafe) var ports: Set<Int> = []
nonisolated(unsafe) var log: Set<Int> = []
nonisolated(unsafe) var routes: [Int: Int] = [:]
nonisolated(unsafe) var marks: Set<Int> = []
nonisolated(unsafe) var aliases: [Int: Int] = [:]

@inline(never) func open(_ id: Int) -> Conn? {
    if let c = conns[id] { return c }
    guard conns.count < 12 else { return nil }
    let c = Conn(id)
    conns[id] = c
    return c
}

@inline(never) func close(_ id: Int) -> Int { conns.removeValue(forKey: id) == nil ? 0 : 1 }

@inline(never) func bind(_ port: Int) -> Bool {
    guard ports.count < 40 else { return false }
    ports.insert(port)
    return true
}

@_semantics("maxlive.entry")
public func connect(_ n: Int) -> Int { open(n)?.id ?? -1 }

@_semantics("maxlive.entry")
public func connectMany(_ n: Int) -> Int {
    var k = 0
    for i in 0..<min(n, 30) where open(i * 7 + n) != nil { k += 1 }
    return k
}

@_semantics("maxlive.entry")
public func churn(_ n: Int) -> Int {
    var k = 0
    for i in 0..<min(n, 30) {
        if open(i + n) != nil { k += 1 }
        if i % 3 == 2 { k += close(i + n - 1) }
    }
    return k
}

@_semantics("maxlive.entry")
public func bindMany(_ n: Int) -> Int {
    var k = 0
    for i in 0..<min(n, 64) where bind(i &* 31 &+ n) { k += 1 }
    return k
}

@_semantics("maxlive.entry")
public func lookup(_ n: Int) -> Int { (conns[n]?.bytes ?? 0) + (ports.contains(n) ? 1 : 0) }

@_semantics("maxlive.entry")
public func floodLog(_ n: Int) -> Int {
    log.insert(n)
    return log.count
}

@_semantics("maxlive.entry")
public func addRoutes(_ n: Int) -> Int {
    for i in 0..<min(n, 40) {
        guard routes.count < 24 else { break }
        routes[i &* 13 &+ n] = i
    }
    return routes.count
}

@_semantics("maxlive.entry")
public func dropRoutes(_ n: Int) -> Int {
    var k = 0
    for i in 0..<min(n, 40) where routes.removeValue(forKey: i &* 13) != nil { k += 1 }
    return k
}

@_semantics("maxlive.entry")
public func markMany(_ n: Int) -> Int {
    for i in 0..<min(n, 100) {
        if marks.count >= 20 { break }
        marks.insert(i &* 7 &+ n)
    }
    return marks.count
}

@_semantics("maxlive.entry")
public func alias(_ n: Int) -> Int {
    aliases[n & 7] = n
    maxliveMaxCount(&aliases, 8)
    return aliases.count
}

public func fixtureReset() { conns = [:]; ports = []; log = []; routes = [:]; marks = []; aliases = [:] }

// expect: connect peak 136
// expect: connectMany peak 752
// expect: churn peak 752
// expect: bindMany peak 896
// expect: lookup peak 0
// expect: floodLog unbounded
// expect: addRoutes peak 912
// expect: dropRoutes peak 0
// expect: markMany peak 512
// expect: alias peak 104
// maxlive: connect bound 560 (328 + 200 for the table, and the Conn)
// maxlive: connectMany bound 1488 (328 + 200, and a Conn for each of 30 iterations: 960)
// maxlive: churn bound 1488 (the same; a removal copies nothing)
// maxlive: bindMany bound 896 (576 + 320)
// maxlive: lookup bound 0
// maxlive: floodLog unbounded (no check of the count of `log` guards the insertion)
// maxlive: addRoutes bound 912 (584 + 328)
// maxlive: markMany bound 512 (320 + 192)
// maxlive: alias bound 528 (the stated 8: 16 buckets, 328, and 8 while it grows, 200)

// inputs: connect 0 1 2
// inputs: connectMany 0 1 5 12 30
// inputs: churn 0 3 10 30
// inputs: bindMany 0 1 10 40 64
// inputs: lookup 0 1
// inputs: floodLog 0 1 2
// inputs: addRoutes 0 1 5 24 40
// inputs: dropRoutes 0 5 40
// inputs: markMany 0 1 20 100
// inputs: alias 0 1 7 8 100
