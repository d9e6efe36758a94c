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
/// NUL). Returns its length, -EFAULT, or -ENAMETOOLONG.
func copyinString(_ va: Int, _ dst: UnsafeMutablePointer<UInt8>, _ cap: Int) -> Int {
    var n = 0
    var cur = va
    let p = curProc!.space                // a thread's memory is its leader's
    while true {
        maxliveLoopBound(4096)
        let i = vmaFind(p, cur)
        if i < 0 || vmaTable(p)[i].prot & 1 == 0 { return kEFAULT }
        if vmaTable(p)[i].lazy {                // untouched memory reads as zeros: the end
            if n >= cap { return kENAMETOOLONG }
            dst[n] = 0
            return n
        }
        let limit = vmaTable(p)[i].end
        while cur < limit {
            let c = userPtr(cur).load(as: UInt8.self)
            if n >= cap { return kENAMETOOLONG }
            dst[n] = c
            if c == 0 { return n }
            n += 1
            cur += 1
        }
    }
}

/// A path argument: copied into the current process's path buffer A (or B if `second`).
/// Returns the length or -errno; an empty path is ENOENT.
func copyinPath(_ va: Int, second: Bool = false) -> Int {
    let n = copyinString(va, pathBuffer(second), kPathMax)
    if n == 0 { return kENOENT }
    return n
}

@inline(__always) func pathBuffer(_ second: Bool) -> UnsafeMutablePointer<UInt8> {
    (curProc!.pageBase + (second ? kProcPathB : kProcPathA)).assumingMemoryBound(to: UInt8.self)
}
