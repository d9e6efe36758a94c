// Fixture: protocol_dispatch — a call through a class-bound existential (`any Maker` with
// Maker: AnyObject; Embedded Swift rejects non-class existentials). Resolved through the
// witness tables: the bound is the maximum over the conforming types.
//
// pickMaker (not inlined) returns a new object chosen at run time (heap, it escapes):
//   SmallMaker {}      16
//   BigMaker   {Int}   16 + 8 = 24
// m.make(n) keeps its allocations:
//   SmallMaker.make  one Node {Node?, Int}: 32
//   BigMaker.make    [Int] x 30: 32 + 30*8 = 272
// worst = BigMaker: 24 + 272 = 296
//
// SIL (-Osize): `open_existential_ref` then `witness_method $@opened("<UUID>", any Maker) Self,
// #Maker.make` (the UUID changes between compilations); sil_witness_table entries point at
// `protocol witness for Maker.make(_:) in conformance …` thunks that call the methods.
//
// expect: protocolCall peak 296
// inputs: protocolCall 0 1 2 3

public final class Node {
    var next: Node?
    var value: Int
    init(_ next: Node?, _ value: Int) { self.next = next; self.value = value }
}

nonisolated(unsafe) var gNode: Node? = nil
nonisolated(unsafe) var gArr: [Int] = []

public protocol Maker: AnyObject {
    func make(_ n: Int)
}

public final class SmallMaker: Maker {
    init() {}
    public func make(_ n: Int) { gNode = Node(nil, n) }
}

public final class BigMaker: Maker {
    var factor: Int
    init(_ f: Int) { factor = f }
    public func make(_ n: Int) { gArr = [Int](repeating: n &* factor, count: 30) }
}

@inline(never)
func pickMaker(_ n: Int) -> any Maker {
    if n % 2 == 0 { return SmallMaker() }
    return BigMaker(n)
}

@_semantics("maxlive.entry")
public func protocolCall(_ n: Int) {
    let m = pickMaker(n)
    m.make(n)
}

public func fixtureReset() {
    gNode = nil
    gArr = []
}
