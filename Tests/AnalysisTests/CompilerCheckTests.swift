// The check against the compiler's IR (CompilerAllocations.swift, CompilerAllocationCheck.swift):
// the IRGen reader's cases, then whole programs analysed with IR that agrees (the real one) and
// with IR that disagrees with what SIL shows (the compiler's word wins, and the report says so).

@testable import Analysis
import Foundation
import SILParser
import SILModel
import Testing
import TestSupport

@Suite("Checked against the compiler's IR")
struct CompilerCheckTests {
    @Test("IRGen reader: allocator sizes, run-time sizes, calloc, indirect calls, IR-only helpers followed, SIL functions not")
    func reader() {
        let ir = """
        define swiftcc void @"$e1M1fyyF"() !dbg !10 {
          %1 = call noalias ptr @swift_allocObject(ptr @"$e1M5SmallCN", i64 32, i64 7) #2, !dbg !21
          %2 = call noalias ptr @swift_allocObject(ptr @"$e1M5SmallCN", i64 %n, i64 7)
          %3 = call ptr @calloc(i64 4, i64 24)
          call swiftcc void %7(ptr %1)
          call void @outlined_helper(ptr %1)
          call swiftcc void @"$e1M1gyyF"()
          ret void
        }
        define internal void @outlined_helper(ptr %0) {
          %1 = call ptr @swift_slowAlloc(i64 100, i64 -1)
          ret void
        }
        define swiftcc void @"$e1M1gyyF"() {
          %1 = call ptr @malloc(i64 7)
          ret void
        }
        !21 = !DILocation(line: 0, scope: !22, inlinedAt: !23)
        !23 = !DILocation(line: 14, column: 5, scope: !10)
        """
        let c = CompilerAllocations.read(Array(ir.utf8))
        let silFunctions: Set<String> = ["$e1M1fyyF", "$e1M1gyyF"]
        let f = c.allocations(of: "$e1M1fyyF", isSILFunction: { silFunctions.contains($0) }) ?? []
        #expect(f.map(\.bytes) == [32, nil, 96, 100])
        #expect(f.map(\.allocator) == ["swift_allocObject", "swift_allocObject", "calloc", "swift_slowAlloc"])
        #expect(f.first?.line == 14)
        #expect(c.allocations(of: "$e1M1gyyF", isSILFunction: { silFunctions.contains($0) })?.map(\.bytes) == [7])
        #expect(c.allocations(of: "missing", isSILFunction: { _ in true }) == nil)
    }

    static let program = markers + """
    public final class Small { var a = 0; var b = 0 }                 // 16 + 16 = 32 B
    @inline(never) func look(_ s: Small) -> Int { s.a &+ s.b }
    nonisolated(unsafe) var handler: (() -> Int)? = nil
    @_semantics("maxlive.entry") public func stackObject(_ n: Int) -> Int { look(Small()) }
    @_semantics("maxlive.entry") public func kept(_ n: Int) { ga = A() }
    @_semantics("maxlive.entry") public func nothing(_ n: Int) -> Int { n &+ 1 }
    @_semantics("maxlive.entry") public func looping(_ n: Int) -> Int {
        var s = 0
        for i in 0..<n { maxliveLoopBound(4); s &+= i }
        return s
    }
    @_semantics("maxlive.entry") public func closure(_ n: Int) {
        let a = A()
        ga = a
        handler = { [unowned(unsafe) a] in a.x &+ n }
    }
    """

    /// The program's SIL, analysed with `ir` standing for IRGen's output (nil: the real one).
    func analyze(ir: ((Module) -> String)? = nil) throws -> (AnalysisResult, [String: EntryResult]) {
        let module = try SILParser.parse(path: try SILTestSupport.emitSIL(Self.program, embedded: true, optimization: "-Osize"))
        var options = AnalysisOptions()
        if let ir {
            options.compilerAllocations = CompilerAllocations.read(Array(ir(module).utf8))
        } else {
            let path = try SILTestSupport.emitIRGen(Self.program, embedded: true, optimization: "-Osize")
            options.compilerAllocations = CompilerAllocations.read(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        }
        let result = Analyzer(module: module, options: options).run()
        return (result, Dictionary(result.entries.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }))
    }

    /// IR in which entry `name` makes exactly the allocations `calls`, nothing else.
    static func ir(_ module: Module, _ name: String, _ calls: [String]) -> String {
        let symbol = module.functions.first { $0.swiftName == name && $0.isDefinition }!.name
        return "define swiftcc void @\"\(symbol)\"() {\n" + calls.map { "  %x = call ptr \($0)\n" }.joined() + "  ret void\n}\n"
    }

    @Test("The compiler's own IR agrees with SIL: no mismatch, the same bounds as without it")
    func agrees() throws {
        let (result, r) = try analyze()
        let check = try #require(result.compilerCheck)
        #expect(check.allocationSites > 0 && check.mismatches == 0)
        #expect(r["stackObject"]?.bound == 0)
        #expect(r["kept"]?.bound == 24)
        #expect(r["closure"]?.bound == 24 + 32)     // A, and a context of 16 + an unowned reference + n
        #expect(r.values.allSatisfy { !$0.assumptions.contains { $0.kind == .compilerAllocation || $0.kind == .uncheckedSizes } })
    }

