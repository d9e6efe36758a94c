// 16550 UART driver model: 16-byte hardware FIFOs emulated with tuples, a 256-byte software
// TX ring (power-of-two masks), and a hexdump routine used by the debug console.

struct Fifo16 {
    var bytes: (UInt64, UInt64) = (0, 0)
    var count = 0
    mutating func push(_ b: UInt8) -> Bool {
        guard count < 16 else { return false }
        if count < 8 { bytes.0 |= UInt64(b) << UInt64(count * 8) }
        else { bytes.1 |= UInt64(b) << UInt64((count - 8) * 8) }
        count += 1
        return true
    }
}

final class Uart {
    var txRing = [UInt8](repeating: 0, count: 256)
    var txHead = 0
    var txTail = 0
    var hw = Fifo16()
    var sent = 0
    func queue(_ b: UInt8) -> Bool {
        if (txHead + 1) & 255 == txTail { return false }
        txRing[txHead] = b
        txHead = (txHead + 1) & 255
        return true
    }
    func txInterrupt() {
        while txTail != txHead && hw.push(txRing[txTail]) { txTail = (txTail + 1) & 255; sent += 1 }
        hw = Fifo16()
    }
}

nonisolated(unsafe) var uart0: Uart? = nil
func port() -> Uart { if let u = uart0 { return u }; let u = Uart(); uart0 = u; return u }

@_semantics("maxlive.entry")
public func uartWrite(_ n: Int) -> Int {
    let u = port()
    var q = 0
    for i in 0..<min(n, 300) where u.queue(UInt8(truncatingIfNeeded: i)) { q += 1 }
    u.txInterrupt()
    return q
}

func hex2(_ b: UInt8) -> String {
    let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]
    return String(digits[Int(b >> 4)]) + String(digits[Int(b & 15)])
}

@_semantics("maxlive.entry")
public func hexdump(_ n: Int) -> Int {
    let len = min(n, 64)
    let data = (0..<len).map { UInt8(truncatingIfNeeded: $0 &* 37) }
    var out = ""
    for row in stride(from: 0, to: len, by: 16) {
        var line = String(row, radix: 16) + ":"
        for b in data[row..<min(row + 16, len)] { line += " " + hex2(b) }
        out += line + "\n"
    }
    return out.utf8.count
}

@_semantics("maxlive.entry")
public func uartPuts(_ n: Int) -> Int {
    let msg = "boot: cpu\(n & 3) online, \(n >> 2 & 0xff) MiB\r\n"
    let u = port()
    for b in msg.utf8 { _ = u.queue(b) }
    u.txInterrupt()
    return u.sent
}

@_semantics("maxlive.entry")
public func uartFifoFill(_ n: Int) -> Int {
    var f = Fifo16()
    var pushed = 0
    for i in 0..<(n & 31) where f.push(UInt8(i)) { pushed += 1 }
    return pushed
}

public func fixtureReset() { uart0 = nil }

// inputs: uartWrite 0 1 16 255 300
// inputs: hexdump 0 1 15 16 17 64 100
// inputs: uartPuts 0 1 1023
// inputs: uartFifoFill 0 15 16 31
