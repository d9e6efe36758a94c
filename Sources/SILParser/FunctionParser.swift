// Parses one `sil` function: the header line and, for a definition, the body up to
// `} // end sil function '…'`.
//
// A body line is one of:
//
//   bb3(%73 : $Builtin.Int64, %74 : $Builtin.Int64):  // Preds: bb10 bb1   block label
//   %81 = alloc_ref $Point, loc * "a.swift":1:45, scope 36 // users: %83   instruction with results
//   (%95, %96) = begin_cow_mutation %93, scope 43                          several results
//   cond_br %62, bb2, bb1, scope 32                                        no result; successors
//   // function_ref loopBound(_:)                                          comment
//
// For every instruction the parser records the opcode, the result and operand value
// numbers, the successors with their block arguments, the text without location,
// and the `loc`/`scope` suffix. It scans each line once, tracking quotes and bracket
// depth, so `(name "s", loc "a.swift":7:7, scope 29)` inside a `debug_value` is not
// mistaken for the instruction's own location.

import SILModel

struct FunctionParser {
    let bytes: Bytes
    let lines: LineTable
    let path: String

    var function: Function
    var files = FileNameTable()

    private var labelToBlock: [Int32: Int32] = [:]
    /// Successors whose label is resolved after the whole body is read: (successor index, label, line, column).
    private var pendingLabels: [(Int, Int32, Int, Int)] = []
    /// Uses to check once all definitions are known: (value, line, column).
    private var uses: [(Int32, Int32, Int32)] = []
    private var namedIDs: [String: Int32] = [:]
    private var namedDefinitions: [ValueDefinition] = []
    private var namedSpellings: [String] = []
    /// Largest value number a function may use; protects against absurd hand-edited input.
    private static let maxValueNumber = 50_000_000

    init(bytes: Bytes, lines: LineTable, path: String, function: Function) {
        self.bytes = bytes
        self.lines = lines
        self.path = path
        self.function = function
    }

    func error(_ line: Int, _ offset: Int, _ message: String) -> SILParseError {
        let start = lines.range(line, in: bytes).start
        return SILParseError(path: path, line: line + 1, column: max(1, offset - start + 1), message: message)
    }

    // MARK: Body

    /// Parses lines `[first, last)` of a definition body (between the header and the end marker).
    mutating func parseBody(first: Int, last: Int) throws {
        function.instructions.reserveCapacity((last - first) * 3 / 4)
        var currentBlock: Int? = nil
        var line = first
        while line < last {
            let (s, e) = lines.range(line, in: bytes)
            let t = bytes.skipSpaces(from: s, end: e)
            defer { line += 1 }
            if t >= e { continue }
            let c = bytes[t]
            if c == ASCII.slash, t + 1 < e, bytes[t + 1] == ASCII.slash { continue }
            if c == ASCII.b, t == s, t + 2 < e, bytes[t + 1] == ASCII.b, ASCII.isDigit(bytes[t + 2]) {
                if let open = currentBlock { try closeBlock(open, line: line) }
                currentBlock = try parseBlockLabel(line: line, start: t, end: e)
                continue
            }
            if currentBlock == nil, c == ASCII.lbracket {
                // Effects lines (`[global: read,write]`, `[%0: noescape **]`) come before the first block.
                function.effects.append(ByteRange(t, e))
                continue
            }
            if currentBlock == nil {
                throw error(line, t, "expected a block label 'bbN:' before the first instruction")
            }
            if c == ASCII.percent || c == ASCII.lparen || (c >= 0x61 && c <= 0x7A) {
                try parseInstruction(line: line, start: t, end: e)
                continue
            }
            throw error(line, t, "expected an instruction, a block label or '} // end sil function'")
        }
        // A body with only effects lines (`{ [%0: noescape **] }`) declares a function defined elsewhere.
        guard let open = currentBlock else { return }
        try closeBlock(open, line: last - 1)
        try finish()
    }

    private mutating func closeBlock(_ index: Int, line: Int) throws {
        var block = function.blocks[index]
        block.instructions = block.instructions.lowerBound..<Int32(function.instructions.count)
        function.blocks[index] = block
        if block.instructions.isEmpty {
            throw error(Int(block.silLine) - 1, lines.range(Int(block.silLine) - 1, in: bytes).start,
                        "block bb\(block.label) has no instructions; expected a terminator")
        }
        let last = function.instructions[Int(block.instructions.upperBound) - 1]
        if last.opcode != .other && !last.opcode.isTerminator {
            let l = Int(last.silLine) - 1
            throw error(l, lines.range(l, in: bytes).end,
                        "block bb\(block.label) ends with '\(last.opcode.spelling)'; expected a terminator (is the function truncated?)")
        }
    }

