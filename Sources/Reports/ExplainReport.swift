// `maxlive explain NAME`: the worst-case path as an indented tree, outermost frame
// first, with the bytes each frame keeps live and the source line of the peak.

import Analysis

public enum ExplainReport {
    public static func render(_ e: EntryResult, _ input: ReportInput) -> String {
        var out = "\(e.name) (\(e.kind.rawValue)): "
        out += e.bound.map { "bound \($0) B\($0 >= 1024 ? " (\(humanBytes($0)))" : "")" } ?? "UNBOUNDED"
        out += "\n"
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
}
