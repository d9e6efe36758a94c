// Fixture: array_concat — arrays grown by `append(contentsOf:)` and `+=` of other arrays, which
// the optimizer leaves a call of `Array.append(contentsOf:)` handed the variable's stack slot.
// Each adds the other array's count, known here when it is a literal (built at compile time,
// or on the stack) or the empty array; the reallocation asks for the count plus that many and
// grows to max(count + k, 2 × capacity), like an append.
//
// Layouts (SILFacts §4–§6): [Int] storage 32 + 8 × capacity, [UInt8] 32 + capacity.
//
// concatLiterals: 3 then 2 Ints onto an empty array: capacity 3 (56), then max(5, 6) = 6 (80)
//   while 3 is live: 136.
// concatInLoop: four frames of 4 bytes: capacities 4, 8, then max(12, 16) = 16 (48) while 8
//   (40) is live: 88; the fourth fits.
// headerThenBody: a 4-byte literal (built at compile time, no heap), then 4 and 4 more:
//   capacity 8 (40), then 16 (48) while 8 is live: 88.
// concatUnknown: appends an array of `n & 1023` elements, whose count maxlive does not carry
//   into the call: at n = 1023 both buffers of 1023 Ints (8216 each): 16432.
//
// maxlive's bounds: the largest count M (the start plus every k, times its loop's trips); a
// reallocation asks for at most M, so the new buffer holds at most max(start, M, 2(M − 1)) and
// the old one, live while the new one fills, at most max(start, M − 1).
//
@inline(never) func mix(_ a: Int, _ r: Int) -> Int { a &* 31 &+ r }

@_semantics("maxlive.entry")
public func concatLiterals(_ n: Int) -> Int {
    var a: [Int] = []
    a.append(contentsOf: [1, 2, 3])
    a.append(contentsOf: [n, n])
    return a.count
}

@_semantics("maxlive.entry")
public func concatInLoop(_ n: Int) -> Int {
    var frame: [UInt8] = []
    for i in 0..<4 { frame += [0x7e, UInt8(truncatingIfNeeded: i &+ n), 0, 0] }
    return frame.count
}

@_semantics("maxlive.entry")
public func headerThenBody(_ n: Int) -> Int {
    var pkt: [UInt8] = [0x45, 0, 0, 20]
    pkt += [64, 6, 0, 0]
    pkt += [10, 0, 0, UInt8(truncatingIfNeeded: n)]
    return pkt.count
}

@_semantics("maxlive.entry")
public func concatUnknown(_ n: Int) -> Int {
    var a: [Int] = []
    let b = Array(repeating: 7, count: n & 1023)
    a.append(contentsOf: b)
    return a.count
}

// expect: concatLiterals peak 136
// expect: concatInLoop peak 88
// expect: headerThenBody peak 88
// expect: concatUnknown peak 16432
// maxlive: concatLiterals bound 160 (M = 5: capacity 8, 96, and the old buffer of 4, 64)
// maxlive: concatInLoop bound 109 (M = 16: capacity 30, 62, and the old buffer of 15, 47)
// maxlive: headerThenBody bound 97 (M = 12: capacity 22, 54, and the old buffer of 11, 43)
// maxlive: concatUnknown unbounded (the appended array's count is a range (`n & 1023`) of an `Array(repeating:count:)`, which the append model does not read)
// inputs: concatLiterals 0 1
// inputs: concatInLoop 0 1
// inputs: headerThenBody 0 1
// inputs: concatUnknown 0 1 5 1023
