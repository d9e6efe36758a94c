// SysFile.swift — file-system and descriptor system calls (xv6's sysfile).
//
// Each handler validates its arguments (bad descriptors, flags, pointers and paths give
// POSIX errors, never a panic), resolves paths with FS.walkPath, and works on disk inodes
// by number. The heap holds File and Inode objects (one each per open), Pipe objects, the
// evictable dentry cache; and, for the length of a call, each path argument, ppoll's requests
// and readv/writev's vector (in batches), copied in from user memory into arrays of their own.
import KernelC

@inline(__always) private func I(_ x: Int32) -> Int { Int(x) }
private var oAccMode: Int { I(O_ACCMODE) }
private var oStatusFlags: Int { I(O_ACCMODE) | I(O_APPEND) | I(O_NONBLOCK) }

// MARK: - open, close, read, write

@_semantics("maxlive.entry")
public func sys_openat(_ dirfd: Int, _ upath: Int, _ flags: Int, _ mode: Int) -> Int {
    let inum = withUserPath(upath) { path, n in
        let acc = flags & oAccMode
        if acc == 3 { return kEINVAL }
        if fdFreeCount() == 0 { return kEMFILE }
        // O_CREAT | O_EXCL never follows a link in the last component (EEXIST), O_NOFOLLOW
        // refuses one (ELOOP); otherwise it is followed, and O_CREAT through a dangling link
        // creates its target, as on Linux.
        let excl = flags & I(O_CREAT) != 0 && flags & I(O_EXCL) != 0
        let follow = !excl && (flags & I(O_NOFOLLOW) == 0 || path[n - 1] == 47)
        let w = walkPath(dirfd, path, n, follow: follow)
        if w.err != 0 { return w.err }
        if w.inum != 0 {
            if excl { return kEEXIST }
            return dinode(w.inum).type == kTypeSymlink ? kELOOP : w.inum
        }
        if flags & I(O_CREAT) == 0 { return kENOENT }
        if w.trailingSlash { return kEISDIR }
        return fsCreate(w.parent, w.name!, w.nameLen, type: kTypeFile, mode: mode & 0o7777 & ~curProc!.umask)
    }
    if inum < 0 { return inum }
    let acc = flags & oAccMode
    let d = dinode(inum)
    if d.type == kTypeDir {
        if acc != I(O_RDONLY) || flags & I(O_CREAT) != 0 { return kEISDIR }
    } else if flags & I(O_DIRECTORY) != 0 {
        return kENOTDIR
    }
    let cloexec = flags & I(O_CLOEXEC) != 0
    if isDeviceType(d.type) {
        let kind: FileKind = d.type == kTypeNull ? .null : (d.type == kTypeZero ? .zero : .console)
        return fdAlloc(File(kind: kind, flags: flags & oStatusFlags), cloexec: cloexec)
    }
    guard let ip = iget(inum) else { return kENFILE }
    if d.type == kTypeFile && flags & I(O_TRUNC) != 0 && acc != I(O_RDONLY) { itrunc(inum, 0) }
    return fdAlloc(File(kind: .inode, flags: flags & oStatusFlags, inode: ip), cloexec: cloexec)
}

@_semantics("maxlive.entry")
public func sys_close(_ fd: Int) -> Int {
    guard fdGet(fd) != nil, let t = curProc!.fds else { return kEBADF }
    t.files[fd] = nil
    t.setCloexec(fd, false)
    return 0
}

/// Read from `f` at `offset` (or at and advancing its offset when offset < 0).
func fileRead(_ f: File, _ buf: Int, _ n: Int, offset: Int) -> Int {
    switch f.kind {
    case .inode:
        let inum = f.inode!.inum
        if dinode(inum).type == kTypeDir { return kEISDIR }
        let off = offset >= 0 ? offset : f.offset
        let r = readi(inum, off, buf, n)
        if r > 0 && offset < 0 { f.offset = off + r }
        return r
    case .pipeRead, .socket:
        if offset >= 0 { return kESPIPE }
        return pipeRead(f.rx!, buf, n, nonblock: f.nonblocking)
    case .pipeWrite:
        return kEBADF
    case .console, .null:
        if offset >= 0 && f.kind == .console { return kESPIPE }
        return 0
    case .zero:
        return zeroout(buf, n) ? n : kEFAULT
    }
}

func fileWrite(_ f: File, _ buf: Int, _ n: Int, offset: Int) -> Int {
    switch f.kind {
    case .inode:
        let inum = f.inode!.inum
        let append = offset < 0 && f.flags & I(O_APPEND) != 0
        let off = offset >= 0 ? offset : (append ? dinode(inum).size : f.offset)
        let r = writei(inum, off, buf, n, append: append)
        if r > 0 && offset < 0 { f.offset = off + r }
        return r
    case .pipeWrite, .socket:
        if offset >= 0 { return kESPIPE }
        return pipeWrite(f.tx!, buf, n, nonblock: f.nonblocking)
    case .pipeRead:
        return kEBADF
    case .console:
        if offset >= 0 { return kESPIPE }
        if !userRangeOK(buf, n, write: false) { return kEFAULT }
        if n > 0 { consoleWrite(userPtr(buf), n) }
        return n
    case .null, .zero:
        return userRangeOK(buf, n, write: false) ? n : kEFAULT
    }
}

@_semantics("maxlive.entry")
public func sys_read(_ fd: Int, _ buf: Int, _ count: Int) -> Int {
    guard let f = fdGet(fd), f.readable else { return kEBADF }
    if count < 0 { return kEINVAL }
    return fileRead(f, buf, count, offset: -1)
}

