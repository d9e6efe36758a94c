// The command line as users and scripts see it: exit statuses, the JSON schema,
// SARIF, located errors, the generated table and the baseline gate.

import Analysis
import Foundation
import Reports
import SILParser
import Testing
import TestSupport

enum Tool {
    static let root = PackageRoot.path

    /// The `maxlive` executable built alongside the tests.
    static let binary: String = {
        let candidates = [Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("maxlive").path,
                          Bundle.main.bundleURL.appendingPathComponent("maxlive").path,
                          root + "/.build/debug/maxlive"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }()

    static func run(_ arguments: [String], in dir: String, environment: [String: String] = [:]) throws
        -> (status: Int32, stdout: String, stderr: String) {
        let r = try SILTestSupport.runSeparately(binary, arguments, in: dir, environment: environment)
        return (r.status, String(decoding: r.stdout, as: UTF8.self), String(decoding: r.stderr, as: UTF8.self))
    }
}

let program = """
public final class Node { var next: Node?; init(_ n: Node?) { next = n } }
nonisolated(unsafe) public var head: Node? = nil
@inline(never) @_optimize(none) @_semantics("maxlive.loop_bound") public func maxliveLoopBound(_ n: Int) {}
@_semantics("maxlive.entry") public func build(_ n: Int) { for _ in 0..<n { maxliveLoopBound(10); head = Node(head) } }
@_semantics("maxlive.entry") public func grow(_ n: Int) { for _ in 0..<n { head = Node(head) } }
"""

@Suite("Command line", .serialized)
struct ToolTests {
    func workspace(_ source: String = program) throws -> String {
        let dir = SILTestSupport.temporaryDirectory()
        try source.write(toFile: dir + "/list.swift", atomically: true, encoding: .utf8)
        return dir
    }

    @Test("Exit status 2 with an unbounded entry, and the report is still printed")
    func unboundedExitStatus() throws {
        let dir = try workspace()
        let r = try Tool.run(["analyze", "--embedded", "list.swift"], in: dir)
        #expect(r.status == 2)
        #expect(r.stdout.contains("build  entry  240 B  bounded"))
        #expect(r.stdout.contains("list.swift:5: loop keeps 24 bytes live per iteration"))
    }

    @Test("Exit status 0 when every entry is bounded")
    func boundedExitStatus() throws {
        let dir = try workspace(program.replacingOccurrences(of: "for _ in 0..<n { head", with: "for _ in 0..<n { maxliveLoopBound(3); head"))
        let r = try Tool.run(["analyze", "--embedded", "list.swift"], in: dir)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("grow   entry   72 B  bounded"))
    }

