// Fixture: key_domains — dictionaries and sets keyed by types with few values (UInt8, Int8,
// Bool), which no check of their count bounds: a table never holds more elements than
// its key type has values (an insertion of a key already there adds none), however often the
// insertions run, in a global, a class property or a local.
//
// Layouts (SILFacts §4–§6): a table of B buckets is 64 (dictionary) or 56 (set) + 8 × ⌈B/64⌉
// (bitmap) + B × key stride + B × value stride; it holds at most ⌊3B/4⌋ elements, and a table
// asked to hold c gets the smallest B ≥ max(⌈4c/3⌉, c + 1, 2). K values need B(K) buckets:
// 2 → 4, 256 → 512, 65536 → 131072. An insertion into a full table makes the new one while the
// old (half the buckets) is live.
//   [UInt8: Int]:  512 buckets 64 + 64 + 512 + 4096 = 4736; 256: 64 + 32 + 256 + 2048 = 2400.
//   [Int8: UInt32]: 512: 64 + 64 + 512 + 2048 = 2688; 256: 64 + 32 + 256 + 1024 = 1376.
//   [Bool: Int]:   4: 64 + 8 + 4 + 32 = 108 → 112 (8-byte rounding); 2: 64 + 8 + 2 + 16 = 90 → 96.
//   Set<UInt8>:    512: 56 + 64 + 512 = 632; 256: 56 + 32 + 256 = 344.
//   Set<UInt16>:   131072: 56 + 16384 + 262144 = 278584; 65536: 56 + 8192 + 131072 = 139320.
//
// irqStorm: up to 1000 interrupts counted by vector (`irqHits[v, default: 0] += 1`): the 193rd
//   distinct vector grows 256 buckets into 512: 4736 + 2400 = 7136.
// irq: one count; the global may hold 255 vectors already: bound 7136, measured from empty 96.
// distinctBytes: a local Set<UInt8> filled by a `while let` loop with no bound on its trips:
//   632 + 344 = 976.
// flags2: both Bool keys into a global [Bool: Int]: 112 + 96 = 208.
// histogram: up to 400 Int8 samples into a class's [Int8: UInt32]: 2688 + 1376 = 4064 (the
//   Histogram object, made on first use, is there before the measured calls; the bound has it: 4088).
// portScan: up to 70000 ports into a global Set<UInt16>: 278584 + 139320 = 417904. maxlive
//   leaves 16-bit keys to the code's checks (a bound of 408 KiB is no use to a kernel): unbounded.
// wideKeys: an Int-keyed table with no check: unbounded.
// detachAndRefill: the full table taken out (`let old = irqHits; irqHits.removeAll()`) and kept
//   while the global fills again: two full tables, 4736 + 4736 + 2400 = 11872. With a copy of
//   the table kept, maxlive no longer charges one table for the call but one per call that may
//   grow it: 512 × 4736 + 2400 = 2427232 (sound, far from tight; it charged one table, 7136,
//   below the peak, before it saw the copy).

nonisolated(unsafe) var irqHits: [UInt8: Int] = [:]
nonisolated(unsafe) var seenPorts: Set<UInt16> = []
nonisolated(unsafe) var flags: [Bool: Int] = [:]
nonisolated(unsafe) var wide: [Int: Int] = [:]

final class Histogram {
    var buckets: [Int8: UInt32] = [:]
    func add(_ v: Int8) { buckets[v, default: 0] += 1 }
}
nonisolated(unsafe) let hist = Histogram()

@inline(never) func nextByte(_ i: Int, _ n: Int) -> UInt8? { i < n ? UInt8(truncatingIfNeeded: i &* 7) : nil }

@_semantics("maxlive.entry")
public func irqStorm(_ n: Int) -> Int {
    for i in 0..<min(n, 1000) { irqHits[UInt8(truncatingIfNeeded: i &* 5), default: 0] += 1 }
    return irqHits.count
}

@_semantics("maxlive.entry")
public func irq(_ n: Int) -> Int {
    irqHits[UInt8(truncatingIfNeeded: n), default: 0] += 1
    return irqHits.count
}

@_semantics("maxlive.entry")
public func distinctBytes(_ n: Int) -> Int {
    var seen = Set<UInt8>()
    var i = 0
    while let b = nextByte(i, n) { seen.insert(b); i += 1 }
    return seen.count
}

@_semantics("maxlive.entry")
public func flags2(_ n: Int) -> Int {
    flags[n & 1 == 0, default: 0] += n
    flags[n & 1 != 0, default: 0] += 1
    return flags.count
}

@_semantics("maxlive.entry")
public func histogram(_ n: Int) -> Int {
    for i in 0..<min(n, 400) { hist.add(Int8(truncatingIfNeeded: i)) }
    return hist.buckets.count
}

@_semantics("maxlive.entry")
public func portScan(_ n: Int) -> Int {
    for p in 0..<min(n, 70000) { seenPorts.insert(UInt16(truncatingIfNeeded: p)) }
    return seenPorts.count
}

@_semantics("maxlive.entry")
public func wideKeys(_ n: Int) -> Int {
    wide[n, default: 0] += 1
    return wide.count
}

@inline(never) func count(_ v: UInt8) { irqHits[v, default: 0] += 1 }

@_semantics("maxlive.entry")
public func detachAndRefill(_ n: Int) -> Int {
    for i in 0..<min(n, 256) { count(UInt8(truncatingIfNeeded: i)) }
    let old = irqHits
    irqHits.removeAll()
    for i in 0..<min(n, 256) { count(UInt8(truncatingIfNeeded: i)) }
    return old.count + irqHits.count
}

public func fixtureReset() { irqHits = [:]; seenPorts = []; flags = [:]; hist.buckets = [:]; wide = [:] }

// expect: irqStorm peak 7136
// expect: irq peak 96
// expect: distinctBytes peak 976
// expect: flags2 peak 208
// expect: histogram peak 4064
// expect: portScan peak 417904
// expect: wideKeys unbounded
// expect: detachAndRefill peak 11872
// maxlive: detachAndRefill bound 2427232 (a full table per call that may grow it, since a copy is kept)
// maxlive: irq bound 7136 (the global may hold 255 vectors on entry: 512 buckets and 256 while it grows)
// maxlive: portScan unbounded (16-bit keys have too many values to charge; no check of the count guards the insertion)
// maxlive: histogram bound 4088 (4064 and the Histogram object made on first use)
// inputs: irqStorm 0 1 100 192 193 1000
// inputs: irq 0 1 300
// inputs: distinctBytes 0 1 10 300 1000
// inputs: flags2 0 1 2
// inputs: histogram 0 10 200 400
// inputs: portScan 0 10 70000
// inputs: wideKeys 1 2
// inputs: detachAndRefill 0 10 256