@_semantics("maxlive.entry")
public func sys_write(_ fd: Int, _ buf: Int, _ count: Int) -> Int {
    guard let f = fdGet(fd), f.writable else { return kEBADF }
    if count < 0 { return kEINVAL }
    return fileWrite(f, buf, count, offset: -1)
}

@_semantics("maxlive.entry")
public func sys_pread64(_ fd: Int, _ buf: Int, _ count: Int, _ off: Int) -> Int {
    guard let f = fdGet(fd), f.readable else { return kEBADF }
    if count < 0 || off < 0 { return kEINVAL }
    if f.kind != .inode && f.kind != .null && f.kind != .zero { return kESPIPE }
    return fileRead(f, buf, count, offset: off)
}

@_semantics("maxlive.entry")
public func sys_pwrite64(_ fd: Int, _ buf: Int, _ count: Int, _ off: Int) -> Int {
    guard let f = fdGet(fd), f.writable else { return kEBADF }
    if count < 0 || off < 0 { return kEINVAL }
    if f.kind != .inode && f.kind != .null && f.kind != .zero { return kESPIPE }
    return fileWrite(f, buf, count, offset: off)
}

/// Write `n` bytes from kernel memory at `k` to `f` at its offset (sendfile's half of
/// fileWrite). Bytes written or -errno.
private func fileWriteKernel(_ f: File, _ k: UnsafeRawPointer, _ n: Int) -> Int {
    switch f.kind {
    case .inode:
        let inum = f.inode!.inum
        let r = writei(inum, f.offset, 0, n, kptr: k)
        if r > 0 { f.offset += r }
        return r
    case .pipeWrite, .socket:
        return pipeWrite(f.tx!, 0, n, nonblock: f.nonblocking, kptr: k)
    case .pipeRead:
        return kEBADF
    case .console:
        consoleWrite(k, n)
        return n
    case .null, .zero:
        return n
    }
}

/// sendfile: copy up to `count` bytes of the regular file `inFd` (from `*uoffset` if it is
/// not null, which is then moved; otherwise from and moving the file's offset) to `outFd`,
/// straight from the file's pages. Bytes copied (short at end of file or when the output
/// takes fewer), or -errno: EINVAL for an input that is not a regular file or an output
/// opened O_APPEND, as Linux.
@_semantics("maxlive.entry")
public func sys_sendfile(_ outFd: Int, _ inFd: Int, _ uoffset: Int, _ count: Int) -> Int {
    guard let src = fdGet(inFd), src.readable, let dst = fdGet(outFd), dst.writable else { return kEBADF }
    guard src.kind == .inode, let ip = src.inode, dinode(ip.inum).type != kTypeDir else { return kEINVAL }
    if dst.flags & I(O_APPEND) != 0 || count < 0 { return kEINVAL }
    var start = src.offset
    if uoffset != 0 {
        guard let o = copyinValue(uoffset, Int(0)) else { return kEFAULT }
        if o < 0 { return kEINVAL }
        start = o
    }
    let d = dinode(ip.inum)
    let total = start >= d.size ? 0 : min(count, d.size - start, 0x7fff_f000)
    var done = 0
    var zeroFrame = -1                          // a hole reads as zeros: one zeroed frame for all
    while done < total {
        maxliveLoopBound(1031)      // kMaxFileBlocks pages, one more when not page-aligned
        let pos = start + done
        let po = pos % kPageSize
        let len = min(total - done, kPageSize - po)
        var f = bmap(d, pos / kPageSize, alloc: false)
        if f < 0 {
            if zeroFrame < 0 { zeroFrame = pageAllocRun(1) }
            if zeroFrame < 0 { break }
            f = zeroFrame
        }
        let w = fileWriteKernel(dst, frameAddr(f) + (f == zeroFrame ? 0 : po), len)
        if w < 0 {
            if done == 0 { done = w }
            break
        }
        done += w
        if w < len { break }
    }
    if zeroFrame >= 0 { pageFreeRun(zeroFrame, 1) }
    if done > 0 {
        if uoffset != 0 {
            if !copyoutValue(uoffset, start + done) { return kEFAULT }
        } else {
            src.offset = start + done
        }
    }
    return done
}

@_semantics("maxlive.entry")
public func sys_lseek(_ fd: Int, _ off: Int, _ whence: Int) -> Int {
    guard let f = fdGet(fd) else { return kEBADF }
    if f.kind == .null || f.kind == .zero { return 0 }      // as Linux: a seek goes nowhere
    guard f.kind == .inode, let ip = f.inode else { return kESPIPE }
    let base: Int
    switch whence {
    case I(SEEK_SET): base = 0
    case I(SEEK_CUR): base = f.offset
    case I(SEEK_END): base = dinode(ip.inum).size
    default: return kEINVAL
    }
    let (pos, overflow) = base.addingReportingOverflow(off)
    if overflow || pos < 0 { return kEINVAL }
    f.offset = pos
    return pos
}

// MARK: - descriptors

@_semantics("maxlive.entry")
public func sys_dup(_ fd: Int) -> Int {
    guard let f = fdGet(fd) else { return kEBADF }
    return fdAlloc(f)
}

