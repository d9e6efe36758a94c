// FS.swift — the in-memory file system: a RAM disk with inodes, directories, hard and
// symbolic links, rename, and evictable inode and dentry caches on the heap.
//
// The "disk" lives in page frames, not in the kernel heap (as a real disk would):
//   inode table   kNInodes × 64-byte disk inodes in contiguous frames (inum 0 unused, 1 = /)
//     +0 type u16  +2 nlink u16  +4 mode u32  +8 size i64  +16 mtime i64  +24 ctime i64
//     +32 parent u32 (directories)  +36 indirect u32  +40 direct[6] u32  (frame + 1; 0 = hole)
//   data          one frame per block; a directory is an array of 64-byte entries
//                 (inum u32, name ≤ 60 bytes NUL-padded; inum 0 = free slot). "." and ".."
//                 are not stored: ".." is the directory's parent field. A symbolic link
//                 keeps its target (under kPathMax bytes, no NUL) in its first block.
// Running out of frames or inodes is ENOSPC, an ordinary error.
//
// The heap holds only caches, both with fixed capacity and LRU eviction by the killer:
//   icache  Inode objects: the in-memory handle of a file that is open (pinned by File
//           objects and cwds) or was recently (unpinned, evictable)
//   dcache  Dentry objects: (directory, name) → inum; filled by an evictable function
// Invariants: at most one Inode per inum in the icache; a disk inode with nlink 0 is freed
// when its last pin goes; a Dentry never names a freed inode (freeing purges the dcache).
import KernelC

let kNInodes = 1024
let kDirect = 6
let kIndirect = kPageSize / 4
let kMaxFileBlocks = kDirect + kIndirect
let kMaxFileSize = kMaxFileBlocks * kPageSize
let kDirentSize = 64
let kDirentsPerPage = kPageSize / kDirentSize
let kNameMax = 60
public let kPathMax = 256
let kRootInum = 1
let kMaxLinks = 60000
let kICache = 128
let kDCache = 256

let kTypeFree = 0
let kTypeFile = 1
let kTypeDir = 2
let kTypeConsole = 3
let kTypeNull = 4
let kTypeZero = 5
let kTypeSymlink = 6         // a symbolic link: its target's bytes are its data, like a small file's

/// Is `type` a character device (the console, /dev/null, /dev/zero)?
@inline(__always) func isDeviceType(_ type: Int) -> Bool { type >= kTypeConsole && type <= kTypeZero }

nonisolated(unsafe) var itableFrame = -1

/// A disk inode, accessed in place.
struct DInode {
    let p: UnsafeMutableRawPointer
    var type: Int {
        get { Int(p.load(fromByteOffset: 0, as: UInt16.self)) }
        nonmutating set { p.storeBytes(of: UInt16(newValue), toByteOffset: 0, as: UInt16.self) }
    }
    var nlink: Int {
        get { Int(p.load(fromByteOffset: 2, as: UInt16.self)) }
        nonmutating set { p.storeBytes(of: UInt16(newValue), toByteOffset: 2, as: UInt16.self) }
    }
    var mode: Int {
        get { Int(p.load(fromByteOffset: 4, as: UInt32.self)) }
        nonmutating set { p.storeBytes(of: UInt32(newValue), toByteOffset: 4, as: UInt32.self) }
    }
    var size: Int {
        get { p.load(fromByteOffset: 8, as: Int.self) }
        nonmutating set { p.storeBytes(of: newValue, toByteOffset: 8, as: Int.self) }
    }
    var mtime: Int64 {
        get { p.load(fromByteOffset: 16, as: Int64.self) }
        nonmutating set { p.storeBytes(of: newValue, toByteOffset: 16, as: Int64.self) }
    }
    var ctime: Int64 {
        get { p.load(fromByteOffset: 24, as: Int64.self) }
        nonmutating set { p.storeBytes(of: newValue, toByteOffset: 24, as: Int64.self) }
    }
    var parent: Int {
        get { Int(p.load(fromByteOffset: 32, as: UInt32.self)) }
        nonmutating set { p.storeBytes(of: UInt32(newValue), toByteOffset: 32, as: UInt32.self) }
    }
    var indirect: Int {
        get { Int(p.load(fromByteOffset: 36, as: UInt32.self)) }
        nonmutating set { p.storeBytes(of: UInt32(newValue), toByteOffset: 36, as: UInt32.self) }
    }
    func direct(_ i: Int) -> Int { Int(p.load(fromByteOffset: 40 + 4 * i, as: UInt32.self)) }
    func setDirect(_ i: Int, _ v: Int) { p.storeBytes(of: UInt32(v), toByteOffset: 40 + 4 * i, as: UInt32.self) }
}

