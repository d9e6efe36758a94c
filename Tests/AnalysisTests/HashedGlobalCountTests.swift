// Dictionaries and sets kept in globals whose largest count the code's own guards enforce: the
// same proof as for arrays (GuardedGlobalCounts.swift), with the table's own count, insertions
// and removals (FunctionChanges+HashedTables.swift).

@testable import Analysis
import SILModel
import SILParser
import TestSupport
import Testing

@Suite("Counts of global dictionaries and sets enforced by the code's guards")
struct HashedGlobalCountTests {
    static let program = """
    public final class Mailbox { var depth = 0; init(depth: Int) { self.depth = depth } }
    nonisolated(unsafe) var mailboxes: [Int: Mailbox] = [:]
    nonisolated(unsafe) var ports: Set<UInt16> = []
    @inline(never) func mailbox(_ port: Int) -> Mailbox? {
        if let m = mailboxes[port] { return m }
        guard mailboxes.count < 8 else { return nil }
        let m = Mailbox(depth: 16)
        mailboxes[port] = m
        return m
    }
    @inline(never) func bind(_ p: UInt16) -> Bool {
        guard ports.count < 64 else { return false }
        if ports.contains(p) { return false }
        ports.insert(p)
        return true
    }
    @_semantics("maxlive.entry") public func send(_ n: Int) -> Int { mailbox(n & 7)?.depth ?? -1 }
    @_semantics("maxlive.entry") public func close(_ n: Int) -> Int { mailboxes.removeValue(forKey: n) == nil ? 0 : 1 }
    @_semantics("maxlive.entry") public func bindOne(_ n: Int) -> Int { bind(UInt16(truncatingIfNeeded: n)) ? 1 : 0 }
    @_semantics("maxlive.entry") public func unbind(_ n: Int) -> Int { ports.remove(UInt16(truncatingIfNeeded: n)) == nil ? 0 : 1 }
    public func reset() { mailboxes = [:]; ports = [] }

    """

    /// The guards' bound (or refusal) of each global whose symbol mentions a name in `names`.
    static func bounds(_ source: String, _ names: [String], optimization: String = "-Osize") throws -> [String: (count: Int?, refusal: String?)] {
        let module = try SILParser.parse(path: try SILTestSupport.emitSIL(source, embedded: true, optimization: optimization))
        let text = InstructionText(module: module)
        let constants = ConstantEvaluator(text: text)
        let stdlib = StdlibCallIndex(module: module)
        let guarded = GuardedGlobalCounts(module: module, text: text, constants: constants, stdlib: stdlib,
                                          capacityOfResult: { _, _ in .failure(StoredArrayCapacities.Refusal(message: "none")) })
        var result: [String: (count: Int?, refusal: String?)] = [:]
        for name in names {
            guard let g = module.globals.first(where: { $0.name.contains("\(name.count)\(name)") && !$0.name.hasSuffix("Wz") }) else { continue }
            result[name] = (guarded.bound(ofGlobal: g.name)?.count, guarded.refusal(ofGlobal: g.name))
        }
        return result
    }

    @Test("Every insertion behind `count < K`; lookups, removals and `= [:]` elsewhere: the count is at most K")
    func guardedInsertions() throws {
        let r = try Self.bounds(Self.program, ["mailboxes", "ports"])
        #expect(r["mailboxes"]?.count == 8, "\(String(describing: r["mailboxes"]?.refusal))")
        #expect(r["ports"]?.count == 64, "\(String(describing: r["ports"]?.refusal))")
    }

    @Test("One insertion behind no check: no bound, and the refusal names its line")
    func unguardedInsertion() throws {
        let r = try Self.bounds(Self.program + """
        @_semantics("maxlive.entry") public func flood(_ n: Int) -> Int { ports.insert(UInt16(truncatingIfNeeded: n)); return ports.count }
        """, ["ports", "mailboxes"])
        #expect(r["ports"]?.count == nil)
        #expect(r["ports"]?.refusal?.contains("guards the change that adds to it at") == true, "\(String(describing: r["ports"]))")
        #expect(r["mailboxes"]?.count == 8)
    }

    @Test("The table handed to a function maxlive does not know to only read it: no bound, with the reason")
    func tableHandedToAnAlgorithm() throws {
        let r = try Self.bounds(Self.program + """
        @inline(never) func size(_ d: [Int: Mailbox]) -> Int { d.count }
        @_semantics("maxlive.entry") public func deep(_ n: Int) -> Int { size(mailboxes) }
        """, ["mailboxes"])
        #expect(r["mailboxes"]?.count == nil)
        #expect(r["mailboxes"]?.refusal?.contains("does not know to only read it") == true, "\(String(describing: r["mailboxes"]))")
    }

    @Test("A table of unknown size stored into the global: no bound")
    func storedTable() throws {
        let r = try Self.bounds(Self.program + """
        @_semantics("maxlive.entry") public func replace(_ n: Int) -> Int {
            var d: [Int: Mailbox] = [:]
            for i in 0..<n { d[i] = Mailbox(depth: i) }
            mailboxes = d
            return mailboxes.count
        }
        """, ["mailboxes"])
        #expect(r["mailboxes"]?.count == nil)
        #expect(r["mailboxes"]?.refusal?.contains("of no known size is stored into it") == true, "\(String(describing: r["mailboxes"]))")
    }

    @Test("Insertions and removals the optimizer inlined (the table changed on the stack and stored back) keep the bound", arguments: ["-O", "-Osize"])
    func inlinedChanges(optimization: String) throws {
        let r = try Self.bounds(Self.program + """
        @_semantics("maxlive.entry") public func fill(_ n: Int) -> Int {
            for i in 0..<min(n, 40) {
                guard mailboxes.count < 8 else { break }
                mailboxes[i &* 13 &+ n] = Mailbox(depth: i)
            }
            for i in 0..<n where mailboxes.removeValue(forKey: i) != nil { break }
            return mailboxes.count
        }
        """, ["mailboxes"], optimization: optimization)
        #expect(r["mailboxes"]?.count == 8, "\(String(describing: r["mailboxes"]?.refusal))")
    }

    @Test("An inlined insertion behind no check: no bound", arguments: ["-O", "-Osize"])
    func inlinedUnguarded(optimization: String) throws {
        let r = try Self.bounds(Self.program + """
        @_semantics("maxlive.entry") public func fill(_ n: Int) -> Int {
            for i in 0..<min(n, 40) { mailboxes[i &* 13 &+ n] = Mailbox(depth: i) }
            return mailboxes.count
        }
        """, ["mailboxes"], optimization: optimization)
        #expect(r["mailboxes"]?.count == nil)
        #expect(r["mailboxes"]?.refusal?.contains("guards the change that adds to it") == true, "\(String(describing: r["mailboxes"]?.refusal))")
    }
}