    private mutating func parseBlockLabel(line: Int, start: Int, end: Int) throws -> Int {
        var i = start + 2
        guard let (label, after) = bytes.parseInt(at: i, end: end), label <= Int(Int32.max) else {
            throw error(line, i, "expected a block number after 'bb'")
        }
        i = after
        let argsStart = Int32(function.valuePool.count)
        let blockIndex = function.blocks.count
        if labelToBlock[Int32(label)] != nil {
            throw error(line, start, "block bb\(label) is defined twice")
        }
        labelToBlock[Int32(label)] = Int32(blockIndex)
        if i < end, bytes[i] == ASCII.lparen {
            var depth = 0
            var argIndex: Int32 = 0
            var k = i
            var closed = false
            while k < end {
                let c = bytes[k]
                if c == ASCII.quote {
                    guard let after = bytes.endOfString(at: k, end: end) else {
                        throw error(line, k, "unterminated string literal")
                    }
                    k = after
                    continue
                }
                if c == ASCII.lparen || c == ASCII.lbracket || c == ASCII.lbrace { depth += 1 }
                else if c == ASCII.rparen || c == ASCII.rbracket || c == ASCII.rbrace {
                    depth -= 1
                    if depth == 0 { k += 1; closed = true; break }
                } else if c == ASCII.percent, depth == 1 {
                    let (id, after) = try valueToken(line: line, at: k, end: end)
                    try define(id, as: .blockArgument(Int32(blockIndex), index: argIndex), line: line, at: k)
                    function.valuePool.append(id)
                    argIndex += 1
                    k = after
                    continue
                }
                k += 1
            }
            guard closed else { throw error(line, end, "expected ')' to close the block arguments") }
            i = k
        }
        i = bytes.skipSpaces(from: i, end: end)
        guard i < end, bytes[i] == ASCII.colon else {
            throw error(line, i, "expected ':' after the block label")
        }
        let argsEnd = Int32(function.valuePool.count)
        let start32 = Int32(function.instructions.count)
        var block = BasicBlock(label: Int32(label), arguments: argsStart..<argsEnd,
                               instructions: start32..<start32, silLine: Int32(line + 1))
        block.header = ByteRange(start, i)
        function.blocks.append(block)
        return blockIndex
    }

    // MARK: Instructions