@inline(__always) func dinode(_ inum: Int) -> DInode { DInode(p: frameAddr(itableFrame) + inum * 64) }

@inline(__always) func validInum(_ inum: Int) -> Bool { inum > 0 && inum < kNInodes }

func fsNow() -> Int64 { platNowNanos(0) }

// MARK: - inodes and blocks

/// Allocate a disk inode of `type`; 0 if the table is full.
func ialloc(_ type: Int, mode: Int) -> Int {
    for i in 1..<kNInodes {
        let d = dinode(i)
        if d.type == kTypeFree {
            d.p.initializeMemory(as: UInt8.self, repeating: 0, count: 64)
            d.type = type
            d.mode = mode & 0o7777
            d.nlink = 1
            d.mtime = fsNow()
            d.ctime = d.mtime
            return i
        }
    }
    return 0
}

/// Free a disk inode and its blocks; forget it in both caches.
func ifree(_ inum: Int) {
    itrunc(inum, 0)
    dinode(inum).type = kTypeFree
    dcachePurge(inum)
    icacheDrop(inum)
}

let kBmapHole = -1
let kBmapNoSpace = -2
let kBmapTooBig = -3

/// The frame holding block `b` of inode `d`; allocates it (and the indirect block) if
/// `alloc`. Returns a frame, kBmapHole, kBmapNoSpace or kBmapTooBig.
func bmap(_ d: DInode, _ b: Int, alloc: Bool) -> Int {
    if b < kDirect {
        let v = d.direct(b)
        if v != 0 { return v - 1 }
        if !alloc { return kBmapHole }
        let f = pageAllocRun(1)
        if f < 0 { return kBmapNoSpace }
        d.setDirect(b, f + 1)
        return f
    }
    let k = b - kDirect
    if k >= kIndirect { return kBmapTooBig }
    var ind = d.indirect
    if ind == 0 {
        if !alloc { return kBmapHole }
        let f = pageAllocRun(1)
        if f < 0 { return kBmapNoSpace }
        d.indirect = f + 1
        ind = f + 1
    }
    let tab = frameAddr(ind - 1).assumingMemoryBound(to: UInt32.self)
    let v = Int(tab[k])
    if v != 0 { return v - 1 }
    if !alloc { return kBmapHole }
    let f = pageAllocRun(1)
    if f < 0 { return kBmapNoSpace }
    tab[k] = UInt32(f + 1)
    return f
}

/// Set the size of `inum` to `size`, freeing whole blocks past it and zeroing the tail of
/// the last one.
func itrunc(_ inum: Int, _ size: Int) {
    let d = dinode(inum)
    let keep = (size + kPageSize - 1) / kPageSize
    for b in min(keep, kDirect)..<kDirect {
        let v = d.direct(b)
        if v != 0 { pageFreeRun(v - 1, 1); d.setDirect(b, 0) }
    }
    if d.indirect != 0 {
        let tab = frameAddr(d.indirect - 1).assumingMemoryBound(to: UInt32.self)
        var any = false
        for k in 0..<kIndirect {
            if kDirect + k >= keep && tab[k] != 0 {
                pageFreeRun(Int(tab[k]) - 1, 1)
                tab[k] = 0
            }
            if tab[k] != 0 { any = true }
        }
        if !any { pageFreeRun(d.indirect - 1, 1); d.indirect = 0 }
    }
    if size % kPageSize != 0 && size < d.size {
        let f = bmap(d, size / kPageSize, alloc: false)
        if f >= 0 { (frameAddr(f) + size % kPageSize).initializeMemory(as: UInt8.self, repeating: 0, count: kPageSize - size % kPageSize) }
    }
    d.size = size
    d.mtime = fsNow()
}

