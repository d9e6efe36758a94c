// What one function costs its callers, computed once and reused at every call site.

import SILModel

public struct PeakSite: Sendable {
    /// Instruction where the peak happens (an allocation or a call).
    public var instruction: Int32
    /// Bytes this frame keeps live at that point (excluding the callee's own peak).
    public var frameBytes: Int
    /// The callee whose peak adds to the frame, if the peak is inside a call.
    public var callee: SummaryKey?
    public var location: SourceLocation?
    /// The peak is inside a call a model prices (a collection's reallocation): what it is, and
    /// the bytes it adds on top of the frame.
    public var modelled: (description: String, bytes: Int)? = nil
}

public struct FunctionSummary: Sendable {
    /// Most bytes live at once during a call, above the level at entry, callees included.
    public var peak: Int = 0
    /// Bytes a call leaves live, reachable from globals or the caller's memory.
    public var retainedStored: Int = 0
    /// Bytes a call leaves live, reachable only from its result.
    public var retainedReturned: Int = 0
    /// Parameters whose object some of `retainedReturned` was stored into (an initializer
    /// filling `self`, which it returns): those bytes live as long as the argument's object,
    /// which only the caller knows to be fresh (its own allocation) or kept elsewhere.
    public var returnedThroughArguments: Set<Int> = []
    /// The part of `retainedStored` that one-time global initializers (`builtin "once"`) made:
    /// they run once per program, so a caller charges these bytes once, from its start,
    /// however often it calls (a loop touching a global at -Onone calls its addressor each time).
    public var retainedOnce: Int = 0
    /// The part of `retainedStored` that is the buffer of an array kept in a place whose count
    /// is stated or enforced, by place (`global:<symbol>`): a caller that changes the same
    /// place charges the largest such buffer once for the whole call, not once per callee.
    public var placeResidents: [String: Int] = [:]
    /// How each parameter's reference can escape a call.
    public var parameterEscape: [Escape] = []
    /// How each parameter escapes when the caller passes an address or pointer into one of its
    /// objects: what is read through it is then the object's contents, not the object (empty,
    /// or an entry equal to `parameterEscape`'s, where the two are the same).
    public var parameterMemoryEscape: [Escape] = []
    /// How each parameter escapes with what is read from its memory followed too (for a
    /// caller whose argument holds its reference in memory: an array of its objects). Empty:
    /// unknown, taken as stored.
    public var parameterDeepEscape: [Escape] = []
    /// Why the bound is infinite (empty when bounded).
    public var reasons: [Finding] = []
    /// Trusted annotations the bound relies on.
    public var assumptions: [Finding] = []
    public var peakSite: PeakSite?
    /// For daemons: the peak of the code before the outermost loops and one iteration of each
    /// (nil without a loop, and for any other function).
    public var iterationPeak: Int?
    /// What is live at `peak`, at `iterationPeak`, and what the call leaves live (stored,
    /// returned), by allocation: only when the analysis itemizes peaks (`explain`). Each adds
    /// up to its bytes.
    public var peakItems: LiveItems?
    public var iterationItems: LiveItems?
    public var storedItems: LiveItems?
    public var returnedItems: LiveItems?
    /// Globals (by SIL name) a call may read or write, callees included; nil when unknown
    /// (an unresolved call, an unanalysed function). Used to credit overwritten globals.
    public var touchedGlobals: Set<String>? = []

    public var isBounded: Bool { reasons.isEmpty }
    public static let zero = FunctionSummary()
}

/// A loop that reserves per iteration (`maxlive.reserve_iteration`): a table entry of its own.
public struct IterationEntry: Sendable {
    public var function: String
    public var swiftName: String
    public var file: String?
    public var line: Int?
    public var peak: Int
    public var reasons: [Finding]
    public var assumptions: [Finding]
    /// Where one iteration peaks (for its worst-case path).
    public var peakSite: PeakSite? = nil
}
