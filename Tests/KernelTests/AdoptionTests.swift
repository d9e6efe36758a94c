// A package written the way the README tells a new user to write one: an Embedded `Drivers`
// target, a `Core` target that imports it, and a `Firmware` executable that applies the build
// plugin and compiles the generated table in. Nothing is copied from the bundled kernel.
//
// The build must work as documented, every module the executable depends on must be
// analysed (an unbounded entry in `Drivers` fails the build at its line), calls across
// modules must be followed, and the command plugin must report both modules.

import Foundation
import Testing
import TestSupport

@Suite("A new package adopts maxlive", .serialized)
struct AdoptionTests {
    static let package: Result<String, KernelBuildError> = {
        let dir = SILTestSupport.temporaryDirectory() + "/firmware"
        do {
            try FreshPackage.write(at: dir, maxlive: PackageRoot.path)
        } catch { return .failure(KernelBuildError(output: "cannot write the package: \(error)")) }
        return .success(dir)
    }()

    static func build(_ dir: String, verbose: Bool = false) -> (status: Int32, output: String) {
        KernelBuild.run("/usr/bin/env", ["swift", "build", "--product", "Firmware"] + (verbose ? ["-v"] : []), in: dir)
    }

    @Test("swift build analyses Drivers and Core, and the firmware reads its table")
    func buildsAndRuns() throws {
        let dir = try Self.package.get()
        let b = Self.build(dir)
        #expect(b.status == 0, "\(b.output.suffix(4000))")
        let bin = KernelBuild.run("/usr/bin/env", ["swift", "build", "--show-bin-path"], in: dir).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let run = KernelBuild.run(bin + "/Firmware", [])
        #expect(run.status == 0, "\(run.output)")
        // Packet is 16 + 32 = 48 bytes, Queue 16 + 16 = 32; sys_ping keeps a Queue made in Drivers.
        #expect(run.output.contains("sys_send 48\n"), "\(run.output)")
        #expect(run.output.contains("sys_ping 32\n"), "\(run.output)")
        #expect(run.output.contains("sys_idle 0\n"), "\(run.output)")
        #expect(run.output.contains("entries 3\n"), "\(run.output)")
        #expect(run.output.contains("reserved 48 charged 48 peak 48 unused 0\n"), "\(run.output)")
    }

