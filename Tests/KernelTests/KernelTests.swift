// The kernel as a hosted process: built with the reservation table maxlive generates
// (its build plugin), then run as a subprocess. The kernel checks its own contract in
// test builds: an allocation never fails and no system call's measured peak exceeds its
// reservation; a breach stops the run with a non-zero status.

import Foundation
import SILParser
import Testing
import TestSupport

enum KernelBuild {
    static let root = PackageRoot.path

    static func run(_ executable: String, _ arguments: [String], in dir: String? = nil) -> (status: Int32, output: String) {
        do { return try SILTestSupport.run(executable, arguments, in: dir) } catch { return (-1, "\(error)") }
    }

    /// Builds the release kernel once (the plugin analyses KernelCore and generates the table).
    static let binary: Result<String, KernelBuildError> = {
        let build = run("/usr/bin/env", ["swift", "build", "-c", "release", "--product", "Kernel"], in: root + "/kernel")
        guard build.status == 0 else { return .failure(KernelBuildError(output: build.output)) }
        let path = run("/usr/bin/env", ["swift", "build", "-c", "release", "--show-bin-path"], in: root + "/kernel")
        return .success(path.output.trimmingCharacters(in: .whitespacesAndNewlines) + "/Kernel")
    }()
}

struct KernelBuildError: Error, CustomStringConvertible {
    var output: String
    var description: String { "kernel build failed:\n\(output.suffix(4000))" }
}

/// Per-syscall figures from `--stats`: name, calls, worst measured peak, bound.
func syscallStats(_ output: String) -> [(name: String, calls: Int, peak: Int, bound: Int)] {
    output.split(separator: "\n").compactMap { line in
        let cols = line.split(separator: " ", omittingEmptySubsequences: true)
        guard cols.count == 4, cols[0].hasPrefix("sys_"), let c = Int(cols[1]), let p = Int(cols[2]), let b = Int(cols[3]) else { return nil }
        return (String(cols[0]), c, p, b)
    }
}

@Suite("Kernel (hosted)", .serialized)
struct KernelTests {
    @Test("Every system call and its error paths; measured peaks within the generated bounds")
    func smoke() throws {
        let kernel = try KernelBuild.binary.get()
        let r = KernelBuild.run(kernel, ["--stats", "--check-leaks", "--run", "smoke"])
        #expect(r.status == 0, "\(r.output.suffix(3000))")
        let summary = r.output.split(separator: "\n").first { $0.hasPrefix("smoke:") && $0.contains("checks passed") }
        let s = try #require(summary, "\(r.output.suffix(2000))")
        let numbers = s.split(separator: " ").compactMap { Int($0) }
        #expect(numbers.count >= 2 && numbers[0] == numbers[1], "\(s)")
        #expect(r.output.contains("contract breaches 0"))
        #expect(r.output.contains("allocation failures 0"))
        #expect(r.output.contains("(no leak)"))
        let stats = syscallStats(r.output)
        #expect(stats.count >= 30, "\(r.output.suffix(3000))")
        for s in stats { #expect(s.peak <= s.bound, "SOUNDNESS: \(s.name) measured \(s.peak) B > bound \(s.bound) B") }
    }

    @Test("Heap exhaustion: a tiny heap, hogs filling it; the killer recovers with no failure or breach")
    func torture() throws {
        let kernel = try KernelBuild.binary.get()
        let r = KernelBuild.run(kernel, ["--heap", "64K", "--check-leaks", "--run", "torture", "12"])
        #expect(r.status == 0, "\(r.output.suffix(3000))")
        #expect(r.output.contains("torture: the system recovered"))
        #expect(r.output.contains("well-behaved child finished cleanly"))
        #expect(r.output.contains("allocation failures 0; contract breaches 0"))
    }

    @Test("The kernel's Embedded SIL parses completely at -Onone, -O and -Osize", arguments: ["-Onone", "-O", "-Osize"])
    func kernelSIL(optimization: String) throws {
        let sil = NSTemporaryDirectory() + "kernelcore-\(optimization)-\(UUID().uuidString.prefix(6)).sil"
        defer { try? FileManager.default.removeItem(atPath: sil) }
        let r = KernelBuild.run("/bin/sh", [KernelBuild.root + "/kernel/sil.sh", optimization, "-o", sil])
        #expect(r.status == 0, "\(r.output)")
        let module = try SILParser.parse(path: sil)
        let counts = SILTestSupport.textualCounts(try String(contentsOfFile: sil, encoding: .utf8))
        #expect(module.functions.count == counts.functions)
        #expect(module.functions.reduce(0) { $0 + $1.blocks.count } == counts.blocks)
        #expect(module.functions.reduce(0) { $0 + $1.instructions.count } == counts.instructions)
        #expect(module.functions.filter { $0.attributes.semantics.contains("maxlive.entry") && $0.demangledName?.hasPrefix("sys_") == true }.count >= 84)
    }

    @Test("The command plugin prints the report: swift package -c release maxlive --target KernelCore --embedded -Osize --format json")
    func commandPlugin() throws {
        // One run at one level (the text form, the default levels and the exit status on
        // unbounded entries are covered by the adoption tests): with --format json, standard
        // output is the report alone. In the release configuration the plugin's maxlive is the
        // one the release kernel's build plugin already built; a debug one would be a second
        // build of the whole analyzer. This is also the kernel's analysis gate: every entry bounded.
        _ = try KernelBuild.binary.get()
        let (status, data, errors) = try SILTestSupport.runSeparately(
            "/usr/bin/env", ["swift", "package", "-c", "release", "maxlive", "--target", "KernelCore", "--embedded", "-Osize", "--format", "json"],
            in: KernelBuild.root + "/kernel")
        #expect(status == 0, "\(String(decoding: errors.suffix(3000), as: UTF8.self))")
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any],
                                  "standard output is not the JSON report alone: \(String(decoding: data.prefix(200), as: UTF8.self))")
        #expect(object["tool"] as? String == "maxlive")
        // every entry bounded: 90 system calls, the killer daemon and two iteration entries
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries.count >= 87, "\(entries.count) entries")
        #expect(entries.allSatisfy { $0["status"] as? String == "bounded" })
    }
}
