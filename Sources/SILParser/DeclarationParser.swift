// Reads the Swift declarations printed at the top of a SIL file, keeping what layout
// needs: classes (superclass, stored properties), structs, enums (cases, payloads,
// `indirect`) and protocols. Everything else (functions, initialisers, computed
// properties, extensions' members) is skipped.
//
//   @_hasMissingDesignatedInitializers @usableFromInline
//   final class Point {
//     @usableFromInline
//     @_hasStorage final var x: Int { get set }     ← stored property "x: Int"
//     init(x: Int, y: Int)
//   }
//   indirect enum Tree {
//     case leaf(Int)
//     case node(Tree, Tree)
//   }
//
// Attributes can sit on their own line above a declaration, so they are carried over.

import SILModel

struct DeclarationParser {
    private struct OpenScope {
        /// Index into `declarations`, or nil for a brace that is not a type (an extension, a computed property).
        var declaration: Int?
        var name: String
    }

    private(set) var declarations: [TypeDeclaration] = []
    private var stack: [OpenScope] = []
    private var pendingAttributes: [String] = []
    private(set) var openedAtLine: Int = 0

    var isInsideDeclaration: Bool { !stack.isEmpty }

    mutating func feed(_ bytes: Bytes, start: Int, end: Int, line: Int, path: String) throws {
        var i = bytes.skipSpaces(from: start, end: end)
        if i >= end { return }
        // Closing brace(s).
        if bytes[i] == ASCII.rbrace {
            guard !stack.isEmpty else {
                throw SILParseError(path: path, line: line + 1, column: i - start + 1,
                                    message: "unexpected '}' outside a declaration")
            }
            stack.removeLast()
            return
        }
        // Attributes: `@name` or `@name(…)`, possibly alone on the line.
        var attributes = pendingAttributes
        while i < end, bytes[i] == ASCII.at {
            var j = i + 1
            while j < end, ASCII.isIdentifier(bytes[j]) { j += 1 }
            let word = bytes.string(i + 1, j)
            if j < end, bytes[j] == ASCII.lparen { j = skipBalanced(bytes, from: j, end: end) }
            attributes.append(word)
            i = bytes.skipSpaces(from: j, end: end)
        }
        if i >= end {
            pendingAttributes = attributes
            return
        }
        pendingAttributes = []
        // Modifiers.
        var isIndirect = false
        var isStatic = false
        var words: [String] = []
        while i < end {
            var j = i
            while j < end, ASCII.isIdentifier(bytes[j]) { j += 1 }
            if j == i { break }
            let word = bytes.string(i, j)
            if j < end, bytes[j] == ASCII.lparen, ["nonisolated", "unowned", "private", "fileprivate", "internal", "public", "package"].contains(word) {
                j = skipBalanced(bytes, from: j, end: end)
            }
            if word == "indirect" { isIndirect = true }
            if word == "static" { isStatic = true }
            if word == "class" {
                // `class func`, `class var`, `class subscript` (also after `override`/`final`): a member
                // modifier, not a class declaration.
                let next = bytes.skipSpaces(from: j, end: end)
                var k = next
                while k < end, ASCII.isIdentifier(bytes[k]) { k += 1 }
                let following = bytes.string(next, k)
                if Self.classMemberKeywords.contains(following) || Self.modifiers.contains(following) {
                    isStatic = true
                    i = next
                    continue
                }
            }
            if Self.modifiers.contains(word) {
                i = bytes.skipSpaces(from: j, end: end)
                continue
            }
            words.append(word)
            i = j
            break
        }
        let keyword = words.first ?? ""
        let braceDelta = netBraces(bytes, from: i, end: end)
        switch keyword {
        case "class", "struct", "enum", "protocol", "actor", "extension":
            let nameStart = bytes.skipSpaces(from: i, end: end)
            var j = nameStart
            while j < end, ASCII.isIdentifier(bytes[j]) || bytes[j] == UInt8(ascii: ".") { j += 1 }
            let simpleName = bytes.string(nameStart, j)
            var generics: [String] = []
            if j < end, bytes[j] == ASCII.langle {
                let close = skipAngles(bytes, from: j, end: end)
                generics = Self.splitTopLevel(bytes.string(j + 1, close - 1)).map { param in
                    String(param.split(separator: ":").first ?? Substring(param)).trimmingSpaces()
                }
                j = close
            }
            var inherited: [String] = []
            let rest = bytes.skipSpaces(from: j, end: end)
            if rest < end, bytes[rest] == ASCII.colon {
                var listEnd = end
                if let brace = bytes.find(" {", from: rest, end: end) { listEnd = brace }
                if let whereAt = bytes.find(" where ", from: rest, end: listEnd) { listEnd = whereAt }
                inherited = Self.splitTopLevel(bytes.string(rest + 1, listEnd)).map { $0.trimmingSpaces() }
            }
            let qualified = (stack.compactMap { $0.declaration == nil ? nil : $0.name }.last.map { $0 + "." } ?? "") + simpleName
            var declarationIndex: Int? = nil
            if keyword != "extension" {
                let kind: TypeDeclarationKind = keyword == "class" || keyword == "actor" ? .class
                    : keyword == "struct" ? .struct : keyword == "enum" ? .enum : .protocol
                declarations.append(TypeDeclaration(kind: kind, name: qualified, genericParameters: generics,
                                                    inherited: inherited, storedProperties: [], cases: [],
                                                    isIndirect: isIndirect, silLine: Int32(line + 1)))
                declarationIndex = declarations.count - 1
            }
            if braceDelta > 0 {
                stack.append(OpenScope(declaration: declarationIndex, name: keyword == "extension" ? simpleName : qualified))
                openedAtLine = line
            }
        case "var", "let":
            // A `static` property is a global, not part of the instance layout.
            if attributes.contains("_hasStorage"), !isStatic, let owner = stack.last?.declaration {
                let nameStart = bytes.skipSpaces(from: i, end: end)
                var j = nameStart
                while j < end, ASCII.isIdentifier(bytes[j]) || bytes[j] == UInt8(ascii: "`") { j += 1 }
                let name = bytes.string(nameStart, j).replacingBackticks()
                let colon = bytes.skipSpaces(from: j, end: end)
                if colon < end, bytes[colon] == ASCII.colon {
                    let typeStart = bytes.skipSpaces(from: colon + 1, end: end)
                    let typeEnd = Self.endOfType(bytes, from: typeStart, end: end)
                    let type = bytes.string(typeStart, typeEnd)
                    declarations[owner].storedProperties.append(StoredProperty(name: name, type: type))
                }
            }
            if braceDelta > 0 { stack.append(OpenScope(declaration: nil, name: "")); openedAtLine = line }
        case "case":
            if let owner = stack.last?.declaration, declarations[owner].kind == .enum {
                let list = bytes.string(i, bytes.trimEnd(from: i, end: end))
                for element in Self.splitTopLevel(list) {
                    let item = element.trimmingSpaces()
                    if let paren = item.firstIndex(of: "(") {
                        declarations[owner].cases.append(EnumCase(name: String(item[..<paren]), payload: String(item[paren...]),
                                                                  isIndirect: isIndirect))
                    } else if !item.isEmpty {
                        declarations[owner].cases.append(EnumCase(name: item, payload: nil, isIndirect: isIndirect))
                    }
                }
            }
        default:
            if braceDelta > 0 { stack.append(OpenScope(declaration: nil, name: "")); openedAtLine = line }
        }
    }

