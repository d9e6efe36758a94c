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

    /// Stdlib functions that look a key up in the table they are handed and keep no reference
    /// to it: `d[k]`, `contains`, `firstIndex`.
    static let hashedTableLookups = [
        "__RawDictionaryStorage.find", "__RawSetStorage.find", "_NativeDictionary.find", "_NativeSet.find",
        "_NativeDictionary.lookup", "_NativeSet.contains", "_NativeDictionary.subscript.getter", "Set.contains(",
        "Dictionary.subscript.getter", "Dictionary.index(forKey:)", "Set.firstIndex(of:)",
    ]

    /// Stdlib functions that only read the table they are handed (demangled, specialised or not):
    /// the lookups, and the algorithms of `Sequence`, which iterate (holding the table) and
    /// build a new value. A closure they run that changes the global addresses it itself, so it
    /// is one of the functions whose changes are checked.
    static let hashedTableReaders = hashedTableLookups + [
        "Sequence.sorted", "Sequence.map", "Collection.map", "Sequence.filter", "Sequence.reduce",
        "Sequence.contains", "Sequence.first(where:)", "Sequence.max", "Sequence.min", "Sequence.forEach",
        "Dictionary.filter", "Set.filter", "Dictionary.mapValues", "Dictionary.keys.getter", "Dictionary.values.getter",
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
                case .store where isStackSlotStore(u, of: v):
                    // Moved to the stack to be changed there (followHashedSlots).
                    continue
                case .store where storesIntoGlobal.contains(where: { $0.store == u }):
                    // Stored back (or into another object's property: then two places share it).
                    if perObject { sharesTable = true }
                    continue
                case .other where [.strongRetain, .retainValue].contains(text.module.otherOpcode(of: inst)):
                    // A copy kept elsewhere changes a copy, never the place (copy on write);
                    // but while it lives the place's table is shared.
                    sharesTable = true
                    continue
                case .other where text.module.otherOpcode(of: inst) == .fixLifetime:
                    continue
                default:
                    throw Refusal(why: "its table is used by `\(Self.word(inst, text))`\(place(u)), which maxlive does not know to leave its count alone")
                }
            }
        }
    }

    /// `store v to %slot` with `%slot` an `alloc_stack`.
    private func isStackSlotStore(_ store: Int32, of value: Int32) -> Bool {
        let ops = Array(function.operands(of: function.instructions[Int(store)]))
        guard ops.count == 2, ops[0] == value, let d = function.definingInstruction(ops[1]) else { return false }
        return function.instructions[Int(d)].opcode == .allocStack
    }

    /// A call handed a table loaded from the place must be one of the stdlib's lookups.
    private mutating func checkReadsTable(_ call: Int32, stdlib: StdlibCallIndex) throws {
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
        // An algorithm holds the table while it iterates, and runs code that may change the place.
        if !Self.hashedTableLookups.contains(where: { demangled.containsBytes($0) }) { sharesTable = true }
    }

    /// No store through the count's address (an inlined insertion or removal).
    private func checkNoStore(under address: Int32) throws {
        if let store = try countStores(under: address).first {
            throw Refusal(why: "its count is changed by code the optimizer inlined\(place(store)), which maxlive does not model yet")
        }
    }

    /// The stores through a count's address; loads and accesses are fine, anything else is not followed.
    private func countStores(under address: Int32) throws -> [Int32] {
        var stores: [Int32] = []
        var work = [address]
        while let a = work.popLast() {
            for u in users[a] ?? [] {
                let inst = function.instructions[Int(u)]
                switch inst.opcode {
                case .structElementAddr, .beginAccess: work.append(contentsOf: function.results(of: inst))
                case .load, .endAccess, .debugValue: continue
                case .store where function.operands(of: inst).last == a: stores.append(u)
                default: throw Refusal(why: "its count is used by `\(Self.word(inst, text))`\(place(u)), which maxlive does not follow")
                }
            }
        }
        return stores
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

// MARK: the table moved to the stack while the stdlib changes it in place

// Where the optimizer inlined an insertion or a removal, the stdlib moves the table into a
// stack slot, leaves the empty singleton in the place meanwhile, makes it unique (`copy()`)
// or larger (`_copyOrMoveAndResize`) through the slot, changes it there, and stores it back:
//
//   %19 = alloc_stack $_NativeDictionary<Int, Conn>
//   store (struct $_NativeDictionary (load G.storage)) to %19      the place's table
//   store (Dictionary(empty singleton)) to G                        meanwhile
//   apply @_NativeDictionary.copy()(%19)                             shared: copied, same count
//   %40 = load (struct_element_addr %19, #_NativeDictionary._storage)
//   apply @_NativeDictionary._delete(at:)(%bucket, struct (%40))    one element fewer
//   store (Dictionary(%40)) to G                                    back
//
// The slot's table has the place's count, plus one per `_insert`, less one per `_delete`: the
// insertions are the changes that add (each must be behind a guard), the write-back adds
// nothing more.

extension FunctionChanges {
    /// Stdlib functions handed the slot (`@inout`): same count; a reallocation asks for a capacity.
    static let hashedSlotReallocations = [
        "_NativeDictionary._copyOrMoveAndResize(capacity:moveElements:)", "_NativeDictionary.resize(capacity:)",
        "_NativeDictionary.copyAndResize(capacity:)", "_NativeSet._copyOrMoveAndResize(capacity:moveElements:)",
        "_NativeSet.resize(capacity:)", "_NativeSet.copyAndResize(capacity:)",
    ]
    static let hashedSlotCopies = ["_NativeDictionary.copy()", "_NativeSet.copy()"]
    /// Handed a table loaded from the slot: one element more.
    static let hashedSlotInsertions = [
        "_NativeDictionary._insert(at:key:value:)", "_NativeSet._unsafeInsertNew(_:at:)", "_NativeDictionary._unsafeInsertNew(key:value:)",
        "_NativeSet._unsafeInsertNew(_:)",
    ]
    /// Handed a table loaded from the slot: one element fewer.
    static let hashedSlotRemovals = ["_NativeDictionary._delete(at:)", "_NativeSet._delete(at:)"]

    /// The stack slots that hold the place's table while it changes, and the tables loaded from
    /// them (checked: only the uses above). Called once the place's own buffers are known.
    mutating func followHashedSlots(stdlib: StdlibCallIndex) throws {
        var slots: Set<Int32> = []
        for v in buffers {
            for u in users[v] ?? [] where function.instructions[Int(u)].opcode == .structInst {
                for wrapped in function.results(of: function.instructions[Int(u)]) {
                    for s in users[wrapped] ?? [] where function.instructions[Int(s)].opcode == .store {
                        let ops = Array(function.operands(of: function.instructions[Int(s)]))
                        guard ops.count == 2, ops[0] == wrapped, let d = function.definingInstruction(ops[1]),
                              function.instructions[Int(d)].opcode == .allocStack else { continue }
                        slots.insert(ops[1])
                    }
                }
            }
        }
        for slot in slots.sorted() {
            let (tables, initialLoads) = try slotUses(slot)
            try followSlotTables(tables, initialLoads: initialLoads)
        }
    }

    /// The tables loaded from one slot, whose first table came from `initialLoads` of the place.
    private mutating func followSlotTables(_ loaded: [Int32], initialLoads: [Int32]) throws {
        var tables = loaded
        var seen = Set(tables)
        var countAddresses: [Int32] = []
        // Phis some edge passes a slot's table to: tables too once every edge does.
        var pendingPhis: Set<Int32> = []
        while true {
          while let t = tables.popLast() {
            for u in users[t] ?? [] {
                let inst = function.instructions[Int(u)]
                switch inst.opcode {
                case _ where function.forwardsStorage(inst):
                    for r in function.results(of: inst) where seen.insert(r).inserted { tables.append(r) }
                case .br, .condBr:
                    for s in function.successors(of: inst) {
                        let passed = Array(function.arguments(of: s))
                        let params = Array(function.arguments(of: function.blocks[Int(s.block)]))
                        for (k, p) in passed.enumerated() where p == t && k < params.count && !seen.contains(params[k]) { pendingPhis.insert(params[k]) }
                    }
                case .debugValue, .strongRelease, .releaseValue, .refTailAddr:
                    continue
                case .refElementAddr:
                    if Self.hashedCountFields.contains(text.module.field(of: inst) ?? "") {
                        countAddresses.append(contentsOf: function.results(of: inst))
                    }
                case .store:
                    // Back into the place (checked with the place's stores), or nowhere.
                    let ops = Array(function.operands(of: inst))
                    guard ops.count == 2, ops[0] == t, storesIntoGlobal.contains(where: { $0.store == u }) else {
                        throw Refusal(why: "its table is stored elsewhere while it changes\(place(u))")
                    }
                    // A property's table goes back into the object it came from.
                    if perObject, objectOfAddress[ops[1]] == nil || objectOfAddress[ops[1]] != object(ofLoads: initialLoads) {
                        throw Refusal(why: "its table may be stored into another object's property while it changes\(place(u))")
                    }
                    slotWriteBacks.insert(u)
                case .other where [.strongRetain, .retainValue].contains(text.module.otherOpcode(of: inst)):
                    sharesTable = true
                    continue
                case .other where text.module.otherOpcode(of: inst) == .fixLifetime:
                    continue
                case .apply:
                    try classifySlotTableCall(u, initialLoads: initialLoads)
                default:
                    throw Refusal(why: "its table is used by `\(Self.word(inst, text))`\(place(u)) while it changes, which maxlive does not follow")
                }
            }
          }
          let joined = pendingPhis.filter { p in
              let inputs = incoming(p)
              return !inputs.isEmpty && inputs.allSatisfy(seen.contains)
          }
          if joined.isEmpty { break }
          for p in joined { pendingPhis.remove(p); seen.insert(p); tables.append(p) }
        }
        slotTables.formUnion(seen)
        for address in countAddresses { try classifySlotCountStores(under: address, tables: seen, initialLoads: initialLoads) }
    }

    /// Stores into the count of a table on the stack (an insertion or removal the optimizer
    /// inlined): the count of one of the slot's tables plus k adds k; minus k takes away.
    private mutating func classifySlotCountStores(under address: Int32, tables: Set<Int32>, initialLoads: [Int32]) throws {
        for store in try countStores(under: address) {
            guard let (old, k) = countPlus(function.operands(of: function.instructions[Int(store)]).first ?? -1), isCountLoad(old, of: tables) else {
                throw Refusal(why: "its count is set to a value maxlive cannot relate to the old count\(place(store))")
            }
            if k > 0 { growths.append(Growth(site: store, adds: k, object: object(ofLoads: initialLoads), tableLoads: initialLoads)) }
            else { removals[store] = (.unknown, nil) }
        }
    }

    /// `old + k` or `old − k` (checked or not): old and the signed k.
    private func countPlus(_ value: Int32) -> (Int32, Int)? {
        guard let op = addOrSubtract(strip(value)), let k = constants.constant(op.amount, in: function), k >= 0 else { return nil }
        return (op.base, op.adds ? k : -k)
    }

    /// A load of the count of one of `tables`.
    private func isCountLoad(_ value: Int32, of tables: Set<Int32>) -> Bool {
        guard let i = function.definingInstruction(value), function.instructions[Int(i)].opcode == .load,
              var a = function.operands(of: function.instructions[Int(i)]).first else { return false }
        for _ in 0..<3 {
            guard let d = function.definingInstruction(a) else { return false }
            let inst = function.instructions[Int(d)]
            guard let base = function.operands(of: inst).first else { return false }
            if inst.opcode == .refElementAddr { return Self.hashedCountFields.contains(text.module.field(of: inst) ?? "") && tables.contains(base) }
            guard inst.opcode == .structElementAddr else { return false }
            a = base
        }
        return false
    }

    /// The uses of a slot: the place's table stored in, the stdlib's copy and reallocation
    /// handed it, loads of its table. Returns the loaded tables.
    private mutating func slotUses(_ slot: Int32) throws -> (tables: [Int32], initialLoads: [Int32]) {
        var loaded: [Int32] = []
        var initialLoads: [Int32] = []
        var work = [slot]
        while let a = work.popLast() {
            for u in users[a] ?? [] {
                let inst = function.instructions[Int(u)]
                switch inst.opcode {
                case .structElementAddr, .beginAccess:
                    work.append(contentsOf: function.results(of: inst))
                case .load:
                    loaded.append(contentsOf: function.results(of: inst))
                case .store:
                    let ops = Array(function.operands(of: inst))
                    guard ops.count == 2, ops[1] == a, let value = function.definingInstruction(ops[0]),
                          function.instructions[Int(value)].opcode == .structInst,
                          function.operands(of: function.instructions[Int(value)]).allSatisfy(buffers.contains),
                          let table = function.operands(of: function.instructions[Int(value)]).first,
                          let root = rootLoad(ofBuffer: table) else {
                        throw Refusal(why: "a table of unknown size is put where the place's table changes\(place(u))")
                    }
                    initialLoads.append(root)
                case .deallocStack, .endAccess, .debugValue:
                    continue
                case .apply:
                    let ops = Array(function.operands(of: inst))
                    guard ops.last == a, !ops.dropLast().contains(a), let name = calleeDemangled(u) else {
                        throw Refusal(why: "the place's table is handed to a call while it changes\(place(u))")
                    }
                    if Self.hashedSlotCopies.contains(where: { name.containsBytes($0) }) { continue }
                    guard Self.hashedSlotReallocations.contains(where: { name.containsBytes($0) }), ops.count >= 3 else {
                        throw Refusal(why: "the place's table is handed to \(name) while it changes\(place(u)), which maxlive does not know")
                    }
                    // The capacity asked for: the count read from the place plus at most one.
                    guard let k = requestStep(ops[1]), k <= 1 else {
                        throw Refusal(why: "its capacity is reserved with a value its count does not bound\(place(u))")
                    }
                default:
                    throw Refusal(why: "the place's table is used by `\(Self.word(inst, text))`\(place(u)) while it changes")
                }
            }
        }
        return (loaded, initialLoads)
    }

    /// For a property: the one object whose property all of `loads` read (nil: several, or not known).
    private func object(ofLoads loads: [Int32]) -> Int32? {
        let objects = Set(loads.map { load in function.operands(of: function.instructions[Int(load)]).first.flatMap { objectOfAddress[$0] } })
        guard objects.count == 1, let only = objects.first else { return nil }
        return only
    }

    /// The load of the place a buffer value comes from, through forwarding (nil through a phi).
    private func rootLoad(ofBuffer value: Int32) -> Int32? {
        var v = value
        for _ in 0..<8 {
            guard let d = function.definingInstruction(v) else { return nil }
            if rootLoads.contains(d) { return d }
            let inst = function.instructions[Int(d)]
            guard function.forwardsStorage(inst), let next = function.operands(of: inst).first else { return nil }
            v = next
        }
        return nil
    }

    /// A call handed a table loaded from the slot: an insertion, a removal, or a lookup.
    private mutating func classifySlotTableCall(_ call: Int32, initialLoads: [Int32]) throws {
        guard let name = calleeDemangled(call) else { throw Refusal(why: "its table is handed to a call maxlive does not resolve\(place(call))") }
        if Self.hashedSlotInsertions.contains(where: { name.containsBytes($0) }) {
            growths.append(Growth(site: call, adds: 1, object: object(ofLoads: initialLoads), tableLoads: initialLoads))
        } else if Self.hashedSlotRemovals.contains(where: { name.containsBytes($0) }) {
            harmlessCalls.insert(call)
            removals[call] = (.unknown, nil)
        } else if !Self.hashedTableReaders.contains(where: { name.containsBytes($0) }) {
            throw Refusal(why: "its table is handed to \(name) while it changes\(place(call)), which maxlive does not know")
        } else if !Self.hashedTableLookups.contains(where: { name.containsBytes($0) }) {
            sharesTable = true
        }
    }
}

extension FunctionChanges {
    /// What a store into the place leaves: its own table (stored back, or changed on the stack
    /// and stored back) keeps the count the changes account for; the empty singleton left in
    /// the place while a slot holds its table is put back over before anything reads it; else
    /// the stored table's count.
    func hashedStoreEffect(_ store: Int32, _ value: Int32) throws -> StoreEffect {
        if slotWriteBacks.contains(store) { return .sameCount }
        var v = value
        for _ in 0..<4 {
            guard let i = function.definingInstruction(v), function.instructions[Int(i)].opcode == .structInst,
                  case let ops = function.operands(of: function.instructions[Int(i)]), ops.count == 1 else { break }
            v = ops.first!
        }
        if buffers.contains(v) || slotTables.contains(v) {
            // Another object's table (`b.map = a.map`) has a count the limit bounds, not this
            // object's count.
            guard perObject else { return .sameCount }
            let address = function.operands(of: function.instructions[Int(store)]).last ?? -1
            let source = buffers.contains(v) ? rootLoad(ofBuffer: v).flatMap { function.operands(of: function.instructions[Int($0)]).first } : nil
            if let source, let object = objectOfAddress[source], object == objectOfAddress[address] { return .sameCount }
            return .unknown
        }
        guard let count = literalTableCount(value) else { throw Refusal(why: "a table of no known size is stored into it\(place(store))") }
        if count == 0, !slotTables.isEmpty { return .sameCount }
        return .count(count)
    }
}
