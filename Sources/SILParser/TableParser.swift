// Parses the top-level constructs that are not functions or declarations:
//
//   sil_scope 3 { loc "a.swift":1:13 parent @$e1M5PointCfd : $@convention(method) … inlined_at 2 }
//   sil_global [serialized] @$e1M4keepSayAA5PointCGvp : $Array<Point>
//   sil_vtable Derived {
//     #Base.f: (Base) -> () -> Int : @$s5alloc7DerivedC1fSiyF [override]	// Derived.f()
//   }
//   sil_witness_table hidden Sq: Shape module calls {
//     method #Shape.area: <Self where Self : Shape> (Self) -> () -> Int : @$s…TW
//   }

import SILModel

struct TableParser {
    let bytes: Bytes
    let lines: LineTable
    let path: String

    func error(_ line: Int, _ offset: Int, _ message: String) -> SILParseError {
        let start = lines.range(line, in: bytes).start
        return SILParseError(path: path, line: line + 1, column: max(1, offset - start + 1), message: message)
    }

    /// `sil_scope N { [loc [*] "f":l:c] parent (N | @fn : $T) [inlined_at M] }`
    func parseScope(line: Int, files: inout FileNameTable) throws -> (Int, DebugScope) {
        let (s, e) = lines.range(line, in: bytes)
        var i = s + 10 // "sil_scope "
        guard let (number, afterNumber) = bytes.parseInt(at: i, end: e), number >= 0, number < 100_000_000 else {
            throw error(line, i, "expected a scope number after 'sil_scope'")
        }
        i = bytes.skipSpaces(from: afterNumber, end: e)
        guard i < e, bytes[i] == ASCII.lbrace else { throw error(line, i, "expected '{' after the scope number") }
        let close = bytes.trimEnd(from: i, end: e)
        guard close > i + 1, bytes[close - 1] == ASCII.rbrace else {
            throw error(line, e, "expected '}' at the end of the scope")
        }
        i = bytes.skipSpaces(from: i + 1, end: close)
        var location: SourceLocation? = nil
        if bytes.matches("loc ", at: i, end: close) {
            i += 4
            if i < close, bytes[i] == ASCII.star { i = bytes.skipSpaces(from: i + 1, end: close) }
            guard i < close, bytes[i] == ASCII.quote, let q = bytes.endOfString(at: i, end: close),
                  q < close, bytes[q] == ASCII.colon,
                  let (l, al) = bytes.parseInt(at: q + 1, end: close), al < close, bytes[al] == ASCII.colon,
                  let (c, ac) = bytes.parseInt(at: al + 1, end: close) else {
                throw error(line, i, "expected a location \"file\":line:column after 'loc'")
            }
            location = SourceLocation(file: files.index(bytes, i + 1, q - 1), line: Int32(clamping: l), column: Int32(clamping: c))
            i = bytes.skipSpaces(from: ac, end: close)
        }
        guard bytes.matches("parent ", at: i, end: close) else { throw error(line, i, "expected 'parent' in the scope") }
        i += 7
        var inlinedAt: Int32 = -1
        var parentEnd = close - 1
        if let at = bytes.findLast(" inlined_at ", from: i, end: close) {
            guard let (m, _) = bytes.parseInt(at: at + 12, end: close) else {
                throw error(line, at + 12, "expected a scope number after 'inlined_at'")
            }
            inlinedAt = Int32(clamping: m)
            parentEnd = at
        }
        var parentScope: Int32 = -1
        var parentFunction: String? = nil
        if i < close, bytes[i] == ASCII.at {
            var j = i + 1
            while j < parentEnd, !ASCII.isSpace(bytes[j]) { j += 1 }
            parentFunction = bytes.string(i + 1, j)
        } else if let (p, _) = bytes.parseInt(at: i, end: close) {
            parentScope = Int32(clamping: p)
        } else {
            throw error(line, i, "expected a scope number or '@function' after 'parent'")
        }
        return (number, DebugScope(location: location, parentScope: parentScope,
                                   parentFunction: parentFunction, inlinedAt: inlinedAt))
    }

