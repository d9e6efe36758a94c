// UserMem.swift — every access to user memory goes through here.
//
// A user pointer is an address in the current process's address space. It is valid for a
// length if every byte lies in one of the process's VMAs (and, for writes, a writable one).
// Only the current process's memory is ever touched, and nothing sleeps between a check
// and the copy it guards, so the window cannot change under a copy.
//
// All functions return false / -EFAULT on a bad pointer; none of them trust user input.

/// Is [va, va+len) mapped (and writable if `write`) in the current process?
func userRangeOK(_ va: Int, _ len: Int, write: Bool) -> Bool {
    if len == 0 { return true }
    if len < 0 || va <= 0 { return false }
    let (end, overflow) = va.addingReportingOverflow(len)
    if overflow { return false }
    let p = curProc!.space                // a thread's memory is its leader's
    var cur = va
    while cur < end {
        maxliveLoopBound(8192)      // kMaxVma
        var i = vmaFind(p, cur)
        if i < 0 && vmaGrowStack(p, cur) { i = vmaFind(p, cur) }      // as a fault there would
        if i < 0 { return false }
        let a = vmaTable(p)[i]            // (the table may move as it grows: read it afresh)
        if write && a.prot & 2 == 0 { return false }
        if a.prot & 1 == 0 { return false }
        // untouched anonymous memory gets its frames now, as a fault there would give them
        if a.lazy {
            if !vmaBack(p, cur, min(end, a.end)) { return false }
            i = vmaFind(p, cur)
        }
        // the kernel writes through the user's mapping: a copy-on-write VMA gets its own
        // frames first (its pages are mapped read-only until then)
        if write && vmaTable(p)[i].prot & kProtCow != 0 && !vmaBreakCow(p, i) { return false }
        cur = vmaTable(p)[i].end
    }
    return true
}

@inline(__always) func userPtr(_ va: Int) -> UnsafeMutableRawPointer { UnsafeMutableRawPointer(bitPattern: va)! }

/// Copy `len` bytes from user `va` to kernel `dst`.
func copyin(_ dst: UnsafeMutableRawPointer, _ va: Int, _ len: Int) -> Bool {
    if !userRangeOK(va, len, write: false) { return false }
    if len > 0 { dst.copyMemory(from: userPtr(va), byteCount: len) }
    return true
}

/// Copy `len` bytes from kernel `src` to user `va`.
func copyout(_ va: Int, _ src: UnsafeRawPointer, _ len: Int) -> Bool {
    if !userRangeOK(va, len, write: true) { return false }
    if len > 0 { userPtr(va).copyMemory(from: src, byteCount: len) }
    return true
}

/// Zero `len` bytes of user memory at `va`.
func zeroout(_ va: Int, _ len: Int) -> Bool {
    if !userRangeOK(va, len, write: true) { return false }
    if len > 0 { userPtr(va).initializeMemory(as: UInt8.self, repeating: 0, count: len) }
    return true
}

/// `count` values of trivial type T copied in from user memory at `va`, in an array of their
/// own, or nil if that memory is not readable. The caller bounds `count`.
func copyinArray<T>(_ va: Int, count: Int, of: T.Type) -> [T]? {
    if count <= 0 { return [] }
    var ok = false
    let values = [T](unsafeUninitializedCapacity: count) { buf, initialized in
        ok = copyin(UnsafeMutableRawPointer(buf.baseAddress!), va, count * MemoryLayout<T>.stride)
        initialized = ok ? count : 0
    }
    return ok ? values : nil
}

/// Copy a value of trivial type T out to user memory.
func copyoutValue<T>(_ va: Int, _ v: T) -> Bool {
    var x = v
    return withUnsafeBytes(of: &x) { copyout(va, $0.baseAddress!, $0.count) }
}

/// Read a value of trivial type T from user memory.
func copyinValue<T>(_ va: Int, _ zero: T) -> T? {
    var x = zero
    let ok = withUnsafeMutableBytes(of: &x) { copyin($0.baseAddress!, va, $0.count) }
    return ok ? x : nil
}

/// Copy the NUL-terminated user string at `va` into `dst` (capacity `cap` including the
/// NUL), or only measure it when `dst` is nil. Returns its length, -EFAULT, or -ENAMETOOLONG.
func copyinString(_ va: Int, _ dst: UnsafeMutablePointer<UInt8>?, _ cap: Int) -> Int {
    var n = 0
    var cur = va
    let p = curProc!.space                // a thread's memory is its leader's
    while true {
        maxliveLoopBound(4096)
        let i = vmaFind(p, cur)
        if i < 0 || vmaTable(p)[i].prot & 1 == 0 { return kEFAULT }
        if vmaTable(p)[i].lazy {                // untouched memory reads as zeros: the end
            if n >= cap { return kENAMETOOLONG }
            dst?[n] = 0
            return n
        }
        let limit = vmaTable(p)[i].end
        while cur < limit {
            let c = userPtr(cur).load(as: UInt8.self)
            if n >= cap { return kENAMETOOLONG }
            dst?[n] = c
            if c == 0 { return n }
            n += 1
            cur += 1
        }
    }
}

/// The path at user `va`, copied into an array of its own length, handed to `body` as
/// (bytes, count). The array lives as long as `body` runs, so two paths (link, rename) are
/// two arrays and nothing in the proc page is shared between calls. Returns `body`'s
/// result, or -EFAULT, -ENAMETOOLONG (kPathMax bytes or more, NUL included), -ENOENT for an
/// empty path unless `allowEmpty`.
@inline(__always)
func withUserPath(_ va: Int, allowEmpty: Bool = false, _ body: (UnsafePointer<UInt8>, Int) -> Int) -> Int {
    let n = copyinString(va, nil, kPathMax)
    if n < 0 { return n }
    if n == 0 { return allowEmpty ? withUnsafePointer(to: UInt8(0)) { body($0, 0) } : kENOENT }
    guard n < kPathMax else { return kENAMETOOLONG }
    // Copied again into the array: another thread may have changed the string since it was
    // measured, so the copy is bounded by the array and may come out shorter.
    var copied = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: n + 1) { buf, count in
        copied = copyinString(va, buf.baseAddress!, n + 1)
        count = max(copied, 0)
    }
    if copied < 0 { return copied }
    if copied == 0 && !allowEmpty { return kENOENT }
    return bytes.withUnsafeBufferPointer { b in b.baseAddress.map { body($0, copied) } ?? kEFAULT }
}

/// Resolve the user path at `va` (relative to `dirfd`) to an existing inode: an inum or -errno.
/// A symbolic link in the last component is followed unless `follow` is false.
func nameiUser(_ dirfd: Int, _ va: Int, follow: Bool = true) -> Int {
    withUserPath(va) { path, n in namei(dirfd, path, n, follow: follow) }
}
