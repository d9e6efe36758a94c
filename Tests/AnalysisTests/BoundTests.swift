// Each test is a small program, the bound it must get, and why (sizes from
// SILFacts §5: a class instance is 16 header bytes plus its stored properties).

import Analysis
import Layout
import Foundation
import SILParser
import Testing
import TestSupport

let markers = """
@inline(never) @_optimize(none) @_semantics("maxlive.loop_bound") public func maxliveLoopBound(_ n: Int) {}
@inline(never) @_optimize(none) @_semantics("maxlive.recursion_depth") public func maxliveRecursionDepth(_ n: Int) {}
public final class A { var x: Int = 0 }                          // 16 + 8 = 24 B
public final class B { var x: Int = 0; var y: Int = 0 }          // 16 + 16 = 32 B
public final class Node { var next: Node?; init(_ n: Node?) { next = n } }   // 16 + 8 = 24 B
nonisolated(unsafe) public var ga: A? = nil
nonisolated(unsafe) public var gb: B? = nil
nonisolated(unsafe) public var head: Node? = nil

"""

func analyze(_ source: String, embedded: Bool = true) throws -> [String: EntryResult] {
    let path = try SILTestSupport.emitSIL(markers + source, embedded: embedded, optimization: embedded ? "-Osize" : "-O")
    let module = try SILParser.parse(path: path)
    let result = Analyzer(module: module).run()
    return Dictionary(result.entries.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
}

/// Compiles `source` as Embedded Swift for armv7em (32-bit) and analyses it with the ILP32 target.
func analyzeArmv7em(_ source: String) throws -> [String: EntryResult] {
    let dir = SILTestSupport.temporaryDirectory()
    try source.write(toFile: dir + "/m.swift", atomically: true, encoding: .utf8)
    let r = try SILTestSupport.run(SILTestSupport.swiftc, [
        "-emit-sil", "-g", "-Osize", "-wmo", "-parse-as-library", "-module-name", "M",
        "-enable-experimental-feature", "Embedded", "-target", "armv7em-none-none-eabi",
        dir + "/m.swift", "-o", dir + "/m.sil"])
    try #require(r.status == 0, "\(r.output)")
    var options = AnalysisOptions()
    options.target = .ilp32
    let result = Analyzer(module: try SILParser.parse(path: dir + "/m.sil"), options: options).run()
    return Dictionary(result.entries.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
}

@Suite("Bounds")
struct BoundTests {
    @Test("Straight line: both objects stay live (stored in globals): 24 + 32")
    func straightLine() throws {
        let r = try analyze("""
        @_semantics("maxlive.entry") public func straight() { ga = A(); gb = B() }
        """)
        #expect(r["straight"]?.bound == 56)
    }

    @Test("Branches take the larger side: max(24, 32)")
    func branches() throws {
        let r = try analyze("""
        @_semantics("maxlive.entry") public func branch(_ n: Int) { if n > 3 { ga = A() } else { gb = B() } }
        """)
        #expect(r["branch"]?.bound == 32)
    }

    @Test("A marker bounds a loop whose objects survive: 10 × 24")
    func markedLoop() throws {
        let r = try analyze("""
        @_semantics("maxlive.entry") public func build(_ n: Int) { for _ in 0..<n { maxliveLoopBound(10); head = Node(head) } }
        """)
        let e = try #require(r["build"])
        #expect(e.bound == 240)
        #expect(e.assumptions.contains { $0.kind == .loopBound })
    }

    @Test("A constant trip count is inferred: 7 × 24")
    func constantLoop() throws {
        let r = try analyze("""
        @_semantics("maxlive.entry") public func seven() { for _ in 0..<7 { head = Node(head) } }
        """)
        #expect(r["seven"]?.bound == 168)
    }

    @Test("A loop with surviving objects and no bound is unbounded, with its line")
    func unboundedLoop() throws {
        let r = try analyze("""
        @_semantics("maxlive.entry") public func grow(_ n: Int) { for _ in 0..<n { head = Node(head) } }
        """)
        let e = try #require(r["grow"])
        #expect(e.bound == nil)
        let reason = try #require(e.reasons.first { $0.kind == .unboundedLoop })
        #expect(reason.line == 9)   // the `for` line: markers take lines 1–8
        #expect(reason.file?.hasSuffix("m.swift") == true)
    }

    @Test("Recursion needs a depth marker; with depth 5 each frame's node counts: 5 × 24")
    func recursion() throws {
        let r = try analyze("""
        @_semantics("maxlive.entry") public func deep(_ n: Int) { maxliveRecursionDepth(5); head = Node(head); if n > 0 { deep(n - 1) } }
        @_semantics("maxlive.entry") public func wild(_ n: Int) { head = Node(head); if n > 0 { wild(n - 1) } }
        """)
        #expect(r["deep"]?.bound == 120)
        #expect(r["wild"]?.bound == nil)
        #expect(r["wild"]?.reasons.first?.kind == .unboundedRecursion)
    }

    @Test("Recursion bounded by the code's own depth guard: the call past the guard is dead in that context: 5 × 24")
    func recursionGuard() throws {
        let r = try analyze("""
        @inline(never) func chain(_ depth: Int) { guard depth < 5 else { return }; head = Node(head); chain(depth + 1) }
        @_semantics("maxlive.entry") public func deepGuard(_ n: Int) { chain(0) }
        @_semantics("maxlive.entry") public func deepFrom(_ n: Int) { chain(n) }
        """)
        #expect(r["deepGuard"]?.bound == 120, "reasons: \(r["deepGuard"]?.reasons.map(\.message) ?? [])")
        // From an unknown depth (a negative one recurses longer): no bound.
        #expect(r["deepFrom"]?.bound == nil)
    }

    @Test("Calls add the callee's peak and keep what it leaves live: 24 + 32 + 24")
    func calls() throws {
        let r = try analyze("""
        @inline(never) func makeB() { gb = B() }
        @inline(never) func makeA() { ga = A() }
        @_semantics("maxlive.entry") public func caller() { makeA(); makeB(); head = Node(nil) }
        """)
        #expect(r["caller"]?.bound == 80)
        #expect(r["caller"]?.path.first?.function == "caller")
    }

    /// A lazily made global first touched inside a loop: its initializer runs once per program,
    /// so a whole call charges it once, but the iteration that touches it first holds it.
    static let lazyTable = """
    @inline(never) @_optimize(none) @_semantics("maxlive.reserve_iteration") public func maxliveReserveIteration() {}
    public final class Big { var items: [Int] = Array(repeating: 0, count: 100) }
    let bigTable = Big()
    nonisolated(unsafe) var total = 0
    @inline(never) func pending() -> Bool { total < 1_000_000 }

    """

    @Test("A daemon's iteration that first touches a lazy global holds what its initializer makes: 24 + 32 + 100 × 8")
    func daemonLazyGlobal() throws {
        let r = try analyze(Self.lazyTable + """
        @_semantics("maxlive.daemon") public func sweeper() { while pending() { total &+= bigTable.items[total & 63] } }
        """)
        #expect(r["sweeper"]?.bound == 856, "reasons: \(r["sweeper"]?.reasons.map(\.message) ?? [])")
    }

    @Test("A reserving loop's iteration that first touches a lazy global holds it too")
    func reservedIterationLazyGlobal() throws {
        let r = try analyze(Self.lazyTable + """
        @_semantics("maxlive.entry") public func scan(_ n: Int) -> Int {
            var s = 0
            for i in 0..<n { maxliveReserveIteration(); s &+= bigTable.items[i & 63] }
            return s
        }
        """)
        let iteration = try #require(r.values.first { $0.kind == .iteration })
        #expect(iteration.bound == 856)
        #expect(r["scan"]?.bound == 856)
    }

    @Test("Allocator rounding: 24 → 32 and 32 → 48 with granularity 16 and a 16-byte header")
    func rounding() throws {
        let path = try SILTestSupport.emitSIL(markers + """
        @_semantics("maxlive.entry") public func straight() { ga = A(); gb = B() }
        """, embedded: true, optimization: "-Osize")
        var options = AnalysisOptions()
        options.granularity = 16
        options.overhead = 16
        let result = Analyzer(module: try SILParser.parse(path: path), options: options).run()
        #expect(result.entries.first { $0.name == "straight" }?.bound == 48 + 48)
    }
}

@Suite("Context-sensitive sizes")
struct ConstantArgumentTests {
    @Test("Constant counts passed to stdlib and user allocators: 32 + 200 × 8, 512, 32 + 300 × 8")
    func constantCounts() throws {
        let r = try analyze("""
        nonisolated(unsafe) public var keepArray: [Int] = []
        nonisolated(unsafe) public var keepBuffer: UnsafeMutablePointer<UInt8>? = nil
        @inline(never) func makeBuffer(_ n: Int) -> UnsafeMutablePointer<UInt8> { UnsafeMutablePointer<UInt8>.allocate(capacity: n) }
        @_semantics("maxlive.entry") public func arrays() { keepArray = [Int](repeating: 0, count: 200) }
        @_semantics("maxlive.entry") public func buffers() { keepBuffer = makeBuffer(512) }
        @_semantics("maxlive.entry") public func local(_ k: Int) -> Int { let a = [Int](repeating: k, count: 300); return a[k % 300] }
        @_semantics("maxlive.entry") public func dynamic(_ k: Int) { keepBuffer = makeBuffer(k) }
        """)
        #expect(r["arrays"]?.bound == 1632)
        #expect(r["buffers"]?.bound == 512)
        #expect(r["local"]?.bound == 2432)
        #expect(r["dynamic"]?.bound == nil)
        #expect(r["dynamic"]?.reasons.first?.kind == .dynamicSize)
    }
}

@Suite("32-bit targets")
struct ThirtyTwoBitTests {
    @Test("armv7em: 8-byte object header, 4-byte Int, 12-byte String (SILFacts §5.7)")
    func armv7em() throws {
        let r = try analyzeArmv7em("""
        public final class Point { var a: Int = 0; var b: Int8 = 0; var c: Double = 0 }     // 8 + 4 + 1 → 16 + 8 = 24
        public final class Named { var s: String = ""; var n: Int? = nil }                    // 8 + 12 + 5 = 25
        nonisolated(unsafe) public var p: Point? = nil
        nonisolated(unsafe) public var q: Named? = nil
        @_semantics("maxlive.entry") public func make() { p = Point(); q = Named() }
        """)
        #expect(r["make"]?.bound == 24 + 25)
    }
}

@Suite("Function values in globals")
struct GlobalHandlerTests {
    @Test("A handler global resolves to what is ever stored in it; an address that escapes leaves it unresolved")
    func handlers() throws {
        let r = try analyze("""
        nonisolated(unsafe) var onTick: () -> Void = {}
        nonisolated(unsafe) var onIRQ: () -> Void = {}
        @inline(never) func install(_ f: inout () -> Void) { f = { gb = B() } }
        @_semantics("maxlive.entry") public func setup() { onTick = { ga = A() }; install(&onIRQ) }
        @_semantics("maxlive.entry") public func tick() { onTick() }
        @_semantics("maxlive.entry") public func irq() { onIRQ() }
        """)
        #expect(r["tick"]?.bound == 24)
        #expect(r["irq"]?.bound == nil)
        #expect(r["irq"]?.reasons.contains { $0.message.contains("call through the global onIRQ: in setup, the global's address is used by 'apply'") } == true,
                "\(r["irq"]?.reasons.map(\.message) ?? [])")
    }
}
