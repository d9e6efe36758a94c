// `.maxlive.yml`: the analysis options a project keeps next to its sources, found the way
// `.swift-format` and `.swiftlint.yml` are: the nearest one from the analysed sources' folder
// up. The command line and both plugins read the same file; an option given on the command
// line wins over the file's value, and lists (entries, trusted symbols, C sources, flags) add up.
//
//     embedded: true
//     remarks: true                            # every assumption as a `remark:` line
//     target: riscv64-none-none-eabi
//     optimization-levels: [Onone, O, Osize]   # each entry keeps its largest bound
//     entries: [handleTimer]                   # besides the maxlive.entry functions
//     trusted: [plat_console_write]            # body-less functions trusted to allocate nothing
//     granularity: 16                          # the kernel allocator's rounding
//     overhead: 0                              # and its per-allocation header
//     pointer-width: 64
//     abi-header: include/abi.h                # paths are relative to this file
//     c-sources: [lib/ring.c]
//     c-flags: [-Iinclude]
//     c-allocators: ["kmalloc:0"]
//     c-deallocators: ["kfree:0"]
//     swiftc-flags: [-DKERNEL_TEST, -I, include]

import Foundation
import Yams

public struct Configuration: Sendable {
    public static let fileName = ".maxlive.yml"

    public var path: String
    public var embedded: Bool?
    public var remarks: Bool?
    public var target: String?
    public var optimizationLevels: [String]?
    public var entries: [String] = []
    public var trusted: [String] = []
    public var granularity: Int?
    public var overhead: Int?
    public var pointerWidth: Int?
    public var abiHeader: String?
    public var cSources: [String] = []
    public var cFlags: [String] = []
    public var cAllocators: [String] = []
    public var cDeallocators: [String] = []
    public var swiftcFlags: [String] = []

    /// Every key, for the message about an unknown one.
    static let keys = ["embedded", "remarks", "target", "optimization-levels", "entries", "trusted", "granularity", "overhead",
                       "pointer-width", "abi-header", "c-sources", "c-flags", "c-allocators", "c-deallocators", "swiftc-flags"]

    /// The nearest `.maxlive.yml` in `directory` or a folder above it, not above `root`.
    public static func find(from directory: String, upTo root: String? = nil) -> String? {
        var dir = URL(fileURLWithPath: directory).standardizedFileURL
        let stop = root.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        while true {
            let candidate = dir.appendingPathComponent(fileName).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path || dir.path == stop { return nil }
            dir = parent
        }
    }

    /// Makes `witness` a hard link to the configuration file `path` (an empty file when there is
    /// none). A build system that lists the witness as an input sees an in-place rewrite of the
    /// file (the link shares its contents) and never a missing input when the file is removed.
    /// Where no hard link can be made (another file system), a copy is the best that can be done.
    public static func witness(_ path: String?, at witness: String) {
        let files = FileManager.default
        // Already right (the usual case): leave it, so that the build sees no change.
        let current = try? files.attributesOfItem(atPath: witness)
        if let path, let current, let file = try? files.attributesOfItem(atPath: path),
           current[.systemFileNumber] as? UInt64 == file[.systemFileNumber] as? UInt64 { return }
        if path == nil, let current, current[.size] as? UInt64 == 0, current[.referenceCount] as? UInt64 == 1 { return }
        try? files.removeItem(atPath: witness)
        if let path, (try? files.linkItem(atPath: path, toPath: witness)) != nil { return }
        if let path, (try? files.copyItem(atPath: path, toPath: witness)) != nil { return }
        _ = files.createFile(atPath: witness, contents: Data())
    }

    /// Reads and checks the file: a YAML error, an unknown key or a value of the wrong kind is a
    /// `file:line:col: error:`.
    public static func load(path: String) throws -> Configuration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineError("error: cannot read the configuration file \(path)")
        }
        let text = String(decoding: data, as: UTF8.self)
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch let e as YamlError {
            throw ConfigurationReader.yamlFailure(e, path: path)
        }
        var reader = ConfigurationReader(path: path, base: (path as NSString).deletingLastPathComponent)
        return try reader.read(root)
    }
}

/// Turns the YAML tree into a configuration, with a location for every complaint.
struct ConfigurationReader {
    let path: String
    /// The file's folder: relative paths in it are relative to the file.
    let base: String

    func failure(_ node: Node?, _ message: String) -> PipelineError {
        let mark = node?.mark
        return PipelineError("\(path):\(mark?.line ?? 1):\(mark?.column ?? 1): error: \(message)")
    }

