// Fixture: pinned_contents — a helper that takes a count on what it reads from the object it is
// handed and never gives it back (`_ = Unmanaged.passRetained(r)`, a debug pin): every object it
// pins stays live for good, though the helper stores nothing anywhere. A holder's field and a
// capped array's elements are then not the objects' one owner: unbounded.
//
// Layouts (SILFacts §4–§6): Req: 16 (header) + 8 (id) + 16 (pad) = 40.

final class Req {
    var id: Int
    var pad: (Int, Int) = (0, 0)
    init(_ id: Int) { self.id = id }
}

final class Control {
    var current: Req? = nil
    init() {}
}

@inline(never) func next(_ i: Int, _ n: Int) -> Int? { i < n ? i &* 3 : nil }
@inline(never) func pin(_ c: Control) { if let r = c.current { _ = Unmanaged.passRetained(r) } }
@inline(never) func pinElement(_ t: [Req], _ k: Int) { _ = Unmanaged.passRetained(t[k]) }
@inline(never) func total(_ t: [Req]) -> Int {
    var s = 0
    for r in t { s &+= r.id }
    return s
}

@_semantics("maxlive.entry")
public func pinnedField(_ n: Int) -> Int {
    let c = Control()
    var i = 0
    while let x = next(i, n) {
        c.current = Req(x)
        pin(c)
        i += 1
    }
    return c.current?.id ?? 0
}

@_semantics("maxlive.entry")
public func pinnedElement(_ n: Int) -> Int {
    var out: [Req] = []
    var i = 0
    while let x = next(i, n) {
        if out.count < 4 { out.append(Req(x)) } else { out[x & 3] = Req(x) }
        pinElement(out, x % out.count)
        i += 1
    }
    return total(out)
}

@_semantics("maxlive.entry")
public func pinnedInPlace(_ n: Int) -> Int {
    let c = Control()
    var i = 0
    while let x = next(i, n) {
        c.current = Req(x)
        if let r = c.current { _ = Unmanaged.passRetained(r) }
        i += 1
    }
    return c.current?.id ?? 0
}

// expect: pinnedField unbounded
// expect: pinnedElement unbounded
// expect: pinnedInPlace unbounded

// inputs: pinnedField 0 1 5 50
// inputs: pinnedElement 0 1 5 50
// inputs: pinnedInPlace 0 1 5 50
