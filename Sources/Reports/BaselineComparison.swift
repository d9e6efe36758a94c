// `--baseline OLD.json`: what grew, shrank, appeared or became unbounded since an
// earlier JSON report. A bound that grew by more than the allowed percentage, or an
// entry that became unbounded, is a regression (exit status 2).

import Foundation

public struct BaselineComparison {
    public var text: String
    public var regressed: Bool

    public static func compare(_ report: ReportInput, baselinePath: String, maxGrowthPercent: Double) throws -> BaselineComparison {
        let baseline = try ReportDocument.read(path: baselinePath)
        var old: [String: Int?] = [:]
        for e in baseline.entries { old[e.name] = e.bound }
        var lines: [String] = []
        var regressed = false
        for e in report.sortedEntries {
            guard let previous = old[e.name] else {
                lines.append("new        \(e.name): \(e.bound.map { "\($0) B" } ?? "unbounded")")
                if e.bound == nil { regressed = true }
                continue
            }
            switch (previous, e.bound) {
            case (.some(let a), .some(let b)) where b != a:
                let growth = a == 0 ? (b > 0 ? Double.infinity : 0) : Double(b - a) * 100 / Double(a)
                let verb = b > a ? "grew  " : "shrank"
                lines.append(String(format: "%@     %@: %d B -> %d B (%+.1f%%)", verb, e.name, a, b, growth))
                if b > a && growth > maxGrowthPercent { regressed = true }
            case (.some(let a), .none):
                lines.append("UNBOUNDED  \(e.name): was \(a) B")
                regressed = true
            case (.none, .some(let b)):
                lines.append("bounded    \(e.name): now \(b) B (was unbounded)")
            default:
                break
            }
        }
        let current = Set(report.result.entries.map(\.name))
        for name in old.keys.sorted() where !current.contains(name) {
            lines.append("removed    \(name)")
        }
        let header = "Compared with \(baselinePath): \(lines.isEmpty ? "no changes" : "\(lines.count) change(s)")\(regressed ? " — REGRESSION" : "")\n"
        return BaselineComparison(text: header + lines.map { "  " + $0 + "\n" }.joined(), regressed: regressed)
    }
}
