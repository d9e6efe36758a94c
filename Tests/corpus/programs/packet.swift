// IPv4/UDP packet handling: parse a header out of a byte buffer, verify the ones-complement
// checksum, build a reply with a swapped address pair.

struct IPv4Header {
    var version: UInt8
    var ihl: UInt8
    var totalLength: UInt16
    var ttl: UInt8
    var proto: UInt8
    var src: UInt32
    var dst: UInt32
}

func be16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) << 8 | UInt16(b[i + 1]) }
func be32(_ b: [UInt8], _ i: Int) -> UInt32 {
    UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
}

func checksum(_ b: [UInt8], from: Int, count: Int) -> UInt16 {
    var sum: UInt32 = 0
    var i = from
    while i + 1 < from + count {
        sum &+= UInt32(be16(b, i))
        i += 2
    }
    if count & 1 == 1 { sum &+= UInt32(b[from + count - 1]) << 8 }
    while sum >> 16 != 0 { sum = (sum & 0xffff) &+ (sum >> 16) }
    return ~UInt16(truncatingIfNeeded: sum)
}

func makePacket(payload: Int) -> [UInt8] {
    let len = 28 + payload
    var p = [UInt8](repeating: 0, count: len)
    p[0] = 0x45; p[2] = UInt8(len >> 8); p[3] = UInt8(len & 0xff)
    p[8] = 64; p[9] = 17
    p[12] = 10; p[13] = 0; p[14] = 2; p[15] = 15
    p[16] = 10; p[17] = 0; p[18] = 2; p[19] = 2
    let c = checksum(p, from: 0, count: 20)
    p[10] = UInt8(c >> 8); p[11] = UInt8(c & 0xff)
    for i in 0..<payload { p[28 + i] = UInt8(truncatingIfNeeded: i) }
    return p
}

func parse(_ p: [UInt8]) -> IPv4Header? {
    guard p.count >= 20 else { return nil }
    let h = IPv4Header(version: p[0] >> 4, ihl: p[0] & 0xf, totalLength: be16(p, 2),
                       ttl: p[8], proto: p[9], src: be32(p, 12), dst: be32(p, 16))
    guard h.version == 4, Int(h.ihl) * 4 <= p.count else { return nil }
    return h
}

@_semantics("maxlive.entry")
public func netRxParse(_ n: Int) -> Int {
    let p = makePacket(payload: min(n, 1472))
    guard let h = parse(p) else { return -1 }
    return Int(h.totalLength)
}

@_semantics("maxlive.entry")
public func netVerify(_ n: Int) -> Int {
    let p = makePacket(payload: n & 0x3ff)
    return checksum(p, from: 0, count: 20) == 0 ? 1 : 0
}

@_semantics("maxlive.entry")
public func netEchoReply(_ n: Int) -> Int {
    let req = makePacket(payload: min(max(n, 0), 512))
    guard let h = parse(req) else { return -1 }
    var reply = Array(req)
    reply[12] = UInt8(h.dst >> 24); reply[13] = UInt8(h.dst >> 16 & 0xff)
    reply[14] = UInt8(h.dst >> 8 & 0xff); reply[15] = UInt8(h.dst & 0xff)
    reply[16] = req[12]; reply[17] = req[13]; reply[18] = req[14]; reply[19] = req[15]
    reply[10] = 0; reply[11] = 0
    let c = checksum(reply, from: 0, count: 20)
    reply[10] = UInt8(c >> 8); reply[11] = UInt8(c & 0xff)
    return reply.count
}

@_semantics("maxlive.entry")
public func netFragment(_ n: Int) -> Int {
    // split a datagram into 256-byte fragments, each a fresh array with a copied header
    let p = makePacket(payload: min(n, 2000))
    var frags: [[UInt8]] = []
    var off = 20
    while off < p.count {
        let end = min(off + 256, p.count)
        var f = Array(p[0..<20])
        f.append(contentsOf: p[off..<end])
        frags.append(f)
        off = end
    }
    return frags.count
}

// inputs: netRxParse 0 1 100 1472 5000
// inputs: netVerify 0 1 1023 1024
// inputs: netEchoReply 0 1 300 512 1000
// inputs: netFragment 0 1 256 1000 2000 3000