/// Read up to `n` bytes at `off` into user memory at `uva`. Bytes read or -errno.
/// A failed deep reservation unwinds with ENOHEAP even after some pages were copied: nothing
/// the caller can see has changed yet (the file offset moves only after readi returns), so
/// the restarted call reads the whole range again.
func readi(_ inum: Int, _ off: Int, _ uva: Int, _ n: Int) -> Int {
    let d = dinode(inum)
    if off >= d.size || n == 0 { return 0 }
    let total = min(n, d.size - off)
    var done = 0
    while done < total {
        if !reserveIteration() { return kENOHEAP }
        let pos = off + done
        let po = pos % kPageSize
        let len = min(total - done, kPageSize - po)
        let f = bmap(d, pos / kPageSize, alloc: false)
        let ok = f >= 0 ? copyout(uva + done, frameAddr(f) + po, len) : zeroout(uva + done, len)
        if !ok { return done > 0 ? done : kEFAULT }
        done += len
    }
    return done
}

/// Write `n` bytes from user `uva` (or kernel `kptr` if given) at `off`. Bytes or -errno.
/// A failed deep reservation unwinds with ENOHEAP and the call restarts: writing the same
/// bytes at the same offset again is idempotent. Only an append (`append`: the offset was
/// the size when the call began, which the pages already written have moved) returns the
/// bytes written so far instead, a short write.
func writei(_ inum: Int, _ off: Int, _ uva: Int, _ n: Int, kptr: UnsafeRawPointer? = nil, append: Bool = false) -> Int {
    let d = dinode(inum)
    if n == 0 { return 0 }
    if off >= kMaxFileSize { return kEFBIG }
    let total = min(n, kMaxFileSize - off)
    var done = 0
    while done < total {
        if !reserveIteration() { return done > 0 && append ? done : kENOHEAP }
        let pos = off + done
        let po = pos % kPageSize
        let len = min(total - done, kPageSize - po)
        let f = bmap(d, pos / kPageSize, alloc: true)
        if f < 0 { return done > 0 ? done : (f == kBmapTooBig ? kEFBIG : kENOSPC) }
        if let k = kptr {
            (frameAddr(f) + po).copyMemory(from: k + done, byteCount: len)
        } else if !copyin(frameAddr(f) + po, uva + done, len) {
            return done > 0 ? done : kEFAULT
        }
        done += len
        if pos + len > d.size { d.size = pos + len }
    }
    d.mtime = fsNow()
    return done
}

// MARK: - directories

/// The entry slot `idx` of directory `d` (nil if its block is a hole / cannot be allocated).
func direntAt(_ d: DInode, _ idx: Int, alloc: Bool) -> UnsafeMutableRawPointer? {
    let f = bmap(d, idx / kDirentsPerPage, alloc: alloc)
    if f < 0 { return nil }
    return frameAddr(f) + (idx % kDirentsPerPage) * kDirentSize
}

@inline(__always) func direntInum(_ e: UnsafeMutableRawPointer) -> Int { Int(e.load(as: UInt32.self)) }

func direntNameLen(_ e: UnsafeMutableRawPointer) -> Int {
    let n = (e + 4).assumingMemoryBound(to: UInt8.self)
    var l = 0
    while l < kNameMax && n[l] != 0 { l += 1 }
    return l
}

func direntNameEq(_ e: UnsafeMutableRawPointer, _ name: UnsafePointer<UInt8>, _ len: Int) -> Bool {
    let n = (e + 4).assumingMemoryBound(to: UInt8.self)
    for i in 0..<len where n[i] != name[i] { return false }
    return len == kNameMax || n[len] == 0
}

/// Linear scan of `dir` for `name`; 0 if absent.
func dirScan(_ dir: Int, _ name: UnsafePointer<UInt8>, _ len: Int) -> Int {
    let d = dinode(dir)
    let n = d.size / kDirentSize
    for i in 0..<n {
        guard let e = direntAt(d, i, alloc: false) else { continue }
        let inum = direntInum(e)
        if inum != 0 && direntNameEq(e, name, len) { return inum }
    }
    return 0
}

