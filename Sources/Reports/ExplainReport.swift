// `maxlive explain NAME`: the allocations live at the worst moment (adding up to the bound),
// then the worst-case path as an indented tree, outermost frame
// first, with the bytes each frame keeps live and the source line of the peak.

import Analysis

public enum ExplainReport {
    public static func render(_ e: EntryResult, _ input: ReportInput) -> String {
        var out = "\(e.name) (\(e.kind.rawValue)): "
        out += e.bound.map { "bound \($0) B\($0 >= 1024 ? " (\(humanBytes($0)))" : "")" } ?? "UNBOUNDED"
        out += "\n"
        if !e.liveAllocations.isEmpty {
            out += "live at the worst moment (adding up to the bound):\n"
            out += allocationLines(e.liveAllocations, input)
        }
        if !e.path.isEmpty {
            out += "worst-case path (bytes each frame keeps live at the peak):\n"
            for (depth, f) in e.path.enumerated() {
                let indent = String(repeating: "  ", count: depth + 1)
                let loc = input.relative(f.file).map { "  \($0):\(f.line ?? 0)" } ?? ""
                out += "\(indent)\(depth == 0 ? "" : "└─ ")\(f.function)  \(f.bytes) B\(loc)\n"
            }
        }
        if !e.reasons.isEmpty {
            out += "unbounded because:\n"
            for r in e.reasons { out += "  \(TableReport.location(r, input)): \(r.message) [in \(r.function)]\n" }
        }
        if !e.assumptions.isEmpty {
            out += "assumes:\n"
            for a in e.assumptions { out += "  \(TableReport.location(a, input)): \(a.message) [in \(a.function)]\n" }
        }
        return out
    }

    /// One line per allocation, largest first: bytes, how many, what, where it is made, and
    /// the calls that lead there (innermost first, as a backtrace reads).
    static func allocationLines(_ items: [LiveAllocationCount], _ input: ReportInput) -> String {
        let width = items.map { "\($0.bytes)".count }.max() ?? 1
        var out = ""
        for item in items {
            let a = item.allocation
            let bytes = String(repeating: " ", count: width - "\(item.bytes)".count) + "\(item.bytes) B"
            let count = item.count > 1 ? "\(item.count) × " : ""
            var line = "  \(bytes)  \(count)\(a.what)"
            if let where_ = place(a.file, a.line, input) {
                line += "  \(where_)"
                if let helper = place(a.inlinedFile, a.inlinedLine, input) { line += " (\(helper), inlined)" }
            }
            line += "  in \(a.function)"
            for call in a.calls.reversed() {
                line += " ← \(call.caller)"
                if let at = place(call.file, call.line, input) { line += " (\(at))" }
            }
            out += line + "\n"
        }
        return out
    }

    private static func place(_ file: String?, _ line: Int?, _ input: ReportInput) -> String? {
        guard let file, !file.hasPrefix("<"), let relative = input.relative(file) else { return nil }
        return "\(relative):\(line ?? 0)"
    }
}
