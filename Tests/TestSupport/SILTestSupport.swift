// Shared by the test targets: compiling Swift to SIL at test time (so tests read real
// compiler output without committing megabytes of SIL), running tools, finding the root.

import Foundation
import Synchronization

public enum SILTestSupport {
    public static let swiftc: String = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let p = "\(dir)/swiftc"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return "/usr/bin/swiftc"
    }()

    /// A fresh directory for one test's files, inside one directory per test process that is
    /// removed when the process exits (a run leaves nothing behind in the temporary directory).
    public static func temporaryDirectory() -> String {
        let dir = processDirectory + "/" + UUID().uuidString.prefix(8)
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    private static let processDirectory: String = {
        let dir = NSTemporaryDirectory() + "maxlive-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        removedAtExit.withLock { $0 = dir }
        atexit {
            if let dir = SILTestSupport.removedAtExit.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: dir) }
        }
        return dir
    }()

    private static let removedAtExit = Mutex<String?>(nil)

    /// Runs a tool to its end with standard input empty; its standard output and standard error
    /// come back together, in the order written. `environment` is added to the test's own.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], in directory: String? = nil,
                           environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Runs a tool with its standard output and standard error kept apart (a report on one,
    /// diagnostics on the other).
    public static func runSeparately(_ executable: String, _ arguments: [String], in directory: String? = nil,
                                     environment: [String: String] = [:]) throws -> (status: Int32, stdout: Data, stderr: Data) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Standard error is read on another thread, so a full pipe on either side cannot stall the tool.
        let errors = ErrorCollector(err.fileHandleForReading)
        let o = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, o, errors.wait())
    }

    /// Compiles `source` to SIL and returns the SIL file's path.
    public static func emitSIL(_ source: String, embedded: Bool, optimization: String = "-O", module: String = "M") throws -> String {
        try emit("-emit-sil", "out.sil", source, embedded: embedded, optimization: optimization, module: module)
    }

    /// IRGen's output (`-emit-irgen`: LLVM IR before LLVM's optimizations) of the same build as `emitSIL`.
    public static func emitIRGen(_ source: String, embedded: Bool, optimization: String = "-O", module: String = "M") throws -> String {
        try emit("-emit-irgen", "out.ll", source, embedded: embedded, optimization: optimization, module: module)
    }

    private static func emit(_ mode: String, _ output: String, _ source: String, embedded: Bool, optimization: String, module: String) throws -> String {
        let dir = temporaryDirectory()
        let file = dir + "/\(module.lowercased()).swift"
        try source.write(toFile: file, atomically: true, encoding: .utf8)
        var args = [mode, "-g", optimization, "-wmo", "-parse-as-library", "-module-name", module, file, "-o", dir + "/" + output]
        if embedded {
            args += ["-enable-experimental-feature", "Embedded", "-enable-experimental-feature", "Extern",
                     "-target", "x86_64-unknown-linux-gnu"]
        }
        let r = try run(swiftc, args)
        guard r.status == 0 else { throw SILTestError.compile(r.output) }
        return dir + "/" + output
    }

    /// Counts what the text says the model must hold: `sil ` headers, block labels and instruction lines.
    public static func textualCounts(_ text: String) -> (functions: Int, blocks: Int, instructions: Int) {
        var functions = 0, blocks = 0, instructions = 0
        var inBody = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("sil ") {
                functions += 1
                inBody = line.hasSuffix(" {")
                continue
            }
            if line.hasPrefix("} // end sil function") { inBody = false; continue }
            guard inBody else { continue }
            if line.hasPrefix("bb") { blocks += 1; continue }
            if line.hasPrefix("  ") {
                let t = line.drop(while: { $0 == " " })
                if let c = t.first, c == "%" || c == "(" || ("a"..."z").contains(c) { instructions += 1 }
            }
        }
        return (functions, blocks, instructions)
    }
}

public enum SILTestError: Error { case compile(String) }

/// The package root, found from this file's path (tests run from any directory).
public enum PackageRoot {
    public static let path: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path),
               FileManager.default.fileExists(atPath: url.appendingPathComponent("Sources").path) { return url.path }
        }
        return FileManager.default.currentDirectoryPath
    }()
}

/// Reads a pipe to its end on a thread of its own.
final class ErrorCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)
    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }
    func wait() -> Data {
        done.wait()
        return data
    }
}
