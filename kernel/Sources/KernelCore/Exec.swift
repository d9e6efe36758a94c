// Exec.swift — program images: built-in programs and ELF executables, and the exec stack.
//
// An exec happens in two halves. *Loading* (sys_execve, and boot for init) reads the image,
// builds the new stack and the new segments in fresh frames and records them as the process's
// pending image; nothing the process can see has changed yet, so a failure just returns an
// error and frees what was built. *Committing* (execCommit, from the scheduler once the
// thread has left its old stack, or at boot) drops the old address space, installs the
// pending one and points the thread at the new program.
//
// Two kinds of image:
//   built-in   a file "#!builtin NAME": a Swift function in the kernel image (Program.swift),
//              run as a kernel thread on the user stack (both builds)
//   ELF        a static executable for the platform's CPU (ET_EXEC, 64-bit little endian,
//              e_machine = plat_user_machine()), run in the CPU's user mode on riscv64. Its
//              PT_LOAD segments must lie in the user window below the mmap area; each gets a
//              run of frames holding its file bytes and zeroed bss. The process gets a kernel
//              stack of its own (kKStackPages), whose top kUFrameBytes hold the user registers
//              while it is in the kernel. The host has no user mode: an ELF there is ENOEXEC.
//
// The stack follows the Linux ABI for both kinds: from sp up, argc, argv[], NULL, envp[],
// NULL, the auxiliary vector ending in AT_NULL; above it the 16 bytes AT_RANDOM points at,
// then the strings at the top. Built-in programs are called with argc and argv.

let kMaxSegments = 4
let kMaxElfHeaders = 8
/// Kernel stack of a user-mode process (and of kernel threads).
let kKStackPages = 16
/// The user register frame at the top of a user-mode process's kernel stack.
let kUFrameBytes = 1024
let kMaxEnv = 32

/// Pending segments of an exec: kMaxSegments VMAs in the proc page's exec scratch.
@inline(__always) private func pendingSegments(_ p: Proc) -> UnsafeMutablePointer<Vma> {
    (p.pageBase + kProcExecSegments).assumingMemoryBound(to: Vma.self)
}

/// The ELF header and program headers being loaded (512 bytes of exec scratch).
@inline(__always) private func elfHeaders(_ p: Proc) -> UnsafeMutableRawPointer { p.pageBase + kProcExecHeaders }

/// The user register frame of a user-mode process.
func userFrame(_ p: Proc) -> UnsafeMutableRawPointer {
    frameAddr(p.kstackFrame) + kKStackPages * kPageSize - kUFrameBytes
}

/// Copy `n` bytes of file `inum` at `off` into kernel memory (holes read as zeros). False if
/// the range is not inside the file.
func readFileToKernel(_ inum: Int, _ off: Int, _ dst: UnsafeMutableRawPointer, _ n: Int) -> Bool {
    let d = dinode(inum)
    if off < 0 || n < 0 || off > d.size || n > d.size - off { return false }
    var done = 0
    while done < n {
        maxliveLoopBound(1030)      // a file has at most kMaxFileBlocks pages
        let pos = off + done
        let po = pos % kPageSize
        let len = min(n - done, kPageSize - po)
        let f = bmap(d, pos / kPageSize, alloc: false)
        if f >= 0 {
            (dst + done).copyMemory(from: frameAddr(f) + po, byteCount: len)
        } else {
            (dst + done).initializeMemory(as: UInt8.self, repeating: 0, count: len)
        }
        done += len
    }
    return true
}

/// What the stack's auxiliary vector says about an ELF image.
struct ElfInfo {
    var entry = 0
    var phdr = 0
    var phnum = 0
    /// First byte past the highest segment, page aligned: where brk starts.
    var end = 0
}

@inline(__always) private func u16(_ p: UnsafeMutableRawPointer, _ off: Int) -> Int { Int(p.loadUnaligned(fromByteOffset: off, as: UInt16.self)) }
@inline(__always) private func u32(_ p: UnsafeMutableRawPointer, _ off: Int) -> Int { Int(p.loadUnaligned(fromByteOffset: off, as: UInt32.self)) }
@inline(__always) private func u64(_ p: UnsafeMutableRawPointer, _ off: Int) -> Int {
    Int(truncatingIfNeeded: p.loadUnaligned(fromByteOffset: off, as: UInt64.self))
}

