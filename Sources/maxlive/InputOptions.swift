// Options shared by every subcommand: where the SIL comes from and how the kernel
// allocator rounds.

import ArgumentParser
import Analysis
import CFrontEnd
import Reports
import Foundation
import Layout
import SILModel
import SILParser

struct InputOptions: ParsableArguments {
    @Option(name: .customLong("sil"), help: ArgumentHelp("Read textual SIL produced by 'swiftc -emit-sil -g'.", valueName: "file"))
    var silFile: String?

    @Argument(help: ArgumentHelp("Swift source files or directories to compile to SIL (when --sil is not given).", valueName: "swift-sources"))
    var sources: [String] = []

    @Option(help: "Module name for compiled sources.")
    var module: String = "Main"

    @Option(name: .customLong("dependency"), help: ArgumentHelp("""
        Another module of the program, NAME=PATH (Swift files or directories; repeat the option \
        with the same NAME for more paths): compiled before the main module, in the order given, \
        each importing the ones before it. Its entries are analysed and reported too; calls into \
        it from later modules are followed (in Embedded Swift the callee's body is in the \
        caller's SIL). Repeatable.
        """, valueName: "name=path"))
    var dependencies: [String] = []

    @Option(help: "Target triple for compiled sources (e.g. riscv64-none-none-eabi).")
    var target: String?

    @Flag(help: "Compile the sources as Embedded Swift (-enable-experimental-feature Embedded, -wmo).")
    var embedded = false

    @Flag(name: .customLong("O"), help: "Optimize for speed (-O). The default is -Osize with --embedded, -O otherwise.")
    var optimizeSpeed = false
    @Flag(name: .customLong("Osize"), help: "Optimize for size (-Osize).")
    var optimizeSize = false
    @Flag(name: .customLong("Onone"), help: "Do not optimize (-Onone).")
    var optimizeNone = false

    @Option(name: .customLong("Xswiftc"), parsing: .unconditionalSingleValue, help: ArgumentHelp("Pass an argument to swiftc.", valueName: "arg"))
    var swiftcArguments: [String] = []

    @Option(name: .customLong("llvm-ir"), help: ArgumentHelp("""
        LLVM IR of the same build as --sil ('swiftc -emit-ir' with the same flags): coroutine \
        frame sizes are read from it. Without it a coroutine call (begin_apply) is unbounded; \
        when maxlive compiles the sources itself it emits the IR when the SIL needs it.
        """, valueName: "file.ll"))
    var llvmIR: String?

    @Option(name: .customLong("irgen"), help: ArgumentHelp("""
        IRGen's output for the same build as --sil ('swiftc -emit-irgen' with the same flags): \
        every heap allocation the compiler emits is checked against the analysis (stack \
        promotion, closure contexts, class sizes). Without it sizes are not checked (an \
        assumption of every entry); when maxlive compiles the sources itself it always checks.
        """, valueName: "file.ll"))
    var irgen: String?

    @Option(name: .customLong("entry"), help: ArgumentHelp("Analyze this function as an entry (Swift or mangled name); repeatable.", valueName: "name"))
    var entries: [String] = []

    @Option(name: .customLong("no-allocation"), help: ArgumentHelp(
        "Trust that this C symbol (a function with no body in SIL) allocates nothing from the heap; repeatable, listed as an assumption.",
        valueName: "symbol"))
    var noAllocation: [String] = []

    @Option(help: ArgumentHelp("Read more options from this file, one per line ('#' starts a comment).", valueName: "file"))
    var optionsFile: String?

    @Option(help: ArgumentHelp("""
        The kernel's system call ABI header, read with libclang: each `#define SYS_name N` (or \
        __NR_name) is joined to the handler `sys_name`; a number without a handler or a handler \
        without a number is an error (exit status 2), and the table is keyed by number.
        """, valueName: "header.h"))
    var abiHeader: String?

    @Option(name: .customLong("c-source"), help: ArgumentHelp("""
        A C source file read with libclang: its functions join the call graph (Swift calls to \
        functions with no body in SIL are joined to them by symbol; C calls Swift `@_cdecl` \
        functions); repeatable.
        """, valueName: "file.c"))
    var cSources: [String] = []

