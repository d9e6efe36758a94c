// What to analyse and how: the sources or SIL, how to compile them, what else joins the call
// graph (C sources, an ABI header) and how the kernel allocator rounds. The command line builds
// one from its options and its configuration file; tests and tools can build one directly.

import Analysis
import Foundation

public struct AnalysisRequest {
    /// One module to compile: its name and its Swift files or folders.
    public struct ModuleSources: Sendable {
        public var name: String
        public var paths: [String]
        public init(name: String, paths: [String]) { self.name = name; self.paths = paths }
    }

    /// Textual SIL to read instead of compiling, with the IR of the same build when given:
    /// LLVM IR for coroutine frame sizes, IRGen's output for the compiler check.
    public var silFile: String?
    public var llvmIR: String?
    public var irgen: String?

    /// The modules to compile, in order, each importing the ones before it; the last is the
    /// main module.
    public var modules: [ModuleSources] = []
    public var target: String?
    public var embedded = false
    /// The levels to compile at; with several, each entry keeps its largest bound.
    public var optimizationLevels: [String] = ["-O"]
    public var swiftcArguments: [String] = []

    /// Rounding, overhead, extra entries and trusted symbols (foreign functions, frames and
    /// compiler allocations are filled in by the pipeline).
    public var analysis = AnalysisOptions()
    /// C files whose functions join the call graph, the flags clang reads them with, and the
    /// kernel's allocation and free functions.
    public var cSources: [String] = []
    public var cFlags: [String] = []
    public var allocatorAPI = ForeignAllocatorAPI()
    /// The system call ABI header: its numbers are joined to the `sys_` handlers.
    public var abiHeader: String?

    /// A pointer width the user asked for, and where it was asked (for the message when it
    /// contradicts the build).
    public var pointerWidth: Int?
    public var pointerWidthOrigin: String?

    /// Report paths are made relative to this folder.
    public var root: String = FileManager.default.currentDirectoryPath
    /// What was analysed, for report headers.
    public var inputDescription = ""

    public init() {}

    /// The name of the main module (the last compiled), or nil for --sil.
    public var mainModule: String? { silFile == nil ? modules.last?.name : nil }

    /// The levels actually analysed: SIL was compiled once, at whatever level it was.
    var levels: [String] { silFile == nil ? optimizationLevels : [optimizationLevels.first ?? "-O"] }
}
