// Dictionaries and sets grown by insertion (Sources/Analysis/HashedCollectionGrowth.swift):
// bounded by their element count when every use is understood, unbounded with the reason
// otherwise. Exact figures for the fixture shapes are checked against measured peaks in
// Fixtures/dictionary.swift.

import Analysis
import Testing

@Suite("Dictionary and set growth")
struct HashedGrowthTests {
    @Test("Inserts into an empty dictionary: the largest table plus the half-size one it grew from")
    func dictionaryInserts() throws {
        let r = try analyze("""
        @_semantics("maxlive.entry") public func fill(_ n: Int) -> Int {
            var d: [Int: Int] = [:]
            for i in 0..<n { maxliveLoopBound(7); d[i] = i }
            return d.count
        }
        """)
        // 7 elements, resizes ask for at most 8: B = 16 buckets (64 + 8 + 128 + 128 = 328),
        // grown from 8 buckets (64 + 8 + 64 + 64 = 200). The 7th insert really does this.
        #expect(r["fill"]?.bound == 328 + 200)
    }

    @Test("Set inserts through Set.insert: the count bounds the table")
    func setInserts() throws {
        let r = try analyze("""
        @_semantics("maxlive.entry") public func fill(_ n: Int) -> Int {
            var s: Set<Int> = []
            for i in 0..<n { maxliveLoopBound(7); s.insert(i &* 3) }
            return s.count
        }
        """)
        // 7 elements: B(7) = 16 buckets (56 + 8 + 128 = 192), grown from 8 (56 + 8 + 64 = 128).
        #expect(r["fill"]?.bound == 192 + 128)
    }

    @Test("armv7em: the 32-bit table header is 36 B (dictionary) and 32 B (set), as the IR computes it")
    func thirtyTwoBit() throws {
        let result = try analyzeArmv7em("""
        @inline(never) @_optimize(none) @_semantics("maxlive.loop_bound") public func maxliveLoopBound(_ n: Int) {}
        @_semantics("maxlive.entry") public func dict(_ n: Int) -> Int {
            var d: [Int: Int] = [:]
            for i in 0..<n { maxliveLoopBound(5); d[i] = i }
            return d.count
        }
        @_semantics("maxlive.entry") public func set(_ n: Int) -> Int {
            var s: Set<Int> = []
            for i in 0..<n { maxliveLoopBound(5); s.insert(i) }
            return s.count
        }
        """)
        // Dictionary, B = 8: 36 + 4 (one bitmap word) + 8 × 4 + 8 × 4 = 104, grown from B = 4: 36 + 4 + 16 + 16 = 72.
        #expect(result["dict"]?.bound == 104 + 72)
        // Set, B = 8: 32 + 4 + 8 × 4 = 68, grown from B = 4: 32 + 4 + 16 = 52.
        #expect(result["set"]?.bound == 68 + 52)
    }

    @Test("Unknown origins, element types and loops are unbounded, each with its reason and line",
          arguments: [
            ("@_semantics(\"maxlive.entry\") public func g(_ n: Int) { for i in 0..<n { maxliveLoopBound(3); table[i] = i } }",
             "maxlive cannot bound the count of the global `table` on entry"),
            ("@_semantics(\"maxlive.entry\") public func g(_ n: Int) -> Int { var d: [Int: Int] = [:]; for i in 0..<n { d[i] = i }; return d.count }",
             "loop with no bound"),
            ("public final class Box { var v = 0 }\n@_semantics(\"maxlive.entry\") public func g(_ n: Int) -> Int { var d: [Int: AnyObject] = [:]; for i in 0..<n { maxliveLoopBound(3); d[i] = Box() }; return d.count }",
             "may run any deinit"),
            ("public final class Key: Hashable { let a: Int; init(_ a: Int) { self.a = a }; public static func == (x: Key, y: Key) -> Bool { x.a == y.a }; public func hash(into h: inout Hasher) { h.combine(a) } }\n@_semantics(\"maxlive.entry\") public func g(_ n: Int) -> Int { var d: [Key: Int] = [:]; for i in 0..<n { maxliveLoopBound(3); d[Key(i)] = i }; return d.count }",
             "hashing or copying"),
          ])
    func unknowns(source: String, reason: String) throws {
        let r = try analyze("nonisolated(unsafe) public var table: [Int: Int] = [:]\n" + source)
        let e = try #require(r["g"])
        #expect(e.bound == nil)
        let found = e.reasons.first { $0.message.contains(reason) }
        #expect(found != nil, "reasons: \(e.reasons.map(\.message))")
        #expect(found?.line != nil && found?.file?.hasSuffix("m.swift") == true)
    }

    @Test("A stated count bounds a global dictionary: 8 elements, 16 buckets (328 B), and the 8-bucket table while it grows (200 B)")
    func statedGlobalTable() throws {
        let r = try analyze("""
        @inline(never) @_optimize(none) @_semantics("maxlive.max_count") public func maxliveMaxCount<C: Collection>(_ c: inout C, _ n: Int) {}
        nonisolated(unsafe) public var table: [Int: Int] = [:]
        @_semantics("maxlive.entry") public func g(_ n: Int) { table[n & 7] = n; maxliveMaxCount(&table, 8) }
        """)
        let g = try #require(r["g"])
        #expect(g.bound == 528, "reasons: \(g.reasons.map(\.message))")
        #expect(g.assumptions.contains { $0.message.contains("holds at most 8 elements (maxlive.max_count") })
    }

    @Test("A global declared = [:] is made empty once: looking it up allocates nothing")
    func emptyLiteralGlobal() throws {
        let r = try analyze("""
        nonisolated(unsafe) var owners: [Int: Int] = [:]
        nonisolated(unsafe) var names: Set<Int> = []
        @_semantics("maxlive.entry") public func owner(_ n: Int) -> Int { owners[n] ?? (names.contains(n) ? 1 : 0) }
        """)
        #expect(r["owner"]?.bound == 0, "reasons: \(r["owner"]?.reasons.map(\.message) ?? [])")
    }

    @Test("Values whose release runs no code are bounded, and so are class values whose deinits cost nothing")
    func valueTypes() throws {
        let r = try analyze("""
        public struct Stat { var size: Int; var mode: UInt16; var name: String }
        public final class Proc { var pid = 0 }
        @_semantics("maxlive.entry") public func stats(_ n: Int) -> Int {
            var d: [Int: Stat] = [:]
            for i in 0..<n { maxliveLoopBound(5); d[i] = Stat(size: i, mode: 0, name: "") }
            return d.count
        }
        @_semantics("maxlive.entry") public func procs(_ n: Int) -> Int {
            var d: [Int: Proc] = [:]
            for i in 0..<n { maxliveLoopBound(5); d[i] = Proc() }
            return d.count
        }
        """)
        // Measured 624 B (Fixtures/measure): 5 entries of 32 B, 8 buckets.
        #expect(r["stats"]?.bound == 624, "reasons: \(r["stats"]?.reasons.map(\.message) ?? [])")
        // The table as for stats (8 buckets of 8 B keys and 8 B references: 200, grown from 4: 136)
        // and the 5 Procs it keeps (24 B each).
        #expect(r["procs"]?.bound == 200 + 136 + 5 * 24, "reasons: \(r["procs"]?.reasons.map(\.message) ?? [])")

    }
}