    static func yamlFailure(_ error: YamlError, path: String) -> PipelineError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return PipelineError("\(path):\(mark.line):\(mark.column): error: \(problem) (not valid YAML)")
        default:
            return PipelineError("\(path):1:1: error: \(error) (not valid YAML)")
        }
    }

    mutating func read(_ root: Node?) throws -> Configuration {
        var config = Configuration(path: path)
        guard let root else { return config }          // an empty file
        guard case .mapping(let mapping) = root else { throw failure(root, "expected a mapping of options (key: value)") }
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { throw failure(keyNode, "expected an option name") }
            switch key {
            case "embedded": config.embedded = try bool(value, key)
            case "remarks": config.remarks = try bool(value, key)
            case "target": config.target = try string(value, key)
            case "optimization-levels": config.optimizationLevels = try levels(value)
            case "entries": config.entries = try strings(value, key)
            case "trusted": config.trusted = try strings(value, key)
            case "granularity": config.granularity = try int(value, key, minimum: 1)
            case "overhead": config.overhead = try int(value, key, minimum: 0)
            case "pointer-width":
                let w = try int(value, key, minimum: 32)
                guard w == 32 || w == 64 else { throw failure(value, "pointer-width must be 32 or 64, not \(w)") }
                config.pointerWidth = w
            case "abi-header": config.abiHeader = relative(try string(value, key))
            case "c-sources": config.cSources = try strings(value, key).map(relative)
            case "c-flags": config.cFlags = relativeIncludes(try strings(value, key))
            case "c-allocators": config.cAllocators = try functionArguments(value, key)
            case "c-deallocators": config.cDeallocators = try functionArguments(value, key)
            case "swiftc-flags": config.swiftcFlags = relativeIncludes(try strings(value, key))
            default:
                throw failure(keyNode, "unknown option '\(key)' (known: \(Configuration.keys.joined(separator: ", ")))")
            }
        }
        return config
    }

    private func string(_ node: Node, _ key: String) throws -> String {
        guard case .scalar(let s) = node, !s.string.isEmpty else { throw failure(node, "\(key) must be a string") }
        return s.string
    }

    private func bool(_ node: Node, _ key: String) throws -> Bool {
        guard let b = node.bool else { throw failure(node, "\(key) must be true or false") }
        return b
    }

    private func int(_ node: Node, _ key: String, minimum: Int) throws -> Int {
        guard let i = node.int else { throw failure(node, "\(key) must be an integer") }
        guard i >= minimum else { throw failure(node, "\(key) must be at least \(minimum), not \(i)") }
        return i
    }

    /// A list, or one value standing for a list of one.
    private func strings(_ node: Node, _ key: String) throws -> [String] {
        if case .sequence(let items) = node { return try items.map { try string($0, "each item of \(key)") } }
        return [try string(node, key)]
    }

    private func levels(_ node: Node) throws -> [String] {
        let items: [Node]
        if case .sequence(let s) = node { items = Array(s) } else { items = [node] }
        guard !items.isEmpty else { throw failure(node, "optimization-levels must list at least one of Onone, O, Osize") }
        return try items.map { item in
            let raw = try string(item, "each item of optimization-levels")
            guard let level = OptionSyntax.levels(raw)?.first, !raw.contains(",") else {
                throw failure(item, "unknown optimization level '\(raw)' (expected Onone, O or Osize)")
            }
            return level
        }
    }

    private func functionArguments(_ node: Node, _ key: String) throws -> [String] {
        let items: [Node]
        if case .sequence(let s) = node { items = Array(s) } else { items = [node] }
        return try items.map { item in
            let spec = try string(item, "each item of \(key)")
            guard OptionSyntax.functionArgument(spec) != nil else { throw failure(item, "expected NAME:ARGUMENT (e.g. kmalloc:0), got '\(spec)'") }
            return spec
        }
    }

    private func relative(_ path: String) -> String { RelativePaths.resolve(path, base: base) }

    /// `-Iinclude` and `-I include` name folders relative to the file.
    private func relativeIncludes(_ flags: [String]) -> [String] {
        var out: [String] = []
        for flag in flags { out.append(RelativePaths.flag(flag, after: out.last, base: base)) }
        return out
    }
}

/// Paths in a configuration or options file are relative to the file's folder.
public enum RelativePaths {
    public static func resolve(_ path: String, base: String) -> String {
        path.hasPrefix("/") || base.isEmpty ? path : base + "/" + path
    }

    /// A compiler flag whose folder is relative to the file: the word after `-I`, or `-Ifolder`.
    public static func flag(_ flag: String, after previous: String?, base: String) -> String {
        if previous == "-I" { return resolve(flag, base: base) }
        if flag.hasPrefix("-I"), flag.count > 2 { return "-I" + resolve(String(flag.dropFirst(2)), base: base) }
        return flag
    }
}
