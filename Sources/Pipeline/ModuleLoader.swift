// Loads the modules a request names: parses its SIL, or compiles its sources first (each
// module importing the ones before it). With each module, what the IR of the same build
// says: IRGen's heap allocations (always when compiling) and coroutine frame sizes (when the
// SIL has a `begin_apply`).

import Analysis
import Foundation
import SILModel
import SILParser

/// A module and what the IR of the same build says about it.
struct LoadedModule {
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

struct ModuleLoader {
    let request: AnalysisRequest

    /// The request's modules, compiled at `level` (ignored for --sil).
    func load(level: String) throws -> [LoadedModule] {
        do {
            if let silFile = request.silFile { return [try readSIL(silFile)] }
            return try compileModules(level: level)
        } catch let e as SILParseError {
            throw PipelineError(e.description)
        }
    }

    private func readSIL(_ path: String) throws -> LoadedModule {
        var loaded = LoadedModule(module: try SILParser.parse(path: path))
        if let ir = request.llvmIR { loaded.coroutineFrames = CoroutineFrameReader.read(try Self.read(ir, "LLVM IR")) }
        if let irgen = request.irgen { loaded.readIRGen(try Self.read(irgen, "IRGen output")) }
        return loaded
    }

    private func compileModules(level: String) throws -> [LoadedModule] {
        let modules = request.modules
        // The interfaces of the modules compiled so far, for the ones that import them.
        let interfaces = NSTemporaryDirectory() + "maxlive-modules-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: interfaces, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: interfaces) }
        var loaded: [LoadedModule] = []
        for (k, m) in modules.enumerated() {
            var compiler = SILCompiler(
                sources: m.paths, moduleName: m.name, target: request.target, embedded: request.embedded,
                optimization: level, extraArguments: request.swiftcArguments + (modules.count > 1 ? ["-I", interfaces] : []))
            var silCompiler = compiler
            if k + 1 < modules.count {
                silCompiler.extraArguments += ["-emit-module", "-emit-module-path", "\(interfaces)/\(m.name).swiftmodule"]
            }
            var input = LoadedModule(module: try silCompiler.compile { try SILParser.parse(path: $0) })
            input.name = m.name
            Self.addTypeDeclarations(of: loaded, to: &input.module)
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

    /// SIL re-prints only its own module's type declarations; the layouts of the types a module
    /// uses from the modules before it come from their SIL (sizes are checked against this
    /// module's IR all the same).
    private static func addTypeDeclarations(of earlier: [LoadedModule], to module: inout Module) {
        var declared = Set(module.typeDeclarations.map(\.name))
        for e in earlier {
            for d in e.module.typeDeclarations where declared.insert(d.name).inserted {
                module.typeDeclarations.append(d)
            }
        }
    }

    private static func read(_ path: String, _ what: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw PipelineError("error: cannot read the \(what) file \(path)") }
        return [UInt8](data)
    }

    /// The pointer width to lay out sizes for: the one the SIL (and IR) were compiled for. A
    /// request that contradicts the build is an error, never silently different sizes.
    func pointerWidth(for loaded: LoadedModule) throws -> Int {
        let sil = TargetDetection.pointerWidth(of: loaded.module)
        let where_ = request.silFile ?? "the compiled SIL"
        if let s = sil, let ir = loaded.irPointerWidth, s.bits != ir {
            throw PipelineError("error: \(request.irgen ?? "the IR"): compiled for a \(ir)-bit target, but \(where_) is \(s.bits)-bit (Int is Builtin.Int\(s.bits) in \(s.function)): they are not the same build")
        }
        let built = sil?.bits ?? loaded.irPointerWidth
        let evidence = sil.map { " (Int is Builtin.Int\($0.bits) in \($0.function))" } ?? ""
        if let w = request.pointerWidth, let b = built, w != b {
            throw PipelineError("error: \(request.pointerWidthOrigin ?? "--pointer-width \(w)") contradicts \(where_), compiled for a \(b)-bit target\(evidence)")
        }
        if request.silFile != nil, let t = request.target, let tw = TargetDetection.pointerWidth(ofTriple: t), let b = built, tw != b {
            throw PipelineError("error: --target \(t) is a \(tw)-bit target, but \(where_) was compiled for a \(b)-bit one\(evidence)")
        }
        return request.pointerWidth ?? built ?? request.target.flatMap(TargetDetection.pointerWidth(ofTriple:)) ?? 64
    }
}
