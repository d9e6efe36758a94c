// Where an allocated object can go, and so how long it can stay live.
//
// ARC frees an object when its last reference goes, so an object that never leaves
// the function dies by the time the function returns; one that escapes lives on.
// Starting from the allocation, the walk follows every value that may carry the
// reference (casts, aggregates, phis, closure captures, loads from memory it was
// stored into) and classifies the object:
//
//   %4 = alloc_ref $Point                 (1) start at %4
//   %8 = end_init_let_ref %4              (2) %8 carries %4
//   store %8 to %47                       (3) %47 is rooted at a global → stored: lives for good
//   return %8                             (4) (if instead) returned: the caller decides
//
// Stores into memory the function owns (a stack slot, another fresh object) add
// that memory to the walk: the object lives as long as its container, and loads
// from the container carry it again. When in doubt (an unknown instruction, a callee
// without a summary) the object escapes: conservative by default.

import SILModel

/// The fate of a value with respect to the function that holds it.
public enum Escape: Int, Comparable, Sendable {
    case none = 0
    case returned = 1
    case stored = 2
    public static func < (a: Escape, b: Escape) -> Bool { a.rawValue < b.rawValue }
}

struct FlowResult {
    var escape: Escape
    /// Values that may carry the reference.
    var values: Set<Int32>
    /// Instructions that use any of those values.
    var users: Set<Int32>
    /// True when the reference went into memory (a container), so its last use is not visible locally.
    var storedInMemory: Bool
    /// With `slotGlobals`: the stores of the reference into one of those globals (not counted
    /// as escapes; GlobalSlots.swift decides how long the object lives there).
    var slotStores: [(store: Int32, global: String)] = []
    /// With `elementHomes` or `fieldHomes`: the stores of the reference into those arrays'
    /// elements or those fields (not counted as escapes; ArrayElementOwners.swift and
    /// HolderFieldOwners.swift decide how long the object lives there).
    var elementStores: [Int32] = []
    /// Parameters (`ValueFlow.returnedParameters`) the reference was stored into the object of.
    var returnedThroughArguments: Set<Int> = []
}

/// What a value the walk follows is: the reference (or its bits, or memory it was stored
/// into), or memory inside the object. What is read from inside the object (a field, an
/// element, a hash seed) is its contents, not the object: the walk does not follow it. Only a
/// reference to the object keeps it, and storing one into the object's own memory makes that
/// memory a container (or escapes the reference, for an object from outside the function).
enum Carrier: Equatable {
    case reference
    case objectMemory

    /// What `opcode` makes from a value of this kind, or nil for the object's contents.
    /// Reading memory the reference was stored into gives the reference back.
    func after(_ opcode: Opcode, fromContainer: Bool) -> Carrier? {
        switch (self, opcode) {
        case (.reference, .refElementAddr), (.reference, .refTailAddr): return .objectMemory
        case (.reference, _): return .reference
        case (.objectMemory, .load): return fromContainer ? .reference : nil
        case (.objectMemory, .structElementAddr), (.objectMemory, .tupleElementAddr), (.objectMemory, .indexAddr),
             (.objectMemory, .beginAccess), (.objectMemory, .uncheckedAddrCast), (.objectMemory, .pointerToAddress),
             (.objectMemory, .addressToPointer), (.objectMemory, .structInst), (.objectMemory, .tupleInst),
             (.objectMemory, .enumInst), (.objectMemory, .structExtract), (.objectMemory, .tupleExtract),
             (.objectMemory, .uncheckedEnumData), (.objectMemory, .destructureStruct), (.objectMemory, .destructureTuple),
             (.objectMemory, .copyValue), (.objectMemory, .moveValue), (.objectMemory, .beginBorrow):
            // An interior pointer moved, wrapped (`UnsafePointer`) or projected further.
            return .objectMemory
        default: return .reference
        }
    }
}

/// What an argument the walk follows is to the callee: the reference (or bits of it), an
/// address into the object (what the callee reads through it is the object's contents), or
/// memory holding the reference (what the callee reads from it may be the reference).
enum ArgumentUse {
    case value
    case memory
    case container
    /// Memory holding the reference's bits (integers): no summary follows those.
    case bitsContainer
}