@_semantics("maxlive.entry")
public func sys_dup3(_ oldfd: Int, _ newfd: Int, _ flags: Int) -> Int {
    guard let f = fdGet(oldfd) else { return kEBADF }
    if flags & ~I(O_CLOEXEC) != 0 || oldfd == newfd { return kEINVAL }
    if newfd < 0 || newfd >= kNoFile { return kEBADF }
    let t = curProc!.fds!
    t.files[newfd] = f
    t.setCloexec(newfd, flags & I(O_CLOEXEC) != 0)
    return newfd
}

@_semantics("maxlive.entry")
public func sys_fcntl(_ fd: Int, _ cmd: Int, _ arg: Int) -> Int {
    guard let f = fdGet(fd), let t = curProc!.fds else { return kEBADF }
    switch cmd {
    case I(F_DUPFD), I(F_DUPFD_CLOEXEC):
        if arg < 0 || arg >= kNoFile { return kEINVAL }
        return fdAlloc(f, minFd: arg, cloexec: cmd == I(F_DUPFD_CLOEXEC))
    case I(F_GETFD):
        return t.isCloexec(fd) ? I(FD_CLOEXEC) : 0
    case I(F_SETFD):
        t.setCloexec(fd, arg & I(FD_CLOEXEC) != 0)
        return 0
    case I(F_GETFL):
        return f.flags
    case I(F_SETFL):
        f.flags = (f.flags & oAccMode) | (arg & (I(O_APPEND) | I(O_NONBLOCK)))
        return 0
    default:
        return kEINVAL
    }
}

/// Install two new Files and store their descriptors as int[2] at `ufds`.
private func installPair(_ a: File, _ b: File, _ ufds: Int, cloexec: Bool) -> Int {
    let fa = fdAlloc(a, cloexec: cloexec)
    if fa < 0 { return fa }
    let fb = fdAlloc(b, cloexec: cloexec)
    if fb < 0 { _ = sys_close(fa); return fb }
    var pair: (Int32, Int32) = (Int32(fa), Int32(fb))
    let ok = withUnsafeBytes(of: &pair) { copyout(ufds, $0.baseAddress!, 8) }
    if !ok {
        _ = sys_close(fa)
        _ = sys_close(fb)
        return kEFAULT
    }
    return 0
}

@_semantics("maxlive.entry")
public func sys_pipe2(_ ufds: Int, _ flags: Int) -> Int {
    if flags & ~(I(O_CLOEXEC) | I(O_NONBLOCK)) != 0 { return kEINVAL }
    if fdFreeCount() < 2 { return kEMFILE }
    if !userRangeOK(ufds, 8, write: true) { return kEFAULT }
    guard let p = pipeMake() else { return kENFILE }
    let nb = flags & I(O_NONBLOCK)
    let r = File(kind: .pipeRead, flags: I(O_RDONLY) | nb, rx: p)
    let w = File(kind: .pipeWrite, flags: I(O_WRONLY) | nb, tx: p)
    return installPair(r, w, ufds, cloexec: flags & I(O_CLOEXEC) != 0)
}

@_semantics("maxlive.entry")
public func sys_socketpair(_ domain: Int, _ type: Int, _ proto: Int, _ usv: Int) -> Int {
    if domain != I(AF_UNIX) { return kEAFNOSUPPORT }
    if type & ~(I(SOCK_NONBLOCK) | I(SOCK_CLOEXEC)) != I(SOCK_STREAM) { return kEOPNOTSUPP }
    if proto != 0 { return kEPROTONOSUPPORT }
    if fdFreeCount() < 2 { return kEMFILE }
    if !userRangeOK(usv, 8, write: true) { return kEFAULT }
    guard let ab = pipeMake() else { return kENFILE }
    guard let ba = pipeMake() else { return kENFILE }
    let nb = type & I(SOCK_NONBLOCK) != 0 ? I(O_NONBLOCK) : 0
    let a = File(kind: .socket, flags: I(O_RDWR) | nb, rx: ba, tx: ab)
    let b = File(kind: .socket, flags: I(O_RDWR) | nb, rx: ab, tx: ba)
    return installPair(a, b, usv, cloexec: type & I(SOCK_CLOEXEC) != 0)
}

// MARK: - status

private func statFile(_ f: File, _ st: inout ml_stat) {
    switch f.kind {
    case .inode:
        fillStat(f.inode!.inum, &st)
    case .pipeRead, .pipeWrite:
        st = ml_stat()
        st.st_mode = UInt32(S_IFIFO) | 0o600
        st.st_nlink = 1
        st.st_blksize = Int32(kPageSize)
    case .socket:
        st = ml_stat()
        st.st_mode = UInt32(S_IFSOCK) | 0o777
        st.st_nlink = 1
        st.st_blksize = Int32(kPageSize)
    case .console, .null, .zero:
        st = ml_stat()
        st.st_mode = UInt32(S_IFCHR) | (f.kind == .console ? 0o620 : 0o666)
        st.st_rdev = f.kind == .console ? 0x501 : (f.kind == .null ? 0x103 : 0x105)
        st.st_nlink = 1
        st.st_blksize = 1024
    }
}

@_semantics("maxlive.entry")
public func sys_fstat(_ fd: Int, _ ust: Int) -> Int {
    guard let f = fdGet(fd) else { return kEBADF }
    var st = ml_stat()
    statFile(f, &st)
    return copyoutValue(ust, st) ? 0 : kEFAULT
}

