// Compiler-style diagnostics: the error at the line where the bound is lost, `note:` lines at
// the calls that lead there from the entry, and a note when only some optimization levels
// lose the bound.

import Foundation
import Reports
import Testing
import TestSupport

/// An entry that appends `appends` Ints to a local array, under a loop-bound marker.
func growingArraySource(named name: String, appends: Int) -> String {
    """
    @inline(never) @_optimize(none) @_semantics("maxlive.loop_bound") public func maxliveLoopBound(_ n: Int) {}
    nonisolated(unsafe) var sink = 0
    @_semantics("maxlive.entry") public func \(name)() {
        var a: [Int] = []
        for i in 0..<\(appends) { maxliveLoopBound(\(appends)); a.append(i) }
        sink = a.count
    }
    """
}

@Suite("Diagnostics", .serialized)
struct DiagnosticsTests {
    func workspace(_ source: String) throws -> String {
        let dir = SILTestSupport.temporaryDirectory()
        try source.write(toFile: dir + "/k.swift", atomically: true, encoding: .utf8)
        return dir
    }

    @Test("The error is followed by a note at each call from the entry down, innermost first")
    func callChainNotes() throws {
        let dir = try workspace("""
            public final class Node { var next: Node?; init(_ n: Node?) { next = n } }
            nonisolated(unsafe) public var head: Node? = nil
            @inline(never) func fill(_ n: Int) { for _ in 0..<n { head = Node(head) } }
            @inline(never) func middle(_ n: Int) { fill(n &+ 1) }
            @_semantics("maxlive.entry") public func sys_fill(_ n: Int) { middle(n) }
            """)
        let r = try Tool.run(["table", "--embedded", "k.swift", "--output", "T.swift"], in: dir)
        #expect(r.status == 2)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        let error = try #require(lines.firstIndex { $0.contains("error: sys_fill has no heap bound: loop keeps 24 bytes") }, "\(r.stderr)")
        #expect(lines[error].hasPrefix("k.swift:3:"), "\(r.stderr)")
        #expect(lines.count > error + 2, "\(r.stderr)")
        #expect(lines[error + 1].hasPrefix("k.swift:4:") && lines[error + 1].contains("note: fill is called here, in middle"), "\(r.stderr)")
        #expect(lines[error + 2].hasPrefix("k.swift:5:") && lines[error + 2].contains("note: middle is called here, in sys_fill"), "\(r.stderr)")
        // The same chain in JSON (outermost first) and as SARIF related locations.
        let json = try Tool.run(["analyze", "--embedded", "--format", "json", "k.swift"], in: dir)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let reason = (((report["entries"] as? [[String: Any]])?.first?["reasons"]) as? [[String: Any]])?.first
        let chain = (reason?["callChain"] as? [[String: Any]]) ?? []
        #expect(chain.map { "\($0["caller"] ?? "")>\($0["callee"] ?? "")@\($0["line"] ?? "")" } == ["sys_fill>middle@5", "middle>fill@4"], "\(json.stdout)")
        let sarif = try Tool.run(["analyze", "--embedded", "--format", "sarif", "k.swift"], in: dir)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let result = ((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])?.first
        #expect((result?["relatedLocations"] as? [[String: Any]])?.count == 2, "\(sarif.stdout)")
    }

