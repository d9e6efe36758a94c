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
        if targets.isEmpty {
            Diagnostics.error("maxlive: no target to analyse (give --target NAME)")
            return
        }
        var failed = false
        var unbounded: [String] = []
        for target in targets {
            // The target and every Swift module it depends on, compiled in dependency order.
            let program = AnalysedModules(dependenciesOf: target, includingRoot: true)
            var args = ["analyze", "--root", context.package.directoryURL.path] + program.arguments
            if embedded && !program.isEmbedded { args.append("--embedded") }
            args += AnalysedModules.configuration(from: target.directoryURL, packageRoot: context.package.directoryURL).arguments
            args += passThrough
            args += program.mainSources
            // A heading only when several targets are analysed, as a remark (SwiftPM shows a
            // plugin's own output on standard output), so one target's `--format json` stays JSON.
            if targets.count > 1 { Diagnostics.remark("maxlive: \(target.name)") }
            let process = Process()
            process.executableURL = tool.url
            process.arguments = args
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus == 1 { failed = true }
            if process.terminationStatus == 2 { unbounded.append(target.name) }
        }
        if failed { throw PluginFailure("maxlive: the analysis failed") }
        // Like the command line's exit status 2: a CI step running the plugin fails.
        if !unbounded.isEmpty { throw PluginFailure("maxlive: unbounded entries in \(unbounded.joined(separator: ", "))") }
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
