// File.swift — open file descriptions and per-process descriptor tables.
//
// A File is an open file description: what it refers to (an inode, a pipe end, a socket
// end, the console), its access mode and status flags, and its offset. Descriptors are
// slots of a process's FdTable holding a File; dup and fork share the File (ARC counts the
// sharers). When the last reference goes, deinit closes it: it unpins the inode or closes
// the pipe end, which wakes the other side.
//
// FdTable has a fixed capacity of kNoFile (64) slots in one raw buffer allocated at its
// creation, so no descriptor operation ever allocates (no copy-on-write arrays).
import KernelC

enum FileKind {
    case inode
    case pipeRead
    case pipeWrite
    case socket
    case console
    case null       // /dev/null: reads end at once, writes vanish
    case zero       // /dev/zero: reads give zeros, writes vanish
}

final class File {
    let kind: FileKind
    var flags: Int          // O_ACCMODE | O_APPEND | O_NONBLOCK
    var offset = 0
    /// The flock lock this open file description holds (FileLocks.swift)
    var lock: FileLock = .none
    let inode: Inode?
    let rx: Pipe?           // pipe read end, or a socket's receive pipe
    let tx: Pipe?           // pipe write end, or a socket's send pipe

    init(kind: FileKind, flags: Int, inode: Inode? = nil, rx: Pipe? = nil, tx: Pipe? = nil) {
        self.kind = kind
        self.flags = flags
        self.inode = inode
        self.rx = rx
        self.tx = tx
        if let ip = inode { inodePin(ip) }
        if let r = rx { r.readers += 1 }
        if let t = tx { t.writers += 1 }
    }

    deinit {
        fileUnlock(self)
        if let ip = inode { inodeUnpin(ip) }
        if let r = rx { pipeCloseEnd(r, reader: true) }
        if let t = tx { pipeCloseEnd(t, reader: false) }
    }

    var readable: Bool { flags & Int(O_ACCMODE) != Int(O_WRONLY) }
    var writable: Bool { flags & Int(O_ACCMODE) != Int(O_RDONLY) }
    var nonblocking: Bool { flags & Int(O_NONBLOCK) != 0 }
}

final class FdTable {
    let files: UnsafeMutablePointer<File?>
    var cloexec: UInt64 = 0

    init() {
        files = UnsafeMutablePointer<File?>.allocate(capacity: kNoFile)
        files.initialize(repeating: nil, count: kNoFile)
    }

    deinit {
        files.deinitialize(count: kNoFile)
        files.deallocate()
    }

    /// A copy sharing every open File (fork).
    func copy() -> FdTable {
        let t = FdTable()
        for i in 0..<kNoFile { t.files[i] = files[i] }
        t.cloexec = cloexec
        return t
    }

    func closeAll() {
        for i in 0..<kNoFile { files[i] = nil }
        cloexec = 0
    }

    func closeOnExec() {
        for i in 0..<kNoFile where cloexec & (1 << UInt64(i)) != 0 { files[i] = nil }
        cloexec = 0
    }

    func setCloexec(_ fd: Int, _ on: Bool) {
        if on { cloexec |= 1 << UInt64(fd) } else { cloexec &= ~(1 << UInt64(fd)) }
    }

    func isCloexec(_ fd: Int) -> Bool { cloexec & (1 << UInt64(fd)) != 0 }
}

/// The File open as `fd` in the current process, or nil (EBADF).
func fdGet(_ fd: Int) -> File? {
    if fd < 0 || fd >= kNoFile { return nil }
    return curProc!.fds?.files[fd]
}

/// Install `f` at the lowest free descriptor ≥ `minFd`. The descriptor or -EMFILE.
func fdAlloc(_ f: File, minFd: Int = 0, cloexec: Bool = false) -> Int {
    guard let t = curProc!.fds else { return kEMFILE }
    let limit = openFileLimit()
    if minFd >= limit { return kEMFILE }
    for fd in max(minFd, 0)..<limit where t.files[fd] == nil {
        t.files[fd] = f
        t.setCloexec(fd, cloexec)
        return fd
    }
    return kEMFILE
}

/// Number of free descriptors in the current process.
func fdFreeCount() -> Int {
    guard let t = curProc!.fds else { return 0 }
    var n = 0
    for fd in 0..<kNoFile where t.files[fd] == nil { n += 1 }
    return n
}
