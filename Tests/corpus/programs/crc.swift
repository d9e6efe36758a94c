// Checksums used by the storage and network stacks: a CRC-32 table built once on demand,
// Adler-32, a Fletcher-16, and a 128-bit running hash using UInt128.

nonisolated(unsafe) var crcTable: [UInt32] = []

func crcInit() {
    if !crcTable.isEmpty { return }
    crcTable.reserveCapacity(256)
    for i in 0..<256 {
        var c = UInt32(i)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xedb8_8320 ^ (c >> 1) : c >> 1 }
        crcTable.append(c)
    }
}

func crc32(_ data: [UInt8]) -> UInt32 {
    crcInit()
    var c: UInt32 = 0xffff_ffff
    for b in data { c = crcTable[Int((c ^ UInt32(b)) & 0xff)] ^ (c >> 8) }
    return ~c
}

func testData(_ n: Int) -> [UInt8] {
    (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
}

@_semantics("maxlive.entry")
public func crcBlock(_ n: Int) -> Int {
    return Int(crc32(testData(min(n, 4096))))
}

@_semantics("maxlive.entry")
public func adler32(_ n: Int) -> Int {
    let d = testData(n & 1023)
    var a: UInt32 = 1, b: UInt32 = 0
    for x in d { a = (a + UInt32(x)) % 65521; b = (b + a) % 65521 }
    return Int(b << 16 | a)
}

@_semantics("maxlive.entry")
public func wideHash(_ n: Int) -> Int {
    let d = testData(n & 255)
    var h: UInt128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d
    let prime: UInt128 = 0x0000_0000_0100_0000_0000_0000_0000_013b
    for x in d { h = (h ^ UInt128(x)) &* prime }
    return Int(truncatingIfNeeded: h >> 64) ^ Int(truncatingIfNeeded: h)
}

@_semantics("maxlive.entry")
public func crcSectors(_ n: Int) -> Int {
    // checksum each 512-byte sector of a small disk image, keep the list
    let sectors = n & 15
    var sums: [UInt32] = []
    for s in 0..<sectors {
        let sector = [UInt8](repeating: UInt8(s), count: 512)
        sums.append(crc32(sector))
    }
    let fletch = sums.reduce((UInt16(0), UInt16(0))) { acc, v in
        let s1 = (acc.0 &+ UInt16(truncatingIfNeeded: v)) % 255
        return (s1, (acc.1 &+ s1) % 255)
    }
    return Int(fletch.1) << 8 | Int(fletch.0)
}

public func fixtureReset() { crcTable = [] }

// inputs: crcBlock 0 1 100 4096 10000
// inputs: adler32 0 1 1023 1024
// inputs: wideHash 0 1 255
// inputs: crcSectors 0 1 15