    /// Skips the words and bracketed attributes after a `sil_…` keyword; returns the offset of the next token.
    func skipAttributes(_ from: Int, _ end: Int, linkageWords: Set<String>) -> Int {
        var i = bytes.skipSpaces(from: from, end: end)
        while i < end {
            if bytes[i] == ASCII.lbracket {
                var j = i + 1
                var depth = 1
                while j < end {
                    if bytes[j] == ASCII.lbracket { depth += 1 }
                    if bytes[j] == ASCII.rbracket { depth -= 1; if depth == 0 { break } }
                    j += 1
                }
                i = bytes.skipSpaces(from: min(j + 1, end), end: end)
                continue
            }
            var j = i
            while j < end, ASCII.isIdentifier(bytes[j]) { j += 1 }
            if j > i, linkageWords.contains(bytes.string(i, j)), j < end, bytes[j] == ASCII.space {
                i = bytes.skipSpaces(from: j, end: end)
                continue
            }
            break
        }
        return i
    }

    static let linkages: Set<String> = ["public", "hidden", "shared", "private", "public_external",
                                        "hidden_external", "package", "package_external", "non_abi"]

    /// `sil_global [attrs] @name : $T [= {]`. Returns the global and the line after it.
    func parseGlobal(line: Int, lastLine: Int) throws -> (Global, Int) {
        let (s, e) = lines.range(line, in: bytes)
        var i = skipAttributes(s + 10, e, linkageWords: Self.linkages)
        guard i < e, bytes[i] == ASCII.at else { throw error(line, i, "expected '@name' in 'sil_global'") }
        var j = i + 1
        while j < e, !ASCII.isSpace(bytes[j]) { j += 1 }
        let name = bytes.string(i + 1, j)
        i = bytes.skipSpaces(from: j, end: e)
        guard bytes.matches(": $", at: i, end: e) else { throw error(line, i, "expected ': $type' in 'sil_global'") }
        let typeStart = i + 3
        var typeEnd = bytes.trimEnd(from: typeStart, end: e)
        var next = line + 1
        var initializer: ByteRange? = nil
        if typeEnd - typeStart >= 3, bytes[typeEnd - 1] == ASCII.lbrace, bytes[typeEnd - 3] == ASCII.equals {
            typeEnd = bytes.trimEnd(from: typeStart, end: typeEnd - 3)
            let bodyEnd = try findClosingLine(from: line + 1, lastLine: lastLine, what: "sil_global", openedAt: line)
            initializer = ByteRange(lines.range(line + 1, in: bytes).start, lines.range(bodyEnd, in: bytes).start)
            next = bodyEnd + 1
        }
        return (Global(name: name, type: bytes.string(typeStart, typeEnd), initializer: initializer, silLine: Int32(line + 1)), next)
    }

    /// The first line at or after `from` that is exactly `}` (at column 0).
    func findClosingLine(from: Int, lastLine: Int, what: String, openedAt: Int) throws -> Int {
        var l = from
        while l < lastLine {
            let (s, e) = lines.range(l, in: bytes)
            if e > s, bytes[s] == ASCII.rbrace { return l }
            l += 1
        }
        throw SILParseError(path: path, line: lastLine, column: 1,
                            message: "expected '}' to close '\(what)' opened at line \(openedAt + 1); the file ends first (truncated?)")
    }

    /// `sil_vtable [attrs] Name {` … `}`.
    func parseVTable(line: Int, lastLine: Int) throws -> (VTable, Int) {
        let (s, e) = lines.range(line, in: bytes)
        let i = skipAttributes(s + 10, e, linkageWords: [])
        let close = bytes.trimEnd(from: i, end: e)
        guard close > i, bytes[close - 1] == ASCII.lbrace else { throw error(line, e, "expected '{' after the vtable's class") }
        let className = bytes.string(i, bytes.trimEnd(from: i, end: close - 1))
        let end = try findClosingLine(from: line + 1, lastLine: lastLine, what: "sil_vtable", openedAt: line)
        var entries: [VTableEntry] = []
        for l in (line + 1)..<end {
            if let entry = try parseEntry(line: l, prefix: nil) { entries.append(entry) }
        }
        return (VTable(className: className, entries: entries), end + 1)
    }

