// Fixture: strings — heap String storage (__StringStorage, sil-facts §5.6).
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
//
// SIL (-Osize): stringRepeat is one apply of the stdlib `String.init(repeating:count:)` (body in
// the file) with "a" and 100. stringInterp inlines DefaultStringInterpolation: an apply of
// `_StringGuts.grow(_:)` with 27, `_SmallString.init(_:appending:)` fast paths, two
// `_StringGuts.append(_:)` calls (growth happens inside, sized from the runtime capacity) and
// `specialized BinaryInteger._description(radix:uppercase:)` (allocates the digits string when
// longer than 15). Exact sizes need a String model; "unbounded" is the honest fallback.
//
// expect: stringRepeat peak 144
// expect: stringInterp peak 160
// expect: stringSmall peak 0
// maxlive: stringRepeat unbounded (String storage growth is not modelled yet; the stdlib's foreign-string paths also recurse without a depth)
// maxlive: stringInterp unbounded (same: String growth is not modelled yet)
// maxlive: stringSmall unbounded (small strings never allocate, but the reachable stdlib paths for large strings are not modelled yet)
// inputs: stringRepeat 0 1
// inputs: stringInterp 0 -1 99 123456 1234567 -123456 12345678901234567 -9223372036854775808 9223372036854775807
// inputs: stringSmall 0 -99 12345

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

public func fixtureReset() { gStr = "" }
