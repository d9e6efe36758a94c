// Fixture: coroutines — a `_modify` accessor reached through a class_method (`begin_apply`)
// whose frame does not fit the 32-byte buffer the caller reserves, so LLVM's coroutine
// splitting allocates it on the heap in the ramp (`malloc(48)` in the IR), and the
// continuation frees it at `end_apply`. The size exists only in the IR: maxlive reads it
// from the IR of the same build (CoroutineFrames.swift; `--llvm-ir`, or compiled itself).
//
//   Ledger {6 Int}                   48 B
//   Counter {value: Int}             16 + 8 = 24 B
//   Audited: Counter {ledger}        16 + 8 + 48 = 72 B
//   Audited.value._modify keeps the whole Ledger across its yield: frame 48 B (IR)
//   Counter.value._modify (stored property): frame in the caller's buffer, 0 B
//
// coroBump(n): an Audited (n > 0) or a Counter, then bump(c) (`c.value += 1` through the
//   vtable): 72 + 48 = 120 while the frame is live (24 for a Counter: the frame fits).
// coroLoop(n): one Audited that never escapes (stack-promoted: 0 B), n <= 4 bumps; each frame
//   dies at its end_apply: 48.
// coroKeep(n): bumps an Audited kept in a global between two frames: the second bump's
//   `end_apply` runs the accessor's code after its yield; 72 (kept) + 48 = 120.
//
// SIL (-Osize): `class_method %0, #Counter.value!modify` and `(%4, %5) = begin_apply %3(%0)`,
// then `end_apply %5 as $()`; the vtables give Counter's and Audited's accessors, and the
// frame of the call is the larger of the two (48).
//
// expect: coroBump peak 120
// expect: coroLoop peak 48
// expect: coroKeep peak 120
// inputs: coroBump 0 1
// inputs: coroLoop 0 1 4
// inputs: coroKeep 0 1

public struct Ledger { var a = 0, b = 0, c = 0, d = 0, e = 0, f = 0 }

public class Counter {
    public var value: Int = 0
    public init() {}
}

public final class Audited: Counter {
    var ledger = Ledger()
    public override var value: Int {
        get { ledger.a }
        _modify {
            var snapshot = ledger
            var x = snapshot.a
            yield &x
            snapshot.a = x
            snapshot.f = snapshot.b &+ snapshot.c &+ snapshot.d &+ snapshot.e &+ x
            ledger = snapshot
        }
    }
}

nonisolated(unsafe) var gKept: Counter? = nil

@inline(never) public func bump(_ c: Counter) { c.value += 1 }

@_semantics("maxlive.entry")
public func coroBump(_ n: Int) {
    let c: Counter = n > 0 ? Audited() : Counter()
    bump(c)
}

@_semantics("maxlive.entry")
public func coroLoop(_ n: Int) {
    let c = Audited()
    for _ in 0..<n {
        maxliveLoopBound(4)
        bump(c)
    }
}

@_semantics("maxlive.entry")
public func coroKeep(_ n: Int) {
    let c = Audited()
    gKept = c
    bump(c)
    bump(c)
}

public func fixtureReset() { gKept = nil }
