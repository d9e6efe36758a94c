// File descriptor table of a small kernel: open/close/dup over a fixed-size table of
// optional file objects, each holding a small path string and an offset.

public final class OpenFile {
    var path: String
    var offset: Int = 0
    var flags: UInt32
    var refs: Int = 1
    init(path: String, flags: UInt32) { self.path = path; self.flags = flags }
}

let maxFiles = 16
nonisolated(unsafe) var fdTable: [OpenFile?] = Array(repeating: nil, count: 16)
nonisolated(unsafe) var openCount = 0

func allocFd() -> Int {
    for i in 0..<maxFiles where fdTable[i] == nil { return i }
    return -1
}

@_semantics("maxlive.entry")
public func sysOpen(_ n: Int) -> Int {
    let fd = allocFd()
    guard fd >= 0 else { return -24 }  // EMFILE
    let name = "/dev/tty" + String(n & 0xff)
    let f = OpenFile(path: name, flags: UInt32(truncatingIfNeeded: n >> 8) & 0x3)
    fdTable[fd] = f
    openCount += 1
    return fd
}

@_semantics("maxlive.entry")
public func sysOpenMany(_ n: Int) -> Int {
    // open up to n files in a row (bounded by the table size)
    var opened = 0
    for i in 0..<min(n, maxFiles) {
        let fd = allocFd()
        if fd < 0 { break }
        fdTable[fd] = OpenFile(path: "/tmp/f\(i)", flags: 1)
        opened += 1
    }
    return opened
}

@_semantics("maxlive.entry")
public func sysDup(_ n: Int) -> Int {
    // make sure fd 0 exists, then dup it into the first free slot
    if fdTable[0] == nil { fdTable[0] = OpenFile(path: "console", flags: 2) }
    let src = n & 15
    guard let f = fdTable[src] else { return -9 }
    let fd = allocFd()
    guard fd >= 0 else { return -24 }
    f.refs += 1
    fdTable[fd] = f
    return fd
}

@_semantics("maxlive.entry")
public func sysListOpen(_ n: Int) -> Int {
    // build a listing "0:/a 1:/b ..." of all open descriptors
    for i in 0..<min(n, 8) { fdTable[i] = OpenFile(path: "/proc/\(i)", flags: 0) }
    var parts: [String] = []
    for (i, f) in fdTable.enumerated() {
        if let f = f { parts.append("\(i):\(f.path)") }
    }
    let listing = parts.joined(separator: " ")
    return listing.utf8.count
}

public func fixtureReset() {
    for i in 0..<maxFiles { fdTable[i] = nil }
    openCount = 0
}

// inputs: sysOpen 0 1 255 1000 65535
// inputs: sysOpenMany 0 1 5 16 100
// inputs: sysDup 0 1 5 15
// inputs: sysListOpen 0 1 4 8 20
