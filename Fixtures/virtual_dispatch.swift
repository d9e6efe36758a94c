// Fixture: virtual_dispatch — a class_method call resolved through the vtables: the bound is
// the maximum over the overrides that can be reached.
//
// pickShape (not inlined) returns a new object chosen at run time; it escapes, so it is heap:
//   Shape  {}               16
//   Circle : Shape {Int}    16 + 8     = 24
//   Poly   : Shape {Int, Int} 16 + 8 + 8 = 32
// then virtualCall calls s.build(n) through the base class; build keeps its allocations:
//   Shape.build   one Node {Node?, Int} (16 + 8 + 8 = 32)                 = 32
//   Circle.build  two Nodes                                                = 64
//   Poly.build    [Int] x 20 (32 + 20*8)                                   = 192
// The object is live during the call: worst = Poly: 32 + 192 = 224
// (also the max of pickShape plus the max of the overrides).
//
// SIL (-Osize): the call stays `class_method %s, #Shape.build` (no devirtualisation, no
// speculative checked_cast_br), resolved with sil_vtable Shape/Circle/Poly. pickShape holds
// three `alloc_ref` (Shape, Circle, Poly) on three paths; Poly.build allocates through
// _allocateBufferUninitialized(20).
//
// expect: virtualCall peak 224
// inputs: virtualCall 0 1 2 3 4 5

public final class Node {
    var next: Node?
    var value: Int
    init(_ next: Node?, _ value: Int) { self.next = next; self.value = value }
}

nonisolated(unsafe) var gNode1: Node? = nil
nonisolated(unsafe) var gNode2: Node? = nil
nonisolated(unsafe) var gArr: [Int] = []

public class Shape {
    init() {}
    func build(_ n: Int) {
        gNode1 = Node(nil, n)
    }
}

public final class Circle: Shape {
    var radius: Int
    init(_ r: Int) { radius = r; super.init() }
    override func build(_ n: Int) {
        gNode1 = Node(nil, n)
        gNode2 = Node(nil, radius)
    }
}

public final class Poly: Shape {
    var sides: Int
    var scale: Int
    init(_ s: Int) { sides = s; scale = 2; super.init() }
    override func build(_ n: Int) {
        gArr = [Int](repeating: n &* scale, count: 20)
    }
}

@inline(never)
func pickShape(_ n: Int) -> Shape {
    switch n % 3 {
    case 0: return Shape()
    case 1: return Circle(n)
    default: return Poly(n)
    }
}

@_semantics("maxlive.entry")
public func virtualCall(_ n: Int) {
    let s = pickShape(n)
    s.build(n)
}

public func fixtureReset() {
    gNode1 = nil
    gNode2 = nil
    gArr = []
}
