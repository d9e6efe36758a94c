// Options shared by every subcommand: where the SIL comes from and how the kernel
// allocator rounds. They become an `AnalysisRequest` for the pipeline library, with the
// configuration file's values where the command line gave none.

import ArgumentParser
import Analysis
import Foundation
import Pipeline
import Reports

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

    @Flag(name: [.customShort("O"), .customLong("O")], help: "Optimize for speed (-O). The default is -Osize with --embedded, -O otherwise.")
    var optimizeSpeed = false
    @Flag(name: [.customLong("Osize", withSingleDash: true), .customLong("Osize")], help: "Optimize for size (-Osize).")
    var optimizeSize = false
    @Flag(name: [.customLong("Onone", withSingleDash: true), .customLong("Onone")], help: "Do not optimize (-Onone).")
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

    @Option(help: ArgumentHelp("""
        Make this file a hard link to the configuration file in use (an empty file when there is \
        none). The build plugin lists it as an input, so that rewriting the configuration file in \
        place, or removing it, re-runs the analysis.
        """, valueName: "file", visibility: .hidden))
    var configWitness: String?

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
        if let list = optimizationLevelList, OptionSyntax.levels(list) == nil {
            throw ValidationError("expected levels such as Onone,O,Osize for --optimization-levels, got '\(list)'")
        }
        if config != nil && noConfig { throw ValidationError("give --config FILE or --no-config, not both") }
        if allOptimizationLevels && silFile != nil {
            throw ValidationError("--all-optimization-levels compiles the sources itself; it cannot be used with --sil")
        }
        if let w = pointerWidth, w != 64 && w != 32 { throw ValidationError("--pointer-width must be 64 or 32 (got \(w))") }
        for spec in cAllocators + cDeallocators where OptionSyntax.functionArgument(spec) == nil {
            throw ValidationError("expected NAME:ARGUMENT (e.g. kmalloc:0) for --c-allocator/--c-deallocator, got '\(spec)'")
        }
        if !dependencies.isEmpty && silFile != nil {
            throw ValidationError("--dependency compiles modules from sources; it cannot be used with --sil")
        }
        for spec in dependencies where OptionSyntax.dependency(spec) == nil {
            throw ValidationError("expected NAME=PATH for --dependency (e.g. Drivers=Sources/Drivers), got '\(spec)'")
        }
        if [optimizeSpeed, optimizeSize, optimizeNone].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of -O, -Osize and -Onone")
        }
    }

    /// A level was chosen on the command line (-O, -Osize, -Onone; --O and so on work too).
    var levelChosen: Bool { optimizeNone || optimizeSize || optimizeSpeed }

    /// The levels to analyse, in order: one level unless --optimization-levels (or the
    /// configuration file, when no level was chosen on the command line) lists several.
    var analysedLevels: [String] {
        if let list = optimizationLevelList, let levels = OptionSyntax.levels(list) { return levels }
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
        let found = config ?? Configuration.find(from: start.isEmpty ? "." : start, upTo: configRoot)
        if let configWitness { Configuration.witness(found, at: configWitness) }
        guard let path = found else { return input }
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

    /// The modules to compile, in order: each --dependency (its paths gathered by name, in the
    /// order the names first appear), then the main module.
    var compiledModules: [AnalysisRequest.ModuleSources] {
        var order: [String] = []
        var paths: [String: [String]] = [:]
        for spec in dependencies {
            guard let (name, path) = OptionSyntax.dependency(spec) else { continue }
            if paths[name] == nil { order.append(name) }
            paths[name, default: []].append(path)
        }
        return order.map { AnalysisRequest.ModuleSources(name: $0, paths: paths[$0]!) } + [AnalysisRequest.ModuleSources(name: module, paths: sources)]
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

    /// The pipeline's request (call on the `configured()` options).
    var request: AnalysisRequest {
        var r = AnalysisRequest()
        r.silFile = silFile
        r.llvmIR = llvmIR
        r.irgen = irgen
        r.modules = silFile == nil ? compiledModules : []
        r.target = target
        r.embedded = embedded
        r.optimizationLevels = analysedLevels
        r.swiftcArguments = swiftcArguments
        r.analysis.granularity = granularity ?? 1
        r.analysis.overhead = overhead ?? 0
        r.analysis.extraEntries = entries
        r.analysis.noAllocationSymbols = Set(noAllocation)
        r.cSources = cSources
        r.cFlags = cFlags
        for spec in cAllocators { if let (name, k) = OptionSyntax.functionArgument(spec) { r.allocatorAPI.allocators[name] = k } }
        for spec in cDeallocators { if let (name, k) = OptionSyntax.functionArgument(spec) { r.allocatorAPI.deallocators[name] = k } }
        r.abiHeader = abiHeader
        r.pointerWidth = pointerWidth
        r.pointerWidthOrigin = pointerWidthOrigin
        if let root { r.root = root }
        r.inputDescription = inputDescription
        return r
    }
}

/// Runs the pipeline on the configured options; its warnings, and the remarks when asked for,
/// go to standard error so a JSON or SARIF report on standard output stays pure.
func runAnalysisAtLevels(_ input: InputOptions, itemizingPeaks: Bool = false) throws -> ReportInput {
    var request = input.request
    request.analysis.itemizePeaks = itemizingPeaks
    let output = try AnalysisPipeline.run(request)
    FileHandle.standardError.write(Data(output.warnings.utf8))
    if input.remarks { FileHandle.standardError.write(Data(Diagnostics.remarks(output.report).utf8)) }
    return output.report
}

func writeOutput(_ text: String, to path: String?) throws {
    if let path {
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) }
        catch { throw PipelineError("error: cannot write \(path): \(error.localizedDescription)") }
    } else {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// Prints a tool failure and exits 1; other errors go to ArgumentParser.
func handleFailures(_ body: () throws -> Void) throws {
    do { try body() }
    catch let f as PipelineError { try fail(f.description) }
    catch let f as ReportDocument.ReadError { try fail(f.description) }
}

private func fail(_ description: String) throws -> Never {
    FileHandle.standardError.write(Data((description.contains("error:") ? description : "error: \(description)").utf8 + [10]))
    throw ExitCode(1)
}
