// Entropy pool and PRNG: a SIMD-mixed pool of 4 lanes, xorshift128+ state as a tuple,
// interrupt timing samples collected into a small array, and getrandom() filling a buffer.

struct Pool {
    var lanes = SIMD4<UInt32>(0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a)
    mutating func mix(_ v: UInt32) {
        lanes = lanes &+ SIMD4(repeating: v)
        lanes = (lanes &<< 7) | (lanes &>> 25)
        lanes = lanes ^ SIMD4(lanes[3], lanes[0], lanes[1], lanes[2])
    }
}

nonisolated(unsafe) var pool = Pool()
nonisolated(unsafe) var rngState: (UInt64, UInt64) = (0x1234_5678_9abc_def0, 0x0fed_cba9_8765_4321)
nonisolated(unsafe) var samples: [UInt32] = []

func next64() -> UInt64 {
    var s1 = rngState.0
    let s0 = rngState.1
    rngState.0 = s0
    s1 ^= s1 << 23
    rngState.1 = s1 ^ s0 ^ (s1 >> 17) ^ (s0 >> 26)
    return rngState.1 &+ s0
}

@_semantics("maxlive.entry")
public func addInterruptRandomness(_ n: Int) -> Int {
    if samples.count >= 64 {
        for s in samples { pool.mix(s) }
        samples.removeAll(keepingCapacity: true)
    }
    samples.append(UInt32(truncatingIfNeeded: n &* 0x9e37_79b9))
    return samples.count
}

@_semantics("maxlive.entry")
public func getrandom(_ n: Int) -> Int {
    let len = min(n, 256)
    var buf = [UInt8](repeating: 0, count: len)
    var i = 0
    while i < len {
        let r = next64()
        for k in 0..<8 where i + k < len { buf[i + k] = UInt8(truncatingIfNeeded: r >> UInt64(8 * k)) }
        i += 8
    }
    return Int(buf.reduce(0) { $0 ^ $1 })
}

@_semantics("maxlive.entry")
public func reseed(_ n: Int) -> Int {
    for k in 0..<(n & 63) { pool.mix(UInt32(k)) }
    let l = pool.lanes
    rngState = (UInt64(l[0]) << 32 | UInt64(l[1]), UInt64(l[2]) << 32 | UInt64(l[3]))
    return Int(l.wrappedSum())
}

@_semantics("maxlive.entry")
public func shuffleDeck(_ n: Int) -> Int {
    var deck = Array(0..<min(max(n, 1), 52))
    for i in stride(from: deck.count - 1, to: 0, by: -1) {
        let j = Int(next64() % UInt64(i + 1))
        deck.swapAt(i, j)
    }
    return deck.first ?? 0
}

public func fixtureReset() { samples = []; pool = Pool() }

// inputs: addInterruptRandomness 0 1 2
// inputs: getrandom 0 1 8 255 256 1000
// inputs: reseed 0 63
// inputs: shuffleDeck 0 1 52 100
