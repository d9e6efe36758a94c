// Program.swift — built-in user programs and the files that name them.
//
// On the host, user programs are Swift functions linked into the kernel image. Each is
// registered at boot and gets an executable file /bin/<name> whose content is
// "#!builtin <name>\n"; execve reads that line to find the entry point. Programs enter the
// kernel only through `syscall`, with pointers into their own user memory.

public struct ProgramDesc {
    public let name: StaticString
    public let entry: ProgramEntry
    public let help: StaticString
    public init(name: StaticString, entry: ProgramEntry, help: StaticString) {
        self.name = name
        self.entry = entry
        self.help = help
    }
}

let kMaxPrograms = 32
nonisolated(unsafe) var programTable: UnsafeMutablePointer<ProgramDesc>? = nil
nonisolated(unsafe) var programCount = 0

func programsInit(_ list: [ProgramDesc]) {
    programTable = UnsafeMutablePointer<ProgramDesc>.allocate(capacity: kMaxPrograms)
    for d in list where programCount < kMaxPrograms {
        (programTable! + programCount).initialize(to: d)
        programCount += 1
    }
}

func findProgram(_ name: UnsafePointer<UInt8>, _ len: Int) -> ProgramDesc? {
    for i in 0..<programCount where staticEquals(programTable![i].name, name, len) { return programTable![i] }
    return nil
}

let kBuiltinMagic: StaticString = "#!builtin "

/// The program an executable file names, or nil (ENOEXEC).
func programOfFile(_ inum: Int) -> ProgramDesc? {
    let d = dinode(inum)
    let f = bmap(d, 0, alloc: false)
    if f < 0 { return nil }
    let p = frameAddr(f).assumingMemoryBound(to: UInt8.self)
    let m = kBuiltinMagic.utf8CodeUnitCount
    let size = min(d.size, 128)
    if size < m || !staticEquals(kBuiltinMagic, p, m) { return nil }
    var e = m
    while e < size && p[e] != 10 { e += 1 }
    return findProgram(p + m, e - m)
}

/// mkfs: /bin/<name> for every program.
func installProgramFiles(bin: Int) {
    var line: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    for i in 0..<programCount {
        let d = programTable![i]
        let inum = fsMake(bin, d.name, type: kTypeFile, mode: 0o755)
        if inum < 0 { kprint("mkfs: cannot create /bin/"); kprint(d.name); kprint("\n"); halt(3) }
        let n = withUnsafeMutableBytes(of: &line) { b -> Int in
            var k = 0
            for j in 0..<kBuiltinMagic.utf8CodeUnitCount { b[k] = kBuiltinMagic.utf8Start[j]; k += 1 }
            for j in 0..<min(d.name.utf8CodeUnitCount, 50) { b[k] = d.name.utf8Start[j]; k += 1 }
            b[k] = 10
            return k + 1
        }
        _ = withUnsafeBytes(of: &line) { writei(inum, 0, 0, n, kptr: $0.baseAddress!) }
    }
}

@_semantics("maxlive.ignore")
public func listPrograms(_ list: [ProgramDesc]) {
    for d in list {
        kprint(d.name)
        var pad = 12 - d.name.utf8CodeUnitCount
        while pad > 0 { kprint(" "); pad -= 1 }
        kprint(d.help); kprint("\n")
    }
}
