// Locations of Swift source, as printed in SIL `loc "file":line:col` suffixes, and
// the debug scopes (`sil_scope`) that map inlined code back to the user's line.

/// A position in a Swift source file. `file` indexes `SILModule.sourceFiles`.
public struct SourceLocation: Hashable, Sendable {
    public var file: Int32
    public var line: Int32
    public var column: Int32
    public init(file: Int32, line: Int32, column: Int32) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// One `sil_scope N { loc … parent … inlined_at M }` line.
public struct DebugScope: Sendable {
    public var location: SourceLocation?
    /// The parent scope number, or -1 when the parent is a function.
    public var parentScope: Int32
    /// The function a top-level scope belongs to (mangled name), when `parentScope == -1`.
    public var parentFunction: String?
    /// The call-site scope this scope was inlined at, or -1.
    public var inlinedAt: Int32
    public init(location: SourceLocation?, parentScope: Int32, parentFunction: String?, inlinedAt: Int32) {
        self.location = location
        self.parentScope = parentScope
        self.parentFunction = parentFunction
        self.inlinedAt = inlinedAt
    }
}
