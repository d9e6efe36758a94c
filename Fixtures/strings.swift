// Fixture: strings — heap String storage (__StringStorage, SILFacts §5.6).
//
// Storage for capacity c: alignUp16(32 + c + 1 + (c >= 64 ? 8 : 0)); strings of at most 15
// UTF-8 bytes are small (inline) and never allocate.
// stringRepeat: String(repeating: "a", count: 100) kept in a global:
//   alignUp16(32 + 100 + 1 + 8) = alignUp16(141) = 144
// stringInterp: "request \(n) served by worker" kept in a global. Literal bytes 8 + 17 = 25.
//   1. DefaultStringInterpolation reserves 25 + 2*1 = 27: alignUp16(32 + 27 + 1) = 64
//      (capacity 31).
//   2. "request " (8) fits.
//   3. n.description: digits of n (1...20 bytes). Up to 15 it is a small string; 16...20 is a
//      heap string alignUp16(32 + len + 1) = 64, live while it is appended (8 + 20 <= 31
//      fits). 64 + 64 = 128.
//   4. " served by worker" (17): if 25 + len > 31 (len >= 7) the buffer grows to
//      max(needed, 2 * 31) = 62: alignUp16(32 + 62 + 1) = 96, allocated before the old 64 is
//      freed: 64 + 96 = 160.
//   peak = 160 for any n with at least 7 characters (64 for shorter ones).
// stringSmall: "id \(n % 100)" reserves 3 + 2 = 5 bytes and ends at most 6: small, 0.
// stringAppend: var s = "header with a long prefix: " (27 bytes, a static literal);
//   s.append(String(n)): the digits (<= 20: 64 B from 16 on) and a new buffer for at most
//   27 + 20 = 47 (a literal is not unique: grown to the total): alignUp16(32 + 47 + 1) = 80;
//   64 + 80 = 144. s += " and a tail" (11): 58 > 47, grown to max(58, 2 * 47) = 94:
//   alignUp16(32 + 94 + 1 + 8) = 144, while the 80 is live: 224 (n with >= 16 characters).
// stringLocal: "local \(n) value that is long enough" counted, not kept: literal bytes 6 + 26
//   = 32, reserve 34: 80 B (capacity 47); the digits (64) while appended: 144; then 26 + 26 >
//   47: grown to 94: 144 + 80 = 224.
// stringTwoInts: "pid \(n) parent \(n &* 7) state running": literal bytes 4 + 8 + 14 = 26,
//   reserve 30: 64 B (capacity 31). "pid " + digits (<= 24) fit; " parent " (<= 32) grows to
//   max(32, 62): 96 B + 64 = 160; the second digits (<= 52) fit; " state running" (<= 66)
//   grows to max(66, 126): alignUp16(32 + 126 + 1 + 8) = 176, + 96 = 272.
//   The analysis: 336. It keeps the smallest capacity a buffer may still have (31, when an
//   append might have fitted in place), so it lets the second digits regrow the buffer too.
// stringLoopPath: "/" then n <= 8 times "directory/" (10): 11 small, 21: 64 B (capacity 31),
//   31 fits, 41 grows to max(41, 62): 96 B (+64 = 160), 51 and 61 fit, 71 grows to
//   max(71, 126): 176 B (+96 = 272), 81 fits. peak = 272 (n >= 7).
//   The analysis: 336. The simulation runs the loop body once per pass, up to its bound, but
//   (as in stringTwoInts) keeps the smallest capacity a buffer may still have.
// stringLoop: s += "item \(i) " for n <= 4: 7, 14 (small), 21: 64 B, 28 fits: peak 64. Each piece
//   is a small string assembled byte by byte in a loop of its own, which the model cannot
//   decode: unbounded, with that reason.
//
// SIL (-Osize): stringRepeat is one apply of the stdlib `String.init(repeating:count:)` (body in
// the file) with "a" and 100. stringInterp inlines DefaultStringInterpolation: an apply of
// `_StringGuts.grow(_:)` with 27, `_SmallString.init(_:appending:)` fast paths, two
// `_StringGuts.append(_:)` calls (growth happens inside, sized from the runtime capacity) and
// `specialized BinaryInteger._description(radix:uppercase:)` (allocates the digits string when
// longer than 15). maxlive simulates the slot along the control flow (StringGrowth.swift) and
// models the digits (BinaryInteger.description, an assumption in the report).
// String(repeating:count:) with a literal and a constant count is modelled too: it grows an
// empty string once to the total and appends in place (another assumption in the report).
//
// expect: stringRepeat peak 144
// expect: stringInterp peak 160
// expect: stringSmall peak 0
// expect: stringAppend peak 224
// expect: stringLocal peak 224
// expect: stringTwoInts peak 272
// expect: stringLoopPath peak 272
// expect: stringLoop peak 64
// maxlive: stringLoopPath bound 336 (after a regrowth the buffer's smallest possible capacity is not raised)
// maxlive: stringLoop unbounded (each piece is a small string assembled byte by byte, which the string model does not decode)
// maxlive: stringTwoInts bound 336 (after a regrowth the buffer's smallest possible capacity is not raised, so the second digits may seem to regrow it)
// inputs: stringRepeat 0 1
// inputs: stringInterp 0 -1 99 123456 1234567 -123456 12345678901234567 -9223372036854775808 9223372036854775807
// inputs: stringSmall 0 -99 12345
// inputs: stringAppend 0 123 -9223372036854775808
// inputs: stringLocal 0 -9223372036854775808
// inputs: stringTwoInts 0 -1 1234567890123456789 -9223372036854775808
// inputs: stringLoopPath 0 3 7 8
// inputs: stringLoop 0 1 2 3 4

nonisolated(unsafe) var gStr: String = ""

@_semantics("maxlive.entry")
public func stringRepeat(_ n: Int) {
    gStr = String(repeating: "a", count: 100)
}

@_semantics("maxlive.entry")
public func stringInterp(_ n: Int) {
    gStr = "request \(n) served by worker"
}

@_semantics("maxlive.entry")
public func stringSmall(_ n: Int) {
    gStr = "id \(n % 100)"
}

@_semantics("maxlive.entry")
public func stringAppend(_ n: Int) {
    var s = "header with a long prefix: "
    s.append(String(n))
    s += " and a tail"
    gStr = s
}

@_semantics("maxlive.entry")
public func stringLocal(_ n: Int) -> Int {
    let s = "local \(n) value that is long enough"
    return s.utf8.count
}

@_semantics("maxlive.entry")
public func stringTwoInts(_ n: Int) {
    gStr = "pid \(n) parent \(n &* 7) state running"
}

@_semantics("maxlive.entry")
public func stringLoopPath(_ n: Int) {
    var s = "/"
    for _ in 0..<n {
        maxliveLoopBound(8)
        s += "directory/"
    }
    gStr = s
}

@_semantics("maxlive.entry")
public func stringLoop(_ n: Int) {
    var s = ""
    for i in 0..<n {
        maxliveLoopBound(4)
        s += "item \(i) "
    }
    gStr = s
}

public func fixtureReset() { gStr = "" }
