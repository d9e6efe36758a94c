import ArgumentParser
import Analysis
import Foundation
import Reports

struct Table: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the reservation table (a Swift source file) the kernel compiles in.",
        discussion: "Fails (status 2, no file written) when any entry is unbounded: an unbounded path must not build.")

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: "The Swift file to write.")
    var output: String

    @Option(name: .customLong("import"), help: "Module the table's types come from (e.g. KernelCore).")
    var importModule: String?

    @Flag(help: """
        Analyse the sources at -Onone, -O and -Osize and keep each entry's largest bound, so the \
        table holds for debug and release builds alike (a build plugin cannot know which it is).
        """)
    var allOptimizationLevels = false

    func validate() throws {
        if allOptimizationLevels && input.silFile != nil {
            throw ValidationError("--all-optimization-levels compiles the sources itself; it cannot be used with --sil")
        }
    }

    func run() throws {
        try handleFailures {
            var report = try runAnalysis(input, optimization: allOptimizationLevels ? "-Onone" : nil)
            if allOptimizationLevels {
                for level in ["-O", "-Osize"] { report = merge(report, try runAnalysis(input, optimization: level)) }
            }
            let unbounded = report.result.entries.filter { $0.bound == nil }
            if !report.result.abiFindings.isEmpty {
                FileHandle.standardError.write(Data(Diagnostics.render(report).utf8))
                FileHandle.standardError.write(Data("error: the ABI header and the handlers do not match; no table written\n".utf8))
                throw ExitCode(2)
            }
            if !unbounded.isEmpty {
                FileHandle.standardError.write(Data(Diagnostics.render(report).utf8))
                FileHandle.standardError.write(Data("error: \(unbounded.count) unbounded entr\(unbounded.count == 1 ? "y" : "ies"); no table written\n".utf8))
                throw ExitCode(2)
            }
            let text = ReservationTableWriter.render(report, importModule: importModule,
                                                     note: allOptimizationLevels ? "largest of -Onone, -O and -Osize" : input.silFile == nil ? input.optimization : nil)
            // Leave an unchanged file untouched so builds that depend on it do not rerun.
            if let existing = try? String(contentsOfFile: output, encoding: .utf8), existing == text { return }
            try writeOutput(text, to: output)
        }
    }

    /// Per entry, the larger bound of two analyses (unbounded in either: unbounded).
    private func merge(_ a: ReportInput, _ b: ReportInput) -> ReportInput {
        var merged = a
        var byName: [String: Int] = [:]
        for (k, e) in merged.result.entries.enumerated() { byName[e.name] = k }
        for e in b.result.entries {
            guard let k = byName[e.name] else { merged.result.entries.append(e); continue }
            let old = merged.result.entries[k]
            switch (old.bound, e.bound) {
            case (let x?, let y?) where y > x: merged.result.entries[k] = e
            case (_?, nil): merged.result.entries[k] = e
            default: break
            }
        }
        merged.seconds += b.seconds
        return merged
    }
}
