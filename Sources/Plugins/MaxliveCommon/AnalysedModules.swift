// What both plugins hand to `maxlive`: the Swift modules of a program in dependency order,
// the C headers they import, and the options file. Shared by the build tool plugin and the
// command plugin (each plugin folder links this folder as MaxliveCommon).

import Foundation
import PackagePlugin

/// The Swift modules one maxlive run compiles and analyses, and how.
struct AnalysedModules {
    /// Every Swift source module reached, dependencies before the modules that import them.
    var modules: [SwiftSourceModuleTarget] = []
    /// Public header folders of the C targets reached (`-I` for the Swift compiles).
    var headerFolders: [URL] = []
    /// C sources and headers reached: the build command's inputs besides the Swift sources.
    var cInputs: [URL] = []

    /// The modules `root` depends on, directly or not, through targets and products of any
    /// package; `root` itself last when `includingRoot`.
    init(dependenciesOf root: SourceModuleTarget, includingRoot: Bool) {
        var seen = Set<String>()
        for dependency in root.dependencies { visit(dependency, &seen) }
        if includingRoot, let swift = root as? SwiftSourceModuleTarget { visit(target: swift, &seen) }
    }

    private mutating func visit(_ dependency: TargetDependency, _ seen: inout Set<String>) {
        switch dependency {
        case .target(let t): visit(target: t, &seen)
        case .product(let p): for t in p.targets { visit(target: t, &seen) }
        @unknown default: break
        }
    }

    private mutating func visit(target: Target, _ seen: inout Set<String>) {
        guard seen.insert(target.id).inserted else { return }
        for d in target.dependencies { visit(d, &seen) }
        if let swift = target as? SwiftSourceModuleTarget {
            if !swift.sourceFiles(withSuffix: "swift").map({ $0 }).isEmpty { modules.append(swift) }
        } else if let c = target as? ClangSourceModuleTarget {
            if let headers = c.publicHeadersDirectoryURL { headerFolders.append(headers) }
            // Only C sources and headers: a target rooted at the package folder would otherwise
            // list files the build itself writes (Package.resolved), making every build re-run.
            cInputs += c.sourceFiles.map(\.url).filter { ["h", "c", "S", "s"].contains($0.pathExtension) }
        }
    }

    /// The support module the program uses, which decides how it is compiled: MaxliveSupport
    /// means Embedded Swift, MaxliveSupportHosted (or none) ordinary Swift.
    var supportModule: String? {
        modules.map(\.name).first { $0 == "MaxliveSupport" || $0 == "MaxliveSupportHosted" }
    }
    var isEmbedded: Bool { supportModule == "MaxliveSupport" }

    /// The Swift sources of every module (the build command's inputs).
    var swiftSources: [URL] { modules.flatMap { $0.sourceFiles(withSuffix: "swift").map(\.url) } }

    /// maxlive finds the configuration file itself, from `folder` up to the package root, each
    /// time it runs. The build inputs that make it run again: every folder on the way up, whose
    /// modification time changes when a file is created, removed or saved by renaming in it
    /// (SwiftPM plans a build once, so a file created later must be noticed this way), and
    /// `witness`, a hard link to the file found (an empty file without one), which maxlive
    /// links again each time it runs: an in-place rewrite changes it, and a removed
    /// configuration file is never a missing input.
    static func configuration(from folder: URL, packageRoot: URL, witness: URL? = nil) -> (arguments: [String], inputs: [URL]) {
        let root = packageRoot.standardizedFileURL
        var arguments = ["--config-from", folder.path, "--config-root", root.path]
        var inputs: [URL] = []
        if let witness {
            let files = FileManager.default
            try? files.removeItem(at: witness)
            let found = configurationFile(from: folder, packageRoot: packageRoot)
            if found.map({ (try? files.linkItem(at: $0, to: witness)) == nil }) ?? true {
                _ = files.createFile(atPath: witness.path, contents: Data())
            }
            inputs.append(witness)
            arguments += ["--config-witness", witness.path]
        }
        var dir = folder.standardizedFileURL
        while dir.path.hasPrefix(root.path) {
            inputs.append(dir)
            if dir.path == root.path || dir.path == "/" { break }
            dir = dir.deletingLastPathComponent()
        }
        return (arguments, inputs)
    }

    /// `maxlive` arguments naming the modules: the last is the main module, the others
    /// dependencies compiled before it; then the C header folders.
    var arguments: [String] {
        guard let main = modules.last else { return [] }
        var args: [String] = []
        for m in modules.dropLast() {
            for file in m.sourceFiles(withSuffix: "swift") { args += ["--dependency", "\(m.name)=\(file.url.path)"] }
        }
        args += ["--module", main.name]
        if isEmbedded { args.append("--embedded") }
        for folder in headerFolders { args += ["--Xswiftc", "-I", "--Xswiftc", folder.path] }
        return args
    }

    /// The main module's sources (the positional arguments, after every option).
    var mainSources: [String] { modules.last.map { $0.sourceFiles(withSuffix: "swift").map(\.url.path) } ?? [] }
}

/// The configuration file of a run: the nearest `.maxlive.yml` from `folder` up to the package
/// root, the way `.swift-format` is found. Both plugins read the same one, and so does the
/// command line (from the sources' folder up).
func configurationFile(from folder: URL, packageRoot: URL) -> URL? {
    let root = packageRoot.standardizedFileURL.path
    var dir = folder.standardizedFileURL
    while true {
        let candidate = dir.appendingPathComponent(".maxlive.yml")
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        if dir.path == root || !dir.path.hasPrefix(root) || dir.path == "/" { return nil }
        dir = dir.deletingLastPathComponent()
    }
}
