// Fixture: holder_fields — objects made in loops with no bound on their trips, kept only in a
// field of a local object that each pass overwrites: the store releases the object the field
// held, so at any moment the live objects are the one the field holds, the old one being released
// and the one being made, however long the loop runs.
//
// Layouts (SILFacts §4–§6): Req: 16 (header) + 8 (id) + 16 (pad) = 40. Node: 16 + 8 + 8 = 32.
// Control and Chain are promoted to the stack (no call keeps them).
//
// latestOnly: `c.current = Req(x)` each pass: the new Req and the old one until the store
//   releases it: 80. The analysis: the field's Req and the old one read out beside it (80),
//   and the one being made (40): 120.
// twoFields: `current` and `spare` each replaced every pass: when `spare` is stored, the new
//   `current`, the old `spare` and the new one: 120. The analysis: each field's Req and the old
//   one beside it (2 × 80), and the one being made: 200.
// previousUsed: `let old = c.current; c.current = Req(x); c.count &+= old.id`: 80, as latestOnly.
// linkedList: each new Node links the old head: the list grows with the loop: unbounded.
// retiredToGlobal: the old Req is appended to a global array before the field is overwritten:
//   unbounded.
// keepLatest: `last = Req(x)` in a local variable: the old Req is released before the new one
//   is made: 40. The analysis: the Req the loop carries into the next pass and the one being
//   made: 80.
// comparePrevious: `let cur = Req(x); total += use(cur) - use(prev); prev = cur`: the previous
//   Req and the new one: 80, exact.
// twoCarriers: `a = cur` every pass and `b = cur` every other pass: b may hold an older Req
//   than a: 3 Reqs (120). The analysis: one Req for each variable the loop carries and the one
//   being made: 120, exact.
//
// At -O the optimizer keeps a field's value in a block argument from one pass to the next and
// stores it after the loop: the carried object, as in keepLatest (latestOnly 80, exact).

final class Req {
    var id: Int
    var pad: (Int, Int) = (0, 0)
    init(_ id: Int) { self.id = id }
}

final class Control {
    var current: Req? = nil
    var spare: Req? = nil
    var count = 0
    init() {}
}

final class Node {
    var id: Int
    var link: Node? = nil
    init(_ id: Int) { self.id = id }
}

final class Chain {
    var head: Node? = nil
    init() {}
}

@inline(never) func next(_ i: Int, _ n: Int) -> Int? { i < n ? i &* 3 : nil }
@inline(never) func weight(_ c: Control) -> Int { (c.current?.id ?? 0) &+ (c.spare?.id ?? 0) &+ c.count }
@inline(never) func length(_ c: Chain) -> Int {
    var k = 0
    var p = c.head
    while let q = p { k &+= 1; p = q.link }
    return k
}

var retired: [Req] = []

@_semantics("maxlive.entry")
public func latestOnly(_ n: Int) -> Int {
    let c = Control()
    var i = 0
    while let x = next(i, n) {
        c.current = Req(x)
        i += 1
    }
    return weight(c)
}

@_semantics("maxlive.entry")
public func twoFields(_ n: Int) -> Int {
    let c = Control()
    var i = 0
    while let x = next(i, n) {
        c.current = Req(x)
        c.spare = Req(x &+ 1)
        i += 1
    }
    return weight(c)
}

@_semantics("maxlive.entry")
public func previousUsed(_ n: Int) -> Int {
    let c = Control()
    var i = 0
    while let x = next(i, n) {
        let old = c.current
        c.current = Req(x)
        c.count &+= old?.id ?? 0
        i += 1
    }
    return weight(c)
}

@_semantics("maxlive.entry")
public func linkedList(_ n: Int) -> Int {
    let c = Chain()
    var i = 0
    while let x = next(i, n) {
        let node = Node(x)
        node.link = c.head
        c.head = node
        i += 1
    }
    return length(c)
}

@_semantics("maxlive.entry")
public func retiredToGlobal(_ n: Int) -> Int {
    let c = Control()
    var i = 0
    while let x = next(i, n) {
        if let old = c.current { retired.append(old) }
        c.current = Req(x)
        i += 1
    }
    return weight(c)
}

@_semantics("maxlive.entry")
public func keepLatest(_ n: Int) -> Int {
    var last: Req? = nil
    var i = 0
    while let x = next(i, n) {
        last = Req(x)
        i += 1
    }
    return last?.id ?? 0
}

@inline(never) func use(_ r: Req) -> Int { r.id }

@_semantics("maxlive.entry")
public func comparePrevious(_ n: Int) -> Int {
    var prev = Req(0)
    var total = 0
    var i = 0
    while let x = next(i, n) {
        let cur = Req(x)
        total &+= use(cur) &- use(prev)
        prev = cur
        i += 1
    }
    return total
}

@_semantics("maxlive.entry")
public func twoCarriers(_ n: Int) -> Int {
    var a = Req(0)
    var b = Req(1)
    var total = 0
    var i = 0
    while let x = next(i, n) {
        let cur = Req(x)
        total &+= use(a) &+ use(b)
        a = cur
        if x % 2 == 1 { b = cur }
        i += 1
    }
    return total &+ use(a) &+ use(b)
}

public func fixtureReset() { retired = [] }

// expect: latestOnly peak 80
// maxlive: latestOnly bound 120 (the old Req read out beside the field's, and the one being made)
// expect: twoFields peak 120
// maxlive: twoFields bound 200 (each field's Req and the old one beside it, and the one being made)
// expect: previousUsed peak 80
// maxlive: previousUsed bound 120 (as latestOnly)
// expect: keepLatest peak 40
// maxlive: keepLatest bound 80 (the Req carried into the next pass and the one being made)
// expect: comparePrevious peak 80
// expect: twoCarriers peak 120
// expect: linkedList unbounded
// expect: retiredToGlobal unbounded

// inputs: latestOnly 0 1 2 5 100
// inputs: twoFields 0 1 2 5 100
// inputs: previousUsed 0 1 2 5 100
// inputs: keepLatest 0 1 2 5 100
// inputs: comparePrevious 0 1 2 5 100
// inputs: twoCarriers 0 1 2 5 100
// inputs: linkedList 0 1 2 5 20
// inputs: retiredToGlobal 0 1 2 5 20
