// What an analysis result carries besides numbers: why something is unbounded
// (reasons) and which trusted annotations a bound relies on (assumptions). Both
// point at a function and a source line so users can act on them.

public struct Finding: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        // Reasons (the entry is unbounded).
        case unboundedLoop = "unbounded-loop"
        case unboundedRecursion = "unbounded-recursion"
        case unresolvedCall = "unresolved-call"
        case externalFunction = "external-function"
        case unknownSize = "unknown-size"
        case dynamicSize = "dynamic-size"
        case coroutineFrame = "coroutine-frame"
        case irreducibleControlFlow = "irreducible-control-flow"
        /// The compiler's IR allocates what SIL does not show (a reason when it cannot be
        /// placed, an assumption-list note when it was charged as a correction).
        case compilerAllocation = "compiler-allocation"
        // System call table (the ABI header joined to the handlers).
        case syscallWithoutHandler = "syscall-without-handler"
        case handlerWithoutNumber = "handler-without-number"
        // Assumptions (the bound trusts an annotation or a model).
        case loopBound = "loop-bound"
        case recursionDepth = "recursion-depth"
        case ignored = "ignored"
        case evictable = "evictable"
        case externalModel = "external-model"
        case deepReservation = "deep-reservation"
        /// A global collection's largest count, as the program states it (maxlive.max_count).
        case maxCount = "max-count"
        /// An array kept in a stored place is bounded by every array the module stores there.
        case storedCapacity = "stored-capacity"
        /// Sizes and heap-versus-stack decisions were not checked against the compiler's IR.
        case uncheckedSizes = "unchecked-sizes"
        // Warnings (the result may not be what the user meant).
        case unknownAnnotation = "unknown-annotation"
        case noEntries = "no-entries"
    }

    public var kind: Kind
    public var message: String
    /// Swift name of the function the finding is in.
    public var function: String
    public var file: String?
    public var line: Int?
    public var column: Int?

    public init(kind: Kind, message: String, function: String, file: String?, line: Int?, column: Int? = nil) {
        self.kind = kind
        self.message = message
        self.function = function
        self.file = file
        self.line = line
        self.column = column
    }
}

/// A byte count that may be unbounded. Arithmetic saturates instead of overflowing.
public struct ByteBound: Hashable, Sendable {
    public var bytes: Int
    public var isUnbounded: Bool

    public static let zero = ByteBound(bytes: 0, isUnbounded: false)
    public static let unbounded = ByteBound(bytes: 0, isUnbounded: true)
    public init(bytes: Int, isUnbounded: Bool = false) {
        self.bytes = bytes
        self.isUnbounded = isUnbounded
    }
}

@inline(__always) func saturatingAdd(_ a: Int, _ b: Int) -> Int {
    let (r, o) = a.addingReportingOverflow(b)
    return o ? Int.max : r
}

@inline(__always) func saturatingMultiply(_ a: Int, _ b: Int) -> Int {
    let (r, o) = a.multipliedReportingOverflow(by: b)
    return o ? Int.max : r
}

extension Array where Element == Finding {
    /// One finding per kind, message, file and line (several calls on one line say the same thing).
    func uniqued() -> [Finding] {
        var seen = Set<String>()
        return filter { seen.insert("\($0.kind.rawValue)|\($0.message)|\($0.file ?? "")|\($0.line ?? 0)").inserted }
    }
}
