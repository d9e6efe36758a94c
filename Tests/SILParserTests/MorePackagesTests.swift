// The front end reads the complete SIL of more well-known packages: every library module of
// swift-collections, swift-algorithms' Algorithms (with swift-numerics' RealModule) and
// swift-nio's NIOCore (with the modules it is built from: swift-atomics' Atomics,
// NIOConcurrencyHelpers, _NIOBase64, _NIODataStructures). swift-collections is read at -O, the
// other two at -Onone (NIOCore's is the largest SIL, 37 MB): both levels' shapes are covered,
// each package built once.
//
// The sources come from the bare git mirrors in /opt/swift-packages, cloned into a temporary
// directory at a fixed tag when the test runs; nothing is fetched from the network and nothing
// of those packages is committed here. Without the mirrors the tests are disabled, with the
// reason shown, rather than passing.
//
// Each module is compiled the way `swift build` compiles it (the flags below were taken from
// `swift build -v` of each package at that tag: language mode, package name, defines,
// experimental features, the module maps SwiftPM generates for C targets), except that one
// whole-module `swiftc -emit-sil -g` call per module also writes the `.swiftmodule` the next
// modules import. Every SIL file is parsed whole and cross-checked with the text: function,
// block and instruction counts; `sil_vtable` / `sil_witness_table` / `sil_global` counts; type
// declarations, instance stored properties and enum cases printed at the top; a few type
// names each module must declare; and every `br`/`cond_br` passing as many values as its
// target block takes. Each test prints one line per module (size, counts, compile and parse
// time).
//
// Time on this 2-core machine (debug test build, nothing else running): 75-100 s for all six
// cases together, most of it swiftc; they run two at a time.

import Foundation
import SILModel
import SILParser
import Testing
import TestSupport

// MARK: - Where the sources come from

private enum Mirrors {
    static let root = "/opt/swift-packages"
    static func path(_ repo: String) -> String { "\(root)/\(repo).git" }
    static func have(_ repos: String...) -> Bool {
        repos.allSatisfy { FileManager.default.fileExists(atPath: path($0)) }
    }
}

/// A repository from the mirrors, checked out at the first of `tags` it has.
private struct Checkout {
    var repo: String
    var tags: [String]
    /// Folder name of the clone inside the work directory (the repository's name).
    var folder: String { String(repo.split(separator: "/").last!) }
}

/// A C target the Swift modules import. SwiftPM generates a module map for a target whose
/// `include/` folder has no `module.modulemap` but a header named after the target.
private struct CModule {
    var name: String
    var checkout: String
    var includeDirectory: String
    var generateModuleMap: Bool
}

/// One Swift module, compiled by one `swiftc` call in dependency order.
private struct SwiftModule {
    var name: String
    var checkout: String
    var sourceDirectory: String
    var flags: [String]
    /// False for a dependency checked elsewhere: only its `.swiftmodule` is written.
    var check: Bool = true
    /// Type declarations the SIL must print (qualified names as the parser stores them).
    var declarations: [String] = []
    /// At least this many functions (definitions and declarations) in the SIL.
    var minimumFunctions: Int = 0
    var expectWitnessTables: Bool = true
    /// Calls something it does not define (an external `sil` declaration).
    var expectExternalDeclarations: Bool = true
}

private struct PackageRecipe {
    var checkouts: [Checkout]
    var cModules: [CModule] = []
    var modules: [SwiftModule]
}

// MARK: - Recipes (flags from `swift build -v` at these tags)