/// Does file `inum` start with the ELF magic?
func isElfFile(_ inum: Int) -> Bool {
    var magic: UInt32 = 0
    let ok = withUnsafeMutableBytes(of: &magic) { readFileToKernel(inum, 0, $0.baseAddress!, 4) }
    return ok && magic == 0x464c_457f
}

private let kPtLoad = 1
private let kPtPhdr = 6

/// Read and check the headers of ELF file `inum` (into path buffer B). Every check happens
/// here, before anything is allocated: ENOEXEC for anything this kernel cannot run.
private func elfCheck(_ p: Proc, _ inum: Int) -> (Int, ElfInfo) {
    var info = ElfInfo()
    let h = elfHeaders(p)
    let machine = platUserMachine()
    if machine == 0 || !readFileToKernel(inum, 0, h, 64) { return (kENOEXEC, info) }
    // e_ident: 64-bit, little endian, version 1; an executable (not PIE) for this CPU
    if h.load(fromByteOffset: 4, as: UInt8.self) != 2 || h.load(fromByteOffset: 5, as: UInt8.self) != 1
        || h.load(fromByteOffset: 6, as: UInt8.self) != 1 { return (kENOEXEC, info) }
    if u16(h, 16) != 2 || u16(h, 18) != machine { return (kENOEXEC, info) }
    let phoff = u64(h, 32)
    let phnum = u16(h, 56)
    if u16(h, 54) != 56 || phnum == 0 || phnum > kMaxElfHeaders { return (kENOEXEC, info) }
    if !readFileToKernel(inum, phoff, h + 64, phnum * 56) { return (kENOEXEC, info) }
    info.entry = u64(h, 24)
    info.phnum = phnum
    let fileSize = dinode(inum).size
    var loads = 0
    var prevEnd = uwinBase + kPageSize      // the window's first page stays unmapped
    var entryOK = false
    for i in 0..<phnum {
        maxliveLoopBound(8)
        let ph = h + 64 + i * 56
        let type = u32(ph, 0)
        if type == kPtPhdr { info.phdr = u64(ph, 16) }
        if type != kPtLoad { continue }
        let flags = u32(ph, 4), off = u64(ph, 8), va = u64(ph, 16), filesz = u64(ph, 32), memsz = u64(ph, 40)
        loads += 1
        if loads > kMaxSegments || memsz <= 0 || filesz < 0 || filesz > memsz { return (kENOEXEC, info) }
        if off < 0 || off > fileSize || filesz > fileSize - off { return (kENOEXEC, info) }
        if va & (kPageSize - 1) != off & (kPageSize - 1) { return (kENOEXEC, info) }
        // in order, not sharing pages, below the mmap area (va is checked before va + memsz)
        let start = va & ~(kPageSize - 1)
        if start < prevEnd || va >= kUserMmapBase || memsz > kUserMmapBase - va { return (kENOEXEC, info) }
        prevEnd = (va + memsz + kPageSize - 1) & ~(kPageSize - 1)
        if flags & 1 != 0 && info.entry >= va && info.entry < va + memsz { entryOK = true }
        if info.phdr == 0 && phoff >= off && phoff - off < filesz { info.phdr = va + (phoff - off) }
    }
    if loads == 0 || !entryOK { return (kENOEXEC, info) }
    info.end = prevEnd
    return (0, info)
}

