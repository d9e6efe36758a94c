// Operands of the wrong kind are located errors. The printer never writes them, but a hand-
// edited or damaged file can, and the analysis trusts the kinds: an `apply` whose callee is a
// field address, or a `store` into an integer, has no meaning it could give a bound for.
//
//   %8 = ref_element_addr %4, #Mixed.a
//   %9 = apply %8(%0)                      error: the callee %8 is an address (ref_element_addr)
//   store %7 to %6                         error: %6 is not an address (builtin)
//
// Only what an instruction's opcode settles is checked: a block argument's kind comes from its
// type, which is not read here, so a value defined by a block argument always passes.

import SILModel

extension FunctionParser {
    /// Opcodes whose result is an address.
    private static let addressResults: Set<Opcode> = [
        .allocStack, .refElementAddr, .refTailAddr, .structElementAddr, .tupleElementAddr, .indexAddr,
        .beginAccess, .pointerToAddress, .globalAddr, .initExistentialAddr, .uncheckedAddrCast,
    ]
    /// Opcodes whose result is an object, never an address.
    private static let objectResults: Set<Opcode> = [
        .integerLiteral, .structInst, .tupleInst, .enumInst, .functionRef, .dynamicFunctionRef,
        .allocRef, .allocRefDynamic, .allocBox, .allocExistentialBox, .partialApply, .thinToThickFunction,
        .builtin, .load, .addressToPointer, .refToRawPointer, .rawPointerToRef, .classMethod, .witnessMethod,
    ]
    /// Opcodes whose result is never a function value.
    private static let nonFunctionResults: Set<Opcode> = addressResults.union([
        .integerLiteral, .structInst, .tupleInst, .enumInst, .allocRef, .allocRefDynamic, .allocBox,
        .allocExistentialBox, .refToRawPointer, .addressToPointer,
    ])

    /// Checks the kinds of the operands that calls and memory instructions require.
    func checkOperandKinds() throws {
        for inst in function.instructions {
            let ops = function.operands(of: inst)
            switch inst.opcode {
            case .apply, .tryApply, .beginApply, .partialApply:
                try require(ops.first, of: inst, notIn: Self.nonFunctionResults) { "the callee \($0) is not a function value" }
            case .store, .storeBorrow:
                try require(ops.dropFirst().first, of: inst, notIn: Self.objectResults) { "the destination \($0) is not an address" }
            case .load:
                try require(ops.first, of: inst, notIn: Self.objectResults) { "the source \($0) is not an address" }
            case .copyAddr:
                try require(ops.first, of: inst, notIn: Self.objectResults) { "the source \($0) is not an address" }
                try require(ops.dropFirst().first, of: inst, notIn: Self.objectResults) { "the destination \($0) is not an address" }
            case .refElementAddr, .refTailAddr:
                try require(ops.first, of: inst, notIn: Self.addressResults) { "the object \($0) is an address, not a reference" }
            default:
                break
            }
        }
    }

    /// Throws at `inst` when `value` is defined by an instruction whose opcode is in `wrong`;
    /// `message` is given the value's name and its defining opcode.
    private func require(_ value: Int32?, of inst: Instruction, notIn wrong: Set<Opcode>, _ message: (String) -> String) throws {
        guard let value, let d = function.definingInstruction(value) else { return }
        let definer = function.instructions[Int(d)].opcode
        guard wrong.contains(definer) else { return }
        let name = "%" + (function.namedValues[value] ?? String(value)) + " (\(definer.spelling))"
        throw error(Int(inst.silLine) - 1, Int(inst.text.start),
                    "'\(inst.opcode.spelling)': " + message(name))
    }
}