    /// `sil_witness_table [linkage] [attrs] Type: Protocol module M {` … `}`.
    func parseWitnessTable(line: Int, lastLine: Int) throws -> (WitnessTable, Int) {
        let (s, e) = lines.range(line, in: bytes)
        let i = skipAttributes(s + 17, e, linkageWords: Self.linkages)
        let close = bytes.trimEnd(from: i, end: e)
        // A conformance declared in another module has no body.
        let hasBody = close > i && bytes[close - 1] == ASCII.lbrace
        let header = hasBody ? bytes.trimEnd(from: i, end: close - 1) : close
        let moduleAt = bytes.findLast(" module ", from: i, end: header) ?? header
        guard let colon = bytes.findLast(": ", from: i, end: moduleAt) else {
            throw error(line, i, "expected 'Type: Protocol' in the witness table header")
        }
        let type = bytes.string(i, colon)
        let proto = bytes.string(colon + 2, moduleAt)
        if !hasBody { return (WitnessTable(conformingType: type, protocolName: proto, methods: []), line + 1) }
        let end = try findClosingLine(from: line + 1, lastLine: lastLine, what: "sil_witness_table", openedAt: line)
        var methods: [VTableEntry] = []
        for l in (line + 1)..<end {
            if let entry = try parseEntry(line: l, prefix: "method ") { methods.append(entry) }
        }
        return (WitnessTable(conformingType: type, protocolName: proto, methods: methods), end + 1)
    }

    /// `[method ]#Key…: type : @impl [kind]  // comment`, or `: nil`.
    private func parseEntry(line: Int, prefix: StaticString?) throws -> VTableEntry? {
        let (s, e) = lines.range(line, in: bytes)
        var i = bytes.skipSpaces(from: s, end: e)
        if let prefix {
            guard bytes.matches(prefix, at: i, end: e) else { return nil } // associated types, base protocols…
            i += prefix.utf8CodeUnitCount
        }
        guard i < e, bytes[i] == ASCII.hash else {
            if i >= e || bytes.matches("//", at: i, end: e) { return nil }
            throw error(line, i, "expected a method key '#Type.method'")
        }
        var keyEnd = i
        while keyEnd < e, bytes[keyEnd] != ASCII.colon { keyEnd += 1 }
        let key = bytes.string(i, keyEnd)
        var contentEnd = e
        if let comment = bytes.find("\t//", from: keyEnd, end: e) { contentEnd = comment }
        else if let comment = bytes.find(" //", from: keyEnd, end: e) { contentEnd = comment }
        contentEnd = bytes.trimEnd(from: keyEnd, end: contentEnd)
        var kind = ""
        if contentEnd > keyEnd, bytes[contentEnd - 1] == ASCII.rbracket,
           let open = bytes.findLast("[", from: keyEnd, end: contentEnd) {
            kind = bytes.string(open + 1, contentEnd - 1)
            contentEnd = bytes.trimEnd(from: keyEnd, end: open)
        }
        if bytes.matches(": nil", at: contentEnd - 5, end: contentEnd) || bytes.matches(" nil", at: contentEnd - 4, end: contentEnd) {
            return VTableEntry(key: key, implementation: nil, kind: kind)
        }
        guard let at = bytes.findLast("@", from: keyEnd, end: contentEnd) else {
            throw error(line, contentEnd, "expected ': @implementation' in the table entry")
        }
        return VTableEntry(key: key, implementation: bytes.string(at + 1, contentEnd), kind: kind)
    }
}
