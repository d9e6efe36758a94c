import ArgumentParser
import Analysis
import Foundation
import Pipeline
import Reports

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, sarif
}

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the per-entry bounds report.",
        discussion: "Exit status: 0 all entries bounded, 2 some entry unbounded, 1 the tool failed.")

    @OptionGroup var input: InputOptions

    @Option(help: "Report format: table, json or sarif.")
    var format: ReportFormat = .table

    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
    var output: String?

    @Flag(help: "Also print 'file:line:col: error:' diagnostics for unbounded entries on standard error.")
    var diagnostics = false

    @Option(help: ArgumentHelp("Compare with an earlier JSON report and fail (status 2) on regressions.", valueName: "old.json"))
    var baseline: String?

    @Option(help: "With --baseline: the largest growth of a bound, in percent, that is not a regression.")
    var maxGrowth: Double = 0

    func run() throws {
        try handleFailures {
            let report = try runAnalysisAtLevels(try input.configured())
            let text: String
            switch format {
            case .table: text = TableReport.render(report)
            case .json: text = JSONReport.render(report)
            case .sarif: text = SARIFReport.render(report)
            }
            try writeOutput(text, to: output)
            if diagnostics { FileHandle.standardError.write(Data(Diagnostics.render(report).utf8)) }
            var failed = report.result.entries.contains { $0.bound == nil } || !report.result.abiFindings.isEmpty
            if let baseline {
                let comparison = try BaselineComparison.compare(report, baselinePath: baseline, maxGrowthPercent: maxGrowth)
                FileHandle.standardError.write(Data(comparison.text.utf8))
                failed = failed || comparison.regressed
            }
            if failed { throw ExitCode(2) }
        }
    }
}
