// ELF64 loader: parse the file header and program headers from an image byte array,
// collect PT_LOAD segments, sort them, and compute the memory footprint.

struct Phdr {
    var type: UInt32
    var flags: UInt32
    var offset: UInt64
    var vaddr: UInt64
    var filesz: UInt64
    var memsz: UInt64
}

func le64(_ b: [UInt8], _ o: Int) -> UInt64 {
    var v: UInt64 = 0
    for i in (0..<8).reversed() { v = v << 8 | UInt64(b[o + i]) }
    return v
}
func le32(_ b: [UInt8], _ o: Int) -> UInt32 { UInt32(truncatingIfNeeded: le64(b, o) & 0xffff_ffff) }
func le16(_ b: [UInt8], _ o: Int) -> Int { Int(b[o]) | Int(b[o + 1]) << 8 }

func put64(_ b: inout [UInt8], _ o: Int, _ v: UInt64) {
    for i in 0..<8 { b[o + i] = UInt8(truncatingIfNeeded: v >> UInt64(8 * i)) }
}

func makeImage(phnum: Int) -> [UInt8] {
    var img = [UInt8](repeating: 0, count: 64 + 56 * phnum)
    img[0] = 0x7f; img[1] = 0x45; img[2] = 0x4c; img[3] = 0x46; img[4] = 2
    put64(&img, 32, 64)                       // e_phoff
    img[54] = 56; img[56] = UInt8(phnum)      // e_phentsize, e_phnum
    for i in 0..<phnum {
        let o = 64 + 56 * i
        img[o] = i % 3 == 2 ? 4 : 1           // PT_NOTE or PT_LOAD
        img[o + 4] = UInt8(5 + i % 2)
        put64(&img, o + 16, 0x40_0000 + UInt64((phnum - i) * 0x2000))
        put64(&img, o + 32, 0x1000)
        put64(&img, o + 40, 0x1800)
    }
    return img
}

func programHeaders(_ img: [UInt8]) -> [Phdr]? {
    guard img.count >= 64, img[0] == 0x7f, img[1] == 0x45 else { return nil }
    let phoff = Int(le64(img, 32)), phnum = le16(img, 56)
    guard phnum <= 16, phoff + phnum * 56 <= img.count else { return nil }
    var out: [Phdr] = []
    for i in 0..<phnum {
        let o = phoff + i * 56
        out.append(Phdr(type: le32(img, o), flags: le32(img, o + 4), offset: le64(img, o + 8),
                        vaddr: le64(img, o + 16), filesz: le64(img, o + 32), memsz: le64(img, o + 40)))
    }
    return out
}

@_semantics("maxlive.entry")
public func elfCheck(_ n: Int) -> Int {
    let img = makeImage(phnum: n & 15)
    return programHeaders(img)?.count ?? -8
}

@_semantics("maxlive.entry")
public func elfLoadPlan(_ n: Int) -> Int {
    let img = makeImage(phnum: min(n, 16))
    guard let ph = programHeaders(img) else { return -8 }
    let loads = ph.filter { $0.type == 1 }.sorted { $0.vaddr < $1.vaddr }
    guard let first = loads.first, let last = loads.last else { return 0 }
    return Int(last.vaddr + last.memsz - first.vaddr)
}

@_semantics("maxlive.entry")
public func elfSegmentNames(_ n: Int) -> Int {
    let img = makeImage(phnum: n & 7)
    guard let ph = programHeaders(img) else { return -8 }
    let names = ph.map { h -> String in
        let kind = h.type == 1 ? "LOAD" : "NOTE"
        let perm = (h.flags & 4 != 0 ? "R" : "") + (h.flags & 2 != 0 ? "W" : "") + (h.flags & 1 != 0 ? "E" : "")
        return kind + " " + perm
    }
    return names.joined(separator: ";").utf8.count
}

// inputs: elfCheck 0 1 8 15
// inputs: elfLoadPlan 0 1 3 9 16 20
// inputs: elfSegmentNames 0 1 7
