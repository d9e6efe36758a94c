// Scheduler run queue: tasks with priorities and virtual runtimes; pick-next sorts the
// queue, round-robin rotates it, and load balancing splits it between two CPUs.

struct TaskRef: Comparable {
    var tid: Int
    var priority: Int
    var vruntime: UInt64
    static func < (a: TaskRef, b: TaskRef) -> Bool {
        a.vruntime != b.vruntime ? a.vruntime < b.vruntime : a.tid < b.tid
    }
}

final class RunQueue {
    var tasks: [TaskRef] = []
    var switches = 0
    func enqueue(_ t: TaskRef) -> Bool {
        guard tasks.count < 32 else { return false }
        tasks.append(t)
        return true
    }
}

nonisolated(unsafe) var cpu0 = RunQueue()
nonisolated(unsafe) var cpu1 = RunQueue()

func populate(_ q: RunQueue, _ k: Int) {
    for i in 0..<k {
        _ = q.enqueue(TaskRef(tid: i + 1, priority: i % 5, vruntime: UInt64((i * 7919) % 97)))
    }
}

@_semantics("maxlive.entry")
public func schedPickNext(_ n: Int) -> Int {
    populate(cpu0, min(n, 32))
    let ordered = cpu0.tasks.sorted()
    guard let next = ordered.first else { return 0 }
    cpu0.switches += 1
    return next.tid
}

@_semantics("maxlive.entry")
public func schedRoundRobin(_ n: Int) -> Int {
    populate(cpu0, 8)
    for _ in 0..<(n & 31) {
        let t = cpu0.tasks.removeFirst()
        cpu0.tasks.append(t)
    }
    return cpu0.tasks.first?.tid ?? 0
}

@_semantics("maxlive.entry")
public func schedBalance(_ n: Int) -> Int {
    populate(cpu0, min(n, 32))
    let byPrio = cpu0.tasks.sorted { $0.priority > $1.priority }
    let half = byPrio.count / 2
    cpu0.tasks = Array(byPrio[..<half])
    for t in byPrio[half...] { _ = cpu1.enqueue(t) }
    return cpu1.tasks.count
}

@_semantics("maxlive.entry")
public func schedRenice(_ n: Int) -> Int {
    populate(cpu0, 16)
    let boosted = cpu0.tasks.map { t -> TaskRef in
        var t = t
        if t.tid % 3 == n % 3 { t.priority = max(t.priority - 1, 0) }
        return t
    }
    cpu0.tasks = boosted.reversed()
    return boosted.filter { $0.priority == 0 }.count
}

public func fixtureReset() { cpu0 = RunQueue(); cpu1 = RunQueue() }

// inputs: schedPickNext 0 1 5 16 32 100
// inputs: schedRoundRobin 0 1 31
// inputs: schedBalance 0 1 7 32 50
// inputs: schedRenice 0 1 2
