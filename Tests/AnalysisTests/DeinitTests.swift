// Releases are charged the deinits of the classes they can free (ReleaseClasses.swift,
// DeinitCost.swift). Heavy's deinit stores a [Int] of 100 in a global: 32 + 800 = 832 B,
// which its release leaves live; Plain's deinit allocates nothing. Every class here is
// 16 + 8 = 24 B.

import Analysis
import Testing

let deinitClasses = """
nonisolated(unsafe) public var keep: [Int] = []
public final class Heavy { var x = 0; deinit { keep = [Int](repeating: x, count: 100) } }
public final class Plain { var x = 0 }
nonisolated(unsafe) public var gplain: Plain? = nil
nonisolated(unsafe) public var gheavy: Heavy? = nil

"""

@Suite("Deinit costs per class")
struct DeinitTests {
    @Test("A release of a class whose deinit allocates nothing costs nothing, though another deinit allocates")
    func plainRelease() throws {
        let r = try analyze(deinitClasses + """
        @_semantics("maxlive.entry") public func replacePlain() { gplain = Plain() }
        @_semantics("maxlive.entry") public func replaceHeavy() { gheavy = Heavy() }
        """)
        // The new Plain only: the old one's release runs Plain's deinit.
        #expect(r["replacePlain"]?.bound == 24)
        // The new Heavy, and the old one's deinit keeps a new array.
        let heavy = try #require(r["replaceHeavy"]?.bound)
        #expect(heavy >= 24 + 832)
    }

    @Test("A release of a base-class value may run a subclass's deinit")
    func subclassRelease() throws {
        let r = try analyze(deinitClasses + """
        public class Base { var y = 0 }
        public final class Derived: Base { deinit { keep = [Int](repeating: y, count: 100) } }
        nonisolated(unsafe) public var gbase: Base? = nil
        @_semantics("maxlive.entry") public func replaceBase(_ d: Bool) { gbase = d ? Derived() : Base() }
        @_semantics("maxlive.entry") public func replacePlain() { gplain = Plain() }
        """)
        let bound = try #require(r["replaceBase"]?.bound)
        #expect(bound >= 24 + 832)
        #expect(r["replacePlain"]?.bound == 24)
    }

    @Test("A struct or enum holding a class frees that class; one holding only a plain class costs nothing")
    func aggregates() throws {
        let r = try analyze(deinitClasses + """
        public struct Holder { var h: Heavy?; var n: Int }
        public struct PlainHolder { var p: Plain?; var n: Int }
        public enum Slot { case empty; case full(Heavy, Int) }
        nonisolated(unsafe) public var gholder = Holder(h: nil, n: 0)
        nonisolated(unsafe) public var gplainHolder = PlainHolder(p: nil, n: 0)
        nonisolated(unsafe) public var gslot: Slot = .empty
        @_semantics("maxlive.entry") public func replaceHolder(_ n: Int) { gholder = Holder(h: Heavy(), n: n) }
        @_semantics("maxlive.entry") public func replacePlainHolder(_ n: Int) { gplainHolder = PlainHolder(p: Plain(), n: n) }
        @_semantics("maxlive.entry") public func replaceSlot(_ n: Int) { gslot = .full(Heavy(), n) }
        """)
        #expect(try #require(r["replaceHolder"]?.bound) >= 24 + 832)
        #expect(try #require(r["replaceSlot"]?.bound) >= 24 + 832)
        #expect(r["replacePlainHolder"]?.bound == 24)
    }

    @Test("An array of a class frees its elements, each running the deinit: what each keeps adds up, by a count unknown here")
    func arrayElements() throws {
        let r = try analyze(deinitClasses + """
        nonisolated(unsafe) public var gheavies: [Heavy] = []
        nonisolated(unsafe) public var gplains: [Plain] = []
        @_semantics("maxlive.entry") public func dropHeavies() { gheavies = [] }
        @_semantics("maxlive.entry") public func dropPlains() { gplains = [] }
        """)
        let heavies = try #require(r["dropHeavies"])
        #expect(heavies.bound == nil)
        #expect(heavies.reasons.contains { $0.message.contains("once per element, and each keeps 832 B") })
        #expect(r["dropPlains"]?.bound == 0)
    }

    @Test("A release of an existential may run any deinit: the module's worst")
    func existentialRelease() throws {
        let r = try analyze(deinitClasses + """
        public protocol Thing: AnyObject {}
        extension Plain: Thing {}
        nonisolated(unsafe) public var gthing: (any Thing)? = nil
        nonisolated(unsafe) public var gobject: AnyObject? = nil
        @_semantics("maxlive.entry") public func replaceThing() { gthing = Plain() }
        @_semantics("maxlive.entry") public func replaceObject() { gobject = Plain() }
        """)
        #expect(r["replaceThing"]?.bound == 24 + 832)
        #expect(r["replaceObject"]?.bound == 24 + 832)
    }

    @Test("A deinit that allocates and releases its own class has no fixpoint: unbounded, naming the class; other releases keep their bound")
    func cyclicDeinit() throws {
        let r = try analyze(deinitClasses + """
        public final class Chain {
            var next: Chain?
            init(_ n: Chain?) { next = n }
            deinit { keep = [Int](repeating: 1, count: 100) }
        }
        nonisolated(unsafe) public var gchain: Chain? = nil
        @_semantics("maxlive.entry") public func dropChain() { gchain = nil }
        @_semantics("maxlive.entry") public func replacePlain() { gplain = Plain() }
        """)
        let chain = try #require(r["dropChain"])
        #expect(chain.bound == nil)
        let reason = try #require(chain.reasons.first { $0.message.contains("Chain") })
        // Markers take lines 1–8, deinitClasses 9–13: the deinit is on line 17.
        #expect(reason.line == 17)
        #expect(r["replacePlain"]?.bound == 24)
    }
}