final class ValueFlow {
    let function: Function
    let module: Module
    /// Instructions using each value.
    private(set) var users: [Int32: [Int32]] = [:]
    /// Block arguments a value is passed to by branches.
    private var phiTargets: [Int32: [Int32]] = [:]
    /// For each block, the instructions branching to it (for terminator-produced arguments).
    private let paramEscape: (Int32, Int?, ArgumentUse) -> Escape
    /// Scalar and class names, parsed function types: shared by every function of the module.
    private let types: TypeSpellings

    /// Stack slots of string webs (StringGrowth.swift): a value stored into one becomes the
    /// web's buffer, counted by the web's resident bytes, so the walk ends there.
    var absorbingSlots: Set<Int32> = []

    /// Parameters (by position among the entry block's arguments) whose object the function
    /// hands back and keeps nowhere: a reference stored into such an object's memory reaches
    /// the caller with the result, so it is returned rather than kept.
    var returnedParameters: Set<Int> = []

    /// Whether releasing the object `value` (an allocation of this function, or a parameter)
    /// may run a deinit that hands on something the object holds (`deinit { retired = child }`):
    /// then what is stored into it does not die with it.
    var releaseMayKeepContents: (_ value: Int32) -> Bool = { _ in false }

    /// `paramEscape(call instruction, argument index, what the argument is)` answers for
    /// callees; a nil index asks about the callee value itself (what the called closure does
    /// with its captures).
    init(function: Function, module: Module, types: TypeSpellings, paramEscape: @escaping (Int32, Int?, ArgumentUse) -> Escape) {
        self.function = function
        self.module = module
        self.types = types
        self.paramEscape = paramEscape
        for (i, inst) in function.instructions.enumerated() {
            for v in function.operands(of: inst) { users[v, default: []].append(Int32(i)) }
            for s in function.successors(of: inst) {
                let args = function.arguments(of: s)
                let blockArgs = function.arguments(of: function.blocks[Int(s.block)])
                for (k, v) in args.enumerated() where k < blockArgs.count {
                    phiTargets[v, default: []].append(blockArgs[blockArgs.startIndex + k])
                    users[v, default: []].append(Int32(i))
                }
            }
        }
    }

    private static let harmless: Set<OtherOpcode> = [
        .strongRetain, .retainValue, .fixLifetime, .isUnique, .endLifetime, .setDeallocating, .endBorrow,
        .unownedRetain, .unownedRelease, .debugStep, .unmanagedRetainValue, .unmanagedReleaseValue,
        .deallocPartialRef, .isEscapingClosure, .strongRetainUnowned, .endCowMutationAddr,
        .deallocExistentialBox, .destroyNotEscapedClosure, .hopToExecutor, .extendLifetime, .ignoredUse,
        .bindMemory, .rebindMemory, .copyUnownedValue, .loadBorrow, .endUnpairedAccess, .beginUnpairedAccess,
        .deinitExistentialAddr, .deinitExistentialValue, .markFunctionEscape, .tupleAddrConstructor,
        .deallocPack, .valueMetatype, .existentialMetatype, .refToUnowned, .unownedToRef,
        .strongCopyUnownedValue,
    ]
    /// Unknown-to-`Opcode` instructions whose results carry their operand.
    private static let forwarding: Set<OtherOpcode> = [
        .uncheckedOwnershipConversion, .uncheckedValueCast, .bridgeObjectToRef, .refToBridgeObject,
        .uncheckedTrivialBitCast, .copyBlock, .copyBlockWithoutEscaping, .unconditionalCheckedCast,
        .uncheckedTakeEnumDataAddr, .initEnumDataAddr, .projectBox, .projectExistentialBox,
        .openExistentialAddr, .openExistentialBox, .openExistentialValue, .initExistentialValue, .tailAddr,
        .indexRawPointer, .loadWeak, .loadUnowned, .strongCopyWeakValue, .openExistentialBoxValue,
        .bridgeObjectToWord, .thickToObjcMetatype, .dropDeinit, .explicitCopyValue,
        .markUnresolvedNonCopyableValue, .moveonlywrapperToCopyable, .copyableToMoveonlywrapper,
        .uncheckedRefCastAddr, .vector, .object, .borrowed, .unmarkedToRef,
    ]

