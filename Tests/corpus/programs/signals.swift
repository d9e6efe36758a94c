// Signal delivery: pending signals per task as a bitmask plus a queue of real-time signals
// with payloads; handlers are an enum (default, ignore, or a user handler address).

enum SigAction {
    case defaultAction
    case ignore
    case handler(address: UInt64, flags: UInt32)
}

struct SigInfo {
    var signo: Int
    var code: Int32
    var value: Int
}

final class SigState {
    var pending: UInt64 = 0
    var rtQueue: [SigInfo] = []
    var actions: [SigAction] = Array(repeating: .defaultAction, count: 64)
    var delivered = 0
}

nonisolated(unsafe) var task = SigState()

@_semantics("maxlive.entry")
public func sysKill(_ n: Int) -> Int {
    let sig = n & 63
    guard sig != 0 else { return 0 }
    if sig >= 34 {
        guard task.rtQueue.count < 32 else { return -11 }
        task.rtQueue.append(SigInfo(signo: sig, code: -1, value: n >> 6))
    }
    task.pending |= 1 << UInt64(sig)
    return 0
}

@_semantics("maxlive.entry")
public func sysSigaction(_ n: Int) -> Int {
    let sig = n & 63
    if sig == 9 || sig == 19 { return -22 }
    task.actions[sig] = n & 64 != 0 ? .handler(address: UInt64(n) << 12, flags: 0x4) : .ignore
    return 0
}

@_semantics("maxlive.entry")
public func deliverSignals(_ n: Int) -> Int {
    for k in 0..<(n & 31) { _ = sysKill(34 + k % 20) }
    var frames: [(UInt64, Int)] = []
    while task.pending != 0 {
        let sig = task.pending.trailingZeroBitCount
        task.pending &= ~(1 << UInt64(sig))
        switch task.actions[sig] {
        case .ignore: continue
        case .defaultAction: task.delivered += 1
        case .handler(let addr, _):
            var value = 0
            if let idx = task.rtQueue.firstIndex(where: { $0.signo == sig }) {
                value = task.rtQueue.remove(at: idx).value
            }
            frames.append((addr, value))
        }
    }
    task.rtQueue.removeAll()
    return frames.count + task.delivered
}

@_semantics("maxlive.entry")
public func sigPendingList(_ n: Int) -> Int {
    for k in 0..<(n & 15) { _ = sysKill(1 + k * 3) }
    let list = (1..<64).filter { task.pending & (1 << UInt64($0)) != 0 }
    return list.map { "SIG\($0)" }.joined(separator: ",").utf8.count
}

public func fixtureReset() { task = SigState() }

// inputs: sysKill 0 1 9 34 63 100
// inputs: sysSigaction 0 1 9 64 127
// inputs: deliverSignals 0 1 10 31
// inputs: sigPendingList 0 1 15