/// Add `name` → `inum` to `dir`. 0 or -ENOSPC/-EFBIG.
func dirAdd(_ dir: Int, _ name: UnsafePointer<UInt8>, _ len: Int, _ inum: Int) -> Int {
    let d = dinode(dir)
    let n = d.size / kDirentSize
    var slot = -1
    for i in 0..<n {
        if let e = direntAt(d, i, alloc: false), direntInum(e) == 0 { slot = i; break }
    }
    if slot < 0 {
        if n >= kMaxFileBlocks * kDirentsPerPage { return kEFBIG }
        slot = n
    }
    guard let e = direntAt(d, slot, alloc: true) else { return kENOSPC }
    e.initializeMemory(as: UInt8.self, repeating: 0, count: kDirentSize)
    e.storeBytes(of: UInt32(inum), as: UInt32.self)
    (e + 4).copyMemory(from: name, byteCount: len)
    if slot == n { d.size = (n + 1) * kDirentSize }
    d.mtime = fsNow()
    return 0
}

/// Remove `name` from `dir`; returns the inum it named (0 if absent).
func dirRemove(_ dir: Int, _ name: UnsafePointer<UInt8>, _ len: Int) -> Int {
    let d = dinode(dir)
    let n = d.size / kDirentSize
    for i in 0..<n {
        guard let e = direntAt(d, i, alloc: false) else { continue }
        let inum = direntInum(e)
        if inum != 0 && direntNameEq(e, name, len) {
            e.storeBytes(of: UInt32(0), as: UInt32.self)
            d.mtime = fsNow()
            dcacheInvalidate(dir, name, len)
            return inum
        }
    }
    return 0
}

func dirIsEmpty(_ dir: Int) -> Bool {
    let d = dinode(dir)
    for i in 0..<(d.size / kDirentSize) {
        if let e = direntAt(d, i, alloc: false), direntInum(e) != 0 { return false }
    }
    return true
}

/// The entry of `dir` that names `child`, or nil.
func dirEntryFor(_ dir: Int, _ child: Int) -> UnsafeMutableRawPointer? {
    let d = dinode(dir)
    for i in 0..<(d.size / kDirentSize) {
        if let e = direntAt(d, i, alloc: false), direntInum(e) == child { return e }
    }
    return nil
}

// MARK: - path names

struct PathWalk {
    var err = 0
    var parent = 0      // directory holding the last component
    var inum = 0        // what the last component names (0 = does not exist)
    var name: UnsafePointer<UInt8>? = nil
    var nameLen = 0     // 0 for "/"
    var trailingSlash = false

    /// The last component is "." or "..".
    var isDots: Bool {
        guard let n = name else { return true }
        return (nameLen == 1 && n[0] == 46) || (nameLen == 2 && n[0] == 46 && n[1] == 46)
    }
}

/// The directory a relative path starts from: cwd for AT_FDCWD, else the directory open as
/// `dirfd`. Returns an inum or -errno.
func startDir(_ dirfd: Int) -> Int {
    if dirfd == Int(AT_FDCWD) { return curProc!.cwd?.inum ?? kRootInum }
    guard let f = fdGet(dirfd) else { return kEBADF }
    guard let ip = f.inode else { return kENOTDIR }
    if dinode(ip.inum).type != kTypeDir { return kENOTDIR }
    return ip.inum
}

/// Linux's limit on the symbolic links one lookup follows (MAXSYMLINKS): the 41st is ELOOP.
let kMaxSymlinks = 40

/// Resolve `path` (len bytes, in a kernel buffer) relative to `dirfd` down to its last
/// component, which may or may not exist. Symbolic links met on the way are followed; one
/// the last component names is followed only if `follow` (what a lookup wants; a name that
/// is created, removed or renamed is the link itself).
func walkPath(_ dirfd: Int, _ path: UnsafePointer<UInt8>, _ len: Int, follow: Bool = false) -> PathWalk {
    var start = kRootInum
    if path[0] != 47 {
        start = startDir(dirfd)
        if start < 0 { var w = PathWalk(); w.err = start; return w }
    }
    var links = 0
    return walkFrom(start, path, len, follow: follow, links: &links)
}

