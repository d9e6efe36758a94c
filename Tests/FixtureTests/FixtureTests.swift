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
import Foundation
import SILParser
import Testing
import TestSupport

struct FixtureExpectation {
    var peak: Int?            // nil: unbounded
    var analysis: Int??       // nil: same as peak; .some(nil): unbounded
}

enum Fixtures {
    static let root = PackageRoot.path

    static var files: [String] {
        let dir = root + "/Fixtures"
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
            .filter { $0.hasSuffix(".swift") }.sorted()
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

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [root + "/Fixtures/measure"] + arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// Tightness of every bounded entry, collected for the summary.
final class TightnessLog: @unchecked Sendable {
    static let shared = TightnessLog()
    private let lock = NSLock()
    private(set) var rows: [(String, Int, Int)] = []
    func add(_ name: String, bound: Int, measured: Int) {
        lock.lock(); rows.append((name, bound, measured)); lock.unlock()
    }
}

@Suite("Fixtures: analysis against ground truth")
struct FixtureTests {
    @Test("Bound, soundness and measured peak", arguments: Fixtures.files)
    func fixture(_ file: String) throws {
        let path = Fixtures.root + "/Fixtures/" + file
        let expectations = Fixtures.expectations(try String(contentsOfFile: path, encoding: .utf8))
        try #require(!expectations.isEmpty, "\(file) has no '// expect:' lines")

        // The analysis, on exactly the SIL the fixture compiles to.
        let sil = NSTemporaryDirectory() + "fixture-\(UUID().uuidString.prefix(8)).sil"
        defer { try? FileManager.default.removeItem(atPath: sil) }
        let emitted = try Fixtures.run(["--sil", path, sil])
        try #require(emitted.status == 0, "\(emitted.output)")
        let result = Analyzer(module: try SILParser.parse(path: sil)).run()
        let bounds = Dictionary(result.entries.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

        // The run: measured max per entry.
        let measuredRun = try Fixtures.run([path])
        try #require(measuredRun.status == 0, "\(measuredRun.output)")
        var measured: [String: Int] = [:]
        for line in measuredRun.output.split(separator: "\n") {
            let cols = line.split(separator: "\t")
            if cols.count == 3, cols[1] == "max", let n = Int(cols[2]) { measured[String(cols[0])] = n }
        }

        for (name, expectation) in expectations.sorted(by: { $0.key < $1.key }) {
            let entry = try #require(bounds[name], "\(file): no entry '\(name)' in the analysis")
            let wanted: Int? = expectation.analysis ?? expectation.peak
            #expect(entry.bound == wanted, "\(file): \(name) bound \(entry.bound.map(String.init) ?? "unbounded"), expected \(wanted.map(String.init) ?? "unbounded"); reasons: \(entry.reasons.map(\.message))")
            if let m = measured[name] {
                if let bound = entry.bound {
                    #expect(m <= bound, "SOUNDNESS: \(file): \(name) measured \(m) B > bound \(bound) B")
                    TightnessLog.shared.add(name, bound: bound, measured: m)
                }
                if let peak = expectation.peak { #expect(m == peak, "\(file): \(name) measured \(m), fixture says \(peak)") }
            }
        }
    }
}
