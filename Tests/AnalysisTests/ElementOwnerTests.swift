// Objects kept only in a capped local array's elements (Sources/Analysis/ArrayElementOwners.swift):
// charged as many as the array holds, however long the loop runs, but only while nothing the
// elements hold can leave them. Measured figures are in Fixtures/element_owners.swift; these are
// the shapes where an element's contents outlive it, which must stay unbounded.

import Analysis
import Testing

private let capped = """
public final class Child { var link: Child? = nil; init() {} }
public final class Holder { let child: Child; @inline(__always) init() { child = Child() } }
@inline(never) func more(_ i: Int, _ n: Int) -> Bool { i < n }

"""

@Suite("Objects kept by capped arrays")
struct ElementOwnerTests {
    @Test("Objects only a capped array keeps: its count of them, and the one being made")
    func cappedObjects() throws {
        let r = try analyze(capped + """
        @_semantics("maxlive.entry") public func firstFour(_ n: Int) -> Int {
            var out: [Child] = []
            var i = 0
            while more(i, n) { if out.count < 4 { out.append(Child()) }; i += 1 }
            return out.count
        }
        """)
        // Capacity 4 (32 + 32 = 64) while 2 (48) is copied, and 4 + 1 Childs of 24 B.
        #expect(r["firstFour"]?.bound == 64 + 48 + 5 * 24)
    }

    @Test("A child read back out of an element and kept elsewhere outlives the element: unbounded")
    func childLeavesElement() throws {
        let r = try analyze(capped + """
        nonisolated(unsafe) public var retired: Child? = nil
        @inline(never) func retire(_ c: Child) { c.link = retired; retired = c }
        @_semantics("maxlive.entry") public func childRetire(_ n: Int) -> Int {
            var out: [Holder] = []
            var i = 0
            while more(i, n) {
                if out.count < 4 { out.append(Holder()) } else { retire(out.removeFirst().child) }
                i += 1
            }
            return out.count
        }
        @_semantics("maxlive.entry") public func childLink(_ n: Int) -> Int {
            var out: [Holder] = []
            var i = 0
            while more(i, n) {
                if out.count < 4 { out.append(Holder()) } else { out[1].child.link = out[0].child; out.removeFirst() }
                i += 1
            }
            return out.count
        }
        """)
        #expect(r["childRetire"]?.bound == nil)
        #expect(r["childLink"]?.bound == nil)
    }

    @Test("A deinit that hands on what its object holds keeps it past the element's release: unbounded")
    func deinitKeepsContents() throws {
        let r = try analyze(capped + """
        nonisolated(unsafe) public var tomb: Child? = nil
        public final class Mourned { let child: Child; @inline(__always) init() { child = Child() }
            deinit { child.link = tomb; tomb = child } }
        @_semantics("maxlive.entry") public func tombs(_ n: Int) -> Int {
            var out: [Mourned] = []
            var i = 0
            while more(i, n) { if out.count < 4 { out.append(Mourned()) } else { out.removeFirst() }; i += 1 }
            return out.count
        }
        """)
        #expect(r["tombs"]?.bound == nil)
    }
}