    @Test("The build plugin runs when an analysed source changes, and not again when nothing changed")
    func pluginIsIncremental() throws {
        let dir = try Self.package.get()
        #expect(Self.build(dir).status == 0)
        let again = Self.build(dir, verbose: true)
        #expect(again.status == 0, "\(again.output.suffix(2000))")
        #expect(!again.output.contains("maxlive-tool table"), "the table was generated again with no change")
        // Positive control: a newer source in a module the executable depends on (Drivers,
        // reached through Core) makes the plugin generate the table.
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: dir + "/Sources/Drivers/Drivers.swift")
        let changed = Self.build(dir, verbose: true)
        #expect(changed.status == 0, "\(changed.output.suffix(2000))")
        #expect(changed.output.contains("maxlive-tool table"), "a changed source did not make the plugin run")
    }

    @Test("An unbounded entry in a module the executable reaches only indirectly fails the build at its line, with the call chain")
    func unboundedDependencyFailsTheBuild() throws {
        let dir = try Self.package.get()
        _ = Self.build(dir)
        let file = try FreshPackage.add("/Sources/Drivers/Flood.swift", FreshPackage.flood, to: dir)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let b = Self.build(dir)
        #expect(b.status != 0, "the build passed with an unbounded entry in Drivers")
        #expect(b.output.contains("Sources/Drivers/Flood.swift:4:5: error: sys_flood has no heap bound: loop keeps 24 bytes live per iteration"), "\(b.output.suffix(4000))")
        #expect(b.output.contains("Sources/Drivers/Flood.swift:14:5: note: floodQueue is called here, in sys_flood"), "\(b.output.suffix(4000))")
        // The command plugin fails too (a CI step running it fails).
        let report = KernelBuild.run("/usr/bin/env", ["swift", "package", "maxlive", "--target", "Drivers"], in: dir)
        #expect(report.status != 0, "\(report.output.suffix(3000))")
        #expect(report.output.contains("UNBOUNDED"), "\(report.output.suffix(3000))")
    }

    @Test("The levels the build plugin analyses come from .maxlive.yml (default: -Onone, -O and -Osize)")
    func levelsFromConfiguration() throws {
        let dir = try Self.package.get()
        #expect(Self.build(dir).status == 0)
        #expect(try Self.generatedTable(dir).contains("largest of -Onone, -O and -Osize"))
        let config = try FreshPackage.add("/.maxlive.yml", "optimization-levels: [O, Osize]\r\n", to: dir)
        defer { try? FileManager.default.removeItem(atPath: config) }
        let b = Self.build(dir)
        #expect(b.status == 0, "\(b.output.suffix(3000))")
        let table = try Self.generatedTable(dir)
        #expect(table.contains("largest of -O and -Osize"), "\(table.prefix(300))")
        // Rewritten in place (no rename, as `>` in a shell does): noticed without a replan.
        try Self.rewriteInPlace(config, "optimization-levels: [Osize]\n")
        #expect(Self.build(dir).status == 0)
        let rewritten = try Self.generatedTable(dir)
        #expect(rewritten.contains("with .maxlive.yml, -Osize."), "\(rewritten.prefix(300))")
        // A mistake in the file fails the build at its place.
        try Self.rewriteInPlace(config, "optimization-levels: [O, Ofast]\n")
        let bad = Self.build(dir)
        #expect(bad.status != 0)
        #expect(bad.output.contains(".maxlive.yml:1:26: error: unknown optimization level 'Ofast'"), "\(bad.output.suffix(3000))")
        // Removed: the default levels again, never a missing input.
        try FileManager.default.removeItem(atPath: config)
        let removed = Self.build(dir)
        #expect(removed.status == 0, "\(removed.output.suffix(3000))")
        #expect(try Self.generatedTable(dir).contains("largest of -Onone, -O and -Osize"))
    }

    /// Overwrites a file's contents without replacing the file (its inode stays).
    static func rewriteInPlace(_ path: String, _ text: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    /// The MaxliveBounds.swift the build plugin generated.
    static func generatedTable(_ dir: String) throws -> String {
        let outputs = dir + "/.build/plugins/outputs"
        let found = FileManager.default.enumerator(atPath: outputs)?.compactMap { $0 as? String }.first { $0.hasSuffix("MaxliveBounds.swift") }
        return try String(contentsOfFile: outputs + "/" + (try #require(found, "no generated table under \(outputs)")), encoding: .utf8)
    }

    @Test("An entry in the target that compiles the table in is not analysed, and the plugin says so")
    func entryInThePluginTarget() throws {
        let dir = try Self.package.get()
        let file = try FreshPackage.add("/Sources/Firmware/Local.swift", "@_semantics(\"maxlive.entry\") func sys_local() -> Int { 0 }\n", to: dir)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let b = Self.build(dir)
        #expect(b.output.contains("Local.swift in 'Firmware' marks an entry, but the target that compiles the table in is not analysed"), "\(b.output.suffix(3000))")
    }

    @Test("swift package maxlive: an unknown target is named; an executable target reports the modules it depends on")
    func commandPluginTargets() throws {
        let dir = try Self.package.get()
        let unknown = KernelBuild.run("/usr/bin/env", ["swift", "package", "maxlive", "--target", "Nope"], in: dir)
        #expect(unknown.status != 0)
        #expect(unknown.output.contains("no Swift target named Nope in this package (its Swift targets: Core, Drivers, Firmware)"), "\(unknown.output.suffix(2000))")
        let exe = KernelBuild.run("/usr/bin/env", ["swift", "package", "maxlive", "--target", "Firmware"], in: dir)
        #expect(exe.status == 0, "\(exe.output.suffix(3000))")
        #expect(exe.output.contains("3 entries: 3 bounded, 0 unbounded."), "\(exe.output.suffix(3000))")
    }

    @Test("swift package maxlive --target Core reports Core and Drivers, as JSON alone on standard output, warnings included")
    func commandPluginFollowsTheGraph() throws {
        let dir = try Self.package.get()
        // A typo in an annotation: maxlive warns, and the warning must not reach standard output.
        let typo = try FreshPackage.add("/Sources/Core/Typo.swift", "@_semantics(\"maxlive.entyr\") public func sys_typo() -> Int { 0 }\n", to: dir)
        defer { try? FileManager.default.removeItem(atPath: typo) }
        let (status, data, errors) = try SILTestSupport.runSeparately("/usr/bin/env", ["swift", "package", "maxlive", "--target", "Core", "--format", "json"], in: dir)
        #expect(status == 0, "\(String(decoding: errors.suffix(3000), as: UTF8.self))")
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any],
                                  "standard output is not the JSON report alone: \(String(decoding: data.prefix(300), as: UTF8.self))")
        let entries = (object["entries"] as? [[String: Any]]) ?? []
        let bounds = Dictionary(uniqueKeysWithValues: entries.compactMap { e in (e["name"] as? String).map { ($0, e["bound"] as? Int ?? -1) } })
        #expect(bounds == ["sys_send": 48, "sys_ping": 32, "sys_idle": 0], "\(entries)")
        #expect(String(decoding: errors, as: UTF8.self).contains("unknown annotation 'maxlive.entyr'"), "\(String(decoding: errors.suffix(2000), as: UTF8.self))")
    }
}