    private mutating func parseInstruction(line: Int, start: Int, end: Int) throws {
        var i = start
        let resultsStart = Int32(function.valuePool.count)
        let instructionIndex = Int32(function.instructions.count)
        var resultCount: Int32 = 0
        if bytes[i] == ASCII.percent || bytes[i] == ASCII.lparen {
            let parenthesized = bytes[i] == ASCII.lparen
            if parenthesized { i += 1 }
            while true {
                i = bytes.skipSpaces(from: i, end: end)
                guard i < end, bytes[i] == ASCII.percent else {
                    throw error(line, i, "expected a result value '%N'")
                }
                let (id, after) = try valueToken(line: line, at: i, end: end)
                try define(id, as: .instruction(instructionIndex, index: resultCount), line: line, at: i)
                function.valuePool.append(id)
                resultCount += 1
                i = after
                if !parenthesized { break }
                i = bytes.skipSpaces(from: i, end: end)
                if i < end, bytes[i] == ASCII.comma { i += 1; continue }
                guard i < end, bytes[i] == ASCII.rparen else {
                    throw error(line, i, "expected ',' or ')' in the result list")
                }
                i += 1
                break
            }
            i = bytes.skipSpaces(from: i, end: end)
            guard i < end, bytes[i] == ASCII.equals else {
                throw error(line, i, "expected '=' after the instruction's results")
            }
            i = bytes.skipSpaces(from: i + 1, end: end)
        }
        let resultsEnd = Int32(function.valuePool.count)
        let opStart = i
        while i < end, ASCII.isOpcodeChar(bytes[i]) { i += 1 }
        if i == opStart || bytes[opStart] < 0x61 || bytes[opStart] > 0x7A {
            throw error(line, opStart, "expected an instruction opcode")
        }
        let opcode = OpcodeTable.lookup(bytes, opStart, i)
        if i < end, !ASCII.isSpace(bytes[i]), bytes[i] != ASCII.comma {
            throw error(line, i, "unexpected character after opcode '\(bytes.string(opStart, i))'")
        }

        // Operands, successors, the text end and the location suffix, in one scan.
        let operandsStart = Int32(function.valuePool.count)
        var operandIDs: [Int32] = []
        var successorItems: [(label: Int32, args: [Int32], line: Int, column: Int)] = []
        var textEnd = bytes.trimEnd(from: opStart, end: end)
        var location: SourceLocation? = nil
        var scope: Int32 = -1
        var depth = 0
        var k = i
        scan: while k < end {
            let c = bytes[k]
            switch c {
            case ASCII.quote:
                guard let after = bytes.endOfString(at: k, end: end) else {
                    throw error(line, k, "unterminated string literal")
                }
                k = after
                continue
            case ASCII.lparen, ASCII.lbracket, ASCII.lbrace:
                depth += 1
            case ASCII.rparen, ASCII.rbracket, ASCII.rbrace:
                depth -= 1
            case ASCII.slash where k + 1 < end && bytes[k + 1] == ASCII.slash:
                textEnd = bytes.trimEnd(from: opStart, end: k)
                break scan
            case ASCII.comma where depth == 0:
                if bytes.matches(", loc ", at: k, end: end) || bytes.matches(", scope ", at: k, end: end) {
                    textEnd = k
                    (location, scope) = try parseLocationSuffix(line: line, at: k, end: end)
                    break scan
                }
            case ASCII.percent:
                let (id, after) = try valueToken(line: line, at: k, end: end)
                operandIDs.append(id)
                uses.append((id, Int32(line), Int32(k - lines.range(line, in: bytes).start + 1)))
                k = after
                continue
            case ASCII.b where k + 2 < end && bytes[k - 1] == ASCII.space && bytes[k + 1] == ASCII.b
                    && ASCII.isDigit(bytes[k + 2]):
                guard let (label, after) = bytes.parseInt(at: k + 2, end: end),
                      after >= end || !ASCII.isIdentifier(bytes[after]) else { break }
                var args: [Int32] = []
                var j = after
                if j < end, bytes[j] == ASCII.lparen {
                    var d = 0
                    var closed = false
                    while j < end {
                        let cj = bytes[j]
                        if cj == ASCII.quote {
                            guard let a = bytes.endOfString(at: j, end: end) else {
                                throw error(line, j, "unterminated string literal")
                            }
                            j = a
                            continue
                        }
                        if cj == ASCII.lparen { d += 1 }
                        else if cj == ASCII.rparen { d -= 1; if d == 0 { j += 1; closed = true; break } }
                        else if cj == ASCII.percent {
                            let (id, a) = try valueToken(line: line, at: j, end: end)
                            args.append(id)
                            uses.append((id, Int32(line), Int32(j - lines.range(line, in: bytes).start + 1)))
                            j = a
                            continue
                        }
                        j += 1
                    }
                    guard closed else { throw error(line, end, "expected ')' after branch arguments") }
                }
                successorItems.append((Int32(label), args, line, k))
                k = j
                continue
            default:
                break
            }
            k += 1
        }
        if depth > 0 {
            throw error(line, end, "unbalanced brackets in instruction '\(opcode == .other ? bytes.string(opStart, i) : opcode.spelling)' (is the line truncated?)")
        }
        function.valuePool.append(contentsOf: operandIDs)
        let operandsEnd = Int32(function.valuePool.count)
        let successorsStart = Int32(function.successorPool.count)
        for item in successorItems {
            let argsStart = Int32(function.valuePool.count)
            function.valuePool.append(contentsOf: item.args)
            pendingLabels.append((function.successorPool.count, item.label, item.line, item.column))
            function.successorPool.append(Successor(block: -1, arguments: argsStart..<Int32(function.valuePool.count)))
        }
        let successorsEnd = Int32(function.successorPool.count)
        if opcode.isTerminator, opcode != .returnInst, opcode != .throwInst, opcode != .unreachable,
           opcode != .unwind, opcode != .throwAddr, successorItems.isEmpty {
            throw error(line, end, "expected successor blocks for '\(opcode.spelling)'")
        }
        function.instructions.append(Instruction(
            opcode: opcode, results: resultsStart..<resultsEnd, operands: operandsStart..<operandsEnd,
            successors: successorsStart..<successorsEnd, text: ByteRange(opStart, textEnd),
            opcodeText: ByteRange(opStart, i), location: location, scope: scope, silLine: Int32(line + 1)))
    }

