// Benchmarks for maxlive (release build): `swift run -c release maxlive-bench --help`.
//
//   maxlive-bench parse FILE.sil [--repeat N]   parse throughput (MB/s) and peak memory
//
// Figures are printed, never asserted: speed targets live here, not in tests.

import Foundation
import SILModel
import SILParser

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

let args = CommandLine.arguments.dropFirst()
if args.first == "parse", let path = args.dropFirst().first {
    var repeats = 5
    if let i = args.firstIndex(of: "--repeat"), i + 1 < args.endIndex, let n = Int(args[i + 1]) { repeats = n }
    do { try benchParse(path: path, repeats: repeats) } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(1)
    }
} else {
    print("usage: maxlive-bench parse FILE.sil [--repeat N]")
    exit(args.isEmpty ? 0 : 1)
}
