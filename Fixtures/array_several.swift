// Fixture: array_several — several arrays grown in one loop, each with its own count and
// element type.
//
// Every empty array starts from the one static empty storage, so in optimized SIL all of them
// flow from a single value; each array is still its own buffer, with its own capacity, growing
// on its own (SILFacts §5.6). Buffer sizes: [Int] 32 + 8c, [UInt8] and [Bool] 32 + c,
// [Record] (8 Ints) 32 + 64c, [Node] 32 + 8c; a Node object is 16 + 8 = 24 B.
//
// threeInts: 9 appends to each of three [Int]: each ends at capacity 16 (160 B); the worst
//   moment is the last one growing 8 -> 16 while the other two hold 16: 160 + 160 + 96 + 160 = 576.
// tagsAndRecords: 9 appends to a [UInt8] (capacity 16: 48 B) and to a [Record]: the records
//   grow 8 -> 16 with the tags at 16: 48 + 544 + 1056 = 1648.
// twoIntsTwice: [Int] a gets 9 appends (160 B), [Int] b 18 (grows 16 -> 32 at the last
//   iteration): 160 + 160 + 288 = 608.
// objsAndFlags: 9 Nodes kept in a [Node] and 9 Bools in a [Bool]: 216 + 48 + 96 + 160 = 520.
//
// inputs: threeInts 0 3 9 20
// inputs: tagsAndRecords 0 3 9 20
// inputs: twoIntsTwice 0 3 9 20
// inputs: objsAndFlags 0 3 9 20
//
// expect: threeInts peak 576
// expect: tagsAndRecords peak 1648
// expect: twoIntsTwice peak 608
// expect: objsAndFlags peak 520

public struct Record { var a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0 }
public final class Node { var v: Int; init(_ v: Int) { self.v = v } }

@_semantics("maxlive.entry")
public func threeInts(_ n: Int) -> Int {
    var a: [Int] = []
    var b: [Int] = []
    var c: [Int] = []
    for i in 0..<min(n, 9) {
        a.append(i)
        b.append(i)
        c.append(i)
    }
    return a.count + b.count + c.count
}

@_semantics("maxlive.entry")
public func tagsAndRecords(_ n: Int) -> Int {
    var tags: [UInt8] = []
    var records: [Record] = []
    for i in 0..<min(n, 9) {
        tags.append(UInt8(truncatingIfNeeded: i))
        records.append(Record(a: i))
    }
    return tags.count + records.count
}

@_semantics("maxlive.entry")
public func twoIntsTwice(_ n: Int) -> Int {
    var a: [Int] = []
    var b: [Int] = []
    for i in 0..<min(n, 9) {
        a.append(i)
        b.append(i)
        b.append(i)
    }
    return a.count + b.count
}

@_semantics("maxlive.entry")
public func objsAndFlags(_ n: Int) -> Int {
    var flags: [Bool] = []
    var objects: [Node] = []
    for i in 0..<min(n, 9) {
        flags.append(i & 1 == 0)
        objects.append(Node(i))
    }
    return flags.count + objects.count
}
