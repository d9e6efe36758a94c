// `.maxlive.yml` and options files: where they are found, what wins, and located errors.

import Foundation
import Testing
import TestSupport

@Suite("Configuration file", .serialized)
struct ConfigurationTests {
    /// A project folder: `src/list.swift` (the README's program: `build` bounded by a marker,
    /// `grow` unbounded) and `.maxlive.yml` at the top.
    func project(_ configuration: String) throws -> String {
        let dir = SILTestSupport.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/src", withIntermediateDirectories: true)
        try (program + "\npublic func helper() -> Node { Node(nil) }\n").write(toFile: dir + "/src/list.swift", atomically: true, encoding: .utf8)
        try configuration.write(toFile: dir + "/.maxlive.yml", atomically: true, encoding: .utf8)
        return dir
    }

    func json(_ stdout: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
    }

    func bounds(_ report: [String: Any]) -> [String: Int] {
        let entries = (report["entries"] as? [[String: Any]]) ?? []
        return Dictionary(uniqueKeysWithValues: entries.compactMap { e in (e["name"] as? String).map { ($0, e["bound"] as? Int ?? -1) } })
    }

    @Test("Found from the sources' folder up; its options apply; the command line wins")
    func foundAndApplied() throws {
        let dir = try project("""
            embedded: true
            granularity: 16
            entries: [helper]
            """)
        // Run from elsewhere: the file is found from the source's folder, not the working directory.
        let r = try Tool.run(["analyze", "--format", "json", dir + "/src/list.swift"], in: "/")
        #expect(r.status == 2, "\(r.stderr)")
        // 10 Nodes of 24 B, each rounded to 32 by the granularity.
        #expect(bounds(try json(r.stdout))["build"] == 320, "\(r.stdout.prefix(600))")
        #expect(bounds(try json(r.stdout))["helper"] == 32, "entries: from the file")
        let cli = try Tool.run(["analyze", "--format", "json", "--granularity", "8", "src/list.swift"], in: dir)
        #expect(bounds(try json(cli.stdout))["build"] == 240)
        let none = try Tool.run(["analyze", "--format", "json", "--no-config", "--embedded", "src/list.swift"], in: dir)
        #expect(bounds(try json(none.stdout))["build"] == 240)
        #expect(!bounds(try json(none.stdout)).keys.contains("helper"))
    }

    @Test("optimization-levels: every level analysed, each entry keeps its largest bound")
    func levels() throws {
        let dir = try project("embedded: true\r\noptimization-levels: [Onone, Osize]\r\n")    // CRLF
        let r = try Tool.run(["table", "src/list.swift", "--output", "T.swift", "--entry", "build"], in: dir)
        // grow is unbounded at every level: no table.
        #expect(r.status == 2)
        try program.replacingOccurrences(of: "for _ in 0..<n { head = Node(head) }", with: "head = Node(head)")
            .write(toFile: dir + "/src/list.swift", atomically: true, encoding: .utf8)
        let ok = try Tool.run(["table", "src/list.swift", "--output", "T.swift"], in: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
        let table = try String(contentsOfFile: dir + "/T.swift", encoding: .utf8)
        #expect(table.contains("largest of -Onone and -Osize"), "\(table)")
        // A level chosen on the command line wins over the file's list.
        _ = try Tool.run(["table", "--O", "src/list.swift", "--output", "T.swift"], in: dir)
        #expect(try String(contentsOfFile: dir + "/T.swift", encoding: .utf8).contains("from Main (1 source path) with .maxlive.yml, -O."))
    }

    @Test("Errors in the file are file:line:col: error:, exit status 1", arguments: [
        ("embedded: true\nentrys: [a]\n", "2:1: error: unknown option 'entrys'"),
        ("granularity: many\n", "1:14: error: granularity must be an integer"),
        ("granularity: 0\n", "1:14: error: granularity must be at least 1, not 0"),
        ("optimization-levels: [O, Ofast]\n", "1:26: error: unknown optimization level 'Ofast'"),
        ("c-allocators: [kmalloc]\n", "1:16: error: expected NAME:ARGUMENT"),
        ("embedded: [true\n", "2:1: error: did not find expected ',' or ']' (not valid YAML)"),
        ("- embedded\n", "1:1: error: expected a mapping of options"),
        ("pointer-width: 48\n", "1:16: error: pointer-width must be 32 or 64"),
    ])
    func locatedErrors(_ text: String, _ expected: String) throws {
        let dir = try project(text)
        let r = try Tool.run(["analyze", "src/list.swift"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains(dir + "/.maxlive.yml:"), "\(r.stderr)")
        #expect(r.stderr.contains(expected), "\(r.stderr)")
    }

    @Test("Options files: CRLF line ends work, and a bad option is reported at its line")
    func optionsFiles() throws {
        let dir = try project("embedded: true\n")
        try "# options\r\n--granularity\r\n16\r\n".write(toFile: dir + "/opts", atomically: true, encoding: .utf8)
        let r = try Tool.run(["analyze", "--format", "json", "--options-file", "opts", "src/list.swift"], in: dir)
        #expect(bounds(try json(r.stdout))["build"] == 320, "\(r.stderr)")
        try "--granularity\n16\n  --granularty\n4\n".write(toFile: dir + "/bad", atomically: true, encoding: .utf8)
        let bad = try Tool.run(["analyze", "--options-file", "bad", "src/list.swift"], in: dir)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad:3:3: error:"), "\(bad.stderr)")
        #expect(bad.stderr.contains("--granularty"), "\(bad.stderr)")
    }

    @Test("A pointer width from the file that contradicts the build names the file")
    func pointerWidthFromTheFile() throws {
        let dir = try project("embedded: true\npointer-width: 32\n")
        let r = try Tool.run(["analyze", "src/list.swift"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains(".maxlive.yml: pointer-width 32 contradicts the compiled SIL, compiled for a 64-bit target"), "\(r.stderr)")
    }
}
