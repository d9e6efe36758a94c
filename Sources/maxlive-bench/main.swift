// Benchmarks for maxlive (release build): `swift run -c release maxlive-bench --help`.
//
//   maxlive-bench parse FILE.sil [--repeat N]     parse throughput (MB/s) and peak memory
//   maxlive-bench analyze FILE.sil [--repeat N]   parse + whole analysis time
//   maxlive-bench generate [--units N]            writes a synthetic kernel-like module, compiles it
//                                                  to Embedded SIL and benchmarks parse + analysis
//
// Figures are printed, never asserted: speed targets live here, not in tests.

import Foundation
import SILModel
import SILParser
import Analysis
import Pipeline

func peakResidentKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ").dropFirst().first.map(String.init) ?? "0") ?? 0
    }
    return 0
}

func benchParse(path: String, repeats: Int) throws {
    let baseline = peakResidentKiB()
    let text = SourceText(path: path, bytes: try SILParser.readFile(path))
    var best = Double.infinity
    var module: Module? = nil
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        module = try SILParser.parse(text)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        best = min(best, seconds)
    }
    let m = module!
    let mb = Double(text.bytes.count) / 1e6
    let instructions = m.functions.reduce(0) { $0 + $1.instructions.count }
    let blocks = m.functions.reduce(0) { $0 + $1.blocks.count }
    print("file: \(path)")
    print(String(format: "size: %.2f MB, %d lines", mb, m.lineCount))
    print("functions: \(m.functions.count) (\(m.functions.filter(\.isDefinition).count) with bodies), blocks: \(blocks), instructions: \(instructions)")
    print("vtables: \(m.vtables.count), witness tables: \(m.witnessTables.count), globals: \(m.globals.count), declarations: \(m.typeDeclarations.count), scopes: \(m.scopes.count)")
    print(String(format: "parse: best of %d = %.3f s, %.0f MB/s", repeats, best, mb / best))
    let peak = peakResidentKiB()
    print(String(format: "peak RSS: %.1f MB; above the %.1f MB process baseline: %.1f MB (%.2f× input)",
                 Double(peak) / 1024, Double(baseline) / 1024, Double(peak - baseline) / 1024,
                 Double(peak - baseline) * 1024 / Double(text.bytes.count)))
}

func benchAnalyze(path: String, repeats: Int) throws {
    let text = SourceText(path: path, bytes: try SILParser.readFile(path))
    var bestParse = Double.infinity, bestAnalysis = Double.infinity
    var result: AnalysisResult? = nil
    for _ in 0..<repeats {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let module = try SILParser.parse(text)
        let t1 = DispatchTime.now().uptimeNanoseconds
        result = Analyzer(module: module).run()
        let t2 = DispatchTime.now().uptimeNanoseconds
        bestParse = min(bestParse, Double(t1 - t0) / 1e9)
        bestAnalysis = min(bestAnalysis, Double(t2 - t1) / 1e9)
    }
    let r = result!
    print("file: \(path) (\(String(format: "%.2f", Double(text.bytes.count) / 1e6)) MB)")
    print("entries: \(r.entries.count) (\(r.entries.filter { $0.bound != nil }.count) bounded), functions summarised: \(r.functionsAnalyzed) of \(r.functionsParsed)")
    print(String(format: "parse: %.3f s, analysis: %.3f s, total: %.3f s (best of %d)", bestParse, bestAnalysis, bestParse + bestAnalysis, repeats))
    print(String(format: "peak RSS: %.1f MB", Double(peakResidentKiB()) / 1024))
}

/// A kernel-like module: per unit a class, a global, a helper with a bounded loop and a call
/// chain, a string builder and a dictionary user, and a system call entry.
func generateModule(units: Int) -> String {
    var s = """
    @inline(never) @_optimize(none) @_semantics("maxlive.loop_bound") public func maxliveLoopBound(_ n: Int) {}
    public final class Inode { var number: Int = 0; var size: Int = 0; var links: Int8 = 0; var next: Inode? = nil }
    nonisolated(unsafe) public var table: [Int: Int] = [:]

    """
    for i in 0..<units {
        s += """
        public final class Object\(i) { var a: Int = \(i); var b: Int8 = 0; var c: Int32 = 0; var next: Object\(i)? = nil }
        nonisolated(unsafe) public var global\(i): Object\(i)? = nil
        @inline(never) public func helper\(i)(_ n: Int) -> Int {
            var sum = 0
            for k in 0..<n { maxliveLoopBound(8); let o = Object\(i)(); o.a = k; global\(i) = o; sum &+= o.a }
            if n > \(i % 7) { sum &+= \(i == 0 ? "1" : "helper\(i - 1)(n - 1)") }
            return sum
        }
        @inline(never) public func describe\(i)(_ n: Int) -> String { "unit \(i) value \\(n) of \\(n &* 3)" }
        @inline(never) public func count\(i)(_ n: Int) -> Int { table[n &+ \(i), default: 0] &+= 1; return table.count }
        @_semantics("maxlive.entry") public func sys_unit\(i)(_ n: Int) -> Int { helper\(i)(n) &+ count\(i)(n) &+ describe\(i)(n).utf8.count }

        """
    }
    return s
}

func benchGenerated(units: Int, repeats: Int) throws {
    let dir = NSTemporaryDirectory() + "maxlive-bench-\(ProcessInfo.processInfo.processIdentifier)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let source = dir + "/Generated.swift", sil = dir + "/Generated.sil"
    try? FileManager.default.removeItem(atPath: sil)
    let text = generateModule(units: units)
    try text.write(toFile: source, atomically: true, encoding: .utf8)
    let t0 = Date()
    let compiler = SILCompiler(sources: [source], moduleName: "Generated", target: "x86_64-unknown-linux-gnu",
                               embedded: true, optimization: "-Osize")
    try compiler.compile { try FileManager.default.copyItem(atPath: $0, toPath: sil) }
    print("generated \(units) units, \(text.split(separator: "\n").count) lines of Swift; swiftc -emit-sil took \(String(format: "%.1f", Date().timeIntervalSince(t0))) s")
    try benchAnalyze(path: sil, repeats: repeats)
}

func option(_ name: String, _ fallback: Int) -> Int {
    let a = Array(CommandLine.arguments)
    if let i = a.firstIndex(of: name), i + 1 < a.count, let n = Int(a[i + 1]) { return n }
    return fallback
}

let args = Array(CommandLine.arguments.dropFirst())
do {
    switch (args.first, args.dropFirst().first) {
    case ("parse", let path?): try benchParse(path: path, repeats: option("--repeat", 5))
    case ("analyze", let path?): try benchAnalyze(path: path, repeats: option("--repeat", 3))
    case ("generate", _): try benchGenerated(units: option("--units", 300), repeats: option("--repeat", 3))
    default:
        print("usage: maxlive-bench parse FILE.sil [--repeat N] | analyze FILE.sil [--repeat N] | generate [--units N] [--repeat N]")
        exit(args.isEmpty ? 0 : 1)
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