/// The files of the new package.
enum FreshPackage {
    /// Writes one more file into the package (the caller removes it); returns its path.
    static func add(_ path: String, _ text: String, to dir: String) throws -> String {
        try text.write(toFile: dir + path, atomically: true, encoding: .utf8)
        return dir + path
    }

    /// Writes the package of the README's *Using the plugins in your package*: its Swift code
    /// blocks, the manifest (the block that starts with `// swift-tools-version`) and one block
    /// per source file (those that start with `// Sources/…`), with the dependency's path made
    /// this checkout's.
    static func write(at dir: String, maxlive: String) throws {
        let readme = try String(contentsOfFile: PackageRoot.path + "/README.md", encoding: .utf8)
        var files: [String: String] = [:]
        for block in try swiftBlocks(ofSection: "## Using the plugins in your package", in: readme) {
            let first = block.prefix { $0 != "\n" }
            if first.hasPrefix("// swift-tools-version") {
                let dependency = #"path: "../maxlive""#
                guard block.contains(dependency) else { throw AdoptionError("the README's manifest has no \(dependency)") }
                files["Package.swift"] = block.replacingOccurrences(of: dependency, with: "path: \"\(maxlive)\"")
            } else if first.hasPrefix("// Sources/") {
                let path = first.dropFirst(3).prefix { $0 != ":" && $0 != " " }
                files[String(path)] = block
            }
        }
        let expected: Set = ["Package.swift", "Sources/Drivers/Drivers.swift", "Sources/Core/Core.swift", "Sources/Firmware/main.swift"]
        guard Set(files.keys) == expected else {
            throw AdoptionError("the README shows \(files.keys.sorted()), expected \(expected.sorted())")
        }
        for (path, text) in files {
            let url = URL(fileURLWithPath: dir + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// The bodies of the ```swift blocks between `heading` and the next heading of its level.
    static func swiftBlocks(ofSection heading: String, in markdown: String) throws -> [String] {
        guard let start = markdown.range(of: "\n" + heading + "\n") else { throw AdoptionError("the README has no \(heading)") }
        let rest = markdown[start.upperBound...]
        let section = rest.range(of: "\n## ").map { rest[..<$0.lowerBound] } ?? rest
        var blocks: [String] = []
        var current: [Substring]? = nil
        for line in section.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```swift" { current = []; continue }
            if let body = current, line == "```" { blocks.append(body.joined(separator: "\n") + "\n"); current = nil; continue }
            current?.append(line)
        }
        return blocks
    }

    /// An entry in Drivers that calls a loop with no bound, keeping every link it makes.
    static let flood = """
        import MaxliveSupport

        @inline(never) func floodQueue(_ n: Int) {
            for _ in 0..<n {
                chain = Link(chain)
            }
        }
        final class Link { var next: Link?; init(_ n: Link?) { next = n } }
        nonisolated(unsafe) var chain: Link? = nil

        @_semantics("maxlive.entry")
        public func sys_flood(_ n: Int) -> Int {
            let burst = n &* 2
            floodQueue(burst)
            return 0
        }
        """
}

struct AdoptionError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
