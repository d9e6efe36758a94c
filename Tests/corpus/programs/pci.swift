// PCI enumeration over a simulated config space: scan bus/device/function, record
// functions keyed by BDF, decode BARs, group devices by class code.

struct Bdf: Hashable, Comparable {
    var bus: UInt8
    var dev: UInt8
    var fn: UInt8
    static func < (a: Bdf, b: Bdf) -> Bool {
        (a.bus, a.dev, a.fn) < (b.bus, b.dev, b.fn)
    }
}

struct PciFunction {
    var vendor: UInt16
    var device: UInt16
    var classCode: UInt8
    var bars: [UInt64]
}

func configRead(_ a: Bdf, _ reg: Int) -> UInt32 {
    // a few devices exist on bus 0
    let present: [UInt8] = [0, 1, 2, 3, 5, 8]
    guard a.bus == 0, present.contains(a.dev), a.fn == 0 || a.dev == 1 && a.fn < 3 else { return 0xffff_ffff }
    switch reg {
    case 0: return UInt32(0x1af4) | UInt32(0x1000 + Int(a.dev)) << 16
    case 8: return UInt32(a.dev % 4 + 1) << 24
    default: return reg >= 0x10 && reg <= 0x24 && (reg - 0x10) / 4 < Int(a.dev % 3 + 1) ? 0xfebf_0000 : 0
    }
}

nonisolated(unsafe) var pciDevices: [Bdf: PciFunction] = [:]

func probe(_ a: Bdf) -> PciFunction? {
    let id = configRead(a, 0)
    if id & 0xffff == 0xffff { return nil }
    var bars: [UInt64] = []
    for r in stride(from: 0x10, through: 0x24, by: 4) {
        let v = configRead(a, r)
        if v != 0 { bars.append(UInt64(v & 0xffff_fff0)) }
    }
    return PciFunction(vendor: UInt16(id & 0xffff), device: UInt16(id >> 16),
                       classCode: UInt8(configRead(a, 8) >> 24), bars: bars)
}

@_semantics("maxlive.entry")
public func pciScanBus(_ n: Int) -> Int {
    let bus = UInt8(n & 1)
    for dev in 0..<32 {
        for fn in 0..<8 {
            let a = Bdf(bus: bus, dev: UInt8(dev), fn: UInt8(fn))
            if let f = probe(a) { pciDevices[a] = f } else if fn == 0 { break }
        }
    }
    return pciDevices.count
}

@_semantics("maxlive.entry")
public func pciProbeOne(_ n: Int) -> Int {
    guard let f = probe(Bdf(bus: 0, dev: UInt8(n & 31), fn: UInt8(n >> 5 & 7))) else { return -19 }
    return f.bars.count
}

@_semantics("maxlive.entry")
public func pciByClass(_ n: Int) -> Int {
    _ = pciScanBus(0)
    var groups: [UInt8: [Bdf]] = [:]
    for (a, f) in pciDevices { groups[f.classCode, default: []].append(a) }
    let wanted = UInt8(n & 3 + 1)
    return groups[wanted]?.sorted().count ?? 0
}

@_semantics("maxlive.entry")
public func lspci(_ n: Int) -> Int {
    _ = pciScanBus(0)
    let lines = pciDevices.keys.sorted().map { a in
        "00:\(a.dev).\(a.fn) [\(String(pciDevices[a]!.vendor, radix: 16))]"
    }
    return lines.joined(separator: "\n").utf8.count + (n & 1)
}

public func fixtureReset() { pciDevices = [:] }

// inputs: pciScanBus 0 1
// inputs: pciProbeOne 0 1 2 5 33 65 255
// inputs: pciByClass 0 1 2 3
// inputs: lspci 0 1
