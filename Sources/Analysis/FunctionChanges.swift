// One function's changes of a counted array (a global, or a class's stored property): the
// addresses that reach it, the calls that change it in place, and the count stores, stores and
// guards the passes in FunctionChanges+Buffers, +Stores and +Guards classify. GuardedGlobalCounts
// asks every function that touches the place for these.

import SILModel

/// One function's changes of a global array: where they add elements, and the guards before them.
struct FunctionChanges {
    struct Growth {
        let site: Int32
        let adds: Int
        /// For a property: the object whose array it changes (nil: not known, or a global).
        var object: Int32? = nil
        /// Loads of the place's table the change works on, when it changes a copy of it moved to
        /// the stack (FunctionChanges+HashedTables.swift): a guard must read the count before
        /// them, with nothing changing the place between.
        var tableLoads: [Int32] = []
    }

    let function: Function
    let text: InstructionText
    let constants: ConstantEvaluator
    let cfg: ControlFlowGraph
    /// Values holding the global's buffer (loaded from it, forwarded, reallocated).
    var buffers: Set<Int32> = []
    /// Loads of a count from one of those buffers.
    var countLoads: Set<Int32> = []
    var growths: [Growth] = []
    /// Calls that change the global in place without adding, and the markers.
    var harmlessCalls: Set<Int32> = []
    /// Stores through the global's address, with the value stored (checked by `checkStores`).
    var storesIntoGlobal: [(store: Int32, value: Int32)] = []
    /// Loads of the global's buffer from its address (where each buffer value starts).
    var rootLoads: Set<Int32> = []
    var users: [Int32: [Int32]] = [:]

    /// The largest count of an array stored whole into the global (made with a known capacity).
    var largestStored = 0
    /// The largest k of a reallocation that asks for the count plus k (at least 1: the stdlib's
    /// out-of-line appends ask for one more).
    var largestRequestStep = 1
    /// The largest constant capacity a reallocation asks for (it may grow to twice a capacity
    /// below that).
    var largestConstantRequest = 0

    /// Whether the function may leave the count higher than it found it: it adds elements, or
    /// stores an array of some size (not only its own buffer or the empty array).
    var mayRaiseCount: Bool { !growths.isEmpty || largestStored > 0 }

    /// For a property: the object each address of it belongs to (nil for a global's).
    var objectOfAddress: [Int32: Int32] = [:]
    /// Whether guards must test the same object as the change they guard (a property's count).
    var perObject = false
    /// Whether the place holds a dictionary or set (a hash table), not an array.
    var hashed = false
    /// Stores of a table changed on the stack back into the place, and the tables loaded from
    /// such stack slots.
    var slotWriteBacks: Set<Int32> = []
    var slotTables: Set<Int32> = []
    /// For a table: whether this function may make the place's table shared (a retain of it, an
    /// algorithm iterating it, a store of it into another object's property). Where no function
    /// does, the place's table is never shared, and a removal never copies it.
    var sharesTable = false
    var perObjectPlace: Bool { perObject }

    /// Changes that take elements away, by what they leave (EvictingCounts.swift).
    enum RemovalKind: Equatable {
        /// One element fewer (the method traps on an empty array).
        case one
        /// Exactly k fewer than the count read just before.
        case fewer(Int)
        /// None left.
        case all
        /// Some count no larger than one read earlier.
        case unknown
    }
    var removals: [Int32: (kind: RemovalKind, object: Int32?)] = [:]
    /// `replaceSubrange(_:with: EmptyCollection())` calls, whose ranges say what they remove.
    var rangeRemovals: [(call: Int32, object: Int32?)] = []

    /// What a store of a whole array into the place leaves as its count.
    enum StoreEffect: Equatable {
        /// The buffer it already had, or a reallocation of it: the same count.
        case sameCount
        /// A new array of at most this many elements.
        case count(Int)
        /// Not known (at most the place's limit).
        case unknown
    }
    /// Stores into the place's address, with the object whose property it is, and their effect.
    var stores: [Int32: (effect: StoreEffect, object: Int32?)] = [:]

    init(function f: Function, place: CountedPlace, hashed: Bool = false, addressors: Set<String>, text: InstructionText, constants: ConstantEvaluator,
         stdlib: StdlibCallIndex, capacityOfResult: (Int32, Function) -> Result<Int, StoredArrayCapacities.Refusal>) throws {
        function = f
        self.hashed = hashed
        self.text = text
        self.constants = constants
        cfg = ControlFlowGraph(f)
        for (i, inst) in f.instructions.enumerated() {
            for v in f.operands(of: inst) { users[v, default: []].append(Int32(i)) }
            // A branch uses the values it passes.
            for s in f.successors(of: inst) {
                for v in f.arguments(of: s) where users[v]?.last != Int32(i) { users[v, default: []].append(Int32(i)) }
            }
        }
        var addresses: [Int32] = []
        switch place {
        case .global(let symbol):
            for inst in f.instructions where inst.opcode == .globalAddr && text.referencedFunction(inst) == symbol {
                addresses.append(contentsOf: f.results(of: inst))
            }
        case .field(let key):
            perObject = true
            for inst in f.instructions where inst.opcode == .refElementAddr && text.module.field(of: inst) == key {
                guard let base = f.operands(of: inst).first else { continue }
                let object = f.referencedObject(base)
                for a in f.results(of: inst) {
                    addresses.append(a)
                    objectOfAddress[a] = object
                }
            }
        }
        // At -Onone: `pointer_to_address (apply @addressor())`.
        for inst in f.instructions where inst.opcode == .functionRef {
            guard let name = text.referencedFunction(inst), addressors.contains(name), let ref = f.results(of: inst).first else { continue }
            for call in users[ref] ?? [] where f.instructions[Int(call)].opcode == .apply {
                for pointer in f.results(of: f.instructions[Int(call)]) {
                    for u in users[pointer] ?? [] where f.instructions[Int(u)].opcode == .pointerToAddress {
                        addresses.append(contentsOf: f.results(of: f.instructions[Int(u)]))
                    }
                }
            }
        }
        try followAddresses(addresses, stdlib: stdlib)
        if hashed {
            try followHashedBuffers(stdlib: stdlib)
            try followHashedSlots(stdlib: stdlib)
            try checkStores(capacityOfResult: capacityOfResult)
            return
        }
        followBuffers(stdlib: stdlib)
        // Their ranges are read from counts, known once the buffers are.
        for (call, object) in rangeRemovals {
            if let kind = rangeRemoval(call) { removals[call] = (kind, object) }
        }
        try checkReallocations(stdlib: stdlib)
        try classifyCountStores()
        try checkStores(capacityOfResult: capacityOfResult)
    }

