// SIL opcodes the analysis distinguishes.
//
// Every instruction line is kept, whatever its opcode: an opcode that is not in
// this list becomes `.other` and keeps its spelling in the instruction's text, so a
// newer compiler's instruction is never a parse failure (SILFacts §16, pitfall 1).

public enum Opcode: UInt8, Sendable, CaseIterable {
    case other
    // Allocation (SILFacts §3).
    case allocRef, allocRefDynamic, allocBox, allocExistentialBox, allocStack
    case allocGlobal, partialApply, keypath, initExistentialAddr
    // Calls and callees.
    case apply, tryApply, beginApply, endApply, abortApply
    case functionRef, dynamicFunctionRef, prevDynamicFunctionRef
    case classMethod, superMethod, objcMethod, witnessMethod
    case thinToThickFunction, convertFunction, convertEscapeToNoescape
    case builtin
    // Values that carry references along (escape and loop analysis follow them).
    case integerLiteral, structInst, tupleInst, enumInst, structExtract, tupleExtract
    case uncheckedEnumData, uncheckedRefCast, uncheckedBitwiseCast, upcast
    case uncheckedAddrCast, refToRawPointer, rawPointerToRef, endInitLetRef
    case beginCowMutation, endCowMutation, beginBorrow, copyValue, moveValue
    case markDependence, initExistentialRef, openExistentialRef
    case destructureStruct, destructureTuple
    // Memory.
    case store, load, storeBorrow, copyAddr, globalAddr, globalValue
    case refElementAddr, refTailAddr, structElementAddr, tupleElementAddr
    case indexAddr, beginAccess, endAccess, pointerToAddress, addressToPointer
    // Releases and deallocation.
    case strongRelease, releaseValue, destroyValue, destroyAddr, deallocRef
    case deallocStack, deallocStackRef, deallocBox, beginDeallocRef
    // Terminators.
    case br, condBr, switchEnum, switchEnumAddr, switchValue, checkedCastBr
    case checkedCastAddrBr, returnInst, throwInst, throwAddr, unreachable
    case yield, unwind, dynamicMethodBr, awaitAsyncContinuation
    // Debug.
    case debugValue, condFail

    /// The spelling the compiler prints.
    public var spelling: String {
        switch self {
        case .other: return "<other>"
        case .allocRef: return "alloc_ref"
        case .allocRefDynamic: return "alloc_ref_dynamic"
        case .allocBox: return "alloc_box"
        case .allocExistentialBox: return "alloc_existential_box"
        case .allocStack: return "alloc_stack"
        case .allocGlobal: return "alloc_global"
        case .partialApply: return "partial_apply"
        case .keypath: return "keypath"
        case .initExistentialAddr: return "init_existential_addr"
        case .apply: return "apply"
        case .tryApply: return "try_apply"
        case .beginApply: return "begin_apply"
        case .endApply: return "end_apply"
        case .abortApply: return "abort_apply"
        case .functionRef: return "function_ref"
        case .dynamicFunctionRef: return "dynamic_function_ref"
        case .prevDynamicFunctionRef: return "prev_dynamic_function_ref"
        case .classMethod: return "class_method"
        case .superMethod: return "super_method"
        case .objcMethod: return "objc_method"
        case .witnessMethod: return "witness_method"
        case .thinToThickFunction: return "thin_to_thick_function"
        case .convertFunction: return "convert_function"
        case .convertEscapeToNoescape: return "convert_escape_to_noescape"
        case .builtin: return "builtin"
        case .integerLiteral: return "integer_literal"
        case .structInst: return "struct"
        case .tupleInst: return "tuple"
        case .enumInst: return "enum"
        case .structExtract: return "struct_extract"
        case .tupleExtract: return "tuple_extract"
        case .uncheckedEnumData: return "unchecked_enum_data"
        case .uncheckedRefCast: return "unchecked_ref_cast"
        case .uncheckedBitwiseCast: return "unchecked_bitwise_cast"
        case .upcast: return "upcast"
        case .uncheckedAddrCast: return "unchecked_addr_cast"
        case .refToRawPointer: return "ref_to_raw_pointer"
        case .rawPointerToRef: return "raw_pointer_to_ref"
        case .endInitLetRef: return "end_init_let_ref"
        case .beginCowMutation: return "begin_cow_mutation"
        case .endCowMutation: return "end_cow_mutation"
        case .beginBorrow: return "begin_borrow"
        case .copyValue: return "copy_value"
        case .moveValue: return "move_value"
        case .markDependence: return "mark_dependence"
        case .initExistentialRef: return "init_existential_ref"
        case .openExistentialRef: return "open_existential_ref"
        case .destructureStruct: return "destructure_struct"
        case .destructureTuple: return "destructure_tuple"
        case .store: return "store"
        case .load: return "load"
        case .storeBorrow: return "store_borrow"
        case .copyAddr: return "copy_addr"
        case .globalAddr: return "global_addr"
        case .globalValue: return "global_value"
        case .refElementAddr: return "ref_element_addr"
        case .refTailAddr: return "ref_tail_addr"
        case .structElementAddr: return "struct_element_addr"
        case .tupleElementAddr: return "tuple_element_addr"
        case .indexAddr: return "index_addr"
        case .beginAccess: return "begin_access"
        case .endAccess: return "end_access"
        case .pointerToAddress: return "pointer_to_address"
        case .addressToPointer: return "address_to_pointer"
        case .strongRelease: return "strong_release"
        case .releaseValue: return "release_value"
        case .destroyValue: return "destroy_value"
        case .destroyAddr: return "destroy_addr"
        case .deallocRef: return "dealloc_ref"
        case .deallocStack: return "dealloc_stack"
        case .deallocStackRef: return "dealloc_stack_ref"
        case .deallocBox: return "dealloc_box"
        case .beginDeallocRef: return "begin_dealloc_ref"
        case .br: return "br"
        case .condBr: return "cond_br"
        case .switchEnum: return "switch_enum"
        case .switchEnumAddr: return "switch_enum_addr"
        case .switchValue: return "switch_value"
        case .checkedCastBr: return "checked_cast_br"
        case .checkedCastAddrBr: return "checked_cast_addr_br"
        case .returnInst: return "return"
        case .throwInst: return "throw"
        case .throwAddr: return "throw_addr"
        case .unreachable: return "unreachable"
        case .yield: return "yield"
        case .unwind: return "unwind"
        case .dynamicMethodBr: return "dynamic_method_br"
        case .awaitAsyncContinuation: return "await_async_continuation"
        case .debugValue: return "debug_value"
        case .condFail: return "cond_fail"
        }
    }

    /// True for instructions that end a basic block.
    public var isTerminator: Bool {
        switch self {
        case .br, .condBr, .switchEnum, .switchEnumAddr, .switchValue, .checkedCastBr,
             .checkedCastAddrBr, .returnInst, .throwInst, .throwAddr, .unreachable,
             .yield, .unwind, .dynamicMethodBr, .awaitAsyncContinuation, .tryApply:
            return true
        default:
            return false
        }
    }

    /// Calls of any form.
    public var isCall: Bool { self == .apply || self == .tryApply || self == .beginApply }
}
