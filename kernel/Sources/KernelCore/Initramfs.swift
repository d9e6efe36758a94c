// Initramfs.swift — unpack the initial RAM file system into the root at boot, as Linux does.
//
// The archive is what QEMU's `-initrd FILE` loads (the platform finds it: plat_initramfs):
// a cpio archive in the "newc" format (`cpio -o -H newc`). Each member is a 110-byte ASCII
// header ("070701" and thirteen 8-digit hex fields), its NUL-terminated name padded to a
// multiple of 4 bytes from the header's start, then its data padded likewise; the member
// named TRAILER!!! ends the archive. Directories are made (with any missing parents, like
// `mkdir -p`), regular files are created or replaced, symbolic links are made (their data is
// the target) where nothing has the name yet; devices and other kinds are skipped with a line
// on the console. A member that does not fit (a name too long, a file
// over kMaxFileSize, a full inode table) is reported and skipped; a malformed header stops
// the unpacking there. Nothing in the archive can stop the boot.

private let kNewcHeaderBytes = 110
private let kModeTypeMask = 0o170000
private let kModeDir = 0o040000
private let kModeFile = 0o100000
private let kModeLink = 0o120000

/// The fields of one newc header this kernel uses.
private struct CpioMember {
    var mode = 0
    var fileSize = 0
    var nameSize = 0
}

/// Unpack the boot archive, if the platform has one, over the built-in files.
func unpackInitramfs() {
    var size = 0
    guard let archive = platInitramfs(&size), size > 0 else { return }
    let bytes = archive.assumingMemoryBound(to: UInt8.self)
    var off = 0
    var files = 0
    while true {
        guard let m = readCpioHeader(bytes, size, off) else {
            kprint("initramfs: malformed header at byte "); kprintInt(off); kprint("; unpacking stopped\n")
            break
        }
        let nameAt = off + kNewcHeaderBytes
        let dataAt = align4(nameAt + m.nameSize)
        if m.nameSize < 1 || m.nameSize > size - nameAt || m.fileSize > size - dataAt || dataAt > size {
            kprint("initramfs: member at byte "); kprintInt(off); kprint(" runs past the archive's end\n")
            break
        }
        let name = bytes + nameAt
        let nameLen = m.nameSize - 1                    // without its NUL
        if isTrailer(name, nameLen) { break }
        if installMember(m, name, nameLen, data: bytes + dataAt) { files += 1 }
        off = align4(dataAt + m.fileSize)
    }
    if !bootCfg.quiet {
        kprint("initramfs: "); kprintInt(files); kprint(" files and directories from "); kprintInt(size); kprint(" bytes\n")
    }
}

@inline(__always) private func align4(_ x: Int) -> Int { (x + 3) & ~3 }

/// The header at `off`, or nil if it is not a newc header.
private func readCpioHeader(_ bytes: UnsafePointer<UInt8>, _ size: Int, _ off: Int) -> CpioMember? {
    if off < 0 || off > size - kNewcHeaderBytes { return nil }
    let magic: StaticString = "070701"
    for i in 0..<6 where bytes[off + i] != magic.utf8Start[i] { return nil }
    // fields in order: ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor,
    // rdevmajor, rdevminor, namesize, check; every one must be hexadecimal
    let fields = bytes + off + 6
    for i in 0..<13 where hexField(fields + 8 * i) == nil { return nil }
    guard let mode = hexField(fields + 8), let fileSize = hexField(fields + 48),
          let nameSize = hexField(fields + 88) else { return nil }
    return CpioMember(mode: mode, fileSize: fileSize, nameSize: nameSize)
}

/// Eight hexadecimal digits, or nil.
private func hexField(_ p: UnsafePointer<UInt8>) -> Int? {
    var v = 0
    for i in 0..<8 {
        let c = Int(p[i])
        let digit: Int
        switch c {
        case 48...57: digit = c - 48            // 0-9
        case 65...70: digit = c - 55            // A-F
        case 97...102: digit = c - 87           // a-f
        default: return nil
        }
        v = v << 4 | digit
    }
    return v
}

private func isTrailer(_ name: UnsafePointer<UInt8>, _ len: Int) -> Bool {
    let trailer: StaticString = "TRAILER!!!"
    if len != trailer.utf8CodeUnitCount { return false }
    for i in 0..<len where name[i] != trailer.utf8Start[i] { return false }
    return true
}

