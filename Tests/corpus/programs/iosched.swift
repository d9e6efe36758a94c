// Block I/O scheduler (elevator): requests kept sorted by sector with insert(at:), merged
// when adjacent, dispatched in sweep direction; a deadline list holds request ids by age.

struct IoRequest {
    var id: Int
    var sector: UInt64
    var count: Int
    var write: Bool
}

final class Elevator {
    var sorted: [IoRequest] = []
    var fifo: [Int] = []
    var headPos: UInt64 = 0
    var nextId = 1

    func add(sector: UInt64, count: Int, write: Bool) -> Bool {
        // back merge into an adjacent request of the same direction
        for i in sorted.indices where sorted[i].write == write && sorted[i].sector + UInt64(sorted[i].count) == sector {
            if sorted[i].count + count <= 256 { sorted[i].count += count; return true }
        }
        guard sorted.count < 32 else { return false }
        let r = IoRequest(id: nextId, sector: sector, count: count, write: write)
        nextId += 1
        let pos = sorted.firstIndex { $0.sector > sector } ?? sorted.count
        sorted.insert(r, at: pos)
        fifo.append(r.id)
        return true
    }
    func dispatch() -> IoRequest? {
        guard !sorted.isEmpty else { return nil }
        let idx = sorted.firstIndex { $0.sector >= headPos } ?? 0
        let r = sorted.remove(at: idx)
        if let f = fifo.firstIndex(of: r.id) { fifo.remove(at: f) }
        headPos = r.sector + UInt64(r.count)
        return r
    }
}

nonisolated(unsafe) var elevator = Elevator()

@_semantics("maxlive.entry")
public func submitBio(_ n: Int) -> Int {
    return elevator.add(sector: UInt64(n & 0xfff) * 8, count: 8, write: n & 0x1000 != 0) ? elevator.sorted.count : -11
}

@_semantics("maxlive.entry")
public func submitScattered(_ n: Int) -> Int {
    for i in 0..<min(n, 40) {
        _ = elevator.add(sector: UInt64((i * 7919) % 4096) * 8, count: 8, write: i % 3 == 0)
    }
    return elevator.sorted.count
}

@_semantics("maxlive.entry")
public func runQueue(_ n: Int) -> Int {
    _ = submitScattered(n & 31)
    var order: [UInt64] = []
    while let r = elevator.dispatch() { order.append(r.sector) }
    return order.count
}

@_semantics("maxlive.entry")
public func sequentialMerge(_ n: Int) -> Int {
    for i in 0..<min(n, 64) { _ = elevator.add(sector: UInt64(i) * 8, count: 8, write: false) }
    return elevator.sorted.map { $0.count }.max() ?? 0
}

public func fixtureReset() { elevator = Elevator() }

// inputs: submitBio 0 1 4095 4096 8191
// inputs: submitScattered 0 1 10 32 40 100
// inputs: runQueue 0 1 16 31
// inputs: sequentialMerge 0 1 32 33 64
