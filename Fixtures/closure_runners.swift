// Fixture: closure_runners — a closure run by a helper does what its body does with its captures.
//
// A closure's captures are its context's trailing parameters (`partial_apply` binds them);
// calling the closure hands them to the body, which may store them. A helper that only calls
// the closure it is given (`run`) makes the body's escapes its own. `Task` {Int ×4}: 16 + 32
// = 48 bytes; `scratch(n)` makes and drops a [UInt8] of 200 (32 + 200 = 232) after the
// helper returns, so a Task the closure kept adds 48 under it.
// captureRun: `run { keep = t }` keeps t in a global: 48 + 232 = 280.
// twoClosures: `runBoth(a, b, n)` calls b when n <= 0, then a: both Tasks kept for n = 0,
//   2 × 48 + 232 = 328 (one for n > 0: 280).
// extendedLifetime: the stdlib's `withExtendedLifetime(_:_:)` runs the closure: 280.
//
// At -Onone the closures are `partial_apply [on_stack]` contexts passed to the helpers; at
// -Osize `run` and `withExtendedLifetime` are specialized for their closure, while `runBoth`,
// given two, is not: each case goes through a call of a closure value.
//
// expect: captureRun peak 280
// inputs: captureRun 1 2
// expect: twoClosures peak 328
// inputs: twoClosures 0 1 2
// expect: extendedLifetime peak 280
// inputs: extendedLifetime 1 2

final class Task { var pid = 0; var state = 0; var prio = 0; var ticks = 0 }

nonisolated(unsafe) var keep: Task? = nil
nonisolated(unsafe) var keep2: Task? = nil
nonisolated(unsafe) var sink = 0

@inline(never) func scratch(_ n: Int) -> Int {
    let buf = [UInt8](repeating: UInt8(truncatingIfNeeded: n), count: 200)
    var s = 0
    for b in buf { s &+= Int(b) }
    return s
}

@inline(never) func run(_ body: () -> Void) { body() }

@inline(never) func runBoth(_ a: () -> Void, _ b: () -> Void, _ n: Int) {
    if n <= 0 { b() }
    a()
}

@inline(never) func stash(_ n: Int) {
    let t = Task()
    t.pid = n
    run { keep = t }
}

@_semantics("maxlive.entry")
public func captureRun(_ n: Int) {
    stash(n)
    sink = scratch(n)
}

@inline(never) func stashBoth(_ n: Int) {
    let t = Task()
    t.pid = n
    let u = Task()
    u.pid = n
    runBoth({ keep = t }, { keep2 = u }, n)
}

@_semantics("maxlive.entry")
public func twoClosures(_ n: Int) {
    stashBoth(n)
    sink = scratch(n)
}

@inline(never) func stashExtended(_ n: Int) {
    let t = Task()
    t.pid = n
    withExtendedLifetime(n) { keep = t }
}

@_semantics("maxlive.entry")
public func extendedLifetime(_ n: Int) {
    stashExtended(n)
    sink = scratch(n)
}

public func fixtureReset() {
    keep = nil
    keep2 = nil
}
