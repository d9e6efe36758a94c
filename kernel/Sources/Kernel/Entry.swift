// Entry.swift — the executable's entry point: parse the command line, boot the kernel.
//
//   Kernel [--heap SIZE] [--arena SIZE] [--mem SIZE] [--stats] [--check-leaks] [--quiet]
//          [--no-reservations] [--inject-faults] [--initrd FILE] --run PROGRAM [ARGS...]
//   Kernel --list
//
// SIZE is bytes with an optional K, M or G suffix. Nothing here may allocate before
// kernelEarlyInit has set up the heap, so arguments are read as C strings. The hosted build
// gets them from the process (arch/host_args.c); the riscv64 build from the device tree's
// bootargs, i.e. QEMU's -append (arch/riscv64/boot_info.c; boot.S calls this main).
import KernelC
import KernelCore

@main
struct Main {
    static func main() {
        let argc = Int(boot_argc())
        guard let argv = boot_argv() else { halt(64) }
        var cfg = BootConfig()
        var runAt = -1
        var list = false
        var i = 1
        while i < argc {
            guard let a = argv[i] else { break }
            if eq(a, "--run") {
                runAt = i + 1
                break
            } else if eq(a, "--list") {
                list = true
            } else if eq(a, "--stats") {
                cfg.stats = true
            } else if eq(a, "--check-leaks") {
                cfg.checkLeaks = true
            } else if eq(a, "--quiet") {
                cfg.quiet = true
            } else if eq(a, "--no-reservations") {
                cfg.reservations = false
            } else if eq(a, "--inject-faults") {
                cfg.injectFaults = true
            } else if eq(a, "--heap") || eq(a, "--arena") || eq(a, "--mem") {
                guard i + 1 < argc, let v = argv[i + 1], let n = parseSize(v) else { usage("bad or missing SIZE after ", a) }
                if eq(a, "--heap") { cfg.heapLimit = n } else if eq(a, "--arena") { cfg.arenaBytes = n } else { cfg.memBytes = n }
                i += 1
            } else if eq(a, "--initrd") {
                // riscv64: qemu.sh passes the archive to QEMU (-initrd), never on this line
                guard i + 1 < argc, let v = argv[i + 1] else { usage("missing FILE after ", a) }
                if host_initrd_load(v) != 0 { halt(64) }
                i += 1
            } else if eq(a, "--help") || eq(a, "-h") {
                usage(nil, nil)
            } else {
                usage("unknown option ", a)
            }
            i += 1
        }
        if !list && (runAt < 0 || runAt >= argc) { usage("nothing to run (use --run PROGRAM or --list)", nil) }
        kernelEarlyInit(cfg)
        #if os(Linux)
        hostInstallTrapHandlers()       // on riscv64 boot.S has installed the trap vector already
        #endif
        let programs = builtinPrograms()
        if list {
            listPrograms(programs)
            halt(0)
        }
        // init's argv: "init" PROGRAM ARGS...
        let n = argc - runAt + 1
        let args = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: n + 1)
        let initName: StaticString = "init"
        args[0] = UnsafeMutableRawPointer(mutating: initName.utf8Start).assumingMemoryBound(to: CChar.self)
        for k in 1..<n { args[k] = argv[runAt + k - 1] }
        args[n] = nil
        kernelMain(bounds: maxliveBounds, programs: programs, args: UnsafePointer(args), argc: n)
    }
}

private func eq(_ a: UnsafeMutablePointer<CChar>, _ s: StaticString) -> Bool {
    let p = s.utf8Start
    var i = 0
    while i < s.utf8CodeUnitCount {
        if UInt8(bitPattern: a[i]) != p[i] { return false }
        i += 1
    }
    return a[i] == 0
}

private func parseSize(_ a: UnsafeMutablePointer<CChar>) -> Int? {
    var n = 0
    var i = 0
    var digits = 0
    while a[i] >= 48 && a[i] <= 57 {
        n = n * 10 + Int(a[i] - 48)
        i += 1
        digits += 1
        if n > (1 << 40) { return nil }
    }
    if digits == 0 { return nil }
    switch a[i] {
    case 0: return n
    case 75, 107: n <<= 10    // K
    case 77, 109: n <<= 20    // M
    case 71, 103: n <<= 30    // G
    default: return nil
    }
    return a[i + 1] == 0 ? n : nil
}

private func usage(_ msg: StaticString?, _ arg: UnsafeMutablePointer<CChar>?) -> Never {
    if let m = msg {
        kprint("Kernel: "); kprint(m)
        if let a = arg {
            var k = 0
            while a[k] != 0 { k += 1 }
            kprintBytes(a, k)
        }
        kprint("\n")
    }
    kprint("usage: Kernel [--heap SIZE] [--arena SIZE] [--mem SIZE] [--stats] [--check-leaks] [--quiet]\n")
    kprint("              [--no-reservations] [--inject-faults] [--initrd FILE] --run PROGRAM [ARGS...]\n")
    kprint("       Kernel --list\n")
    kprint("  --heap SIZE     kernel heap limit that reservations are made against (default 4M)\n")
    kprint("  --arena SIZE    heap arena behind it (default 2*heap+1M: headers, rounding, fragmentation)\n")
    kprint("  --mem SIZE      page frames for user memory, pipes and the RAM disk (default 64M)\n")
    kprint("  --stats         print per-system-call counts, peak live heap and bound at shutdown\n")
    kprint("  --check-leaks   after init exits, flush the caches and compare the heap with boot (exit 6 on a leak)\n")
    kprint("  --quiet         no killer log, no shutdown summary unless something failed\n")
    kprint("  --no-reservations  reserve nothing (calls still measured): what reservations cost\n")
    kprint("  --inject-faults    every deep-reservation stack fails once: the call unwinds and restarts\n")
    kprint("  --initrd FILE   unpack a newc cpio archive into / at boot (riscv64: qemu.sh --initrd FILE)\n")
    halt(msg == nil ? 0 : 64)
}
