// Reading the details of an instruction from its text, on demand: callee names,
// method keys, types, bracketed attributes, builtin names and integer literals.
// The parser keeps only the byte range; these helpers decode the few instructions
// the analysis looks at.

import Foundation
import SILModel

struct InstructionText {
    let module: Module

    func text(_ inst: Instruction) -> String { module.text.string(inst.text) }

    /// Text after the opcode.
    func rest(_ inst: Instruction) -> Substring {
        let t = text(inst)
        let opLength = inst.opcodeText.count
        return t.dropFirst(opLength).drop(while: { $0 == " " })
    }

    /// `function_ref @name : $T` → name.
    func referencedFunction(_ inst: Instruction) -> String? {
        let r = rest(inst)
        guard r.first == "@" else { return nil }
        return String(r.dropFirst().prefix(while: { $0 != " " }))
    }

    /// `class_method %0, #Base.f : …` → `#Base.f`.
    func methodKey(_ inst: Instruction) -> String? {
        let r = rest(inst)
        guard let hash = r.firstIndex(of: "#") else { return nil }
        let key = r[hash...].prefix(while: { $0 != " " && $0 != ":" && $0 != "," })
        return String(key)
    }

    /// `witness_method $T, #P.m : …` → `T` (without `$`).
    func witnessLookupType(_ inst: Instruction) -> String? {
        let r = rest(inst)
        guard r.first == "$" else { return nil }
        guard let hashRange = r.range(of: ", #") else { return nil }
        return String(r[r.index(after: r.startIndex)..<hashRange.lowerBound])
    }

    /// `builtin "name"(…)` → name.
    func builtinName(_ inst: Instruction) -> String? {
        let r = rest(inst)
        guard r.first == "\"" else { return nil }
        return String(r.dropFirst().prefix(while: { $0 != "\"" }))
    }

    /// `integer_literal $Builtin.Int64, 10` → 10.
    func integerLiteral(_ inst: Instruction) -> Int? {
        let r = rest(inst)
        guard let comma = r.lastIndex(of: ",") else { return nil }
        return Int(r[r.index(after: comma)...].trimmingCharacters())
    }

    /// Bracketed attribute words at the start, e.g. `[stack]`, `[tail_elems $Int * %5]`, `[on_stack]`.
    func leadingAttributes(_ inst: Instruction) -> (attributes: [String], remainder: Substring) {
        var r = rest(inst)
        var attributes: [String] = []
        while r.first == "[" {
            var depth = 0
            var end = r.startIndex
            for i in r.indices {
                if r[i] == "[" { depth += 1 }
                if r[i] == "]" { depth -= 1; if depth == 0 { end = i; break } }
            }
            attributes.append(String(r[r.index(after: r.startIndex)..<end]))
            r = r[r.index(after: end)...].drop(while: { $0 == " " })
        }
        return (attributes, r)
    }

    /// The type after ` : $` at the end of calls and partial applies.
    func trailingFunctionType(_ inst: Instruction) -> String? {
        let t = text(inst)
        guard let r = t.range(of: " : $", options: []) else { return nil }
        return String(t[r.upperBound...])
    }

    /// The first `$Type` up to a top-level comma (alloc_box, alloc_stack, alloc_ref's class).
    func firstType(_ s: Substring) -> String? {
        guard let dollar = s.firstIndex(of: "$") else { return nil }
        var depth = 0
        var end = s.endIndex
        var i = s.index(after: dollar)
        while i < s.endIndex {
            let c = s[i]
            if c == "(" || c == "[" || c == "{" || c == "<" { depth += 1 }
            if c == ")" || c == "]" || c == "}" { depth -= 1 }
            if c == ">" && s[s.index(before: i)] != "-" { depth -= 1 }
            if c == "," && depth <= 0 { end = i; break }
            i = s.index(after: i)
        }
        return String(s[s.index(after: dollar)..<end]).trimmingCharacters()
    }
}

extension StringProtocol {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
