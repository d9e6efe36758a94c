// Global arrays whose largest count the code's own guards enforce (GuardedGlobalCounts.swift):
// the bound holds only when every change in the module that adds to the global is behind a
// check of its count read after the last change.

import Analysis
import Testing

@Suite("Counts enforced by the code's guards")
struct GuardedCountTests {
    static let table = """
    public final class Entry { var id = 0 }
    nonisolated(unsafe) var table: [Entry] = []
    nonisolated(unsafe) var other: [Int] = []
    @inline(never) func register(_ id: Int) -> Int {
        guard table.count < 8 else { return -1 }
        let e = Entry()
        e.id = id
        table.append(e)
        return table.count
    }
    @_semantics("maxlive.entry") public func add(_ n: Int) -> Int { register(n) }

    """

    @Test("Every append behind `count < 8`: bounded, and the report names the guard as an assumption")
    func guarded() throws {
        let r = try analyze(Self.table)
        let add = try #require(r["add"])
        #expect(add.bound != nil, "reasons: \(add.reasons.map(\.message))")
        let assumption = add.assumptions.first { $0.message.contains("never holds more than 8 elements") }
        #expect(assumption?.kind == .maxCount)
        #expect(assumption?.message.contains("check of its count") == true)
    }

    @Test("One append elsewhere behind no check: no bound for the global, in every entry")
    func oneUnguarded() throws {
        let r = try analyze(Self.table + """
        @_semantics("maxlive.entry") public func push(_ n: Int) -> Int { table.append(Entry()); return table.count }
        """)
        #expect(r["add"]?.bound == nil)
        #expect(r["push"]?.bound == nil)
    }

    @Test("A count read before a call that appends says nothing of the append after it")
    func staleCount() throws {
        let r = try analyze(Self.table + """
        @_semantics("maxlive.entry") public func twice(_ n: Int) -> Int {
            guard table.count < 8 else { return -1 }
            _ = register(n)
            table.append(Entry())
            return table.count
        }
        """)
        #expect(r["twice"]?.bound == nil)
        #expect(r["add"]?.bound == nil)
    }

    @Test("A count read from a copy taken before a change is the old count: no guard")
    func staleSnapshot() throws {
        let r = try analyze(Self.table + """
        @_semantics("maxlive.entry") public func snap(_ n: Int) -> Int {
            let before = table
            guard table.count < 8 else { return -1 }
            table.append(Entry())
            if before.count < 8 { table.append(Entry()) }
            return before.count
        }
        """)
        #expect(r["snap"]?.bound == nil)
        #expect(r["add"]?.bound == nil)
    }

    @Test("A check of another array's count is no guard")
    func otherArray() throws {
        let r = try analyze(Self.table + """
        @_semantics("maxlive.entry") public func mixed(_ n: Int) -> Int {
            guard other.count < 8 else { return -1 }
            table.append(Entry())
            return table.count
        }
        """)
        #expect(r["mixed"]?.bound == nil)
        #expect(r["add"]?.bound == nil)
    }

    @Test("Two appends after one check: the second has no check of its own, so no bound")
    func twoAppends() throws {
        let r = try analyze(Self.table + """
        @_semantics("maxlive.entry") public func pair(_ n: Int) -> Int {
            guard table.count < 7 else { return -1 }
            table.append(Entry())
            table.append(Entry())
            return table.count
        }
        """)
        #expect(r["pair"]?.bound == nil)
        #expect(r["add"]?.bound == nil)
    }
}
