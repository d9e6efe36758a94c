// `--format sarif`: SARIF 2.1.0, one result per unbounded reason, a stable ruleId per
// kind of finding, locations relative to the package root.

import Analysis

public enum SARIFReport {
    static let ruleDescriptions: [Finding.Kind: String] = [
        .unboundedLoop: "A loop keeps allocations live across iterations and has no bound.",
        .unboundedRecursion: "Recursion without a maxlive.recursion_depth marker.",
        .unresolvedCall: "An indirect call whose targets cannot be determined.",
        .externalFunction: "A call to a function with no body and no model.",
        .unknownSize: "An allocation whose size cannot be derived from the types.",
        .dynamicSize: "An allocation whose size depends on a value with no bound.",
        .coroutineFrame: "A coroutine call whose frame may be heap-allocated.",
        .irreducibleControlFlow: "Irreducible control flow.",
        .compilerAllocation: "The compiler's IR allocates on the heap where the analysis cannot place the allocation.",
        .syscallWithoutHandler: "A system call number in the ABI header has no maxlive.entry handler.",
        .handlerWithoutNumber: "A system call handler has no number in the ABI header.",
    ]

    public static func render(_ input: ReportInput) -> String {
        let entries = input.sortedEntries
        var kinds: [Finding.Kind] = []
        for e in entries where e.bound == nil { for r in e.reasons where !kinds.contains(r.kind) { kinds.append(r.kind) } }
        for f in input.result.abiFindings where !kinds.contains(f.kind) { kinds.append(f.kind) }
        kinds.sort { $0.rawValue < $1.rawValue }
        var w = JSONWriter()
        w.beginObject()
        w.string("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
        w.string("version", "2.1.0")
        w.beginArray("runs")
        w.beginObject()
        w.beginObject("tool")
        w.beginObject("driver")
        w.string("name", "maxlive")
        w.string("version", input.version)
        w.string("informationUri", "https://github.com/maxlive/maxlive")
        w.beginArray("rules")
        for k in kinds {
            w.beginObject()
            w.string("id", "maxlive/\(k.rawValue)")
            w.beginObject("shortDescription")
            w.string("text", ruleDescriptions[k] ?? k.rawValue)
            w.endObject()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endObject()
        w.beginArray("results")
        for e in entries where e.bound == nil {
            for r in e.reasons {
                result(&w, r, text: "\(e.name) has no heap bound: \(r.message) (in \(r.function))", kinds: kinds, input: input,
                       chain: e.callChains[r.function] ?? [])
            }
        }
        for f in input.result.abiFindings { result(&w, f, text: f.message, kinds: kinds, input: input) }
        w.endArray()
        w.endObject()
        w.endArray()
        w.endObject()
        return w.output + "\n"
    }

    /// One SARIF result: rule, level, message and the physical location of a finding, with the
    /// calls that lead to it from the entry as related locations.
    private static func result(_ w: inout JSONWriter, _ f: Finding, text: String, kinds: [Finding.Kind], input: ReportInput,
                               chain: [CallSite] = []) {
        w.beginObject()
        w.string("ruleId", "maxlive/\(f.kind.rawValue)")
        w.number("ruleIndex", kinds.firstIndex(of: f.kind))
        w.string("level", "error")
        w.beginObject("message")
        w.string("text", text)
        w.endObject()
        w.beginArray("locations")
        if let file = input.relative(f.file) {
            w.beginObject()
            physicalLocation(&w, file, f.line, f.column)
            w.endObject()
        }
        w.endArray()
        let related = chain.filter { input.relative($0.file) != nil }
        if !related.isEmpty {
            w.beginArray("relatedLocations")
            for (k, c) in related.enumerated() {
                w.beginObject()
                w.number("id", k)
                physicalLocation(&w, input.relative(c.file)!, c.line, c.column)
                w.beginObject("message")
                w.string("text", "\(c.callee) is called here, in \(c.caller)")
                w.endObject()
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
    }

    private static func physicalLocation(_ w: inout JSONWriter, _ file: String, _ line: Int?, _ column: Int?) {
        w.beginObject("physicalLocation")
        w.beginObject("artifactLocation")
        w.string("uri", file)
        w.endObject()
        if let line {
            w.beginObject("region")
            w.number("startLine", max(1, line))
            if let c = column, c > 0 { w.number("startColumn", c) }
            w.endObject()
        }
        w.endObject()
    }
}
