// Arrays grown by append (Sources/Analysis/ArrayGrowth.swift): bounded by their count when
// every use is understood, unbounded with the reason otherwise. Exact figures for the bounded
// shapes are checked against measured peaks in Fixtures/array_growth.swift.

import Analysis
import Testing

@Suite("Array growth")
struct ArrayGrowthTests {
    @Test("Appends from empty: the largest power-of-two buffer plus the one it grew from")
    func appendsFromEmpty() throws {
        let r = try analyze("""
        @inline(never) func total(_ a: [Int]) -> Int { var s = 0; for v in a { s &+= v }; return s }
        @_semantics("maxlive.entry") public func fill(_ n: Int) -> Int {
            var a: [Int] = []
            for i in 0..<n { maxliveLoopBound(33); a.append(i) }
            return total(a)
        }
        """)
        // 33 appends: capacity 64 (32 + 512 = 544) grown from 32 (32 + 256 = 288).
        #expect(r["fill"]?.bound == 544 + 288)
    }

    @Test("A returned array is the caller's: its buffer is what the callee leaves")
    func returnedArray() throws {
        let r = try analyze("""
        @inline(never) func build(_ n: Int) -> [Int] {
            var a: [Int] = []
            for i in 0..<n { maxliveLoopBound(4); a.append(i) }
            return a
        }
        nonisolated(unsafe) public var kept: [Int] = []
        @_semantics("maxlive.entry") public func keep(_ n: Int) { kept = build(n) }
        """)
        // Capacity 4 (64 B) grown from 2 (48 B); the 64 B buffer is then kept in the global.
        #expect(r["keep"]?.bound == 64 + 48)
    }

    @Test("A copy made while reallocations can still follow is refused; a copy after the last one is not")
    func copies() throws {
        let r = try analyze("""
        nonisolated(unsafe) public var seen: [Int] = []
        @inline(never) func look() -> Int { seen.count }
        @_semantics("maxlive.entry") public func during(_ n: Int) -> Int {
            var a: [Int] = []
            var t = 0
            for i in 0..<n { maxliveLoopBound(4); a.append(i); seen = a; t &+= look() }
            return t
        }
        @_semantics("maxlive.entry") public func after(_ n: Int) -> Int {
            var a: [Int] = []
            for i in 0..<n { maxliveLoopBound(4); a.append(i) }
            seen = a
            return look()
        }
        """)
        let during = try #require(r["during"])
        #expect(during.bound == nil)
        // The copy into the global is a retain and a store; whichever use is met first is the reason.
        #expect(during.reasons.contains { $0.message.contains("copied while it grows") || $0.message.contains("stored into memory") }, "reasons: \(during.reasons.map(\.message))")
        // Capacity 4 (64 B) grown from 2 (48 B); the final buffer is kept in the global.
        #expect(r["after"]?.bound == 64 + 48)
    }

    @Test("Unknown starting counts and unknown uses are unbounded, each with its reason and line",
          arguments: [
            ("@_semantics(\"maxlive.entry\") public func g(_ n: Int) { for i in 0..<n { maxliveLoopBound(3); store.append(i) } }",
             "cannot bound the count of the global `store` on entry"),
            ("@_semantics(\"maxlive.entry\") public func g(_ n: Int) -> Int { var a: [Int] = []; for i in 0..<n { a.append(i) }; return a.count }",
             "loop with no bound"),
            ("@inline(never) func add(_ a: inout [Int], _ n: Int) { for i in 0..<n { maxliveLoopBound(3); a.append(i) } }\n@_semantics(\"maxlive.entry\") public func g(_ n: Int) { add(&store, n) }",
             "count on entry is unknown"),
          ])
    func unknowns(source: String, reason: String) throws {
        let r = try analyze("nonisolated(unsafe) public var store: [Int] = []\n" + source)
        let e = try #require(r["g"])
        #expect(e.bound == nil)
        let found = e.reasons.first { $0.message.contains(reason) }
        #expect(found != nil, "reasons: \(e.reasons.map(\.message))")
        #expect(found?.line != nil && found?.file?.hasSuffix("m.swift") == true)
    }

    @Test("Array(repeating:count:) not inlined: as many elements as the code's clamp allows, then written in place")
    func repeatingClamped() throws {
        let r = try analyze("""
        @inline(never) func checksum(_ b: [UInt8]) -> Int { var s = 0; for x in b { s &+= Int(x) }; return s }
        @_semantics("maxlive.entry") public func fillBuffer(_ n: Int) -> Int {
            var b = [UInt8](repeating: 0, count: min(max(n, 0), 64))
            for i in 0..<b.count { b[i] = UInt8(truncatingIfNeeded: i) }
            return checksum(b)
        }
        @_semantics("maxlive.entry") public func fillAny(_ n: Int) -> Int {
            var b = [UInt8](repeating: 0, count: max(n, 0))
            for i in 0..<b.count { b[i] = UInt8(truncatingIfNeeded: i) }
            return checksum(b)
        }
        """)
        // 32 + 64 = 96, and the copy a write may make of a shared buffer: 96 more.
        #expect(r["fillBuffer"]?.bound == 96 + 96, "reasons: \(r["fillBuffer"]?.reasons.map(\.message) ?? [])")
        #expect(r["fillAny"]?.bound == nil)
        #expect(r["fillAny"]?.reasons.contains { $0.message.contains("Array(repeating:count:) is called with a count the code does not bound") } == true,
                "reasons: \(r["fillAny"]?.reasons.map(\.message) ?? [])")
    }

    @Test("An array wrapped in a struct or an Optional once it grows no more goes where the wrapper goes")
    func wrappedAfterGrowth() throws {
        let r = try analyze("""
        public struct Message { var kind: Int; var payload: [Int] }
        @inline(never) func collect(_ n: Int) -> [Int]? {
            guard n >= 0 else { return nil }
            var a: [Int] = []
            for i in 0..<min(n, 4) { a.append(i) }
            return a
        }
        @inline(never) func compose(_ n: Int) -> Message {
            var a: [Int] = []
            for i in 0..<min(n, 4) { a.append(i) }
            return Message(kind: n, payload: a)
        }
        @_semantics("maxlive.entry") public func receive(_ n: Int) -> Int { collect(n)?.count ?? -1 }
        @_semantics("maxlive.entry") public func send(_ n: Int) -> Int { compose(n).payload.count }
        """)
        // Capacity 4 (32 + 32 = 64) grown from 2 (48).
        #expect(r["receive"]?.bound == 64 + 48, "reasons: \(r["receive"]?.reasons.map(\.message) ?? [])")
        #expect(r["send"]?.bound == 64 + 48, "reasons: \(r["send"]?.reasons.map(\.message) ?? [])")
    }
}
