// Swift and SIL type spellings, parsed into a small tree that layout can walk.
//
//   $_ContiguousArrayStorage<Point>   → .named("_ContiguousArrayStorage", [.named("Point")])
//   ${ var Int }                       → .box([.named("Int")])
//   $@callee_guaranteed () -> Int      → .function(thick: true)
//   (Int8, Int32)                      → .tuple([…])
//   [Int], Int?, [String: Int]         → Array<Int>, Optional<Int>, Dictionary<String, Int>

public indirect enum TypeExpression: Hashable, Sendable, CustomStringConvertible {
    case named(String, [TypeExpression])
    case tuple([TypeExpression])
    /// A function value: thick (context + pointer, 16 B) or thin (a pointer, 8 B).
    case function(thick: Bool)
    case box([TypeExpression])
    /// `*T`: an address.
    case address(TypeExpression)
    /// `@thick T.Type` (8 B) or `@thin T.Type` (0 B).
    case metatype(thick: Bool)
    /// `any P`, `AnyObject`: class-bound existentials are one reference.
    case existential(classBound: Bool, protocolCount: Int)
    case unknown(String)

    public var description: String {
        switch self {
        case .named(let n, let args): return args.isEmpty ? n : "\(n)<\(args.map(\.description).joined(separator: ", "))>"
        case .tuple(let e): return "(\(e.map(\.description).joined(separator: ", ")))"
        case .function(let thick): return thick ? "@callee_guaranteed () -> ()" : "@convention(thin) () -> ()"
        case .box(let f): return "{ var \(f.map(\.description).joined(separator: ", ")) }"
        case .address(let t): return "*\(t)"
        case .metatype(let thick): return thick ? "@thick T.Type" : "@thin T.Type"
        case .existential(let cb, _): return cb ? "AnyObject" : "any P"
        case .unknown(let s): return s
        }
    }
}

/// A recursive-descent reader over a type spelling.
public struct TypeExpressionParser {
    private let chars: [UInt8]
    private var i = 0

    public static func parse(_ text: String) -> TypeExpression {
        var p = TypeExpressionParser(Array(text.utf8))
        p.skipSpaces()
        if p.peek == UInt8(ascii: "$") { p.i += 1 }
        let t = p.parseType()
        return t
    }

    /// The parameter types of a function type spelling, e.g. the captures of a
    /// `partial_apply` are the trailing parameters of its callee's type.
    public static func functionParameters(_ text: String) -> [TypeExpression]? {
        var p = TypeExpressionParser(Array(text.utf8))
        p.skipSpaces()
        if p.peek == UInt8(ascii: "$") { p.i += 1 }
        while true {
            p.skipSpaces()
            if p.peek == UInt8(ascii: "@") {
                p.i += 1
                _ = p.identifier()
                if p.peek == UInt8(ascii: "(") { p.skipParens() }
                continue
            }
            if p.peek == UInt8(ascii: "<") { p.skipAngles(); continue }
            break
        }
        guard p.peek == UInt8(ascii: "(") else { return nil }
        return p.parseTupleElements()
    }

    private init(_ chars: [UInt8]) { self.chars = chars }

