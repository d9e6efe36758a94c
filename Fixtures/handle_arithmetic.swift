// Fixture: handle_arithmetic — a reference's bits carried through arithmetic, then revived.
//
// Integers computed from an object (a count, a status) do not keep it (scratch_buffers), but
// once the reference itself is bits (`unsafeBitCast(t, to: UInt.self)`), arithmetic on those
// bits carries it: xor with a key, a conversion to Double and back, a split into two UInt32
// halves. Each entry's helper makes a Task, turns it into bits, transforms them and passes
// them to a function that revives the Task into a global, which keeps it. At -Onone the
// operators are calls (`^`, `Double.init`, `UInt32(truncatingIfNeeded:)`), whose integer
// parameters are followed through their builtins. `Task` {Int ×4}: 16 + 32 = 48 bytes;
// `scratch(n)` makes and drops a [UInt8] of 200 (32 + 200 = 232) after the helper returns:
// every peak is 48 + 232 = 280.
// xorRevived: xor twice with the same key, revived by `revive`.
// doubleRevived: UInt → Double → UInt.
// halvesRevived: two UInt32 halves joined again by the reviver.
// xorInCallee: xored once; the reviver xors again before the cast.
//
// expect: xorRevived peak 280
// inputs: xorRevived 1 2
// expect: doubleRevived peak 280
// inputs: doubleRevived 1 2
// expect: halvesRevived peak 280
// inputs: halvesRevived 1 2
// expect: xorInCallee peak 280
// inputs: xorInCallee 1 2

final class Task { var pid = 0; var state = 0; var prio = 0; var ticks = 0 }
nonisolated(unsafe) var revived: Task? = nil
nonisolated(unsafe) var sink = 0
@inline(never) func scratch(_ n: Int) -> Int {
    let buf = [UInt8](repeating: UInt8(truncatingIfNeeded: n), count: 200)
    var s = 0
    for b in buf { s &+= Int(b) }
    return s
}
@inline(never) func newTask(_ n: Int) -> Task { let t = Task(); t.pid = n; return t }
@inline(never) func revive(_ bits: UInt) { revived = unsafeBitCast(bits, to: Task.self) }
@inline(never) func reviveXor(_ bits: UInt) { revived = unsafeBitCast(bits ^ 0x5a5a, to: Task.self) }
@inline(never) func reviveD(_ d: Double) { revived = unsafeBitCast(UInt(d), to: Task.self) }
@inline(never) func reviveHalves(_ lo: UInt32, _ hi: UInt32) { revived = unsafeBitCast(UInt(lo) | UInt(hi) << 32, to: Task.self) }
@inline(never) func f1(_ n: Int) -> Int {
    let t = newTask(n)
    withExtendedLifetime(t) { revive((unsafeBitCast(t, to: UInt.self) ^ 0x5a5a) ^ 0x5a5a) }
    return t.pid
}
@_semantics("maxlive.entry") public func xorRevived(_ n: Int) { sink = f1(n) + scratch(n) }
@inline(never) func f2(_ n: Int) -> Int {
    let t = newTask(n)
    withExtendedLifetime(t) { reviveD(Double(unsafeBitCast(t, to: UInt.self))) }
    return t.pid
}
@_semantics("maxlive.entry") public func doubleRevived(_ n: Int) { sink = f2(n) + scratch(n) }
@inline(never) func f3(_ n: Int) -> Int {
    let t = newTask(n)
    let b = unsafeBitCast(t, to: UInt.self)
    withExtendedLifetime(t) { reviveHalves(UInt32(truncatingIfNeeded: b), UInt32(truncatingIfNeeded: b >> 32)) }
    return t.pid
}
@_semantics("maxlive.entry") public func halvesRevived(_ n: Int) { sink = f3(n) + scratch(n) }
@inline(never) func f4(_ n: Int) -> Int {
    let t = newTask(n)
    withExtendedLifetime(t) { reviveXor(unsafeBitCast(t, to: UInt.self) ^ 0x5a5a) }
    return t.pid
}
@_semantics("maxlive.entry") public func xorInCallee(_ n: Int) { sink = f4(n) + scratch(n) }
public func fixtureReset() { revived = nil }