    /// Parses `, loc [*] "file":line:col` and/or `, scope N` starting at the comma.
    private mutating func parseLocationSuffix(line: Int, at offset: Int, end: Int) throws -> (SourceLocation?, Int32) {
        var i = offset
        var location: SourceLocation? = nil
        var scope: Int32 = -1
        if bytes.matches(", loc ", at: i, end: end) {
            i += 6
            if i < end, bytes[i] == ASCII.star { i = bytes.skipSpaces(from: i + 1, end: end) }
            guard let parsed = parseQuotedLocation(at: i, end: end) else {
                throw error(line, i, "expected a location \"file\":line:column after 'loc'")
            }
            location = parsed.location
            i = parsed.end
        }
        if bytes.matches(", scope ", at: i, end: end) {
            i += 8
            guard let (n, after) = bytes.parseInt(at: i, end: end), n >= 0, n <= Int(Int32.max) else {
                throw error(line, i, "expected a scope number after 'scope'")
            }
            scope = Int32(n)
            i = after
        }
        return (location, scope)
    }

    /// `"file":line:col` at `offset`.
    mutating func parseQuotedLocation(at offset: Int, end: Int) -> (location: SourceLocation, end: Int)? {
        guard offset < end, bytes[offset] == ASCII.quote,
              let closing = bytes.endOfString(at: offset, end: end),
              closing < end, bytes[closing] == ASCII.colon,
              let (l, afterLine) = bytes.parseInt(at: closing + 1, end: end),
              afterLine < end, bytes[afterLine] == ASCII.colon,
              let (c, afterColumn) = bytes.parseInt(at: afterLine + 1, end: end) else { return nil }
        let file = files.index(bytes, offset + 1, closing - 1)
        return (SourceLocation(file: file, line: Int32(clamping: l), column: Int32(clamping: c)), afterColumn)
    }

    // MARK: Values

    /// Reads `%name` at `offset`; returns the value id (negative for non-numeric names until `finish`).
    private mutating func valueToken(line: Int, at offset: Int, end: Int) throws -> (Int32, Int) {
        var j = offset + 1
        while j < end, ASCII.isIdentifier(bytes[j]) && bytes[j] != ASCII.dollar { j += 1 }
        if j == offset + 1 { throw error(line, offset, "expected a value name after '%'") }
        var numeric = true
        var value = 0
        for k in (offset + 1)..<j {
            let c = bytes[k]
            if !ASCII.isDigit(c) { numeric = false; break }
            value = value * 10 + Int(c - ASCII.zero)
            if value > Self.maxValueNumber {
                throw error(line, offset, "value number %\(bytes.string(offset + 1, j)) is out of range")
            }
        }
        if numeric { return (Int32(value), j) }
        let name = bytes.string(offset + 1, j)
        if let id = namedIDs[name] { return (id, j) }
        let id = -Int32(namedDefinitions.count) - 1
        namedIDs[name] = id
        namedDefinitions.append(.undefined)
        namedSpellings.append(name)
        return (id, j)
    }

    private mutating func define(_ id: Int32, as definition: ValueDefinition, line: Int, at offset: Int) throws {
        if id < 0 {
            let k = Int(-id - 1)
            if namedDefinitions[k] != .undefined {
                throw error(line, offset, "value %\(namedSpellings[k]) is defined twice")
            }
            namedDefinitions[k] = definition
            return
        }
        let k = Int(id)
        if k >= function.valueDefinitions.count {
            function.valueDefinitions.append(contentsOf: repeatElement(.undefined, count: k + 1 - function.valueDefinitions.count))
        }
        if function.valueDefinitions[k] != .undefined {
            throw error(line, offset, "value %\(id) is defined twice")
        }
        function.valueDefinitions[k] = definition
    }

    /// Resolves labels, renumbers named values and checks that every use is defined.
    private mutating func finish() throws {
        for (index, label, line, column) in pendingLabels {
            guard let block = labelToBlock[label] else {
                throw error(line, column, "branch to undefined block bb\(label)")
            }
            function.successorPool[index].block = block
        }
        if !namedDefinitions.isEmpty {
            let base = Int32(function.valueDefinitions.count)
            for k in function.valuePool.indices where function.valuePool[k] < 0 {
                function.valuePool[k] = base + (-function.valuePool[k] - 1)
            }
            function.valueDefinitions.append(contentsOf: namedDefinitions)
            for (k, name) in namedSpellings.enumerated() { function.namedValues[base + Int32(k)] = name }
            for k in uses.indices where uses[k].0 < 0 { uses[k].0 = base + (-uses[k].0 - 1) }
        }
        for (id, line, column) in uses {
            if Int(id) >= function.valueDefinitions.count || function.valueDefinitions[Int(id)] == .undefined {
                let spelling = function.namedValues[id] ?? String(id)
                throw SILParseError(path: path, line: Int(line) + 1, column: Int(column),
                                    message: "use of undefined value %\(spelling)")
            }
        }
        uses = []
        try checkOperandKinds()
    }
}
