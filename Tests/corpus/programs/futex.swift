// Futex hash table: 16 buckets of waiter lists keyed by user address; wait enqueues,
// wake dequeues up to n waiters matching the address, requeue moves waiters.

struct FutexWaiter {
    var addr: UInt64
    var tid: Int
}

final class FutexTable {
    var buckets: [[FutexWaiter]] = Array(repeating: [], count: 16)
    var total = 0
    func bucket(_ addr: UInt64) -> Int { Int((addr >> 2) & 15) }
}

nonisolated(unsafe) var futexes = FutexTable()

@_semantics("maxlive.entry")
public func futexWait(_ n: Int) -> Int {
    guard futexes.total < 128 else { return -11 }
    let addr = UInt64(0x7fff_0000 + (n & 0xff) * 4)
    let b = futexes.bucket(addr)
    guard futexes.buckets[b].count < 8 else { return -11 }
    futexes.buckets[b].append(FutexWaiter(addr: addr, tid: n))
    futexes.total += 1
    return futexes.buckets[b].count
}

@_semantics("maxlive.entry")
public func futexWake(_ n: Int) -> Int {
    let addr = UInt64(0x7fff_0000)
    for t in 0..<(n & 7) { _ = futexWait(t * 64) }   // all hash to bucket 0, same address
    let b = futexes.bucket(addr)
    var woken: [Int] = []
    var keep: [FutexWaiter] = []
    for w in futexes.buckets[b] {
        if w.addr == addr && woken.count < (n >> 3 & 7) + 1 { woken.append(w.tid) } else { keep.append(w) }
    }
    futexes.buckets[b] = keep
    futexes.total -= woken.count
    return woken.count
}

@_semantics("maxlive.entry")
public func futexRequeue(_ n: Int) -> Int {
    for t in 0..<(n & 7) { _ = futexWait(t * 64) }
    let from = futexes.bucket(0x7fff_0000), to = futexes.bucket(0x7fff_0004)
    let moving = futexes.buckets[from].filter { $0.addr == 0x7fff_0000 }
    futexes.buckets[from].removeAll { $0.addr == 0x7fff_0000 }
    for var w in moving {
        guard futexes.buckets[to].count < 8 else { break }
        w.addr = 0x7fff_0004
        futexes.buckets[to].append(w)
    }
    return futexes.buckets[to].count
}

@_semantics("maxlive.entry")
public func futexStats(_ n: Int) -> Int {
    for t in 0..<(n & 63) { _ = futexWait(t) }
    let loads = futexes.buckets.map { $0.count }
    let busiest = loads.enumerated().max { $0.element < $1.element }
    return (busiest?.offset ?? 0) * 100 + (busiest?.element ?? 0)
}

public func fixtureReset() { futexes = FutexTable() }

// inputs: futexWait 0 1 255
// inputs: futexWake 0 7 15 63
// inputs: futexRequeue 0 1 7
// inputs: futexStats 0 1 31 63
