// The bytes live at one point of a function while FunctionAnalyzer walks it, by death group
// (where what they hold dies: kept for the caller, returned, or at the end of some loop's
// iteration), and, when the analysis itemizes peaks for `explain`, which allocations they are.
//
// The walk merges paths by taking each group's larger side, so a group's items follow the
// side whose bytes it took: at every point the items add up to exactly the bytes, and a
// peak's items to exactly the peak.

/// Allocations live at once, by kind (an index into `LiveAllocationTable`): how many of each
/// and their bytes.
public struct LiveItems: Sendable, Equatable {
    public struct Part: Sendable, Equatable {
        public var count: Int
        public var bytes: Int
    }
    public private(set) var parts: [Int: Part] = [:]

    public init() {}

    public var total: Int { parts.values.reduce(0) { saturatingAdd($0, $1.bytes) } }
    public var isEmpty: Bool { parts.isEmpty }

    mutating func add(_ kind: Int, count: Int, bytes: Int) {
        guard bytes > 0 else { return }
        var p = parts[kind] ?? Part(count: 0, bytes: 0)
        p.count = saturatingAdd(p.count, count)
        p.bytes = saturatingAdd(p.bytes, bytes)
        parts[kind] = p
    }

    mutating func add(_ other: LiveItems, times: Int = 1) {
        guard times > 0 else { return }
        for (kind, p) in other.parts {
            add(kind, count: saturatingMultiply(p.count, times), bytes: saturatingMultiply(p.bytes, times))
        }
    }

    /// Takes `bytes` off, from the kinds in `preferred` first (what a release frees is what its
    /// allocation charged), then from the others: the most recently listed kinds first, or
    /// the largest parts first.
    mutating func remove(_ bytes: Int, preferring preferred: LiveItems? = nil, largestFirst: Bool = false) {
        var left = bytes
        let others = largestFirst ? parts.sorted { ($0.value.bytes, $0.key) > ($1.value.bytes, $1.key) }.map(\.key) : parts.keys.sorted(by: >)
        let order = (preferred?.parts.keys.sorted() ?? []) + others
        for kind in order where left > 0 {
            guard var p = parts[kind] else { continue }
            let taken = min(left, p.bytes)
            // Whole objects leave the count; a part of one (a release of fewer bytes than one
            // object, as a merge of paths can leave) only the bytes.
            let each = p.count > 0 ? p.bytes / p.count : 0
            if each > 0, taken % each == 0 { p.count -= taken / each }
            p.bytes -= taken
            left -= taken
            parts[kind] = p.bytes > 0 ? p : nil
        }
    }

    /// The same allocations, each kind mapped to another (a callee's items seen from a call site).
    func mapKinds(_ transform: (Int) -> Int) -> LiveItems {
        var result = LiveItems()
        for (kind, p) in parts { result.add(transform(kind), count: p.count, bytes: p.bytes) }
        return result
    }
}

/// Bytes by death group, with their items when itemizing.
struct LiveState {
    private(set) var bytes: [Int]
    private(set) var items: [LiveItems]?

    init(groups: Int, itemizing: Bool) {
        bytes = Array(repeating: 0, count: groups)
        items = itemizing ? Array(repeating: LiveItems(), count: groups) : nil
    }

    var total: Int { bytes.reduce(0, saturatingAdd) }
    subscript(group: Int) -> Int { bytes[group] }
    var groups: Range<Int> { bytes.indices }

    /// Everything live, as items (nil unless itemizing).
    var allItems: LiveItems? {
        guard let items else { return nil }
        var all = LiveItems()
        for g in items { all.add(g) }
        return all
    }

    func items(in group: Int) -> LiveItems? { items?[group] }

    mutating func charge(_ group: Int, _ n: Int, as what: LiveItems?) {
        bytes[group] = saturatingAdd(bytes[group], n)
        if items != nil { items![group].add(what ?? LiveItems()) }
    }

    /// `times` copies of what `other` holds in each group.
    mutating func charge(_ other: LiveState, times: Int) {
        for g in bytes.indices {
            bytes[g] = saturatingAdd(bytes[g], saturatingMultiply(times, other.bytes[g]))
            if items != nil, let theirs = other.items?[g] { items![g].add(theirs, times: times) }
        }
    }

    mutating func release(_ group: Int, _ n: Int, preferring what: LiveItems?) {
        let taken = min(n, bytes[group])
        bytes[group] -= taken
        items?[group].remove(taken, preferring: what)
    }

    /// Empties the groups from `first` on (what dies at the end of an iteration).
    mutating func clear(from first: Int) {
        for g in bytes.indices where g >= first {
            bytes[g] = 0
            items?[g] = LiveItems()
        }
    }

    /// Each group the larger of the two sides (paths merging).
    mutating func merge(_ other: LiveState) {
        for g in bytes.indices where other.bytes[g] > bytes[g] {
            bytes[g] = other.bytes[g]
            if items != nil, let theirs = other.items?[g] { items![g] = theirs }
        }
    }
}

extension Optional where Wrapped == LiveState {
    mutating func merge(_ state: LiveState) {
        if self == nil { self = state } else { self!.merge(state) }
    }
}
