// FAT12/16 directory handling: decode 32-byte directory entries into 8.3 names, list a
// directory block, convert a long name to a short name, and follow a cluster chain.

struct DirEntry {
    var name: String
    var attr: UInt8
    var cluster: Int
    var size: Int
}

func makeDirBlock(entries: Int) -> [UInt8] {
    var blk = [UInt8](repeating: 0, count: 512)
    let names: [[UInt8]] = [Array("KERNEL  ELF".utf8), Array("README  TXT".utf8),
                            Array("BOOT       ".utf8), Array("CONFIG  SYS".utf8)]
    for i in 0..<min(entries, 16) {
        let o = i * 32
        for (k, c) in names[i & 3].enumerated() { blk[o + k] = c }
        blk[o + 11] = i & 3 == 2 ? 0x10 : 0x20
        blk[o + 26] = UInt8(2 + i)
        blk[o + 28] = UInt8(truncatingIfNeeded: i * 100)
    }
    return blk
}

func decode(_ blk: [UInt8], _ i: Int) -> DirEntry? {
    let o = i * 32
    if blk[o] == 0 || blk[o] == 0xe5 { return nil }
    let base = String(decoding: blk[o..<o + 8], as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    let ext = String(decoding: blk[o + 8..<o + 11], as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    let name = ext.isEmpty ? base : base + "." + ext
    return DirEntry(name: name, attr: blk[o + 11], cluster: Int(blk[o + 26]) | Int(blk[o + 27]) << 8,
                    size: Int(blk[o + 28]) | Int(blk[o + 29]) << 8)
}

@_semantics("maxlive.entry")
public func fatReaddir(_ n: Int) -> Int {
    let blk = makeDirBlock(entries: n & 15)
    var list: [DirEntry] = []
    for i in 0..<16 { if let e = decode(blk, i) { list.append(e) } }
    return list.count
}

@_semantics("maxlive.entry")
public func fatFind(_ n: Int) -> Int {
    let blk = makeDirBlock(entries: 16)
    let want = ["KERNEL.ELF", "README.TXT", "BOOT", "MISSING.BIN"][n & 3]
    for i in 0..<16 { if let e = decode(blk, i), e.name == want { return e.cluster } }
    return -2
}

@_semantics("maxlive.entry")
public func fatShortName(_ n: Int) -> Int {
    let longNames = ["my document.txt", "a.b.c.d", "verylongfilename.markdown", "x"]
    let long = longNames[n & 3]
    let parts = long.split(separator: ".")
    let ext = parts.count > 1 ? String(parts.last!.prefix(3)).uppercased() : ""
    let base = parts.dropLast(parts.count > 1 ? 1 : 0).joined().filter { $0 != " " }.uppercased()
    let short = base.count > 8 ? String(base.prefix(6)) + "~1" : base
    return (short + "." + ext).utf8.count
}

@_semantics("maxlive.entry")
public func fatChain(_ n: Int) -> Int {
    // FAT with 64 entries: a chain starting at cluster 2, follow with a hop limit
    var fat = [UInt16](repeating: 0, count: 64)
    let len = min(n, 60)
    for c in 2..<2 + len { fat[c] = c == 1 + len ? 0xfff8 : UInt16(c + 1) }
    var chain: [Int] = []
    var c = 2
    while c < 0xfff0 && chain.count < 64 && c < fat.count {
        chain.append(c)
        c = Int(fat[c])
        if c == 0 { break }
    }
    return chain.count
}

// inputs: fatReaddir 0 1 4 15
// inputs: fatFind 0 1 2 3
// inputs: fatShortName 0 1 2 3
// inputs: fatChain 0 1 10 33 60 100