@_semantics("maxlive.entry")
public func sys_newfstatat(_ dirfd: Int, _ upath: Int, _ ust: Int, _ flags: Int) -> Int {
    if flags & ~(I(AT_SYMLINK_NOFOLLOW) | I(AT_EMPTY_PATH)) != 0 { return kEINVAL }
    var st = ml_stat()
    let r = withUserPath(upath, allowEmpty: true) { path, n in
        if n > 0 {
            let inum = namei(dirfd, path, n, follow: flags & I(AT_SYMLINK_NOFOLLOW) == 0)
            if inum < 0 { return inum }
            fillStat(inum, &st)
        } else if flags & I(AT_EMPTY_PATH) == 0 {
            return kENOENT
        } else if dirfd == I(AT_FDCWD) {
            fillStat(curProc!.cwd?.inum ?? kRootInum, &st)
        } else {
            guard let f = fdGet(dirfd) else { return kEBADF }
            statFile(f, &st)
        }
        return 0
    }
    if r < 0 { return r }
    return copyoutValue(ust, st) ? 0 : kEFAULT
}

@_semantics("maxlive.entry")
public func sys_faccessat(_ dirfd: Int, _ upath: Int, _ mode: Int) -> Int {
    sys_faccessat2(dirfd, upath, mode, 0)
}

/// faccessat2: faccessat with flags (AT_EACCESS changes nothing: every process is root;
/// AT_SYMLINK_NOFOLLOW asks about a link itself; AT_EMPTY_PATH about `dirfd`). glibc's
/// realpath() calls it.
@_semantics("maxlive.entry")
public func sys_faccessat2(_ dirfd: Int, _ upath: Int, _ mode: Int, _ flags: Int) -> Int {
    if mode & ~7 != 0 { return kEINVAL }
    if flags & ~(I(AT_EACCESS) | I(AT_SYMLINK_NOFOLLOW) | I(AT_EMPTY_PATH)) != 0 { return kEINVAL }
    let inum = withUserPath(upath, allowEmpty: flags & I(AT_EMPTY_PATH) != 0) { path, n in
        if n > 0 { return namei(dirfd, path, n, follow: flags & I(AT_SYMLINK_NOFOLLOW) == 0) }
        if dirfd == I(AT_FDCWD) { return curProc!.cwd?.inum ?? kRootInum }
        guard let f = fdGet(dirfd) else { return kEBADF }
        return f.inode?.inum ?? 0               // a pipe, a socket, a device: nothing to refuse
    }
    if inum <= 0 { return inum }
    let d = dinode(inum)
    if mode & I(X_OK) != 0 && d.type == kTypeFile && d.mode & 0o111 == 0 { return kEACCES }
    return 0
}

// MARK: - names

@_semantics("maxlive.entry")
public func sys_mkdirat(_ dirfd: Int, _ upath: Int, _ mode: Int) -> Int {
    withUserPath(upath) { path, n in
        let w = walkPath(dirfd, path, n)
        if w.err != 0 { return w.err }
        if w.inum != 0 || w.nameLen == 0 { return kEEXIST }
        let r = fsCreate(w.parent, w.name!, w.nameLen, type: kTypeDir, mode: mode & 0o7777 & ~curProc!.umask)
        return r < 0 ? r : 0
    }
}

@_semantics("maxlive.entry")
public func sys_unlinkat(_ dirfd: Int, _ upath: Int, _ flags: Int) -> Int {
    if flags & ~I(AT_REMOVEDIR) != 0 { return kEINVAL }
    return withUserPath(upath) { path, n in
        unlinkPath(walkPath(dirfd, path, n), removeDir: flags & I(AT_REMOVEDIR) != 0)
    }
}

private func unlinkPath(_ w: PathWalk, removeDir: Bool) -> Int {
    if w.err != 0 { return w.err }
    if w.inum == 0 { return kENOENT }
    let isDir = dinode(w.inum).type == kTypeDir
    if removeDir {
        if w.nameLen == 0 { return kEBUSY }
        if w.isDots { return w.nameLen == 1 ? kEINVAL : kENOTEMPTY }
        if !isDir { return kENOTDIR }
        if !dirIsEmpty(w.inum) { return kENOTEMPTY }
        _ = dirRemove(w.parent, w.name!, w.nameLen)
        dinode(w.parent).nlink -= 1
    } else {
        if isDir { return kEISDIR }
        _ = dirRemove(w.parent, w.name!, w.nameLen)
    }
    fsDropLink(w.inum)
    return 0
}

/// symlinkat: a new name holding `target` (not looked at: it may name nothing).
@_semantics("maxlive.entry")
public func sys_symlinkat(_ utarget: Int, _ newdirfd: Int, _ ulinkpath: Int) -> Int {
    withUserPath(utarget) { target, targetLen in
        withUserPath(ulinkpath) { path, n in
            let w = walkPath(newdirfd, path, n)
            if w.err != 0 { return w.err }
            if w.inum != 0 || w.nameLen == 0 { return kEEXIST }
            if w.trailingSlash { return kENOENT }
            let r = fsSymlink(w.parent, w.name!, w.nameLen, target, targetLen)
            return r < 0 ? r : 0
        }
    }
}

@_semantics("maxlive.entry")
public func sys_linkat(_ olddirfd: Int, _ oldpath: Int, _ newdirfd: Int, _ newpath: Int, _ flags: Int) -> Int {
    if flags & ~(I(AT_SYMLINK_FOLLOW) | I(AT_EMPTY_PATH)) != 0 { return kEINVAL }
    return withUserPath(oldpath) { old, oldLen in
        withUserPath(newpath) { new, newLen in
            linkPaths(olddirfd, old, oldLen, newdirfd, new, newLen, follow: flags & I(AT_SYMLINK_FOLLOW) != 0)
        }
    }
}

