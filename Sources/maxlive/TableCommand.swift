import ArgumentParser
import Analysis
import Foundation
import Pipeline
import Reports

struct Table: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the reservation table (a Swift source file) the kernel compiles in.",
        discussion: "Fails (status 2, no file written) when any entry is unbounded: an unbounded path must not build.")

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: "The Swift file to write.")
    var output: String

    @Option(name: .customLong("import"), help: """
        Module the table's types come from: MaxliveSupport (the default, for Embedded Swift), \
        MaxliveSupportHosted (ordinary Swift), or a module of your own that declares them.
        """)
    var importModule: String = "MaxliveSupport"

    func run() throws {
        try handleFailures {
            let options = try input.configured()
            let report = try runAnalysisAtLevels(options)
            let levels = options.analysedLevels
            if !report.result.sharedEntryNames.isEmpty {
                // A kernel looks entries up by their plain name; a qualified one would not be found.
                let list = report.result.sharedEntryNames.sorted { $0.key < $1.key }
                    .map { "\($0.key) (in \($0.value.joined(separator: " and ")))" }.joined(separator: ", ")
                throw PipelineError("error: entries with the same name in several modules: \(list); the table is looked up by name, so rename one of each")
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
            let note = input.silFile != nil ? nil
                : levels.count > 1 ? "largest of " + levels.dropLast().joined(separator: ", ") + " and " + levels.last! : levels[0]
            let text = ReservationTableWriter.render(report, importModule: importModule, note: note)
            // Leave an unchanged file untouched so builds that depend on it do not rerun.
            if let existing = try? String(contentsOfFile: output, encoding: .utf8), existing == text { return }
            try writeOutput(text, to: output)
        }
    }
}
