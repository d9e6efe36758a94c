// Build tool plugin: apply it to the target that compiles the reservation table in (a
// kernel's or firmware's executable). It analyses every Swift module that target depends on,
// directly or not (its own package's targets and other packages' products alike), and
// generates MaxliveBounds.swift into the build, so `swift build` always compiles a fresh table.
//
// - The modules are compiled in dependency order, each importing the ones before it; every
//   module's entries go into one table, and calls across modules are followed.
// - The program's support library decides the mode: a dependency on MaxliveSupport means
//   Embedded Swift, on MaxliveSupportHosted ordinary Swift. The generated file imports it.
// - The command's inputs are the analysed sources (Swift and C) and the configuration file
//   (through a hard link maxlive keeps, see AnalysedModules.configuration), so SwiftPM re-runs
//   it only when they change.
// - An unbounded path fails the build: `maxlive table` prints `file:line:col: error:`
//   diagnostics at the source line and exits non-zero.
// - maxlive's configuration is the nearest `.maxlive.yml`, from the target's folder up to the
//   package root (its `optimization-levels` replace the default -Onone, -O and -Osize).
// - The table holds for debug and release builds alike: the sources are analysed at
//   -Onone, -O and -Osize and each entry keeps its largest bound.

import Foundation
import PackagePlugin

@main
struct MaxliveTablePlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let program = AnalysedModules(dependenciesOf: target, includingRoot: false)
        guard let support = program.supportModule else {
            Diagnostics.error("maxlive: target '\(target.name)' must depend on the MaxliveSupport product (or MaxliveSupportHosted), whose types the generated table uses")
            return []
        }
        guard program.modules.contains(where: { $0.name != support }) else {
            Diagnostics.error("maxlive: target '\(target.name)' depends on no Swift target to analyse: put the maxlive.entry handlers in a library target it depends on (the target that compiles the table in is not analysed)")
            return []
        }
        // The table is compiled into this target, so its own code is not analysed: an entry
        // here would get no bound.
        for file in target.sourceFiles(withSuffix: "swift") {
            if let text = try? String(contentsOf: file.url, encoding: .utf8), text.contains("\"maxlive.entry\"") || text.contains("\"maxlive.daemon\"") {
                Diagnostics.warning("maxlive: \(file.url.lastPathComponent) in '\(target.name)' marks an entry, but the target that compiles the table in is not analysed: move the handler to a library target it depends on", file: file.url.path)
            }
        }
        let tool = try context.tool(named: "maxlive")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("MaxliveBounds.swift")
        var arguments = ["table", "--all-optimization-levels", "--import", support,
                         "--output", output.path, "--root", context.package.directoryURL.path]
        arguments += program.arguments
        var inputs = program.swiftSources + program.cInputs
        let configuration = AnalysedModules.configuration(from: target.directoryURL, packageRoot: context.package.directoryURL,
                                                          witness: context.pluginWorkDirectoryURL.appendingPathComponent("configuration-witness"))
        arguments += configuration.arguments
        inputs += configuration.inputs
        arguments += program.mainSources
        return [.buildCommand(
            displayName: "maxlive: bounding the heap of \(program.modules.map(\.name).joined(separator: ", "))",
            executable: tool.url,
            arguments: arguments,
            inputFiles: inputs,
            outputFiles: [output])]
    }
}