    @Test("A reason inside a helper the optimizer inlined points at the helper's own line, not the call")
    func inlinedHelperLine() throws {
        let dir = try workspace("""
            public final class Node { var next: Node?; init(_ n: Node?) { next = n } }
            nonisolated(unsafe) public var head: Node? = nil
            @inline(__always) func fill(_ n: Int) {
                for _ in 0..<n { head = Node(head) }
            }
            @_semantics("maxlive.entry") public func sys_fill(_ n: Int) { fill(n) }
            """)
        let r = try Tool.run(["analyze", "--embedded", "-O", "--diagnostics", "k.swift"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("k.swift:4:5: error: sys_fill has no heap bound: loop keeps 24 bytes live per iteration"), "\(r.stderr)")
    }

    @Test("An entry bounded at -Osize but not at -Onone gets a note naming the levels")
    func levelNote() throws {
        // At -Onone `insert(_:at:)` is a call on the array's memory that the slot model does
        // not price yet (appends it does).
        let dir = try workspace("""
            nonisolated(unsafe) var sink = 0
            @_semantics("maxlive.entry")
            public func sys_fill() {
                var a: [Int] = []
                for i in 0..<8 { a.insert(i, at: 0) }
                sink = a.count
            }
            """)
        let both = try Tool.run(["table", "--embedded", "--optimization-levels", "Onone,Osize", "k.swift", "--output", "T.swift"], in: dir)
        #expect(both.status == 2)
        #expect(both.stderr.contains("k.swift:3:1: note: sys_fill is bounded at -Osize; only -Onone loses the bound"), "\(both.stderr)")
        let shipped = try Tool.run(["table", "--embedded", "--optimization-levels", "Osize", "k.swift", "--output", "T.swift"], in: dir)
        #expect(shipped.status == 0, "\(shipped.stderr)")
        #expect(try String(contentsOfFile: dir + "/T.swift", encoding: .utf8).contains("MaxliveBound(name: \"sys_fill\", kind: .entry, bytes: 320)"))
    }

    @Test("--remarks lists every assumption once, at its line")
    func remarks() throws {
        let dir = try workspace(program)
        let r = try Tool.run(["analyze", "--embedded", "--remarks", "k.swift"], in: dir)
        let remarks = r.stderr.split(separator: "\n").filter { $0.contains(": remark: ") }
        #expect(remarks == ["k.swift:4:77: remark: build assumes: loop runs at most 10 iterations (maxlive.loop_bound)"], "\(r.stderr)")
        let quiet = try Tool.run(["analyze", "--embedded", "k.swift"], in: dir)
        #expect(!quiet.stderr.contains("remark:"))
    }
}

@Suite("Allocator rounding")
struct AllocatorRoundingTests {
    /// 16 appends: a capacity-16 buffer (32 + 128 = 160 B) while the capacity-8 one (32 + 64 =
    /// 96 B) is still live during the copy. Each is one allocation, so each is rounded and gets
    /// the header.
    @Test("Every buffer of a growing array is rounded and gets the allocator's header", arguments: [
        ([String](), 256), (["--overhead", "8"], 272), (["--granularity", "64"], 320), (["--granularity", "16", "--overhead", "8"], 288),
    ])
    func growingArray(_ options: [String], _ expected: Int) throws {
        let dir = SILTestSupport.temporaryDirectory()
        try growingArraySource(named: "fill", appends: 16).write(toFile: dir + "/a.swift", atomically: true, encoding: .utf8)
        let r = try Tool.run(["analyze", "--embedded", "--O", "--format", "json", "a.swift"] + options, in: dir)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stderr)")
        let entry = (report["entries"] as? [[String: Any]])?.first
        #expect(entry?["bound"] as? Int == expected, "\(r.stdout.prefix(400))")
    }
}