private enum Recipes {
    static let collectionsFlags: [String] = {
        var f = ["-swift-version", "6", "-package-name", "swift_collections", "-DSWIFT_PACKAGE",
                 "-DCOLLECTIONS_RANDOMIZED_TESTING",
                 "-enable-upcoming-feature", "MemberImportVisibility"]
        for feature in ["BuiltinModule", "Lifetimes", "InoutLifetimeDependence", "AddressableParameters",
                        "AddressableTypes", "SuppressedAssociatedTypesWithDefaults"] {
            f += ["-enable-experimental-feature", feature]
        }
        let availability: KeyValuePairs<String, String> = [
            "SwiftStdlib 5.0": "macOS 10.14.4, iOS 12.2, watchOS 5.2, tvOS 12.2",
            "SwiftStdlib 5.1": "macOS 10.15, iOS 13.0, watchOS 6.0, tvOS 13.0",
            "SwiftStdlib 5.6": "macOS 12.3, iOS 15.4, watchOS 8.5, tvOS 15.4",
            "SwiftStdlib 5.7": "macOS 13.0, iOS 16.0, watchOS 9.0, tvOS 16.0",
            "SwiftStdlib 5.8": "macOS 13.3, iOS 16.4, watchOS 9.4, tvOS 16.4",
            "SwiftStdlib 5.9": "macOS 14.0, iOS 17.0, watchOS 10.0, tvOS 17.0",
            "SwiftStdlib 5.10": "macOS 14.4, iOS 17.4, watchOS 10.4, tvOS 17.4, visionOS 1.1",
            "SwiftStdlib 6.0": "macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0",
            "SwiftStdlib 6.1": "macOS 15.4, iOS 18.4, watchOS 11.4, tvOS 18.4, visionOS 2.4",
            "SwiftStdlib 6.2": "macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, visionOS 26.0",
            "SwiftStdlib 6.3": "macOS 26.4, iOS 26.4, watchOS 26.4, tvOS 26.4, visionOS 26.4",
            "SwiftStdlib 6.4": "macOS 9999, iOS 9999, watchOS 9999, tvOS 9999, visionOS 9999",
            "SwiftStdlib 6.5": "macOS 9999, iOS 9999, watchOS 9999, tvOS 9999, visionOS 9999",
        ]
        for (name, value) in availability { f += ["-enable-experimental-feature", "AvailabilityMacro=\(name): \(value)"] }
        return f
    }()

    static let collections = Checkout(repo: "apple/swift-collections", tags: ["1.6.0"])

    static func collectionsModule(_ name: String, _ directory: String? = nil, check: Bool = true,
                                  declarations: [String] = [], minimumFunctions: Int = 0,
                                  witnessTables: Bool = true, external: Bool = true, extra: [String] = []) -> SwiftModule {
        SwiftModule(name: name, checkout: "swift-collections", sourceDirectory: "Sources/\(directory ?? name)",
                    flags: collectionsFlags + extra, check: check, declarations: declarations,
                    minimumFunctions: minimumFunctions, expectWitnessTables: witnessTables,
                    expectExternalDeclarations: external)
    }

    /// Every library target of swift-collections 1.6.0 in dependency order, default traits.
    static let swiftCollections = PackageRecipe(checkouts: [collections], modules: [
        collectionsModule("InternalCollectionsUtilities", declarations: ["_UnsafeBitSet"], minimumFunctions: 200),
        collectionsModule("ContainersPreview", declarations: ["UniqueBox"], minimumFunctions: 40, witnessTables: false),
        collectionsModule("BasicContainers", declarations: ["RigidArray", "UniqueArray"], minimumFunctions: 300),
        collectionsModule("DequeModule", declarations: ["Deque", "_DequeBuffer", "RigidDeque"], minimumFunctions: 500),
        collectionsModule("BitCollections", declarations: ["BitArray", "BitSet"], minimumFunctions: 700),
        collectionsModule("HashTreeCollections", declarations: ["TreeSet", "TreeDictionary"], minimumFunctions: 1400),
        collectionsModule("HeapModule", declarations: ["Heap"], minimumFunctions: 150),
        collectionsModule("OrderedCollections", declarations: ["OrderedSet", "OrderedDictionary"], minimumFunctions: 1000),
        // Package.swift compiles _RopeModule in Swift 5 mode (the later flag wins).
        collectionsModule("_RopeModule", "RopeModule", declarations: ["BigString", "Rope"], minimumFunctions: 1500,
                          extra: ["-swift-version", "5"]),
        // Behind the `UnstableSortedCollections` trait, off by default: the module is empty.
        collectionsModule("SortedCollections", witnessTables: false),
        // At -O everything it calls is inlined: no external declarations.
        collectionsModule("TrailingElementsModule", declarations: ["TrailingArray"], minimumFunctions: 10,
                          witnessTables: false, external: false),
        // Only re-exports; the SIL holds a few thunks.
        collectionsModule("Collections", witnessTables: false),
    ])

