// What a call site tells the function it calls, beyond the function's own code: one summary is
// computed per distinct context (Analyzer.specializedSummary), so that a bound the caller
// knows is not lost at the call.

struct CallContext {
    /// Per parameter: a constant (`lo == hi`) or a range the caller's code bounds (`min(n, 64)`).
    var ranges: [IntRange?] = []
    /// Function values passed in, by parameter position: the targets of the callee's indirect calls.
    var functions: [Int: [String]] = [:]
    /// Arrays passed `@inout` from a place with a known bound, by parameter position.
    var arrays: [Int: ArrayParameterBound] = [:]

    /// Nothing the callee's own summary does not already assume.
    var isEmpty: Bool { !ranges.contains { $0 != nil } && functions.isEmpty && arrays.isEmpty }

    /// The summary key: `name|c0,c1,…`, then `|k=f+g` per function parameter and `|ak=…` per
    /// bounded array.
    func key(for name: String) -> String {
        var key = name + "|" + ranges.map { r in r.map { $0.lo == $0.hi ? String($0.lo) : "\($0.lo)...\($0.hi)" } ?? "_" }.joined(separator: ",")
        for k in functions.keys.sorted() { key += "|\(k)=" + functions[k]!.joined(separator: "+") }
        for k in arrays.keys.sorted() { key += "|a\(k)=" + arrays[k]!.key }
        return key
    }
}
