// The same questions for a dictionary or set kept in a counted place: which calls add to it,
// which take away, where its count is read, and that nothing else changes it.
//
//   %6  = global_addr @…mailboxes… : $*Dictionary<Int, Mailbox>
//   %7  = begin_access [read] [dynamic] %6
//   %11 = load (struct_element_addr #_BridgeStorage.rawValue of #Dictionary._Variant.object
//              of #Dictionary._variant of %7)                                    the table
//   %14 = load (struct_element_addr #Int._value of (ref_element_addr %11, #__RawDictionaryStorage._count))
//   %45 = builtin "cmp_slt_Int64"(%14, 8) ; cond_br %45, bb6, bb7                a guard
//   bb6: %66 = struct_element_addr (begin_access [modify] %6), #Dictionary._variant
//        apply @Dictionary._Variant.setValue(_:forKey:)(%value, %key, %66)         adds one
//
// Unlike an array's buffer, a table can be changed in place by a stdlib function handed the
// table itself (`_NativeDictionary._insert(at:key:value:)` after an inlined uniqueness check
// adds an element to the object it is given). So a table loaded from the place may only be
// read: by loads of its fields, and by the stdlib's lookups, which read and never write. A
// store into its count, or any other call given it, means no bound.

import SILModel

extension FunctionChanges {
    /// The stored properties between a dictionary or set and its table object.
    static let hashedWrapperFields: Set<String> = [
        "Dictionary._variant", "Dictionary._Variant.object", "Set._variant", "Set._Variant.object", "_BridgeStorage.rawValue",
    ]

    /// The table's count fields.
    static let hashedCountFields: Set<String> = ["__RawDictionaryStorage._count", "__RawSetStorage._count"]

    /// Stdlib functions that only read the table they are handed (demangled, specialised or not):
    /// the lookups behind `d[k]`, `contains`, `firstIndex`, and the algorithms of `Sequence`.
    static let hashedTableReaders = [
        "__RawDictionaryStorage.find", "__RawSetStorage.find", "_NativeDictionary.find", "_NativeSet.find",
        "_NativeDictionary.lookup", "_NativeSet.contains", "_NativeDictionary.subscript.getter", "Set.contains(",
        "Dictionary.subscript.getter", "Dictionary.index(forKey:)", "Set.firstIndex(of:)",
        // The non-mutating algorithms of every sequence: they iterate and build a new value. A
        // closure they run that changes the global addresses it itself, so it is one of the
        // functions whose changes are checked.
        "Sequence.sorted", "Sequence.map", "Collection.map", "Sequence.filter", "Sequence.reduce",
        "Sequence.contains", "Sequence.first(where:)", "Sequence.max", "Sequence.min", "Sequence.forEach",
    ]

    /// Removals handed the place's address: each takes at most one element away.
    static let hashedRemovals = [
        "Dictionary._Variant.removeValue(forKey:)", "Dictionary.removeValue(forKey:)",
        "Set._Variant.remove(_:)", "Set.remove(_:)",
    ]

    /// A call handed the address of the dictionary or set: an insertion adds at most one
    /// element, a removal takes one away; anything else is not understood.
    mutating func classifyHashedCall(_ call: Int32, callee: Function, passing address: Int32, stdlib: StdlibCallIndex) throws {
        let demangled = callee.demangledName ?? callee.swiftName
        if let known = stdlib.entry(callee.name).hashedCall, known.role == .insert {
            growths.append(Growth(site: call, adds: 1, object: objectOfAddress[address]))
            return
        }
        if Self.hashedRemovals.contains(where: { demangled.containsBytes($0) }) {
            harmlessCalls.insert(call)
            removals[call] = (.unknown, objectOfAddress[address])
            return
        }
        throw Refusal(why: "it is handed to \(callee.swiftName), which maxlive does not know to change it in place by at most one element\(place(call))")
    }