    static let swiftAlgorithms = PackageRecipe(
        checkouts: [Checkout(repo: "apple/swift-algorithms", tags: ["1.2.1"]),
                    Checkout(repo: "apple/swift-numerics", tags: ["1.1.1"])],
        cModules: [CModule(name: "_NumericsShims", checkout: "swift-numerics",
                           includeDirectory: "Sources/_NumericsShims/include", generateModuleMap: false)],
        modules: [
            SwiftModule(name: "RealModule", checkout: "swift-numerics", sourceDirectory: "Sources/RealModule",
                        flags: ["-swift-version", "5", "-package-name", "swift_numerics", "-DSWIFT_PACKAGE"],
                        declarations: ["Real", "ElementaryFunctions"], minimumFunctions: 300,
                        expectWitnessTables: true),
            SwiftModule(name: "Algorithms", checkout: "swift-algorithms", sourceDirectory: "Sources/Algorithms",
                        flags: ["-swift-version", "5", "-package-name", "swift_algorithms", "-DSWIFT_PACKAGE"],
                        declarations: ["ChunkedByCollection", "Chain2Sequence", "CombinationsSequence"],
                        minimumFunctions: 1500),
        ])

    static let nioFlags = ["-swift-version", "6", "-package-name", "swift_nio", "-DSWIFT_PACKAGE",
                           "-enable-experimental-feature", "Lifetimes",
                           "-enable-upcoming-feature", "MemberImportVisibility"]

    /// NIOCore and the modules it is built from. Its swift-collections dependencies are
    /// checked by the swift-collections test; here only their interfaces are written.
    static let nioCore = PackageRecipe(
        checkouts: [Checkout(repo: "apple/swift-nio", tags: ["2.101.3", "2.101.2"]),
                    Checkout(repo: "apple/swift-atomics", tags: ["1.3.0"]),
                    collections],
        cModules: [
            CModule(name: "_AtomicsShims", checkout: "swift-atomics", includeDirectory: "Sources/_AtomicsShims/include",
                    generateModuleMap: false),
            CModule(name: "CNIOWindows", checkout: "swift-nio", includeDirectory: "Sources/CNIOWindows/include",
                    generateModuleMap: false),
        ] + ["CNIOAtomics", "CNIOLinux", "CNIODarwin", "CNIOOpenBSD", "CNIOFreeBSD", "CNIOWASI"].map {
            CModule(name: $0, checkout: "swift-nio", includeDirectory: "Sources/\($0)/include", generateModuleMap: true)
        },
        modules: [
            collectionsModule("InternalCollectionsUtilities", check: false),
            collectionsModule("ContainersPreview", check: false),
            collectionsModule("DequeModule", check: false),
            SwiftModule(name: "Atomics", checkout: "swift-atomics", sourceDirectory: "Sources/Atomics",
                        flags: ["-swift-version", "5", "-package-name", "swift_atomics", "-DSWIFT_PACKAGE",
                                "-enable-experimental-feature", "BuiltinModule"],
                        declarations: ["AtomicValue", "ManagedAtomic", "UnsafeAtomic"], minimumFunctions: 400),
            SwiftModule(name: "NIOConcurrencyHelpers", checkout: "swift-nio", sourceDirectory: "Sources/NIOConcurrencyHelpers",
                        flags: nioFlags, declarations: ["NIOLock", "NIOLockedValueBox", "NIOAtomic"], minimumFunctions: 1000),
            SwiftModule(name: "_NIOBase64", checkout: "swift-nio", sourceDirectory: "Sources/_NIOBase64",
                        flags: nioFlags, declarations: ["Base64Error"], minimumFunctions: 50),
            SwiftModule(name: "_NIODataStructures", checkout: "swift-nio", sourceDirectory: "Sources/_NIODataStructures",
                        flags: nioFlags, declarations: ["PriorityQueue", "_TinyArray"], minimumFunctions: 200),
            SwiftModule(name: "NIOCore", checkout: "swift-nio", sourceDirectory: "Sources/NIOCore",
                        flags: nioFlags,
                        declarations: ["ByteBuffer", "EventLoopFuture", "EventLoopPromise", "Channel", "ChannelPipeline",
                                       "ChannelHandler", "SocketAddress", "CircularBuffer"],
                        minimumFunctions: 4000),
        ])
}

// MARK: - Building and checking