    @Test("A [stack] object the IR puts on the heap is charged as heap, and the report says so")
    func stackObjectOnHeap() throws {
        let (_, r) = try analyze { Self.ir($0, "stackObject", ["@swift_allocObject(ptr @md, i64 32, i64 7)"]) }
        #expect(r["stackObject"]?.bound == 32)
        #expect(r["stackObject"]?.assumptions.contains { $0.kind == .compilerAllocation && $0.message.contains("32 B on the heap") } == true)
    }

    @Test("An object the IR makes bigger than the layout rules is charged the IR's size")
    func biggerObject() throws {
        let (_, r) = try analyze { Self.ir($0, "kept", ["@swift_allocObject(ptr @md, i64 40, i64 7)"]) }
        #expect(r["kept"]?.bound == 40)
        #expect(r["kept"]?.assumptions.contains { $0.kind == .compilerAllocation && $0.message.contains("more than the 24 B") } == true)
    }

    @Test("A closure context the IR allocates where SIL needs none is charged")
    func closureContext() throws {
        let (_, r) = try analyze { module in
            Self.ir(module, "closure", ["@swift_allocObject(ptr @md, i64 24, i64 7)", "@swift_allocObject(ptr @md, i64 24, i64 7)",
                                        "@swift_allocObject(ptr @md, i64 24, i64 7)"])
        }
        // A (24) and its context (32) cover two; the third 24 B matches nothing SIL shows.
        #expect(r["closure"]?.bound == 24 + 32 + 24)
    }

    @Test("An IR allocation nothing in SIL accounts for: charged for the whole call without loops, unbounded with them")
    func unmatched() throws {
        let (_, plain) = try analyze { Self.ir($0, "nothing", ["@malloc(i64 48)"]) }
        #expect(plain["nothing"]?.bound == 48)
        #expect(plain["nothing"]?.assumptions.contains { $0.kind == .compilerAllocation && $0.message.contains("no SIL instruction shows") } == true)
        let (_, looped) = try analyze { Self.ir($0, "looping", ["@malloc(i64 16)"]) }
        #expect(looped["looping"]?.bound == nil)
        #expect(looped["looping"]?.reasons.contains { $0.kind == .compilerAllocation && $0.message.contains("loops may repeat it") } == true)
    }

    @Test("Without IR every entry lists the unchecked sizes as an assumption")
    func unchecked() throws {
        let module = try SILParser.parse(path: try SILTestSupport.emitSIL(Self.program, embedded: true, optimization: "-Osize"))
        let result = Analyzer(module: module).run()
        #expect(result.compilerCheck == nil)
        #expect(result.entries.allSatisfy { $0.assumptions.contains { $0.kind == .uncheckedSizes } })
    }
}

@Suite("Recursion depth from per-function markers")
struct RecursionDepthTests {
    @Test("Marked cycles add their depths; unmarked functions between them add chains; an unmarked cycle has no bound")
    func frames() {
        let calls: [String: [String]] = ["even": ["odd"], "odd": ["even"], "ping": ["pong"], "pong": ["ping"],
                                         "a": ["b"], "b": ["c", "a"], "c": ["a"], "x": ["y"], "y": ["x", "y"]]
        let callees = { (f: String) in calls[f] ?? [] }
        guard case .frames(let both) = RecursionDepth.frames(component: ["even", "odd"], depths: ["even": 3, "odd": 3], callees: callees),
              case .frames(let one) = RecursionDepth.frames(component: ["ping", "pong"], depths: ["ping": 2], callees: callees),
              case .frames(let chain) = RecursionDepth.frames(component: ["a", "b", "c"], depths: ["a": 2], callees: callees),
              case .unmarkedCycle(let names) = RecursionDepth.frames(component: ["x", "y"], depths: ["x": 4], callees: callees)
        else { Issue.record("unexpected outcome"); return }
        #expect(both == 6)
        #expect(one == 2 + 3 * 1)
        #expect(chain == 2 + 3 * 2)      // a, then b → c at most between two a's
        #expect(names == ["y"])
    }
}

@Suite("Overloaded entries")
struct OverloadTests {
    @Test("Function types name overloads the way Swift users read them")
    func signatures() {
        #expect(FunctionSignature("@convention(thin) (@guaranteed String, UInt8) -> @owned Optional<Int>").parameters == "(String, UInt8)")
        #expect(FunctionSignature("$@convention(thin) (Int) -> ()").parametersAndResult == "(Int) -> ()")
        #expect(FunctionSignature("@convention(thin) <τ_0_0> (@in_guaranteed τ_0_0) -> ()").parameters == "(τ_0_0)")
    }

    @Test("Entries that share a Swift name get one name each, by parameter types, then result type")
    func unique() throws {
        let r = try SILParser.parse(path: try SILTestSupport.emitSIL(markers + """
        @_semantics("maxlive.entry") public func handle(_ x: Int) { ga = A() }
        @_semantics("maxlive.entry") public func handle(_ x: UInt8) { ga = A(); gb = B() }
        @_semantics("maxlive.entry") public func make() -> Int { 1 }
        @_semantics("maxlive.entry") public func make() -> UInt8 { 2 }
        """, embedded: true, optimization: "-Osize"))
        let names = Analyzer(module: r).run().entries.map(\.name).sorted()
        #expect(names == ["handle(Int)", "handle(UInt8)", "make() -> Int", "make() -> UInt8"])
    }
}
