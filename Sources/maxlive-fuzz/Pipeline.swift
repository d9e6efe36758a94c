// One program through the real tools: `Fixtures/measure` (peaks under the counting
// allocator), `Fixtures/measure --sil` / `--irgen` / `--ir` (the same build's SIL, IRGen output and LLVM IR), then
// `maxlive analyze --format json`; the verdict per entry.

import Foundation

struct EntryVerdict: Equatable {
    let name: String
    /// Max measured peak over the entry's inputs (nil: not measured).
    let measured: Int?
    /// maxlive's bound (nil: unbounded).
    let bound: Int?
    /// The input that reached the measured max.
    let worstInput: Int?

    var isViolation: Bool {
        if let m = measured, let b = bound { return m > b }
        return false
    }
}

enum Outcome {
    case analyzed([EntryVerdict])
    case compileFailure(String)
    case runFailure(String)
    case analyzerFailure(String)
}

/// The subset of `maxlive analyze --format json` the fuzzer reads.
struct AnalyzeReport: Decodable {
    struct Entry: Decodable {
        let name: String
        let status: String
        let bound: Int?
    }
    let entries: [Entry]
}

struct Pipeline {
    /// The package root: holds `Fixtures/measure`.
    let root: String
    let maxlive: String
    var timeoutSeconds = 300

    var measureScript: String { root + "/Fixtures/measure" }

    /// Writes `source` to `dir/prog.swift` and runs every tool. `needIR` false skips the IR
    /// when the SIL has no coroutine call (the reducer's shortcut; the IR only matters there).
    func evaluate(_ source: String, in dir: String, alwaysIR: Bool = true) -> Outcome {
        let fm = FileManager.default
        try? fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let prog = dir + "/prog.swift", sil = dir + "/prog.sil", ll = dir + "/prog.ll", irgen = dir + "/prog.irgen.ll"
        try? source.write(toFile: prog, atomically: true, encoding: .utf8)

        // The run and the SIL build in parallel (two cores), then the IR.
        let measure = start([measureScript, prog], out: dir + "/measure.out", err: dir + "/measure.err")
        let silRun = start([measureScript, "--sil", prog, sil], out: dir + "/sil.out", err: dir + "/sil.err")
        silRun?.waitUntilExit()
        let silOK = silRun?.terminationStatus == 0
        var irOK = false
        var irgenOK = false
        if silOK {
            // IRGen's output: maxlive checks every allocation against it.
            let gen = start([measureScript, "--irgen", prog, irgen], out: dir + "/irgen.out", err: dir + "/irgen.err")
            gen?.waitUntilExit()
            irgenOK = gen?.terminationStatus == 0
            let text = (try? String(contentsOfFile: sil, encoding: .utf8)) ?? ""
            if alwaysIR || text.contains("begin_apply") {
                let ir = start([measureScript, "--ir", prog, ll], out: dir + "/ir.out", err: dir + "/ir.err")
                ir?.waitUntilExit()
                irOK = ir?.terminationStatus == 0
            }
        }
        measure?.waitUntilExit()
        let measureErr = read(dir + "/measure.err")
        guard let measure, measure.terminationStatus == 0 else {
            if measureErr.contains("error:") || !silOK { return .compileFailure(firstErrors(measureErr + read(dir + "/sil.err"))) }
            return .runFailure("exit \(measure?.terminationStatus ?? -1): " + String(measureErr.suffix(600)))
        }
        guard silOK else { return .compileFailure(firstErrors(read(dir + "/sil.err"))) }

        var args = [maxlive, "analyze", "--sil", sil, "--format", "json", "-o", dir + "/report.json"]
        if irOK { args += ["--llvm-ir", ll] }
        if irgenOK { args += ["--irgen", irgen] }
        let analyze = start(args, out: dir + "/analyze.out", err: dir + "/analyze.err")
        analyze?.waitUntilExit()
        let status = analyze?.terminationStatus ?? -1
        guard status == 0 || status == 2,
              let data = fm.contents(atPath: dir + "/report.json"),
              let report = try? JSONDecoder().decode(AnalyzeReport.self, from: data)
        else {
            return .analyzerFailure("exit \(status): " + String(read(dir + "/analyze.err").prefix(800)))
        }
        let measured = Self.parseMeasure(read(dir + "/measure.out"))
        var verdicts: [EntryVerdict] = []
        for name in Self.entryNames(source) {
            let e = report.entries.first { $0.name == name }
            let bound = e?.status == "bounded" ? e?.bound : nil
            verdicts.append(EntryVerdict(name: name, measured: measured[name]?.max, bound: bound,
                                         worstInput: measured[name]?.input))
        }
        return .analyzed(verdicts)
    }

    /// Entries in the order of the program's `// inputs:` lines.
    static func entryNames(_ source: String) -> [String] {
        source.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("// inputs: ") else { return nil }
            return line.dropFirst("// inputs: ".count).split(separator: " ").first.map(String.init)
        }
    }

    /// `entry \t input \t peak` lines → per entry the max peak and the first input reaching it.
    static func parseMeasure(_ text: String) -> [String: (max: Int, input: Int)] {
        var result: [String: (max: Int, input: Int)] = [:]
        for line in text.split(separator: "\n") {
            let cols = line.split(separator: "\t").map(String.init)
            guard cols.count == 3, cols[1] != "max", let x = Int(cols[1]), let p = Int(cols[2]) else { continue }
            if let r = result[cols[0]], r.max >= p { continue }
            result[cols[0]] = (p, x)
        }
        return result
    }

    private func firstErrors(_ text: String) -> String {
        let lines = text.split(separator: "\n").filter { $0.contains("error:") }
        return lines.prefix(3).joined(separator: "\n")
    }

    private func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// Starts `args` under `timeout` (which kills the whole process group when it expires).
    private func start(_ args: [String], out: String, err: String) -> Process? {
        FileManager.default.createFile(atPath: out, contents: nil)
        FileManager.default.createFile(atPath: err, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        p.arguments = ["-k", "5", "\(timeoutSeconds)"] + args
        p.standardOutput = FileHandle(forWritingAtPath: out)
        p.standardError = FileHandle(forWritingAtPath: err)
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        return p
    }
}
