// Real user programs on the riscv64 kernel (issue 8): the C programs of kernel/user, built as
// static riscv64 Linux executables and linked into kernel.elf, run in U-mode under QEMU,
// entering the kernel with ecall. The same binaries run on Linux under qemu-riscv64
// (kernel/user/run-linux.sh): usertests must pass there too, and print the same line for
// every check on both — that comparison is the test of the kernel's POSIX semantics.

import Foundation
import Testing

enum UserPrograms {
    /// One usertests check line ("ok N name" / "FAIL N name: …") or the summary line.
    static func checkLines(_ output: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter {
            $0.hasPrefix("ok ") || $0.hasPrefix("FAIL ") || isSummary($0)
        }
    }

    static func isSummary(_ line: String) -> Bool {
        let w = line.split(separator: " ")
        return w.count == 4 && Int(w[0]) != nil && w[1] == "passed," && Int(w[2]) != nil && w[3] == "failed"
    }

    /// (passed, failed) from the summary line.
    static func summary(_ output: String) -> (passed: Int, failed: Int)? {
        guard let line = checkLines(output).last(where: isSummary) else { return nil }
        let w = line.split(separator: " ")
        return (Int(w[0])!, Int(w[2])!)
    }

    /// Runs a user program on Linux under qemu-riscv64, in a fresh directory.
    static func runOnLinux(_ arguments: [String]) throws -> (status: Int32, output: String) {
        _ = try QEMUBuild.built.get()           // builds the user programs too
        return QEMUBuild.run(["bash", QEMUBuild.kernelDir + "/user/run-linux.sh"] + arguments, environment: [:])
    }
}

@Suite("User programs on QEMU riscv64", .serialized)
struct QEMUUserTests {
    @Test("init → usertests in user mode: every check passes, no breach, no leak, peaks within bounds")
    func usertests() throws {
        let r = try QEMUBuild.boot(["--stats", "--check-leaks", "usertests"])
        #expect(r.status == 0, "\(r.output.suffix(4000))")
        let s = try #require(UserPrograms.summary(r.output), "no summary line: \(r.output.suffix(3000))")
        #expect(s.failed == 0, "\(UserPrograms.checkLines(r.output).filter { $0.hasPrefix("FAIL") })")
        #expect(s.passed >= 100, "only \(s.passed) checks")
        #expect(r.output.contains("allocation failures 0; contract breaches 0"), "\(r.output.suffix(2000))")
        #expect(r.output.contains("(no leak)"), "\(r.output.suffix(2000))")
        let stats = syscallStats(r.output)
        #expect(stats.count >= 25, "\(r.output.suffix(3000))")
        for s in stats { #expect(s.peak <= s.bound, "SOUNDNESS: \(s.name) measured \(s.peak) B > bound \(s.bound) B") }
    }

    @Test("usertests prints the same line for every check on our kernel as on Linux (qemu-riscv64)")
    func sameAsLinux() throws {
        let linux = try UserPrograms.runOnLinux(["usertests"])
        #expect(linux.status == 0, "usertests fails on Linux: \(linux.output.suffix(3000))")
        let ours = try QEMUBuild.boot(["--quiet", "usertests"])
        let expected = UserPrograms.checkLines(linux.output)
        let got = UserPrograms.checkLines(ours.output)
        #expect(expected.count >= 101, "Linux printed \(expected.count) check lines")
        for (i, line) in expected.enumerated() {
            let mine = i < got.count ? got[i] : "(missing)"
            #expect(mine == line, "check \(i + 1): Linux \"\(line)\", our kernel \"\(mine)\"")
            if mine != line { break }           // later lines shift; the first difference says it
        }
        #expect(got.count == expected.count, "our kernel printed \(got.count) check lines, Linux \(expected.count)")
    }

    @Test("The mail benchmark runs in user mode with reservations on and off")
    func mailbench() throws {
        for options in [["--quiet"], ["--quiet", "--no-reservations"]] {
            let r = try QEMUBuild.boot(options + ["mailbench", "500"])
            #expect(r.status == 0, "\(options): \(r.output.suffix(2000))")
            #expect(r.output.contains("msg/s"), "\(options): \(r.output.suffix(2000))")
        }
    }

    @Test("A user-mode fault kills only the faulting process, with the signal Linux sends")
    func faults() throws {
        // init reports a program killed by a signal as 128 + signal; usertests checks the
        // wait status of children that fault (SIGSEGV) itself
        let r = try QEMUBuild.boot(["--quiet", "usertests", "--child-segv"])
        #expect(r.status == 128 + 11, "\(r.output.suffix(2000))")
    }
}
