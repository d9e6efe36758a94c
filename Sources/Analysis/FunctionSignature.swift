// A SIL function type spelled the way a Swift user reads it, for naming overloads:
//
//   @convention(thin) (@guaranteed String, UInt8) -> @owned Optional<Int>
//     parameters           "(String, UInt8)"
//     parametersAndResult  "(String, UInt8) -> Optional<Int>"
//
// Conventions (`@guaranteed`, `@owned`, `@inout`, …) and the function's own attributes are
// dropped from the names; the types are printed as SIL prints them. Which parameters are
// addresses and which values are passed `@owned` is kept apart (RetainBalance.swift).

struct FunctionSignature {
    let parameters: String
    let result: String
    /// Each parameter's type, without its convention.
    let parameterTypes: [String]
    /// Whether each parameter is passed indirectly, as an address (`@inout`, `@in_guaranteed`, …).
    let parameterIsAddress: [Bool]
    /// Whether each parameter is passed `@owned`: the callee takes over one reference count.
    let parameterIsOwned: [Bool]
    /// Whether the result is returned `@owned`: the caller receives one reference count.
    let resultIsOwned: Bool

    var parametersAndResult: String { "\(parameters) -> \(result)" }

    init(_ type: String) {
        var t = Substring(type)
        // Leading attributes and a generic signature: `@convention(thin) <T where …> (…)`.
        while true {
            t = t.drop(while: { $0 == " " || $0 == "$" })
            if t.hasPrefix("@") {
                t = t.dropFirst().drop(while: { $0.isLetter || $0.isNumber || $0 == "_" })
                if t.hasPrefix("(") { t = t.dropFirst(Self.groupLength(t)) }
                continue
            }
            if t.hasPrefix("<") { t = t.dropFirst(Self.groupLength(t)); continue }
            break
        }
        let length = t.hasPrefix("(") ? Self.groupLength(t) : 0
        let inner = t.prefix(length).dropFirst().dropLast()
        let pieces = Self.splitTopLevel(inner)
        parameterTypes = pieces.map(Self.withoutConventions)
        parameterIsAddress = pieces.map { $0.drop(while: { $0 == " " }).hasPrefix("@in") }
        parameterIsOwned = pieces.map { $0.drop(while: { $0 == " " }).hasPrefix("@owned") }
        parameters = "(" + parameterTypes.joined(separator: ", ") + ")"
        var rest = t.dropFirst(length).drop(while: { $0 == " " })
        if rest.hasPrefix("->") { rest = rest.dropFirst(2) }
        resultIsOwned = rest.drop(while: { $0 == " " }).hasPrefix("@owned")
        result = Self.withoutConventions(rest)
    }

    /// Length of the bracketed group at the start of `s`, brackets included.
    private static func groupLength(_ s: Substring) -> Int {
        var depth = 0
        var n = 0
        for c in s {
            n += 1
            if c == "(" || c == "<" || c == "[" || c == "{" { depth += 1 }
            if c == ")" || c == ">" || c == "]" || c == "}" {
                depth -= 1
                if depth == 0 { return n }
            }
        }
        return n
    }

    private static func splitTopLevel(_ s: Substring) -> [Substring] {
        var parts: [Substring] = []
        var depth = 0
        var start = s.startIndex
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == "(" || c == "<" || c == "[" || c == "{" { depth += 1 }
            if c == ")" || c == "]" || c == "}" || (c == ">" && (i == s.startIndex || s[s.index(before: i)] != "-")) { depth -= 1 }
            if c == "," && depth == 0 { parts.append(s[start..<i]); start = s.index(after: i) }
            i = s.index(after: i)
        }
        if !s[start...].allSatisfy({ $0 == " " }) { parts.append(s[start...]) }
        return parts
    }

    private static func withoutConventions(_ s: Substring) -> String {
        var t = s.drop(while: { $0 == " " })
        while t.hasPrefix("@") {
            t = t.dropFirst().drop(while: { $0.isLetter || $0.isNumber || $0 == "_" })
            t = t.drop(while: { $0 == " " })
        }
        while t.last == " " { t = t.dropLast() }
        return String(t)
    }
}
