// Fixture: simulated_loops — loops whose trip count follows from values the loop computes from
// constants, in shapes no counter pattern matches: `stride(from:through:by:)`, whose iterator
// the optimizer takes apart into a counter, an overflow check and a "returned the end" flag
// (with a lookup in an array literal, a loop of its own, inlined into the body); a reversed
// range; a counter that doubles; two counters that meet; a stride that ends at Int.max (the
// overflow path); a stride down. maxlive runs such a loop on its constant values, both ways
// at each branch it cannot decide, and counts how often the header can be entered.
//
// Layouts (SILFacts §4–§6): [Int] storage 32 + 8 × capacity; appends from empty take
// capacities 1, 2, 4, 8, 16, each made while the one before is live.
//
// strideThrough: registers 0x10 through 0x24 by 4: 6 reads, each appended for a present
//   device: capacity 8 (96) made while 4 (64) is live: 160.
// reversedRange: 12 values: capacity 16 (160) made while 8 (96) is live: 256.
// doubling: 1, 2, 4, … 512: 10 values: 256.
// twoCounters: lo 0 up, hi 20 down, while lo < hi: 10 values: 256.
// nearMax: Int.max − 10, − 6, − 2, then the step overflows and the loop ends: 3 values: 64 +
//   48 = 112.
// downStride: 40, 32, 24, 16, 8: 5 values: 160.
// wrapEqual: a UInt8 from 120 up to 140, tested for equality (140 is -116 in the comparison's
//   8 bits): 20 values: capacity 32 (288) made while 16 (160) is live: 448.
// stall: the counter stands still while a budget the caller chooses lasts: 10 + n appends,
//   unbounded (the run meets a state it has been in: the loop may go on as long as the input).
// chase: x = (31x + 1) & 255 until x is 0, which some starting values never reach: unbounded.
//
@inline(never) func mix(_ a: Int, _ r: Int) -> Int { a &* 31 &+ r }

func configRead(_ dev: Int, _ reg: Int) -> Int {
    let present = [0, 1, 2, 3, 5, 8]
    guard present.contains(dev) else { return -1 }
    return reg >= 0x10 && reg <= 0x24 ? 0xfebf_0000 | reg : 0
}

@_semantics("maxlive.entry")
public func strideThrough(_ n: Int) -> Int {
    var bars: [Int] = []
    for r in stride(from: 0x10, through: 0x24, by: 4) {
        let v = configRead(n & 7, r)
        if v != 0 { bars.append(v) }
    }
    return bars.count
}

@_semantics("maxlive.entry")
public func reversedRange(_ n: Int) -> Int {
    var out: [Int] = []
    for i in (0..<12).reversed() { out.append(mix(n, i)) }
    return out.count
}

@_semantics("maxlive.entry")
public func doubling(_ n: Int) -> Int {
    var out: [Int] = []
    var i = 1
    while i < 1000 { out.append(i &+ n); i *= 2 }
    return out.count
}

@_semantics("maxlive.entry")
public func twoCounters(_ n: Int) -> Int {
    var out: [Int] = []
    var lo = 0, hi = 20
    while lo < hi { out.append(mix(lo, hi)); lo += 1; hi -= 1 }
    return out.count + n
}

@_semantics("maxlive.entry")
public func nearMax(_ n: Int) -> Int {
    var out: [Int] = []
    for r in stride(from: Int.max - 10, through: Int.max, by: 4) { out.append(r &+ n) }
    return out.count
}

@_semantics("maxlive.entry")
public func downStride(_ n: Int) -> Int {
    var out: [Int] = []
    for r in stride(from: 40, to: 0, by: -8) { out.append(mix(n, r)) }
    return out.count
}

@_semantics("maxlive.entry")
public func wrapEqual(_ n: Int) -> Int {
    var out: [Int] = []
    var i: UInt8 = 120
    while true {
        out.append(Int(i) &+ n)
        i &+= 1
        if i == 140 { break }
    }
    return out.count
}

@_semantics("maxlive.entry")
public func stall(_ n: Int) -> Int {
    var out: [Int] = []
    var i = 0
    var budget = n
    while i < 10 {
        out.append(i)
        if budget > 0 { budget -= 1; continue }
        i += 1
    }
    return out.count
}

@_semantics("maxlive.entry")
public func chase(_ n: Int) -> Int {
    var out: [Int] = []
    var x = n
    while x != 0 { out.append(x); x = mix(x, 1) & 0xff }
    return out.count
}

// expect: strideThrough peak 160
// expect: reversedRange peak 256
// expect: doubling peak 256
// expect: twoCounters peak 256
// expect: nearMax peak 112
// expect: downStride peak 160
// expect: wrapEqual peak 448
// expect: stall unbounded
// expect: chase unbounded
// maxlive: stall unbounded (an append runs in a loop with no bound: the budget comes from the caller)
// maxlive: chase unbounded (the loop's test reads a value a call computes: no run of the loop decides it)
// inputs: strideThrough 0 1 4 5
// inputs: reversedRange 0 1
// inputs: doubling 0 1
// inputs: twoCounters 0 1
// inputs: nearMax 0 1
// inputs: downStride 0 1
// inputs: wrapEqual 0 1
// inputs: stall 0 5 50
// inputs: chase 0
