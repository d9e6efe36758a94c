// Fixture: literals — collections that start from a literal of constants. The optimizer builds
// such a literal at compile time when it is never changed in place (a `sil_global` whose static
// initializer is an `object` with one tail element per element, read with `global_value`), or
// as a `[stack]` object whose whole header it stores at once when the code goes on to grow it.
// Either way the literal's count is known: it is the number of tail elements.
//
// Layouts (SILFacts §4–§6): array storage = 32 B header + count × stride; Box {Int} = 24.
// A table asked to hold c elements gets B = the smallest power of two >= max(ceil(4c/3), c + 1, 2)
// buckets, holding at most 3B/4 (SILFacts §5.6):
//   _DictionaryStorage<Int, Int>: 64 header + 8 bitmap + 16B: B = 4: 136, B = 8: 200.
//   _SetStorage<UInt16>: 56 header + 8 bitmap + 2B: B = 8: 80, B = 16: 96.
//
// grownLiteral: `var a = [1, 2, 3]` lives on the stack ([stack] object), then up to 8 appends
//   (count 11). The first append copies it to the heap at capacity max(4, 2 × 3) = 6 (80 B);
//   the 4th (count 6 → 7) regrows to 12 (128 B) while the 80 is live: 208 (n >= 4).
//   The analysis: the literal's 3 plus 8 appends, 11; capacities double from the literal's 3
//   (3, 6, 12), so 12 (128) while 6 (80) is copied: 208.
// literalLoop: `for x in [3, 5, 7, 11]` keeps a Box per element in an array grown from empty:
//   at the third append 3 Boxes (72) + the old buffer of 2 (48) + the new one of 4 (64) = 184.
//   The analysis: the loop runs 4 times (the literal's count): 4 Boxes (96) + 64 + 48 = 208.
// portSet: a Set<UInt16> literal of 6 ports (B = 8, 80 B, built from the static array), copied
//   for the insert of a 7th, which outgrows 6 and resizes to B = 16 (96) while the 80 is live:
//   176 (every input adds a new port).
// routeTable: a [Int: Int] literal of 3 (B = 4, 136) and one insert of key n & 7: a new key
//   (n & 7 not 1, 2 or 3) resizes to B = 8 (200) while 136 is live: 336.
//
// expect: grownLiteral peak 208
// expect: literalLoop peak 184
// expect: portSet peak 176
// expect: routeTable peak 336
// maxlive: literalLoop bound 208 (all four Boxes taken as live during the last regrowth)
// inputs: grownLiteral 0 1 3 4 8 20
// inputs: literalLoop 0 1 5
// inputs: portSet 0 1 22 1030
// inputs: routeTable 0 1 2 3 5 9

public final class Box {
    var v: Int
    init(_ v: Int) { self.v = v }
}

@_semantics("maxlive.entry")
public func grownLiteral(_ n: Int) -> Int {
    var a = [1, 2, 3]
    for i in 0..<min(max(n, 0), 8) { a.append(i) }
    return a.count
}

@_semantics("maxlive.entry")
public func literalLoop(_ n: Int) -> Int {
    var keep: [Box] = []
    for x in [3, 5, 7, 11] { keep.append(Box(x + n)) }
    return keep.count
}

@_semantics("maxlive.entry")
public func portSet(_ n: Int) -> Bool {
    let privileged: Set<UInt16> = [22, 25, 53, 80, 443, 123]
    var open = privileged
    open.insert(UInt16(1024 + (n & 7)))
    return open.contains(UInt16(truncatingIfNeeded: n))
}

@_semantics("maxlive.entry")
public func routeTable(_ n: Int) -> Int {
    var routes: [Int: Int] = [1: 10, 2: 20, 3: 30]
    routes[n & 7] = n
    return routes.count
}