    /// Follows `start` and classifies it. Stores into a global of `slotGlobals` (directly,
    /// through `begin_access`) are collected in `slotStores` instead of escaping.
    ///
    /// `followLoads: false` stops at loads through the value (a field of the object is not
    /// the object): for references whose own stores are checked separately (GlobalSlots).
    ///
    /// `scalarRules`: integers, floating-point values and Bools computed from the reference are
    /// let go (see `scalarTypes`). The walk drops them by itself, starting over without them,
    /// as soon as the reference turns into bits that an integer could carry.
    ///
    /// `startIsBits`: `start` is an integer (or memory of integers) that may be a caller's
    /// reference as bits, so arithmetic on it carries the reference on, as after a bit conversion.
    /// `startsInObject`: `start` is an address or pointer into the object, so what is read
    /// through it is the object's contents.
    /// `followContents`: what is read from the object is followed as well (a parameter's escape
    /// for a caller that passes memory holding its reference).
    /// `elementHomes`: storage values of arrays whose element stores are collected in
    /// `elementStores` instead of escaping; `fieldHomes`: field addresses whose stores are.
    func flow(from start: Int32, slotGlobals: [Int32: String] = [:], followLoads: Bool = true,
              scalarRules: Bool = true, startIsBits: Bool = false, startsInObject: Bool = false,
              followContents: Bool = false, elementHomes: Set<Int32> = [], fieldHomes: Set<Int32> = []) -> FlowResult {
        flow(from: start, slotGlobals: slotGlobals, followLoads: followLoads, scalarRules: scalarRules,
             afterBits: false, arithmeticCarries: startIsBits, startKind: startsInObject ? .objectMemory : .reference,
             followContents: followContents, homes: Homes(elements: elementHomes, fields: fieldHomes))
    }

    /// Where stores of the reference are collected rather than followed (see `flow`).
    private struct Homes {
        var elements: Set<Int32>
        var fields: Set<Int32>
    }

