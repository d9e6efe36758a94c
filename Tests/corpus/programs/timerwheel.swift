// Timer wheel: 16 slots of pending timers, each a small struct holding an expiry and a
// callback closure; ticking fires and removes due timers.

struct Timer {
    var expires: UInt64
    var id: Int
    var callback: (Int) -> Void
}

final class Wheel {
    var slots: [[Timer]] = Array(repeating: [], count: 16)
    var now: UInt64 = 0
    var fired: [Int] = []
    var pending = 0

    func add(after ticks: Int, id: Int, _ cb: @escaping (Int) -> Void) -> Bool {
        guard pending < 32 else { return false }
        let when = now + UInt64(max(ticks, 1))
        slots[Int(when & 15)].append(Timer(expires: when, id: id, callback: cb))
        pending += 1
        return true
    }

    func tick() {
        now += 1
        let s = Int(now & 15)
        var keep: [Timer] = []
        for t in slots[s] {
            if t.expires <= now { t.callback(t.id); pending -= 1 } else { keep.append(t) }
        }
        slots[s] = keep
    }
}

nonisolated(unsafe) var wheel = Wheel()
nonisolated(unsafe) var lastFired = -1

@_semantics("maxlive.entry")
public func timerAdd(_ n: Int) -> Int {
    let ok = wheel.add(after: n & 63, id: n) { id in lastFired = id }
    return ok ? 0 : -16
}

@_semantics("maxlive.entry")
public func timerTicks(_ n: Int) -> Int {
    for i in 0..<8 { _ = wheel.add(after: i * 3 + 1, id: i) { id in lastFired = id } }
    for _ in 0..<min(n, 64) { wheel.tick() }
    return lastFired
}

@_semantics("maxlive.entry")
public func timerSleepers(_ n: Int) -> Int {
    // a sleeping task records its wakeups into a log owned by the task
    final class Task { var wakeups: [UInt64] = [] }
    let t = Task()
    for k in 0..<(n & 31) {
        _ = wheel.add(after: k + 1, id: k) { _ in
            if t.wakeups.count < 16 { t.wakeups.append(wheel.now) }
        }
    }
    for _ in 0..<40 { wheel.tick() }
    return t.wakeups.count
}

@_semantics("maxlive.entry")
public func timerCancel(_ n: Int) -> Int {
    for i in 0..<(n & 15) { _ = wheel.add(after: i + 2, id: i) { _ in } }
    var removed = 0
    for s in 0..<16 {
        let before = wheel.slots[s].count
        wheel.slots[s].removeAll { $0.id % 2 == 1 }
        removed += before - wheel.slots[s].count
    }
    wheel.pending -= removed
    return removed
}

public func fixtureReset() { wheel = Wheel(); lastFired = -1 }

// inputs: timerAdd 0 1 63 64
// inputs: timerTicks 0 1 16 64 100
// inputs: timerSleepers 0 1 16 31
// inputs: timerCancel 0 1 15