    /// The count reads of the tables loaded from the place, after checking that every use of
    /// those tables only reads them.
    mutating func followHashedBuffers(stdlib: StdlibCallIndex) throws {
        buffers = closure(from: buffers, excluding: [], stdlib: stdlib)
        for v in buffers.sorted() {
            for u in users[v] ?? [] {
                let inst = function.instructions[Int(u)]
                switch inst.opcode {
                case _ where function.forwardsStorage(inst), .br, .condBr, .debugValue, .strongRelease, .releaseValue:
                    continue
                case .refElementAddr:
                    let field = text.module.field(of: inst) ?? ""
                    for address in function.results(of: inst) {
                        if Self.hashedCountFields.contains(field) {
                            try checkNoStore(under: address)
                            countLoads.formUnion(hashedCountReads(from: address))
                        }
                    }
                case .refTailAddr:
                    continue
                case .apply:
                    try checkReadsTable(u, stdlib: stdlib)
                case .other where [.strongRetain, .retainValue, .fixLifetime].contains(text.module.otherOpcode(of: inst)):
                    // A copy kept elsewhere changes a copy, never the place (copy on write).
                    continue
                default:
                    throw Refusal(why: "its table is used by `\(Self.word(inst, text))`\(place(u)), which maxlive does not know to leave its count alone")
                }
            }
        }
    }

    /// A call handed a table loaded from the place must be one of the stdlib's lookups.
    private func checkReadsTable(_ call: Int32, stdlib: StdlibCallIndex) throws {
        let inst = function.instructions[Int(call)]
        guard let ref = function.definingInstruction(function.operands(of: inst).first ?? -1),
              function.instructions[Int(ref)].opcode == .functionRef,
              let name = text.referencedFunction(function.instructions[Int(ref)]),
              let callee = text.module.function(named: name) else {
            throw Refusal(why: "its table is handed to a call maxlive does not resolve\(place(call))")
        }
        let demangled = callee.demangledName ?? callee.swiftName
        guard Self.hashedTableReaders.contains(where: { demangled.containsBytes($0) }) else {
            throw Refusal(why: "its table is handed to \(callee.swiftName), which maxlive does not know to only read it\(place(call))")
        }
    }

    /// No store through the count's address (an inlined insertion or removal).
    private func checkNoStore(under address: Int32) throws {
        var work = [address]
        while let a = work.popLast() {
            for u in users[a] ?? [] {
                let inst = function.instructions[Int(u)]
                switch inst.opcode {
                case .structElementAddr, .beginAccess: work.append(contentsOf: function.results(of: inst))
                case .load, .endAccess, .debugValue: continue
                default: throw Refusal(why: "its count is changed by code the optimizer inlined\(place(u)), which maxlive does not model yet")
                }
            }
        }
    }

    /// Loads of the count at `address` (`_count`, or its `Int._value`).
    private func hashedCountReads(from address: Int32) -> [Int32] {
        var reads: [Int32] = []
        var work = [address]
        while let a = work.popLast() {
            for u in users[a] ?? [] {
                let inst = function.instructions[Int(u)]
                if inst.opcode == .structElementAddr, text.module.field(of: inst) == "Int._value" { work.append(contentsOf: function.results(of: inst)) }
                if inst.opcode == .load { reads.append(contentsOf: function.results(of: inst)) }
            }
        }
        return reads
    }
}

