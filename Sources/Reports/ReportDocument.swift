// The JSON report as a `Codable` document: what `--format json` writes and what `--baseline`
// reads back. The schema is documented in the Reports catalog (ReportSchema.md); a change
// that could break a reader raises `currentSchemaVersion`.
//
// Optional values a reader relies on seeing (`bound`, a finding's `file` and `line`) are
// written as `null`, not left out (`ExplicitNull`); keys added after the first schema
// (`schemaVersion`, `warnings`, `stats.analyzed`) may be missing from an older report and
// still decode.

import Analysis
import Foundation

public struct ReportDocument: Codable, Sendable, Equatable {
    /// 1: reports before the key existed; 2: `schemaVersion`, `optimizationLevels`, `unboundedAt`.
    public static let currentSchemaVersion = 2

    public var schemaVersion: Int
    public var tool: String
    public var version: String
    public var module: String
    /// The levels analysed when there were several (each entry keeps its largest bound).
    public var optimizationLevels: [String]?
    public var entries: [Entry]
    /// Present when an ABI header was joined to the handlers.
    public var abiFindings: [Finding]?
    public var warnings: [Finding]
    public var stats: Stats

    public struct Entry: Codable, Sendable, Equatable {
        public var name: String
        public var symbol: String
        public var kind: String
        /// The system call number from the ABI header, when one was given.
        public var number: Int?
        public var status: Status
        public var bound: Int?
        /// With several levels: the ones at which this entry is unbounded.
        public var unboundedAt: [String]?
        public var reasons: [Finding]
        public var assumptions: [Finding]
        public var path: [Frame]
        /// The allocations live at the worst moment, adding up to `bound` (`explain` only).
        public var liveAllocations: [LiveAllocation]? = nil
    }

    /// One kind of object live at an entry's worst moment: what, where it is made (the
    /// program's line, and the inlined helper's), the calls from the entry, how many, bytes.
    public struct LiveAllocation: Codable, Sendable, Equatable {
        public var what: String
        public var function: String
        @ExplicitNull public var file: String?
        @ExplicitNull public var line: Int?
        public var inlinedFile: String?
        public var inlinedLine: Int?
        public var calls: [Call]
        public var count: Int
        public var bytes: Int
    }

    public enum Status: String, Codable, Sendable {
        case bounded, unbounded
    }

    public struct Finding: Codable, Sendable, Equatable {
        public var kind: String
        public var message: String
        public var function: String
        @ExplicitNull public var file: String?
        @ExplicitNull public var line: Int?
        /// The calls from the entry to `function`, outermost first.
        public var callChain: [Call]?
    }

    public struct Call: Codable, Sendable, Equatable {
        public var caller: String
        public var callee: String
        @ExplicitNull public var file: String?
        @ExplicitNull public var line: Int?
        @ExplicitNull public var column: Int?
    }

    public struct Frame: Codable, Sendable, Equatable {
        public var function: String
        public var bytes: Int
        @ExplicitNull public var file: String?
        @ExplicitNull public var line: Int?
    }

    public struct Stats: Codable, Sendable, Equatable {
        public var functions: Int
        public var instructions: Int
        public var analyzed: Int?
        public var compilerCheck: CompilerCheck?
        public var seconds: Double
    }

    public struct CompilerCheck: Codable, Sendable, Equatable {
        public var functions: Int
        public var allocationSites: Int
        public var mismatches: Int
    }
}

// MARK: Reading

extension ReportDocument {
    /// A report file that cannot be read or is not a maxlive report.
    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads a JSON report; a file that is not one is a located error naming what was expected.
    public static func read(path: String) throws -> ReportDocument {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(description: "error: cannot read \(path)")
        }
        do {
            return try JSONDecoder().decode(ReportDocument.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw ReadError(description: "\(path):1:1: error: not a maxlive JSON report: \(Self.place(context.codingPath + [key])) is missing")
        } catch let DecodingError.typeMismatch(type, context) {
            throw ReadError(description: "\(path):1:1: error: not a maxlive JSON report: \(Self.place(context.codingPath)) should be \(type)")
        } catch let DecodingError.valueNotFound(type, context) {
            throw ReadError(description: "\(path):1:1: error: not a maxlive JSON report: \(Self.place(context.codingPath)) should be \(type), not null")
        } catch let DecodingError.dataCorrupted(context) {
            let place = context.codingPath.isEmpty ? "" : Self.place(context.codingPath) + ": "
            throw ReadError(description: "\(path):1:1: error: not a maxlive JSON report: \(place)\(context.debugDescription)")
        }
    }