    /// `afterBits`: the walk started over because the reference became bits.
    /// `arithmeticCarries`: the results of builtins on followed values are followed too.
    private func flow(from start: Int32, slotGlobals: [Int32: String], followLoads: Bool, scalarRules: Bool,
                      afterBits: Bool, arithmeticCarries: Bool, startKind: Carrier, followContents: Bool,
                      homes: Homes) -> FlowResult {
        var slotStores: [(store: Int32, global: String)] = []
        var elementStores: [Int32] = []
        var throughArguments: Set<Int> = []
        var escape = Escape.none
        var values: Set<Int32> = [start]
        var users: Set<Int32> = []
        var work: [Int32] = [start]
        var storedInMemory = false
        var becameBits = false
        // A pointer turned into an integer (`UInt(bitPattern:)` of a buffer's base address, of
        // an address parameter): the object it points into can be found again from it, whatever
        // the walk's rules.
        var interiorBits = false
        // Addresses of memory the reference was stored into (a stack slot), and pointers made
        // from them: reading such memory as integers reads the reference's bits.
        var inContainer: Set<Int32> = []
        // What each followed value is (see `Carrier`); a value reached as both is the reference,
        // walked again when it becomes one.
        var carrier: [Int32: Carrier] = [start: startKind]
        func add(_ v: Int32, as kind: Carrier = .reference) {
            if values.insert(v).inserted {
                carrier[v] = kind
                work.append(v)
            } else if kind == .reference && carrier[v] != .reference {
                carrier[v] = .reference
                work.append(v)
            }
        }
        // Memory found to hold the reference after its uses were walked is walked again, so
        // that its loads give the reference.
        func markContainer(_ v: Int32) {
            if inContainer.insert(v).inserted && values.contains(v) { work.append(v) }
        }
        func addResults(_ inst: Instruction, as kind: Carrier = .reference) {
            for r in function.results(of: inst) { add(r, as: kind) }
        }

        while let v = work.popLast(), escape != .stored {
            let kind = carrier[v] ?? .reference
            for target in phiTargets[v] ?? [] { add(target, as: kind) }
            for userIndex in self.users[v] ?? [] {
                users.insert(userIndex)
                let inst = function.instructions[Int(userIndex)]
                let ops = function.operands(of: inst)
                let positions = ops.indices.filter { ops[$0] == v }.map { $0 - ops.startIndex }
                switch inst.opcode {
                case .structInst, .tupleInst, .enumInst, .structExtract, .tupleExtract, .uncheckedEnumData,
                     .uncheckedRefCast, .uncheckedBitwiseCast, .upcast, .uncheckedAddrCast, .refToRawPointer,
                     .rawPointerToRef, .endInitLetRef, .beginCowMutation, .endCowMutation, .beginBorrow,
                     .copyValue, .moveValue, .initExistentialRef, .openExistentialRef, .destructureStruct,
                     .destructureTuple, .convertFunction, .thinToThickFunction, .convertEscapeToNoescape,
                     .refElementAddr, .refTailAddr, .structElementAddr, .tupleElementAddr, .indexAddr,
                     .beginAccess, .pointerToAddress, .addressToPointer, .load, .partialApply:
                    if inst.opcode == .load && !followLoads { break }
                    if scalarRules && inst.opcode == .structExtract && extractsScalar(inst) { break }
                    if scalarRules && inst.opcode == .load && loadsScalar(inst) { break }
                    if inst.opcode == .refToRawPointer && rawPointerOutlivesComparisons(inst) { escape = .stored; break }
                    if becomesBits(inst) { becameBits = true }
                    if inContainer.contains(v) && inst.opcode != .load {
                        if inst.opcode == .pointerToAddress && isPlainBits(String(castTarget(inst).dropFirst())) { becameBits = true }
                        for r in function.results(of: inst) { markContainer(r) }
                    }
                    if let next = kind.after(inst.opcode, fromContainer: followContents || inContainer.contains(v)) { addResults(inst, as: next) }
                case .markDependence:
                    if positions.contains(0) { addResults(inst, as: kind) }
                case .store, .storeBorrow, .copyAddr:
                    // `store %src to %dest` / `copy_addr %src to %dest`: only moving the value itself
                    // moves the reference; it then lives as long as the memory it went into.
                    // Copying out of the object's memory copies its contents.
                    if inst.opcode == .copyAddr && kind == .objectMemory && !inContainer.contains(v) && !followContents { break }
                    if positions.contains(0), ops.count >= 2 {
                        if inst.opcode == .store, let g = slotGlobals[ops[ops.startIndex + 1]] {
                            slotStores.append((userIndex, g))
                            continue
                        }
                        if inst.opcode == .store, case .local(let slot) = root(ofAddress: ops[ops.startIndex + 1]),
                           absorbingSlots.contains(slot) {
                            continue
                        }
                        if inst.opcode == .store, kind == .reference, homes.fields.contains(ops[ops.startIndex + 1]) {
                            elementStores.append(userIndex)
                            continue
                        }
                        if inst.opcode == .store, kind == .reference, !homes.elements.isEmpty,
                           let array = tailObject(ofAddress: ops[ops.startIndex + 1]), homes.elements.contains(array) {
                            elementStores.append(userIndex)
                            continue
                        }
                        storedInMemory = true
                        switch root(ofAddress: ops[ops.startIndex + 1]) {
                        case .local(let container) where kind == .reference && values.contains(container) && !inContainer.contains(container):
                            // The reference stored into an object it can itself be reached from
                            // (`a.link = b; b.link = a`, `p.next = p`): a cycle of strong
                            // references, which no release frees.
                            escape = .stored
                        case .local(let container) where objectKeepsContents(container):
                            escape = .stored
                        case .local(let container):
                            markContainer(container)
                            add(container)
                        case .escaping:
                            // Into an object the caller passed and gets back as the result (an
                            // initializer's `self`): reachable from what the function returns.
                            if kind == .reference, let k = argumentObject(underAddress: ops[ops.startIndex + 1]),
                               returnedParameters.contains(k), let entry = function.blocks.first,
                               !releaseMayKeepContents(function.arguments(of: entry)[function.arguments(of: entry).startIndex + k]) {
                                escape = max(escape, .returned)
                                throughArguments.insert(k)
                            } else {
                                escape = .stored
                            }
                        }
                    }
                case .returnInst:
                    // A scalar returned after the reference became bits may be those bits:
                    // the caller cannot follow them, so the object is kept for good.
                    if afterBits && returnsOnlyScalars { escape = .stored }
                    else if !returnsScalar || !scalarRules { escape = max(escape, .returned) }
                case .throwInst, .throwAddr:
                    escape = max(escape, .returned)
                case .apply, .tryApply, .beginApply:
                    // Position 0 is the callee: a closure hands its captures to its body.
                    for p in positions {
                        // Until the reference becomes bits, an integer argument cannot be it (a
                        // count or an index read next to it in a struct).
                        if scalarRules && p > 0 && argumentIsScalar(inst, p - 1) { continue }
                        var use: ArgumentUse = followContents || inContainer.contains(v) ? .container : (kind == .objectMemory ? .memory : .value)
                        // Memory holding the reference's bits: the callee's summaries take
                        // integers read from memory for data, so it may do anything with them.
                        if use == .container && !scalarRules { use = .bitsContainer }
                        switch paramEscape(userIndex, p == 0 ? nil : p - 1, use) {
                        case .none: break
                        case .returned:
                            addResults(inst, as: kind)
                            if inst.opcode == .tryApply { addTryApplyResult(inst) { add($0, as: kind) } }
                        case .stored: escape = .stored
                        }
                    }
                case .switchEnum, .checkedCastBr, .switchEnumAddr, .checkedCastAddrBr:
                    // The payload arrives as the successor's block argument.
                    for s in function.successors(of: inst) {
                        for a in function.arguments(of: function.blocks[Int(s.block)]) { add(a, as: kind) }
                    }
                case .br, .condBr, .switchValue, .yield, .debugValue, .condFail, .strongRelease, .releaseValue,
                     .destroyValue, .destroyAddr, .deallocRef, .deallocStack, .deallocStackRef, .deallocBox,
                     .beginDeallocRef, .endAccess, .endApply, .abortApply, .classMethod, .superMethod, .objcMethod,
                     .witnessMethod, .unreachable, .unwind, .functionRef, .dynamicFunctionRef, .prevDynamicFunctionRef,
                     .integerLiteral, .globalAddr, .globalValue, .allocGlobal, .allocStack, .allocRef,
                     .allocRefDynamic, .allocBox, .allocExistentialBox, .keypath, .builtin:
                    if inst.opcode == .builtin {
                        // Builtins that merely compute on the reference (comparisons, casts) do not keep it.
                        let name = InstructionText(module: module).builtinName(inst) ?? ""
                        if name.hasPrefix("copyArray") || name.hasPrefix("take") || name == "assign" || name == "initialize" {
                            escape = .stored
                        }
                        // Where integers may be the reference's bits, arithmetic on them (xor, a
                        // tag, a shift, a conversion to Double) carries the bits on; a comparison
                        // gives one bit and carries nothing.
                        if arithmeticCarries && !name.hasPrefix("cmp_") { addResults(inst) }
                        // A pointer made an integer: it may point into the object (an address
                        // parameter, an element's address), which can be found again from it.
                        if name.hasPrefix("ptrtoint") && !arithmeticCarries { interiorBits = true }
                        // Copying bytes out of memory that holds the reference copies the reference.
                        if (name.hasPrefix("int_memmove") || name.hasPrefix("int_memcpy")) && positions.contains(1)
                            && (followContents || inContainer.contains(v)) {
                            escape = .stored
                        }
                    }
                    if inst.opcode == .allocRef || inst.opcode == .allocRefDynamic {
                        // A tail count operand: no reference involved.
                    }
                case .initExistentialAddr, .dynamicMethodBr, .awaitAsyncContinuation:
                    escape = .stored
                case .other:
                    let op = module.otherOpcode(of: inst)
                    if let op, Self.harmless.contains(op) { break }
                    // The reference as an integer: from here on every integer may be its bits.
                    if op == .uncheckedTrivialBitCast || op == .bridgeObjectToWord { becameBits = true }
                    if let op, Self.forwarding.contains(op) {
                        let projects = op == .tailAddr || op == .indexRawPointer
                        addResults(inst, as: projects ? kind : .reference)
                        break
                    }
                    escape = .stored
                }
                if escape == .stored || (becameBits && scalarRules) || interiorBits { break }
            }
            if (becameBits && scalarRules) || interiorBits { break }
        }
        if (becameBits && scalarRules) || interiorBits {
            return flow(from: start, slotGlobals: slotGlobals, followLoads: followLoads, scalarRules: false, afterBits: true,
                        arithmeticCarries: true, startKind: startKind, followContents: followContents, homes: homes)
        }
        return FlowResult(escape: escape, values: values, users: users, storedInMemory: storedInMemory, slotStores: slotStores,
                          elementStores: elementStores, returnedThroughArguments: throughArguments)
    }