/// walkPath from directory `start` (or the root for an absolute path). `links` counts the
/// links followed in the whole lookup; a link's target is walked by a nested call
/// (followLink), so the nesting is at most kMaxSymlinks + 1 deep.
func walkFrom(_ start: Int, _ path: UnsafePointer<UInt8>, _ len: Int, follow: Bool, links: inout Int) -> PathWalk {
    maxliveRecursionDepth(41)   // kMaxSymlinks + 1
    var w = PathWalk()
    var cur = path[0] == 47 ? kRootInum : start
    var i = 0
    while i < len && path[i] == 47 { i += 1 }
    if i == len {
        w.parent = cur
        w.inum = cur
        return w
    }
    while true {
        maxliveLoopBound(128)
        let s = i
        while i < len && path[i] != 47 { i += 1 }
        let clen = i - s
        while i < len && path[i] == 47 { i += 1 }
        if clen > kNameMax { w.err = kENAMETOOLONG; return w }
        let d = dinode(cur)
        if d.type != kTypeDir { w.err = kENOTDIR; return w }
        if d.nlink == 0 { w.err = kENOENT; return w }
        var next = lookup(cur, path + s, clen)
        if i >= len {
            let slash = path[len - 1] == 47
            if next != 0 && follow && dinode(next).type == kTypeSymlink {
                return followLast(cur, next, slash: slash, links: &links)
            }
            w.parent = cur
            w.inum = next
            w.name = path + s
            w.nameLen = clen
            w.trailingSlash = slash
            if next != 0 && slash && dinode(next).type != kTypeDir { w.err = kENOTDIR }
            return w
        }
        if next == 0 { w.err = kENOENT; return w }
        if dinode(next).type == kTypeSymlink {
            let t = followLink(cur, next, links: &links)
            if t.err != 0 { w.err = t.err; return w }
            if t.inum == 0 { w.err = kENOENT; return w }
            next = t.inum
        }
        cur = next
    }
}

/// The walk of link `link` (in directory `dir`) as a path's last component: its target's
/// last component, which a trailing slash on the link's name asks to be a directory.
func followLast(_ dir: Int, _ link: Int, slash: Bool, links: inout Int) -> PathWalk {
    var t = followLink(dir, link, links: &links)
    if t.err == 0 && slash {
        t.trailingSlash = true
        if t.inum != 0 && dinode(t.inum).type != kTypeDir { t.err = kENOTDIR }
    }
    return t
}

/// Walk the target of symbolic link `link`, found in directory `dir`: a relative target
/// from `dir`, an absolute one from the root; its own last component is followed too. The
/// target is read in place from the link's block (nothing frees it during the lookup).
func followLink(_ dir: Int, _ link: Int, links: inout Int) -> PathWalk {
    var w = PathWalk()
    links += 1
    if links > kMaxSymlinks { w.err = kELOOP; return w }
    guard let target = symlinkTarget(link) else { w.err = kENOENT; return w }
    return walkFrom(dir, target, dinode(link).size, follow: true, links: &links)
}

/// The bytes of symbolic link `inum`'s target (dinode(inum).size of them), or nil if it
/// has none.
func symlinkTarget(_ inum: Int) -> UnsafePointer<UInt8>? {
    let d = dinode(inum)
    if d.size <= 0 || d.size >= kPathMax { return nil }
    let f = bmap(d, 0, alloc: false)
    if f < 0 { return nil }
    return UnsafePointer(frameAddr(f).assumingMemoryBound(to: UInt8.self))
}

/// Resolve a path that must exist, following a symbolic link in its last component if
/// `follow` or if a trailing slash asks for a directory (as Linux's lookups do). Returns an
/// inum or -errno.
func namei(_ dirfd: Int, _ path: UnsafePointer<UInt8>, _ len: Int, follow: Bool = true) -> Int {
    let w = walkPath(dirfd, path, len, follow: follow || path[len - 1] == 47)
    if w.err != 0 { return w.err }
    return w.inum != 0 ? w.inum : kENOENT
}

/// One component: ".", "..", the dcache, else a directory scan (which fills the dcache).
func lookup(_ dir: Int, _ name: UnsafePointer<UInt8>, _ len: Int) -> Int {
    if len == 1 && name[0] == 46 { return dir }
    if len == 2 && name[0] == 46 && name[1] == 46 { return dinode(dir).parent }
    let h = nameHash(name, len)
    let c = dcacheLookup(dir, name, len, h)
    if c != 0 { return c }
    let inum = dirScan(dir, name, len)
    if inum != 0 { dcacheInsert(dir, name, len, h, inum) }
    return inum
}

