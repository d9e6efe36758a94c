// `--format json`: exactly the schema of interface.md, keys in documented order,
// entries sorted by kind then name.

import Analysis

public enum JSONReport {
    public static func render(_ input: ReportInput) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.string("tool", "maxlive")
        w.string("version", input.version)
        w.string("module", input.result.module)
        w.beginArray("entries")
        for e in input.sortedEntries {
            w.beginObject()
            w.string("name", e.name)
            w.string("symbol", e.symbol)
            w.string("kind", e.kind.rawValue)
            if input.result.abiHeader != nil { w.number("number", e.number) }
            w.string("status", e.bound == nil ? "unbounded" : "bounded")
            w.number("bound", e.bound)
            findings(&w, "reasons", e.reasons, input, chains: e.callChains)
            findings(&w, "assumptions", e.assumptions, input)
            w.beginArray("path")
            for f in e.path {
                w.beginObject()
                w.string("function", f.function)
                w.number("bytes", f.bytes)
                w.string("file", input.relative(f.file))
                w.number("line", f.line)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        if input.result.abiHeader != nil {
            findings(&w, "abiFindings", input.result.abiFindings, input)
        }
        findings(&w, "warnings", input.result.warnings, input)
        w.beginObject("stats")
        w.number("functions", input.result.functionsParsed)
        w.number("instructions", input.result.instructions)
        w.number("analyzed", input.result.functionsAnalyzed)
        if let check = input.result.compilerCheck {
            w.beginObject("compilerCheck")
            w.number("functions", check.functions)
            w.number("allocationSites", check.allocationSites)
            w.number("mismatches", check.mismatches)
            w.endObject()
        }
        w.double("seconds", input.seconds)
        w.endObject()
        w.endObject()
        return w.output + "\n"
    }

    private static func findings(_ w: inout JSONWriter, _ key: String, _ list: [Finding], _ input: ReportInput,
                                 chains: [String: [CallSite]] = [:]) {
        w.beginArray(key)
        for f in list {
            w.beginObject()
            w.string("kind", f.kind.rawValue)
            w.string("message", f.message)
            w.string("function", f.function)
            w.string("file", input.relative(f.file))
            w.number("line", f.line)
            if let chain = chains[f.function] {
                // The calls from the entry to the function the reason is in, outermost first.
                w.beginArray("callChain")
                for c in chain {
                    w.beginObject()
                    w.string("caller", c.caller)
                    w.string("callee", c.callee)
                    w.string("file", input.relative(c.file))
                    w.number("line", c.line)
                    w.number("column", c.column)
                    w.endObject()
                }
                w.endArray()
            }
            w.endObject()
        }
        w.endArray()
    }
}
