// A basic block: `bbN(%a : $T, …):` followed by instructions ending in a terminator.

public struct BasicBlock: Sendable {
    /// The number in `bbN`.
    public var label: Int32
    /// Block argument values: `Function.valuePool[arguments]`.
    public var arguments: Range<Int32>
    /// `Function.instructions[instructions]`; the last one is the terminator.
    public var instructions: Range<Int32>
    public var silLine: Int32
    /// The label and its argument list as printed, `bb3(%5 : $Node, %6 : $Int)`: where the
    /// arguments' types are read from (the release analysis needs them).
    public var header: ByteRange = .empty

    public init(label: Int32, arguments: Range<Int32>, instructions: Range<Int32>, silLine: Int32) {
        self.label = label
        self.arguments = arguments
        self.instructions = instructions
        self.silLine = silLine
    }

    public var terminatorIndex: Int32 { instructions.upperBound - 1 }
}

/// Where an SSA value comes from.
public enum ValueDefinition: Sendable, Equatable {
    case undefined
    /// Result `index` of instruction `instruction`.
    case instruction(Int32, index: Int32)
    /// Argument `index` of block `block` (block 0's arguments are the function's parameters).
    case blockArgument(Int32, index: Int32)
}
