// Third-party programs on the riscv64 kernel: Lua, the MirBSD Korn shell, busybox and bzip2,
// built from Debian's source packages by kernel/user/ports/build.sh into unmodified static
// glibc executables and run from an initramfs. Each command line of commands.txt also runs on
// Linux under qemu-riscv64 (kernel/user/ports/run-linux.sh, with proot giving the archive's
// tree as the root, so a shell's pipeline runs the same riscv64 programs there too); output
// and exit status must be the same on both.

import Foundation
import Testing

enum Ports {
    static let dir = QEMUBuild.kernelDir + "/.build-riscv64/ports"

    /// Fetches the sources, builds the programs and packs the archive once; the command lines.
    static let built = QEMUBuild.buildListed(script: "user/ports/build.sh", into: dir, listFile: "commands.txt")

    /// The command on Linux.
    static func runOnLinux(_ command: [String]) -> (status: Int32, output: String) {
        QEMUBuild.runOnLinux(["bash", QEMUBuild.kernelDir + "/user/ports/run-linux.sh"] + command,
                             environment: ["PORTS_DIR": dir, "QEMU_TIMEOUT": "120"])
    }

    /// The command on the kernel, with 256 MiB of frames: Lua's tests hold about 60 MiB at once
    /// (the default 64 MiB would end them with SIGSEGV, as a small machine's OOM would).
    static func runOnKernel(_ command: [String]) throws -> (status: Int32, output: String) {
        _ = try QEMUBuild.built.get()
        return QEMUBuild.run(["bash", QEMUBuild.kernelDir + "/qemu.sh", "--quiet", "--mem", "256M",
                              "--initrd", dir + "/initramfs.cpio"] + command,
                             environment: ["QEMU_MEM": "512M"])
    }
}

@Suite("Third-party programs on QEMU riscv64", .serialized)
struct PortsTests {
    @Test("Lua, mksh, busybox and bzip2 from the initramfs print what they print on Linux and exit with the same status")
    func sameAsLinux() throws {
        let commands = try Ports.built.get()
        #expect(commands.count >= 9, "\(commands)")
        var statuses: Set<Int32> = []
        for line in commands {
            let command = line.split(separator: " ").map(String.init)
            let linux = Ports.runOnLinux(command)
            let ours = try Ports.runOnKernel(command)
            let expected = linux.output.trimmingCharacters(in: .newlines)
            let got = GlibcPrograms.programOutput(ours.output).trimmingCharacters(in: .newlines)
            #expect(got == expected, "\(line): Linux printed\n\(expected)\n--- our kernel printed\n\(got)")
            #expect(ours.status == linux.status, "\(line): Linux exited \(linux.status), our kernel \(ours.status)")
            #expect(!got.contains("is not implemented (ENOSYS)"), "\(line) met a missing system call")
            statuses.insert(linux.status)
        }
        // the commands end in different ways (0, 1, 3 and 4 among them): a status is compared,
        // not assumed
        #expect(statuses.count >= 4, "\(statuses)")
    }
}
