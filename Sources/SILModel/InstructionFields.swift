// The fields of an instruction the analysis reads, decoded from its bytes on demand:
// the function a `function_ref` names, a method key, a builtin's name, an integer literal,
// the bracketed attributes, the first type and a call's function type.
//
//   function_ref @$e4main3fooyyF : $@convention(thin) () -> ()
//                 ^^^^^^^^^^^^^^ referencedFunction
//   builtin "int_memcpy_RawPointer_RawPointer_Int64"(%1 : $Builtin.RawPointer, …) : $()
//            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ builtinName
//   alloc_ref [stack] [tail_elems $Int * %5 : $Builtin.Word] $_ContiguousArrayStorage<Int>
//             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ attributes
//                                                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ firstType
//
// Every decoder scans bytes: the delimiters are ASCII, and a UTF-8 sequence never holds an
// ASCII byte, so identifiers spelled in any script pass through unchanged.

extension Module {
    /// The bytes after the opcode word, leading spaces skipped, to the end of the text.
    public func operandRange(of inst: Instruction) -> ByteRange {
        let bytes = text.bytes
        var i = Int(inst.opcodeText.end)
        let end = Int(inst.text.end)
        while i < end, bytes[i] == 0x20 { i += 1 }
        return ByteRange(min(i, end), end)
    }

    /// `function_ref @name : $T` → `name`.
    public func referencedFunction(of inst: Instruction) -> String? {
        let r = operandRange(of: inst)
        guard !r.isEmpty, text.bytes[Int(r.start)] == UInt8(ascii: "@") else { return nil }
        return text.string(prefix(of: ByteRange(Int(r.start) + 1, Int(r.end)), until: [0x20]))
    }

    /// `class_method %0, #Base.f : …` → `#Base.f`.
    public func methodKey(of inst: Instruction) -> String? {
        let r = operandRange(of: inst)
        guard let hash = firstIndex(of: UInt8(ascii: "#"), in: r) else { return nil }
        return text.string(prefix(of: ByteRange(hash, Int(r.end)), until: [0x20, UInt8(ascii: ":"), UInt8(ascii: ",")]))
    }

    /// The stored property a projection or extraction names, `Owner.member` without `#`:
    /// `struct_element_addr %3 : $*_SwiftArrayBodyStorage, #_SwiftArrayBodyStorage.count` →
    /// `_SwiftArrayBodyStorage.count`.
    public func field(of inst: Instruction) -> String? {
        let r = operandRange(of: inst)
        guard let hash = firstIndex(of: UInt8(ascii: "#"), in: r) else { return nil }
        return text.string(prefix(of: ByteRange(hash + 1, Int(r.end)), until: [0x20, UInt8(ascii: ",")]))
    }

    /// `witness_method $T, #P.m : …` → `T` (without `$`).
    public func witnessLookupType(of inst: Instruction) -> String? {
        let r = operandRange(of: inst)
        guard !r.isEmpty, text.bytes[Int(r.start)] == UInt8(ascii: "$") else { return nil }
        guard let comma = firstOccurrence(of: Array(", #".utf8), in: r) else { return nil }
        return text.string(ByteRange(Int(r.start) + 1, comma))
    }

    /// `builtin "name"(…)` → `name`.
    public func builtinName(of inst: Instruction) -> String? {
        let r = operandRange(of: inst)
        guard !r.isEmpty, text.bytes[Int(r.start)] == UInt8(ascii: "\"") else { return nil }
        return text.string(prefix(of: ByteRange(Int(r.start) + 1, Int(r.end)), until: [UInt8(ascii: "\"")]))
    }

    /// `integer_literal $Builtin.Int64, 10` → 10 (the text after the last comma).
    public func integerLiteral(of inst: Instruction) -> Int? {
        let r = operandRange(of: inst)
        guard let comma = lastIndex(of: UInt8(ascii: ","), in: r) else { return nil }
        return Int(trimmed(ByteRange(comma + 1, Int(r.end))))
    }

