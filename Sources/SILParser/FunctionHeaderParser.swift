// Parses a function header line and the comment above it:
//
//   // straight(_:), loc "a.swift":4:42, scope 13
//   // Isolation: unspecified
//   sil [_semantics "maxlive.entry"] @$e1M8straightyS2iF : $@convention(thin) (Int) -> Int {
//
// The first comment line holds the demangled name and the declaration's location.
// A header ending in `{` starts a body; one without is an external declaration.

import SILModel

struct FunctionHeader {
    var function: Function
    var isDefinition: Bool
}

extension FunctionParser {
    static func parseHeader(bytes: Bytes, lines: LineTable, path: String, line: Int,
                            commentLine: Int?, files: inout FileNameTable) throws -> FunctionHeader {
        let (s, e) = lines.range(line, in: bytes)
        func fail(_ offset: Int, _ message: String) -> SILParseError {
            SILParseError(path: path, line: line + 1, column: offset - s + 1, message: message)
        }
        var i = s + 3 // after "sil"
        var linkage = ""
        var attributes = FunctionAttributes()
        var name: String? = nil
        while true {
            i = bytes.skipSpaces(from: i, end: e)
            guard i < e else { throw fail(i, "expected '@name' in the function header") }
            let c = bytes[i]
            if c == ASCII.lbracket {
                // `[word]`, `[word "string"]` or `[word …]`; strings may hold brackets.
                // Brackets nest: `[_specialize exported: false, kind: full, where Self == [String]]`.
                var j = i + 1
                var closed = false
                var depth = 1
                while j < e {
                    if bytes[j] == ASCII.quote {
                        guard let after = bytes.endOfString(at: j, end: e) else { throw fail(j, "unterminated string literal") }
                        j = after
                        continue
                    }
                    if bytes[j] == ASCII.lbracket { depth += 1 }
                    if bytes[j] == ASCII.rbracket { depth -= 1; if depth == 0 { closed = true; break } }
                    j += 1
                }
                guard closed else { throw fail(i, "expected ']' to close the attribute") }
                var wordEnd = i + 1
                while wordEnd < j, !ASCII.isSpace(bytes[wordEnd]) { wordEnd += 1 }
                let word = bytes.string(i + 1, wordEnd)
                let argStart = bytes.skipSpaces(from: wordEnd, end: j)
                var argument = bytes.string(argStart, j)
                if argument.hasPrefix("\""), argument.hasSuffix("\""), argument.count >= 2 {
                    argument = String(argument.dropFirst().dropLast())
                }
                switch word {
                case "_semantics": attributes.semantics.append(argument)
                case "asmname": attributes.asmName = argument
                default: attributes.flags.append(word)
                }
                i = j + 1
                continue
            }
            if c == ASCII.at {
                var j = i + 1
                if j < e, bytes[j] == ASCII.quote {
                    guard let after = bytes.endOfString(at: j, end: e) else { throw fail(j, "unterminated string literal") }
                    name = bytes.string(j + 1, after - 1)
                    j = after
                } else {
                    while j < e, !ASCII.isSpace(bytes[j]), bytes[j] != ASCII.colon { j += 1 }
                    name = bytes.string(i + 1, j)
                }
                i = j
                break
            }
            // A linkage word.
            var j = i
            while j < e, ASCII.isIdentifier(bytes[j]) { j += 1 }
            if j == i { throw fail(i, "expected a linkage, an attribute '[…]' or '@name' in the function header") }
            linkage = bytes.string(i, j)
            i = j
        }
        guard let functionName = name, !functionName.isEmpty else { throw fail(i, "expected a function name after '@'") }
        i = bytes.skipSpaces(from: i, end: e)
        guard bytes.matches(": $", at: i, end: e) else { throw fail(i, "expected ': $type' after the function name") }
        let typeStart = i + 3
        var typeEnd = bytes.trimEnd(from: typeStart, end: e)
        var isDefinition = false
        if typeEnd > typeStart, bytes[typeEnd - 1] == ASCII.lbrace, bytes[typeEnd - 2] == ASCII.space {
            isDefinition = true
            typeEnd = bytes.trimEnd(from: typeStart, end: typeEnd - 1)
        }
        guard typeEnd > typeStart else { throw fail(typeStart, "expected the function type after '$'") }

        // The comment line: "// name, loc "file":l:c, scope N".
        var demangled: String? = nil
        var location: SourceLocation? = nil
        if let cl = commentLine {
            let (cs, ce) = lines.range(cl, in: bytes)
            let t = bytes.skipSpaces(from: cs, end: ce)
            let textStart = bytes.skipSpaces(from: t + 2, end: ce)
            var nameEnd = ce
            if let locAt = bytes.findLast(", loc ", from: textStart, end: ce) {
                nameEnd = locAt
                var p = locAt + 6
                if p < ce, bytes[p] == ASCII.star { p = bytes.skipSpaces(from: p + 1, end: ce) }
                if p < ce, bytes[p] == ASCII.quote, let closing = bytes.endOfString(at: p, end: ce),
                   closing < ce, bytes[closing] == ASCII.colon,
                   let (l, afterLine) = bytes.parseInt(at: closing + 1, end: ce),
                   afterLine < ce, bytes[afterLine] == ASCII.colon,
                   let (col, _) = bytes.parseInt(at: afterLine + 1, end: ce) {
                    let file = files.index(bytes, p + 1, closing - 1)
                    location = SourceLocation(file: file, line: Int32(clamping: l), column: Int32(clamping: col))
                }
            }
            demangled = bytes.string(textStart, nameEnd)
        }
        let function = Function(name: functionName, demangledName: demangled, linkage: linkage,
                                attributes: attributes, type: ByteRange(typeStart, typeEnd), effects: [],
                                location: location, silLine: Int32(line + 1))
        return FunctionHeader(function: function, isDefinition: isDefinition)
    }
}