    private static let classMemberKeywords: Set<String> = ["func", "var", "let", "subscript"]

    private static let modifiers: Set<String> = [
        "final", "public", "private", "fileprivate", "internal", "open", "package", "static",
        "indirect", "nonisolated", "lazy", "weak", "unowned", "mutating", "nonmutating", "override",
        "required", "convenience", "dynamic", "optional", "consuming", "borrowing", "distributed",
    ]

    private func skipBalanced(_ bytes: Bytes, from: Int, end: Int) -> Int {
        var depth = 0
        var j = from
        while j < end {
            let c = bytes[j]
            if c == ASCII.quote, let after = bytes.endOfString(at: j, end: end) { j = after; continue }
            if c == ASCII.lparen { depth += 1 }
            if c == ASCII.rparen { depth -= 1; if depth == 0 { return j + 1 } }
            j += 1
        }
        return end
    }

    private func skipAngles(_ bytes: Bytes, from: Int, end: Int) -> Int {
        var depth = 0
        var j = from
        while j < end {
            let c = bytes[j]
            if c == ASCII.langle { depth += 1 }
            if c == ASCII.rangle, j == 0 || bytes[j - 1] != ASCII.minus { depth -= 1; if depth == 0 { return j + 1 } }
            j += 1
        }
        return end
    }

    private func netBraces(_ bytes: Bytes, from: Int, end: Int) -> Int {
        var delta = 0
        var j = from
        while j < end {
            let c = bytes[j]
            if c == ASCII.quote, let after = bytes.endOfString(at: j, end: end) { j = after; continue }
            if c == ASCII.lbrace { delta += 1 }
            if c == ASCII.rbrace { delta -= 1 }
            j += 1
        }
        return delta
    }

    /// End of a type spelling: stops at ` {` (accessors), ` =` or the end, outside brackets.
    static func endOfType(_ bytes: Bytes, from: Int, end: Int) -> Int {
        var depth = 0
        var j = from
        while j < end {
            let c = bytes[j]
            if c == ASCII.lparen || c == ASCII.lbracket || c == ASCII.langle { depth += 1 }
            else if c == ASCII.rparen || c == ASCII.rbracket { depth -= 1 }
            else if c == ASCII.rangle, bytes[j - 1] != ASCII.minus { depth -= 1 }
            else if depth == 0, c == ASCII.space, j + 1 < end, bytes[j + 1] == ASCII.lbrace || bytes[j + 1] == ASCII.equals {
                return j
            }
            j += 1
        }
        return bytes.trimEnd(from: from, end: end)
    }

    /// Splits on commas outside (), [], <> and quotes.
    static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = []
        var depth = 0
        var current = ""
        var inString = false
        var previous: Character = " "
        for ch in text {
            if inString {
                current.append(ch)
                if ch == "\"" && previous != "\\" { inString = false }
                previous = ch
                continue
            }
            switch ch {
            case "\"": inString = true
            case "(", "[", "<": depth += 1
            case ")", "]": depth -= 1
            case ">" where previous != "-": depth -= 1
            case "," where depth == 0:
                parts.append(current)
                current = ""
                previous = ch
                continue
            default: break
            }
            current.append(ch)
            previous = ch
        }
        if !current.trimmingSpaces().isEmpty { parts.append(current) }
        return parts
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
    func replacingBackticks() -> String { String(self.filter { $0 != "`" }) }
}
