// One SIL instruction, kept compact: the opcode, its results and operands as value
// numbers, its successors (terminators), and a byte range of its full text so
// details the analysis needs later (types, attributes, literals) can be read on demand.
//
//   %6 = alloc_ref $Point, loc * "alloc.swift":5:3, scope 98 // users: %10, %11
//   ^^ results  ^^^^^^^^^ opcode   ^^^^^^^^^^^^^^^^^^^^^^^^^^ location + scope
//                         ^^^^^^ `text` is "alloc_ref $Point" (no location, no comment)

public struct Instruction: Sendable {
    public var opcode: Opcode
    /// Results: `Function.valuePool[results]`.
    public var results: Range<Int32>
    /// Operand values in the order printed: `Function.valuePool[operands]`.
    public var operands: Range<Int32>
    /// Successor blocks (terminators only): `Function.successorPool[successors]`.
    public var successors: Range<Int32>
    /// The instruction from its opcode up to (not including) its location suffix.
    public var text: ByteRange
    /// Byte range of the opcode word itself.
    public var opcodeText: ByteRange
    /// `loc "file":l:c` of the instruction, if printed.
    public var location: SourceLocation?
    /// `scope N`, or -1.
    public var scope: Int32
    /// Line of the SIL file (1-based), for messages.
    public var silLine: Int32

    public init(opcode: Opcode, results: Range<Int32>, operands: Range<Int32>, successors: Range<Int32>,
                text: ByteRange, opcodeText: ByteRange, location: SourceLocation?, scope: Int32, silLine: Int32) {
        self.opcode = opcode
        self.results = results
        self.operands = operands
        self.successors = successors
        self.text = text
        self.opcodeText = opcodeText
        self.location = location
        self.scope = scope
        self.silLine = silLine
    }
}

/// A branch target: a block and the values passed to its arguments.
public struct Successor: Sendable {
    public var block: Int32
    /// `Function.valuePool[arguments]`.
    public var arguments: Range<Int32>
    public init(block: Int32, arguments: Range<Int32>) {
        self.block = block
        self.arguments = arguments
    }
}