    /// `entries[3].bound`
    private static func place(_ path: [CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text.isEmpty ? "the top level" : text
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decodeIfPresent(Int.self, forKey: .schemaVersion) ?? 1
        tool = try c.decode(String.self, forKey: .tool)
        version = try c.decode(String.self, forKey: .version)
        module = try c.decode(String.self, forKey: .module)
        optimizationLevels = try c.decodeIfPresent([String].self, forKey: .optimizationLevels)
        entries = try c.decode([Entry].self, forKey: .entries)
        abiFindings = try c.decodeIfPresent([Finding].self, forKey: .abiFindings)
        warnings = try c.decodeIfPresent([Finding].self, forKey: .warnings) ?? []
        stats = try c.decode(Stats.self, forKey: .stats)
    }
}

// MARK: Writing

extension ReportDocument {
    /// The document for a run: paths relative to the report's root, entries in report order.
    public init(_ input: ReportInput) {
        let several = input.analysedLevels.count > 1
        schemaVersion = Self.currentSchemaVersion
        tool = "maxlive"
        version = input.version
        module = input.result.module
        optimizationLevels = several ? input.analysedLevels : nil
        entries = input.sortedEntries.map { e in
            Entry(name: e.name, symbol: e.symbol, kind: e.kind.rawValue,
                  number: input.result.abiHeader != nil ? e.number : nil,
                  status: e.bound == nil ? .unbounded : .bounded, bound: e.bound,
                  unboundedAt: several ? input.unboundedLevels[e.name] ?? [] : nil,
                  reasons: e.reasons.map { Finding($0, input, chains: e.callChains) },
                  assumptions: e.assumptions.map { Finding($0, input) },
                  path: e.path.map { Frame(function: $0.function, bytes: $0.bytes, file: input.relative($0.file), line: $0.line) },
                  liveAllocations: e.liveAllocations.isEmpty ? nil : e.liveAllocations.map { LiveAllocation($0, input) })
        }
        abiFindings = input.result.abiHeader != nil ? input.result.abiFindings.map { Finding($0, input) } : nil
        warnings = input.result.warnings.map { Finding($0, input) }
        let check = input.result.compilerCheck.map {
            CompilerCheck(functions: $0.functions, allocationSites: $0.allocationSites, mismatches: $0.mismatches)
        }
        stats = Stats(functions: input.result.functionsParsed, instructions: input.result.instructions,
                      analyzed: input.result.functionsAnalyzed, compilerCheck: check,
                      seconds: (input.seconds * 1000).rounded() / 1000)
    }

    /// Set when an ABI header was joined: every entry then has a `number`, null when the
    /// header gives it none (a kernel thread, a loop).
    static let numberedKey = CodingUserInfoKey(rawValue: "maxlive.numbered")!

    /// Pretty-printed JSON with sorted keys, so the same input gives the same bytes (but for
    /// `stats.seconds`).
    public func json() -> String {
        Self.encoded(self, userInfo: [Self.numberedKey: abiFindings != nil])
    }

    /// Pretty-printed JSON of any report value (this document, a SARIF log), keys sorted.
    static func encoded<T: Encodable>(_ value: T, userInfo: [CodingUserInfoKey: any Sendable] = [:]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.userInfo = userInfo
        // Every member is a string, a number, a Boolean or an array or object of them: encoding cannot fail.
        let data = try! encoder.encode(value)
        return closingEmptyArrays(String(decoding: data, as: UTF8.self)) + "\n"
    }
}

extension ReportDocument {
    /// Foundation prints an empty array as `[`, a blank line and `]`; this writes `[]`. Text
    /// inside strings is copied as it is.
    static func closingEmptyArrays(_ json: String) -> String {
        var out = ""
        var pendingOpen: String? = nil      // "[" and the whitespace after it, not yet written
        var inString = false, escaped = false
        for ch in json {
            if inString {
                out.append(ch)
                if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == "\"" { inString = false }
                continue
            }
            if var open = pendingOpen {
                if ch.isWhitespace { open.append(ch); pendingOpen = open; continue }
                pendingOpen = nil
                if ch == "]" { out += "[]"; continue }
                out += open
            }
            if ch == "[" { pendingOpen = "[" } else {
                out.append(ch)
                if ch == "\"" { inString = true }
            }
        }
        return out + (pendingOpen ?? "")
    }
}

extension ReportDocument.Finding {
    init(_ f: Analysis.Finding, _ input: ReportInput, chains: [String: [CallSite]] = [:]) {
        kind = f.kind.rawValue
        message = f.message
        function = f.function
        file = input.relative(f.file)
        line = f.line
        callChain = chains[f.function].map { chain in
            chain.map { ReportDocument.Call(caller: $0.caller, callee: $0.callee, file: input.relative($0.file), line: $0.line, column: $0.column) }
        }
    }
}

extension ReportDocument.Entry {
    // `bound` is null when unbounded; `number` only with an ABI header, `unboundedAt` only
    // with several levels.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(symbol, forKey: .symbol)
        try c.encode(kind, forKey: .kind)
        if encoder.userInfo[ReportDocument.numberedKey] as? Bool == true {
            try c.encode(number, forKey: .number)
        } else {
            try c.encodeIfPresent(number, forKey: .number)
        }
        try c.encode(status, forKey: .status)
        try c.encode(bound, forKey: .bound)
        try c.encodeIfPresent(unboundedAt, forKey: .unboundedAt)
        try c.encode(reasons, forKey: .reasons)
        try c.encode(assumptions, forKey: .assumptions)
        try c.encode(path, forKey: .path)
        try c.encodeIfPresent(liveAllocations, forKey: .liveAllocations)
    }
}

extension ReportDocument.LiveAllocation {
    init(_ item: LiveAllocationCount, _ input: ReportInput) {
        let a = item.allocation
        what = a.what
        function = a.function
        file = input.relative(a.file)
        line = a.line
        inlinedFile = input.relative(a.inlinedFile)
        inlinedLine = a.inlinedLine
        calls = a.calls.map { ReportDocument.Call(caller: $0.caller, callee: $0.callee, file: input.relative($0.file), line: $0.line, column: $0.column) }
        count = item.count
        bytes = item.bytes
    }
}



/// An optional written as `null` when it has no value (a synthesized `Codable` leaves the key
/// out), and read from a key that is `null` or missing alike.
@propertyWrapper
public struct ExplicitNull<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        wrappedValue = c.decodeNil() ? nil : try c.decode(Value.self)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if let wrappedValue { try c.encode(wrappedValue) } else { try c.encodeNil() }
    }
}

extension KeyedDecodingContainer {
    /// A missing key reads as nil, as for a plain optional.
    public func decode<Value>(_ type: ExplicitNull<Value>.Type, forKey key: Key) throws -> ExplicitNull<Value> {
        ExplicitNull(wrappedValue: try decodeIfPresent(ExplicitNull<Value>.self, forKey: key)?.wrappedValue)
    }
}
