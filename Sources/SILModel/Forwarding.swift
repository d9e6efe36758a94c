// Which instructions hand on the object their first operand refers to: one definition for
// every walk of the analysis (escape, retain balance, collection storage, stored places).
//
//   %5 = upcast %4 : $Derived to $Base                  the same object, another static type
//   %6 = end_init_let_ref %5 : $Base                    the same object, now initialized
//   (%7, %8) = begin_cow_mutation %6 : $Storage         %8 is the same buffer
//   %9 = struct $_ArrayBuffer (%8 : $Storage)           a struct around it holds the same buffer
//
// `mark_dependence %value on %base` hands on its value, never its base; a walk that follows
// uses checks which operand it came from.

extension Opcode {
    /// The result is the object of the first operand itself: retyped, with its ownership or
    /// lifetime changed, or through a copy-on-write bracket.
    public var forwardsReference: Bool {
        switch self {
        case .upcast, .uncheckedRefCast, .endInitLetRef, .beginBorrow, .copyValue, .moveValue,
             .markDependence, .beginCowMutation, .endCowMutation, .initExistentialRef, .openExistentialRef:
            return true
        default:
            return false
        }
    }
}

extension Function {
    /// Whether `inst`'s result holds the storage its first operand holds: a forwarded reference
    /// (`Opcode.forwardsReference`), a struct of one field made around it, or a field taken out
    /// of a struct (`Array` → `_ArrayBuffer` → the storage object).
    public func forwardsStorage(_ inst: Instruction) -> Bool {
        switch inst.opcode {
        case .structExtract:
            return true
        case .structInst:
            return inst.operands.count == 1
        default:
            return inst.opcode.forwardsReference
        }
    }
}