func nameHash(_ name: UnsafePointer<UInt8>, _ len: Int) -> Int {
    var h = 5381
    for i in 0..<len { h = (h &* 33) ^ Int(name[i]) }
    return h
}

// MARK: - the dentry cache (evictable)

final class Dentry {
    var parent: Int
    var inum: Int
    var len: Int
    var hash: Int
    var lastUse: Int
    var name: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)

    init(parent: Int, inum: Int, len: Int, hash: Int, lastUse: Int) {
        self.parent = parent
        self.inum = inum
        self.len = len
        self.hash = hash
        self.lastUse = lastUse
    }

    func matches(_ name: UnsafePointer<UInt8>, _ l: Int) -> Bool {
        if l != len { return false }
        return withUnsafeBytes(of: self.name) { b in
            for i in 0..<l where b[i] != name[i] { return false }
            return true
        }
    }
}

let kDentryBytes = 16 + 5 * 8 + 64

nonisolated(unsafe) var dcache: UnsafeMutablePointer<Dentry?>? = nil
nonisolated(unsafe) var icache: UnsafeMutablePointer<Inode?>? = nil
nonisolated(unsafe) var cacheClock = 0
public nonisolated(unsafe) var dcacheHits = 0
public nonisolated(unsafe) var dcacheEvictions = 0
public nonisolated(unsafe) var icacheEvictions = 0

func dcacheLookup(_ dir: Int, _ name: UnsafePointer<UInt8>, _ len: Int, _ h: Int) -> Int {
    for i in 0..<kDCache {
        if let d = dcache![i], d.hash == h, d.parent == dir, d.matches(name, len) {
            cacheClock += 1
            d.lastUse = cacheClock
            dcacheHits += 1
            return d.inum
        }
    }
    return 0
}

/// Remember `name` in `dir` → `inum`. The new Dentry fills an evictable cache: it is made
/// only if the heap has room outside all reservations, else an old entry is replaced or the
/// insert is skipped.
@_semantics("maxlive.evictable")
@inline(never)
func dcacheInsert(_ dir: Int, _ name: UnsafePointer<UInt8>, _ len: Int, _ h: Int, _ inum: Int) {
    var slot = -1
    var oldest = -1
    for i in 0..<kDCache {
        guard let d = dcache![i] else { if slot < 0 { slot = i }; continue }
        if oldest < 0 || d.lastUse < dcache![oldest]!.lastUse { oldest = i }
    }
    if slot < 0 || !cacheCanGrow(kDentryBytes) {
        if oldest < 0 { return }
        dcache![oldest] = nil          // free first: the insert below then needs no new room
        dcacheEvictions += 1
        slot = oldest
        if !cacheCanGrow(kDentryBytes) { return }
    }
    evictableBegin()
    cacheClock += 1
    let d = Dentry(parent: dir, inum: inum, len: len, hash: h, lastUse: cacheClock)
    withUnsafeMutableBytes(of: &d.name) { b in
        for i in 0..<len { b[i] = name[i] }
    }
    dcache![slot] = d
    evictableEnd()
}

func dcacheInvalidate(_ dir: Int, _ name: UnsafePointer<UInt8>, _ len: Int) {
    let h = nameHash(name, len)
    for i in 0..<kDCache {
        if let d = dcache![i], d.hash == h, d.parent == dir, d.matches(name, len) { dcache![i] = nil }
    }
}

/// Forget every entry naming or inside `inum` (it is being freed).
func dcachePurge(_ inum: Int) {
    for i in 0..<kDCache {
        if let d = dcache![i], d.inum == inum || d.parent == inum { dcache![i] = nil }
    }
}

