// Fixture: coroutine_paths — a `_modify` accessor called through `class_method` stays a coroutine
// call (`begin_apply`). Its frame is heap-allocated when it does not fit the caller's 32-byte
// buffer; maxlive reads that size from the LLVM IR (`--llvm-ir`), SIL does not show it.
//
//   Counter      {Int × 6, Node?}   16 + 6×8 + 8     = 72
//   SmallCounter : Counter (no fields)                = 72
//   Node         {Int}              16 + 8           = 24
//
// Counter.total's _modify keeps six Ints and self across the yield: its ramp calls
// `malloc(i64 64)` for the frame (IR), freed when the accessor finishes (end_apply). After
// the yield it stores a new Node into `last` while the frame is still live.
// SmallCounter.total's _modify keeps only self and the Int: the frame fits the buffer, the
// ramp allocates nothing, and it allocates nothing after the yield either.
//
//   coroVirtual  Counter:       72 + frame 64 + Node 24              = 160
//                SmallCounter:  72 + 0                               =  72   → 160
//   coroTwice    Counter: the first access leaves its Node in `last` (72 + 24); the second
//                frame comes on top and its new Node is made before the old one is
//                released: 72 + 24 + 64 + 24                          = 184
//                (the first frame is gone by then: 248 would mean it was not freed)
//
//   coroWindow   the caller passes `&c.total` to keepAndAdd, which keeps a new Node in a global
//                while the access is open (between begin_apply and end_apply): the frame is
//                still live then; the accessor's Node follows after the yield:
//                72 + frame 64 + kept Node 24 + Node 24                = 184
//                (a frame counted only at the begin_apply would give 160)
//   coroTransient  Gauge.level's _modify makes a 200-Int array after the yield and frees it
//                (32 + 200×8 = 1632 B: above the 1024 B stack limit, heap); its frame is again
//                malloc(64). The caller keeps a Node while the access is open:
//                Gauge {Int × 6} 16 + 48 = 64; 64 + 64 + 24 + 1632     = 1784
//                (the body's peak is charged again at end_apply, on top of what the caller
//                holds then; at the begin_apply alone it would be 64 + 64 + 1632 = 1760)
//
// Written by a second implementation of coroutine frames (helper branch `coro`) as independent
// ground truth for the one on main; all four are exact.
//
// SIL (-Osize): `class_method %c, #Counter.total!modify` then `(%v, %t) = begin_apply`,
// `end_apply %t`; the vtables give Counter.total.modify and SmallCounter.total.modify
// (`$@yield_once`). The accessors are not inlined, only reachable through the vtable.
//
// expect: coroVirtual peak 160
// expect: coroTwice peak 184
// expect: coroWindow peak 184
// expect: coroTransient peak 1784
// inputs: coroVirtual 0 1 2 3
// inputs: coroTwice 0 1 2 3
// inputs: coroWindow 0 1 2 3
// inputs: coroTransient 0 1 2 3

public final class Node {
    var value: Int
    init(_ v: Int) { value = v }
}

public class Counter {
    var a = 1, b = 2, c = 3, d = 4, e = 5, f = 6
    var last: Node? = nil
    init() {}
    var total: Int {
        get { a }
        _modify {
            let (a0, b0, c0, d0, e0, f0) = (a, b, c, d, e, f)
            var v = a
            yield &v
            last = Node(v &+ a0 &* b0 &+ c0 &* d0 &+ e0 &* f0)
        }
    }
}

public final class SmallCounter: Counter {
    override var total: Int {
        get { a }
        _modify {
            var v = a
            yield &v
            a = v
        }
    }
}

@inline(never)
func pickCounter(_ n: Int) -> Counter {
    n % 2 == 0 ? Counter() : SmallCounter()
}

@_semantics("maxlive.entry")
public func coroVirtual(_ n: Int) {
    let c = pickCounter(n)
    c.total += n
}

@_semantics("maxlive.entry")
public func coroTwice(_ n: Int) {
    let c = pickCounter(n)
    c.total += n
    c.total += 1
}

nonisolated(unsafe) var gKept: Node? = nil

@inline(never)
func keepAndAdd(_ v: inout Int) {
    gKept = Node(v)
    v &+= 1
}

@_semantics("maxlive.entry")
public func coroWindow(_ n: Int) {
    let c = pickCounter(n)
    keepAndAdd(&c.total)
}

public class Gauge {
    var a = 1, b = 2, c = 3, d = 4, e = 5, f = 6
    init() {}
    var level: Int {
        get { a }
        _modify {
            let (a0, b0, c0, d0, e0, f0) = (a, b, c, d, e, f)
            var v = a
            yield &v
            a = total([Int](repeating: v &+ a0 &* b0 &+ c0 &* d0 &+ e0 &* f0, count: 200))
        }
    }
}

public final class FlatGauge: Gauge {
    override var level: Int {
        get { a }
        _modify {
            var v = a
            yield &v
            a = v
        }
    }
}

@inline(never)
func total(_ values: [Int]) -> Int {
    var s = 0
    for v in values { s &+= v }
    return s
}

@inline(never)
func pickGauge(_ n: Int) -> Gauge {
    n % 2 == 0 ? Gauge() : FlatGauge()
}

@_semantics("maxlive.entry")
public func coroTransient(_ n: Int) {
    let g = pickGauge(n)
    keepAndAdd(&g.level)
}

public func fixtureReset() {
    gKept = nil
}
