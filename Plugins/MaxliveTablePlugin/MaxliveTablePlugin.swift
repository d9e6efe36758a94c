// Build tool plugin: apply it to the target that compiles the reservation table in
// (the kernel's executable). It analyses the Swift targets that target depends on
// (the kernel core, which holds the system calls) and generates MaxliveBounds.swift
// into the build, so `swift build` always compiles a fresh table.
//
// - The command's inputs are the analysed sources, so SwiftPM re-runs it only when
//   they change.
// - An unbounded path fails the build: `maxlive table` prints `file:line:col: error:`
//   diagnostics at the source line and exits non-zero.
// - The analysed targets are compiled as Embedded Swift; C targets they depend on are
//   put on the include path (`-I <public headers>`). Extra `maxlive` options can be
//   listed one per line in a `maxlive-options` file in the target's directory or the
//   package root.
// - The table holds for debug and release builds alike: the sources are analysed at
//   -Onone, -O and -Osize and each entry keeps its largest bound.

import Foundation
import PackagePlugin

@main
struct MaxliveTablePlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let analysed: [SwiftSourceModuleTarget] = target.dependencies.compactMap {
            if case .target(let t) = $0 { return t as? SwiftSourceModuleTarget }
            return nil
        }
        guard let core = analysed.first else {
            Diagnostics.error("maxlive: target '\(target.name)' has no Swift target dependency to analyse")
            return []
        }
        let tool = try context.tool(named: "maxlive")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("MaxliveBounds.swift")
        let sources = core.sourceFiles(withSuffix: "swift").map(\.url)
        var arguments = ["table", "--embedded", "--all-optimization-levels", "--module", core.name, "--import", core.name,
                         "--output", output.path, "--root", context.package.directoryURL.path]
        var inputs = sources
        for dependency in core.dependencies {
            guard case .target(let t) = dependency, let c = t as? ClangSourceModuleTarget else { continue }
            let headers = c.directoryURL.appendingPathComponent(c.publicHeadersDirectoryURL?.lastPathComponent ?? "include")
            arguments += ["--Xswiftc", "-I", "--Xswiftc", (c.publicHeadersDirectoryURL ?? headers).path]
            // Only C sources and headers: a target rooted at the package folder would otherwise
            // list files the build itself writes (Package.resolved), making every build re-run.
            inputs += c.sourceFiles.map(\.url).filter { ["h", "c", "S", "s"].contains($0.pathExtension) }
        }
        for optionsFile in [target.directoryURL.appendingPathComponent("maxlive-options"),
                            context.package.directoryURL.appendingPathComponent("maxlive-options")]
            where FileManager.default.fileExists(atPath: optionsFile.path) {
            arguments += ["--options-file", optionsFile.path]
            inputs.append(optionsFile)
            break
        }
        arguments += sources.map(\.path)
        return [.buildCommand(
            displayName: "maxlive: bounding the heap of \(core.name)'s system calls",
            executable: tool.url,
            arguments: arguments,
            inputFiles: inputs,
            outputFiles: [output])]
    }
}
