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

    @Option(help: "Allocator granularity in bytes: each allocation is rounded up to a multiple of it.")
    var granularity: Int = 1

    @Option(help: "Per-allocation overhead in bytes added by the kernel allocator (a header).")
    var overhead: Int = 0

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
        if granularity < 1 { throw ValidationError("--granularity must be at least 1 (got \(granularity))") }
        if overhead < 0 { throw ValidationError("--overhead must not be negative (got \(overhead))") }
        if let w = pointerWidth, w != 64 && w != 32 { throw ValidationError("--pointer-width must be 64 or 32 (got \(w))") }
        for spec in cAllocators + cDeallocators where Self.functionArgument(spec) == nil {
            throw ValidationError("expected NAME:ARGUMENT (e.g. kmalloc:0) for --c-allocator/--c-deallocator, got '\(spec)'")
        }
        if [optimizeSpeed, optimizeSize, optimizeNone].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of --O, --Osize and --Onone")
        }
    }

    var analysisOptions: AnalysisOptions {
        var o = AnalysisOptions()
        o.granularity = granularity
        o.overhead = overhead
        o.extraEntries = entries
        o.noAllocationSymbols = Set(noAllocation)
        return o
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
        if let silFile { return (silFile as NSString).lastPathComponent }
        return "\(module) (\(sources.count) source path\(sources.count == 1 ? "" : "s"))"
    }

    /// The optimization flag sources are compiled with.
    var optimization: String {
        optimizeNone ? "-Onone" : optimizeSpeed ? "-O" : optimizeSize ? "-Osize" : (embedded ? "-Osize" : "-O")
    }

    /// Loads the module: parses --sil, or compiles the sources first (at `optimization`, or the
    /// given level). With it, what the IR of the same build says: IRGen's heap allocations
    /// (--irgen, or always when compiling) and coroutine frame sizes (--llvm-ir, or compiled
    /// when the SIL has a `begin_apply`).
    func loadModule(optimization level: String? = nil) throws -> LoadedInput {
        if let silFile {
            var loaded = LoadedInput(module: try SILParser.parse(path: silFile))
            if let llvmIR { loaded.coroutineFrames = CoroutineFrameReader.read(try Self.read(llvmIR, "LLVM IR")) }
            if let irgen { loaded.readIRGen(try Self.read(irgen, "IRGen output")) }
            return loaded
        }
        var compiler = SILCompiler(
            sources: sources, moduleName: module, target: target, embedded: embedded,
            optimization: level ?? optimization,
            extraArguments: swiftcArguments)
        var loaded = LoadedInput(module: try compiler.compile { try SILParser.parse(path: $0) })
        compiler.emit = "-emit-irgen"
        loaded.readIRGen(try compiler.compile { try Self.read($0, "IRGen output swiftc wrote") })
        if loaded.module.functions.contains(where: { f in f.instructions.contains { $0.opcode == .beginApply } }) {
            compiler.emit = "-emit-ir"
            loaded.coroutineFrames = CoroutineFrameReader.read(try compiler.compile { try Self.read($0, "LLVM IR swiftc wrote") })
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
            throw ToolFailure("error: --pointer-width \(w) contradicts \(where_), compiled for a \(b)-bit target\(sil.map { " (Int is Builtin.Int\($0.bits) in \($0.function))" } ?? "")")
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
    var coroutineFrames: [String: CoroutineFrame]? = nil
    var compilerAllocations: CompilerAllocations? = nil
    var irPointerWidth: Int? = nil

    mutating func readIRGen(_ bytes: [UInt8]) {
        compilerAllocations = CompilerAllocations.read(bytes)
        irPointerWidth = TargetDetection.pointerWidth(ofIR: bytes)
    }
}

/// Runs the analysis and packages what every report needs.
func runAnalysis(_ input: InputOptions, optimization: String? = nil) throws -> ReportInput {
    let start = Date()
    let loaded: LoadedInput
    do {
        loaded = try input.loadModule(optimization: optimization)
    } catch let e as SILParseError {
        throw ToolFailure(e.description)
    }
    let module = loaded.module
    if !input.entries.isEmpty {
        var known = Set<String>()
        for f in module.functions where f.isDefinition { known.insert(f.name); known.insert(f.swiftName) }
        for wanted in input.entries where !known.contains(wanted) {
            throw ToolFailure("error: --entry \(wanted): no function with a body has that Swift or mangled name")
        }
    }
    var options = input.analysisOptions
    options.foreignFunctions = try input.readCSources()
    options.coroutineFrames = loaded.coroutineFrames
    options.compilerAllocations = loaded.compilerAllocations
    options.target = try input.pointerWidth(for: loaded) == 32 ? .ilp32 : .lp64
    var r = Analyzer(module: module, options: options).run()
    if let header = input.abiHeader {
        let numbers: [SyscallNumber]
        do { numbers = try SyscallABI.read(header: header) } catch let e as CFrontEndError { throw ToolFailure(e.description) }
        SyscallJoin.join(&r, numbers: numbers, header: header)
    }
    if !input.sources.isEmpty || r.module.isEmpty { r.module = input.silFile == nil ? input.module : r.module }
    let report = ReportInput(result: r, version: maxliveVersion, inputDescription: input.inputDescription,
                       seconds: Date().timeIntervalSince(start),
                       rootPath: input.root ?? FileManager.default.currentDirectoryPath)
    // Warnings go to standard error, so a JSON or SARIF report on standard output stays pure.
    if optimization == nil || optimization == "-Onone" {
        FileHandle.standardError.write(Data(Diagnostics.warnings(report).utf8))
    }
    return report
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
