// PS/2 keyboard driver: scancode set 1 to ASCII through a table, modifier state, a line
// discipline that buffers a line until newline and handles backspace.

let normalMap: [UInt8] = [0, 27, 49, 50, 51, 52, 53, 54, 55, 56, 57, 48, 45, 61, 8, 9,
                          113, 119, 101, 114, 116, 121, 117, 105, 111, 112, 91, 93, 10, 0, 97, 115,
                          100, 102, 103, 104, 106, 107, 108, 59, 39, 96, 0, 92, 122, 120, 99, 118,
                          98, 110, 109, 44, 46, 47, 0, 42, 0, 32]

final class Tty {
    var shift = false
    var line: [UInt8] = []
    var completed: [String] = []
    func input(_ scancode: UInt8) {
        if scancode == 0x2a || scancode == 0x36 { shift = true; return }
        if scancode == 0xaa || scancode == 0xb6 { shift = false; return }
        if scancode & 0x80 != 0 || Int(scancode) >= normalMap.count { return }
        var c = normalMap[Int(scancode)]
        if c == 0 { return }
        if shift && c >= 97 && c <= 122 { c -= 32 }
        if c == 8 { if !line.isEmpty { line.removeLast() }; return }
        if c == 10 {
            if completed.count < 4 { completed.append(String(decoding: line, as: UTF8.self)) }
            line.removeAll(keepingCapacity: true)
            return
        }
        if line.count < 80 { line.append(c) }
    }
}

nonisolated(unsafe) var console = Tty()

let typed: [UInt8] = [0x2a, 0x23, 0xaa, 0x12, 0x26, 0x26, 0x18, 0x39, 0x11, 0x18, 0x13, 0x26, 0x20, 0x1c]

@_semantics("maxlive.entry")
public func kbdInterrupt(_ n: Int) -> Int {
    console.input(UInt8(truncatingIfNeeded: n))
    return console.line.count
}

@_semantics("maxlive.entry")
public func kbdTypeLine(_ n: Int) -> Int {
    for _ in 0..<(n & 3) { for s in typed { console.input(s) } }
    return console.completed.map { $0.utf8.count }.reduce(0, +)
}

@_semantics("maxlive.entry")
public func kbdLongLine(_ n: Int) -> Int {
    for i in 0..<min(n, 120) { console.input(UInt8(0x10 + i % 10)) }
    console.input(0x0e)          // backspace
    console.input(0x1c)          // enter
    return console.completed.last?.utf8.count ?? 0
}

@_semantics("maxlive.entry")
public func ttyRead(_ n: Int) -> Int {
    _ = kbdTypeLine(1)
    guard !console.completed.isEmpty else { return 0 }
    let line = console.completed.removeFirst()
    let upper = String(decoding: line.utf8.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }, as: UTF8.self)
    return upper.utf8.count + (n & 1)
}

public func fixtureReset() { console = Tty() }

// inputs: kbdInterrupt 0 16 42 150 255
// inputs: kbdTypeLine 0 1 2 3
// inputs: kbdLongLine 0 1 15 16 80 120 200
// inputs: ttyRead 0 1
