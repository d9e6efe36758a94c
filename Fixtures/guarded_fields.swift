// Fixture: guarded_fields — arrays kept in a class's stored property, whose every change in the
// module, in every instance, is behind a check of that instance's count (`guard items.count <
// 16`). The count of any instance's array then never exceeds the largest limit plus what one
// change adds, whatever earlier calls did: the same fact maxliveMaxCount states for a global,
// proved from the code. A property changed by a method that is not inlined (`Queue.push`) is
// one place per object: the calls of a loop that pushes onto one queue replace its buffer,
// they do not add buffers. A loop over several queues changes several places.
//
// Layouts (SILFacts §4–§6): Queue {[Int]}: 16 header + 8 = 24. Array<Int> storage: 32 + 8 ×
// capacity; appends from empty take capacities 1, 2, 4, 8, 16 (each doubling while the old
// buffer is live): at 16 elements the 16-capacity buffer (160) was made while the 8 (96) was live.
// Proc {Int}: 24. _DictionaryStorage<Int, Proc>: 64 + 8 + 16B: B = 4: 136, B = 8: 200.
//
// fillOne: a fresh Queue (on the stack: it does not escape) and up to 40 pushes, 16 of which
//   the guard lets through (n >= 9 grows to capacity 16): 160 + 96 = 256.
//   The analysis: `Queue.items` holds at most 16 (the guard): a buffer asked for 16 or doubled
//   from 15 (capacity 30, 272), once for the loop (the calls replace one queue's buffer), with
//   what the reallocation inside `push` holds on top: 448.
// fillFour: four Queues in an array literal (the literal and the first Queue on the stack, the
//   other three on the heap: 3 × 24 = 72), each filled like fillOne in turn (n >= 9): the first
//   three keep their 160 B buffers while the fourth grows: 72 + 3 × 160 + 160 + 96 = 808.
//   The analysis: each iteration's Queue is another object, so its buffer (priced at capacity
//   30, 272) is charged once per iteration, where the Queue is loaded: 1384.
// procTable: up to 5 Procs kept in a dictionary (a new key each): the 4th insertion resizes to
//   B = 8 (200) while B = 4 (136) is live, with 4 Procs (96): 432. The stdlib may release a replaced Proc inside an
//   insertion it does not inline; Proc's deinit costs nothing, so neither does that release.
// keepCopies: `pushAndCopy` returns the ring's array after each push, and the caller keeps
//   every copy: each push then copies the shared buffer (doubling the capacity it copies when
//   that is full, keeping it otherwise), so 16 buffers stay live, of capacities 1, 2, 4, 4,
//   8 (4 of them) and 16 (8 of them): 40 + 48 + 2 × 64 + 4 × 96 + 8 × 160 = 1880, and the
//   array of the 16 copies, 160: 2040 (n >= 16). Not one buffer per object: the copies leave
//   the function that grows the ring, so its callers are not told the ring holds one.
// appendAnywhere: `Log.lines` is appended to without a check (in `Log.add`): no instance's
//   count has a bound, so the entry that fills one is unbounded.
//
// expect: fillOne peak 256
// expect: fillFour peak 808
// expect: procTable peak 432
// expect: keepCopies peak 2040
// expect: appendAnywhere unbounded
// maxlive: fillOne bound 448 (a count of 16 is priced as doubled from 15: capacity 30)
// maxlive: fillFour bound 1384 (each queue's buffer is priced at capacity 30)
// maxlive: keepCopies bound 4928 (each push's copy is priced as a new buffer of capacity 30)
// maxlive: procTable bound 456 (all 5 Procs taken as live during the resize)
// inputs: fillOne 0 1 5 8 9 16 17 40
// inputs: fillFour 0 1 9 16 40
// inputs: procTable 0 1 4 5 9
// inputs: keepCopies 0 1 8 9 16 20
// inputs: appendAnywhere 0 1 5

public final class Queue {
    var items: [Int] = []

    @inline(never)
    func push(_ x: Int) -> Bool {
        guard items.count < 16 else { return false }
        items.append(x)
        return true
    }
}

public final class Proc {
    var pid: Int
    init(_ pid: Int) { self.pid = pid }
}

public final class Ring {
    var items: [Int] = []
}

@inline(never)
func pushAndCopy(_ ring: Ring, _ x: Int) -> [Int] {
    guard ring.items.count < 16 else { return [] }
    ring.items.append(x)
    return ring.items
}

public final class Log {
    var lines: [Int] = []

    @inline(never)
    func add(_ x: Int) { lines.append(x) }
}

@_semantics("maxlive.entry")
public func fillOne(_ n: Int) -> Int {
    let q = Queue()
    var pushed = 0
    for i in 0..<min(max(n, 0), 40) where q.push(i) { pushed += 1 }
    return pushed
}

@_semantics("maxlive.entry")
public func fillFour(_ n: Int) -> Int {
    let queues = [Queue(), Queue(), Queue(), Queue()]
    var pushed = 0
    for q in queues {
        for i in 0..<min(max(n, 0), 40) where q.push(i) { pushed += 1 }
    }
    return pushed
}

@_semantics("maxlive.entry")
public func procTable(_ n: Int) -> Int {
    var table: [Int: Proc] = [:]
    for i in 0..<min(max(n, 0), 5) { table[i] = Proc(i) }
    return table.count
}

@_semantics("maxlive.entry")
public func appendAnywhere(_ n: Int) -> Int {
    let log = Log()
    for i in 0..<min(max(n, 0), 8) { log.add(i) }
    return log.lines.count
}

@_semantics("maxlive.entry")
public func keepCopies(_ n: Int) -> Int {
    let ring = Ring()
    var kept: [[Int]] = []
    for i in 0..<min(max(n, 0), 16) { kept.append(pushAndCopy(ring, i)) }
    return kept.count
}