    // MARK: uses of the global's address

    mutating func followAddresses(_ roots: [Int32], stdlib: StdlibCallIndex) throws {
        var work = roots
        var seen: Set<Int32> = []
        while let a = work.popLast() {
            guard seen.insert(a).inserted else { continue }
            for u in users[a] ?? [] {
                let inst = function.instructions[Int(u)]
                switch inst.opcode {
                case .beginAccess:
                    for r in function.results(of: inst) { objectOfAddress[r] = objectOfAddress[a] }
                    work.append(contentsOf: function.results(of: inst))
                case .structElementAddr where hashed ? Self.hashedWrapperFields.contains(text.module.field(of: inst) ?? "")
                                                     : StoredArrayCapacities.isWrapperField(text.module.field(of: inst)):
                    for r in function.results(of: inst) { objectOfAddress[r] = objectOfAddress[a] }
                    work.append(contentsOf: function.results(of: inst))
                case .load:
                    buffers.formUnion(function.results(of: inst))
                    rootLoads.insert(u)
                case .store:
                    let ops = Array(function.operands(of: inst))
                    guard ops.count == 2, ops[1] == a else { throw Refusal(why: "its address is stored\(place(u))") }
                    storesIntoGlobal.append((u, ops[0]))
                case .endAccess, .debugValue:
                    continue
                case .other where text.module.otherOpcode(of: inst) == .isUnique:
                    // Whether the buffer is shared: a read (`removeAll(keepingCapacity:)`).
                    continue
                case .uncheckedAddrCast where function.results(of: inst).allSatisfy({ r in
                    (users[r] ?? []).allSatisfy { text.module.otherOpcode(of: function.instructions[Int($0)]) == .isUnique }
                }):
                    // The same question asked of a table (`is_unique` of it as a native object).
                    continue
                case .apply, .beginApply, .tryApply:
                    try classifyCall(u, passing: a, stdlib: stdlib)
                default:
                    throw Refusal(why: "its address is used by `\(Self.word(inst, text))`\(place(u))")
                }
            }
        }
    }

    struct Refusal: Error { var why = "" }

    /// ` at file:line` of instruction `i`, or ` in F`.
    func place(_ i: Int32) -> String {
        guard let loc = text.module.userLocation(of: function.instructions[Int(i)]) else { return " in \(function.swiftName)" }
        return " at \(text.module.fileName(loc)):\(loc.line)"
    }

    static func word(_ inst: Instruction, _ text: InstructionText) -> String {
        text.module.opcodeSpelling(of: inst)
    }

    /// A call handed the global's address: a marker, a change that adds nothing, or one that
    /// adds at most one element.
    mutating func classifyCall(_ call: Int32, passing address: Int32, stdlib: StdlibCallIndex) throws {
        let inst = function.instructions[Int(call)]
        let ops = Array(function.operands(of: inst))
        guard let ref = function.definingInstruction(ops[0]), function.instructions[Int(ref)].opcode == .functionRef,
              let name = text.referencedFunction(function.instructions[Int(ref)]),
              let callee = text.module.function(named: name) else { throw Refusal(why: "it is handed to a call maxlive does not resolve\(place(call))") }
        // Only as the array argument (the last one, `self` of a mutating method).
        if callee.attributes.semantics.contains(where: Annotation.markers.contains) { harmlessCalls.insert(call); return }
        guard ops.last == address, !ops.dropLast().contains(address) else {
            throw Refusal(why: "it is handed to \(callee.swiftName) other than as the \(hashed ? "table" : "array") it changes\(place(call))")
        }
        if hashed { return try classifyHashedCall(call, callee: callee, passing: address, stdlib: stdlib) }
        switch ArrayMutators.kind(of: callee, text: text.module.text) {
        case .addsNothing?:
            harmlessCalls.insert(call)
            if let kind = ArrayMutators.removal(by: callee) {
                removals[call] = (kind, objectOfAddress[address])
            } else if ArrayMutators.replacement(of: callee, text: text.module.text) == .nothing {
                rangeRemovals.append((call, objectOfAddress[address]))
            }
        case .addsOne?: growths.append(Growth(site: call, adds: 1, object: objectOfAddress[address]))
        case nil: throw Refusal(why: "it is handed to \(callee.swiftName), which maxlive does not know to change it in place by at most one element\(place(call))")
        }
    }
}
