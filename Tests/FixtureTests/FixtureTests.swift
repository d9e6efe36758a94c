// Ground truth: every program in Fixtures/ states the peak it really reaches (derived
// from the layout rules and confirmed by running it under a counting allocator) and,
// where the analysis is knowingly looser or cannot bound it yet, the bound maxlive must
// give and why. For every entry this test checks:
//
//   1. the analysis gives exactly the stated bound (or the peak, when none is stated);
//   2. soundness: the peak measured at run time never exceeds the bound;
//   3. the fixture itself: the measured peak equals the stated peak.
//
// Lines in a fixture:
//   // expect: NAME peak N            the true worst-case peak of one call
//   // expect: NAME unbounded         no finite bound exists
//   // maxlive: NAME bound N (why)    the analysis is looser than the peak, for a stated reason
//   // maxlive: NAME unbounded (why)  the analysis cannot bound it yet, for a stated reason

import Analysis
import CFrontEnd
import Foundation
import SILModel
import SILParser
import Testing
import TestSupport

struct FixtureExpectation {
    var peak: Int?            // nil: unbounded
    var analysis: Int??       // nil: same as peak; .some(nil): unbounded
}

enum Fixtures {
    static let root = PackageRoot.path

    /// Every fixture, or those `MAXLIVE_FIXTURES` names (`evicting_rings,cow_rings`) for a
    /// quick run while editing one model.
    static var files: [String] {
        let dir = root + "/Fixtures"
        let all = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".swift") }.sorted()
        guard let only = selected else { return all }
        return all.filter { only.contains(String($0.dropLast(".swift".count))) }
    }

    static var selected: Set<String>? {
        guard let names = ProcessInfo.processInfo.environment["MAXLIVE_FIXTURES"], !names.isEmpty else { return nil }
        return Set(names.split(separator: ",").map { String($0) })
    }

    static func expectations(_ text: String) -> [String: FixtureExpectation] {
        var result: [String: FixtureExpectation] = [:]
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ").map(String.init)
            guard words.count >= 4, words[0] == "//" else { continue }
            let name = words[2]
            if words[1] == "expect:" {
                var e = result[name] ?? FixtureExpectation(peak: nil, analysis: nil)
                e.peak = words[3] == "peak" && words.count >= 5 ? Int(words[4]) : nil
                result[name] = e
            } else if words[1] == "maxlive:" {
                var e = result[name] ?? FixtureExpectation(peak: nil, analysis: nil)
                e.analysis = words[3] == "bound" && words.count >= 5 ? .some(Int(words[4])) : .some(nil)
                result[name] = e
            }
        }
        return result
    }

    /// Runs Fixtures/measure; `optimization` replaces its -Osize (the build, SIL and IR alike).
    static func run(_ arguments: [String], optimization: String? = nil) throws -> (status: Int32, output: String) {
        try SILTestSupport.run("/bin/bash", [root + "/Fixtures/measure"] + arguments,
                               environment: optimization.map { ["MAXLIVE_OPT": $0] } ?? [:])
    }
}

/// One checked entry, for the precision summary.
struct PrecisionRow {
    var fixture: String
    var entry: String
    var bound: Int?
    var measured: Int?
    var why: String?
}

