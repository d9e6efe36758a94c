// The fuzzer through the real tools: Fixtures/measure and maxlive on a short fixed batch,
// which must show no violation; and a maxlive stand-in with too small bounds, which must.

import Foundation
import Testing
@testable import maxlive_fuzz

@Suite("Fuzzer pipeline", .serialized)
struct PipelineTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Fixtures/measure").path) { return url.path }
        }
        return FileManager.default.currentDirectoryPath
    }()

    /// The maxlive built with these tests (the test target depends on it).
    static func maxlive() throws -> String {
        let candidates = [Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("maxlive").path,
                          root + "/.build/debug/maxlive"]
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) })
    }

    /// Program seeds whose entries maxlive currently bounds soundly (a regression makes the
    /// measured peak exceed a bound here).
    static let batch: [UInt64] = (0..<4).map { SplitMix64.programSeed(6, $0) }

    @Test("A fixed batch: measured peaks never exceed maxlive's bounds", .timeLimit(.minutes(2)))
    func fixedBatch() throws {
        let save = NSTemporaryDirectory() + "maxlive-fuzz-test-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: save) }
        var fuzzer = Fuzzer(pipeline: Pipeline(root: Self.root, maxlive: try Self.maxlive()), saveDir: save, keep: false,
                            reduce: false, reduceSeconds: 0, maxReductions: 0)
        var log: [String] = []
        let summary = fuzzer.run(programSeeds: Self.batch) { log.append($0) }
        let text = log.joined(separator: "\n") + "\n" + summary.line
        #expect(summary.violations == 0, "SOUNDNESS: \(text)")
        #expect(summary.compileFailures == 0 && summary.runFailures == 0 && summary.analyzerFailures == 0, "\(text)")
        #expect(summary.entries - summary.unbounded >= 4, "too few bounded entries to check anything: \(text)")
    }

    @Test("A bound below the measured peak is reported as a violation", .timeLimit(.minutes(1)))
    func detectsViolation() throws {
        let dir = NSTemporaryDirectory() + "maxlive-fuzz-fake-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A stand-in for maxlive that bounds every entry by 8 bytes.
        let fake = dir + "/fake-maxlive"
        try """
        #!/usr/bin/env bash
        out=""; while [ $# -gt 0 ]; do [ "$1" = -o ] && out="$2"; shift; done
        printf '{"entries":[{"name":"e0","status":"bounded","bound":8},{"name":"e1","status":"unbounded","bound":null}]}' > "$out"
        exit 2
        """.write(toFile: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake)
        let source = """
        final class Box { var v: Int = 0; var w: Int = 0 }
        nonisolated(unsafe) var gBox: Box? = nil
        @_semantics("maxlive.entry") public func e0(_ n: Int) -> Int { let b = Box(); b.v = n; gBox = b; return b.v }
        @_semantics("maxlive.entry") public func e1(_ n: Int) -> Int { n }
        public func fixtureReset() { gBox = nil }
        // inputs: e0 0 1
        // inputs: e1 0

        """
        let outcome = Pipeline(root: Self.root, maxlive: fake).evaluate(source, in: dir + "/p")
        guard case .analyzed(let verdicts) = outcome else {
            Issue.record("pipeline failed: \(outcome)")
            return
        }
        #expect(verdicts == [EntryVerdict(name: "e0", measured: 32, bound: 8, worstInput: 0),
                             EntryVerdict(name: "e1", measured: 0, bound: nil, worstInput: 0)])
        #expect(verdicts[0].isViolation && !verdicts[1].isViolation)
    }

    @Test("The reducer's cuts keep the program's structure")
    func reducerCuts() {
        let p = ProgramGenerator.generate(seed: 7)
        let paths = Reducer.removablePaths(p, entry: "e0")
        #expect(!paths.isEmpty)
        let cut = Reducer.removing(Set(paths.filter { $0.count == 1 }), from: p)
        // Only the target entry (and the derived reset and inputs) survive.
        #expect(cut.items.count == 1 && cut.entries.map(\.name) == ["e0"])
        #expect(cut.render().contains("public func fixtureReset()"))
    }
}