    @Option(name: .customLong("c-flag"), parsing: .unconditionalSingleValue, help: ArgumentHelp(
        "Pass an argument to clang when reading --c-source files (e.g. -Iinclude, -DNAME); repeatable.", valueName: "arg"))
    var cFlags: [String] = []

    @Option(name: .customLong("c-allocator"), help: ArgumentHelp("""
        A C function that allocates from the kernel heap, and which argument (from 0) is the byte \
        count: kmalloc:0. malloc, calloc, aligned_alloc and posix_memalign are known; repeatable.
        """, valueName: "name:arg"))
    var cAllocators: [String] = []

    @Option(name: .customLong("c-deallocator"), help: ArgumentHelp(
        "A C function that frees kernel heap memory, and which argument is the pointer: kfree:0. free is known; repeatable.",
        valueName: "name:arg"))
    var cDeallocators: [String] = []

    @Option(help: "Allocator granularity in bytes: each allocation is rounded up to a multiple of it (default 1).")
    var granularity: Int?

    @Option(help: "Per-allocation overhead in bytes added by the kernel allocator (a header; default 0).")
    var overhead: Int?

    @Option(name: .customLong("optimization-levels"), help: ArgumentHelp("""
        Analyse the sources at each of these levels (comma-separated: Onone,O,Osize) and keep each \
        entry's largest bound, so the result holds for every build you ship.
        """, valueName: "levels"))
    var optimizationLevelList: String?

    @Flag(help: """
        Analyse the sources at -Onone, -O and -Osize and keep each entry's largest bound, so the \
        result holds for debug and release builds alike (what the plugins do, since they cannot \
        know the configuration); optimization-levels in the configuration file, or a level given \
        here, come first.
        """)
    var allOptimizationLevels = false

    @Option(help: ArgumentHelp("""
        The configuration file (default: the nearest \(Configuration.fileName) from the folder of the \
        first source or of --sil up; options given here win over the file's).
        """, valueName: "file"))
    var config: String?

    @Flag(help: "Read no configuration file.")
    var noConfig = false

    @Option(help: ArgumentHelp("Look for the configuration file from this folder up (instead of the first source's).", valueName: "folder"))
    var configFrom: String?

    @Option(help: ArgumentHelp("Do not look for the configuration file above this folder (the plugins pass the package root).", valueName: "folder"))
    var configRoot: String?

    @Flag(help: "Print every assumption a bound relies on as a 'file:line:col: remark:' line on standard error.")
    var remarks = false

    /// The configuration file applied (`configured()`), for the report.
    var configurationFile: String?
    /// Where --pointer-width came from when the configuration file set it, for messages.
    var pointerWidthOrigin: String?

    @Option(help: "Pointer width of the analysed target in bits (64 or 32); by default the width the SIL was compiled for.")
    var pointerWidth: Int?

    @Option(help: "Directory that report paths are made relative to (default: the current directory).")
    var root: String?