private struct ModuleReport: CustomStringConvertible {
    var module: String
    var optimization: String
    var bytes: Int
    var functions: Int, blocks: Int, instructions: Int
    var vtables: Int, witnessTables: Int, globals: Int, declarations: Int
    var compileSeconds: Double, parseSeconds: Double
    var description: String {
        String(format: "%@ %@: %.2f MB SIL, %d functions, %d blocks, %d instructions, %d vtables, %d witness tables, %d globals, %d type declarations; swiftc %.1f s, parse %.2f s",
               module, optimization, Double(bytes) / 1e6, functions, blocks, instructions, vtables, witnessTables,
               globals, declarations, compileSeconds, parseSeconds)
    }
}

private func seconds(since start: UInt64) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// `.swift` files under `directory`, sorted, as SwiftPM collects a target's sources.
private func swiftSources(_ directory: String) -> [String] {
    let e = FileManager.default.enumerator(atPath: directory)
    var out: [String] = []
    while let f = e?.nextObject() as? String {
        if f.hasSuffix(".swift") { out.append(directory + "/" + f) }
    }
    return out.sorted()
}

/// What the declarations at the top of a SIL file (before `sil_global`, `sil_scope` and the
/// functions) hold, counted on lines: type declarations (nested ones too), instance stored
/// properties (`@_hasStorage`, indented, not `static`) and enum `case` lines.
private func declarationCounts(_ bytes: [UInt8]) -> (types: Int, storedProperties: Int, cases: Int) {
    // The section ends at the first line starting with `sil` other than `sil_stage`.
    var end = 0
    while end < bytes.count {
        if bytes[end] == UInt8(ascii: "s"), bytes[end...].starts(with: "sil".utf8), !bytes[end...].starts(with: "sil_stage".utf8) { break }
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        end += 1
    }
    let section = String(decoding: bytes[..<min(end, bytes.count)], as: UTF8.self)
    let modifiers: Set<Substring> = ["public", "internal", "package", "private", "fileprivate", "final", "indirect",
                                     "open", "nonisolated", "distributed"]
    let kinds: Set<Substring> = ["struct", "class", "enum", "protocol", "actor"]
    var types = 0, stored = 0, cases = 0
    for line in section.split(separator: "\n") {
        var rest = line.drop(while: { $0 == " " })
        if rest.hasPrefix("case ") || rest.hasPrefix("indirect case ") { cases += 1; continue }
        if rest.contains("@_hasStorage") {
            // Column 0 is a global variable; `static` storage is not in the instance layout.
            if rest.startIndex != line.startIndex, !rest.contains(" static "), !rest.hasPrefix("static ") { stored += 1 }
            continue
        }
        // Skip attributes (`@frozen`, `@available(macOS 10.15, *)`) and modifiers, then expect the kind.
        while let word = rest.split(separator: " ", maxSplits: 1).first {
            if word.hasPrefix("@") {
                if let open = rest.firstIndex(of: "("), open < (rest.firstIndex(of: " ") ?? rest.endIndex),
                   let close = rest[open...].firstIndex(of: ")") {
                    rest = rest[rest.index(after: close)...].drop(while: { $0 == " " })
                } else {
                    rest = rest.dropFirst(word.count).drop(while: { $0 == " " })
                }
                continue
            }
            if modifiers.contains(word) { rest = rest.dropFirst(word.count).drop(while: { $0 == " " }); continue }
            if kinds.contains(word), rest.count > word.count {
                // `class func` / `class var` (also `final class func`) declare members, not classes.
                let next = rest.dropFirst(word.count).drop(while: { $0 == " " }).split(separator: " ", maxSplits: 1).first ?? ""
                if !(word == "class" && (["func", "var", "let", "subscript"].contains(next) || modifiers.contains(next))) {
                    types += 1
                }
            }
            break
        }
    }
    return (types, stored, cases)
}

/// Lines of `text` starting with each of `prefixes`, counted on bytes.
private func lineCounts(_ bytes: [UInt8], prefixes: [String]) -> [Int] {
    let ps = prefixes.map { Array($0.utf8) }
    var counts = [Int](repeating: 0, count: ps.count)
    bytes.withUnsafeBufferPointer { b in
        var i = 0
        while i < b.count {
            for (k, p) in ps.enumerated() where i + p.count <= b.count {
                var j = 0
                while j < p.count, b[i + j] == p[j] { j += 1 }
                if j == p.count { counts[k] += 1 }
            }
            while i < b.count, b[i] != UInt8(ascii: "\n") { i += 1 }
            i += 1
        }
    }
    return counts
}