private func linkPaths(_ olddirfd: Int, _ old: UnsafePointer<UInt8>, _ oldLen: Int,
                       _ newdirfd: Int, _ new: UnsafePointer<UInt8>, _ newLen: Int, follow: Bool) -> Int {
    let src = namei(olddirfd, old, oldLen, follow: follow)
    if src < 0 { return src }
    if dinode(src).type == kTypeDir { return kEPERM }
    let w = walkPath(newdirfd, new, newLen)
    if w.err != 0 { return w.err }
    if w.inum != 0 || w.nameLen == 0 { return kEEXIST }
    if w.trailingSlash { return kENOENT }
    if dinode(w.parent).nlink == 0 { return kENOENT }
    if dinode(src).nlink >= kMaxLinks { return kEMLINK }
    let r = dirAdd(w.parent, w.name!, w.nameLen, src)
    if r < 0 { return r }
    dinode(src).nlink += 1
    dinode(src).ctime = fsNow()
    return 0
}

@_semantics("maxlive.entry")
public func sys_renameat2(_ olddirfd: Int, _ oldpath: Int, _ newdirfd: Int, _ newpath: Int, _ flags: Int) -> Int {
    if flags & ~I(RENAME_NOREPLACE) != 0 { return kEINVAL }
    return withUserPath(oldpath) { old, oldLen in
        withUserPath(newpath) { new, newLen in
            let ow = walkPath(olddirfd, old, oldLen)
            if ow.err != 0 { return ow.err }
            if ow.inum == 0 { return kENOENT }
            if ow.nameLen == 0 || ow.isDots { return kEBUSY }
            let nw = walkPath(newdirfd, new, newLen)
            if nw.err != 0 { return nw.err }
            return renameWalked(ow, nw, noReplace: flags & I(RENAME_NOREPLACE) != 0)
        }
    }
}

/// Rename what `ow` names to `nw` (both walked, the old one existing).
private func renameWalked(_ ow: PathWalk, _ nw: PathWalk, noReplace: Bool) -> Int {
    if nw.nameLen == 0 || nw.isDots { return kEBUSY }
    let src = ow.inum
    let srcIsDir = dinode(src).type == kTypeDir
    if nw.trailingSlash && !srcIsDir { return kENOTDIR }
    let dst = nw.inum
    if dst == src { return 0 }
    if srcIsDir && isDescendant(nw.parent, of: src) { return kEINVAL }
    if dinode(nw.parent).nlink == 0 { return kENOENT }
    if dst != 0 {
        if noReplace { return kEEXIST }
        let dstIsDir = dinode(dst).type == kTypeDir
        if srcIsDir && !dstIsDir { return kENOTDIR }
        if !srcIsDir && dstIsDir { return kEISDIR }
        if dstIsDir && !dirIsEmpty(dst) { return kENOTEMPTY }
        // point the existing entry at src: no new directory slot is needed
        guard let e = dirEntryFor(nw.parent, dst) else { return kEIO }
        e.storeBytes(of: UInt32(src), as: UInt32.self)
        dcacheInvalidate(nw.parent, nw.name!, nw.nameLen)
        if dstIsDir { dinode(nw.parent).nlink -= 1 }
        fsDropLink(dst)
    } else {
        if srcIsDir && dinode(nw.parent).nlink >= kMaxLinks { return kEMLINK }
        let r = dirAdd(nw.parent, nw.name!, nw.nameLen, src)
        if r < 0 { return r }
    }
    _ = dirRemove(ow.parent, ow.name!, ow.nameLen)
    if srcIsDir && ow.parent != nw.parent {
        dinode(src).parent = nw.parent
        dinode(ow.parent).nlink -= 1
        dinode(nw.parent).nlink += 1
    }
    dinode(src).ctime = fsNow()
    return 0
}

@_semantics("maxlive.entry")
public func sys_getdents64(_ fd: Int, _ ubuf: Int, _ count: Int) -> Int {
    guard let f = fdGet(fd) else { return kEBADF }
    guard f.kind == .inode, let ip = f.inode, dinode(ip.inum).type == kTypeDir else { return kENOTDIR }
    if count < 0 { return kEINVAL }
    let dir = ip.inum
    let d = dinode(dir)
    var idx = f.offset
    var written = 0
    var rec: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    while true {
        var inum = 0
        var name: UnsafePointer<UInt8>? = nil
        var nlen = 0
        var dotName: UInt16 = 0x2e2e
        if idx == 0 || idx == 1 {
            inum = idx == 0 ? dir : d.parent
            nlen = idx + 1
        } else {
            let slot = idx - 2
            if slot >= d.size / kDirentSize { break }
            guard let e = direntAt(d, slot, alloc: false) else { idx += 1; continue }
            inum = direntInum(e)
            if inum == 0 { idx += 1; continue }
            name = UnsafePointer((e + 4).assumingMemoryBound(to: UInt8.self))
            nlen = direntNameLen(e)
        }
        let reclen = (Int(ML_DIRENT64_NAME_OFFSET) + nlen + 1 + 7) & ~7
        if written + reclen > count {
            if written == 0 { return kEINVAL }
            break
        }
        let t = dinode(inum).type
        let dtype = t == kTypeDir ? DT_DIR : (isDeviceType(t) ? DT_CHR : (t == kTypeSymlink ? DT_LNK : DT_REG))
        withUnsafeMutableBytes(of: &rec) { b in
            b.initializeMemory(as: UInt8.self, repeating: 0)
            b.storeBytes(of: UInt64(inum), toByteOffset: 0, as: UInt64.self)
            b.storeBytes(of: Int64(idx + 1), toByteOffset: 8, as: Int64.self)
            b.storeBytes(of: UInt16(reclen), toByteOffset: 16, as: UInt16.self)
            b.storeBytes(of: UInt8(dtype), toByteOffset: 18, as: UInt8.self)
            let off = Int(ML_DIRENT64_NAME_OFFSET)
            if let nm = name {
                for i in 0..<nlen { b[off + i] = nm[i] }
            } else {
                withUnsafeBytes(of: &dotName) { dots in for i in 0..<nlen { b[off + i] = dots[i] } }
            }
        }
        let ok = withUnsafeBytes(of: &rec) { copyout(ubuf + written, $0.baseAddress!, reclen) }
        if !ok { return written > 0 ? written : kEFAULT }
        written += reclen
        idx += 1
    }
    f.offset = idx
    return written
}