@Suite("Unoptimized code")
struct UnoptimizedCodeTests {
    /// At -Onone `Array`'s allocation paths call `max(0, n)` instead of inlining it; the
    /// stdlib's `min`/`max` on Int are read as interval operations, so a literal's count
    /// reaches the allocation: 32 + 3 × 8 = 56 B.
    @Test("An array literal at -Onone is bounded by its count")
    func arrayLiteral() throws {
        let dir = SILTestSupport.temporaryDirectory()
        try """
            nonisolated(unsafe) var sink = 0
            @_semantics("maxlive.entry") public func lit() {
                let v = [1, 2, 3]
                sink = v.count
            }
            """.write(toFile: dir + "/a.swift", atomically: true, encoding: .utf8)
        let r = try Tool.run(["analyze", "--embedded", "-Onone", "--format", "json", "a.swift"], in: dir)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stderr)")
        let entry = (report["entries"] as? [[String: Any]])?.first
        #expect(entry?["bound"] as? Int == 56, "\(r.stdout.prefix(600))")
    }

    /// At -Onone an array lives in a stack slot and grows by calls of `Array.append(_:)`; a
    /// `for` loop asks an iterator in a stack slot for the next element. Figures from the
    /// layout rules (32-byte header, 8-byte Ints, 24-byte Node objects), confirmed under the
    /// counting allocator: 10 appends from empty reach capacity 16, the worst moment copying
    /// 8 into 16: 96 + 160 = 256 B; 6 appends: 64 + 96 = 160 B; 9 Nodes kept by their array:
    /// 9 × 24 + 96 + 160 = 472 B. A literal of 3 grown by 2 is bounded loosely: a new buffer of
    /// at most 2 × (5 − 1) = 8 (96 B) while the old one holds at most 4 (64 B): 160 B (it really
    /// peaks at 56 + 80 = 136 B).
    @Test("At -Onone, appends to a local array and inserts into a local dictionary in counted loops are bounded; copies kept while it grows and loops without a bound are not", arguments: [
        ("var a: [Int] = []; for i in 0..<10 { a.append(i) }; sink = a.count", 256 as Int?, ""),
        ("var a: [Int] = []; for i in 0..<6 { a.append(i); sink += a.count }; sink = a.count", 160, ""),
        ("var a: [Node] = []; for _ in 1...min(n, 9) { a.append(Node()) }; sink = a.count", 472, ""),
        ("var a = [1, 2, 3]; for i in 0..<2 { a.append(i) }; sink = a.count", 160, ""),
        ("var a: [Int] = []; for i in 0..<4 { a.append(i); kept = a }; sink = a.count", nil, "the array is copied while it grows"),
        ("var a: [Int] = []; for i in 0..<n { a.append(i) }; sink = a.count", nil, "an append runs in a loop with no bound"),
        // Strides: 0 through 32 by 4 is 9 Nodes (as `1...min(n, 9)`); 10 down to 0 by -3 is 4
        // (10, 7, 4, 1: 96 B of Nodes, capacity 4: 64 B, grown from 2: 48 B; the bound also
        // keeps the last regrowth's old buffer, 208 B for a real 184 B).
        ("var a: [Node] = []; for _ in stride(from: 0, through: 32, by: 4) { a.append(Node()) }; sink = a.count", 472, ""),
        ("var a: [Node] = []; for _ in stride(from: 10, to: 0, by: -3) { a.append(Node()) }; sink = a.count", 208, ""),
        // 8 inserts: 16 buckets (64 + 8 + 16 × 8 + 16 × 8 = 328 B), grown from 8 (200 B).
        ("var d: [Int: Int] = [:]; for i in 0..<8 { d[i] = i; sink += d.count }; sink = d.count", 528, ""),
        ("var d = [Int: Int](); for i in 0..<8 { d[i] = i }; sink = d.count", 528, ""),
    ])
    func appendsInPlace(body: String, bound: Int?, reason: String) throws {
        let dir = SILTestSupport.temporaryDirectory()
        try """
            nonisolated(unsafe) var sink = 0
            nonisolated(unsafe) var kept: [Int] = []
            final class Node { var v = 0 }
            @_semantics("maxlive.entry") public func grow(_ n: Int) { \(body) }
            """.write(toFile: dir + "/a.swift", atomically: true, encoding: .utf8)
        let r = try Tool.run(["analyze", "--embedded", "--Onone", "--format", "json", "a.swift"], in: dir)
        let document = try ReportDocument.read(path: try { let p = dir + "/r.json"; try r.stdout.write(toFile: p, atomically: true, encoding: .utf8); return p }())
        let entry = try #require(document.entries.first)
        #expect(entry.bound == bound, "\(entry.reasons.map(\.message))")
        if !reason.isEmpty { #expect(entry.reasons.contains { $0.message.contains(reason) }, "\(entry.reasons.map(\.message))") }
    }
}
