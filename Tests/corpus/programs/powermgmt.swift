// Power management: devices with dependencies are suspended children-first (reverse of
// probe order) and resumed in probe order; each device records its transitions.

enum PowerState { case on, suspended, off }

final class PmDevice {
    let name: String
    let order: Int
    var state: PowerState = .on
    var log: [PowerState] = []
    var parent: PmDevice?
    init(name: String, order: Int, parent: PmDevice?) { self.name = name; self.order = order; self.parent = parent }
    func transition(_ s: PowerState) {
        if log.count == 8 { log.removeFirst() }
        log.append(s)
        state = s
    }
}

nonisolated(unsafe) var pmList: [PmDevice] = []

func registerBoard() {
    if !pmList.isEmpty { return }
    let bus = PmDevice(name: "platform", order: 0, parent: nil)
    pmList.append(bus)
    let names = ["i2c0", "spi0", "display", "touch", "audio", "wifi"]
    for (i, nm) in names.enumerated() {
        pmList.append(PmDevice(name: nm, order: i + 1, parent: i < 2 ? bus : pmList[1 + i % 2]))
    }
}

@_semantics("maxlive.entry")
public func pmSuspend(_ n: Int) -> Int {
    registerBoard()
    var done = 0
    for d in pmList.sorted(by: { $0.order > $1.order }) where d.state == .on {
        d.transition(.suspended)
        done += 1
    }
    return done
}

@_semantics("maxlive.entry")
public func pmResume(_ n: Int) -> Int {
    registerBoard()
    for _ in 0..<(n & 15) { _ = pmSuspend(0); for d in pmList { d.transition(.on) } }
    var resumed: [String] = []
    for d in pmList where d.state != .on {
        d.transition(.on)
        resumed.append(d.name)
    }
    return resumed.count + pmList[0].log.count
}

@_semantics("maxlive.entry")
public func pmRuntimeIdle(_ n: Int) -> Int {
    registerBoard()
    let idle = pmList.filter { $0.order % 3 == n % 3 }
    for d in idle.reversed() { d.transition(.suspended) }
    return idle.map { $0.name }.joined(separator: ",").utf8.count
}

@_semantics("maxlive.entry")
public func pmDepth(_ n: Int) -> Int {
    registerBoard()
    var maxDepth = 0
    for d in pmList {
        var depth = 0
        var p = d.parent
        while let q = p, depth < 8 { depth += 1; p = q.parent }
        maxDepth = max(maxDepth, depth)
    }
    return maxDepth
}

public func fixtureReset() {
    for d in pmList { d.parent = nil }
    pmList = []
}

// inputs: pmSuspend 0
// inputs: pmResume 0 1 8 15
// inputs: pmRuntimeIdle 0 1 2
// inputs: pmDepth 0