    /// Scalar type names the module does not declare a type of its own under (values of them
    /// hold no reference unless the reference became bits, `becomesBits`).
    private var scalarNames: Set<String> { types.scalarNames }

    /// Whether `inst` turns what the walk follows into plain bits: a raw pointer used for more
    /// than comparisons (`===`), a bitwise cast to anything but a reference, an address cast of
    /// memory holding the reference to memory of integers or pointers (`unsafeBitCast` at -Onone).
    private func becomesBits(_ inst: Instruction) -> Bool {
        switch inst.opcode {
        case .refToRawPointer:
            return true
        case .uncheckedBitwiseCast:
            return !isReferenceType(castTarget(inst))
        case .uncheckedAddrCast:
            let target = castTarget(inst)
            return target.hasPrefix("*") && isPlainBits(String(target.dropFirst()))
        default:
            return false
        }
    }

    /// A raw pointer made from the reference and used for more than comparisons (`===`): it
    /// may become an integer by a builtin (`ObjectIdentifier` → `UInt(bitPattern:)`), which
    /// no walk follows, so the object is kept for good.
    private func rawPointerOutlivesComparisons(_ inst: Instruction) -> Bool {
        function.results(of: inst).contains { r in
            (users[r] ?? []).contains { u in
                let user = function.instructions[Int(u)]
                return user.opcode != .builtin || !(InstructionText(module: module).builtinName(user) ?? "").hasPrefix("cmp_")
            }
        }
    }

