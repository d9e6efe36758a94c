// The hosted kernel under a system call fuzzer and under fault injection (issues 5 and 6).
//
// `fuzz SEED COUNT` forks workers that make random system calls with random, boundary and
// invalid arguments; the kernel stops on a contract breach (a call outgrew its reservation),
// an allocation failure or a panic. `--inject-faults` makes every deep-reservation stack fail
// once: the call unwinds with ENOHEAP and restarts, and the results must still be right.

import Foundation
import Testing

/// The figures of a kernel run: per-syscall rows of `--stats`, and the shutdown summary.
private struct KernelRun {
    let status: Int32
    let output: String

    var stats: [(name: String, calls: Int, peak: Int, bound: Int)] { syscallStats(output) }
    var totalCalls: Int { stats.reduce(0) { $0 + $1.calls } }

    /// The integer after `label` in the shutdown summary ("restarts 8," → 8).
    func figure(_ label: String) -> Int? {
        guard let r = output.range(of: label + " ") else { return nil }
        return Int(output[r.upperBound...].prefix { $0.isNumber })
    }

    func checkContract(_ context: String, syscallsMade: Int = 35) {
        #expect(output.contains("allocation failures 0"), "\(context): \(output.suffix(3000))")
        #expect(output.contains("contract breaches 0"), "\(context): \(output.suffix(3000))")
        #expect(!output.contains("kernel panic"), "\(context): \(output.suffix(3000))")
        #expect(!output.contains("ANOMALY"), "\(context): \(output.suffix(3000))")
        #expect(output.contains("(no leak)"), "\(context): \(output.suffix(3000))")
        #expect(stats.count >= syscallsMade, "\(context): \(stats.count) system calls made: \(output.suffix(3000))")
        for s in stats {
            #expect(s.peak <= s.bound, "SOUNDNESS (\(context)): \(s.name) measured \(s.peak) B > bound \(s.bound) B")
        }
    }
}

private func runKernel(_ arguments: [String]) throws -> KernelRun {
    let kernel = try KernelBuild.binary.get()
    let r = KernelBuild.run(kernel, arguments)
    return KernelRun(status: r.status, output: r.output)
}

@Suite("Kernel fuzzing and fault injection (hosted)", .serialized)
struct KernelFuzzTests {
    @Test("100,000+ fuzzed system calls across processes: no breach, no failure, no panic", arguments: [1, 20251128])
    func fuzz(seed: Int) throws {
        let r = try runKernel(["--stats", "--check-leaks", "--run", "fuzz", "\(seed)", "100000"])
        #expect(r.status == 0, "fuzz seed \(seed) (replay: Kernel --run fuzz \(seed) 100000 4 1): \(r.output.suffix(3000))")
        #expect(r.output.contains("0 with anomalies, 0 killed, 0 lost"), "\(r.output.suffix(3000))")
        r.checkContract("fuzz seed \(seed)")
        #expect(r.totalCalls >= 100_000, "only \(r.totalCalls) system calls")
        // the allocating calls reached their bounds (the bounds are exact for this kernel)
        for name in ["sys_openat", "sys_pipe2", "sys_socketpair", "sys_clone", "sys_chdir"] {
            let s = try #require(r.stats.first { $0.name == name })
            #expect(s.peak > 0 && s.peak <= s.bound, "\(name): peak \(s.peak), bound \(s.bound)")
        }
    }

    @Test("Fuzzing under a small heap with fault injection: reservations wait, calls restart, nothing breaks")
    func fuzzUnderPressure() throws {
        let r = try runKernel(["--heap", "96K", "--inject-faults", "--stats", "--check-leaks", "--run", "fuzz", "3", "100000"])
        #expect(r.status == 0, "\(r.output.suffix(3000))")
        r.checkContract("fuzz under pressure")
        #expect((r.figure("restarts") ?? 0) > 0, "no call restarted: \(r.output.suffix(2000))")
    }

    @Test("Fault injection: every deep-reservation stack fails once; big reads and writes restart and stay correct")
    func faultInjection() throws {
        let r = try runKernel(["--inject-faults", "--stats", "--check-leaks", "--run", "bigio"])
        #expect(r.status == 0, "\(r.output.suffix(4000))")
        #expect(r.output.contains("; all checks passed"), "\(r.output.suffix(4000))")
        r.checkContract("bigio with fault injection", syscallsMade: 10)
        let restarts = try #require(r.figure("restarts"))
        let injected = try #require(r.figure("injected faults"))
        #expect(restarts > 0, "no system call restarted")
        // read, pread64, write and pwrite64 each reach readi/writei in a first and a later iteration
        #expect(injected >= 8, "only \(injected) distinct stacks failed")
        for name in ["sys_read", "sys_write", "sys_pread64", "sys_pwrite64"] {
            #expect(r.output.contains("fault injection: deep reservation") && r.output.contains("system call \(name)("),
                    "no fault was injected into \(name)")
        }
        // without injection the same program makes no restarts
        let plain = try runKernel(["--stats", "--check-leaks", "--run", "bigio"])
        #expect(plain.status == 0, "\(plain.output.suffix(3000))")
        #expect(plain.figure("restarts") == 0)
    }

    @Test("Fault injection under the smoke test: every check still passes")
    func smokeWithFaults() throws {
        let r = try runKernel(["--inject-faults", "--stats", "--check-leaks", "--run", "smoke"])
        #expect(r.status == 0, "\(r.output.suffix(3000))")
        #expect((r.figure("restarts") ?? 0) > 0)
        r.checkContract("smoke with fault injection", syscallsMade: 30)
    }
}