    func validate() throws {
        if silFile == nil && sources.isEmpty {
            throw ValidationError("give --sil FILE or Swift sources to compile")
        }
        if llvmIR != nil && silFile == nil {
            throw ValidationError("--llvm-ir goes with --sil (when maxlive compiles the sources it emits the IR itself)")
        }
        if irgen != nil && silFile == nil {
            throw ValidationError("--irgen goes with --sil (when maxlive compiles the sources it emits IRGen's output itself)")
        }
        if silFile != nil && !sources.isEmpty {
            throw ValidationError("give either --sil or Swift sources, not both (got --sil \(silFile!) and \(sources.count) source argument(s))")
        }
        if let g = granularity, g < 1 { throw ValidationError("--granularity must be at least 1 (got \(g))") }
        if let o = overhead, o < 0 { throw ValidationError("--overhead must not be negative (got \(o))") }
        if let list = optimizationLevelList, Self.levels(list) == nil {
            throw ValidationError("expected levels such as Onone,O,Osize for --optimization-levels, got '\(list)'")
        }
        if config != nil && noConfig { throw ValidationError("give --config FILE or --no-config, not both") }
        if allOptimizationLevels && silFile != nil {
            throw ValidationError("--all-optimization-levels compiles the sources itself; it cannot be used with --sil")
        }
        if let w = pointerWidth, w != 64 && w != 32 { throw ValidationError("--pointer-width must be 64 or 32 (got \(w))") }
        for spec in cAllocators + cDeallocators where Self.functionArgument(spec) == nil {
            throw ValidationError("expected NAME:ARGUMENT (e.g. kmalloc:0) for --c-allocator/--c-deallocator, got '\(spec)'")
        }
        if !dependencies.isEmpty && silFile != nil {
            throw ValidationError("--dependency compiles modules from sources; it cannot be used with --sil")
        }
        for spec in dependencies where Self.dependencySpec(spec) == nil {
            throw ValidationError("expected NAME=PATH for --dependency (e.g. Drivers=Sources/Drivers), got '\(spec)'")
        }
        if [optimizeSpeed, optimizeSize, optimizeNone].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of --O, --Osize and --Onone")
        }
    }

    var analysisOptions: AnalysisOptions {
        var o = AnalysisOptions()
        o.granularity = granularity ?? 1
        o.overhead = overhead ?? 0
        o.extraEntries = entries
        o.noAllocationSymbols = Set(noAllocation)
        return o
    }

    /// `Onone,O,Osize` → ["-Onone", "-O", "-Osize"]; nil when a level is unknown.
    static func levels(_ list: String) -> [String]? {
        let levels = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.map { $0.hasPrefix("-") ? $0 : "-" + $0 }
        guard !levels.isEmpty, levels.allSatisfy({ ["-Onone", "-O", "-Osize"].contains($0) }) else { return nil }
        return levels
    }

    /// A level was chosen on the command line (--O, --Osize, --Onone).
    var levelChosen: Bool { optimizeNone || optimizeSize || optimizeSpeed }

    /// The levels to analyse, in order: one level unless --optimization-levels (or the
    /// configuration file, when no level was chosen on the command line) lists several.
    var analysedLevels: [String] {
        if let list = optimizationLevelList, let levels = Self.levels(list) { return levels }
        return [optimization]
    }

    /// These options with the configuration file's applied where the command line gave none.
    func configured() throws -> InputOptions {
        var input = try applyingConfigurationFile()
        // --all-optimization-levels is the default of --optimization-levels: a list from the
        // configuration file, or a level chosen on the command line, comes first.
        if allOptimizationLevels && input.optimizationLevelList == nil && !levelChosen { input.optimizationLevelList = "Onone,O,Osize" }
        return input
    }

    private func applyingConfigurationFile() throws -> InputOptions {
        var input = self
        guard !noConfig else { return input }
        let start: String
        if let configFrom {
            start = configFrom
        } else if let first = sources.first ?? silFile {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: first, isDirectory: &isDirectory)
            start = exists && isDirectory.boolValue ? first : (first as NSString).deletingLastPathComponent
        } else {
            start = FileManager.default.currentDirectoryPath
        }
        guard let path = config ?? Configuration.find(from: start.isEmpty ? "." : start, upTo: configRoot) else { return input }
        let c = try Configuration.load(path: path)
        input.configurationFile = path
        if let e = c.embedded, e { input.embedded = true }
        if let r = c.remarks, r { input.remarks = true }
        input.target = input.target ?? c.target
        if optimizationLevelList == nil && !levelChosen, let levels = c.optimizationLevels { input.optimizationLevelList = levels.joined(separator: ",") }
        input.entries += c.entries
        input.noAllocation += c.trusted
        input.granularity = input.granularity ?? c.granularity
        input.overhead = input.overhead ?? c.overhead
        if input.pointerWidth == nil, let w = c.pointerWidth {
            input.pointerWidth = w
            input.pointerWidthOrigin = "\(path): pointer-width \(w)"
        }
        input.abiHeader = input.abiHeader ?? c.abiHeader
        input.cSources += c.cSources
        input.cFlags += c.cFlags
        input.cAllocators += c.cAllocators
        input.cDeallocators += c.cDeallocators
        input.swiftcArguments = c.swiftcFlags + input.swiftcArguments
        return input
    }

    /// `Drivers=Sources/Drivers` → ("Drivers", "Sources/Drivers").
    static func dependencySpec(_ spec: String) -> (name: String, path: String)? {
        guard let eq = spec.firstIndex(of: "=") else { return nil }
        let name = String(spec[..<eq]), path = String(spec[spec.index(after: eq)...])
        guard !name.isEmpty, !path.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return (name, path)
    }

    /// The modules to compile, in order: each --dependency (its paths gathered by name, in the
    /// order the names first appear), then the main module.
    var compiledModules: [(name: String, sources: [String])] {
        var order: [String] = []
        var paths: [String: [String]] = [:]
        for spec in dependencies {
            guard let (name, path) = Self.dependencySpec(spec) else { continue }
            if paths[name] == nil { order.append(name) }
            paths[name, default: []].append(path)
        }
        return order.map { ($0, paths[$0]!) } + [(module, sources)]
    }

    /// `kmalloc:0` → ("kmalloc", 0).
    static func functionArgument(_ spec: String) -> (String, Int)? {
        let parts = spec.split(separator: ":")
        guard parts.count == 2, !parts[0].isEmpty, let k = Int(parts[1]), k >= 0 else { return nil }
        return (String(parts[0]), k)
    }

    var allocatorAPI: ForeignAllocatorAPI {
        var api = ForeignAllocatorAPI()
        for spec in cAllocators { if let (name, k) = Self.functionArgument(spec) { api.allocators[name] = k } }
        for spec in cDeallocators { if let (name, k) = Self.functionArgument(spec) { api.deallocators[name] = k } }
        return api
    }

    /// The functions of every --c-source file.
    func readCSources() throws -> [ForeignFunction] {
        var all: [ForeignFunction] = []
        for path in cSources {
            do { all += try CFunctionReader.read(path: path, arguments: cFlags, api: allocatorAPI) }
            catch let e as CFrontEndError { throw ToolFailure(e.description) }
        }
        return all
    }

    var inputDescription: String {
        var text: String
        if let silFile {
            text = (silFile as NSString).lastPathComponent
        } else {
            let others = Set(compiledModules.map(\.name)).count - 1
            text = "\(module) (\(sources.count) source path\(sources.count == 1 ? "" : "s"))"
                + (others > 0 ? " and \(others) other module\(others == 1 ? "" : "s")" : "")
        }
        if let configurationFile {
            let root = URL(fileURLWithPath: self.root ?? FileManager.default.currentDirectoryPath).standardizedFileURL.path + "/"
            let path = URL(fileURLWithPath: configurationFile).standardizedFileURL.path
            text += " with " + (path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path)
        }
        return text
    }

    /// The optimization flag sources are compiled with.
    var optimization: String {
        optimizeNone ? "-Onone" : optimizeSpeed ? "-O" : optimizeSize ? "-Osize" : (embedded ? "-Osize" : "-O")
    }

    /// Loads the modules: parses --sil, or compiles the sources first (at `optimization`, or
    /// the given level), each --dependency before the main module. With each, what the IR of
    /// the same build says: IRGen's heap allocations (--irgen, or always when compiling) and
    /// coroutine frame sizes (--llvm-ir, or compiled when the SIL has a `begin_apply`).
    func loadModules(optimization level: String? = nil) throws -> [LoadedInput] {
        if let silFile {
            var loaded = LoadedInput(module: try SILParser.parse(path: silFile))
            if let llvmIR { loaded.coroutineFrames = CoroutineFrameReader.read(try Self.read(llvmIR, "LLVM IR")) }
            if let irgen { loaded.readIRGen(try Self.read(irgen, "IRGen output")) }
            return [loaded]
        }
        let modules = compiledModules
        // The interfaces of the modules compiled so far, for the ones that import them.
        let interfaces = NSTemporaryDirectory() + "maxlive-modules-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: interfaces, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: interfaces) }
        var loaded: [LoadedInput] = []
        for (k, m) in modules.enumerated() {
            var compiler = SILCompiler(
                sources: m.sources, moduleName: m.name, target: target, embedded: embedded,
                optimization: level ?? optimization,
                extraArguments: swiftcArguments + (modules.count > 1 ? ["-I", interfaces] : []))
            var silCompiler = compiler
            if k + 1 < modules.count {
                silCompiler.extraArguments += ["-emit-module", "-emit-module-path", "\(interfaces)/\(m.name).swiftmodule"]
            }
            var input = LoadedInput(module: try silCompiler.compile { try SILParser.parse(path: $0) })
            input.name = m.name
            // SIL re-prints only this module's type declarations; the layouts of the types it
            // uses from the modules before it come from their SIL (sizes are checked against
            // this module's IR all the same).
            var declared = Set(input.module.typeDeclarations.map(\.name))
            for earlier in loaded {
                for d in earlier.module.typeDeclarations where declared.insert(d.name).inserted {
                    input.module.typeDeclarations.append(d)
                }
            }
            compiler.emit = "-emit-irgen"
            input.readIRGen(try compiler.compile { try Self.read($0, "IRGen output swiftc wrote") })
            if input.module.functions.contains(where: { f in f.instructions.contains { $0.opcode == .beginApply } }) {
                compiler.emit = "-emit-ir"
                input.coroutineFrames = CoroutineFrameReader.read(try compiler.compile { try Self.read($0, "LLVM IR swiftc wrote") })
            }
            loaded.append(input)
        }
        return loaded
    }

    private static func read(_ path: String, _ what: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw ToolFailure("error: cannot read the \(what) file \(path)") }
        return [UInt8](data)
    }

    /// The pointer width to lay out sizes for: the one the SIL (and IR) were compiled for. An
    /// option that contradicts the build is an error, never silently different sizes.
    func pointerWidth(for loaded: LoadedInput) throws -> Int {
        let sil = TargetDetection.pointerWidth(of: loaded.module)
        let where_ = silFile ?? "the compiled SIL"
        if let s = sil, let ir = loaded.irPointerWidth, s.bits != ir {
            throw ToolFailure("error: \(irgen ?? "the IR"): compiled for a \(ir)-bit target, but \(where_) is \(s.bits)-bit (Int is Builtin.Int\(s.bits) in \(s.function)): they are not the same build")
        }
        let built = sil?.bits ?? loaded.irPointerWidth
        if let w = pointerWidth, let b = built, w != b {
            throw ToolFailure("error: \(pointerWidthOrigin ?? "--pointer-width \(w)") contradicts \(where_), compiled for a \(b)-bit target\(sil.map { " (Int is Builtin.Int\($0.bits) in \($0.function))" } ?? "")")
        }
        if silFile != nil, let t = target, let tw = TargetDetection.pointerWidth(ofTriple: t), let b = built, tw != b {
            throw ToolFailure("error: --target \(t) is a \(tw)-bit target, but \(where_) was compiled for a \(b)-bit one\(sil.map { " (Int is Builtin.Int\($0.bits) in \($0.function))" } ?? "")")
        }
        return pointerWidth ?? built ?? target.flatMap(TargetDetection.pointerWidth(ofTriple:)) ?? 64
    }
}

