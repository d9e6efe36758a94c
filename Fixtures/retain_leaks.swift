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
