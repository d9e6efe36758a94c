// Compiles Swift sources to textual SIL with the flags maxlive needs, so users can
// point the tool at sources instead of producing SIL themselves.
//
// Embedded builds use the kernel's object-build flags plus `-emit-sil -g`
// (SILFacts §1): -enable-experimental-feature Embedded/Extern/Volatile, -wmo,
// -parse-as-library. The same flags with `-emit-irgen` give IRGen's output, which every
// allocation is checked against (CompilerAllocations.swift), and with `-emit-ir` the LLVM IR
// that coroutine frame sizes are read from (CoroutineFrames.swift).

import Foundation

public struct SILCompiler {
    public var sources: [String]
    public var moduleName: String
    public var target: String?
    public var embedded: Bool
    public var optimization: String
    public var extraArguments: [String]
    /// `-emit-sil` (the default), `-emit-irgen` (IR before LLVM's optimizations) or `-emit-ir`.
    public var emit = "-emit-sil"

    public init(sources: [String], moduleName: String, target: String? = nil, embedded: Bool, optimization: String,
                extraArguments: [String] = [], emit: String = "-emit-sil") {
        self.sources = sources
        self.moduleName = moduleName
        self.target = target
        self.embedded = embedded
        self.optimization = optimization
        self.extraArguments = extraArguments
        self.emit = emit
    }

    /// The swiftc to run: $SWIFTC, else the one on PATH.
    public static func swiftcPath() -> String {
        if let env = ProcessInfo.processInfo.environment["SWIFTC"], !env.isEmpty { return env }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = "\(dir)/swiftc"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "/usr/bin/swiftc"
    }

    /// Expands directories into their `.swift` files, sorted for a stable order.
    func sourceFiles() throws -> [String] {
        var files: [String] = []
        for s in sources {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: s, isDirectory: &isDirectory) else {
                throw PipelineError("error: no such file or directory: \(s)")
            }
            if isDirectory.boolValue {
                let e = FileManager.default.enumerator(atPath: s)
                var found: [String] = []
                while let item = e?.nextObject() as? String {
                    if item.hasSuffix(".swift") { found.append("\(s)/\(item)") }
                }
                files.append(contentsOf: found.sorted())
            } else {
                files.append(s)
            }
        }
        if files.isEmpty { throw PipelineError("error: no Swift files in \(sources.joined(separator: ", "))") }
        return files
    }

    func arguments(output: String) throws -> [String] {
        var args = [emit, "-g", optimization, "-module-name", moduleName, "-parse-as-library", "-wmo"]
        if embedded {
            args += ["-enable-experimental-feature", "Embedded", "-enable-experimental-feature", "Extern",
                     "-enable-experimental-feature", "Volatile"]
        }
        if let target { args += ["-target", target] }
        args += extraArguments
        args += try sourceFiles()
        args += ["-o", output]
        return args
    }

    /// Compiles, hands the output file to `body`, then removes it.
    public func compile<T>(then body: (String) throws -> T) throws -> T {
        let path = try compile()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        return try body(path)
    }

    /// Returns the path of the SIL (or IR) file, in a fresh temporary directory the caller removes.
    public func compile() throws -> String {
        let dir = NSTemporaryDirectory() + "maxlive-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let output = dir + "/\(moduleName)" + (emit == "-emit-sil" ? ".sil" : ".ll")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.swiftcPath())
        process.arguments = try arguments(output: output)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw PipelineError("error: cannot run swiftc at \(Self.swiftcPath()): \(error.localizedDescription)")
        }
        let diagnostics = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            try? FileManager.default.removeItem(atPath: dir)
            let text = String(decoding: diagnostics, as: UTF8.self)
            throw PipelineError("error: swiftc failed (exit status \(process.terminationStatus)) compiling \(moduleName):\n\(text)")
        }
        return output
    }
}

