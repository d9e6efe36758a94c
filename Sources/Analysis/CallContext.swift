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

    /// What tells this context's summary apart from another's: the ranges, the functions passed
    /// in, and each array's limit and place (not the wording of its assumption).
    var identity: CallContextIdentity {
        CallContextIdentity(ranges: ranges, functions: functions,
                            arrays: arrays.mapValues { CallContextIdentity.ArrayPlace(limit: $0.limit, place: $0.place) })
    }
}

/// The identity of a call context (`CallContext.identity`), a part of a summary's key.
public struct CallContextIdentity: Hashable, Sendable {
    struct ArrayPlace: Hashable, Sendable {
        let limit: ArrayParameterBound.Limit
        let place: String
    }
    let ranges: [IntRange?]
    let functions: [Int: [String]]
    let arrays: [Int: ArrayPlace]
}

/// Which summary a cost comes from: a Swift function's own, the one computed for what a call
/// site tells it, or a C function's. A peak names its callee this way, and the worst-case path
/// follows these keys from frame to frame.
public enum SummaryKey: Hashable, Sendable {
    case function(String)
    case specialized(String, CallContextIdentity)
    case foreign(String)
}
