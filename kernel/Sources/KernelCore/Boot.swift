// Boot.swift — bring the kernel up, start init, and shut down.
//
// Order matters: the heap first (everything else allocates), then frames, the user window,
// the process table, the file system and its /bin, the syscall table with its bounds (a
// missing bound stops the boot), the killer thread and init. Then the scheduler runs until
// init exits; its status becomes the machine's exit status.
import KernelC

public struct BootConfig {
    /// M: the heap limit reservations are accounted against (requested bytes).
    public var heapLimit = 4 << 20
    /// The arena behind it; it must also cover headers, rounding and fragmentation.
    public var arenaBytes = 0
    /// Page frames for user memory, pipes and the RAM disk.
    public var memBytes = 64 << 20
    public var stats = false
    public var checkLeaks = false
    public var quiet = false
    /// --no-reservations: system calls reserve nothing (still measured): the cost of safety.
    public var reservations = true
    /// --inject-faults: every deep-reservation stack fails once (Reservation.swift).
    public var injectFaults = false
    public init() {}
}

nonisolated(unsafe) var bootCfg = BootConfig()
nonisolated(unsafe) var heapBaseline = 0

/// The first thing main does, before anything allocates.
public func kernelEarlyInit(_ cfg: BootConfig) {
    bootCfg = cfg
    let arena = cfg.arenaBytes > 0 ? cfg.arenaBytes : 2 * cfg.heapLimit + (1 << 20)
    bootCfg.arenaBytes = arena
    heapInit(arenaBytes: arena)
}

/// Boot and run init with `args` (C strings: init's argv). Never returns.
public func kernelMain(bounds: MaxliveBoundsTable, programs: [ProgramDesc],
                       args: UnsafePointer<UnsafeMutablePointer<CChar>?>, argc: Int) -> Never {
    killerVerbose = !bootCfg.quiet
    pageInit(bytes: bootCfg.memBytes)
    vmInit()
    procInit()
    programsInit(programs)
    fsInit()
    mkfs()
    reservationInit(limit: bootCfg.heapLimit, table: bounds)
    resEnabled = bootCfg.reservations
    faultInjection = bootCfg.injectFaults
    var missing = syscallInit(bounds)
    killerBound = bounds.bound(named: "killerMain", kind: .daemon) ?? -1
    if killerBound < 0 {
        kprint("boot: no maxlive bound for killerMain (daemon)\n")
        missing += 1
        killerBound = 0
    }
    if heapLive + (4 << 10) > resLimit {
        kprint("boot: the heap limit (--heap "); kprintInt(resLimit); kprint(") must exceed what the kernel holds after boot ")
        kprint("("); kprintInt(heapLive); kprint(" bytes) by at least 4 KiB\n")
        halt(64)
    }
    if missing > 0 {
        kprint("boot: the reservation table lacks "); kprintInt(missing)
        kprint(" entries; regenerate it with `maxlive table`\n")
        halt(2)
    }
    let sched = pageAllocRun(1)
    if sched < 0 { kpanic("no frame for the scheduler") }
    schedCtx = frameAddr(sched).bindMemory(to: kctx.self, capacity: 1)
    if !spawnKernelThread(name: "killer", body: { killerMain() }) { kpanic("cannot start the killer") }
    startInit(args, argc)
    schedule()
}

private func mkfs() {
    let root = kRootInum
    let bin = fsMake(root, "bin", type: kTypeDir, mode: 0o755)
    let dev = fsMake(root, "dev", type: kTypeDir, mode: 0o755)
    _ = fsMake(root, "tmp", type: kTypeDir, mode: 0o777)
    if bin < 0 || dev < 0 || fsMake(dev, "console", type: kTypeConsole, mode: 0o620) < 0
        || fsMake(dev, "tty", type: kTypeConsole, mode: 0o666) < 0 || fsMake(dev, "null", type: kTypeNull, mode: 0o666) < 0
        || fsMake(dev, "zero", type: kTypeZero, mode: 0o666) < 0 { kpanic("mkfs") }
    installProgramFiles(bin: bin)
    installBootFiles(bin: bin)
    unpackInitramfs()
}

/// mkfs: the programs built into the kernel image (riscv64: the C user programs) become
/// /bin/<name>, replacing a built-in program's file of the same name.
private func installBootFiles(bin: Int) {
    var name: UnsafePointer<UInt8>? = nil
    var data: UnsafeRawPointer? = nil
    for i in 0..<kNInodes {
        let size = platInitrdFile(i, &name, &data)
        if size < 0 { break }
        guard let n = name, let bytes = data else { continue }
        var len = 0
        while n[len] != 0 { len += 1 }
        var inum = dirScan(bin, n, len)
        if inum > 0 {
            itrunc(inum, 0)
        } else {
            inum = fsCreate(bin, n, len, type: kTypeFile, mode: 0o755)
        }
        if inum < 0 || writei(inum, 0, 0, size, kptr: bytes) != size {
            kprint("mkfs: cannot install /bin/"); kprintBytes(n, len); kprint("\n"); halt(3)
        }
    }
}