/// Make one member in the root file system. True if it was installed.
private func installMember(_ m: CpioMember, _ name: UnsafePointer<UInt8>, _ nameLen: Int,
                           data: UnsafePointer<UInt8>) -> Bool {
    let kind = m.mode & kModeTypeMask
    if kind != kModeDir && kind != kModeFile && kind != kModeLink {
        kprint("initramfs: skipped "); kprintBytes(name, nameLen); kprint(" (only directories, regular files and symbolic links)\n")
        return false
    }
    // "./a/b", "/a/b" and "a/b" name the same file; "." is the root itself
    var start = 0
    while start < nameLen && (name[start] == 47 || (name[start] == 46 && (start + 1 == nameLen || name[start + 1] == 47))) {
        start += 1
    }
    if start == nameLen { return false }
    var dir = kRootInum
    var compStart = start
    var i = start
    while i <= nameLen {
        if i < nameLen && name[i] != 47 {
            i += 1
            continue
        }
        let len = i - compStart
        let last = i >= nameLen || (i + 1 == nameLen)
        if len > 0 {
            if len > kNameMax {
                kprint("initramfs: name too long: "); kprintBytes(name, nameLen); kprint("\n")
                return false
            }
            let comp = name + compStart
            if comp[0] == 46 && (len == 1 || (len == 2 && comp[1] == 46)) {
                kprint("initramfs: skipped "); kprintBytes(name, nameLen); kprint(" ('.' or '..' inside a name)\n")
                return false
            }
            if last && kind == kModeFile { return installFile(dir, comp, len, m, data, name, nameLen) }
            if last && kind == kModeLink { return installLink(dir, comp, len, m, data, name, nameLen) }
            dir = directory(dir, comp, len, mode: last ? m.mode & 0o7777 : 0o755)
            if dir < 0 {
                kprint("initramfs: cannot make directory for "); kprintBytes(name, nameLen); kprint("\n")
                return false
            }
        }
        i += 1
        compStart = i
    }
    return true
}

/// The directory `name` in `dir`, made if missing; -errno if something else is there.
private func directory(_ dir: Int, _ name: UnsafePointer<UInt8>, _ len: Int, mode: Int) -> Int {
    let found = dirScan(dir, name, len)
    if found > 0 { return dinode(found).type == kTypeDir ? found : kENOTDIR }
    return fsCreate(dir, name, len, type: kTypeDir, mode: mode)
}

private func installLink(_ dir: Int, _ comp: UnsafePointer<UInt8>, _ len: Int, _ m: CpioMember,
                         _ data: UnsafePointer<UInt8>, _ path: UnsafePointer<UInt8>, _ pathLen: Int) -> Bool {
    if m.fileSize <= 0 || m.fileSize >= kPathMax {
        kprint("initramfs: "); kprintBytes(path, pathLen); kprint(": a link's target must be 1 to 255 bytes; skipped\n")
        return false
    }
    if dirScan(dir, comp, len) > 0 {
        kprint("initramfs: "); kprintBytes(path, pathLen); kprint(" exists; the link is skipped\n")
        return false
    }
    if fsSymlink(dir, comp, len, data, m.fileSize) < 0 {
        kprint("initramfs: no room for "); kprintBytes(path, pathLen); kprint("\n")
        return false
    }
    return true
}

private func installFile(_ dir: Int, _ comp: UnsafePointer<UInt8>, _ len: Int, _ m: CpioMember,
                         _ data: UnsafePointer<UInt8>, _ path: UnsafePointer<UInt8>, _ pathLen: Int) -> Bool {
    if m.fileSize > kMaxFileSize {
        kprint("initramfs: "); kprintBytes(path, pathLen); kprint(" is larger than a file can be ("); kprintInt(kMaxFileSize)
        kprint(" bytes); skipped\n")
        return false
    }
    var inum = dirScan(dir, comp, len)
    if inum > 0 && dinode(inum).type != kTypeFile {
        kprint("initramfs: "); kprintBytes(path, pathLen); kprint(" exists and is not a file; skipped\n")
        return false
    }
    if inum > 0 {
        itrunc(inum, 0)
        dinode(inum).mode = m.mode & 0o7777
    } else {
        inum = fsCreate(dir, comp, len, type: kTypeFile, mode: m.mode & 0o7777)
    }
    if inum < 0 || writei(inum, 0, 0, m.fileSize, kptr: data) != m.fileSize {
        kprint("initramfs: no room for "); kprintBytes(path, pathLen); kprint("\n")
        if inum > 0 { itrunc(inum, 0) }
        return false
    }
    return true
}