/// Evict the least recently used half (by age) of the dentry cache. Returns how many.
func dcacheEvictHalf() -> Int {
    var lo = Int.max
    var hi = Int.min
    for i in 0..<kDCache {
        if let d = dcache![i] { lo = min(lo, d.lastUse); hi = max(hi, d.lastUse) }
    }
    if lo == Int.max { return 0 }
    let cut = lo + (hi - lo) / 2
    var n = 0
    for i in 0..<kDCache {
        if let d = dcache![i], d.lastUse <= cut { dcache![i] = nil; n += 1 }
    }
    dcacheEvictions += n
    return n
}

// MARK: - the inode cache

/// The in-memory handle of a file: pinned while open or a cwd.
final class Inode {
    let inum: Int
    var pins = 0
    var lastUse = 0
    /// flock: how many open file descriptions hold a shared lock, and whether one holds an
    /// exclusive lock (FileLocks.swift). An inode with a lock is open, so pinned in the cache.
    var sharedLocks = 0
    var exclusiveLock = false
    init(inum: Int) { self.inum = inum }
}

/// The Inode for `inum`, from the cache or new. nil if the cache is full of pinned inodes
/// (the system-wide open-file limit: ENFILE).
func iget(_ inum: Int) -> Inode? {
    cacheClock += 1
    var free = -1
    var victim = -1
    for i in 0..<kICache {
        guard let ip = icache![i] else { if free < 0 { free = i }; continue }
        if ip.inum == inum { ip.lastUse = cacheClock; return ip }
        if ip.pins == 0 && (victim < 0 || ip.lastUse < icache![victim]!.lastUse) { victim = i }
    }
    if free < 0 {
        if victim < 0 { return nil }
        icache![victim] = nil
        icacheEvictions += 1
        free = victim
    }
    let ip = Inode(inum: inum)
    ip.lastUse = cacheClock
    icache![free] = ip
    return ip
}

func inodePin(_ ip: Inode) { ip.pins += 1 }

func inodeUnpin(_ ip: Inode) {
    ip.pins -= 1
    if ip.pins == 0 && dinode(ip.inum).nlink == 0 && dinode(ip.inum).type != kTypeFree { ifree(ip.inum) }
}

/// Is `inum` open (or some process's cwd)?
func inodeInUse(_ inum: Int) -> Bool {
    for i in 0..<kICache {
        if let ip = icache![i], ip.inum == inum { return ip.pins > 0 }
    }
    return false
}

func icacheDrop(_ inum: Int) {
    for i in 0..<kICache {
        if let ip = icache![i], ip.inum == inum { icache![i] = nil }
    }
}

/// Evict the older half of the unpinned inodes. Returns how many.
func icacheEvictHalf() -> Int {
    var lo = Int.max
    var hi = Int.min
    for i in 0..<kICache {
        if let ip = icache![i], ip.pins == 0 { lo = min(lo, ip.lastUse); hi = max(hi, ip.lastUse) }
    }
    if lo == Int.max { return 0 }
    let cut = lo + (hi - lo) / 2
    var n = 0
    for i in 0..<kICache {
        var evictable = false
        if let ip = icache![i] { evictable = ip.pins == 0 && ip.lastUse <= cut }
        // only the cache may hold it (no binding alive here: it would count as a reference)
        if evictable && isKnownUniquelyReferenced(&icache![i]) {
            icache![i] = nil
            n += 1
        }
    }
    icacheEvictions += n
    return n
}

// MARK: - creation, links, status

/// Create `name` in directory `parent` as a new inode of `type`. Returns the inum or -errno.
func fsCreate(_ parent: Int, _ name: UnsafePointer<UInt8>, _ len: Int, type: Int, mode: Int) -> Int {
    let pd = dinode(parent)
    if pd.type != kTypeDir { return kENOTDIR }
    if pd.nlink == 0 { return kENOENT }
    if type == kTypeDir && pd.nlink >= kMaxLinks { return kEMLINK }
    let inum = ialloc(type, mode: mode)
    if inum == 0 { return kENOSPC }
    let r = dirAdd(parent, name, len, inum)
    if r < 0 {
        dinode(inum).type = kTypeFree
        return r
    }
    if type == kTypeDir {
        dinode(inum).nlink = 2
        dinode(inum).parent = parent
        pd.nlink += 1
    }
    return inum
}

