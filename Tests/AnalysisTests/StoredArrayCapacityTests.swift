// Arrays kept in stored places (Sources/Analysis/StoredArrayCapacities.swift): bounded by the
// largest buffer the module ever stores there, refused with the place and the write that has no
// bound otherwise. Measured peaks for the bounded shapes are in Fixtures/stored_tables.swift.

import Analysis
import Testing

@Suite("Stored array capacities")
struct StoredArrayCapacityTests {
    static let table = """
    public final class Handle { var offset = 0 }
    struct Table {
        var slots: [Handle?] = []
        mutating func put(_ k: Int, _ h: Handle) {
            if slots.isEmpty { slots = Array(repeating: nil, count: 16) }
            if k >= 0 && k < slots.count { slots[k] = h }
        }
    }
    nonisolated(unsafe) var table = Table()

    """

    @Test("A table every writer fills with 16 slots: made (160 B), maybe copied on write (160 B), plus the Handle (24 B)")
    func fixedTable() throws {
        let r = try analyze(Self.table + """
        @_semantics("maxlive.entry") public func put(_ n: Int) { table.put(n, Handle()) }
        """)
        // Slots: 32 header + 16 × 8 = 160; Handle: 16 + 8 = 24.
        #expect(r["put"]?.bound == 160 + 160 + 24, "reasons: \(r["put"]?.reasons.map(\.message) ?? [])")
    }

    @Test("Refused, naming the place and the writer",
          arguments: [
            // Another function stores an array that came in as a parameter.
            ("@inline(never) public func install(_ s: [Handle?]) { table.slots = s }",
             "is a parameter of install"),
            // Another function appends with no bound.
            ("@inline(never) public func grow(_ h: Handle) { table.slots.append(h) }",
             "Table.slots"),
          ])
    func refused(writer: String, reason: String) throws {
        let r = try analyze(Self.table + writer + """

        @_semantics("maxlive.entry") public func put(_ n: Int) { table.put(n, Handle()) }
        """)
        let e = try #require(r["put"])
        #expect(e.bound == nil)
        #expect(e.reasons.contains { $0.message.contains(reason) }, "reasons: \(e.reasons.map(\.message))")
    }

    @Test("A global array made on first use with 64 Ints: made (544 B) and maybe copied on write (544 B)")
    func globalArray() throws {
        let r = try analyze("""
        nonisolated(unsafe) var counters: [Int] = []
        @_semantics("maxlive.entry") public func bump(_ n: Int) -> Int {
            if counters.isEmpty { counters = [Int](repeating: 0, count: 64) }
            counters[n & 63] += 1
            return counters[0]
        }
        """)
        #expect(r["bump"]?.bound == 544 + 544, "reasons: \(r["bump"]?.reasons.map(\.message) ?? [])")
    }

    @Test("A copy kept in another global: the write copies the shared buffer, whose old one the other global keeps")
    func keptCopy() throws {
        let r = try analyze(Self.table + """
        nonisolated(unsafe) var backup: [Handle?] = []
        @_semantics("maxlive.entry") public func snapshot(_ n: Int) {
            backup = table.slots
            table.put(n, Handle())
        }
        """)
        // The kept buffer was made before the call; this call makes at most a 16-slot table
        // (on first use) and its copy, and the Handle.
        #expect(r["snapshot"]?.bound == 160 + 160 + 24, "reasons: \(r["snapshot"]?.reasons.map(\.message) ?? [])")
    }
}