    @Test("Bad SIL: exit status 1 and file:line:column")
    func badInput() throws {
        let dir = try workspace()
        try "sil_stage canonical\nsil @f : $() -> () {\nbb0:\n  %0 = tuple ()\n".write(toFile: dir + "/bad.sil", atomically: true, encoding: .utf8)
        let r = try Tool.run(["analyze", "--sil", "bad.sil"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("bad.sil:4:1: error: expected '} // end sil function'"), "\(r.stderr)")
        let missing = try Tool.run(["analyze", "--sil", "nope.sil"], in: dir)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nope.sil"))
    }

    @Test("Compiler errors are shown and exit 1")
    func compilerError() throws {
        let dir = try workspace("func broken( {")
        let r = try Tool.run(["analyze", "list.swift"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("swiftc failed"))
        #expect(r.stderr.contains("list.swift:1:"))
    }

    @Test("Option validation names the option and value")
    func validation() throws {
        let dir = try workspace()
        let r = try Tool.run(["analyze", "--granularity", "0", "list.swift"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("--granularity must be at least 1 (got 0)"))
        let format = try Tool.run(["analyze", "--format", "xml", "list.swift"], in: dir)
        #expect(format.status == 1)
        #expect(format.stderr.contains("'xml' is invalid for '--format"))
        let entry = try Tool.run(["analyze", "--embedded", "--entry", "nosuch", "list.swift"], in: dir)
        #expect(entry.status == 1)
        #expect(entry.stderr.contains("--entry nosuch: no function"))
        let directory = try Tool.run(["analyze", "--sil", "."], in: dir)
        #expect(directory.status == 1)
        #expect(directory.stderr.contains("not a regular file"))
    }

    @Test("JSON follows the interface schema")
    func json() throws {
        let dir = try workspace()
        let r = try Tool.run(["analyze", "--embedded", "--format", "json", "list.swift"], in: dir)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["tool"] as? String == "maxlive")
        #expect(object["schemaVersion"] as? Int == ReportDocument.currentSchemaVersion)
        #expect(object["module"] as? String == "Main")
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries.map { $0["name"] as? String } == ["build", "grow"])
        let build = entries[0], grow = entries[1]
        #expect(build["status"] as? String == "bounded" && build["bound"] as? Int == 240 && build["kind"] as? String == "entry")
        #expect((build["symbol"] as? String)?.hasPrefix("$e") == true)
        #expect((build["assumptions"] as? [[String: Any]])?.first?["line"] as? Int == 4)
        #expect(grow["status"] as? String == "unbounded" && grow["bound"] is NSNull)
        let reason = try #require((grow["reasons"] as? [[String: Any]])?.first)
        #expect(Set(reason.keys).isSuperset(of: ["message", "function", "file", "line"]))
        #expect((build["path"] as? [[String: Any]])?.first?["bytes"] as? Int == 240)
        let stats = try #require(object["stats"] as? [String: Any])
        #expect((stats["functions"] as? Int ?? 0) > 0)
        // Stable: the same input gives the same bytes (but for the timing).
        let again = try Tool.run(["analyze", "--embedded", "--format", "json", "list.swift"], in: dir)
        let strip = { (s: String) in s.split(separator: "\n").filter { !$0.contains("\"seconds\"") }.joined(separator: "\n") }
        #expect(strip(again.stdout) == strip(r.stdout))
    }

    @Test("SARIF 2.1.0: one result per reason, stable rule ids, relative locations")
    func sarif() throws {
        let dir = try workspace()
        let r = try Tool.run(["analyze", "--embedded", "--format", "sarif", "list.swift"], in: dir)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["version"] as? String == "2.1.0")
        let run = try #require((object["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "maxlive")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["maxlive/loop-bound", "maxlive/unbounded-loop"])
        let help = (rules[1]["help"] as? [String: Any])?["text"] as? String ?? ""
        #expect(help.contains("maxliveLoopBound"), "a rule says how to get a bound: \(help)")
        #expect((rules[1]["defaultConfiguration"] as? [String: Any])?["level"] as? String == "error")
        let results = try #require(run["results"] as? [[String: Any]])
        let errors = results.filter { $0["level"] as? String == "error" }
        #expect(errors.count == 1)
        let result = errors[0]
        #expect(result["ruleId"] as? String == "maxlive/unbounded-loop")
        let location = try #require(((result["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "list.swift")
        #expect((location["artifactLocation"] as? [String: Any])?["uriBaseId"] as? String == "SRCROOT")
        #expect((location["region"] as? [String: Any])?["startLine"] as? Int == 5)
        let root = (run["originalUriBaseIds"] as? [String: Any])?["SRCROOT"] as? [String: Any]
        #expect((root?["uri"] as? String)?.hasPrefix("file:///") == true && (root?["uri"] as? String)?.hasSuffix("/") == true)
        // The trusted loop bound of `build` is a note at its line, naming the entry that relies on it.
        let notes = results.filter { $0["level"] as? String == "note" }
        #expect(notes.count == 1 && notes[0]["ruleId"] as? String == "maxlive/loop-bound")
        #expect(((notes.first?["message"] as? [String: Any])?["text"] as? String)?.contains("the bound of build relies on it") == true)
        // Fingerprints are stable from run to run.
        let again = try Tool.run(["analyze", "--embedded", "--format", "sarif", "list.swift"], in: dir)
        let prints = { (text: String) in text.split(separator: "\n").filter { $0.contains("maxliveFinding/v1") } }
        #expect(prints(again.stdout) == prints(r.stdout) && prints(r.stdout).count == 2)

        // Valid against the SARIF 2.1.0 object model (sarif-pydantic, installed by Tests/setup.sh).
        try r.stdout.write(toFile: dir + "/report.sarif", atomically: true, encoding: .utf8)
        let check = try SILTestSupport.run("/usr/bin/env", ["python3", "-c", """
            import json, sys, sarif_pydantic
            log = sarif_pydantic.Sarif.model_validate(json.load(open(sys.argv[1])))
            print("valid", log.version, len(log.runs[0].results))
            """, dir + "/report.sarif"])
        #expect(check.status == 0 && check.output.contains("valid 2.1.0 2"), "\(check.output)")
    }

