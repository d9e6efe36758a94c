// `--format table` (the default): one aligned row per entry, then the reasons for
// every unbounded entry and the assumptions every bound relies on.
//
//   ENTRY        KIND   BOUND      STATUS     LARGEST CONTRIBUTOR
//   sys_openat   entry  1,184 B    bounded    Vnode.open (96 B)

import Analysis

public enum TableReport {
    public static func render(_ input: ReportInput) -> String {
        let entries = input.sortedEntries
        var rows: [[String]] = [["ENTRY", "KIND", "BOUND", "STATUS", "LARGEST CONTRIBUTOR"]]
        for e in entries {
            let largest = e.path.max { $0.bytes < $1.bytes }
            rows.append([
                e.name, e.kind.rawValue,
                e.bound.map { $0 >= 1024 ? "\($0) B (\(humanBytes($0)))" : "\($0) B" } ?? "-",
                e.bound == nil ? "UNBOUNDED" : "bounded",
                largest.map { "\($0.function) (\($0.bytes) B)" } ?? "",
            ])
        }
        var widths = Array(repeating: 0, count: rows[0].count)
        for r in rows { for (k, c) in r.enumerated() { widths[k] = max(widths[k], c.count) } }
        var out = ""
        for r in rows {
            var line = ""
            for (k, c) in r.enumerated() {
                let pad = String(repeating: " ", count: widths[k] - c.count)
                line += (k == 2 ? pad + c : c + pad) + (k == r.count - 1 ? "" : "  ")
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        let unbounded = entries.filter { $0.bound == nil }
        let bounded = entries.count - unbounded.count
        out += "\n\(entries.count) entr\(entries.count == 1 ? "y" : "ies"): \(bounded) bounded, \(unbounded.count) unbounded.\n"
        if !unbounded.isEmpty {
            out += "\nUnbounded:\n"
            for e in unbounded {
                out += "  \(e.name):\n"
                for r in e.reasons.prefix(maxReasons) { out += "    \(location(r, input)): \(r.message) [in \(r.function)]\n" }
                if e.reasons.count > maxReasons {
                    out += "    … and \(e.reasons.count - maxReasons) more (see 'maxlive explain \(e.name)' or --format json)\n"
                }
            }
        }
        if let header = input.result.abiHeader {
            let numbered = entries.filter { $0.number != nil }.count
            out += "\nSystem calls in \(input.relative(header) ?? header): \(numbered) handlers matched to numbers"
            out += input.result.abiFindings.isEmpty ? ".\n" : "; \(input.result.abiFindings.count) mismatch(es):\n"
            for f in input.result.abiFindings { out += "  \(location(f, input)): \(f.message)\n" }
        }
        var seen = Set<String>()
        var assumptionLines: [String] = []
        var correctionLines: [String] = []
        for e in entries {
            for a in e.assumptions where a.kind != .uncheckedSizes {
                let line = "  \(location(a, input)): \(a.message) [in \(a.function)]"
                guard seen.insert(line).inserted else { continue }
                if a.kind == .compilerAllocation { correctionLines.append(line) } else { assumptionLines.append(line) }
            }
        }
        if let check = input.result.compilerCheck {
            out += "\nChecked against the compiler's IR: \(check.allocationSites) heap allocation site\(check.allocationSites == 1 ? "" : "s") in \(check.functions) function\(check.functions == 1 ? "" : "s"), \(check.mismatches) mismatch\(check.mismatches == 1 ? "" : "es").\n"
        } else if entries.contains(where: { $0.assumptions.contains { $0.kind == .uncheckedSizes } }) {
            out += "\nSizes were not checked against the compiler's IR (give --irgen with --sil, or let maxlive compile the sources).\n"
        }
        if !correctionLines.isEmpty {
            out += "\nCorrected from the compiler's IR (charged as the compiler allocates):\n" + correctionLines.joined(separator: "\n") + "\n"
        }
        if !assumptionLines.isEmpty {
            out += "\nAssumptions (trusted, not checked):\n" + assumptionLines.joined(separator: "\n") + "\n"
        }
        return out
    }

    /// Reasons shown per entry in the table; explain and JSON show all.
    static let maxReasons = 8

    static func location(_ f: Finding, _ input: ReportInput) -> String {
        guard let file = input.relative(f.file) else { return "<unknown>" }
        return f.line.map { "\(file):\($0)" } ?? file
    }
}
