// Fixture: vector_layouts — SIMD vectors, 128-bit integers and tuples of Float in classes and
// arrays (SILFacts §5.3): a vector of n scalars is stored as n (three as four) and aligned to
// its size, at most 16; Int128 and UInt128 are 16 B aligned to 16.
//
// Sample {UInt8; UInt128; SIMD4<Float>; (Float, Float, Float); SIMD2<Double>; Int128}:
//   16 header, UInt8 @16, UInt128 @32..48, SIMD4<Float> @48..64, the tuple @64..76,
//   SIMD2<Double> @80..96, Int128 @96..112 = 112.
// Particle {SIMD3<Float>; UInt8; SIMD2<Float>}: SIMD3<Float> @16..32 (stored as four), UInt8 @32,
//   SIMD2<Float> @40..48 = 48.
//
// keepSample(n): keeps a Sample: 112.
// particles(n): [SIMD4<Float>] from empty, min(n, 8) appends: capacities 1, 2, 4, 8 of 16 B
//   elements; growing from 4 to 8 holds 32 + 4 × 16 = 96 and 32 + 8 × 16 = 160 together: 256;
//   plus a kept Particle (48) made first: 304.
// wideCounters(n): [UInt128] of 16 made at once: 32 + 16 × 16 = 288 (freed at return).
//
// SIL (-Osize): `alloc_ref $Sample`, `alloc_ref $Particle`; the vector array grows through
// `_consumeAndCreateNew`; `[UInt128](repeating:count:)` calls `_allocateBufferUninitialized`.
//
// expect: keepSample peak 112
// expect: particles peak 304
// expect: wideCounters peak 288
// inputs: keepSample 0 1
// inputs: particles 0 1 4 5 8 9 100
// inputs: wideCounters 0 3

public final class Sample {
    var tag: UInt8 = 0
    var id: UInt128 = 0
    var color: SIMD4<Float> = .zero
    var position: (Float, Float, Float) = (0, 0, 0)
    var velocity: SIMD2<Double> = .zero
    var balance: Int128 = 0
    init(_ n: Int) { tag = UInt8(truncatingIfNeeded: n); id = UInt128(n) }
}

public final class Particle {
    var at: SIMD3<Float> = .zero
    var alive: UInt8 = 1
    var spin: SIMD2<Float> = .zero
}

nonisolated(unsafe) var sample: Sample? = nil
nonisolated(unsafe) var particle: Particle? = nil

@inline(never) func total(_ v: [SIMD4<Float>]) -> Float {
    var s: Float = 0
    for x in v { s += x.sum() }
    return s
}

@_semantics("maxlive.entry")
public func keepSample(_ n: Int) {
    sample = Sample(n)
}

@_semantics("maxlive.entry")
public func particles(_ n: Int) -> Int {
    particle = Particle()
    var v: [SIMD4<Float>] = []
    for i in 0..<min(n, 8) { v.append(SIMD4(Float(i), 0, 0, 1)) }
    return Int(total(v))
}

@inline(never) func sumLow(_ c: [UInt128]) -> Int {
    var s = 0
    for x in c { s &+= Int(truncatingIfNeeded: x) }
    return s
}

@_semantics("maxlive.entry")
public func wideCounters(_ n: Int) -> Int {
    let c = [UInt128](repeating: UInt128(n), count: 16)
    return sumLow(c)
}

public func fixtureReset() { sample = nil; particle = nil }