    /// The type after ` to $` of a cast.
    private func castTarget(_ inst: Instruction) -> String {
        let t = module.text.string(inst.text)
        guard let r = t.range(of: " to $") else { return "" }
        let rest = t[r.upperBound...]
        return String(rest.prefix { $0 != "," && $0 != " " })
    }

    private func isPlainBits(_ type: String) -> Bool {
        scalarNames.contains(type) || type.hasPrefix("Builtin.Int") || type == "Builtin.Word" || type == "Builtin.RawPointer"
            || type.hasPrefix("Unsafe") || type == "OpaquePointer" || type.hasPrefix("Optional<Unsafe") || type.hasPrefix("(")
    }

    /// A class of the module, a stdlib storage class, a builtin reference, or an Optional of one.
    private func isReferenceType(_ type: String) -> Bool {
        var t = Substring(type)
        if t.hasPrefix("Optional<") && t.hasSuffix(">") { t = t.dropFirst(9).dropLast() }
        let base = String(t.prefix { $0 != "<" })
        if ["Builtin.NativeObject", "Builtin.BridgeObject", "Builtin.UnknownObject", "AnyObject"].contains(base) { return true }
        if base.hasPrefix("_") || base.hasPrefix("__") { return base.hasSuffix("Storage") || base.hasSuffix("StorageBase") }
        return classNames.contains(base)
    }

    private var classNames: Set<String> { types.classNames }

    /// `struct_extract %x, #Int._value` and the like: the builtin integer inside a scalar.
    private func extractsScalar(_ inst: Instruction) -> Bool {
        guard let member = module.textAfterLast(", #", in: inst), let dot = member.firstIndex(of: ".") else { return false }
        let owner = String(member[..<dot])
        return scalarNames.contains(owner) && member[member.index(after: dot)...].hasPrefix("_value")
    }

    /// `load %4 : $*UInt8` and the like: an integer read from memory (a byte of a buffer).
    private func loadsScalar(_ inst: Instruction) -> Bool {
        guard let type = module.textAfterLast(" : $*", in: inst) else { return false }
        return scalarNames.contains(String(type.prefix { $0 != "," && $0 != " " }))
    }