/// A module and what the IR of the same build says about it.
struct LoadedInput {
    var module: Module
    /// The module's name when maxlive compiled it.
    var name: String? = nil
    var coroutineFrames: [String: CoroutineFrame]? = nil
    var compilerAllocations: CompilerAllocations? = nil
    var irPointerWidth: Int? = nil

    mutating func readIRGen(_ bytes: [UInt8]) {
        compilerAllocations = CompilerAllocations.read(bytes)
        irPointerWidth = TargetDetection.pointerWidth(ofIR: bytes)
    }
}

/// Runs the analysis at every level the options ask for (one, unless --optimization-levels
/// or the configuration file lists several) and keeps each entry's largest bound. `input` has
/// its configuration file applied (`configured()`).
func runAnalysisAtLevels(_ input: InputOptions) throws -> ReportInput {
    let levels = input.silFile == nil ? input.analysedLevels : [input.optimization]
    var unboundedAt: [String: [String]] = [:]
    var report: ReportInput? = nil
    for level in levels {
        let one = try runAnalysis(input, optimization: levels.count > 1 ? level : nil)
        for e in one.result.entries where e.bound == nil { unboundedAt[e.name, default: []].append(level) }
        report = report.map { $0.keepingLargerBounds(one) } ?? one
    }
    var combined = report!
    if levels.count > 1 {
        combined.analysedLevels = levels
        combined.unboundedLevels = unboundedAt
    }
    if input.remarks { FileHandle.standardError.write(Data(Diagnostics.remarks(combined).utf8)) }
    return combined
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

/// Runs the analysis and packages what every report needs: each module on its own, their
/// entries in one report.
func runAnalysis(_ input: InputOptions, optimization: String? = nil) throws -> ReportInput {
    let start = Date()
    let loaded: [LoadedInput]
    do {
        loaded = try input.loadModules(optimization: optimization)
    } catch let e as SILParseError {
        throw ToolFailure(e.description)
    }
    try checkEntryNames(input.entries, in: loaded.map(\.module))
    var options = input.analysisOptions
    options.foreignFunctions = try input.readCSources()
    var results: [AnalysisResult] = []
    for module in loaded {
        options.coroutineFrames = module.coroutineFrames
        options.compilerAllocations = module.compilerAllocations
        options.target = try input.pointerWidth(for: module) == 32 ? .ilp32 : .lp64
        var r = Analyzer(module: module.module, options: options).run()
        if let name = module.name { r.module = name }
        results.append(r)
    }
    var r = AnalysisResult.combining(results)
    if let header = input.abiHeader {
        let numbers: [SyscallNumber]
        do { numbers = try SyscallABI.read(header: header) } catch let e as CFrontEndError { throw ToolFailure(e.description) }
        SyscallJoin.join(&r, numbers: numbers, header: header)
    }
    if !input.sources.isEmpty || r.module.isEmpty { r.module = input.silFile == nil ? input.module : r.module }
    let report = ReportInput(result: r, version: maxliveVersion, inputDescription: input.inputDescription,
                       seconds: Date().timeIntervalSince(start),
                       rootPath: input.root ?? FileManager.default.currentDirectoryPath)
    // Warnings go to standard error, so a JSON or SARIF report on standard output stays pure;
    // once, however many levels are analysed.
    if optimization == nil || optimization == input.analysedLevels.first {
        FileHandle.standardError.write(Data(Diagnostics.warnings(report).utf8))
        for (name, modules) in r.sharedEntryNames.sorted(by: { $0.key < $1.key }) {
            FileHandle.standardError.write(Data("warning: \(modules.joined(separator: " and ")) each define an entry named \(name); they are reported as \(modules.map { "\($0).\(name)" }.joined(separator: " and "))\n".utf8))
        }
    }
    return report
}

/// Every --entry name must be a function with a body in one of the modules.
private func checkEntryNames(_ entries: [String], in modules: [Module]) throws {
    guard !entries.isEmpty else { return }
    var known = Set<String>()
    for module in modules {
        for f in module.functions where f.isDefinition { known.insert(f.name); known.insert(f.swiftName) }
    }
    for wanted in entries where !known.contains(wanted) {
        throw ToolFailure("error: --entry \(wanted): no function with a body has that Swift or mangled name")
    }
}

/// A failure to do the job (exit status 1), with a message already in `file:line:col: error:` form where possible.
struct ToolFailure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

func writeOutput(_ text: String, to path: String?) throws {
    if let path {
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) }
        catch { throw ToolFailure("error: cannot write \(path): \(error.localizedDescription)") }
    } else {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// Prints a tool failure and exits 1; other errors go to ArgumentParser.
func handleFailures(_ body: () throws -> Void) throws {
    do { try body() }
    catch let f as ToolFailure {
        FileHandle.standardError.write(Data((f.description.contains("error:") ? f.description : "error: \(f.description)").utf8 + [10]))
        throw ExitCode(1)
    }
}
