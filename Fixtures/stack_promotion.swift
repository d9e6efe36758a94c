// Fixture: stack_promotion — `alloc_ref [stack]` is only a hint; IRGen promotes objects of at
// most 1024 bytes (inclusive) and heap-allocates bigger ones (SILFacts §4).
//
//   Small {Int, Int}             16 + 2*8                   = 32
//   Edge  {InlineArray<126,Int>} 16 + 126*8                 = 1024  (stack-promotable)
//   Big   {InlineArray<128,Int>} 16 + 128*8                 = 1040  (> 1024: heap)
// stackSmall: a local Small passed to a non-inlined function: [stack] -> 0.
// stackEdge:  a local Edge, the same way: [stack], exactly 1024 -> 0.
// stackBig:   a local Big, the same way: [stack] in SIL but 1040 > 1024 -> heap 1040.
// stackEscaping: a Small stored in a global never gets [stack]: 32.
// stackMixed: a local Big (1040, heap) and a Small kept in a global (32) together: 1072.
//
// SIL (-Osize): Small, Edge and Big are ALL `alloc_ref [stack]` in the non-escaping entries; only
// the size (16 + fields) decides: Edge 1024 stays on the stack, Big 1040 goes to the heap.
// stackEscaping/stackMixed's Small is a plain `alloc_ref $Small`.
//
// expect: stackSmall peak 0
// expect: stackEdge peak 0
// expect: stackBig peak 1040
// expect: stackEscaping peak 32
// expect: stackMixed peak 1072
// inputs: stackSmall 0 2
// inputs: stackEdge 0 2
// inputs: stackBig 0 2
// inputs: stackEscaping 0 2
// inputs: stackMixed 0 2

public final class Small {
    var a: Int
    var b: Int
    init(_ n: Int) { a = n; b = n &+ 1 }
}

public final class Edge {
    var items: InlineArray<126, Int>
    init(_ n: Int) { items = InlineArray(repeating: n) }
}

public final class Big {
    var items: InlineArray<128, Int>
    init(_ n: Int) { items = InlineArray(repeating: n) }
}

nonisolated(unsafe) var gSmall: Small? = nil

@inline(never) func lookSmall(_ s: Small) -> Int { s.a &+ s.b }
@inline(never) func lookEdge(_ e: Edge) -> Int { e.items[0] &+ e.items[125] }
@inline(never) func lookBig(_ b: Big) -> Int { b.items[0] &+ b.items[127] }

@_semantics("maxlive.entry")
public func stackSmall(_ n: Int) -> Int { lookSmall(Small(n)) }

@_semantics("maxlive.entry")
public func stackEdge(_ n: Int) -> Int { lookEdge(Edge(n)) }

@_semantics("maxlive.entry")
public func stackBig(_ n: Int) -> Int { lookBig(Big(n)) }

@_semantics("maxlive.entry")
public func stackEscaping(_ n: Int) { gSmall = Small(n) }

@_semantics("maxlive.entry")
public func stackMixed(_ n: Int) -> Int {
    gSmall = Small(n)
    return lookBig(Big(n))
}

public func fixtureReset() { gSmall = nil }