// MARK: - directories and sizes

@_semantics("maxlive.entry")
public func sys_chdir(_ upath: Int) -> Int {
    let inum = nameiUser(Int(AT_FDCWD), upath)
    if inum < 0 { return inum }
    if dinode(inum).type != kTypeDir { return kENOTDIR }
    guard let ip = iget(inum) else { return kENFILE }
    inodePin(ip)
    let p = curProc!
    if let old = p.cwd { inodeUnpin(old) }
    p.cwd = ip
    return 0
}

@_semantics("maxlive.entry")
public func sys_getcwd(_ ubuf: Int, _ size: Int) -> Int {
    let p = curProc!
    var cur = p.cwd?.inum ?? kRootInum
    if dinode(cur).nlink == 0 { return kENOENT }
    let stage = (p.pageBase + kProcStage).assumingMemoryBound(to: UInt8.self)
    var pos = kProcStageSize
    if cur == kRootInum {
        pos -= 1
        stage[pos] = 47
    }
    while cur != kRootInum {
        maxliveLoopBound(1024)
        let parent = dinode(cur).parent
        guard let e = dirEntryFor(parent, cur) else { return kENOENT }
        let nl = direntNameLen(e)
        if pos - nl - 1 < 0 { return kENAMETOOLONG }
        pos -= nl
        for i in 0..<nl { stage[pos + i] = (e + 4).load(fromByteOffset: i, as: UInt8.self) }
        pos -= 1
        stage[pos] = 47
        cur = parent
    }
    let len = kProcStageSize - pos
    if size < len + 1 { return kERANGE }
    if !copyout(ubuf, stage + pos, len) { return kEFAULT }
    var nul: UInt8 = 0
    if !copyout(ubuf + len, &nul, 1) { return kEFAULT }
    return len + 1
}

private func truncateInode(_ inum: Int, _ length: Int) -> Int {
    if length < 0 { return kEINVAL }
    let d = dinode(inum)
    if d.type == kTypeDir { return kEISDIR }
    if d.type != kTypeFile { return kEINVAL }
    if length > kMaxFileSize { return kEFBIG }
    itrunc(inum, length)
    return 0
}

@_semantics("maxlive.entry")
public func sys_truncate(_ upath: Int, _ length: Int) -> Int {
    let inum = nameiUser(Int(AT_FDCWD), upath)
    if inum < 0 { return inum }
    return truncateInode(inum, length)
}

@_semantics("maxlive.entry")
public func sys_ftruncate(_ fd: Int, _ length: Int) -> Int {
    guard let f = fdGet(fd) else { return kEBADF }
    guard f.kind == .inode, f.writable, let ip = f.inode else { return kEINVAL }
    return truncateInode(ip.inum, length)
}

@_semantics("maxlive.entry")
public func sys_fsync(_ fd: Int) -> Int {
    guard let f = fdGet(fd) else { return kEBADF }
    return f.kind == .inode ? 0 : kEINVAL
}

/// fdatasync: the file system is RAM, so every write is already as durable as it gets.
@_semantics("maxlive.entry")
public func sys_fdatasync(_ fd: Int) -> Int { sys_fsync(fd) }

@_semantics("maxlive.entry")
public func sys_sync() -> Int { 0 }

// MARK: - poll

private func pollEvents(_ fd: Int, _ events: Int) -> Int {
    if fd < 0 { return 0 }
    guard let f = fdGet(fd) else { return I(POLLNVAL) }
    var r = 0
    switch f.kind {
    case .inode, .console, .null, .zero:
        r = I(POLLIN) | I(POLLOUT)
    case .pipeRead:
        let p = f.rx!
        if p.count > 0 { r |= I(POLLIN) }
        if p.writers == 0 { r |= I(POLLHUP) }
    case .pipeWrite:
        let p = f.tx!
        if p.readers == 0 { r |= I(POLLERR) } else if p.count < kPageSize { r |= I(POLLOUT) }
    case .socket:
        if f.rx!.count > 0 { r |= I(POLLIN) }
        if f.rx!.writers == 0 { r |= I(POLLHUP) }
        if f.tx!.readers > 0 && f.tx!.count < kPageSize { r |= I(POLLOUT) }
    }
    return r & (events | I(POLLERR) | I(POLLHUP) | I(POLLNVAL))
}

