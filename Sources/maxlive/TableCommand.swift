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

    func run() throws {
        try handleFailures {
            let report = try runAnalysis(input)
            let unbounded = report.result.entries.filter { $0.bound == nil }
            if !unbounded.isEmpty {
                FileHandle.standardError.write(Data(Diagnostics.render(report).utf8))
                FileHandle.standardError.write(Data("error: \(unbounded.count) unbounded entr\(unbounded.count == 1 ? "y" : "ies"); no table written\n".utf8))
                throw ExitCode(2)
            }
            let text = ReservationTableWriter.render(report, importModule: importModule)
            // Leave an unchanged file untouched so builds that depend on it do not rerun.
            if let existing = try? String(contentsOfFile: output, encoding: .utf8), existing == text { return }
            try writeOutput(text, to: output)
        }
    }
}