    private var peek: UInt8? { i < chars.count ? chars[i] : nil }
    private mutating func skipSpaces() { while let c = peek, c == 32 || c == 9 { i += 1 } }
    private func startsWith(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard i + u.count <= chars.count else { return false }
        return Array(chars[i..<(i + u.count)]) == u
    }
    private mutating func eat(_ s: String) -> Bool {
        if startsWith(s) { i += s.utf8.count; return true }
        return false
    }
    private static func isIdent(_ c: UInt8) -> Bool {
        (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c == 95 || c == 36 || c >= 0x80
    }
    private mutating func identifier() -> String {
        let s = i
        while let c = peek, Self.isIdent(c) || c == UInt8(ascii: ".") { i += 1 }
        return String(decoding: chars[s..<i], as: UTF8.self)
    }

    /// Skips a balanced (…) group starting at `(`.
    private mutating func skipParens() {
        var depth = 0
        while let c = peek {
            if c == UInt8(ascii: "(") { depth += 1 }
            if c == UInt8(ascii: ")") { depth -= 1; if depth == 0 { i += 1; return } }
            if c == UInt8(ascii: "\"") {
                i += 1
                while let d = peek, d != UInt8(ascii: "\"") { i += 1 }
            }
            i += 1
        }
    }

    mutating func parseType() -> TypeExpression {
        skipSpaces()
        var thick = true
        var isFunctionAttribute = false
        // Attributes: @convention(thin), @callee_guaranteed, @thick, @thin, @noescape, @escaping, @sil_weak…
        var metatypeThick: Bool? = nil
        while peek == UInt8(ascii: "@") {
            i += 1
            let word = identifier()
            switch word {
            case "convention":
                let s = i
                skipParens()
                let conv = String(decoding: chars[s..<i], as: UTF8.self)
                thick = conv.contains("thick") || conv.contains("block")
                if conv.contains("thin") || conv.contains("c)") || conv.contains("method") || conv.contains("witness_method") { thick = false }
                isFunctionAttribute = true
            case "callee_guaranteed", "callee_owned", "noescape", "escaping", "callee_unowned":
                isFunctionAttribute = true
            case "thick": metatypeThick = true
            case "thin": metatypeThick = false
            case "yield_once", "yield_many", "async", "Sendable", "substituted", "pseudogeneric", "isolated_any":
                isFunctionAttribute = true
            default:
                if peek == UInt8(ascii: "(") { skipParens() }
            }
            skipSpaces()
        }
        // Generic signature of a box or function: `<τ_0_0> { var τ_0_0 } <T>` or `<τ_0_0 where …> (…) -> …`.
        if peek == UInt8(ascii: "<") {
            skipAngles()
            skipSpaces()
        }
        if peek == UInt8(ascii: "*") {
            i += 1
            return .address(parseType())
        }
        if peek == UInt8(ascii: "{") {
            return parseBox()
        }
        var base: TypeExpression
        if peek == UInt8(ascii: "(") {
            let elements = parseTupleElements()
            skipSpaces()
            if eat("throws") { skipSpaces() }
            if eat("->") {
                _ = parseType()
                return .function(thick: thick)
            }
            base = elements.count == 1 ? elements[0] : .tuple(elements)
        } else if peek == UInt8(ascii: "[") {
            i += 1
            let key = parseType()
            skipSpaces()
            if peek == UInt8(ascii: ":") {
                i += 1
                let value = parseType()
                skipSpaces()
                if peek == UInt8(ascii: "]") { i += 1 }
                base = .named("Dictionary", [key, value])
            } else {
                if peek == UInt8(ascii: "]") { i += 1 }
                base = .named("Array", [key])
            }
        } else if eat("any ") {
            skipSpaces()
            let name = identifier()
            var count = 1
            skipSpaces()
            while peek == UInt8(ascii: "&") { i += 1; skipSpaces(); _ = identifier(); count += 1; skipSpaces() }
            if startsWith(".Type") { i += 5; return .metatype(thick: true) }
            base = .existential(classBound: name == "AnyObject", protocolCount: count)
        } else {
            let name = identifier()
            if name.isEmpty {
                let rest = String(decoding: chars[i...], as: UTF8.self)
                i = chars.count
                return .unknown(rest)
            }
            var args: [TypeExpression] = []
            if peek == UInt8(ascii: "<") {
                i += 1
                while true {
                    args.append(parseType())
                    skipSpaces()
                    if peek == UInt8(ascii: ",") { i += 1; continue }
                    if peek == UInt8(ascii: ">") { i += 1 }
                    break
                }
            }
            if name == "AnyObject" { base = .existential(classBound: true, protocolCount: 0) }
            else if name == "Any" { base = .existential(classBound: false, protocolCount: 0) }
            else { base = .named(name, args) }
            if name.hasSuffix(".Type") || name.hasSuffix(".Protocol") {
                return .metatype(thick: metatypeThick ?? true)
            }
        }
        // Postfix: `?`, `!`, `.Type`.
        while true {
            skipSpaces()
            if peek == UInt8(ascii: "?") || peek == UInt8(ascii: "!") {
                i += 1
                base = .named("Optional", [base])
                continue
            }
            if eat(".Type") || eat(".Protocol") { return .metatype(thick: metatypeThick ?? true) }
            break
        }
        _ = isFunctionAttribute
        return base
    }

    private mutating func skipAngles() {
        var depth = 0
        while let c = peek {
            if c == UInt8(ascii: "<") { depth += 1 }
            if c == UInt8(ascii: ">"), i == 0 || chars[i - 1] != UInt8(ascii: "-") {
                depth -= 1
                if depth == 0 { i += 1; return }
            }
            i += 1
        }
    }

    /// `{ var T, let U }` followed by optional substitutions `<Int>`.
    private mutating func parseBox() -> TypeExpression {
        i += 1
        var fields: [TypeExpression] = []
        while true {
            skipSpaces()
            if peek == UInt8(ascii: "}") { i += 1; break }
            guard peek != nil else { break }
            _ = eat("var ") || eat("let ")
            fields.append(parseType())
            skipSpaces()
            if peek == UInt8(ascii: ",") { i += 1 }
            else if peek != UInt8(ascii: "}") { // unexpected: stop safely
                while let c = peek, c != UInt8(ascii: "}") { i += 1 }
            }
        }
        skipSpaces()
        if peek == UInt8(ascii: "<") {
            // Substitutions for a generic box: `<τ_0_0> { var τ_0_0 } <Int>`.
            i += 1
            var subs: [TypeExpression] = []
            while true {
                subs.append(parseType())
                skipSpaces()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                if peek == UInt8(ascii: ">") { i += 1 }
                break
            }
            fields = fields.map { Self.substituteGenericParams($0, subs) }
        }
        return .box(fields)
    }

    /// Replaces `τ_0_N` with the N-th substitution.
    static func substituteGenericParams(_ t: TypeExpression, _ subs: [TypeExpression]) -> TypeExpression {
        switch t {
        case .named(let n, let args):
            if n.hasPrefix("τ_0_"), let k = Int(n.dropFirst(4)), k < subs.count { return subs[k] }
            return .named(n, args.map { substituteGenericParams($0, subs) })
        case .tuple(let e): return .tuple(e.map { substituteGenericParams($0, subs) })
        case .box(let f): return .box(f.map { substituteGenericParams($0, subs) })
        case .address(let a): return .address(substituteGenericParams(a, subs))
        default: return t
        }
    }

    /// `(a: Int, @guaranteed Foo, @inout Int)`: element types with labels and conventions removed;
    /// `@inout`/`@inout_aliasable` parameters become addresses.
    private mutating func parseTupleElements() -> [TypeExpression] {
        i += 1
        var elements: [TypeExpression] = []
        while true {
            skipSpaces()
            if peek == UInt8(ascii: ")") { i += 1; break }
            guard peek != nil else { break }
            var byAddress = false
            var referenceStorage: String? = nil
            // Parameter conventions and labels.
            while true {
                skipSpaces()
                if peek == UInt8(ascii: "@") {
                    let save = i
                    i += 1
                    let word = identifier()
                    if Self.parameterConventions.contains(word) {
                        if word == "inout" || word == "inout_aliasable" { byAddress = true }
                        if Self.referenceStorageAttributes.contains(word) { referenceStorage = "@" + word }
                        continue
                    }
                    i = save
                    break
                }
                let save = i
                let word = identifier()
                skipSpaces()
                if !word.isEmpty, peek == UInt8(ascii: ":"), !startsWith("::") { i += 1; continue }
                if ["inout", "__owned", "__shared", "consuming", "borrowing", "sending"].contains(word) {
                    if word == "inout" { byAddress = true }
                    continue
                }
                i = save
                break
            }
            var element = parseType()
            if let storage = referenceStorage { element = .named(storage, [element]) }
            elements.append(byAddress ? .address(element) : element)
            skipSpaces()
            if peek == UInt8(ascii: ",") { i += 1; continue }
            if peek == UInt8(ascii: ")") { i += 1; break }
            // Unexpected content (a default argument, a variadic `...`): skip to the closing parenthesis.
            var depth = 0
            while let c = peek {
                if c == UInt8(ascii: "(") { depth += 1 }
                if c == UInt8(ascii: ")") { if depth == 0 { i += 1; break }; depth -= 1 }
                i += 1
            }
            break
        }
        return elements
    }

    /// `@sil_unmanaged T`, `@sil_unowned T`, `@sil_weak T`: a reference held without a strong
    /// count. Kept as `.named("@sil_unmanaged", [T])` so layout sees a pointer that is not a
    /// strong native reference (a closure capturing only one still needs a context object).
    static let referenceStorageAttributes: Set<String> = ["sil_unmanaged", "sil_unowned", "sil_weak"]

    private static let parameterConventions: Set<String> = [
        "owned", "guaranteed", "in", "in_guaranteed", "in_constant", "inout", "inout_aliasable", "unowned",
        "closureCapture", "noImplicitCopy", "sil_isolated", "sil_sending", "sil_implicit_leading_param",
        "out", "error", "pack_guaranteed", "pack_owned", "pack_inout", "in_cxx", "moveOnly",
        "sil_unmanaged", "sil_unowned", "sil_weak", "reborrow", "noDerivative", "lifetime",
    ]
}

extension TypeExpression {
    /// This type with a declaration's generic parameters `params` replaced by the arguments of
    /// a use (`Array<Element>`'s field `Element` in `Array<Int>` is `Int`).
    public func substituting(_ params: [String], with args: [TypeExpression]) -> TypeExpression {
        guard !params.isEmpty else { return self }
        switch self {
        case .named(let n, let a):
            if a.isEmpty, let k = params.firstIndex(of: n), k < args.count { return args[k] }
            return .named(n, a.map { $0.substituting(params, with: args) })
        case .tuple(let e): return .tuple(e.map { $0.substituting(params, with: args) })
        case .address(let x): return .address(x.substituting(params, with: args))
        case .box(let f): return .box(f.map { $0.substituting(params, with: args) })
        default: return self
        }
    }
}
