// Interrupt handler table: closures registered at boot into a fixed table of 32 lines;
// dispatch calls the handler, handlers capture driver state objects.

final class UartState {
    var rx: [UInt8] = []
    var overruns = 0
}
final class TimerState {
    var ticks: UInt64 = 0
}

nonisolated(unsafe) var handlers: [(() -> Int)?] = Array(repeating: nil, count: 32)
nonisolated(unsafe) var spurious = 0

func requestIrq(_ line: Int, _ handler: @escaping () -> Int) -> Bool {
    guard line >= 0 && line < 32, handlers[line] == nil else { return false }
    handlers[line] = handler
    return true
}

@_semantics("maxlive.entry")
public func irqBoot(_ n: Int) -> Int {
    let uart = UartState()
    let timer = TimerState()
    _ = requestIrq(10, {
        if uart.rx.count < 64 { uart.rx.append(0x55) } else { uart.overruns += 1 }
        return uart.rx.count
    })
    _ = requestIrq(5, { timer.ticks &+= 1; return Int(truncatingIfNeeded: timer.ticks) })
    let base = n & 0xf
    _ = requestIrq(16 + base, { base * 2 })
    return 3
}

@_semantics("maxlive.entry")
public func irqDispatch(_ n: Int) -> Int {
    if handlers[10] == nil { _ = irqBoot(0) }
    var result = 0
    for _ in 0..<min(n, 100) {
        if let h = handlers[10] { result = h() } else { spurious += 1 }
    }
    return result
}

@_semantics("maxlive.entry")
public func irqRegister(_ n: Int) -> Int {
    let line = n & 31
    let label = "irq\(line)"
    let ok = requestIrq(line, { label.utf8.count })
    return ok ? line : -16
}

@_semantics("maxlive.entry")
public func irqStorm(_ n: Int) -> Int {
    // every line fires once; unregistered lines count as spurious
    var fired = 0
    for line in stride(from: 0, to: 32, by: 1) {
        if let h = handlers[line] { fired += h() } else { spurious += 1 }
    }
    return fired + spurious
}

public func fixtureReset() {
    for i in 0..<32 { handlers[i] = nil }
    spurious = 0
}

// inputs: irqBoot 0 1 15
// inputs: irqDispatch 0 1 63 64 65 100 500
// inputs: irqRegister 0 10 31
// inputs: irqStorm 0 1