@_semantics("maxlive.entry")
public func sys_ppoll(_ ufds: Int, _ nfds: Int, _ utmo: Int, _ usigmask: Int, _ sigsetsize: Int) -> Int {
    if nfds < 0 || nfds > kNoFile { return kEINVAL }
    if !userRangeOK(ufds, nfds * 8, write: true) { return kEFAULT }
    var deadline: Int64 = 0
    var immediate = false
    if utmo != 0 {
        guard let ts = copyinValue(utmo, ml_timespec()) else { return kEFAULT }
        if ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1_000_000_000 { return kEINVAL }
        if ts.tv_sec == 0 && ts.tv_nsec == 0 {
            immediate = true
        } else {
            let secs = min(ts.tv_sec, 1 << 32)
            deadline = nowNanos() + secs * 1_000_000_000 + ts.tv_nsec
        }
    }
    // The requests are read once, as Linux does; only revents go back, after every scan.
    guard let fds = copyinArray(ufds, count: nfds, of: ml_pollfd.self) else { return kEFAULT }
    while true {
        var ready = 0
        for i in 0..<fds.count {
            maxliveLoopBound(64)
            let rev = pollEvents(Int(fds[i].fd), Int(fds[i].events) & 0xffff)
            // (another thread may have unmapped the array while this one slept)
            if !copyoutValue(ufds + i * 8 + 6, Int16(truncatingIfNeeded: rev)) { return kEFAULT }
            if rev != 0 { ready += 1 }
        }
        if ready > 0 || immediate { return ready }
        switch sleep(chan: kChanPoll, deadline: deadline) {
        case .killed: return kEINTR
        case .timeout: return 0
        case .woken: continue
        }
    }
}

// MARK: - vectors, terminals, links, modes

/// readv and writev: the vector's pieces in order, through the same path as read and write.
/// The vector is read in batches of kIovBatch elements, each an array of its own that lives
/// for one call of a helper (a whole IOV_MAX vector would be 16 KiB to reserve for every
/// call): first to check that the lengths add up within ssize_t, as Linux does before it
/// moves a byte, then to transfer. Stops at the first short transfer; an error counts only if
/// nothing was transferred.
private func transferVector(_ f: File, _ uiov: Int, _ count: Int, write: Bool) -> Int {
    if count < 0 || count > Int(IOV_MAX) { return kEINVAL }
    var sum = 0
    var start = 0
    while start < count {
        maxliveLoopBound(16)        // IOV_MAX / kIovBatch
        let n = addVectorLengths(uiov, from: start, count: min(count - start, kIovBatch), to: &sum)
        if n < 0 { return n }
        start += n
    }
    var total = 0
    start = 0
    while start < count {
        maxliveLoopBound(16)
        let n = min(count - start, kIovBatch)
        let r = transferVectorBatch(f, uiov, from: start, count: n, write: write, total: &total)
        if r < 0 { return total > 0 ? total : r }
        if r < n { break }          // a short transfer
        start += n
    }
    return total
}

/// Adds the lengths of `count` iovecs at index `start` to `sum`: `count`, or -EFAULT, or
/// -EINVAL for a negative length or a sum past ssize_t.
@inline(never)
private func addVectorLengths(_ uiov: Int, from start: Int, count: Int, to sum: inout Int) -> Int {
    guard let batch = copyinArray(uiov + start * 16, count: count, of: ml_iovec.self) else { return kEFAULT }
    for k in 0..<count {
        let len = Int(truncatingIfNeeded: batch[k].iov_len)
        if len < 0 || len > Int.max - sum { return kEINVAL }
        sum += len
    }
    return count
}

/// Transfers `count` iovecs at index `start`, adding the bytes moved to `total`: how many
/// pieces were transferred whole (fewer than `count` after a short one), or -errno.
@inline(never)
private func transferVectorBatch(_ f: File, _ uiov: Int, from start: Int, count: Int, write: Bool, total: inout Int) -> Int {
    guard let batch = copyinArray(uiov + start * 16, count: count, of: ml_iovec.self) else { return kEFAULT }
    for k in 0..<count {
        let v = batch[k]
        let len = Int(truncatingIfNeeded: v.iov_len)
        if len < 0 { return kEINVAL }                   // changed by another thread since
        if len == 0 { continue }
        let base = Int(truncatingIfNeeded: v.iov_base)
        let r = write ? fileWrite(f, base, len, offset: -1) : fileRead(f, base, len, offset: -1)
        if r < 0 { return r }
        total += r
        if r < len { return k }
    }
    return count
}

/// How many iovecs readv and writev copy in at a time.
let kIovBatch = 64

@_semantics("maxlive.entry")
public func sys_writev(_ fd: Int, _ uiov: Int, _ count: Int) -> Int {
    guard let f = fdGet(fd), f.writable else { return kEBADF }
    return transferVector(f, uiov, count, write: true)
}

@_semantics("maxlive.entry")
public func sys_readv(_ fd: Int, _ uiov: Int, _ count: Int) -> Int {
    guard let f = fdGet(fd), f.readable else { return kEBADF }
    return transferVector(f, uiov, count, write: false)
}

/// The console's foreground process group (TIOCGPGRP/TIOCSPGRP): init's at boot.
nonisolated(unsafe) var consoleForeground = 1

/// The console's settings as a Linux terminal reports them in cooked mode: 38400 baud,
/// 8 bits, echo, canonical input, signals, and output newline → CR LF (the UART does that).
private func consoleTermios() -> ml_termios {
    var t = ml_termios()
    t.c_iflag = 0o2400                  // ICRNL | IXON
    t.c_oflag = 0o5                     // OPOST | ONLCR
    t.c_cflag = 0o277                   // B38400 | CS8 | CREAD
    t.c_lflag = 0o105073                // ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN
    withUnsafeMutableBytes(of: &t.c_cc) { cc in
        cc[0] = 3                       // VINTR ^C
        cc[1] = 28                      // VQUIT ^\\
        cc[2] = 127                     // VERASE DEL
        cc[3] = 21                      // VKILL ^U
        cc[4] = 4                       // VEOF ^D
        cc[6] = 1                       // VMIN
        cc[8] = 17                      // VSTART ^Q
        cc[9] = 19                      // VSTOP ^S
        cc[10] = 26                     // VSUSP ^Z
    }
    return t
}

