// Command plugin: `swift package maxlive [--target NAME] [--embedded] [maxlive analyze options]`
// prints the bounds report for a target (by default every Swift target whose sources
// mention a maxlive annotation), with every Swift module it depends on compiled first and
// analysed too, as the build plugin does. The mode follows the support library the target
// uses (MaxliveSupport: Embedded Swift); `--embedded` asks for Embedded Swift regardless.
// The nearest `.maxlive.yml` from the target's folder up to the package root is read, as for
// the build plugin.

import Foundation
import PackagePlugin

@main
struct MaxliveReportPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let names = extractor.extractOption(named: "target")
        let embedded = extractor.extractFlag(named: "embedded") > 0
        let passThrough = extractor.remainingArguments
        let tool = try context.tool(named: "maxlive")
        var targets: [SwiftSourceModuleTarget] = []
        for t in context.package.targets {
            guard let s = t as? SwiftSourceModuleTarget else { continue }
            if names.isEmpty ? mentionsAnnotations(s) : names.contains(s.name) { targets.append(s) }
        }
        let unknown = names.filter { n in !targets.contains { $0.name == n } }
        if !unknown.isEmpty {
            let known = context.package.targets.compactMap { $0 as? SwiftSourceModuleTarget }.map(\.name).sorted()
            throw PluginFailure("maxlive: no Swift target named \(unknown.joined(separator: ", ")) in this package (its Swift targets: \(known.joined(separator: ", ")))")
        }
        if targets.isEmpty { throw PluginFailure("maxlive: no target mentions a maxlive annotation; give --target NAME") }
        var failed = false
        var unbounded: [String] = []
        for target in targets {
            // The target and every Swift module it depends on, compiled in dependency order. An
            // executable is where the build plugin compiles the table in: its dependencies are
            // the program, as for the build plugin.
            let program = AnalysedModules(dependenciesOf: target, includingRoot: target.kind != .executable)
            guard !program.modules.isEmpty else { throw PluginFailure("maxlive: target '\(target.name)' has no Swift module to analyse") }
            var args = ["analyze", "--all-optimization-levels", "--root", context.package.directoryURL.path] + program.arguments
            if embedded && !program.isEmbedded { args.append("--embedded") }
            args += AnalysedModules.configuration(from: target.directoryURL, packageRoot: context.package.directoryURL).arguments
            args += passThrough
            args += program.mainSources
            // A heading only when several targets are analysed, as a remark (SwiftPM shows a
            // plugin's own output on standard output), so one target's `--format json` stays JSON.
            if targets.count > 1 { Diagnostics.remark("maxlive: \(target.name)") }
            let status = try run(tool.url, args)
            if status == 1 { failed = true }
            if status == 2 { unbounded.append(target.name) }
        }
        if failed { throw PluginFailure("maxlive: the analysis failed") }
        // Like the command line's exit status 2: a CI step running the plugin fails.
        if !unbounded.isEmpty { throw PluginFailure("maxlive: unbounded entries in \(unbounded.joined(separator: ", "))") }
    }

    /// Runs maxlive with its report on standard output. What it writes to standard error
    /// (warnings, errors and notes at source lines, the compiler's messages) becomes SwiftPM
    /// diagnostics: a plugin's own standard error is shown on standard output, which must stay
    /// the report alone (`--format json`).
    private func run(_ tool: URL, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        for line in text.split(separator: "\n") { diagnose(String(line)) }
        return process.terminationStatus
    }

    /// `file:line:col: warning: message` → a located SwiftPM warning; likewise errors; the rest as remarks.
    private func diagnose(_ line: String) {
        for (marker, kind) in [(": error: ", 0), (": warning: ", 1), (": note: ", 2), (": remark: ", 2)] {
            guard let r = line.range(of: marker) else { continue }
            let place = line[..<r.lowerBound].split(separator: ":")
            let message = String(line[r.upperBound...])
            let file = place.count >= 2 ? String(place[0]) : nil
            let number = place.count >= 2 ? Int(place[1]) : nil
            switch kind {
            case 0: Diagnostics.error(message, file: file, line: number)
            case 1: Diagnostics.warning(message, file: file, line: number)
            default: Diagnostics.remark(line)
            }
            return
        }
        if line.hasPrefix("error: ") { Diagnostics.error(String(line.dropFirst(7))) }
        // A usage mistake, as swift-argument-parser words it ("Error: Unknown option '-x'").
        else if line.hasPrefix("Error: ") { Diagnostics.error("maxlive: " + line.dropFirst(7)) }
        else if line.hasPrefix("warning: ") { Diagnostics.warning(String(line.dropFirst(9))) }
        else { Diagnostics.remark(line) }
    }

    struct PluginFailure: Error, CustomStringConvertible {
        var description: String
        init(_ message: String) { description = message }
    }

    private func mentionsAnnotations(_ target: SwiftSourceModuleTarget) -> Bool {
        target.sourceFiles(withSuffix: "swift").contains { file in
            (try? String(contentsOf: file.url, encoding: .utf8))?.contains("maxlive.") ?? false
        }
    }
}