    /// Whether a function type's result (after its first top-level `->`, to the end) is a
    /// scalar: `(Int) -> @owned @callee_guaranteed () -> Int` returns a closure, not an Int.
    private func resultIsScalar(_ functionType: String) -> Bool {
        guard let result = topLevelResult(functionType) else { return false }
        return scalarNames.contains(result)
    }

    /// The result type after a function type's first top-level `->`, to the end (without a
    /// trailing `{`).
    private func topLevelResult(_ functionType: String) -> String? {
        var depth = 0
        var previous: Character = " "
        var index = functionType.startIndex
        while index < functionType.endIndex {
            let c = functionType[index]
            if c == "(" || c == "[" || c == "{" || c == "<" { depth += 1 }
            if c == ")" || c == "]" || c == "}" || (c == ">" && previous != "-") { depth -= 1 }
            if c == ">" && previous == "-" && depth == 0 {
                var rest = functionType[functionType.index(after: index)...]
                if let brace = rest.firstIndex(of: "{") { rest = rest[..<brace] }
                return rest.trimmingCharacters(in: .whitespaces)
            }
            previous = c
            index = functionType.index(after: index)
        }
        return nil
    }

    /// Whether this function's result is made of scalars only: `Int`, `(Int, Int)`, `Int?`.
    private lazy var returnsOnlyScalars: Bool = {
        guard let result = topLevelResult(module.text.string(function.type)) else { return false }
        return isScalarComposite(Substring(result))
    }()

    /// Whether what call `inst` returns may hold references in its memory (then what is
    /// reachable from it is charged with it, and the walk from it follows its contents): not a
    /// scalar, a string (its storage holds bytes) or a pointer, buffer or array of scalars.
    func resultMayHoldReferences(_ inst: Instruction) -> Bool {
        guard let calleeType = module.lastFunctionType(of: inst) else { return true }
        let result = types.signature(calleeType).result
        let type = result.hasPrefix("Optional<") && result.hasSuffix(">") ? String(result.dropFirst(9).dropLast()) : result
        if ["String", "Substring", "StaticString"].contains(type) { return false }
        return !isScalarComposite(Substring(result)) && !holdsOnlyScalars(result)
    }

    /// A pointer to, a buffer of or an array of scalars (`UnsafePointer<UInt8>`, `[Int]`, `*Int`):
    /// what is read from its memory is never a reference, only, after a bit conversion, bits.
    func holdsOnlyScalars(_ type: String) -> Bool {
        var t = Substring(type)
        if t.hasPrefix("*") { return isScalarComposite(t.dropFirst()) }
        if t.hasPrefix("Optional<") && t.hasSuffix(">") { t = t.dropFirst(9).dropLast() }
        for wrapper in ["UnsafePointer<", "UnsafeMutablePointer<", "UnsafeBufferPointer<", "UnsafeMutableBufferPointer<",
                        "Array<", "ContiguousArray<"] where t.hasPrefix(wrapper) && t.hasSuffix(">") {
            return isScalarComposite(t.dropFirst(wrapper.count).dropLast())
        }
        return false
    }

    /// `Int`, `(Int, Int)`, `Int?`, and memory holding one (`*UInt`).
    func isScalarComposite(_ type: Substring) -> Bool { types.isScalarComposite(type) }

    /// Whether argument `k` of call `inst` is an integer, floating-point or Bool value, by the
    /// callee type the call is spelled with. The address of one (`inout Int`) is not: it may
    /// point into the object, and a pointer made from it leads back there.
    private func argumentIsScalar(_ inst: Instruction, _ k: Int) -> Bool {
        guard let type = module.lastFunctionType(of: inst) else { return false }
        let signature = types.signature(type)
        guard k < signature.parameterTypes.count, !signature.parameterIsAddress[k] else { return false }
        return isScalarComposite(Substring(signature.parameterTypes[k]))
    }

    /// Whether this function's own result is a scalar (its `return` hands no reference back).
    private lazy var returnsScalar: Bool = resultIsScalar(module.text.string(function.type))

    private func addTryApplyResult(_ inst: Instruction, _ add: (Int32) -> Void) {
        if let normal = function.successors(of: inst).first {
            for a in function.arguments(of: function.blocks[Int(normal.block)]) { add(a) }
        }
    }

