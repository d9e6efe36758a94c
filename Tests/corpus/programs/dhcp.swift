// DHCP client: parse the options area (TLV) of an offer into an enum list, pick out the
// lease parameters, and build a request packet with a parameter request list.

enum DhcpOption {
    case subnetMask(UInt32)
    case router([UInt32])
    case dns([UInt32])
    case leaseTime(UInt32)
    case messageType(UInt8)
    case hostName(String)
    case unknown(code: UInt8, length: Int)
}

func makeOffer(_ n: Int) -> [UInt8] {
    var o: [UInt8] = [53, 1, 2, 1, 4, 255, 255, 255, 0, 51, 4, 0, 0, 0x0e, 0x10]
    let routers = n & 3
    o.append(3); o.append(UInt8(routers * 4))
    for r in 0..<routers { o += [10, 0, 0, UInt8(1 + r)] }
    o += [6, 8, 8, 8, 8, 8, 1, 1, 1, 1]
    let host = Array("node\(n & 0xff)".utf8)
    o.append(12); o.append(UInt8(host.count)); o += host
    o += [200, 2, 0, 0, 255]
    return o
}

func be32(_ b: [UInt8], _ i: Int) -> UInt32 {
    UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
}

func parseOptions(_ b: [UInt8]) -> [DhcpOption] {
    var out: [DhcpOption] = []
    var i = 0
    while i + 1 < b.count && b[i] != 255 && out.count < 16 {
        let code = b[i], len = Int(b[i + 1])
        let v = i + 2
        guard v + len <= b.count else { break }
        switch code {
        case 1 where len == 4: out.append(.subnetMask(be32(b, v)))
        case 3, 6:
            let addrs = stride(from: v, to: v + len - 3, by: 4).map { be32(b, $0) }
            out.append(code == 3 ? .router(addrs) : .dns(addrs))
        case 51 where len == 4: out.append(.leaseTime(be32(b, v)))
        case 53 where len == 1: out.append(.messageType(b[v]))
        case 12: out.append(.hostName(String(decoding: b[v..<v + len], as: UTF8.self)))
        default: out.append(.unknown(code: code, length: len))
        }
        i = v + len
    }
    return out
}

@_semantics("maxlive.entry")
public func dhcpParse(_ n: Int) -> Int {
    return parseOptions(makeOffer(n)).count
}

@_semantics("maxlive.entry")
public func dhcpLease(_ n: Int) -> Int {
    var lease = 0, gw: UInt32 = 0
    for opt in parseOptions(makeOffer(n)) {
        switch opt {
        case .leaseTime(let t): lease = Int(t)
        case .router(let rs): gw = rs.first ?? 0
        default: break
        }
    }
    return lease + Int(gw & 0xff)
}

@_semantics("maxlive.entry")
public func dhcpRequest(_ n: Int) -> Int {
    var pkt = [UInt8](repeating: 0, count: 240)
    pkt[0] = 1; pkt[1] = 1; pkt[2] = 6
    pkt += [99, 130, 83, 99, 53, 1, 3]
    let wanted: [UInt8] = [1, 3, 6, 12, 15, 28, 42, 51, 54, 58, 59, 119]
    let prl = Array(wanted.prefix(n & 15))
    pkt.append(55); pkt.append(UInt8(prl.count)); pkt += prl
    pkt.append(255)
    return pkt.count
}

@_semantics("maxlive.entry")
public func dhcpHostName(_ n: Int) -> Int {
    for opt in parseOptions(makeOffer(n)) {
        if case .hostName(let h) = opt { return (h + ".local").utf8.count }
    }
    return 0
}

// inputs: dhcpParse 0 1 2 3 255
// inputs: dhcpLease 0 3
// inputs: dhcpRequest 0 1 12 15
// inputs: dhcpHostName 0 100 255
