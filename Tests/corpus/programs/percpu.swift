// Per-CPU data: 4 CPUs with run-time counters in SIMD vectors, per-CPU free page caches
// (small arrays refilled in batches), and IPI mailboxes carrying function pointers.

struct CpuCounters {
    var times = SIMD4<UInt64>(repeating: 0)     // user, system, irq, idle
}

final class PerCpu {
    let id: Int
    var counters = CpuCounters()
    var pageCache: [Int] = []
    var ipiQueue: [(Int) -> Int] = []
    init(id: Int) { self.id = id }
}

nonisolated(unsafe) var cpus: [PerCpu] = (0..<4).map { PerCpu(id: $0) }
nonisolated(unsafe) var globalNextPage = 0x1000

@_semantics("maxlive.entry")
public func accountTick(_ n: Int) -> Int {
    let cpu = cpus[n & 3]
    var delta = SIMD4<UInt64>(repeating: 0)
    delta[(n >> 2) & 3] = 1
    cpu.counters.times &+= delta
    let total = cpus.reduce(SIMD4<UInt64>(repeating: 0)) { $0 &+ $1.counters.times }
    return Int(total.wrappedSum())
}

@_semantics("maxlive.entry")
public func pcpAlloc(_ n: Int) -> Int {
    let cpu = cpus[n & 3]
    if cpu.pageCache.isEmpty {
        // refill a batch of 31 pages from the global allocator
        for _ in 0..<31 { cpu.pageCache.append(globalNextPage); globalNextPage += 1 }
    }
    return cpu.pageCache.removeLast()
}

@_semantics("maxlive.entry")
public func sendIpi(_ n: Int) -> Int {
    let target = cpus[n & 3]
    guard target.ipiQueue.count < 8 else { return -16 }
    let cookie = n >> 2
    target.ipiQueue.append { cpu in cpu + cookie }
    return target.ipiQueue.count
}

@_semantics("maxlive.entry")
public func handleIpis(_ n: Int) -> Int {
    let cpu = cpus[n & 3]
    for k in 0..<(n >> 2 & 7) { cpu.ipiQueue.append { $0 * k } }
    var acc = 0
    let pending = cpu.ipiQueue
    cpu.ipiQueue.removeAll()
    for f in pending { acc += f(cpu.id) }
    return acc
}

public func fixtureReset() {
    for c in cpus { c.pageCache = []; c.ipiQueue = []; c.counters = CpuCounters() }
    globalNextPage = 0x1000
}

// inputs: accountTick 0 1 15
// inputs: pcpAlloc 0 1 2 3
// inputs: sendIpi 0 1 1000
// inputs: handleIpis 0 4 28 31
