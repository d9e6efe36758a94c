// Deferred work: work items are class objects conforming to a class-bound protocol, queued
// on a workqueue and drained by a worker. The worker's loop runs until the queue is empty;
// items may requeue follow-up work, so the drain is bounded by the queue's capacity.

protocol WorkItem: AnyObject {
    func run(_ wq: WorkQueue) -> Int
}

final class WorkQueue {
    var items: [any WorkItem] = []
    var completed = 0
    func queue(_ w: any WorkItem) -> Bool {
        guard items.count < 16 else { return false }
        items.append(w)
        return true
    }
}

final class FlushWork: WorkItem {
    let block: Int
    init(block: Int) { self.block = block }
    func run(_ wq: WorkQueue) -> Int { block * 2 }
}

final class ChainWork: WorkItem {
    let remaining: Int
    init(remaining: Int) { self.remaining = remaining }
    func run(_ wq: WorkQueue) -> Int {
        if remaining > 0 { _ = wq.queue(ChainWork(remaining: remaining - 1)) }
        return 1
    }
}

final class LogWork: WorkItem {
    var lines: [String] = []
    func run(_ wq: WorkQueue) -> Int {
        lines.append("flushed \(wq.completed)")
        return lines.count
    }
}

func drain(_ wq: WorkQueue) -> Int {
    var total = 0
    var iterations = 0
    while !wq.items.isEmpty && iterations < 64 {
        maxliveLoopBound(64)
        iterations += 1
        let w = wq.items.removeFirst()
        total += w.run(wq)
        wq.completed += 1
    }
    return total
}

@_semantics("maxlive.entry")
public func wqFlush(_ n: Int) -> Int {
    let wq = WorkQueue()
    for b in 0..<(n & 15) { _ = wq.queue(FlushWork(block: b)) }
    return drain(wq)
}

@_semantics("maxlive.entry")
public func wqChain(_ n: Int) -> Int {
    let wq = WorkQueue()
    _ = wq.queue(ChainWork(remaining: min(n, 40)))
    return drain(wq)
}

@_semantics("maxlive.entry")
public func wqMixed(_ n: Int) -> Int {
    let wq = WorkQueue()
    let log = LogWork()
    for i in 0..<(n & 7) {
        _ = wq.queue(i % 2 == 0 ? FlushWork(block: i) : log)
    }
    return drain(wq) + log.lines.count
}

// inputs: wqFlush 0 1 15
// inputs: wqChain 0 1 10 40 100
// inputs: wqMixed 0 1 7
