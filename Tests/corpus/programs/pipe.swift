// Anonymous pipes: each pipe owns a fixed 512-byte ring buffer; readers copy out into a
// fresh [UInt8] like read(2) into a kernel bounce buffer.

final class Pipe {
    var ring: [UInt8]
    var head = 0      // next byte to read
    var count = 0     // bytes in the ring
    var readers = 1
    var writers = 1
    static let capacity = 512
    init() { ring = [UInt8](repeating: 0, count: Pipe.capacity) }

    func write(_ bytes: [UInt8]) -> Int {
        var written = 0
        for b in bytes {
            if count == Pipe.capacity { break }
            ring[(head + count) % Pipe.capacity] = b
            count += 1
            written += 1
        }
        return written
    }

    func read(max: Int) -> [UInt8] {
        let take = min(max, count)
        var out: [UInt8] = []
        out.reserveCapacity(take)
        for _ in 0..<take {
            out.append(ring[head])
            head = (head + 1) % Pipe.capacity
            count -= 1
        }
        return out
    }
}

nonisolated(unsafe) var pipes: [Pipe] = []

@_semantics("maxlive.entry")
public func sysPipe(_ n: Int) -> Int {
    guard pipes.count < 8 else { return -23 }   // ENFILE
    pipes.append(Pipe())
    return pipes.count - 1
}

@_semantics("maxlive.entry")
public func sysPipeWrite(_ n: Int) -> Int {
    if pipes.isEmpty { pipes.append(Pipe()) }
    let len = min(n, 1024)
    var buf = [UInt8](repeating: 0, count: len)
    for i in 0..<len { buf[i] = UInt8(truncatingIfNeeded: i &* 7) }
    return pipes[0].write(buf)
}

@_semantics("maxlive.entry")
public func sysPipeRoundTrip(_ n: Int) -> Int {
    let p = Pipe()
    let chunk = n & 255
    var msg: [UInt8] = []
    for i in 0..<chunk { msg.append(UInt8(truncatingIfNeeded: i)) }
    _ = p.write(msg)
    let back = p.read(max: chunk)
    var sum = 0
    for b in back { sum &+= Int(b) }
    return sum
}

@_semantics("maxlive.entry")
public func sysPipeDrain(_ n: Int) -> Int {
    // read from every open pipe in small chunks until all are empty
    let p = Pipe()
    _ = p.write([UInt8](repeating: 0x41, count: min(n, 300)))
    if pipes.count < 8 { pipes.append(p) }
    var total = 0
    for pipe in pipes {
        while pipe.count > 0 {
            let got = pipe.read(max: 64)
            total += got.count
        }
    }
    return total
}

public func fixtureReset() { pipes = [] }

// inputs: sysPipe 0 1
// inputs: sysPipeWrite 0 1 100 512 1024 5000
// inputs: sysPipeRoundTrip 0 1 17 255 256 1000
// inputs: sysPipeDrain 0 1 64 300 1000
