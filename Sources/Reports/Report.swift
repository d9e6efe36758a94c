// The data every report format renders, plus the numbers about the run.

import Analysis

public struct ReportInput: Sendable {
    public var result: AnalysisResult
    public var version: String
    /// What was analysed (a SIL file or the Swift sources), for headers.
    public var inputDescription: String
    public var seconds: Double
    /// Prefix stripped from file paths so locations are relative to the package root.
    public var rootPath: String?
    /// When several optimization levels were analysed: the levels, and per entry the levels
    /// at which it is unbounded.
    public var analysedLevels: [String] = []
    public var unboundedLevels: [String: [String]] = [:]

    public init(result: AnalysisResult, version: String, inputDescription: String, seconds: Double, rootPath: String?) {
        self.result = result
        self.version = version
        self.inputDescription = inputDescription
        self.seconds = seconds
        self.rootPath = rootPath
    }

    /// Entries in a stable order: kind, then name.
    public var sortedEntries: [EntryResult] {
        let order: [EntryKind: Int] = [.entry: 0, .daemon: 1, .iteration: 2]
        return result.entries.sorted { (order[$0.kind]!, $0.name) < (order[$1.kind]!, $1.name) }
    }

    public func relative(_ path: String?) -> String? {
        guard let path else { return nil }
        if let root = rootPath, path.hasPrefix(root + "/") { return String(path.dropFirst(root.count + 1)) }
        return path
    }
}

public func humanBytes(_ n: Int) -> String {
    if n < 1024 { return "\(n) B" }
    let units = ["KiB", "MiB", "GiB", "TiB"]
    var value = Double(n) / 1024
    var unit = 0
    while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
    let rounded = (value * 10).rounded() / 10
    return "\(rounded) \(units[unit])"
}