    @Test("table: refuses to write with unbounded entries; writes deterministic Swift otherwise")
    func table() throws {
        let dir = try workspace()
        let refused = try Tool.run(["table", "--embedded", "list.swift", "--output", "T.swift"], in: dir)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("list.swift:5:"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/T.swift"))
        let bounded = try workspace(program.replacingOccurrences(of: "for _ in 0..<n { head", with: "for _ in 0..<n { maxliveLoopBound(3); head"))
        let ok = try Tool.run(["table", "--embedded", "list.swift", "--output", "T.swift", "--import", "KernelCore"], in: bounded)
        #expect(ok.status == 0, "\(ok.stderr)")
        let text = try String(contentsOfFile: bounded + "/T.swift", encoding: .utf8)
        #expect(text.hasPrefix("// Generated by maxlive"))
        #expect(text.contains("import KernelCore"))
        #expect(text.contains("MaxliveBound(name: \"build\", kind: .entry, bytes: 240),"))
        #expect(text.contains("MaxliveBound(name: \"grow\", kind: .entry, bytes: 72),"))
        _ = try Tool.run(["table", "--embedded", "list.swift", "--output", "T2.swift", "--import", "KernelCore"], in: bounded)
        #expect(try String(contentsOfFile: bounded + "/T2.swift", encoding: .utf8) == text)
    }

    @Test("Baseline: a grown bound beyond the allowed percentage is a regression")
    func baseline() throws {
        let dir = try workspace(program.replacingOccurrences(of: "for _ in 0..<n { head", with: "for _ in 0..<n { maxliveLoopBound(3); head"))
        let first = try Tool.run(["analyze", "--embedded", "--format", "json", "list.swift", "--output", "old.json"], in: dir)
        #expect(first.status == 0)
        try program.replacingOccurrences(of: "for _ in 0..<n { head", with: "for _ in 0..<n { maxliveLoopBound(4); head")
            .write(toFile: dir + "/list.swift", atomically: true, encoding: .utf8)
        let grown = try Tool.run(["analyze", "--embedded", "list.swift", "--baseline", "old.json", "--max-growth", "10"], in: dir)
        #expect(grown.status == 2)
        #expect(grown.stderr.contains("grow: 72 B -> 96 B (+33.3%)"))
        #expect(grown.stderr.contains("REGRESSION"))
        let allowed = try Tool.run(["analyze", "--embedded", "list.swift", "--baseline", "old.json", "--max-growth", "50"], in: dir)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        try "{ \"tool\": \"maxlive\" }".write(toFile: dir + "/bad.json", atomically: true, encoding: .utf8)
        let bad = try Tool.run(["analyze", "--embedded", "list.swift", "--baseline", "bad.json"], in: dir)
        #expect(bad.status == 1 && bad.stderr.contains("bad.json:1:1: error: not a maxlive JSON report: version is missing"), "\(bad.stderr)")
    }

    @Test("Arrays of imported C structs get the struct's size from its header (libclang), for the build's target")
    func importedCStructs() throws {
        let dir = try workspace("""
        import CDefs
        @_semantics("maxlive.entry") public func records(_ n: Int) -> Int {
            let a = [rec](repeating: rec(), count: (n & 3) + 1)
            return a.count + Int(a[0].b)
        }
        """)
        try FileManager.default.createDirectory(atPath: dir + "/cdefs", withIntermediateDirectories: true)
        try "module CDefs {\r\n    header \"rec.h\"\r\n    export *\r\n}\r\n"
            .write(toFile: dir + "/cdefs/module.modulemap", atomically: true, encoding: .utf8)
        try "#ifndef TAILN\n#define TAILN 5\n#endif\ntypedef struct rec { int a; short b; long d; char tail[TAILN]; } rec;\n"
            .write(toFile: dir + "/cdefs/rec.h", atomically: true, encoding: .utf8)
        // 4 × stride 24 (int, short, 2 pad, long, 5 chars, 3 pad) after the 32-byte array header
        let r = try Tool.run(["analyze", "--embedded", "--target", "x86_64-unknown-linux-gnu", "list.swift",
                              "--Xswiftc", "-I", "--Xswiftc", "cdefs"], in: dir)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("records  entry  128 B  bounded"), "\(r.stdout)")
        #expect(r.stdout.contains("0 mismatches"), "\(r.stdout)")

        // The importer's -Xcc flags size the struct: 13 tail bytes make the stride 32
        let sized = try Tool.run(["analyze", "--embedded", "--target", "x86_64-unknown-linux-gnu", "list.swift",
                                  "--Xswiftc", "-I", "--Xswiftc", "cdefs", "--Xswiftc", "-Xcc", "--Xswiftc", "-DTAILN=13"], in: dir)
        #expect(sized.stdout.contains("records  entry  160 B  bounded"), "\(sized.stdout)\(sized.stderr)")

        // Two modules in the -I folders lay out `rec` differently: no layout, never the wrong one
        try FileManager.default.createDirectory(atPath: dir + "/other", withIntermediateDirectories: true)
        try "module Other {\n    header \"other.h\"\n}\n".write(toFile: dir + "/other/module.modulemap", atomically: true, encoding: .utf8)
        try "typedef struct rec { long x[9]; } rec;\n".write(toFile: dir + "/other/other.h", atomically: true, encoding: .utf8)
        let clash = try Tool.run(["analyze", "--embedded", "--target", "x86_64-unknown-linux-gnu", "list.swift",
                                  "--Xswiftc", "-I", "--Xswiftc", "cdefs", "--Xswiftc", "-I", "--Xswiftc", "other"], in: dir)
        #expect(clash.status == 2)
        #expect(clash.stdout.contains("no layout for the tail elements of $_ContiguousArrayStorage<rec>"), "\(clash.stdout)")
    }

