// Reads of the count of the stdlib's empty array singleton, which is 0 and never changes.

import SILModel

extension Function {
    /// A load of the count of the stdlib's empty array singleton (`_swiftEmptyArrayStorage`,
    /// immutable, count 0): what an empty literal's count reads, as in the one-time
    /// initializer of a global `[:]`, which builds the dictionary from the literal's elements.
    func readsEmptyArrayCount(_ address: Int32?, text: InstructionText) -> Bool {
        var a = address
        var sawCount = false
        for _ in 0..<12 {
            guard let v = a, let i = definingInstruction(v) else { return false }
            let inst = instructions[Int(i)]
            switch inst.opcode {
            case .structElementAddr:
                if text.module.field(of: inst) == "_SwiftArrayBodyStorage.count" { sawCount = true }
            case .refElementAddr:
                guard sawCount, text.module.field(of: inst) == "__ContiguousArrayStorageBase.countAndCapacity" else { return false }
            case .upcast, .rawPointerToRef, .addressToPointer:
                break
            case .globalAddr:
                return sawCount && (text.referencedFunction(inst)?.contains("swiftEmptyArrayStorage") ?? false)
            default:
                return false
            }
            a = operands(of: inst).first
        }
        return false
    }
}