@Suite("Fixtures: analysis against ground truth")
struct FixtureTests {
    /// Checks one fixture; returns its rows for the summary. At another level than the
    /// fixtures' own (-Osize) only soundness is checked: the stated bounds and peaks are -Osize's.
    func check(_ file: String, optimization: String? = nil) throws -> [PrecisionRow] {
        let path = Fixtures.root + "/Fixtures/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let expectations = Fixtures.expectations(text)
        try #require(!expectations.isEmpty, "\(file) has no '// expect:' lines")

        // The analysis, on exactly the SIL the fixture compiles to.
        let sil = NSTemporaryDirectory() + "fixture-\(UUID().uuidString.prefix(8)).sil"
        defer { try? FileManager.default.removeItem(atPath: sil) }
        let emitted = try Fixtures.run(["--sil", path, sil], optimization: optimization)
        try #require(emitted.status == 0, "\(emitted.output)")
        // A fixture with C (NAME.c) has its functions read with libclang and joined by symbol;
        // its heap API is Support/kalloc.c's kmalloc/kfree.
        var options = AnalysisOptions()
        let cPath = String(path.dropLast(".swift".count)) + ".c"
        if FileManager.default.fileExists(atPath: cPath) {
            var api = ForeignAllocatorAPI()
            api.allocators["kmalloc"] = 0
            api.deallocators["kfree"] = 0
            options.foreignFunctions = try CFunctionReader.read(path: cPath, arguments: ["-I", Fixtures.root + "/Fixtures/Support"], api: api)
        }
        // Coroutine frames come from the LLVM IR of the same build (only needed with begin_apply).
        let module = try SILParser.parse(path: sil)
        if module.functions.contains(where: { f in f.instructions.contains { $0.opcode == .beginApply } }) {
            let ir = String(sil.dropLast(".sil".count)) + ".ll"
            defer { try? FileManager.default.removeItem(atPath: ir) }
            let emittedIR = try Fixtures.run(["--ir", path, ir], optimization: optimization)
            try #require(emittedIR.status == 0, "\(emittedIR.output)")
            options.coroutineFrames = CoroutineFrameReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: ir))))
        }
        // Every allocation is checked against IRGen's output of the same build.
        let irgen = String(sil.dropLast(".sil".count)) + ".irgen.ll"
        defer { try? FileManager.default.removeItem(atPath: irgen) }
        let emittedIRGen = try Fixtures.run(["--irgen", path, irgen], optimization: optimization)
        try #require(emittedIRGen.status == 0, "\(emittedIRGen.output)")
        options.compilerAllocations = CompilerAllocations.read(Array(try Data(contentsOf: URL(fileURLWithPath: irgen))))
        let result = Analyzer(module: module, options: options).run()
        let check = try #require(result.compilerCheck)
        Self.checked.add(check)
        let bounds = Dictionary(result.entries.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        if optimization == nil { try checkItemizedPeaks(file, module: module, options: options, bounds: bounds) }

        // The run: measured max per entry.
        let measuredRun = try Fixtures.run([path], optimization: optimization)
        try #require(measuredRun.status == 0, "\(measuredRun.output)")
        var measured: [String: Int] = [:]
        for line in measuredRun.output.split(separator: "\n") {
            let cols = line.split(separator: "\t")
            if cols.count == 3, cols[1] == "max", let n = Int(cols[2]) { measured[String(cols[0])] = n }
        }

        var rows: [PrecisionRow] = []
        for (name, expectation) in expectations.sorted(by: { $0.key < $1.key }) {
            let entry = try #require(bounds[name], "\(file): no entry '\(name)' in the analysis")
            let wanted: Int? = expectation.analysis ?? expectation.peak
            #expect(optimization != nil || entry.bound == wanted, "\(file): \(name) bound \(entry.bound.map(String.init) ?? "unbounded"), expected \(wanted.map(String.init) ?? "unbounded"); reasons: \(entry.reasons.map(\.message))")
            if let bound = entry.bound {
                // explain: the worst-case path's frames add up to the bound.
                let shown = entry.path.reduce(0) { $0 + $1.bytes }
                #expect(shown == bound, "\(file): \(name) path frames add up to \(shown) B, bound \(bound) B: \(entry.path.map { "\($0.function) \($0.bytes)" })")
            }
            if let m = measured[name] {
                if let bound = entry.bound {
                    #expect(m <= bound, "SOUNDNESS: \(file): \(name) measured \(m) B > bound \(bound) B")
                }
                if let peak = expectation.peak, optimization == nil { #expect(m == peak, "\(file): \(name) measured \(m), fixture says \(peak)") }
            }
            let why = text.split(separator: "\n").first { $0.hasPrefix("// maxlive: \(name) ") }
                .flatMap { line in line.firstIndex(of: "(").map { String(line[$0...]) } }
            rows.append(PrecisionRow(fixture: file, entry: name, bound: entry.bound, measured: measured[name], why: why))
        }
        return rows
    }

    /// `explain`'s breakdown: itemizing changes no bound, and each bounded entry's live
    /// allocations add up to its bound with every byte taken apart (but for C code and a
    /// recursion's deeper levels), each at a line of the program.
    func checkItemizedPeaks(_ file: String, module: Module, options: AnalysisOptions, bounds: [String: EntryResult]) throws {
        var itemizing = options
        itemizing.itemizePeaks = true
        let result = Analyzer(module: module, options: itemizing).run()
        for entry in result.entries {
            let plain = try #require(bounds[entry.name])
            #expect(entry.bound == plain.bound, "\(file): \(entry.name) bound \(entry.bound.map(String.init) ?? "unbounded") when itemizing, \(plain.bound.map(String.init) ?? "unbounded") otherwise")
            guard let bound = entry.bound, entry.kind != .iteration else { continue }
            let parts = entry.liveAllocations
            #expect(parts.reduce(0) { $0 + $1.bytes } == bound, "\(file): \(entry.name) items add up to \(parts.reduce(0) { $0 + $1.bytes }), bound \(bound)")
            let rest = parts.filter { $0.allocation.what.hasPrefix("the rest of the bound") }
            let mayLeaveRest = file.hasPrefix("c_") || file.contains("recursion")
            #expect(rest.isEmpty || mayLeaveRest, "\(file): \(entry.name): \(rest.first?.bytes ?? 0) B of \(bound) B not itemized")
            for p in parts where p.bytes > 0 {
                #expect(p.count > 0 && p.allocation.file.map { !$0.hasPrefix("<") } ?? true,
                        "\(file): \(entry.name): \(p.count) × \(p.allocation.what) at \(p.allocation.file ?? "?")")
            }
        }
    }

    @Test("Every fixture: exact bound, soundness, measured peak; then the precision summary")
    func fixtures() throws {
        var rows: [PrecisionRow] = []
        for file in Fixtures.files {
            do { rows += try check(file) } catch { Issue.record("\(file): \(error)") }
        }
        #expect(Fixtures.selected != nil || rows.count >= 40)
        print(Self.summary(rows))
        let totals = Self.checked.totals
        print("checked against IRGen's output: \(totals.allocationSites) heap allocation sites in \(totals.functions) functions, \(totals.mismatches) mismatches")
        #expect(totals.allocationSites > 0)
    }

    @Test("Every fixture at -Onone (as the build plugin analyses it): no bound below the measured peak")
    func fixturesUnoptimized() throws {
        var rows: [PrecisionRow] = []
        // A 32-bit fixture's -Onone build needs runtime functions its small i386 runtime lacks.
        for file in Fixtures.files where !(try String(contentsOfFile: Fixtures.root + "/Fixtures/" + file, encoding: .utf8)).contains("// target: i686") {
            do { rows += try check(file, optimization: "-Onone") } catch { Issue.record("\(file) at -Onone: \(error)") }
        }
        print(Self.summary(rows).replacingOccurrences(of: "fixture precision", with: "fixture precision at -Onone"))
        let bounded = rows.filter { $0.bound != nil && $0.measured != nil }.count
        // The entries bounded at -Onone with the stack-slot models for arrays and hash tables;
        // fewer is a regression.
        #expect(Fixtures.selected != nil || bounded >= 143, "\(bounded) of \(rows.count) fixture entries bounded at -Onone")
    }

    /// The IR check's figures over every fixture.
    final class CheckTotals: @unchecked Sendable {
        private(set) var totals = CompilerCheckStats(functions: 0, allocationSites: 0, mismatches: 0)
        func add(_ s: CompilerCheckStats) {
            totals.functions += s.functions
            totals.allocationSites += s.allocationSites
            totals.mismatches += s.mismatches
        }
    }
    static let checked = CheckTotals()

    /// Per entry bound ÷ measured peak, then median, 90th percentile and maximum, with the
    /// reason wherever the bound is looser than the peak or missing.
    static func summary(_ rows: [PrecisionRow]) -> String {
        var out = "fixture precision (bound ÷ measured peak):\n"
        var ratios: [Double] = []
        for r in rows {
            let bound = r.bound.map { "\($0) B" } ?? "unbounded"
            let measured = r.measured.map { "\($0) B" } ?? "-"
            var ratio = ""
            if let b = r.bound, let m = r.measured, m > 0 {
                let x = Double(b) / Double(m)
                ratios.append(x)
                ratio = String(format: "%.2f", x)
            }
            out += "  \(r.entry.padding(toLength: 22, withPad: " ", startingAt: 0)) \(bound.padding(toLength: 11, withPad: " ", startingAt: 0)) measured \(measured.padding(toLength: 8, withPad: " ", startingAt: 0)) \(ratio)\(r.why.map { "  " + $0 } ?? "")\n"
        }
        ratios.sort()
        if !ratios.isEmpty {
            let median = ratios[ratios.count / 2]
            let p90 = ratios[min(ratios.count - 1, Int((Double(ratios.count) * 0.9).rounded(.up)) - 1)]
            let unbounded = rows.filter { $0.bound == nil }.count
            out += String(format: "  %d entries, %d bounded; %d ratios: median %.2f, 90th percentile %.2f, max %.2f; %d entries unbounded\n",
                          rows.count, rows.count - unbounded, ratios.count, median, p90, ratios.last!, unbounded)
        }
        return out
    }
}