private let git: String = {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
        if FileManager.default.isExecutableFile(atPath: "\(dir)/git") { return "\(dir)/git" }
    }
    return "/usr/bin/git"
}()

/// Clones the recipe's repositories, compiles its modules at `optimization` in order and checks
/// each module's SIL. Returns one report per checked module.
private func buildAndCheck(_ recipe: PackageRecipe, optimization: String) throws -> [ModuleReport] {
    let work = SILTestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: work) }

    var roots: [String: String] = [:]
    for c in recipe.checkouts {
        let dest = work + "/" + c.folder
        let clone = try SILTestSupport.run(git, ["clone", "--quiet", "--no-checkout", Mirrors.path(c.repo), dest])
        try #require(clone.status == 0, "git clone \(Mirrors.path(c.repo)): \(clone.output)")
        let tags = try SILTestSupport.run(git, ["-C", dest, "tag", "--list"]).output.split(separator: "\n").map(String.init)
        let tag = try #require(c.tags.first(where: tags.contains), "\(c.repo) has none of the tags \(c.tags)")
        let checkout = try SILTestSupport.run(git, ["-C", dest, "-c", "advice.detachedHead=false", "checkout", "--quiet", tag])
        try #require(checkout.status == 0, "git checkout \(tag) in \(dest): \(checkout.output)")
        roots[c.folder] = dest
    }

    let out = work + "/out"
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    var clangFlags: [String] = []
    for c in recipe.cModules {
        let include = roots[c.checkout]! + "/" + c.includeDirectory
        var map = include + "/module.modulemap"
        if c.generateModuleMap {
            map = out + "/\(c.name).modulemap"
            try "module \(c.name) {\n    umbrella header \"\(include)/\(c.name).h\"\n    export *\n}\n"
                .write(toFile: map, atomically: true, encoding: .utf8)
        }
        clangFlags += ["-Xcc", "-fmodule-map-file=\(map)", "-Xcc", "-I", "-Xcc", include]
    }
    // SwiftPM defines DEBUG in debug builds only.
    let debugDefine = optimization == "-Onone" ? ["-DDEBUG"] : []

    var reports: [ModuleReport] = []
    for m in recipe.modules {
        let sources = swiftSources(roots[m.checkout]! + "/" + m.sourceDirectory)
        try #require(!sources.isEmpty, "no sources for \(m.name)")
        let sil = out + "/\(m.name).sil"
        var args = [optimization, "-wmo", "-parse-as-library", "-module-name", m.name] + m.flags + debugDefine
            + clangFlags + ["-I", out, "-module-cache-path", work + "/module-cache",
                            "-emit-module", "-emit-module-path", out + "/\(m.name).swiftmodule"]
        args = m.check ? ["-emit-sil", "-g"] + args + ["-o", sil] : args
        let start = DispatchTime.now().uptimeNanoseconds
        let r = try SILTestSupport.run(SILTestSupport.swiftc, args + sources)
        let compileSeconds = seconds(since: start)
        try #require(r.status == 0, "swiftc \(m.name) \(optimization) failed:\n\(r.output.suffix(3000))")
        guard m.check else { continue }
        defer { try? FileManager.default.removeItem(atPath: sil) }

        let parseStart = DispatchTime.now().uptimeNanoseconds
        let module = try SILParser.parse(path: sil)
        let parseSeconds = seconds(since: parseStart)

        let bytes = try SILParser.readFile(sil)
        let text = String(decoding: bytes, as: UTF8.self)
        let counts = SILTestSupport.textualCounts(text)
        let declared = declarationCounts(bytes)
        let tables = lineCounts(bytes, prefixes: ["sil_vtable ", "sil_witness_table ", "sil_global "])
        let blocks = module.functions.reduce(0) { $0 + $1.blocks.count }
        let instructions = module.functions.reduce(0) { $0 + $1.instructions.count }
        let context = Comment(rawValue: "\(m.name) \(optimization)")
        #expect(module.stage == "canonical", context)
        #expect(module.functions.count == counts.functions, context)
        #expect(blocks == counts.blocks, context)
        #expect(instructions == counts.instructions, context)
        #expect(module.vtables.count == tables[0], context)
        #expect(module.witnessTables.count == tables[1], context)
        #expect(module.globals.count == tables[2], context)
        #expect(module.typeDeclarations.count == declared.types, context)
        #expect(module.typeDeclarations.reduce(0) { $0 + $1.storedProperties.count } == declared.storedProperties, context)
        #expect(module.typeDeclarations.reduce(0) { $0 + $1.cases.count } == declared.cases, context)
        #expect(module.functions.count >= m.minimumFunctions, context)
        if m.minimumFunctions > 0 {
            #expect(module.functions.contains { $0.isDefinition }, context)
            // Locations name the module's own Swift files.
            #expect(module.sourceFiles.contains { $0.hasPrefix(roots[m.checkout]!) && $0.hasSuffix(".swift") },
                    "\(m.name) \(optimization): source files \(module.sourceFiles.prefix(5))")
        }
        if m.minimumFunctions > 0, m.expectExternalDeclarations {
            // Calls into the standard library and the modules it imports.
            #expect(module.functions.contains { !$0.isDefinition }, context)
        }
        // Operands and successors were split right: a `br`/`cond_br` passes each target
        // block exactly as many values as the block declares arguments.
        var mismatches: [String] = []
        for f in module.functions {
            for inst in f.instructions where inst.opcode == .br || inst.opcode == .condBr {
                for succ in f.successors(of: inst) {
                    let target = f.blocks[Int(succ.block)]
                    if f.arguments(of: succ).count != f.arguments(of: target).count {
                        mismatches.append("\(sil):\(inst.silLine)")
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(m.name) \(optimization): \(mismatches.count) branches with the wrong number of block arguments, e.g. \(mismatches.prefix(3))")
        if m.expectWitnessTables { #expect(!module.witnessTables.isEmpty, context) }
        for name in m.declarations {
            #expect(module.typeDeclarations.contains { $0.name == name }, "\(m.name) \(optimization): no declaration of \(name)")
        }
        reports.append(ModuleReport(
            module: m.name, optimization: optimization, bytes: bytes.count, functions: module.functions.count,
            blocks: blocks, instructions: instructions, vtables: module.vtables.count,
            witnessTables: module.witnessTables.count, globals: module.globals.count,
            declarations: module.typeDeclarations.count, compileSeconds: compileSeconds, parseSeconds: parseSeconds))
    }
    for r in reports { print("MorePackagesTests: \(r)") }
    return reports
}

// MARK: - Tests

@Suite("More real packages")
struct MorePackagesTests {
    @Test("swift-collections 1.6.0, every library module",
          .enabled(if: FileManager.default.fileExists(atPath: Mirrors.root),
                   "no package mirrors on this machine: /opt/swift-packages (bare git mirrors) is missing"),
          .enabled(if: Mirrors.have("apple/swift-collections"),
                   "needs the mirror /opt/swift-packages/apple/swift-collections.git"),
          arguments: ["-O"])
    func swiftCollections(optimization: String) throws {
        let reports = try buildAndCheck(Recipes.swiftCollections, optimization: optimization)
        // Every library module was parsed (each against its own minimum of functions, in buildAndCheck).
        #expect(reports.map(\.module) == Recipes.swiftCollections.modules.filter(\.check).map(\.name))
    }

    @Test("swift-algorithms 1.2.1 (with swift-numerics 1.1.1's RealModule)",
          .enabled(if: FileManager.default.fileExists(atPath: Mirrors.root),
                   "no package mirrors on this machine: /opt/swift-packages (bare git mirrors) is missing"),
          .enabled(if: Mirrors.have("apple/swift-algorithms", "apple/swift-numerics"),
                   "needs the mirrors /opt/swift-packages/apple/swift-algorithms.git and swift-numerics.git"),
          arguments: ["-Onone"])
    func swiftAlgorithms(optimization: String) throws {
        let reports = try buildAndCheck(Recipes.swiftAlgorithms, optimization: optimization)
        #expect(reports.map(\.module) == Recipes.swiftAlgorithms.modules.filter(\.check).map(\.name))
    }

    @Test("swift-nio 2.101's NIOCore (with Atomics, NIOConcurrencyHelpers, _NIOBase64, _NIODataStructures)",
          .enabled(if: FileManager.default.fileExists(atPath: Mirrors.root),
                   "no package mirrors on this machine: /opt/swift-packages (bare git mirrors) is missing"),
          .enabled(if: Mirrors.have("apple/swift-nio", "apple/swift-atomics", "apple/swift-collections"),
                   "needs the mirrors /opt/swift-packages/apple/swift-nio.git, swift-atomics.git and swift-collections.git"),
          arguments: ["-Onone"])
    func nioCore(optimization: String) throws {
        let reports = try buildAndCheck(Recipes.nioCore, optimization: optimization)
        #expect(reports.map(\.module) == ["Atomics", "NIOConcurrencyHelpers", "_NIOBase64", "_NIODataStructures", "NIOCore"])
    }
}

// MARK: - Regressions found by these tests

/// Declarations as `swiftc -emit-sil -O` (6.3) prints them for
///
///     public class Base {
///       public class func make() -> Base { Base() }
///       public class var shared: Int { 1 }
///       public static let table: [Int] = [1]
///       var x = 0
///     }
///     public final class Derived: Base { override public class func make() -> Base { Derived() } }
///     enum Base64 { static let encodingTable: [UInt8] = [65]; case a }
///
/// with one function kept. NIOCore and _NIOBase64 print `static let` stored properties inside
/// type declarations (`@_hasStorage @_hasInitialValue static let encodingTable: [UInt8]`).
private let staticAndClassMembersSnippet = """
sil_stage canonical

import Builtin
import Swift
import SwiftShims

@_hasMissingDesignatedInitializers public class Base {
  public class func make() -> Base
  public class var shared: Int { get }
  @_hasStorage @_hasInitialValue public static let table: [Int] { get }
  @_hasStorage @_hasInitialValue var x: Int { get set }
  deinit
  init()
}

@_inheritsConvenienceInitializers @_hasMissingDesignatedInitializers public final class Derived : Base {
  override public final class func make() -> Base
  override init()
  deinit
}

enum Base64 {
  @_hasStorage @_hasInitialValue static let encodingTable: [UInt8] { get }
  case a
  @_semantics("derived_enum_equals") @_implements(Equatable, ==(_:_:)) static func __derived_enum_equals(_ a: Base64, _ b: Base64) -> Bool
  func hash(into hasher: inout Hasher)
  var hashValue: Int { get }
}

// variable initialization expression of Base.x
// Isolation: unspecified
sil [transparent] @$s2CF4BaseC1xSivpfi : $@convention(thin) () -> Int {
[global: ]
bb0:
  %0 = integer_literal $Builtin.Int64, 0          // user: %1
  %1 = struct $Int (%0)                           // user: %2
  return %1                                       // id: %2
} // end sil function '$s2CF4BaseC1xSivpfi'

"""

extension MorePackagesTests {
    /// Static stored properties are globals, not instance layout; `class func` / `class var`
    /// are members, not nested classes named `func` / `var`.
    @Test("static stored properties and class members in declarations")
    func staticAndClassMembers() throws {
        let module = try SILParser.parse(SourceText(path: "snippet.sil", bytes: Array(staticAndClassMembersSnippet.utf8)))
        #expect(module.typeDeclarations.map(\.name) == ["Base", "Derived", "Base64"])
        let base = try #require(module.typeDeclarations.first { $0.name == "Base" })
        #expect(base.kind == .class)
        #expect(base.storedProperties == [StoredProperty(name: "x", type: "Int")])
        let derived = try #require(module.typeDeclarations.first { $0.name == "Derived" })
        #expect(derived.inherited == ["Base"])
        #expect(derived.storedProperties.isEmpty)
        let base64 = try #require(module.typeDeclarations.first { $0.name == "Base64" })
        #expect(base64.storedProperties.isEmpty)
        #expect(base64.cases.map(\.name) == ["a"])
        #expect(module.functions.count == 1)
        let counts = declarationCounts(Array(staticAndClassMembersSnippet.utf8))
        #expect(counts.types == 3 && counts.storedProperties == 1 && counts.cases == 1)
    }
}