    /// Bracketed attribute groups at the start of the operands, without their brackets
    /// (`stack`, `tail_elems $Int * %5 : $Builtin.Word`), and where the rest begins.
    public func leadingAttributes(of inst: Instruction) -> (attributes: [String], remainder: ByteRange) {
        let bytes = text.bytes
        var r = operandRange(of: inst)
        var attributes: [String] = []
        while !r.isEmpty, bytes[Int(r.start)] == UInt8(ascii: "[") {
            var depth = 0
            var close = Int(r.start)
            for i in Int(r.start)..<Int(r.end) {
                if bytes[i] == UInt8(ascii: "[") { depth += 1 }
                if bytes[i] == UInt8(ascii: "]") { depth -= 1; if depth == 0 { close = i; break } }
            }
            // An unclosed group is taken as empty and ends the attributes (as printed text never is).
            attributes.append(text.string(ByteRange(Int(r.start) + 1, max(Int(r.start) + 1, close))))
            var next = close + 1
            while next < Int(r.end), bytes[next] == 0x20 { next += 1 }
            r = ByteRange(min(next, Int(r.end)), Int(r.end))
        }
        return (attributes, r)
    }

    /// The type after the first ` : $` of the text, to its end: a call's or partial apply's
    /// function type.
    public func trailingFunctionType(of inst: Instruction) -> String? {
        guard let colon = firstOccurrence(of: Array(" : $".utf8), in: inst.text) else { return nil }
        return text.string(ByteRange(colon + 4, Int(inst.text.end)))
    }

    /// The type after the last ` : $` of the text, to its end: the callee type of an `apply`
    /// whose arguments carry types of their own.
    public func lastFunctionType(of inst: Instruction) -> String? {
        guard let colon = lastOccurrence(of: Array(" : $".utf8), in: inst.text) else { return nil }
        return text.string(ByteRange(colon + 4, Int(inst.text.end)))
    }

    /// The text after the last occurrence of `marker` (ASCII), to the end of the instruction.
    public func textAfterLast(_ marker: String, in inst: Instruction) -> Substring? {
        guard let at = lastOccurrence(of: Array(marker.utf8), in: inst.text) else { return nil }
        return Substring(text.string(ByteRange(at + marker.utf8.count, Int(inst.text.end))))
    }

    // MARK: Byte scanning

    private func lastOccurrence(of needle: [UInt8], in r: ByteRange) -> Int? {
        let bytes = text.bytes
        var i = Int(r.end) - needle.count
        outer: while i >= Int(r.start) {
            for k in 0..<needle.count where bytes[i + k] != needle[k] { i -= 1; continue outer }
            return i
        }
        return nil
    }

    private func firstIndex(of byte: UInt8, in r: ByteRange) -> Int? {
        let bytes = text.bytes
        var i = Int(r.start)
        while i < Int(r.end) { if bytes[i] == byte { return i }; i += 1 }
        return nil
    }

    private func lastIndex(of byte: UInt8, in r: ByteRange) -> Int? {
        let bytes = text.bytes
        var i = Int(r.end) - 1
        while i >= Int(r.start) { if bytes[i] == byte { return i }; i -= 1 }
        return nil
    }

    func firstOccurrence(of needle: [UInt8], in r: ByteRange) -> Int? {
        let bytes = text.bytes
        let last = Int(r.end) - needle.count
        guard last >= Int(r.start) else { return nil }
        var i = Int(r.start)
        outer: while i <= last {
            for k in 0..<needle.count where bytes[i + k] != needle[k] { i += 1; continue outer }
            return i
        }
        return nil
    }

    /// `r` up to (not including) the first byte in `stops`.
    private func prefix(of r: ByteRange, until stops: [UInt8]) -> ByteRange {
        let bytes = text.bytes
        var i = Int(r.start)
        while i < Int(r.end), !stops.contains(bytes[i]) { i += 1 }
        return ByteRange(Int(r.start), i)
    }

    /// `r` without leading and trailing spaces and tabs, as a string.
    private func trimmed(_ r: ByteRange) -> String {
        let bytes = text.bytes
        var lo = Int(r.start), hi = Int(r.end)
        while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
        while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
        return text.string(ByteRange(lo, hi))
    }
}
