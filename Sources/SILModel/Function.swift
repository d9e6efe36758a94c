// A `sil` function: its header (linkage, attributes, type) and, for definitions, its
// blocks. External declarations (`sil hidden_external @f : $T` with no body) have no
// blocks; the analysis must treat calls to them as unknown unless it has a model.

public struct FunctionAttributes: Sendable, Equatable {
    /// `[_semantics "x"]` strings, in order.
    public var semantics: [String] = []
    /// `[asmname "x"]`, if any.
    public var asmName: String?
    /// Every other bracketed attribute word, e.g. `noinline`, `Onone`, `global_init_once_fn`.
    public var flags: [String] = []
    public init() {}

    public func has(_ flag: String) -> Bool { flags.contains(flag) }
}

public struct Function: Sendable {
    /// The mangled name without `@`, e.g. `$e1M8straightyS2iF`.
    public var name: String
    /// The demangled name from the comment above the header, e.g. `straight(_:)`.
    public var demangledName: String?
    /// Linkage word (`hidden`, `shared`, `public_external`, …) or "" for public.
    public var linkage: String
    public var attributes: FunctionAttributes
    /// The function type after `$`.
    public var type: ByteRange
    /// Effects lines (`[global: …]`, `[%0: …]`) as printed.
    public var effects: [ByteRange]
    /// Where the function is declared in Swift source (from the comment line).
    public var location: SourceLocation?
    /// The header line in the SIL file.
    public var silLine: Int32

    public var blocks: [BasicBlock]
    public var instructions: [Instruction]
    /// Value ids referenced by blocks and instructions.
    public var valuePool: [Int32]
    public var successorPool: [Successor]
    /// Definition of each value id.
    public var valueDefinitions: [ValueDefinition]
    /// Textual value names (`%12`, `%initval`) for each value id, only for names that are not plain numbers.
    public var namedValues: [Int32: String]

    public init(name: String, demangledName: String?, linkage: String, attributes: FunctionAttributes,
                type: ByteRange, effects: [ByteRange], location: SourceLocation?, silLine: Int32) {
        self.name = name
        self.demangledName = demangledName
        self.linkage = linkage
        self.attributes = attributes
        self.type = type
        self.effects = effects
        self.location = location
        self.silLine = silLine
        self.blocks = []
        self.instructions = []
        self.valuePool = []
        self.successorPool = []
        self.valueDefinitions = []
        self.namedValues = [:]
    }

    /// True when the function has a body.
    public var isDefinition: Bool { !blocks.isEmpty }

    public func results(of instruction: Instruction) -> ArraySlice<Int32> {
        valuePool[Int(instruction.results.lowerBound)..<Int(instruction.results.upperBound)]
    }
    public func operands(of instruction: Instruction) -> ArraySlice<Int32> {
        valuePool[Int(instruction.operands.lowerBound)..<Int(instruction.operands.upperBound)]
    }
    public func successors(of instruction: Instruction) -> ArraySlice<Successor> {
        successorPool[Int(instruction.successors.lowerBound)..<Int(instruction.successors.upperBound)]
    }
    public func arguments(of successor: Successor) -> ArraySlice<Int32> {
        valuePool[Int(successor.arguments.lowerBound)..<Int(successor.arguments.upperBound)]
    }
    public func arguments(of block: BasicBlock) -> ArraySlice<Int32> {
        valuePool[Int(block.arguments.lowerBound)..<Int(block.arguments.upperBound)]
    }
    /// The instruction defining `value`, if it is an instruction result.
    public func definingInstruction(_ value: Int32) -> Int32? {
        guard value >= 0, Int(value) < valueDefinitions.count else { return nil }
        if case .instruction(let index, _) = valueDefinitions[Int(value)] { return index }
        return nil
    }
    /// The block that contains instruction `index`.
    public func block(containing index: Int32) -> Int32 {
        var lo = 0, hi = blocks.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if blocks[mid].instructions.lowerBound <= index { lo = mid } else { hi = mid - 1 }
        }
        return Int32(lo)
    }
}
