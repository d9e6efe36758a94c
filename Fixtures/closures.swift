// Fixture: closures — escaping closure contexts and boxes (SILFacts §5.5).
//
// A heap context (partial_apply without [on_stack]) is 16 + the captures laid out as a struct;
// a single native reference (object or box) as the only capture needs no context at all.
// closureInt:    { n * 2 } kept in a global: context 16 + Int(8)                 = 24
// closureBox:    var c captured and mutated by an escaping closure: box { var Int } 16 + 8
//                = 24; the box is the only capture, so no context:               = 24
// closureTwo:    captures (Int8, Int): 16 + 1 -> align 8 -> 24 + 8               = 32
// closureObject: captures one Point {Int, Int} (32): the object is the context    = 32
// closureBoxAndInt: captures a box (24) and an Int: context 16 + 8 + 8 = 32; total 56
// closureNonEscaping: a closure passed to a non-escaping parameter: [on_stack] or
//                specialised away -> 0
//
// SIL (-Osize): closureInt: `partial_apply [callee_guaranteed] %f(%n)` (Int capture, 24 B context).
// closureBox: `alloc_box ${ var Int }, var, name "c"` + partial_apply whose only capture is the
// box (no context). closureTwo: partial_apply %f(%int8, %n). closureObject: `alloc_ref $Point` +
// partial_apply capturing only the Point (no context). closureBoxAndInt: alloc_box +
// partial_apply(%box, %n) (context 32). closureNonEscaping: the closure is specialised away,
// `specialized applyTwice(_:_:)` takes (Int, Int): no partial_apply at all.
//
// expect: closureInt peak 24
// expect: closureBox peak 24
// expect: closureTwo peak 32
// expect: closureObject peak 32
// expect: closureBoxAndInt peak 56
// expect: closureNonEscaping peak 0
// inputs: closureInt 0 5
// inputs: closureBox 0 5
// inputs: closureTwo 0 5
// inputs: closureObject 0 5
// inputs: closureBoxAndInt 0 5
// inputs: closureNonEscaping 0 5

public final class Point {
    var x: Int
    var y: Int
    init(_ x: Int, _ y: Int) { self.x = x; self.y = y }
}

nonisolated(unsafe) var gFn: (() -> Int)? = nil

@inline(never)
func applyTwice(_ f: (Int) -> Int, _ x: Int) -> Int { f(f(x)) }

@_semantics("maxlive.entry")
public func closureInt(_ n: Int) {
    gFn = { n &* 2 }
}

@_semantics("maxlive.entry")
public func closureBox(_ n: Int) {
    var c = n
    gFn = {
        c &+= 1
        return c
    }
}

@_semantics("maxlive.entry")
public func closureTwo(_ n: Int) {
    let small = Int8(truncatingIfNeeded: n)
    gFn = { Int(small) &+ n }
}

@_semantics("maxlive.entry")
public func closureObject(_ n: Int) {
    let p = Point(n, n &+ 1)
    gFn = { p.x &+ p.y }
}

@_semantics("maxlive.entry")
public func closureBoxAndInt(_ n: Int) {
    var c = 0
    gFn = {
        c &+= n
        return c
    }
}

@_semantics("maxlive.entry")
public func closureNonEscaping(_ n: Int) -> Int {
    let k = n &+ 3
    return applyTwice({ $0 &* k }, n)
}

public func fixtureReset() { gFn = nil }
