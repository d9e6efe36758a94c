// Fixture: filled_objects — a function (an initializer, a setter not inlined) that stores a new
// object into the object it is handed and hands that object back. What it stored lives as long
// as the object it filled: with the caller's own new object, as long as the result; with an
// object the caller read from a global, for good.
//
// Layouts (SILFacts §5): Node: 16 + 8 = 24. Obj: 16 + 8 (child) + 8 (tag) = 32. Holder: 16 + 8
// = 24. _ContiguousArrayStorage<Obj> of capacity c: 32 + 8c.
//
// intoGlobals: `attach(gObjs[i], n)` for the three objects of a global array: each keeps its
//   Node (72), beside the global's array (32 + 24 = 56) and its three Objs (96), made by its
//   initializer on the first call: 224. The analysis: the same (the Nodes kept for good).
// intoFresh: `peek(attach(Obj(), n + i))` a hundred times: the Obj is on the stack, its Node
//   dies with it each pass: 24.
// viaField: a new Obj stored into a global's field, then filled: the field keeps the last Obj
//   and its Node (56). The analysis: an object stored into a global is kept, with what it is
//   filled with, each pass: 5 × 56, and the global's Holder and Obj made on first use (56): 336.
// keptAfter: six filled Objs appended to a local array: 6 × 56 (336) in capacity 8 (96): 432,
//   and at the fifth append 5 × 56 + 64 + 96 = 440. The analysis: all six with both buffers
//   of the last regrowth: 496.

final class Node {
    var v: Int
    init(_ v: Int) { self.v = v }
}

final class Obj {
    var child: Node? = nil
    var tag = 0
    init() {}
}

final class Holder {
    var o: Obj
    init(_ o: Obj) { self.o = o }
}

nonisolated(unsafe) var gObjs: [Obj] = [Obj(), Obj(), Obj()]
nonisolated(unsafe) var gHolder = Holder(Obj())

@inline(never) func attach(_ o: Obj, _ v: Int) -> Obj {
    o.child = Node(v)
    return o
}

@inline(never) func peek(_ o: Obj) -> Int { o.child?.v ?? 0 }

@_semantics("maxlive.entry")
public func intoGlobals(_ n: Int) -> Int {
    var s = 0
    for i in 0..<3 { s += peek(attach(gObjs[i], n)) }
    return s
}

@_semantics("maxlive.entry")
public func intoFresh(_ n: Int) -> Int {
    var s = 0
    for i in 0..<100 { s += peek(attach(Obj(), n + i)) }
    return s
}

@_semantics("maxlive.entry")
public func viaField(_ n: Int) -> Int {
    var s = 0
    for i in 0..<5 {
        let o = Obj()
        gHolder.o = o
        s += peek(attach(o, i + n))
    }
    return s
}

@_semantics("maxlive.entry")
public func keptAfter(_ n: Int) -> Int {
    var keep: [Obj] = []
    for i in 0..<6 { keep.append(attach(Obj(), i + n)) }
    return keep.count
}

public func fixtureReset() {
    for o in gObjs { o.child = nil }
    gHolder = Holder(Obj())
}

// expect: intoGlobals peak 224
// expect: intoFresh peak 24
// expect: viaField peak 56
// maxlive: viaField bound 336 (an object stored into a global is kept with what it is filled with, each pass)
// expect: keptAfter peak 440
// maxlive: keptAfter bound 496 (all six filled objects beside both buffers of the last regrowth)
// inputs: intoGlobals 0 1
// inputs: intoFresh 0 1
// inputs: viaField 0 1
// inputs: keptAfter 0 1
