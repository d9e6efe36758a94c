// maxlive-fuzz: random Embedded Swift programs (kernel and firmware shapes) whose measured
// per-entry peaks are checked against maxlive's bounds; violations are saved and reduced.

import ArgumentParser
import Foundation

@main
struct FuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maxlive-fuzz",
        abstract: "Check maxlive's bounds against measured peaks on random Embedded Swift programs.",
        discussion: "Exit status: 0 no violation, 1 some bounded entry's measured peak exceeds its bound.")

    @Option(help: "Seed of the batch (program i uses a seed derived from it and i).")
    var seed: UInt64 = 1

    @Option(help: "Number of programs.")
    var count: Int = 10

    @Option(help: "Folder for violating programs, their reductions and compile failures.")
    var save: String = "/tmp/maxlive-fuzz-failures"

    @Option(help: "The maxlive binary (default: .build/release/maxlive, then .build/debug/maxlive).")
    var maxlive: String?

    @Option(help: "The package root holding Fixtures/measure (default: found from the current folder).")
    var root: String?

    @Flag(help: "Keep each program's temporary folder (program, SIL, IR, outputs).")
    var keep = false

    @Flag(help: "Do not reduce violating programs.")
    var noReduce = false

    @Option(help: "Time budget of one reduction, in seconds.")
    var reduceSeconds: Double = 420

    @Option(help: "Reduce at most this many violations in the batch (the rest are only saved).")
    var maxReductions: Int = 6

    @Option(help: "Print the program of this program seed and exit (no tools run).")
    var print: UInt64?

    @Option(help: "Run only the program of this program seed (as printed per program), not a batch.")
    var programSeed: UInt64?

    mutating func run() throws {
        if let s = print {
            Swift.print(ProgramGenerator.generate(seed: s).render(), terminator: "")
            return
        }
        let rootPath = try root ?? Self.findRoot()
        let binary = try maxlive ?? Self.findMaxlive(rootPath)
        var fuzzer = Fuzzer(pipeline: Pipeline(root: rootPath, maxlive: binary), saveDir: save, keep: keep,
                            reduce: !noReduce, reduceSeconds: reduceSeconds, maxReductions: maxReductions)
        let seeds = programSeed.map { [$0] } ?? (0..<count).map { SplitMix64.programSeed(seed, $0) }
        let summary = fuzzer.run(programSeeds: seeds) { line in
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
        Swift.print(summary.line)
        if summary.violations > 0 { throw ExitCode(1) }
    }

    static func findRoot() throws -> String {
        var candidates = [FileManager.default.currentDirectoryPath]
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(exe.deletingLastPathComponent().path)
        for start in candidates {
            var url = URL(fileURLWithPath: start)
            while url.path != "/" {
                if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("Fixtures/measure").path) {
                    return url.path
                }
                url.deleteLastPathComponent()
            }
        }
        throw ValidationError("Fixtures/measure not found above the current folder; pass --root")
    }

    static func findMaxlive(_ root: String) throws -> String {
        for p in [root + "/.build/release/maxlive", root + "/.build/debug/maxlive"]
        where FileManager.default.isExecutableFile(atPath: p) {
            return p
        }
        throw ValidationError("no maxlive binary under \(root)/.build; build it or pass --maxlive")
    }
}
