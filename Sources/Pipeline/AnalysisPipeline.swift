// The whole job, as a library: load or compile the modules (at each requested level), read
// the C sources, analyse every module, join the ABI header, and keep each entry's largest
// bound across levels. The command line, the benchmark and tests call `run`; the plugins run
// the command line.

import Analysis
import CFrontEnd
import Foundation
import Layout
import Reports
import SILModel

public enum AnalysisPipeline {
    /// The version every report carries.
    public static let version = "0.1.0"

    public struct Output {
        /// Everything the report formats render.
        public var report: ReportInput
        /// Warnings for standard error (a misspelt annotation, a module with no entries, entries
        /// of the same name in two modules), once however many levels were analysed.
        public var warnings: String
    }

    /// Runs the analysis at every level the request lists and keeps each entry's largest bound
    /// (unbounded at any level: unbounded, with the levels it is unbounded at).
    public static func run(_ request: AnalysisRequest) throws -> Output {
        let foreign = try readCSources(request)
        let (imported, headerWarnings) = try ImportedCTypes.read(request)
        let levels = request.levels
        var unboundedAt: [String: [String]] = [:]
        var combined: ReportInput? = nil
        var warnings = ""
        for (k, level) in levels.enumerated() {
            let one = try runOnce(request, level: level, foreign: foreign, imported: imported)
            if k == 0 { warnings = headerWarnings + warningText(one) }
            for e in one.result.entries where e.bound == nil { unboundedAt[e.name, default: []].append(level) }
            combined = combined.map { $0.keepingLargerBounds(one) } ?? one
        }
        var report = combined!
        if levels.count > 1 {
            report.analysedLevels = levels
            report.unboundedLevels = unboundedAt
        }
        return Output(report: report, warnings: warnings)
    }

    /// One level: each module analysed on its own, their entries in one report.
    private static func runOnce(_ request: AnalysisRequest, level: String, foreign: [ForeignFunction],
                                imported: [String: ValueLayout]) throws -> ReportInput {
        let start = Date()
        let loader = ModuleLoader(request: request)
        let loaded = try loader.load(level: level)
        try checkEntryNames(request.analysis.extraEntries, in: loaded.map(\.module))
        var options = request.analysis
        options.foreignFunctions = foreign
        options.importedTypeLayouts = imported
        var results: [AnalysisResult] = []
        for module in loaded {
            options.coroutineFrames = module.coroutineFrames
            options.compilerAllocations = module.compilerAllocations
            options.target = try loader.pointerWidth(for: module) == 32 ? .ilp32 : .lp64
            var r = Analyzer(module: module.module, options: options).run()
            if let name = module.name { r.module = name }
            results.append(r)
        }
        var r = AnalysisResult.combining(results)
        if let header = request.abiHeader {
            let numbers: [SyscallNumber]
            do { numbers = try SyscallABI.read(header: header) } catch let e as CFrontEndError { throw PipelineError(e.description) }
            SyscallJoin.join(&r, numbers: numbers, header: header)
        }
        if let main = request.mainModule { r.module = main }
        return ReportInput(result: r, version: version, inputDescription: request.inputDescription,
                           seconds: Date().timeIntervalSince(start), rootPath: request.root)
    }

    /// The functions of every C source.
    private static func readCSources(_ request: AnalysisRequest) throws -> [ForeignFunction] {
        var all: [ForeignFunction] = []
        for path in request.cSources {
            do { all += try CFunctionReader.read(path: path, arguments: request.cFlags, api: request.allocatorAPI) }
            catch let e as CFrontEndError { throw PipelineError(e.description) }
        }
        return all
    }

    /// Every extra entry must name a function with a body in one of the modules.
    private static func checkEntryNames(_ entries: [String], in modules: [Module]) throws {
        guard !entries.isEmpty else { return }
        var known = Set<String>()
        for module in modules {
            for f in module.functions where f.isDefinition { known.insert(f.name); known.insert(f.swiftName) }
        }
        for wanted in entries where !known.contains(wanted) {
            throw PipelineError("error: --entry \(wanted): no function with a body has that Swift or mangled name")
        }
    }

    private static func warningText(_ report: ReportInput) -> String {
        var text = Diagnostics.warnings(report)
        for (name, modules) in report.result.sharedEntryNames.sorted(by: { $0.key < $1.key }) {
            let qualified = modules.map { "\($0).\(name)" }.joined(separator: " and ")
            text += "warning: \(modules.joined(separator: " and ")) each define an entry named \(name); they are reported as \(qualified)\n"
        }
        return text
    }
}

extension ReportInput {
    /// Per entry, the larger bound of two analyses (unbounded in either: unbounded).
    func keepingLargerBounds(_ other: ReportInput) -> ReportInput {
        var merged = self
        var byName: [String: Int] = [:]
        for (k, e) in merged.result.entries.enumerated() { byName[e.name] = k }
        for e in other.result.entries {
            guard let k = byName[e.name] else { merged.result.entries.append(e); continue }
            switch (merged.result.entries[k].bound, e.bound) {
            case (let x?, let y?) where y > x: merged.result.entries[k] = e
            case (_?, nil): merged.result.entries[k] = e
            default: break
            }
        }
        merged.seconds += other.seconds
        return merged
    }
}