@_semantics("maxlive.entry")
public func sys_ioctl(_ fd: Int, _ request: Int, _ arg: Int) -> Int {
    guard let f = fdGet(fd) else { return kEBADF }
    if f.kind != .console { return kENOTTY }
    switch request & 0xffff_ffff {
    case I(TCGETS):
        return copyoutValue(arg, consoleTermios()) ? 0 : kEFAULT
    case I(TCSETS), I(TCSETSW), I(TCSETSF):
        // accepted (the console has no line discipline to change)
        return copyinValue(arg, ml_termios()) != nil ? 0 : kEFAULT
    case I(TIOCGWINSZ):
        return copyoutValue(arg, ml_winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)) ? 0 : kEFAULT
    case I(TIOCSWINSZ):
        return copyinValue(arg, ml_winsize()) != nil ? 0 : kEFAULT
    case I(TIOCGPGRP):
        return copyoutValue(arg, Int32(truncatingIfNeeded: consoleForeground)) ? 0 : kEFAULT
    case I(TIOCSPGRP):
        guard let g = copyinValue(arg, Int32(0)) else { return kEFAULT }
        if g <= 0 { return kEINVAL }
        consoleForeground = Int(g)
        return 0
    default:
        return kENOTTY
    }
}

/// readlinkat: a link's target, truncated to `size` bytes, with no NUL; EINVAL for anything
/// that is not a symbolic link.
@_semantics("maxlive.entry")
public func sys_readlinkat(_ dirfd: Int, _ upath: Int, _ ubuf: Int, _ size: Int) -> Int {
    if size <= 0 { return kEINVAL }
    let inum = nameiUser(dirfd, upath, follow: false)
    if inum < 0 { return inum }
    if dinode(inum).type != kTypeSymlink { return kEINVAL }
    guard let target = symlinkTarget(inum) else { return kEIO }
    let len = min(size, dinode(inum).size)
    return copyout(ubuf, target, len) ? len : kEFAULT
}

private func changeMode(_ inum: Int, _ mode: Int) {
    let d = dinode(inum)
    d.mode = mode & 0o7777
    d.ctime = fsNow()
}

@_semantics("maxlive.entry")
public func sys_fchmodat(_ dirfd: Int, _ upath: Int, _ mode: Int) -> Int {
    let inum = nameiUser(dirfd, upath)
    if inum < 0 { return inum }
    changeMode(inum, mode)
    return 0
}

@_semantics("maxlive.entry")
public func sys_fchmod(_ fd: Int, _ mode: Int) -> Int {
    guard let f = fdGet(fd) else { return kEBADF }
    if f.kind == .inode, let ip = f.inode { changeMode(ip.inum, mode) }
    return 0                                // pipes, sockets and devices: nothing kept to change
}

@_semantics("maxlive.entry")
public func sys_fchdir(_ fd: Int) -> Int {
    guard let f = fdGet(fd) else { return kEBADF }
    guard f.kind == .inode, let ip = f.inode else { return kENOTDIR }
    if dinode(ip.inum).type != kTypeDir { return kENOTDIR }
    inodePin(ip)
    let p = curProc!
    if let old = p.cwd { inodeUnpin(old) }
    p.cwd = ip
    return 0
}

/// A time from utimensat's pair: now, left alone (nil), or the given one; -1 for a bad one.
private func utimeValue(_ t: ml_timespec) -> Int64? {
    if t.tv_nsec == Int64(UTIME_OMIT) { return nil }
    if t.tv_nsec == Int64(UTIME_NOW) { return fsNow() }
    if t.tv_nsec < 0 || t.tv_nsec >= 1_000_000_000 { return -1 }
    return t.tv_sec &* 1_000_000_000 &+ t.tv_nsec
}

/// utimensat: the modification time is kept (the access time reads as the same); a null
/// path with a descriptor (futimens) names the descriptor's file.
@_semantics("maxlive.entry")
public func sys_utimensat(_ dirfd: Int, _ upath: Int, _ utimes: Int, _ flags: Int) -> Int {
    if flags & ~I(AT_SYMLINK_NOFOLLOW) != 0 { return kEINVAL }
    var mtime: Int64? = fsNow()
    if utimes != 0 {
        guard let atime = copyinValue(utimes, ml_timespec()), let m = copyinValue(utimes + 16, ml_timespec()) else { return kEFAULT }
        if utimeValue(atime) == -1 { return kEINVAL }
        mtime = utimeValue(m)
        if mtime == -1 { return kEINVAL }
    }
    let inum: Int
    if upath == 0 {
        guard let f = fdGet(dirfd) else { return kEBADF }
        guard f.kind == .inode, let ip = f.inode else { return 0 }     // pipes, devices: nothing kept
        inum = ip.inum
    } else {
        inum = nameiUser(dirfd, upath, follow: flags & I(AT_SYMLINK_NOFOLLOW) == 0)
        if inum < 0 { return inum }
    }
    let d = dinode(inum)
    if let m = mtime { d.mtime = m }
    d.ctime = fsNow()
    return 0
}