    @Test("ABI header (libclang): numbers joined to handlers; mismatches exit 2 at their line; the table is keyed by number")
    func abiHeader() throws {
        let source = program.replacingOccurrences(of: "public func build(", with: "public func sys_build(")
            .replacingOccurrences(of: "for _ in 0..<n { head", with: "for _ in 0..<n { maxliveLoopBound(3); head")
        let dir = try workspace(source)
        try """
        /* test ABI */
        #define SYS_build   7
        #define SYS_unused  9
        #define NOT_A_SYSCALL 3
        """.write(toFile: dir + "/abi.h", atomically: true, encoding: .utf8)
        let r = try Tool.run(["analyze", "--embedded", "list.swift", "--abi-header", "abi.h", "--format", "json"], in: dir)
        #expect(r.status == 2, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries.first { $0["name"] as? String == "sys_build" }?["number"] as? Int == 7)
        let findings = try #require(object["abiFindings"] as? [[String: Any]])
        #expect(findings.count == 1)
        #expect(findings.first?["kind"] as? String == "syscall-without-handler")
        #expect(findings.first?["line"] as? Int == 3)
        #expect((findings.first?["message"] as? String)?.contains("unused (9)") == true)

        try "#define SYS_build 7\n".write(toFile: dir + "/abi.h", atomically: true, encoding: .utf8)
        try source.replacingOccurrences(of: "public func grow(", with: "public func sys_grow(")
            .write(toFile: dir + "/list.swift", atomically: true, encoding: .utf8)
        let table = try Tool.run(["table", "--embedded", "list.swift", "--abi-header", "abi.h", "--output", "T.swift"], in: dir)
        #expect(table.status == 2)
        #expect(table.stderr.contains("list.swift:5:"), "\(table.stderr)")
        #expect(table.stderr.contains("handler sys_grow has no SYS_grow number"), "\(table.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/T.swift"))
        try source.write(toFile: dir + "/list.swift", atomically: true, encoding: .utf8)
        let ok = try Tool.run(["table", "--embedded", "list.swift", "--abi-header", "abi.h", "--output", "T.swift"], in: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try String(contentsOfFile: dir + "/T.swift", encoding: .utf8).contains("MaxliveBound(name: \"sys_build\", kind: .entry, bytes: 240, number: 7),"))

        try "#define SYS_build 7\n#include \"missing.h\"\n".write(toFile: dir + "/bad.h", atomically: true, encoding: .utf8)
        let bad = try Tool.run(["analyze", "--embedded", "list.swift", "--abi-header", "bad.h"], in: dir)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.h:2:10: error: 'missing.h' file not found"), "\(bad.stderr)")
        try "#define SYS_build 7\nint f( {\n".write(toFile: dir + "/syntax.h", atomically: true, encoding: .utf8)
        let syntax = try Tool.run(["analyze", "--embedded", "list.swift", "--abi-header", "syntax.h"], in: dir)
        #expect(syntax.status == 1)
        #expect(syntax.stderr.contains("syntax.h:2:"), "\(syntax.stderr)")
    }

