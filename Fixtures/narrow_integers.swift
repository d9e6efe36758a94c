// Fixture: narrow_integers — 8- and 16-bit values wrap within their width, and their bits read
// differently signed and unsigned (UInt8 250 is Int8 -6): a range below 64 bits is trusted only
// where both readings agree, and widening an unknown byte gives 0...255.
//
//   [Int] storage: 32 + 8 × count
// u8SubWrap(n): UInt8(n & 7) &- 1 wraps to 255 when n & 7 == 0: [Int] × 255 = 32 + 2040 = 2072.
// dmaTrailer(n): UInt8(n & 0x7F) &+ 0x81 wraps past 255 for n & 0x7F ≥ 127 (to 0), and is 255
//   at most: a raw buffer of Int(len) × 8 bytes, freed before the call returns: 2040.
// byteCount(n): Int(UInt8(truncatingIfNeeded: n)) elements, whatever n: at most 255: 2072.
//
// SIL (-Osize): `sub_Int8`/`add_Int8` (wrapping), `trunc_Int64_Int8`, `zext_Int8_Int64`; the
// literal 0x81 is an Int8 literal. Found by a red-team run: the wrapped values were read as
// small or negative numbers (2072 B measured, 80 B reported; 2040 measured, 0 reported).
//
// expect: u8SubWrap peak 2072
// expect: dmaTrailer peak 2040
// expect: byteCount peak 2072
// inputs: u8SubWrap 0 1 7
// inputs: dmaTrailer 0 126 127
// inputs: byteCount 0 7 255 256 511 -1

@inline(never) func sink(_ a: [Int]) -> Int { a.count }

@_semantics("maxlive.entry")
public func u8SubWrap(_ n: Int) -> Int {
    let b = UInt8(n & 7) &- 1
    let a = [Int](repeating: 7, count: Int(b))
    return sink(a)
}

@_semantics("maxlive.entry")
public func dmaTrailer(_ n: Int) -> Int {
    let len = UInt8(n & 0x7F) &+ 0x81
    let p = UnsafeMutableRawPointer.allocate(byteCount: Int(len) * 8, alignment: 16)
    defer { p.deallocate() }
    return Int(len)
}

@_semantics("maxlive.entry")
public func byteCount(_ n: Int) -> Int {
    let a = [Int](repeating: 1, count: Int(UInt8(truncatingIfNeeded: n)))
    return sink(a)
}
