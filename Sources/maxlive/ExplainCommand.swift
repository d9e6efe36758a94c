import ArgumentParser
import Analysis
import Foundation
import Pipeline
import Reports

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what one entry's bound is made of: the allocations live at its worst moment, then its worst-case path.")

    @Argument(help: "The entry's name as in the report (e.g. sys_openat).")
    var name: String

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("Also draw the path as an icicle chart (SVG) into this file.", valueName: "file.svg"))
    var svg: String?

    @Option(help: "Output format: text, or json (the report document with this entry alone, with its liveAllocations).")
    var format: ExplainFormat = .text

    func run() throws {
        try handleFailures {
            let report = try runAnalysisAtLevels(try input.configured(), itemizingPeaks: true)
            let overloads = report.result.entries.filter { $0.name.hasPrefix(name + "(") || $0.name.hasPrefix(name + "[") }
            if !report.result.entries.contains(where: { $0.name == name || $0.symbol == name }), overloads.count > 1 {
                throw PipelineError("error: '\(name)' names \(overloads.count) overloaded entries; give one of: \(overloads.map(\.name).joined(separator: ", "))")
            }
            guard let entry = report.result.entries.first(where: { $0.name == name || $0.symbol == name }) ?? (overloads.count == 1 ? overloads.first : nil) else {
                let names = report.sortedEntries.map(\.name).joined(separator: ", ")
                throw PipelineError("error: no entry named '\(name)'; entries: \(names.isEmpty ? "(none)" : names)")
            }
            switch format {
            case .text:
                print(ExplainReport.render(entry, report))
            case .json:
                var document = ReportDocument(report)
                document.entries = document.entries.filter { $0.name == entry.name }
                FileHandle.standardOutput.write(Data(document.json().utf8))
            }
            if let svg { try writeOutput(IcicleChart.render(entry, report), to: svg) }
            if entry.bound == nil { throw ExitCode(2) }
        }
    }
}

enum ExplainFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
