// Fixture: deinit_handoff — objects whose deinit hands on what they hold (links a child into a
// global list): whatever was stored into such an object outlives it. The child lives on after
// its holder dies, so every pass of the loop leaves one, whoever filled the holder: the holder's
// own code, an initializer, a function handed the holder that gives it back, or a holder nested
// in another.
//
// Layouts (SILFacts §5): Node: 16 + 8 (next) + 64 (data) = 88. Holder: 16 + 8 + 8 = 32, on the
// stack when it does not escape. Payload: 16 + 8 + 80 = 104; Carrier: 16 + 8 = 24; Box: 32.
//
// directStore: `h.child = Node()` into a fresh Holder, 12 passes: 12 Nodes (1056).
// viaInit: `Req(i)`, whose initializer makes the Node: 12 Nodes (1056).
// viaFill: `fill(h)` (not inlined) stores the Node into the Holder it is handed and returns it:
//   12 Nodes (1056).
// nested: `fillBox(b)` stores a Carrier (whose initializer makes a Payload) into a fresh Box;
//   the Carrier's deinit keeps its Payload: 12 Payloads (1248) and the Carrier of the pass (24):
//   1272. The analysis: each pass's Carrier and Payload kept: 12 × 128 = 1536.

public final class Node {
    var next: Node? = nil
    var data: (Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0)
    init() {}
}

nonisolated(unsafe) var graveyard: Node? = nil

public final class Holder {
    var child: Node? = nil
    var tag = 0
    init() {}
    deinit {
        if let c = child { c.next = graveyard; graveyard = c }
    }
}

public final class Req {
    var child: Node?
    var tag: Int
    init(_ t: Int) { tag = t; child = Node() }
    deinit {
        if let c = child { c.next = graveyard; graveyard = c }
    }
}

public final class Payload {
    var next: Payload? = nil
    var bytes: (Int, Int, Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    init() {}
}

nonisolated(unsafe) var payloads: Payload? = nil

public final class Carrier {
    var payload: Payload
    init() { payload = Payload() }
    deinit { payload.next = payloads; payloads = payload }
}

public final class Box {
    var carrier: Carrier? = nil
    var tag = 0
    init() {}
}

@inline(never) func fill(_ h: Holder) -> Holder {
    h.child = Node()
    return h
}

@inline(never) func fillBox(_ b: Box) -> Box {
    b.carrier = Carrier()
    return b
}

@_semantics("maxlive.entry")
public func directStore(_ n: Int) -> Int {
    var s = 0
    for i in 0..<min(n, 12) {
        let h = Holder()
        h.tag = i
        h.child = Node()
        s &+= h.tag
    }
    return s
}

@_semantics("maxlive.entry")
public func viaInit(_ n: Int) -> Int {
    var s = 0
    for i in 0..<min(n, 12) {
        let r = Req(i)
        s &+= r.tag
    }
    return s
}

@_semantics("maxlive.entry")
public func viaFill(_ n: Int) -> Int {
    var s = 0
    for i in 0..<min(n, 12) {
        let h = Holder()
        h.tag = i
        s &+= fill(h).tag
    }
    return s
}

@_semantics("maxlive.entry")
public func nested(_ n: Int) -> Int {
    var s = 0
    for i in 0..<min(n, 12) {
        let b = Box()
        b.tag = i
        s &+= fillBox(b).tag
    }
    return s
}

public func fixtureReset() {
    graveyard = nil
    payloads = nil
}

// expect: directStore peak 1056
// expect: viaInit peak 1056
// expect: viaFill peak 1056
// expect: nested peak 1272
// maxlive: nested bound 1536 (each pass's Carrier is counted as kept with its Payload)
// inputs: directStore 0 1 5 12 50
// inputs: viaInit 0 1 5 12 50
// inputs: viaFill 0 1 5 12 50
// inputs: nested 0 1 5 12 50