/// Load the PT_LOAD segments checked by elfCheck into fresh frames, recorded as the pending
/// segments. ENOMEM (everything freed again) if frames run out.
private func elfLoadSegments(_ p: Proc, _ inum: Int) -> Int {
    let h = elfHeaders(p)
    let segs = pendingSegments(p)
    p.execSegs = 0
    for i in 0..<u16(h, 56) {
        maxliveLoopBound(8)
        let ph = h + 64 + i * 56
        if u32(ph, 0) != kPtLoad { continue }
        let flags = u32(ph, 4), off = u64(ph, 8), va = u64(ph, 16), filesz = u64(ph, 32), memsz = u64(ph, 40)
        let start = va & ~(kPageSize - 1)
        let npages = (va + memsz - start + kPageSize - 1) / kPageSize
        let f = pageAllocRun(npages)            // zeroed: the bss and the page edges
        if f < 0 {
            execAbandon(p)
            return kENOMEM
        }
        _ = readFileToKernel(inum, off, frameAddr(f) + (va - start), filesz)
        // ELF p_flags: 1 execute, 2 write, 4 read; VMA prot: 1 read, 2 write, 4 execute
        let prot = (flags & 4 != 0 ? 1 : 0) | (flags & 2 != 0 ? 2 : 0) | (flags & 1 != 0 ? 4 : 0)
        segs[p.execSegs] = Vma(start: start, npages: npages, frame: f, prot: prot)
        p.execSegs += 1
    }
    // the page signal handlers return into (read and execute)
    let t = pageAllocRun(1)
    if t < 0 {
        execAbandon(p)
        return kENOMEM
    }
    _ = platSigreturnCode(frameAddr(t))
    segs[p.execSegs] = Vma(start: kUserSigTrampoline, npages: 1, frame: t, prot: 5)
    p.execSegs += 1
    return 0
}

/// Free a loaded but uncommitted image (a failed exec, or a kill before the commit).
func execAbandon(_ p: Proc) {
    let segs = pendingSegments(p)
    for i in 0..<p.execSegs {
        maxliveLoopBound(5)         // kMaxSegments and the signal return page
        pageFreeRun(segs[i].frame, segs[i].npages)
    }
    p.execSegs = 0
    if p.execFrame >= 0 {
        pageFreeRun(p.execFrame, kUserStackPages)
        p.execFrame = -1
    }
}

/// Load file `inum` as the pending image of `p`, with `argc` argument and `envc` environment
/// strings staged in the proc page (`bytes` in all). 0 or -errno (ENOEXEC: not a program this
/// kernel runs; ENOMEM: frames ran out). Nothing visible changes until execCommit.
func execLoad(_ p: Proc, _ inum: Int, argc: Int, envc: Int, bytes: Int) -> Int {
    if let prog = programOfFile(inum) {
        if !buildExecStack(p, argc: argc, envc: envc, bytes: bytes, elf: ElfInfo()) { return kENOMEM }
        p.execSegs = 0
        p.execEntry = prog.entry
        p.execName = prog.name
        p.execPC = 0
        p.execBrk = kUserBrkBase
        return 0
    }
    if !isElfFile(inum) { return kENOEXEC }
    let (err, info) = elfCheck(p, inum)
    if err < 0 { return err }
    if !buildExecStack(p, argc: argc, envc: envc, bytes: bytes, elf: info) { return kENOMEM }
    let r = elfLoadSegments(p, inum)
    if r < 0 { return r }
    if p.kstackFrame < 0 {
        let k = pageAllocRun(kKStackPages)
        if k < 0 {
            execAbandon(p)
            return kENOMEM
        }
        p.kstackFrame = k
    }
    p.execEntry = nil
    p.execName = "a.out"
    p.execPC = info.entry
    p.execBrk = info.end
    return 0
}

/// Install the pending image: the old address space goes, the new stack and segments come in,
/// and the thread will start the new program when next switched to. Runs where the process's
/// own stacks are not in use (the scheduler, or boot for init).
func execCommit(_ p: Proc) {
    vmaFreeAll(p, keepStack: false)
    vmaAdd(p, start: kUserStackBase, npages: kUserStackPages, frame: p.execFrame, prot: 3)
    p.execFrame = -1
    let segs = pendingSegments(p)
    for i in 0..<p.execSegs {
        maxliveLoopBound(5)         // kMaxSegments and the signal return page
        vmaAdd(p, start: segs[i].start, npages: segs[i].npages, frame: segs[i].frame, prot: segs[i].prot)
    }
    p.execSegs = 0
    p.stackLow = kUserStackBase
    p.brkStart = p.execBrk
    p.brkEnd = p.execBrk
    p.entry = p.execEntry
    p.name = p.execName
    p.userMode = p.execPC != 0
    vforkRelease(p)
    p.clearTid = 0
    signalsExec(p)
    p.sigTrampoline = p.userMode ? kUserSigTrampoline : 0
    if p.userMode {
        platUserFrameInit(userFrame(p), p.execPC, p.startSP)
        threadStartContext(p, sp: Int(bitPattern: userFrame(p)))
    } else {
        if p.kstackFrame >= 0 {
            pageFreeRun(p.kstackFrame, kKStackPages)
            p.kstackFrame = -1
        }
        threadStartContext(p, sp: p.startSP)
    }
}

