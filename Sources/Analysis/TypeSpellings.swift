// What the analysis reads from type spellings, worked out once per module and shared by
// every function's walkers: which names are scalars here, which are the module's classes,
// and the parsed function types. A call's type is spelled the same at every call of the
// same callee, so each spelling is parsed once.

import Foundation
import SILModel

final class TypeSpellings {
    let module: Module

    init(module: Module) {
        self.module = module
    }

    // Values of integer, floating-point and boolean types hold no reference unless the reference
    // became bits, and then the walk starts over without these rules: what is computed from the
    // object in them (a count, a length, a status) does not keep it alive.
    static let scalarTypes: Set<String> = ["Int", "UInt", "Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16",
                                           "UInt32", "UInt64", "Bool", "Float", "Double", "()"]

    /// Scalar type names the module does not declare a type of its own under.
    private(set) lazy var scalarNames: Set<String> = {
        let declared = Set(module.typeDeclarations.map { $0.name.split(separator: ".").last.map(String.init) ?? $0.name })
        return Self.scalarTypes.subtracting(declared)
    }()

    /// The module's classes, by their last name component.
    private(set) lazy var classNames: Set<String> = Set(module.typeDeclarations.filter { $0.kind == .class }.map {
        $0.name.split(separator: ".").last.map(String.init) ?? $0.name
    })

    private var signatures: [String: FunctionSignature] = [:]
    private var scalarComposites: [Substring: Bool] = [:]

    /// The parsed function type `type`.
    func signature(_ type: String) -> FunctionSignature {
        if let known = signatures[type] { return known }
        let parsed = FunctionSignature(type)
        signatures[type] = parsed
        return parsed
    }

    /// `Int`, `(Int, Int)`, `Int?`, and memory holding one (`*UInt`).
    func isScalarComposite(_ type: Substring) -> Bool {
        if let known = scalarComposites[type] { return known }
        let answer = computeScalarComposite(type)
        scalarComposites[type] = answer
        return answer
    }

    private func computeScalarComposite(_ type: Substring) -> Bool {
        var t = type.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("*") { t.removeFirst() }
        if scalarNames.contains(t) || t.hasPrefix("Builtin.Int") || t == "Builtin.Word" { return true }
        if t.hasPrefix("Optional<") && t.hasSuffix(">") { return isScalarComposite(t.dropFirst(9).dropLast()) }
        guard t.hasPrefix("(") && t.hasSuffix(")") else { return false }
        var depth = 0, part = "", parts: [String] = []
        for c in t.dropFirst().dropLast() {
            if c == "(" || c == "<" { depth += 1 }
            if c == ")" || c == ">" { depth -= 1 }
            if c == "," && depth == 0 { parts.append(part); part = ""; continue }
            part.append(c)
        }
        parts.append(part)
        // a labelled element `x: Int` is its type after the colon
        return parts.allSatisfy { p in isScalarComposite(Substring(p.split(separator: ":").last ?? Substring(p))) }
    }
}
