// `file:line:col: error: …` lines, the form SwiftPM, Xcode and editors show at the
// source line (used by the build plugin, `maxlive table` and `--diagnostics`).

import Analysis

public enum Diagnostics {
    public static func render(_ input: ReportInput) -> String {
        var out = ""
        var seen = Set<String>()
        for e in input.sortedEntries where e.bound == nil {
            for r in e.reasons {
                // Paths as the compiler saw them (absolute under the build plugin), so editors can open them.
                let where_ = r.file.map { "\($0):\(r.line ?? 1):\(r.column ?? 1): " } ?? ""
                let line = "\(where_)error: \(e.name) has no heap bound: \(r.message)"
                if seen.insert(line).inserted { out += line + "\n" }
            }
        }
        for f in input.result.abiFindings {
            let where_ = f.file.map { "\($0):\(f.line ?? 1):\(f.column ?? 1): " } ?? ""
            out += "\(where_)error: \(f.message)\n"
        }
        return out
    }

    /// `file:line:col: warning: …` for what the user most likely did not mean (an unknown
    /// `maxlive.*` annotation, a module with no entries).
    public static func warnings(_ input: ReportInput) -> String {
        input.result.warnings.map { w in
            let where_ = w.file.map { "\($0):\(w.line ?? 1):\(w.column ?? 1): " } ?? ""
            return "\(where_)warning: \(w.message)\n"
        }.joined()
    }
}