// AT_* keys of the auxiliary vector (Linux's elf.h / auxvec.h)
private let kAtNull = 0, kAtPhdr = 3, kAtPhent = 4, kAtPhnum = 5, kAtPagesz = 6, kAtEntry = 9
private let kAtUid = 11, kAtEuid = 12, kAtGid = 13, kAtEgid = 14, kAtSecure = 23, kAtRandom = 25
private let kAuxPairs = 12

nonisolated(unsafe) private var randomState: UInt64 = 0x9e37_79b9_7f4a_7c15

/// 64 bits for AT_RANDOM and getrandom (splitmix64 over the clock): seeds user-space hashing
/// and canaries, not cryptography.
func kernelRandom() -> UInt64 {
    randomState = randomState &+ 0x9e37_79b9_7f4a_7c15 &+ UInt64(bitPattern: nowNanos())
    var z = randomState
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
}

/// Build the new stack in a fresh run of frames from the strings staged in the proc page
/// (argc argument strings, then envc environment strings, `bytes` in all). Sets p.execFrame,
/// argc, argv and startSP. False if frames run out.
func buildExecStack(_ p: Proc, argc: Int, envc: Int, bytes: Int, elf: ElfInfo) -> Bool {
    let f = pageAllocRun(kUserStackPages)
    if f < 0 { return false }
    let strStart = (kUserStackTop - bytes) & ~15
    let random = strStart - 16
    let words = 1 + argc + 1 + envc + 1 + 2 * kAuxPairs
    let sp = (random - words * 8) & ~15
    let k = frameAddr(f)
    @inline(__always) func kaddr(_ va: Int) -> UnsafeMutableRawPointer { k + (va - kUserStackBase) }
    kaddr(strStart).copyMemory(from: p.pageBase + kProcStage, byteCount: bytes)
    kaddr(random).storeBytes(of: kernelRandom(), as: UInt64.self)
    kaddr(random + 8).storeBytes(of: kernelRandom(), as: UInt64.self)
    // the words from sp up, written through the frames' direct map
    let vec = kaddr(sp).assumingMemoryBound(to: Int.self)
    var w = 0
    vec[w] = argc; w += 1
    let stage = (p.pageBase + kProcStage).assumingMemoryBound(to: UInt8.self)
    var s = strStart
    var off = 0
    for i in 0..<(argc + envc) {
        maxliveLoopBound(64)
        if i == argc { vec[w] = 0; w += 1 }      // argv's NULL
        vec[w] = s; w += 1
        var len = 0
        while stage[off + len] != 0 { len += 1 }
        s += len + 1
        off += len + 1
    }
    if envc == 0 { vec[w] = 0; w += 1 }          // argv's NULL
    vec[w] = 0; w += 1                           // envp's NULL
    let auxv = vec + w
    auxv[0] = kAtPhdr; auxv[1] = elf.phdr
    auxv[2] = kAtPhent; auxv[3] = 56
    auxv[4] = kAtPhnum; auxv[5] = elf.phnum
    auxv[6] = kAtPagesz; auxv[7] = kPageSize
    auxv[8] = kAtEntry; auxv[9] = elf.entry
    auxv[10] = kAtUid; auxv[11] = 0
    auxv[12] = kAtEuid; auxv[13] = 0
    auxv[14] = kAtGid; auxv[15] = 0
    auxv[16] = kAtEgid; auxv[17] = 0
    auxv[18] = kAtSecure; auxv[19] = 0
    auxv[20] = kAtRandom; auxv[21] = random
    auxv[22] = kAtNull; auxv[23] = 0           // kAuxPairs = 12 pairs
    p.execFrame = f
    p.argc = argc
    p.argv = sp + 8
    p.startSP = sp
    return true
}