    enum Root {
        /// A stack slot or an object created in this function: the reference lives as long as it.
        case local(Int32)
        /// A global, the caller's memory (an address parameter), or memory we cannot identify.
        case escaping
    }

    /// Walks an address back to the memory it points into.
    func root(ofAddress address: Int32) -> Root {
        var current = address
        var steps = 0
        while steps < 256 {
            steps += 1
            guard let index = function.definingInstruction(current) else { return .escaping }
            let inst = function.instructions[Int(index)]
            let ops = function.operands(of: inst)
            switch inst.opcode {
            case .allocStack:
                return .local(current)
            case .refElementAddr, .refTailAddr:
                guard let object = ops.first else { return .escaping }
                return root(ofObject: object)
            case .structElementAddr, .tupleElementAddr, .indexAddr, .beginAccess, .uncheckedAddrCast, .markDependence:
                guard let base = ops.first else { return .escaping }
                current = base
            case .other:
                let op = module.otherOpcode(of: inst)
                if op == .projectBox, let box = ops.first { return root(ofObject: box) }
                if let op, [.initEnumDataAddr, .uncheckedTakeEnumDataAddr, .openExistentialAddr, .tailAddr,
                            .uncheckedRefCastAddr].contains(op), let base = ops.first {
                    current = base
                    continue
                }
                return .escaping
            default:
                return .escaping
            }
        }
        return .escaping
    }

    /// A container made here that is an object (not a stack slot) whose release may run a deinit
    /// handing on its contents.
    private func objectKeepsContents(_ container: Int32) -> Bool {
        guard let i = function.definingInstruction(container),
              [.allocRef, .allocRefDynamic].contains(function.instructions[Int(i)].opcode) else { return false }
        return releaseMayKeepContents(container)
    }

    /// The parameter whose object `address` points into (a field or a tail element of an entry
    /// block argument, through projections, casts and forwarding), if one.
    func argumentObject(underAddress address: Int32) -> Int? {
        addressedObject(address).flatMap { argumentObject(of: $0.object) }
    }

    /// The parameter (by position among the entry block's arguments) `object` is, through
    /// forwarding, if one.
    func argumentObject(of object: Int32) -> Int? {
        var current = object
        for _ in 0..<64 {
            guard let index = function.definingInstruction(current) else {
                guard let entry = function.blocks.first else { return nil }
                return function.arguments(of: entry).firstIndex(of: current).map { $0 - function.arguments(of: entry).startIndex }
            }
            let inst = function.instructions[Int(index)]
            guard inst.opcode.forwardsReference, let base = function.operands(of: inst).first else { return nil }
            current = base
        }
        return nil
    }

    /// The object whose tail elements `address` points into (`ref_tail_addr`, through
    /// projections and casts), if it does.
    func tailObject(ofAddress address: Int32) -> Int32? {
        addressedObject(address).flatMap { $0.inTail ? $0.object : nil }
    }

    /// The object `address` points into (a field, or its tail elements), back through
    /// projections and casts of the address.
    private func addressedObject(_ address: Int32) -> (object: Int32, inTail: Bool)? {
        var current = address
        for _ in 0..<64 {
            guard let index = function.definingInstruction(current) else { return nil }
            let inst = function.instructions[Int(index)]
            guard let base = function.operands(of: inst).first else { return nil }
            switch inst.opcode {
            case .refElementAddr: return (base, false)
            case .refTailAddr: return (base, true)
            case .indexAddr, .structElementAddr, .tupleElementAddr, .beginAccess, .uncheckedAddrCast, .markDependence:
                current = base
            default: return nil
            }
        }
        return nil
    }

    /// An object created in this function, traced back through forwarding instructions.
    func root(ofObject object: Int32) -> Root {
        var current = object
        var steps = 0
        while steps < 256 {
            steps += 1
            guard let index = function.definingInstruction(current) else { return .escaping }
            let inst = function.instructions[Int(index)]
            let ops = function.operands(of: inst)
            switch inst.opcode {
            case .allocRef, .allocRefDynamic, .allocBox, .partialApply, .allocExistentialBox:
                return .local(current)
            case _ where inst.opcode.forwardsReference:
                guard let base = ops.first else { return .escaping }
                current = base
            default:
                return .escaping
            }
        }
        return .escaping
    }
}
