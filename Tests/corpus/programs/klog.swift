// Kernel log: a ring of the last 32 formatted messages with levels; printk formats with
// interpolation, dmesg joins the ring, and a rate limiter drops repeats.

enum Level: Int { case emerg = 0, err = 3, warn = 4, info = 6, debug = 7 }

struct LogRecord {
    var seq: Int
    var level: Level
    var text: String
}

final class LogRing {
    var records: [LogRecord] = []
    var seq = 0
    var dropped = 0
    func push(_ level: Level, _ text: String) {
        seq += 1
        if records.count == 32 { records.removeFirst(); dropped += 1 }
        records.append(LogRecord(seq: seq, level: level, text: text))
    }
}

nonisolated(unsafe) var ring = LogRing()

@_semantics("maxlive.entry")
public func printk(_ n: Int) -> Int {
    let level: Level = n & 1 == 0 ? .info : .warn
    ring.push(level, "[\(ring.seq)] dev\(n & 7): status 0x\(String(n & 0xffff, radix: 16))")
    return ring.records.count
}

@_semantics("maxlive.entry")
public func printkBurst(_ n: Int) -> Int {
    for i in 0..<min(n, 40) {
        ring.push(.debug, "irq \(i) handled")
    }
    return ring.dropped
}

@_semantics("maxlive.entry")
public func dmesg(_ n: Int) -> Int {
    for i in 0..<(n & 15) { ring.push(.err, "e\(i)") }
    let minLevel = n >> 4 & 7
    let lines = ring.records.filter { $0.level.rawValue <= minLevel + 3 }.map { "<\($0.level.rawValue)>\($0.text)" }
    return lines.joined(separator: "\n").utf8.count
}

nonisolated(unsafe) var lastMessage = ""
nonisolated(unsafe) var repeats = 0

@_semantics("maxlive.entry")
public func printkRatelimited(_ n: Int) -> Int {
    let msg = "link \(n & 1 == 0 ? "up" : "down")"
    if msg == lastMessage {
        repeats += 1
        return 0
    }
    if repeats > 0 { ring.push(.info, "last message repeated \(repeats) times") }
    lastMessage = msg
    repeats = 0
    ring.push(.info, msg)
    return 1
}

public func fixtureReset() { ring = LogRing(); lastMessage = ""; repeats = 0 }

// inputs: printk 0 1 65535 1000000
// inputs: printkBurst 0 1 32 33 40 100
// inputs: dmesg 0 15 16 31 127
// inputs: printkRatelimited 0 1 2
