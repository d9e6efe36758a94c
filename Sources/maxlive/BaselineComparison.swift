// `--baseline OLD.json`: what grew, shrank, appeared or became unbounded since an
// earlier JSON report. A bound that grew by more than the allowed percentage, or an
// entry that became unbounded, is a regression (exit status 2).

import Foundation
import Reports

struct BaselineComparison {
    var text: String
    var regressed: Bool

    static func compare(_ report: ReportInput, baselinePath: String, maxGrowthPercent: Double) throws -> BaselineComparison {
        guard let data = FileManager.default.contents(atPath: baselinePath) else {
            throw ToolFailure("error: cannot read baseline \(baselinePath)")
        }
        guard let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let entries = json["entries"] as? [[String: Any]] else {
            throw ToolFailure("\(baselinePath):1:1: error: not a maxlive JSON report (expected an object with \"entries\")")
        }
        var old: [String: Int?] = [:]
        for e in entries {
            guard let name = e["name"] as? String else { continue }
            old[name] = e["bound"] as? Int
        }
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
        for name in old.keys.sorted() where !report.result.entries.contains(where: { $0.name == name }) {
            lines.append("removed    \(name)")
        }
        let header = "Compared with \(baselinePath): \(lines.isEmpty ? "no changes" : "\(lines.count) change(s)")\(regressed ? " — REGRESSION" : "")\n"
        return BaselineComparison(text: header + lines.map { "  " + $0 + "\n" }.joined(), regressed: regressed)
    }
}
