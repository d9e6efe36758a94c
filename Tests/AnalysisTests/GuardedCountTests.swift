// Global arrays whose largest count the code's own guards enforce (GuardedGlobalCounts.swift):
// the bound holds only when every change in the module that adds to the global is behind a
// check of its count read after the last change.

import Analysis
import SILParser
import TestSupport
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

    @Test("Two appends after one check: bounded when the check leaves room for both under the limit, else not")
    func twoAppends() throws {
        // `count < 7` leaves room for two under the 8 `register` allows.
        let roomy = try analyze(Self.table + """
        @_semantics("maxlive.entry") public func pair(_ n: Int) -> Int {
            guard table.count < 7 else { return -1 }
            table.append(Entry())
            table.append(Entry())
            return table.count
        }
        """)
        #expect(roomy["pair"]?.bound != nil, "reasons: \(roomy["pair"]?.reasons.map(\.message) ?? [])")
        #expect(roomy["add"]?.assumptions.contains { $0.message.contains("never holds more than 8 elements") } == true)
        // `count < 8` lets the second append reach 9, and a later call finds 9 and goes on.
        let tight = try analyze(Self.table + """
        @_semantics("maxlive.entry") public func pair(_ n: Int) -> Int {
            guard table.count < 8 else { return -1 }
            table.append(Entry())
            table.append(Entry())
            return table.count
        }
        """)
        #expect(tight["pair"]?.bound == nil)
        #expect(tight["add"]?.bound == nil)
    }

    @Test("Room made first: a ring that drops its oldest at the limit is bounded; one that makes room for one and adds two is not")
    func evicting() throws {
        let r = try analyze("""
        public final class Entry { var id = 0 }
        nonisolated(unsafe) var ring: [Entry] = []
        nonisolated(unsafe) var pairs: [Int] = []
        @inline(never) func log(_ id: Int) {
            if ring.count == 16 { ring.removeFirst() }
            let e = Entry()
            e.id = id
            ring.append(e)
        }
        @inline(never) func twice(_ a: Int) {
            if pairs.count == 8 { pairs.removeFirst() }
            pairs.append(a)
            pairs.append(-a)
        }
        @_semantics("maxlive.entry") public func logOne(_ n: Int) -> Int { log(n); return ring.count }
        @_semantics("maxlive.entry") public func addTwo(_ n: Int) -> Int { twice(n); return pairs.count }
        """)
        let one = try #require(r["logOne"])
        #expect(one.bound != nil, "reasons: \(one.reasons.map(\.message))")
        #expect(one.assumptions.contains { $0.message.contains("`ring` never holds more than 16 elements") })
        #expect(r["addTwo"]?.bound == nil)
    }

    @Test("A removal through a copy taken earlier makes no room in the global")
    func staleRemoval() throws {
        let r = try analyze(Self.table + """
        @_semantics("maxlive.entry") public func shuffle(_ n: Int) -> Int {
            var copy = table
            if table.count == 8 { copy.removeFirst() }
            table.append(Entry())
            return copy.count
        }
        """)
        #expect(r["shuffle"]?.bound == nil)
        #expect(r["add"]?.bound == nil)
    }

    @Test("Room made after reading every element: the loop's retain of the buffer does not spoil the check; the copy a shared buffer's removeAll(keepingCapacity:) makes is sized from the bound")
    func evictingAfterReading() throws {
        let r = try analyze("""
        nonisolated(unsafe) var samples: [UInt32] = []
        nonisolated(unsafe) var total: UInt32 = 0
        @inline(never) func mix(_ s: UInt32) { total = total &+ s }
        @inline(never) func sample(_ x: UInt32) -> Int {
            if samples.count >= 64 {
                for s in samples { mix(s) }
                samples.removeAll(keepingCapacity: true)
            }
            samples.append(x)
            return samples.count
        }
        @_semantics("maxlive.entry") public func addSample(_ n: Int) -> Int { sample(UInt32(truncatingIfNeeded: n)) }
        """)
        let entry = try #require(r["addSample"])
        #expect(entry.bound != nil, "reasons: \(entry.reasons.map(\.message))")
        #expect(entry.assumptions.contains { $0.message.contains("`samples` never holds more than 64 elements") })
    }

    @Test("The refusal names the change that finds no room, and a call that may change the global before it")
    func roomRefusals() throws {
        let r = try analyze("""
        nonisolated(unsafe) var pairs: [Int] = []
        nonisolated(unsafe) var log: [Int] = []
        @inline(never) func twice(_ a: Int) {
            if pairs.count == 8 { pairs.removeFirst() }
            pairs.append(a)
            pairs.append(-a)
        }
        @inline(never) func clear() { log = [] }
        @inline(never) func note(_ a: Int) {
            if log.count == 8 { log.removeFirst() }
            clear()
            log.append(a)
        }
        @_semantics("maxlive.entry") public func addTwo(_ n: Int) -> Int { twice(n); return pairs.count }
        @_semantics("maxlive.entry") public func addNote(_ n: Int) -> Int { note(n); return log.count }
        """)
        let two = try #require(r["addTwo"]).reasons.map(\.message).joined(separator: "\n")
        #expect(two.contains("guards the change that adds to it at"), "\(two)")
        #expect(!two.contains("no room is made after"), "\(two)")
        let noted = try #require(r["addNote"]).reasons.map(\.message).joined(separator: "\n")
        #expect(noted.contains("no room is made after a call that may change it at"), "\(noted)")
    }

    @Test("A store of another array between the check and the append: the count checked is not the count appended to")
    func storeBetween() throws {
        let r = try analyze("""
        nonisolated(unsafe) var ring: [Int] = []
        @inline(never) func push(_ n: Int) -> Int {
            if ring.count < 8 {
                if n == 5 { ring = Array(repeating: n, count: 8) }
                ring.append(n)
            }
            return ring.count
        }
        @inline(never) func pushLater(_ n: Int) -> Int {
            let c = ring.count
            if n == 6 { ring = Array(repeating: n, count: 8) }
            if c < 8 { ring.append(n) }
            return ring.count
        }
        @_semantics("maxlive.entry") public func push1(_ n: Int) -> Int { push(n) }
        @_semantics("maxlive.entry") public func push2(_ n: Int) -> Int { pushLater(n) }
        """)
        #expect(r["push1"]?.bound == nil)
        #expect(r["push2"]?.bound == nil)
    }

    @Test("At -O, removeFirst() is a replaceSubrange whose empty replacement the optimizer dropped as a parameter: still room made")
    func evictingAtO() throws {
        let path = try SILTestSupport.emitSIL(markers + """
        nonisolated(unsafe) var ring: [Int] = []
        @_semantics("maxlive.entry") public func push1(_ n: Int) -> Int {
            if ring.count == 8 { ring.removeFirst() }
            ring.append(n)
            return ring.count
        }
        """, embedded: true, optimization: "-O")
        let result = Analyzer(module: try SILParser.parse(path: path)).run()
        let entry = try #require(result.entries.first { $0.name == "push1" })
        #expect(entry.bound != nil, "reasons: \(entry.reasons.map(\.message))")
        #expect(entry.assumptions.contains { $0.message.contains("`ring` never holds more than 8 elements") })
    }
}
