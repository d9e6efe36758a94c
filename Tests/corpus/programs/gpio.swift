// GPIO controller: pin configuration kept in a dictionary keyed by (port, line); interrupt
// edges recorded per pin; pins grouped into banks for bulk reads.

struct Pin: Hashable {
    var port: UInt8
    var line: UInt8
}

enum PinMode: Equatable {
    case input(pullUp: Bool)
    case output(initial: Bool)
    case alternate(function: UInt8)
    case analog
}

nonisolated(unsafe) var pinModes: [Pin: PinMode] = [:]
nonisolated(unsafe) var edgeCounts: [Pin: Int] = [:]

@_semantics("maxlive.entry")
public func gpioConfigure(_ n: Int) -> Int {
    let pin = Pin(port: UInt8(n >> 4 & 3), line: UInt8(n & 15))   // 4 ports × 16 lines
    let mode: PinMode
    switch n >> 6 & 3 {
    case 0: mode = .input(pullUp: true)
    case 1: mode = .output(initial: false)
    case 2: mode = .alternate(function: UInt8(n >> 8 & 7))
    default: mode = .analog
    }
    pinModes[pin] = mode
    return pinModes.count
}

@_semantics("maxlive.entry")
public func gpioSetupBoard(_ n: Int) -> Int {
    // configure the first n pins of port A and B as outputs, the rest of A as inputs
    for line in 0..<16 {
        let a = Pin(port: 0, line: UInt8(line))
        pinModes[a] = line < n ? .output(initial: false) : .input(pullUp: false)
        if line < n { pinModes[Pin(port: 1, line: UInt8(line))] = .output(initial: true) }
    }
    return pinModes.count
}

@_semantics("maxlive.entry")
public func gpioEdge(_ n: Int) -> Int {
    let pin = Pin(port: UInt8(n & 3), line: UInt8(n >> 2 & 15))
    edgeCounts[pin, default: 0] += 1
    return edgeCounts[pin]!
}

@_semantics("maxlive.entry")
public func gpioOutputs(_ n: Int) -> Int {
    _ = gpioSetupBoard(n & 15)
    let outs = pinModes.filter { (_, m) in
        if case .output = m { return true } else { return false }
    }
    let lines = outs.keys.map { Int($0.port) * 16 + Int($0.line) }.sorted()
    return lines.count
}

public func fixtureReset() { pinModes = [:]; edgeCounts = [:] }

// inputs: gpioConfigure 0 1 17 63 64 130 200 511 1023
// inputs: gpioSetupBoard 0 1 8 16 17
// inputs: gpioEdge 0 1 63
// inputs: gpioOutputs 0 1 7 15
