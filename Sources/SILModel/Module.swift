// A parsed SIL module: everything one `swiftc -emit-sil` output file holds.

public final class Module: @unchecked Sendable {
    public let text: SourceText
    /// `sil_stage canonical` / `raw`.
    public var stage: String
    public var functions: [Function]
    /// Index of each function by mangled name.
    public var functionIndex: [String: Int]
    public var vtables: [VTable]
    public var witnessTables: [WitnessTable]
    public let globals: [Global]
    /// Index of each global by mangled name.
    public let globalIndex: [String: Int]
    public var typeDeclarations: [TypeDeclaration]
    /// Debug scopes by number; a missing number holds `nil`.
    public var scopes: [DebugScope?]
    /// Swift source file names referenced by locations; `SourceLocation.file` indexes this.
    public var sourceFiles: [String]
    /// Lines in the SIL file.
    public var lineCount: Int

    public init(text: SourceText, stage: String, functions: [Function], vtables: [VTable],
                witnessTables: [WitnessTable], globals: [Global], typeDeclarations: [TypeDeclaration],
                scopes: [DebugScope?], sourceFiles: [String], lineCount: Int) {
        self.text = text
        self.stage = stage
        self.functions = functions
        var index: [String: Int] = [:]
        index.reserveCapacity(functions.count)
        for (i, f) in functions.enumerated() { index[f.name] = i }
        self.functionIndex = index
        self.vtables = vtables
        self.witnessTables = witnessTables
        self.globals = globals
        var globalIndex: [String: Int] = [:]
        for (i, g) in globals.enumerated() { globalIndex[g.name] = i }
        self.globalIndex = globalIndex
        self.typeDeclarations = typeDeclarations
        self.scopes = scopes
        self.sourceFiles = sourceFiles
        self.lineCount = lineCount
    }

    public func function(named name: String) -> Function? {
        functionIndex[name].map { functions[$0] }
    }

    /// The user-visible location of an instruction: follow its scope's `inlined_at`
    /// chain to the outermost call site (SILFacts §12), falling back to its own `loc`.
    public func userLocation(of instruction: Instruction) -> SourceLocation? {
        var scope = instruction.scope
        var inlined = false
        var steps = 0
        // The chain is finite in valid input; the step limit guards against hand-edited cycles.
        while scope >= 0, Int(scope) < scopes.count, let s = scopes[Int(scope)], steps < 10_000 {
            steps += 1
            if s.inlinedAt >= 0 {
                inlined = true
                scope = s.inlinedAt
                continue
            }
            // Not inlined: the instruction's own `loc` is the most precise line.
            if !inlined, let own = instruction.location { return own }
            return s.location ?? instruction.location
        }
        return instruction.location
    }

    public func fileName(_ location: SourceLocation) -> String {
        let i = Int(location.file)
        return i >= 0 && i < sourceFiles.count ? sourceFiles[i] : "<unknown>"
    }
}
