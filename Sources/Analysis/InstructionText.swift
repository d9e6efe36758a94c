// The analysis's view of an instruction's fields. The fields are decoded from bytes in the
// SIL layer (SILModel/InstructionFields.swift); what is left here reads a type spelling.

import Foundation
import SILModel

struct InstructionText {
    let module: Module

    func text(_ inst: Instruction) -> String { module.text.string(inst.text) }

    /// Text after the opcode.
    func rest(_ inst: Instruction) -> Substring { Substring(module.text.string(module.operandRange(of: inst))) }

    /// `function_ref @name : $T` → name.
    func referencedFunction(_ inst: Instruction) -> String? { module.referencedFunction(of: inst) }

    /// `class_method %0, #Base.f : …` → `#Base.f`.
    func methodKey(_ inst: Instruction) -> String? { module.methodKey(of: inst) }

    /// `witness_method $T, #P.m : …` → `T` (without `$`).
    func witnessLookupType(_ inst: Instruction) -> String? { module.witnessLookupType(of: inst) }

    /// `builtin "name"(…)` → name.
    func builtinName(_ inst: Instruction) -> String? { module.builtinName(of: inst) }

    /// `integer_literal $Builtin.Int64, 10` → 10.
    func integerLiteral(_ inst: Instruction) -> Int? { module.integerLiteral(of: inst) }

    /// Bracketed attribute words at the start, e.g. `[stack]`, `[tail_elems $Int * %5]`, `[on_stack]`.
    func leadingAttributes(_ inst: Instruction) -> (attributes: [String], remainder: Substring) {
        let (attributes, remainder) = module.leadingAttributes(of: inst)
        return (attributes, Substring(module.text.string(remainder)))
    }

    /// The type after ` : $` at the end of calls and partial applies.
    func trailingFunctionType(_ inst: Instruction) -> String? { module.trailingFunctionType(of: inst) }

    /// The first `$Type` up to a top-level comma (alloc_box, alloc_stack, alloc_ref's class).
    func firstType(_ s: Substring) -> String? { Module.firstType(in: ArraySlice(s.utf8)) }
}

extension StringProtocol {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
