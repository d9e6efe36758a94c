// `--format sarif`: SARIF 2.1.0 for code scanning. One `error` result per reason an entry is
// unbounded and per ABI mismatch, one `warning` per warning, and one `note` per assumption a
// bound relies on (once per place, naming every entry that relies on it). Each kind of
// finding is a rule with its help; locations are relative to the package root (`SRCROOT`),
// with the calls from the entry as related locations.

import Analysis

public enum SARIFReport {
    public static func render(_ input: ReportInput) -> String {
        let findings = collect(input)
        var kinds: [Finding.Kind] = []
        for f in findings where !kinds.contains(f.finding.kind) { kinds.append(f.finding.kind) }
        kinds.sort { $0.rawValue < $1.rawValue }
        let rules = kinds.map { kind -> SARIFLog.Rule in
            let t = SARIFRules.text(kind)
            return SARIFLog.Rule(id: ruleId(kind), name: t.name, shortDescription: .init(text: t.summary),
                                 fullDescription: .init(text: t.summary + " " + t.help),
                                 help: .init(text: t.help, markdown: t.help), defaultConfiguration: .init(level: SARIFRules.level(kind)))
        }
        let results = findings.map { f in
            result(f.finding, text: f.text, ruleIndex: kinds.firstIndex(of: f.finding.kind)!, input: input, chain: f.chain)
        }
        let driver = SARIFLog.Driver(name: "maxlive", version: input.version, semanticVersion: input.version, rules: rules)
        var run = SARIFLog.Run(tool: .init(driver: driver), originalUriBaseIds: nil, results: results)
        if let root = input.rootPath {
            run.originalUriBaseIds = ["SRCROOT": .init(uri: fileURI(root), uriBaseId: nil)]
        }
        return ReportDocument.encoded(SARIFLog(runs: [run]))
    }

    private struct Reported {
        var finding: Finding
        var text: String
        var chain: [CallSite] = []
    }

    /// Every finding to report, in report order: reasons, ABI findings, warnings, assumptions.
    private static func collect(_ input: ReportInput) -> [Reported] {
        var out: [Reported] = []
        let entries = input.sortedEntries
        for e in entries where e.bound == nil {
            for r in e.reasons {
                out.append(Reported(finding: r, text: "\(e.name) has no heap bound: \(r.message) (in \(r.function))", chain: e.callChains[r.function] ?? []))
            }
        }
        for f in input.result.abiFindings { out.append(Reported(finding: f, text: f.message)) }
        for f in input.result.warnings { out.append(Reported(finding: f, text: f.message)) }
        // An assumption shared by many entries (a trusted loop bound in a common helper) is one note.
        var order: [Finding] = []
        var relying: [Finding: [String]] = [:]
        for e in entries where e.bound != nil {
            for a in e.assumptions {
                if relying[a] == nil { order.append(a) }
                relying[a, default: []].append(e.name)
            }
        }
        for a in order {
            let names = relying[a]!
            let who = names.count <= 3 ? names.joined(separator: ", ") : names.prefix(3).joined(separator: ", ") + " and \(names.count - 3) more"
            out.append(Reported(finding: a, text: "\(a.message) (the bound of \(who) relies on it)"))
        }
        return out
    }

    private static func ruleId(_ kind: Finding.Kind) -> String { "maxlive/\(kind.rawValue)" }

    private static func result(_ f: Finding, text: String, ruleIndex: Int, input: ReportInput, chain: [CallSite]) -> SARIFLog.Result {
        var locations: [SARIFLog.Location] = []
        if let file = input.relative(f.file) {
            locations.append(.init(id: nil, physicalLocation: physicalLocation(file, f.line, f.column, input), message: nil))
        }
        let related = chain.enumerated().compactMap { k, c -> SARIFLog.Location? in
            guard let file = input.relative(c.file) else { return nil }
            return .init(id: k, physicalLocation: physicalLocation(file, c.line, c.column, input),
                         message: .init(text: "\(c.callee) is called here, in \(c.caller)"))
        }
        // The same finding at the same place keeps its fingerprint when lines elsewhere move.
        let fingerprint = "\(f.kind.rawValue)|\(f.function)|\(input.relative(f.file) ?? "")|\(f.message)"
        return SARIFLog.Result(ruleId: ruleId(f.kind), ruleIndex: ruleIndex, level: SARIFRules.level(f.kind),
                               message: .init(text: text), locations: locations, relatedLocations: related.isEmpty ? nil : related,
                               partialFingerprints: ["maxliveFinding/v1": stableHash(fingerprint)])
    }

    private static func physicalLocation(_ file: String, _ line: Int?, _ column: Int?, _ input: ReportInput) -> SARIFLog.PhysicalLocation {
        // A path under the root is relative to SRCROOT; one outside it stays absolute.
        let relative = !file.hasPrefix("/")
        return SARIFLog.PhysicalLocation(
            artifactLocation: .init(uri: relative ? percentEncoded(file) : fileURI(file), uriBaseId: relative && input.rootPath != nil ? "SRCROOT" : nil),
            region: line.map { .init(startLine: max(1, $0), startColumn: column.flatMap { $0 > 0 ? $0 : nil }) })
    }

    /// `/work/pkg` → `file:///work/pkg/` (a folder URI ends with a slash).
    private static func fileURI(_ path: String) -> String {
        "file://" + percentEncoded(path.hasSuffix("/") ? path : path + "/")
    }

    /// A path as a URI reference: bytes outside the unreserved set and `/` are %-escaped.
    static func percentEncoded(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// FNV-1a, 64 bits, in hex: the same text gives the same fingerprint on every machine.
    static func stableHash(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