    @Test("C sources (libclang): Swift calls into C are joined by symbol; bad C is located and exits 1")
    func cSources() throws {
        let dir = try workspace("""
        @_extern(c, "make_table") func makeTable(_ n: Int) -> UnsafeMutableRawPointer?
        @_semantics("maxlive.entry") public func sys_table(_ n: Int) -> Bool { makeTable(n) != nil }
        """)
        try """
        #include <stdlib.h>
        struct slot { long key; void *value; };
        void *make_table(long n) {
            struct slot *t = malloc(16 * sizeof(struct slot));
            if (n > 3) { void *extra = malloc(100); free(extra); }
            return t;
        }
        """.write(toFile: dir + "/table.c", atomically: true, encoding: .utf8)
        let r = try Tool.run(["analyze", "--embedded", "list.swift", "--c-source", "table.c", "--format", "json"], in: dir)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let entry = try #require((object["entries"] as? [[String: Any]])?.first { $0["name"] as? String == "sys_table" })
        // 16 × 16 kept, plus 100 freed in its own block: peak 356.
        #expect(entry["bound"] as? Int == 256 + 100, "\(entry)")

        // Without the C source the call is unknown: unbounded, at the Swift call.
        let unknown = try Tool.run(["analyze", "--embedded", "list.swift"], in: dir)
        #expect(unknown.status == 2)
        #expect(unknown.stdout.contains("make_table"), "\(unknown.stdout)")

        try "#include \"nowhere.h\"\nvoid *make_table(long n) { return 0; }\n".write(toFile: dir + "/missing.c", atomically: true, encoding: .utf8)
        let missing = try Tool.run(["analyze", "--embedded", "list.swift", "--c-source", "missing.c"], in: dir)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("missing.c:1:10: error: 'nowhere.h' file not found"), "\(missing.stderr)")
        try "void *make_table(long n) { return n +; }\n".write(toFile: dir + "/syntax.c", atomically: true, encoding: .utf8)
        let syntax = try Tool.run(["analyze", "--embedded", "list.swift", "--c-source", "syntax.c"], in: dir)
        #expect(syntax.status == 1)
        #expect(syntax.stderr.contains("syntax.c:1:"), "\(syntax.stderr)")
        let nofile = try Tool.run(["analyze", "--embedded", "list.swift", "--c-source", "absent.c"], in: dir)
        #expect(nofile.status == 1)
        #expect(nofile.stderr.contains("absent.c"), "\(nofile.stderr)")
        // libclang is loaded at run time: a library that is not there is a clear error, exit 1
        let noLibrary = try Tool.run(["analyze", "--embedded", "list.swift", "--c-source", "table.c"], in: dir,
                                     environment: ["MAXLIVE_LIBCLANG": "/nonexistent/libclang.so"])
        #expect(noLibrary.status == 1)
        #expect(noLibrary.stderr.contains("MAXLIVE_LIBCLANG=/nonexistent/libclang.so cannot be loaded"), "\(noLibrary.stderr)")
        let spec = try Tool.run(["analyze", "--embedded", "list.swift", "--c-allocator", "kmalloc"], in: dir)
        #expect(spec.status == 1)
        #expect(spec.stderr.contains("expected NAME:ARGUMENT"), "\(spec.stderr)")
    }

    static let coroutineProgram = """
    public struct Ledger { var a = 0, b = 0, c = 0, d = 0, e = 0, f = 0 }
    public class Counter { public var value: Int = 0; public init() {} }
    public final class Audited: Counter {
        var ledger = Ledger()
        public override var value: Int {
            get { ledger.a }
            _modify { var s = ledger; var x = s.a; yield &x; s.a = x; s.f = s.b &+ s.c &+ s.d &+ s.e &+ x; ledger = s }
        }
    }
    @inline(never) public func bump(_ c: Counter) { c.value += 1 }
    @_semantics("maxlive.entry") public func poke(_ n: Int) { bump(n > 0 ? Audited() : Counter()) }
    """

    @Test("Coroutine frames: sources get the IR compiled for them; --sil needs --llvm-ir; a missing IR file exits 1")
    func coroutineFrames() throws {
        let dir = SILTestSupport.temporaryDirectory()
        try Self.coroutineProgram.write(toFile: dir + "/c.swift", atomically: true, encoding: .utf8)
        // Compiled by maxlive: the Audited (72 B) and its accessor's 48-byte frame.
        let compiled = try Tool.run(["analyze", "--embedded", "c.swift"], in: dir)
        #expect(compiled.status == 0, "\(compiled.stdout)\(compiled.stderr)")
        #expect(compiled.stdout.contains("poke   entry  120 B  bounded"))

        let flags = ["-g", "-Osize", "-wmo", "-parse-as-library", "-module-name", "Main",
                     "-enable-experimental-feature", "Embedded", "c.swift"]
        for (emit, out) in [("-emit-sil", "c.sil"), ("-emit-ir", "c.ll")] {
            let r = try SILTestSupport.run(SILTestSupport.swiftc, [emit] + flags + ["-o", dir + "/" + out], in: dir)
            try #require(r.status == 0, "\(r.output)")
        }
        let withIR = try Tool.run(["analyze", "--sil", "c.sil", "--llvm-ir", "c.ll"], in: dir)
        #expect(withIR.status == 0)
        #expect(withIR.stdout.contains("poke   entry  120 B  bounded"))

        let withoutIR = try Tool.run(["analyze", "--sil", "c.sil"], in: dir)
        #expect(withoutIR.status == 2)
        #expect(withoutIR.stdout.contains("pass --llvm-ir"))

        // From an options file, the IR's path is relative to the file.
        try FileManager.default.createDirectory(atPath: dir + "/opts", withIntermediateDirectories: true)
        try "--llvm-ir\n../c.ll\n".write(toFile: dir + "/opts/maxlive-options", atomically: true, encoding: .utf8)
        let fromFile = try Tool.run(["analyze", "--sil", "c.sil", "--options-file", "opts/maxlive-options"], in: dir)
        #expect(fromFile.status == 0, "\(fromFile.stdout)\(fromFile.stderr)")

        let missing = try Tool.run(["analyze", "--sil", "c.sil", "--llvm-ir", "nowhere.ll"], in: dir)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nowhere.ll"))
    }

    @Test("explain prints the allocations live at the peak and the path tree")
    func explain() throws {
        let dir = try workspace()
        let r = try Tool.run(["explain", "build", "--embedded", "list.swift"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout.contains("build (entry): bound 240 B"))
        // Node's initializer, inlined into the loop at line 4, makes the objects.
        #expect(r.stdout.contains("240 B  10 × Node object  list.swift:4 (list.swift:1, inlined)  in build\n"), "\(r.stdout)")
        #expect(r.stdout.contains("build  240 B  list.swift:4"))
        let drawn = try Tool.run(["explain", "build", "--embedded", "list.swift", "--svg", "build.svg"], in: dir)
        #expect(drawn.status == 0)
        let svg = try String(contentsOfFile: dir + "/build.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("build: 240 B") && svg.contains("<rect"))
        #expect(svg.contains("240 B  10 × Node object") && svg.contains("width=\"960.0\""))
        // The same as the report document, with the entry alone.
        let json = try Tool.run(["explain", "build", "--embedded", "list.swift", "--format", "json"], in: dir)
        #expect(json.status == 0)
        let document = try JSONDecoder().decode(ReportDocument.self, from: Data(json.stdout.utf8))
        let entry = try #require(document.entries.first)
        #expect(document.entries.count == 1 && entry.name == "build")
        let live = try #require(entry.liveAllocations)
        #expect(live.map(\.bytes).reduce(0, +) == entry.bound)
        #expect(live.first?.what == "Node object" && live.first?.count == 10 && live.first?.line == 4 && live.first?.inlinedLine == 1)
        // An unbounded entry's chart says why.
        let unbounded = try Tool.run(["explain", "grow", "--embedded", "list.swift", "--svg", "grow.svg"], in: dir)
        #expect(unbounded.status == 2)
        let grow = try String(contentsOfFile: dir + "/grow.svg", encoding: .utf8)
        #expect(grow.contains("UNBOUNDED because:") && grow.contains("list.swift:5: loop keeps 24 bytes live per iteration"))
        let missing = try Tool.run(["explain", "nothing", "--embedded", "list.swift"], in: dir)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no entry named 'nothing'; entries: build, grow"))
    }

    static let pointProgram = """
    public final class Point { var a: Int = 0; var b: Int8 = 0; var c: Double = 0 }
    nonisolated(unsafe) public var p: Point? = nil
    @_semantics("maxlive.entry") public func make(_ n: Int) -> Int { p = Point(); return n &+ 1 }
    """

    @Test("Sizes follow the target the SIL was compiled for; a contradicting --pointer-width or --target is an error")
    func targetWidth() throws {
        let dir = try workspace(Self.pointProgram)
        let flags = ["-emit-sil", "-g", "-Osize", "-wmo", "-parse-as-library", "-module-name", "M",
                     "-enable-experimental-feature", "Embedded", "list.swift"]
        for (triple, out) in [("armv7em-none-none-eabi", "p32.sil"), ("riscv64-none-none-eabi", "p64.sil")] {
            let r = try SILTestSupport.run(SILTestSupport.swiftc, flags + ["-target", triple, "-o", dir + "/" + out], in: dir)
            try #require(r.status == 0, "\(r.output)")
        }
        // armv7em: 8-byte header, Int 4, Int8 1, Double at 16: 24 B; riscv64: 16 + 8 + 1, Double at 32: 40 B.
        let thirtyTwo = try Tool.run(["analyze", "--sil", "p32.sil"], in: dir)
        #expect(thirtyTwo.stdout.contains("make   entry   24 B  bounded"), "\(thirtyTwo.stdout)")
        let sixtyFour = try Tool.run(["analyze", "--sil", "p64.sil"], in: dir)
        #expect(sixtyFour.stdout.contains("make   entry   40 B  bounded"), "\(sixtyFour.stdout)")
        let wrongWidth = try Tool.run(["analyze", "--sil", "p64.sil", "--pointer-width", "32"], in: dir)
        #expect(wrongWidth.status == 1)
        #expect(wrongWidth.stderr.contains("--pointer-width 32 contradicts p64.sil, compiled for a 64-bit target"))
        let wrongTarget = try Tool.run(["analyze", "--sil", "p32.sil", "--target", "x86_64-unknown-linux-gnu"], in: dir)
        #expect(wrongTarget.status == 1)
        #expect(wrongTarget.stderr.contains("--target x86_64-unknown-linux-gnu is a 64-bit target, but p32.sil was compiled for a 32-bit one"))
        let agreeing = try Tool.run(["analyze", "--sil", "p32.sil", "--target", "armv7em-none-none-eabi", "--pointer-width", "32"], in: dir)
        #expect(agreeing.status == 0)
    }

    @Test("--irgen: every allocation is checked against the compiler; without it the report says sizes were not checked")
    func compilerCheck() throws {
        let dir = try workspace(Self.pointProgram)
        let flags = ["-g", "-Osize", "-wmo", "-parse-as-library", "-module-name", "M",
                     "-enable-experimental-feature", "Embedded", "-target", "riscv64-none-none-eabi", "list.swift"]
        for (emit, out) in [("-emit-sil", "p.sil"), ("-emit-irgen", "p.ll")] {
            let r = try SILTestSupport.run(SILTestSupport.swiftc, [emit] + flags + ["-o", dir + "/" + out], in: dir)
            try #require(r.status == 0, "\(r.output)")
        }
        let checked = try Tool.run(["analyze", "--sil", "p.sil", "--irgen", "p.ll"], in: dir)
        #expect(checked.status == 0)
        #expect(checked.stdout.contains("Checked against the compiler's IR: 1 heap allocation site in"), "\(checked.stdout)")
        #expect(checked.stdout.contains("0 mismatches"))
        let json = try Tool.run(["analyze", "--sil", "p.sil", "--irgen", "p.ll", "--format", "json"], in: dir)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let stats = try #require((object["stats"] as? [String: Any])?["compilerCheck"] as? [String: Any])
        #expect(stats["allocationSites"] as? Int == 1 && stats["mismatches"] as? Int == 0)
        let unchecked = try Tool.run(["analyze", "--sil", "p.sil"], in: dir)
        #expect(unchecked.stdout.contains("Sizes were not checked against the compiler's IR"))
        let compiled = try Tool.run(["analyze", "--embedded", "list.swift"], in: dir)
        #expect(compiled.stdout.contains("Checked against the compiler's IR"))
        let mixed = try Tool.run(["analyze", "--embedded", "list.swift", "--irgen", "p.ll"], in: dir)
        #expect(mixed.status != 0 && mixed.stderr.contains("--irgen goes with --sil"))
    }

    @Test("Overloaded entries get one row each; explain asks which one")
    func overloads() throws {
        let dir = try workspace("""
        public final class Box { var a: Int = 0 }
        nonisolated(unsafe) var kept: Box? = nil
        @_semantics("maxlive.entry") public func handle(_ x: Int) { kept = Box() }
        @_semantics("maxlive.entry") public func handle(_ x: UInt8) { kept = Box(); kept = Box() }
        """)
        let r = try Tool.run(["analyze", "--embedded", "list.swift"], in: dir)
        #expect(r.stdout.contains("handle(Int)    entry   24 B  bounded"), "\(r.stdout)")
        #expect(r.stdout.contains("handle(UInt8)  entry   48 B  bounded"))
        let ambiguous = try Tool.run(["explain", "handle", "--embedded", "list.swift"], in: dir)
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.contains("'handle' names 2 overloaded entries; give one of: handle(Int), handle(UInt8)"))
        let one = try Tool.run(["explain", "handle(UInt8)", "--embedded", "list.swift"], in: dir)
        #expect(one.status == 0 && one.stdout.contains("handle(UInt8) (entry): bound 48 B"))
    }

    @Test("A misspelt maxlive annotation and a module with no entries are warnings on standard error, never silence")
    func warnings() throws {
        let dir = try workspace("@_semantics(\"maxlive.entyr\") public func handler(_ n: Int) -> Int { n }\n")
        let r = try Tool.run(["analyze", "--embedded", "--format", "json", "list.swift"], in: dir)
        #expect(r.stderr.contains("list.swift:1:1: warning: unknown annotation 'maxlive.entyr' on handler is ignored"))
        #expect(r.stderr.contains("warning: no entries"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let warnings = try #require(object["warnings"] as? [[String: Any]])
        #expect(warnings.map { $0["kind"] as? String } == ["unknown-annotation", "no-entries"])
        let clean = try Tool.run(["analyze", "--embedded", "list.swift"], in: try workspace())
        #expect(!clean.stderr.contains("warning:"))
    }
}
