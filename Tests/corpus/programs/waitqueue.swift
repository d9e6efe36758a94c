// Semaphores with wait queues: waiting threads are linked-list nodes; up() wakes the
// oldest waiter. Mutexes record their owner chain for priority inheritance.

final class Waiter {
    let tid: Int
    var next: Waiter?
    init(tid: Int) { self.tid = tid }
}

final class Semaphore {
    var count: Int
    var head: Waiter? = nil
    var tail: Waiter? = nil
    var waiting = 0
    init(_ count: Int) { self.count = count }

    func down(tid: Int) -> Bool {
        if count > 0 { count -= 1; return true }
        guard waiting < 16 else { return false }
        let w = Waiter(tid: tid)
        if let t = tail { t.next = w } else { head = w }
        tail = w
        waiting += 1
        return false
    }
    func up() -> Int? {
        guard let w = head else { count += 1; return nil }
        head = w.next
        if head == nil { tail = nil }
        waiting -= 1
        return w.tid
    }
}

nonisolated(unsafe) var sems: [Semaphore] = []

func sem(_ i: Int) -> Semaphore {
    while sems.count <= i && sems.count < 4 { sems.append(Semaphore(1)) }
    return sems[min(i, sems.count - 1)]
}

@_semantics("maxlive.entry")
public func semDown(_ n: Int) -> Int {
    return sem(n & 3).down(tid: n) ? 0 : 1
}

@_semantics("maxlive.entry")
public func semContend(_ n: Int) -> Int {
    let s = sem(0)
    for t in 0..<min(n, 20) { _ = s.down(tid: t) }
    return s.waiting
}

@_semantics("maxlive.entry")
public func semWakeAll(_ n: Int) -> Int {
    _ = semContend(n)
    var woken: [Int] = []
    while let tid = sem(0).up() { woken.append(tid) }
    return woken.count
}

final class Mutex {
    var owner: Int = 0
    var blockedOn: Mutex? = nil
}

@_semantics("maxlive.entry")
public func lockChainDepth(_ n: Int) -> Int {
    // build a chain of n mutexes, each owner blocked on the next, and walk it (max depth 10)
    let count = min(n, 10)
    var chain: [Mutex] = []
    for i in 0..<count {
        let m = Mutex(); m.owner = i + 1
        if let last = chain.last { last.blockedOn = m }
        chain.append(m)
    }
    var depth = 0
    var cur = chain.first
    while let c = cur, depth < 10 { depth += 1; cur = c.blockedOn }
    return depth
}

public func fixtureReset() { sems = [] }

// inputs: semDown 0 1 2 3 7
// inputs: semContend 0 1 2 10 17 20 30
// inputs: semWakeAll 0 1 10 17 20
// inputs: lockChainDepth 0 1 5 10 20