/// Start init: /bin/init (a built-in program or, with a user mode, an ELF one) with `args`.
private func startInit(_ args: UnsafePointer<UnsafeMutablePointer<CChar>?>, _ argc: Int) {
    guard let p = procAlloc(isKernel: false, name: "init", ppid: 0) else { kpanic("no slot for init") }
    p.pgid = p.pid                  // init leads the first process group and session
    p.sid = p.pid
    // stage argv as exec would
    let stage = (p.pageBase + kProcStage).assumingMemoryBound(to: UInt8.self)
    var total = 0
    var count = 0
    for i in 0..<min(argc, kMaxArgs) {
        guard let a = args[i] else { break }
        var k = 0
        while a[k] != 0 && total + k + 1 < kProcStageSize { stage[total + k] = UInt8(bitPattern: a[k]); k += 1 }
        stage[total + k] = 0
        total += k + 1
        count += 1
    }
    let bin: StaticString = "bin"
    let initName: StaticString = "init"
    let binDir = dirScan(kRootInum, bin.utf8Start, bin.utf8CodeUnitCount)
    let inum = binDir > 0 ? dirScan(binDir, initName.utf8Start, initName.utf8CodeUnitCount) : -1
    if inum <= 0 { kprint("boot: no /bin/init\n"); halt(2) }
    let r = execLoad(p, inum, argc: count, envc: 0, bytes: total)
    if r < 0 { kprint("boot: cannot start /bin/init: error "); kprintInt(-r); kprint("\n"); halt(2) }
    execCommit(p)
    // The leak check expects the heap to return to its state before init's descriptors and
    // cwd existed (init's Proc object stays: the scheduler holds it while shutting down).
    heapBaseline = heapLive
    let t = FdTable()
    for fd in 0..<3 { t.files[fd] = File(kind: .console, flags: Int(O_RDWR)) }
    p.fds = t
    if let ip = iget(kRootInum) {
        inodePin(ip)
        p.cwd = ip
    }
    p.state = .runnable
}

/// init exited with wait status `status`: report and stop the machine.
func shutdown(_ status: Int) -> Never {
    let code = status & 0x7f != 0 ? 128 + (status & 0x7f) : (status >> 8) & 0xff
    var leak = 0
    if bootCfg.checkLeaks {
        while dcacheEvictHalf() + icacheEvictHalf() > 0 {}
        var others = 0
        for s in 1...kNProc where procTable![s] != nil && s != 1 { others += 1 }
        leak = others == 0 ? heapLive - heapBaseline : 0
    }
    if !bootCfg.quiet || code != 0 || heapFailures != 0 || heapBreaches != 0 {
        kprint("kernel: init exited with status "); kprintInt(code)
        kprint("; heap limit "); kprintInt(resLimit); kprint(" peak "); kprintInt(heapPeak)
        kprint(" live "); kprintInt(heapLive); kprint(" (arena peak "); kprintInt(heapArenaPeak)
        kprint(" of "); kprintInt(heapArenaSize); kprint("); allocation failures "); kprintInt(heapFailures)
        kprint("; contract breaches "); kprintInt(heapBreaches); kprint("\n")
        kprint("kernel: reservation waits "); kprintInt(resWaits); kprint(", restarts "); kprintInt(resRestarts)
        kprint(", failed deep reservations "); kprintInt(resIterFailures)
        kprint(", injected faults "); kprintInt(faultsInjected)
        kprint("; killer rounds "); kprintInt(killerRounds); kprint(", kills "); kprintInt(killerKills)
        kprint(", cache evictions "); kprintInt(killerEvicted); kprint("; processes "); kprintInt(procsCreated)
        kprint(", context switches "); kprintInt(schedSwitches); kprint(", stack peak "); kprintInt(stackPeakBytes)
        kprint(" B; frames free "); kprintInt(pagesFree); kprint(" (min "); kprintInt(pagesMinFree); kprint(")\n")
    }
    if !bootCfg.quiet || code != 0 {
        if !resEnabled { kprint("kernel: reservations OFF (--no-reservations): calls measured, nothing reserved\n") }
        if resEpisodes > 0 {
            kprint("kernel: memory-wait episodes "); kprintInt(resEpisodes)
            kprint("; recovery (first wait to no waiter) first "); kprintInt(Int(resFirstRecoveryNs / 1000))
            kprint(" us, longest "); kprintInt(Int(resLongestRecoveryNs / 1000))
            kprint(" us, total "); kprintInt(Int(resTotalRecoveryNs / 1000))
            kprint(" us; first wait to last recovery "); kprintInt(Int((resLastRecoveredNs - resFirstWaitNs) / 1000)); kprint(" us\n")
        }
    }
    if bootCfg.stats { printSyscallStats() }
    if bootCfg.checkLeaks {
        kprint("kernel: heap after shutdown "); kprintInt(heapLive); kprint(", at boot "); kprintInt(heapBaseline)
        kprint(leak == 0 ? " (no leak)\n" : " (LEAK)\n")
        if leak != 0 { halt(6) }
    }
    if heapFailures != 0 { halt(3) }
    if heapBreaches != 0 { halt(4) }
    halt(code)
}
