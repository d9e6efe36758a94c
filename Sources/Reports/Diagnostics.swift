// `file:line:col: error: …` lines, the form SwiftPM, Xcode and editors show at the
// source line (used by the build plugin, `maxlive table` and `--diagnostics`), each followed
// by `note:` lines at the calls that lead from the entry to it.

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
                guard seen.insert(line).inserted else { continue }
                out += line + "\n"
                // How the entry gets there, innermost call first, as compilers show instantiations.
                for c in (e.callChains[r.function] ?? []).reversed() {
                    let at = c.file.map { "\($0):\(c.line ?? 1):\(c.column ?? 1): " } ?? ""
                    out += "\(at)note: \(c.callee) is called here, in \(c.caller)\n"
                }
            }
        }
        for e in input.sortedEntries where e.bound == nil {
            // Bounded at some levels only (in practice: -Onone, where collection operations are
            // calls on memory): say so, since the user may not ship that level at all.
            let lost = input.unboundedLevels[e.name] ?? []
            let kept = input.analysedLevels.filter { !lost.contains($0) }
            guard !lost.isEmpty, !kept.isEmpty else { continue }
            let at = e.file.map { "\($0):\(e.line ?? 1):1: " } ?? ""
            out += "\(at)note: \(e.name) is bounded at \(kept.joined(separator: " and ")); only \(lost.joined(separator: " and ")) loses the bound "
                + "(if no such build runs, list the levels you ship under optimization-levels in .maxlive.yml)\n"
        }
        for f in input.result.abiFindings {
            let where_ = f.file.map { "\($0):\(f.line ?? 1):\(f.column ?? 1): " } ?? ""
            out += "\(where_)error: \(f.message)\n"
        }
        return out
    }

    /// `file:line:col: remark: …` for every assumption a bound relies on (`--remarks`), once each.
    public static func remarks(_ input: ReportInput) -> String {
        var out = ""
        var seen = Set<String>()
        for e in input.sortedEntries {
            for a in e.assumptions {
                let where_ = a.file.map { "\($0):\(a.line ?? 1):\(a.column ?? 1): " } ?? ""
                let line = "\(where_)remark: \(e.name) assumes: \(a.message)"
                if seen.insert(line).inserted { out += line + "\n" }
            }
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
