// C read with libclang and bounded by the Swift rules (CFunctionReader, ForeignAnalyzer):
// each test writes a C file, reads it, and analyses a Swift entry that calls it.

import Analysis
import CFrontEnd
import SILParser
import Testing
import TestSupport

/// Analyses `swift` (entries calling C through @_extern) with the functions of `c`.
private func analyzeMixed(swift: String, c: String, api: ForeignAllocatorAPI = ForeignAllocatorAPI()) throws -> [String: EntryResult] {
    let dir = SILTestSupport.temporaryDirectory()
    try c.write(toFile: dir + "/part.c", atomically: true, encoding: .utf8)
    var options = AnalysisOptions()
    options.foreignFunctions = try CFunctionReader.read(path: dir + "/part.c", api: api)
    let sil = try SILTestSupport.emitSIL(markers + swift, embedded: true, optimization: "-Osize")
    let result = Analyzer(module: try SILParser.parse(path: sil), options: options).run()
    return Dictionary(result.entries.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
}

private let callC = """
@_extern(c, "work") func work(_ n: Int) -> Int
@_semantics("maxlive.entry") public func entry(_ n: Int) -> Int { work(n) }
"""

private let prelude = """
#include <stdlib.h>
static inline void maxlive_loop_bound(long n) { (void)n; }
static inline void maxlive_recursion_depth(long n) { (void)n; }
struct pair { long a, b; };

"""

@Suite("C functions in the call graph")
struct ForeignCodeTests {
    @Test("A free in the same block credits the allocation; a free elsewhere does not", arguments: [
        ("long work(long n) { struct pair *p = malloc(sizeof *p); p->a = n; long r = p->a; free(p); return r; }", 16),
        ("long work(long n) { struct pair *p = malloc(sizeof *p); if (n) { free(p); } return 0; }", 16),
        ("long work(long n) { struct pair *p = malloc(16); struct pair *q = p; p = malloc(32); free(q); return 0; }", 48),
        ("long work(long n) { struct pair *p = malloc(16); struct pair **pp = &p; free(p); return pp != 0; }", 16),
        ("long work(long n) { void *p; posix_memalign(&p, 16, 64); free(p); void *q = malloc(8); free(q); return 0; }", 64),
    ])
    func frees(c: String, bound: Int) throws {
        let r = try analyzeMixed(swift: callC, c: prelude + c)
        #expect(r["entry"]?.bound == bound, "\(r["entry"]?.reasons.map(\.message) ?? [])")
    }

    @Test("Counting loops are inferred; others need the marker; a survivor without a bound is unbounded at the loop's line")
    func loops() throws {
        let counted = try analyzeMixed(swift: callC, c: prelude + """
        long work(long n) { void *keep = 0; for (int i = 0; i < 6; i++) { keep = malloc(10); } return keep != 0; }
        """)
        #expect(counted["entry"]?.bound == 60)
        let written = try analyzeMixed(swift: callC, c: prelude + """
        long work(long n) { void *keep = 0; for (int i = 0; i < 6; i++) { keep = malloc(10); i += 0; } return keep != 0; }
        """)
        #expect(written["entry"]?.bound == nil, "a body that writes i is not a counting loop")
        let marked = try analyzeMixed(swift: callC, c: prelude + """
        long work(long n) { void *keep = 0; while (n-- > 0) { maxlive_loop_bound(3); keep = malloc(10); } return keep != 0; }
        """)
        #expect(marked["entry"]?.bound == 30)
        // The condition runs once more than the body: an allocation in it counts bound + 1 times.
        let condition = try analyzeMixed(swift: callC, c: prelude + """
        long work(long n) { void *p; long k = 0; while ((p = malloc(24)) && k < n) { maxlive_loop_bound(3); k++; } return k; }
        """)
        #expect(condition["entry"]?.bound == 4 * 24)
        #expect(marked["entry"]?.assumptions.contains { $0.kind == .loopBound && $0.file?.hasSuffix("part.c") == true } == true)
        let open = try analyzeMixed(swift: callC, c: prelude + """
        long work(long n) {
            void *keep = 0;
            while (n-- > 0) { keep = malloc(10); }
            return keep != 0;
        }
        """)
        let reason = try #require(open["entry"]?.reasons.first)
        #expect(reason.kind == .unboundedLoop && reason.line == 7 && reason.file?.hasSuffix("part.c") == true, "\(reason)")
    }

    @Test("Unknowns are unbounded with their C line: pointer calls, dynamic sizes, undefined functions, recursion without depth")
    func unknowns() throws {
        let cases: [(String, Finding.Kind)] = [
            ("long work(long n) { long (*f)(long) = (long (*)(long))n; return f(n); }", .unresolvedCall),
            ("long work(long n) { void *p = malloc(n * 8); return p != 0; }", .dynamicSize),
            ("long helper(long); long work(long n) { return helper(n); }", .externalFunction),
            ("long work(long n) { if (n <= 0) return 0; void *p = malloc(8); return work(n - 1) + (p != 0); }", .unboundedRecursion),
        ]
        for (c, kind) in cases {
            let r = try analyzeMixed(swift: callC, c: prelude + c)
            let e = try #require(r["entry"])
            #expect(e.bound == nil, "\(c)")
            #expect(e.reasons.contains { $0.kind == kind && $0.line == 5 && $0.file?.hasSuffix("part.c") == true }, "\(c): \(e.reasons)")
        }
    }

    @Test("Recursion with a depth: one frame's allocations per level")
    func recursion() throws {
        let r = try analyzeMixed(swift: callC, c: prelude + """
        long work(long n) { maxlive_recursion_depth(6); if (n <= 0) return 0; void *p = malloc(40); long s = work(n - 1); free(p); return s; }
        """)
        #expect(r["entry"]?.bound == 240)
    }

    @Test("A configured allocator API: kmalloc's size argument, kfree's pointer")
    func configuredAPI() throws {
        var api = ForeignAllocatorAPI()
        api.allocators["kzalloc"] = 1
        api.deallocators["kfree"] = 0
        let r = try analyzeMixed(swift: callC, c: prelude + """
        void *kzalloc(int flags, unsigned long size); void kfree(void *);
        long work(long n) { struct pair *a = kzalloc(0, 3 * sizeof(struct pair)); void *b = kzalloc(0, 8); kfree(a); return b != 0; }
        """, api: api)
        #expect(r["entry"]?.bound == 56)
    }

    @Test("Swift → C → Swift: the bound and the worst-case path run through both languages")
    func bothWays() throws {
        let r = try analyzeMixed(swift: """
        final class Cell { var a = 0; var b = 0 }                        // 16 + 16 = 32 B
        nonisolated(unsafe) var kept: Cell? = nil
        @_cdecl("make_cell") public func makeCell() { kept = Cell() }
        @_extern(c, "work") func work(_ n: Int) -> Int
        @_semantics("maxlive.entry") public func entry(_ n: Int) -> Int { work(n) }
        """, c: prelude + """
        void make_cell(void);
        long work(long n) { void *scratch = malloc(100); make_cell(); free(scratch); return n; }
        """)
        let e = try #require(r["entry"])
        #expect(e.bound == 132, "\(e.reasons)")
        let functions = e.path.map(\.function)
        #expect(functions.first == "entry")
        #expect(functions.contains("work (C)"), "\(functions)")
        #expect(functions.contains { $0.hasPrefix("makeCell") }, "\(functions)")
        let cFrame = try #require(e.path.first { $0.function == "work (C)" })
        #expect(cFrame.bytes == 100 && cFrame.file?.hasSuffix("part.c") == true && cFrame.line == 6, "\(cFrame)")
    }

    @Test("A system call handler written in C: annotate(\"maxlive.entry\") makes it an entry, with its C line")
    func cEntry() throws {
        let r = try analyzeMixed(swift: """
        final class Cell { var a = 0 }                                     // 16 + 8 = 24 B
        nonisolated(unsafe) var cells: Cell? = nil
        @_cdecl("remember") public func remember() { cells = Cell() }
        """, c: prelude + """
        void remember(void);
        __attribute__((annotate("maxlive.entry"))) long sys_note(long n) {
            char *line = malloc(64);
            remember();
            free(line);
            return n;
        }
        long helper(long n) { return n; }
        """)
        let e = try #require(r["sys_note"])
        #expect(e.kind == .entry)
        #expect(e.bound == 64 + 24, "\(e.reasons)")
        #expect(e.file?.hasSuffix("part.c") == true && e.line == 6)
        #expect(e.path.first?.function == "sys_note (C)")
        #expect(r["helper"] == nil, "only annotated C functions are entries")
    }

    @Test("Several threads read C files at once: each gets its functions (libclang is loaded once, by whichever asks first)")
    func concurrentReads() async throws {
        let dir = SILTestSupport.temporaryDirectory()
        let paths = (0..<8).map { dir + "/part\($0).c" }
        for (i, path) in paths.enumerated() {
            try (prelude + "long work\(i)(long n) { void *p = malloc(\(8 * (i + 1))); return p != 0; }\n")
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for path in paths { group.addTask { try CFunctionReader.read(path: path).count } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts.count == paths.count && counts.allSatisfy { $0 >= 1 }, "\(counts)")
    }
}
