// Fixture: retain_leaks — a reference count taken and never given back keeps the object for good.
//
// Optimized SIL counts references explicitly: an allocation or an `@owned` result holds one
// count, each retain adds one, and releases, stores, returns and `@owned` arguments give them
// back. `Unmanaged.passRetained(t)` with its result dropped takes a count nothing returns, so
// `t` is never freed, though nothing refers to it. `Task` {Int ×4}: 16 + 32 = 48 bytes;
// `scratch(n)` makes and drops a [UInt8] of 200 (32 + 200 = 232) after the leak.
// leakInHelper: the helper leaks its Task when n > 0, then scratch: 48 + 232 = 280.
// leakParameter: the helper retains its (guaranteed) parameter and never releases it, so the
//   caller's Task outlives the caller: 280.
// leakPerIteration: min(n, 3) iterations each leak a Task: 3 × 48 + 232 = 376.
// takenBack: the count is given back with `release()` in the same iteration; the Task
//   dies each iteration (48, then 232 after the loop). maxlive keeps it (its pointer is passed
//   around as bits, which it does not follow): 3 × 48 + 232.
//
// expect: leakInHelper peak 280
// inputs: leakInHelper 0 1
// expect: leakParameter peak 280
// inputs: leakParameter 0 1
// expect: leakPerIteration peak 376
// inputs: leakPerIteration 0 1 3 5
// returnedPlusOne: the helper returns its Task with one extra count, so the caller's release
//   does not free it: 48 + 232 = 280.
// mergedRetain: a Task3 {Int ×3} (16 + 24 = 40) from either of two initializer calls (each
//   hands back the object it was given) is retained and never released: 40 + 232 = 272.
// optionalResult: a helper returns no TimedJob, one or a pair (16 + 24 = 40 each) in an enum,
//   and the caller lets them go: nothing is kept, so 232 after at most 80. The case without a
//   payload has nothing to release, and the count is not left over there.
//
// expect: returnedPlusOne peak 280
// inputs: returnedPlusOne 0 1
// expect: mergedRetain peak 272
// inputs: mergedRetain 0 1
// expect: optionalResult peak 232
// inputs: optionalResult 0 1 2
// pairCycle: two Pairs {Int, Pair?} (16 + 16 = 32 each) that refer to each other: no release
//   frees either, so both are kept for good, and then scratch: 64 + 232 = 296.
// cycleEachPass: the same pair made in each pass of a loop with no bound: 64 bytes more per
//   pass, however many passes the input asks for: unbounded.
//
// expect: pairCycle peak 296
// inputs: pairCycle 0 1
// expect: cycleEachPass unbounded
// inputs: cycleEachPass 0 1 5 50
// expect: takenBack peak 232
// maxlive: takenBack bound 376 (a Task whose reference went through bits is kept)
// inputs: takenBack 0 1 3

final class Task { var pid = 0; var state = 0; var prio = 0; var ticks = 0 }

nonisolated(unsafe) var sink = 0

@inline(never) func makeTask() -> Task { Task() }

@inline(never) func scratch(_ n: Int) -> Int {
    let buffer = [UInt8](repeating: 0, count: 200)
    return Int(buffer[n & 127])
}

@inline(never) func leakIf(_ n: Int) {
    let t = makeTask()
    if n > 0 { _ = Unmanaged.passRetained(t) }
}

@inline(never) func retainForever(_ t: Task) {
    _ = Unmanaged.passRetained(t)
}

@_semantics("maxlive.entry") public func leakInHelper(_ n: Int) {
    leakIf(n)
    sink &+= scratch(n)
}

@_semantics("maxlive.entry") public func leakParameter(_ n: Int) {
    let t = makeTask()
    retainForever(t)
    sink &+= t.pid
    sink &+= scratch(n)
}

@_semantics("maxlive.entry") public func leakPerIteration(_ n: Int) {
    for _ in 0..<min(max(n, 0), 3) {
        let t = makeTask()
        _ = Unmanaged.passRetained(t)
    }
    sink &+= scratch(n)
}

@_semantics("maxlive.entry") public func takenBack(_ n: Int) {
    for _ in 0..<min(max(n, 0), 3) {
        let t = makeTask()
        let u = Unmanaged.passRetained(t)
        sink &+= u.takeUnretainedValue().pid
        u.release()
    }
    sink &+= scratch(n)
}

@inline(never) func madePlusOne(_ n: Int) -> Task {
    let t = makeTask()
    t.pid = n
    _ = Unmanaged.passRetained(t)
    return t
}

@_semantics("maxlive.entry") public func returnedPlusOne(_ n: Int) {
    sink &+= madePlusOne(n).pid
    sink &+= scratch(n)
}

public final class Task3 {
    var a = 0, b = 0, c = 0
    init(_ x: Int) { a = x }
}

@inline(never) func useTask3(_ t: Task3) { sink &+= t.a }

@inline(never) func retainEither(_ n: Int) {
    let t = n > 0 ? Task3(1) : Task3(2)
    _ = Unmanaged.passRetained(t)
    useTask3(t)
}

@_semantics("maxlive.entry") public func mergedRetain(_ n: Int) {
    retainEither(n)
    sink &+= scratch(n)
}

public class Job { var id = 0; init() {} }
public final class TimedJob: Job {
    var deadline = 0, period = 0
    init(_ x: Int) { super.init(); id = x }
}

enum Tasks { case one(TimedJob), two(TimedJob, TimedJob), none }

@inline(never) func someTasks(_ n: Int) -> Tasks {
    n == 0 ? .none : (n == 1 ? .one(TimedJob(n)) : .two(TimedJob(n), TimedJob(n)))
}

@inline(never) func countTasks(_ n: Int) {
    switch someTasks(n) {
    case .one(let t): sink &+= t.id
    case .two(let a, let b): sink &+= a.id + b.id
    case .none: break
    }
}

@_semantics("maxlive.entry") public func optionalResult(_ n: Int) {
    countTasks(n)
    sink &+= scratch(n)
}

public final class Pair { var v = 0; var other: Pair? = nil }
@inline(never) func nextPass(_ i: Int, _ n: Int) -> Int? { i < n ? i &* 3 : nil }

@_semantics("maxlive.entry")
public func pairCycle(_ n: Int) -> Int {
    let a = Pair(), b = Pair()
    a.v = n
    a.other = b
    b.other = a
    return a.v &+ b.v &+ scratch(n)
}

@_semantics("maxlive.entry")
public func cycleEachPass(_ n: Int) -> Int {
    var i = 0, total = 0
    while let x = nextPass(i, n) {
        let a = Pair(), b = Pair()
        a.v = x
        a.other = b
        b.other = a
        total &+= a.v &+ b.v
        i += 1
    }
    return total
}