extension FunctionChanges {
    /// The element count of a table stored whole into the place: the empty singleton (`= [:]`,
    /// `= []`), or the table a literal's initializer makes, whose count is the literal's array's
    /// (a phi of the two, as the inlined `Dictionary(dictionaryLiteral:)` leaves it):
    ///
    ///   bb1: br bb3(upcast (raw_pointer_to_ref @_swiftEmptyDictionarySingleton))
    ///   bb2: %23 = apply @_HashTable.scale(forCapacity:)(%n)       %n the literal's count
    ///        br bb3(upcast (apply @_DictionaryStorage.allocate(scale:age:seed:)(%23, …)))
    ///
    /// The count is that of the literal when it is the empty array (`[:]`) or a constant.
    func literalTableCount(_ value: Int32, depth: Int = 0) -> Int? {
        var v = value
        for _ in 0..<8 {
            if carriesBufferOrEmpty(v) { return 0 }
            guard let i = function.definingInstruction(v) else { break }
            let inst = function.instructions[Int(i)]
            let ops = function.operands(of: inst)
            switch inst.opcode {
            case .structInst where ops.count == 1, .upcast, .uncheckedRefCast:
                v = ops.first!
                continue
            case .apply:
                return allocatedTableCapacity(i) ?? emptyLiteralTable(i)
            default:
                return nil
            }
        }
        guard depth < 4, case .blockArgument(let b, _) = function.valueDefinitions[Int(v)], b != 0 else { return nil }
        let inputs = incoming(v)
        guard !inputs.isEmpty, !inputs.contains(-1) else { return nil }
        var largest = 0
        for input in inputs {
            guard let n = literalTableCount(input, depth: depth + 1) else { return nil }
            largest = max(largest, n)
        }
        return largest
    }

    /// `_DictionaryStorage.allocate(scale: _HashTable.scale(forCapacity: n), …)` (or a set's):
    /// n, when it is a constant or the count of the empty array.
    private func allocatedTableCapacity(_ call: Int32) -> Int? {
        guard let name = calleeDemangled(call), name.containsBytes("Storage.allocate(scale:"),
              case let ops = Array(function.operands(of: function.instructions[Int(call)])), ops.count >= 2,
              let scale = function.definingInstruction(ops[1]), function.instructions[Int(scale)].opcode == .apply,
              calleeDemangled(scale)?.containsBytes("_HashTable.scale(forCapacity:)") == true,
              case let scaleOps = Array(function.operands(of: function.instructions[Int(scale)])), scaleOps.count >= 2 else { return nil }
        let n = strip(scaleOps[1])
        if let c = constants.constant(n, in: function), c >= 0 { return c }
        guard let load = function.definingInstruction(n), function.instructions[Int(load)].opcode == .load,
              function.readsEmptyArrayCount(function.operands(of: function.instructions[Int(load)]).first, text: text) else { return nil }
        return 0
    }

    /// `Dictionary()`, `Set()`, or `Dictionary(dictionaryLiteral:)` / `Set(arrayLiteral:)` of the
    /// empty array: an empty table (0).
    private func emptyLiteralTable(_ call: Int32) -> Int? {
        guard let name = calleeDemangled(call) else { return nil }
        if HashedTables.isEmptyMaker(name) { return 0 }
        guard HashedTables.makers.contains(where: { name.containsBytes($0) }),
              case let ops = Array(function.operands(of: function.instructions[Int(call)])), ops.count == 2 else { return nil }
        var v = ops[1]
        for _ in 0..<6 {
            guard let i = function.definingInstruction(v) else { return nil }
            let inst = function.instructions[Int(i)]
            switch inst.opcode {
            case .structInst where function.operands(of: inst).count == 1, .upcast:
                v = function.operands(of: inst).first!
            case .rawPointerToRef:
                guard let p = function.operands(of: inst).first, let d = function.definingInstruction(p),
                      function.instructions[Int(d)].opcode == .addressToPointer,
                      let g = function.operands(of: function.instructions[Int(d)]).first, let gi = function.definingInstruction(g),
                      function.instructions[Int(gi)].opcode == .globalAddr,
                      text.referencedFunction(function.instructions[Int(gi)])?.contains("swiftEmptyArrayStorage") == true else { return nil }
                return 0
            default:
                return nil
            }
        }
        return nil
    }

    private func calleeDemangled(_ call: Int32) -> String? {
        guard let ref = function.definingInstruction(function.operands(of: function.instructions[Int(call)]).first ?? -1),
              function.instructions[Int(ref)].opcode == .functionRef,
              let name = text.referencedFunction(function.instructions[Int(ref)]), let callee = text.module.function(named: name) else { return nil }
        return callee.demangledName ?? callee.swiftName
    }
}
