// Integer values that are known at compile time: literals, wrapped in `struct $Int`
// and passed through width conversions. Used for tail-allocation counts, raw
// allocation sizes and marker arguments.
//
//   %2 = integer_literal $Builtin.Int64, 65
//   %3 = struct $Int (%2)
//   %5 = apply %4(%3)          ← constant(%3) == 65

import SILModel

struct ConstantEvaluator {
    let text: InstructionText
    /// Constant values of the function's parameters at the call site being analysed
    /// (context-sensitive summaries), keyed by the entry block's argument values.
    var bindings: [Int32: Int] = [:]

    func constant(_ value: Int32, in function: Function, depth: Int = 0) -> Int? {
        if let bound = bindings[value] { return bound }
        guard depth < 32, let index = function.definingInstruction(value) else { return nil }
        let inst = function.instructions[Int(index)]
        let ops = function.operands(of: inst)
        switch inst.opcode {
        case .integerLiteral:
            return text.integerLiteral(inst)
        case .structInst, .structExtract, .uncheckedBitwiseCast:
            guard ops.count == 1 else { return nil }
            return constant(ops[ops.startIndex], in: function, depth: depth + 1)
        case .builtin:
            guard let name = text.builtinName(inst) else { return nil }
            if name.hasPrefix("truncOrBitCast") || name.hasPrefix("zextOrBitCast") || name.hasPrefix("sextOrBitCast")
                || name.hasPrefix("zext_") || name.hasPrefix("sext_") || name.hasPrefix("trunc_") || name.hasPrefix("assumeNonNegative") {
                guard let first = ops.first, let c = constant(first, in: function, depth: depth + 1) else { return nil }
                // A narrow constant's bits read differently signed and unsigned (UInt8 250 is
                // Int8 -6): only one both readings agree on converts unchanged.
                let parts = name.split(separator: "_")
                if parts.count == 3, !(IntegerWidth(parts[1]).holdsUnambiguously(.exactly(c)) && IntegerWidth(parts[2]).holdsUnambiguously(.exactly(c))) {
                    return nil
                }
                return c
            }
            // Arithmetic below 64 bits wraps within its width: left to the compiler's folding.
            if let width = name.split(separator: "_").last, !IntegerWidth(width).isFull { return nil }
            if ops.count >= 2, let a = constant(ops[ops.startIndex], in: function, depth: depth + 1),
               let b = constant(ops[ops.startIndex + 1], in: function, depth: depth + 1) {
                if name.hasPrefix("add_") || name.hasPrefix("sadd_") || name.hasPrefix("uadd_") { return a &+ b }
                if name.hasPrefix("mul_") || name.hasPrefix("smul_") || name.hasPrefix("umul_") { return a &* b }
                if name.hasPrefix("sub_") || name.hasPrefix("ssub_") || name.hasPrefix("usub_") { return a &- b }
            }
            return nil
        case .tupleExtract:
            // `tuple_extract (builtin "sadd_with_overflow"(a, b, _)), 0`
            guard let first = ops.first, text.rest(inst).hasSuffix(", 0") else { return nil }
            return constant(first, in: function, depth: depth + 1)
        default:
            return nil
        }
    }
}
