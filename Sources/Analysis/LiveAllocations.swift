// What an entry's bound is made of: the allocations live at its worst moment, each with where
// it is made and the calls that lead there from the entry. `explain` lists them; they add up
// to the bound exactly (LiveState.swift keeps the sums).

/// One kind of heap object live at an entry's worst moment.
public struct LiveAllocation: Hashable, Sendable, Codable {
    /// What it is: "Inode object", "array buffer, up to 16 elements", ...
    public var what: String
    /// The function whose code makes it (Swift name).
    public var function: String
    /// The program's own line that makes it (for stdlib code, the line that calls into it).
    public var file: String?
    public var line: Int?
    /// The line inside a helper inlined at `line` that makes it (when that is the program's code).
    public var inlinedFile: String? = nil
    public var inlinedLine: Int? = nil
    /// The calls from the entry down to `function`, outermost first.
    public var calls: [CallSite]
}

/// An entry's bound, itemized: how many of each allocation and their bytes.
public struct LiveAllocationCount: Sendable, Codable, Equatable {
    public var allocation: LiveAllocation
    public var count: Int
    public var bytes: Int
}

/// Interns the allocations the itemized peaks name, so that the walk's states hold integers.
/// Shared by every function's analysis of one run.
final class LiveAllocationTable {
    private(set) var allocations: [LiveAllocation] = []
    private var index: [LiveAllocation: Int] = [:]
    private var viaCall: [ViaCall: Int] = [:]

    /// Longest call chain kept: deeper calls (a recursion's levels) are left out, and what
    /// they make counts under the shorter chain.
    static let maxCalls = 12

    func kind(_ a: LiveAllocation) -> Int {
        if let k = index[a] { return k }
        allocations.append(a)
        index[a] = allocations.count - 1
        return allocations.count - 1
    }

    /// A callee's allocation seen from its caller: the call prepended to its chain, and the
    /// call's line as its place when the callee is not the program's code.
    func kind(_ calleeKind: Int, through call: CallSite) -> Int {
        let key = ViaCall(kind: calleeKind, call: call)
        if let k = viaCall[key] { return k }
        var a = allocations[calleeKind]
        if a.file == nil || a.file!.hasPrefix("<") {
            a.file = call.file
            a.line = call.line
        }
        a.calls = Array(([call] + a.calls).prefix(Self.maxCalls))
        let k = kind(a)
        viaCall[key] = k
        return k
    }

    func counts(_ items: LiveItems) -> [LiveAllocationCount] {
        items.parts.map { LiveAllocationCount(allocation: allocations[$0.key], count: $0.value.count, bytes: $0.value.bytes) }
            .sorted { ($0.bytes, $1.allocation.what) > ($1.bytes, $0.allocation.what) }
    }

    private struct ViaCall: Hashable {
        var kind: Int
        var call: CallSite
    }
}
