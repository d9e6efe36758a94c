// Fixture: array_growth — arrays grown by append, bounded by their element count.
//
// Growth in Embedded Swift doubles exactly (SILFacts §5.6): appending one element at a time
// to an empty array gives capacities 1, 2, 4, 8, …; while a buffer grows, the old and the new
// one are live together. For M appends the largest capacity is the power of two P >= M, and the
// worst moment is growing P/2 -> P. Buffer sizes: [Int] 32 + 8c; [Triple] (3 Ints) 32 + 24c.
//
// growInferred: 10 appends (constant loop): P = 16: 96 (cap 8) + 160 (cap 16) = 256.
// growReturned: a helper appends n <= 12 values and returns the array, the entry sums it:
//   P = 16 again: 256 at the 9th append; the returned buffer (160) is the caller's.
// growNested: n <= 4 outer iterations, 5 appends each: M = 20, P = 32: 160 + 288 = 448.
// growPerIteration: n <= 3 iterations, each builds its own 6-element array and drops it:
//   P = 8: 64 + 96 = 160, once (the arrays never overlap).
// growTwice: n <= 5 iterations, two appends each: M = 10, P = 16: 96 + 160 = 256.
// growTriples: n <= 6 appends of a 24-byte struct: P = 8: 128 (cap 4) + 224 (cap 8) = 352.
// growUnbounded: appends in a loop with no bound: unbounded (the loop, not the array, is unknown).
// growCopied: n <= 4 appends, each followed by a copy of the array into `snapshot`. A shared
//   buffer must be copied by the next append while the snapshot keeps the old one, so the model
//   refuses arrays copied where a reallocation can still follow; here the optimizer sinks the
//   copy out of the loop (one retain after it), so no old buffer outlives a reallocation:
//   P = 4: 48 (cap 2) + 64 (cap 4) = 112, exactly what is measured.
//
// expect: growInferred peak 256
// expect: growReturned peak 256
// expect: growNested peak 448
// expect: growPerIteration peak 160
// expect: growTwice peak 256
// expect: growTriples peak 352
// expect: growUnbounded unbounded
// expect: growCopied peak 112
// inputs: growInferred 0 1
// inputs: growReturned 0 1 8 9 12
// inputs: growNested 0 1 3 4
// inputs: growPerIteration 0 1 3
// inputs: growTwice 0 1 4 5
// inputs: growTriples 0 4 5 6
// inputs: growUnbounded 0 1 9
// inputs: growCopied 0 1 2 3 4

struct Triple {
    var a: Int
    var b: Int
    var c: Int
}

@inline(never)
func sumOf(_ a: [Int]) -> Int {
    var s = 0
    for v in a { s &+= v }
    return s
}

@inline(never)
func sumTriples(_ a: [Triple]) -> Int {
    var s = 0
    for t in a { s &+= t.a &+ t.b &+ t.c }
    return s
}

@_semantics("maxlive.entry")
public func growInferred(_ n: Int) -> Int {
    var a: [Int] = []
    for i in 0..<10 { a.append(i &+ n) }
    return sumOf(a)
}

@inline(never)
func makeList(_ n: Int) -> [Int] {
    var a: [Int] = []
    for i in 0..<n {
        maxliveLoopBound(12)
        a.append(i &* 2)
    }
    return a
}

@_semantics("maxlive.entry")
public func growReturned(_ n: Int) -> Int {
    let a = makeList(n)
    return sumOf(a)
}

@_semantics("maxlive.entry")
public func growNested(_ n: Int) -> Int {
    var a: [Int] = []
    for i in 0..<n {
        maxliveLoopBound(4)
        for j in 0..<5 { a.append(i &* 10 &+ j) }
    }
    return sumOf(a)
}

@_semantics("maxlive.entry")
public func growPerIteration(_ n: Int) -> Int {
    var total = 0
    for i in 0..<n {
        maxliveLoopBound(3)
        var a: [Int] = []
        for j in 0..<6 { a.append(i &+ j) }
        total &+= sumOf(a)
    }
    return total
}

@_semantics("maxlive.entry")
public func growTwice(_ n: Int) -> Int {
    var a: [Int] = []
    for i in 0..<n {
        maxliveLoopBound(5)
        a.append(i)
        a.append(i &+ 100)
    }
    return sumOf(a)
}

@_semantics("maxlive.entry")
public func growTriples(_ n: Int) -> Int {
    var a: [Triple] = []
    for i in 0..<n {
        maxliveLoopBound(6)
        a.append(Triple(a: i, b: i &+ 1, c: i &+ 2))
    }
    return sumTriples(a)
}

@_semantics("maxlive.entry")
public func growUnbounded(_ n: Int) -> Int {
    var a: [Int] = []
    for i in 0..<n { a.append(i) }
    return sumOf(a)
}

@_semantics("maxlive.entry")
public func growCopied(_ n: Int) -> Int {
    var a: [Int] = []
    var snapshot: [Int] = []
    for i in 0..<n {
        maxliveLoopBound(4)
        a.append(i)
        snapshot = a
    }
    return sumOf(a) &+ sumOf(snapshot)
}
