// Unmodified Linux programs on the riscv64 kernel: the C programs of kernel/user/glibc, built
// by Debian's riscv64-linux-gnu-gcc -static against glibc with no special flags, packed into
// a newc cpio archive, unpacked by the kernel at boot (qemu.sh --initrd, QEMU's -initrd) and
// run by init. Each also runs on Linux under qemu-riscv64 (kernel/user/glibc/run-linux.sh,
// set up as init sets it up); output and exit status must be the same on both.

import Foundation
import Testing

enum GlibcPrograms {
    static let dir = QEMUBuild.kernelDir + "/.build-riscv64/glibc"

    /// Builds the programs and their archive once (build.sh also lists which are expected to
    /// match Linux today: programs.txt).
    static let built = QEMUBuild.buildListed(script: "user/glibc/build.sh", into: dir, listFile: "programs.txt")

    /// `program` on Linux under qemu-riscv64 (run-linux.sh starts it with no signal blocked and
    /// no inherited descriptor, as init would).
    static func runOnLinux(_ program: String) -> (status: Int32, output: String) {
        QEMUBuild.runOnLinux(["bash", QEMUBuild.kernelDir + "/user/glibc/run-linux.sh", program],
                             environment: ["GLIBC_BIN": dir, "QEMU_TIMEOUT": "60"])
    }

    /// The program's own output from a QEMU boot: OpenSBI's banner (everything up to the
    /// blank line after its last "Boot HART" line) and the kernel's shutdown summary go.
    static func programOutput(_ boot: String) -> String {
        var lines = boot.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let last = lines.lastIndex(where: { $0.hasPrefix("Boot HART ") }) {
            lines.removeFirst(last + 1)
            if lines.first == "" { lines.removeFirst() }
        }
        return lines.filter { !$0.hasPrefix("kernel: init exited with status") && !$0.hasPrefix("kernel: reservation waits") }
            .joined(separator: "\n")
    }
}

@Suite("Unmodified glibc programs on QEMU riscv64", .serialized)
struct GlibcProgramsTests {
    @Test("Each static glibc program from the initramfs prints what it prints on Linux and exits with the same status")
    func sameAsLinux() throws {
        let programs = try GlibcPrograms.built.get()
        #expect(programs.count >= 22, "\(programs)")
        let archive = GlibcPrograms.dir + "/initramfs.cpio"
        for program in programs {
            let linux = GlibcPrograms.runOnLinux(program)
            let ours = try QEMUBuild.boot(["--quiet", "--initrd", archive, program])
            let expected = linux.output.trimmingCharacters(in: .newlines)
            let got = GlibcPrograms.programOutput(ours.output).trimmingCharacters(in: .newlines)
            #expect(got == expected, "\(program): Linux printed\n\(expected)\n--- our kernel printed\n\(got)")
            #expect(ours.status == linux.status, "\(program): Linux exited \(linux.status), our kernel \(ours.status)")
            #expect(!got.contains("is not implemented (ENOSYS)"), "\(program) met a missing system call")
        }
    }

    @Test("The kernel checks its boot archive: a damaged one is reported and the boot goes on")
    func damagedArchive() throws {
        _ = try GlibcPrograms.built.get()
        let good = try Data(contentsOf: URL(fileURLWithPath: GlibcPrograms.dir + "/initramfs.cpio"))
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("maxlive-initrd-\(getpid())")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        // cut in the middle of the third member's data, and a header whose magic is wrong
        var truncated = good.prefix(good.count / 3)
        let damaged = tmp.appendingPathComponent("truncated.cpio")
        try truncated.write(to: damaged)
        var r = try QEMUBuild.boot(["--initrd", damaged.path, "hello"])
        #expect(r.output.contains("initramfs: "), "\(r.output.suffix(1500))")
        #expect(r.output.contains("runs past the archive's end") || r.output.contains("malformed header"),
                "\(r.output.suffix(1500))")
        #expect(!r.output.contains("kernel panic"), "\(r.output.suffix(1500))")
        truncated = good
        truncated[0] = UInt8(ascii: "1")                    // "170701": not newc
        try truncated.write(to: damaged)
        r = try QEMUBuild.boot(["--initrd", damaged.path, "usertests", "--child-segv"])
        #expect(r.output.contains("initramfs: malformed header at byte 0"), "\(r.output.suffix(1500))")
        #expect(r.status == 128 + 11, "the built-in programs still run: \(r.output.suffix(1500))")
    }
}