/// Create symbolic link `name` in directory `parent` holding `target` (tlen bytes, no NUL)
/// in its one data block. The block is filled before the name appears. Returns the inum or
/// -errno.
func fsSymlink(_ parent: Int, _ name: UnsafePointer<UInt8>, _ len: Int, _ target: UnsafePointer<UInt8>, _ tlen: Int) -> Int {
    let pd = dinode(parent)
    if pd.type != kTypeDir { return kENOTDIR }
    if pd.nlink == 0 { return kENOENT }
    let inum = ialloc(kTypeSymlink, mode: 0o777)
    if inum == 0 { return kENOSPC }
    let d = dinode(inum)
    let f = bmap(d, 0, alloc: true)
    if f < 0 {
        d.type = kTypeFree
        return kENOSPC
    }
    frameAddr(f).copyMemory(from: target, byteCount: tlen)
    d.size = tlen
    let r = dirAdd(parent, name, len, inum)
    if r < 0 {
        ifree(inum)
        return r
    }
    return inum
}

/// Drop one link of `inum`; frees it when no links and no pins remain.
func fsDropLink(_ inum: Int) {
    let d = dinode(inum)
    d.nlink = d.type == kTypeDir ? 0 : d.nlink - 1
    d.ctime = fsNow()
    if d.nlink == 0 && !inodeInUse(inum) { ifree(inum) }
}

/// Is `dir` the same as or below `ancestor`?
func isDescendant(_ dir: Int, of ancestor: Int) -> Bool {
    var cur = dir
    for _ in 0..<kNInodes {
        if cur == ancestor { return true }
        if cur == kRootInum { return false }
        cur = dinode(cur).parent
    }
    return false
}

func fillStat(_ inum: Int, _ st: inout ml_stat) {
    let d = dinode(inum)
    st = ml_stat()
    st.st_dev = 1
    st.st_ino = UInt64(inum)
    switch d.type {
    case kTypeDir: st.st_mode = UInt32(S_IFDIR)
    case kTypeConsole:
        st.st_mode = UInt32(S_IFCHR)
        st.st_rdev = 0x501          // makedev(5, 1): /dev/console
    case kTypeNull:
        st.st_mode = UInt32(S_IFCHR)
        st.st_rdev = 0x103          // makedev(1, 3)
    case kTypeZero:
        st.st_mode = UInt32(S_IFCHR)
        st.st_rdev = 0x105          // makedev(1, 5)
    case kTypeSymlink: st.st_mode = UInt32(S_IFLNK)
    default: st.st_mode = UInt32(S_IFREG)
    }
    st.st_mode |= UInt32(d.mode)
    st.st_nlink = UInt32(d.nlink)
    st.st_size = Int64(d.type == kTypeDir ? d.size / kDirentSize * kDirentSize : d.size)
    st.st_blksize = Int32(kPageSize)
    st.st_blocks = Int64((d.size + 511) / 512)
    st.st_mtime_sec = d.mtime / 1_000_000_000
    st.st_mtime_nsec = UInt64(d.mtime % 1_000_000_000)
    st.st_ctime_sec = d.ctime / 1_000_000_000
    st.st_ctime_nsec = UInt64(d.ctime % 1_000_000_000)
    st.st_atime_sec = st.st_mtime_sec
    st.st_atime_nsec = st.st_mtime_nsec
}

// MARK: - boot

func fsInit() {
    itableFrame = pageAllocRun(kNInodes * 64 / kPageSize)
    if itableFrame < 0 { kprint("fs: no memory for the inode table\n"); halt(3) }
    dcache = UnsafeMutablePointer<Dentry?>.allocate(capacity: kDCache)
    dcache!.initialize(repeating: nil, count: kDCache)
    icache = UnsafeMutablePointer<Inode?>.allocate(capacity: kICache)
    icache!.initialize(repeating: nil, count: kICache)
    dinode(0).type = 0xffff                     // never allocated
    let root = ialloc(kTypeDir, mode: 0o755)
    dinode(root).nlink = 2
    dinode(root).parent = root
}

/// mkfs helper: create `path`'s last component under directory `dir` from a StaticString name.
func fsMake(_ dir: Int, _ name: StaticString, type: Int, mode: Int) -> Int {
    fsCreate(dir, name.utf8Start, name.utf8CodeUnitCount, type: type, mode: mode)
}
