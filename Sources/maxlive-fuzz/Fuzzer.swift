// The batch loop: generate, evaluate, report one line per program, save and reduce
// violations, count everything for the summary line.

import Foundation

struct FuzzSummary {
    var programs = 0
    var entries = 0
    var violations = 0
    var unbounded = 0
    var compileFailures = 0
    var runFailures = 0
    var analyzerFailures = 0
    /// Violating (entry, bound, measured, saved path, reduced path) in order.
    var findings: [(entry: String, bound: Int, measured: Int, program: String, reduced: String?, shape: String)] = []

    var line: String {
        let pct = entries == 0 ? 0 : Double(unbounded) * 100 / Double(entries)
        var extra = ""
        if runFailures > 0 || analyzerFailures > 0 {
            extra = "fuzz: also \(runFailures) run failures, \(analyzerFailures) analyzer failures\n"
        }
        var shapes: [String: Int] = [:]
        for f in findings { shapes[f.shape, default: 0] += 1 }
        if !shapes.isEmpty {
            extra += "fuzz: violations by shape (guessed from the reduced program): "
                + shapes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
        }
        return extra + "fuzz: \(programs) programs, \(entries) entries, \(violations) violations, \(unbounded) unbounded (\(String(format: "%.1f", pct))%), \(compileFailures) compile failures"
    }
}

struct Fuzzer {
    let pipeline: Pipeline
    let saveDir: String
    let keep: Bool
    let reduce: Bool
    let reduceSeconds: Double
    let maxReductions: Int

    mutating func run(programSeeds: [UInt64], log: (String) -> Void) -> FuzzSummary {
        var summary = FuzzSummary()
        let fm = FileManager.default
        let work = NSTemporaryDirectory() + "maxlive-fuzz-\(ProcessInfo.processInfo.processIdentifier)"
        try? fm.createDirectory(atPath: work, withIntermediateDirectories: true)
        var reductions = 0
        for (index, programSeed) in programSeeds.enumerated() {
            let program = ProgramGenerator.generate(seed: programSeed)
            let source = program.render()
            let dir = work + "/p\(index)"
            let head = "[\(index)] seed \(programSeed) (\(program.lineCount) lines):"
            summary.programs += 1
            switch pipeline.evaluate(source, in: dir) {
            case .compileFailure(let why):
                summary.compileFailures += 1
                let path = saveFile(source, "compile-failures/seed-\(programSeed).swift", header: why)
                log("\(head) COMPILE FAILURE (\(path)) \(why.split(separator: "\n").first ?? "")")
            case .runFailure(let why):
                summary.runFailures += 1
                let path = saveFile(source, "run-failures/seed-\(programSeed).swift", header: why)
                log("\(head) RUN FAILURE (\(path)) \(why.prefix(200))")
            case .analyzerFailure(let why):
                summary.analyzerFailures += 1
                let path = saveFile(source, "analyzer-failures/seed-\(programSeed).swift", header: why)
                log("\(head) ANALYZER FAILURE (\(path)) \(why.prefix(200))")
            case .analyzed(let verdicts):
                var parts: [String] = []
                for v in verdicts {
                    summary.entries += 1
                    let m = v.measured.map(String.init) ?? "-"
                    guard let b = v.bound else {
                        summary.unbounded += 1
                        parts.append("\(v.name) \(m)/unbounded")
                        continue
                    }
                    parts.append("\(v.name) \(m)/\(b)" + (v.isViolation ? " VIOLATION" : ""))
                }
                log("\(head) " + parts.joined(separator: ", "))
                for v in verdicts where v.isViolation {
                    summary.violations += 1
                    let header = "VIOLATION entry \(v.name): bound \(v.bound!) B, measured peak \(v.measured!) B (input \(v.worstInput ?? -1))"
                    let path = saveFile(source, "seed-\(programSeed)-\(v.name).swift", header: header)
                    var reducedPath: String?
                    var shape = "unreduced"
                    if reduce && reductions < maxReductions {
                        reductions += 1
                        var r = Reducer(pipeline: pipeline, entry: v.name, workDir: work + "/reduce-\(index)-\(v.name)",
                                        seconds: reduceSeconds)
                        let small = r.reduce(program, worstInput: v.worstInput)
                        let rv = r.verdict ?? v
                        let rh = "VIOLATION entry \(v.name): bound \(rv.bound!) B, measured peak \(rv.measured!) B (reduced in \(r.tests) tests)"
                        shape = ShapeTagger.tags(small.render()).joined(separator: "+")
                        reducedPath = saveFile(small.render(), "seed-\(programSeed)-\(v.name)-reduced.swift",
                                               header: rh + "\nshape (guessed): " + shape)
                        try? fm.removeItem(atPath: work + "/reduce-\(index)-\(v.name)")
                    }
                    summary.findings.append((v.name, v.bound!, v.measured!, path, reducedPath, shape))
                    log("  violation saved: \(path)" + (reducedPath.map { "\n  reduced: \($0) (shape: \(shape))" } ?? ""))
                }
            }
            if keep {
                log("  kept \(dir)")
            } else {
                try? fm.removeItem(atPath: dir)
            }
        }
        if !keep { try? fm.removeItem(atPath: work) }
        return summary
    }

    /// Writes `source` under the save folder with `header` as leading comment lines.
    private func saveFile(_ source: String, _ relative: String, header: String) -> String {
        let path = saveDir + "/" + relative
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        let comment = header.split(separator: "\n").map { "// " + $0 }.joined(separator: "\n")
        try? (comment + "\n" + source).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
