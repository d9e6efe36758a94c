// Global arrays whose largest count the code itself enforces: every change that adds elements is
// behind a check of the count.
//
//   guard fdTable.count < 32 else { return -EMFILE }
//   fdTable.append(file)
//
// A global's count when a call starts is whatever earlier calls left, and no analysis of one
// call bounds it. But if *every* change in the module that adds to the global runs only where
// its count, read after the last change, was below K', the count never exceeds the largest
// K' − 1 + (what that change adds). That is the same fact `maxliveMaxCount` states, proved
// from the code instead of promised, and the growth models use it the same way
// (GlobalCountBounds.bound(ofGlobal:)).
//
// The same holds for an array kept in a class's stored property (`Elevator.sorted`), for every
// instance at once: each change of any instance's array must be behind a check of *that
// instance's* count (the guard's count and the change reach the property through the same
// object value), and the bound is one for the property.
//
// What the check accepts, module-wide, for a global `G` of array type with no static value:
//   - reads of G; the stdlib's out-of-line changes that add nothing (remove(at:), removeFirst,
//     removeLast, removeAll, sort, swapAt, the uniqueness and capacity helpers of append);
//   - out-of-line changes that add one (append(_:), insert(_:at:) through replaceSubrange with
//     one element or none), each behind a guard;
//   - count stores into G's buffer (inlined appends and removals): the count read from G's
//     buffer plus k (k > 0 behind a guard), minus k, or the same count;
//   - stores into G of G's own buffer (after a change) or of the empty array;
//   - the maxlive markers.
// A guard is a conditional branch on a count read from G's buffer, whose taken side dominates
// the change, with no other change, no call that may touch G, and no release whose deinit may
// touch G on any path between the read and the change, and the change not repeated without a
// new read. Anything else (G's address passed elsewhere, a literal stored into G, G reached
// through its addressor at -Onone, an indirect call that may reach it) means no bound.

import SILModel

final class GuardedGlobalCounts {
    private let module: Module
    private let text: InstructionText
    private let constants: ConstantEvaluator
    private let stdlib: StdlibCallIndex

    /// The capacity of the array a call makes (`Array(repeating: nil, count: 32)`), or why not.
    private let capacityOfResult: (Int32, Function) -> Result<Int, StoredArrayCapacities.Refusal>

    init(module: Module, text: InstructionText, constants: ConstantEvaluator, stdlib: StdlibCallIndex,
         capacityOfResult: @escaping (Int32, Function) -> Result<Int, StoredArrayCapacities.Refusal>) {
        self.module = module
        self.text = text
        self.constants = constants
        self.stdlib = stdlib
        self.capacityOfResult = capacityOfResult
    }

    /// The largest count the code enforces for the global with this SIL symbol, if it does.
    func bound(ofGlobal symbol: String) -> GlobalCountBounds.Bound? {
        if let known = answers[symbol] { return known }
        let answer = derive(.global(symbol))
        answers[symbol] = .some(answer)
        return answer
    }
    private var answers: [String: GlobalCountBounds.Bound?] = [:]

    /// The largest count the code enforces for the array property `key` (`Elevator.sorted`) of
    /// every instance of a class, if it does.
    func bound(ofField key: String) -> GlobalCountBounds.Bound? {
        let place = CountedPlace.field(key)
        if let known = fieldAnswers[key] { return known }
        let answer = isArrayField(key) ? derive(place) : nil
        fieldAnswers[key] = .some(answer)
        return answer
    }
    private var fieldAnswers: [String: GlobalCountBounds.Bound?] = [:]

    /// Why the code does not enforce a count for the property (after `bound(ofField:)` said nil).
    func refusal(ofField key: String) -> String? { refusals[CountedPlace.field(key).refusalKey] }

    /// Functions that may read or change the property `key` of some object when called.
    func functionsTouching(field key: String) -> Set<Int> { functionsTouching(.field(key)) }

    /// Functions that may read, copy or add to the property `key` of some object when called:
    /// those that touch it less the ones that only store an empty array into it (an
    /// initializer), with the functions that call them. Nil when the property's uses are not
    /// all understood.
    func functionsUsing(field key: String) -> Set<Int>? {
        if let known = usingCache[key] { return known }
        guard let changes = changes(of: .field(key)) else { return nil }
        let seeds = changes.filter { !$0.changes.rootLoads.isEmpty || $0.changes.mayRaiseCount || !$0.changes.harmlessCalls.isEmpty }
        let using = callClosure(from: Set(seeds.compactMap { module.functionIndex[$0.function.name] }))
        usingCache[key] = using
        return using
    }
    private var usingCache: [String: Set<Int>] = [:]

    /// Whether `Class.property` is declared with an array type.
    private func isArrayField(_ key: String) -> Bool {
        guard let dot = key.lastIndex(of: ".") else { return false }
        let typeName = String(key[..<dot]), property = String(key[key.index(after: dot)...])
        guard let decl = module.typeDeclarations.first(where: { $0.name == typeName }), decl.kind == .class,
              let stored = decl.storedProperties.first(where: { $0.name == property }) else { return false }
        return Self.isArrayType(stored.type)
    }

    /// Why the code does not enforce a count for the global (after `bound(ofGlobal:)` said nil),
    /// in the words of the source, with a location where there is one.
    func refusal(ofGlobal symbol: String) -> String? { refusals[symbol] }
    private var refusals: [String: String] = [:]


    private func derive(_ place: CountedPlace) -> GlobalCountBounds.Bound? {
        guard let changes = changes(of: place) else { return nil }
        let touching: Set<Int>
        let deinitsTouch: Bool
        switch place {
        case .global:
            touching = functionsTouching(place)
            deinitsTouch = touching.contains { module.functions[$0].swiftName.contains("deinit") }
        case .field:
            // Only a function that may raise some instance's count can spoil a guard's reading:
            // one that reads it, shrinks it or stores an empty array (an initializer) cannot.
            let raising = Set(changes.filter { $0.changes.mayRaiseCount }.compactMap { module.functionIndex[$0.function.name] })
            touching = callClosure(from: raising)
            deinitsTouch = touching.contains { module.functions[$0].swiftName.contains("deinit") }
        }
        var largest = 0
        var firstGuard: (file: String?, line: Int?)? = nil
        var unguarded: [(function: Function, changes: FunctionChanges, growths: [FunctionChanges.Growth])] = []
        for (f, sites) in changes {
            largest = max(largest, sites.largestStored)
            var open: [FunctionChanges.Growth] = []
            for growth in sites.growths {
                guard let guarded = sites.guardBound(of: growth, touching: touching, module: module, deinitsTouch: deinitsTouch) else {
                    open.append(growth)
                    continue
                }
                largest = max(largest, guarded.limit + growth.adds)
                if firstGuard == nil {
                    let loc = module.userLocation(of: f.instructions[Int(guarded.branch)])
                    firstGuard = (loc.map { module.fileName($0) }, loc.map { Int($0.line) })
                }
            }
            if !open.isEmpty { unguarded.append((f, sites, open)) }
        }
        // Changes no check dominates may still make room first (EvictingCounts.swift): under
        // the largest limit the code compares the count with, each must leave it at most that.
        if !unguarded.isEmpty {
            // The smallest such limit that works (`count == 32` holds the count to 32 only if
            // nothing else lets it past 32).
            let candidates = Set(unguarded.flatMap(\.changes.comparedCountConstants) + [largest]).filter { $0 >= largest }.sorted()
            guard let limit = candidates.first(where: { k in
                unguarded.allSatisfy { $0.changes.keepsCount(atMost: k, unguarded: $0.growths, touching: touching, module: module, deinitsTouch: deinitsTouch) }
            }) else {
                let (f, _, open) = unguarded[0]
                refusals[place.refusalKey] = "no check of its count, read after the last change, guards the change that adds to it\(location(f, open[0].site))"
                return nil
            }
            largest = limit
            if firstGuard == nil, let (f, _, open) = unguarded.first {
                let loc = module.userLocation(of: f.instructions[Int(open[0].site)])
                firstGuard = (loc.map { module.fileName($0) }, loc.map { Int($0.line) })
            }
        }
        // Nothing adds to it: the arrays stored into it bound it, which is what the models of
        // stored capacities (StoredArrayCapacities.swift) already use.
        guard changes.contains(where: { !$0.changes.growths.isEmpty }) else {
            refusals[place.refusalKey] = "no change adds to it"
            return nil
        }
        return GlobalCountBounds.Bound(count: largest, function: "", file: firstGuard?.file, line: firstGuard?.line, derived: true)
    }

    /// For a global whose count the program states: the largest capacity an array stored
    /// whole into it has (`t = Array(repeating: 0, count: 64)`), or why its capacity may exceed
    /// what its count allows (`reserveCapacity`, an array of any size stored into it): the
    /// statement bounds the count, and the growth models take the capacity from it.
    func capacityFollowsCount(ofGlobal symbol: String) -> Result<Int, StoredArrayCapacities.Refusal> {
        if let known = capacityAnswers[symbol] { return known }
        let answer: Result<Int, StoredArrayCapacities.Refusal>
        if let changes = changes(of: .global(symbol)) {
            answer = .success(changes.map(\.changes.largestStored).max() ?? 0)
        } else {
            answer = .failure(StoredArrayCapacities.Refusal(message: refusals[symbol] ?? "its uses are not understood"))
        }
        capacityAnswers[symbol] = answer
        return answer
    }
    private var capacityAnswers: [String: Result<Int, StoredArrayCapacities.Refusal>] = [:]

    /// Every function's changes of the global, or nil (with the refusal kept) when one of them
    /// is not understood.
    private func changes(of place: CountedPlace) -> [(function: Function, changes: FunctionChanges)]? {
        if let known = changesCache[place] { return known }
        var result: [(function: Function, changes: FunctionChanges)]? = []
        var addressors: Set<String> = []
        var users: Set<Int>? = nil
        switch place {
        case .global(let symbol):
            if let global = module.globals.first(where: { $0.name == symbol }), global.initializer == nil, Self.isArrayType(global.type) {
                addressors = index.addressors[symbol] ?? []
                users = Set((index.globalAddresses[symbol] ?? []).map(\.function)).union(index.addressorUsers[symbol] ?? [])
            }
        case .field(let key):
            users = Set(index.fieldAddresses[key] ?? [])
        }
        if let users {
            do {
                for fi in users.sorted() {
                    let f = module.functions[fi]
                    // An addressor only hands out the address; its callers' uses are checked.
                    if addressors.contains(f.name) { continue }
                    result!.append((f, try FunctionChanges(function: f, place: place, addressors: addressors, text: text, constants: constants,
                                                           stdlib: stdlib, capacityOfResult: capacityOfResult)))
                }
            } catch let refusal as FunctionChanges.Refusal {
                refusals[place.refusalKey] = refusal.why
                result = nil
            } catch {
                result = nil
            }
        } else {
            result = nil
        }
        changesCache[place] = .some(result)
        return result
    }
    private var changesCache: [CountedPlace: [(function: Function, changes: FunctionChanges)]?] = [:]

    /// ` at file:line` of an instruction, or nothing.
    private func location(_ f: Function, _ i: Int32) -> String {
        guard let loc = module.userLocation(of: f.instructions[Int(i)]) else { return " in \(f.swiftName)" }
        return " at \(module.fileName(loc)):\(loc.line)"
    }

    static func isArrayType(_ type: String) -> Bool {
        var t = Substring(type)
        while t.hasPrefix("$") || t.hasPrefix("*") { t = t.dropFirst() }
        return t.hasPrefix("Array<") || t.hasPrefix("[") && !t.contains(":")
    }

    // MARK: the module's call graph, as far as G is concerned

    /// Functions that may read or change the global when called: those that name it, those
    /// that call one of them, and, once one of those may be called indirectly (its address is
    /// taken, or it is in a vtable or witness table), those with a call the SIL does not resolve.
    private func functionsTouching(_ place: CountedPlace) -> Set<Int> {
        if let known = touchingCache[place] { return known }
        let named: Set<Int>
        switch place {
        case .global(let symbol): named = Set(index.globalAddresses[symbol, default: []].map(\.function))
        case .field(let key): named = Set(index.fieldAddresses[key, default: []])
        }
        let touching = callClosure(from: named)
        touchingCache[place] = touching
        return touching
    }
    private var touchingCache: [CountedPlace: Set<Int>] = [:]

    /// `seeds`, the functions that may call one of them, and, once one of those may be called
    /// indirectly, those with a call the SIL does not resolve.
    private func callClosure(from seeds: Set<Int>) -> Set<Int> {
        var touching = seeds
        var work = Array(touching)
        var indirectAdded = false
        while true {
            while let f = work.popLast() {
                for caller in index.callers[module.functions[f].name] ?? [] where touching.insert(caller).inserted {
                    work.append(caller)
                }
            }
            guard !indirectAdded, touching.contains(where: index.indirectlyCallable.contains) else { break }
            indirectAdded = true
            for f in index.indirectCallers where touching.insert(f).inserted { work.append(f) }
        }
        return touching
    }

    private struct ModuleIndex {
        var globalAddresses: [String: [(function: Int, instruction: Int32)]] = [:]
        /// Functions that project each class property's address (`ref_element_addr`), by key.
        var fieldAddresses: [String: [Int]] = [:]
        /// Each global's addressors (`…vau`, at -Onone), and the functions that call them.
        var addressors: [String: Set<String>] = [:]
        var addressorUsers: [String: Set<Int>] = [:]
        /// Callers of each function, by name (through `function_ref`).
        var callers: [String: [Int]] = [:]
        /// Functions with an apply whose callee is not a `function_ref`.
        var indirectCallers: Set<Int> = []
        /// Functions an indirect call may reach: a `function_ref` used other than as a callee,
        /// and the entries of vtables and witness tables.
        var indirectlyCallable: Set<Int> = []
    }

    private lazy var index: ModuleIndex = {
        var index = ModuleIndex()
        let counts = GlobalCountBounds(module: module, text: text, constants: constants)
        for (fi, f) in module.functions.enumerated() where f.isDefinition {
            noteAddressTaken(in: f, into: &index.indirectlyCallable)
            for (i, inst) in f.instructions.enumerated() {
                switch inst.opcode {
                case .globalAddr:
                    if let symbol = text.referencedFunction(inst) { index.globalAddresses[symbol, default: []].append((fi, Int32(i))) }
                case .refElementAddr:
                    if let key = text.module.field(of: inst), index.fieldAddresses[key]?.last != fi { index.fieldAddresses[key, default: []].append(fi) }
                case .functionRef:
                    guard let name = text.referencedFunction(inst) else { continue }
                    index.callers[name, default: []].append(fi)
                    if name.hasSuffix("vau"), let g = counts.addressedGlobal(name) {
                        index.addressors[g, default: []].insert(name)
                        index.addressorUsers[g, default: []].insert(fi)
                    }

                case .apply, .tryApply, .beginApply:
                    guard let callee = f.operands(of: inst).first, let d = f.definingInstruction(callee),
                          f.instructions[Int(d)].opcode == .functionRef else {
                        index.indirectCallers.insert(fi)
                        continue
                    }
                default:
                    continue
                }
            }
        }
        for table in module.vtables {
            for entry in table.entries { if let n = entry.implementation, let fi = module.functionIndex[n] { index.indirectlyCallable.insert(fi) } }
        }
        for table in module.witnessTables {
            for entry in table.methods { if let n = entry.implementation, let fi = module.functionIndex[n] { index.indirectlyCallable.insert(fi) } }
        }
        return index
    }()

    /// Functions whose `function_ref` value is used other than as the callee of an apply.
    private func noteAddressTaken(in f: Function, into taken: inout Set<Int>) {
        var refs: [Int32: Int] = [:]
        for inst in f.instructions where inst.opcode == .functionRef {
            if let name = text.referencedFunction(inst), let target = module.functionIndex[name], let v = f.results(of: inst).first {
                refs[v] = target
            }
        }
        guard !refs.isEmpty else { return }
        for inst in f.instructions {
            let ops = f.operands(of: inst)
            let isCall = inst.opcode == .apply || inst.opcode == .tryApply || inst.opcode == .beginApply
            for (k, v) in ops.enumerated() {
                guard let target = refs[v] else { continue }
                if isCall && k == 0 || inst.opcode == .debugValue { continue }
                taken.insert(target)
            }
            for s in f.successors(of: inst) {
                for v in f.arguments(of: s) { if let target = refs[v] { taken.insert(target) } }
            }
        }
    }
}

/// Where a counted array lives: a global, or a class's stored property (every instance's).
enum CountedPlace: Hashable {
    case global(String)
    case field(String)

    /// The key of its refusal message.
    var refusalKey: String {
        switch self {
        case .global(let symbol): return symbol
        case .field(let key): return "#" + key
        }
    }
}

/// One function's changes of a global array: where they add elements, and the guards before them.
struct FunctionChanges {
    struct Growth {
        let site: Int32
        let adds: Int
        /// For a property: the object whose array it changes (nil: not known, or a global).
        var object: Int32? = nil
    }

    let function: Function
    let text: InstructionText
    let constants: ConstantEvaluator
    let cfg: ControlFlowGraph
    /// Values holding the global's buffer (loaded from it, forwarded, reallocated).
    private(set) var buffers: Set<Int32> = []
    /// Loads of a count from one of those buffers.
    private(set) var countLoads: Set<Int32> = []
    private(set) var growths: [Growth] = []
    /// Calls that change the global in place without adding, and the markers.
    private(set) var harmlessCalls: Set<Int32> = []
    /// Stores through the global's address, with the value stored (checked by `checkStores`).
    private var storesIntoGlobal: [(store: Int32, value: Int32)] = []
    /// Loads of the global's buffer from its address (where each buffer value starts).
    private(set) var rootLoads: Set<Int32> = []
    private var users: [Int32: [Int32]] = [:]

    /// The largest count of an array stored whole into the global (made with a known capacity).
    private(set) var largestStored = 0

    /// Whether the function may leave the count higher than it found it: it adds elements, or
    /// stores an array of some size (not only its own buffer or the empty array).
    var mayRaiseCount: Bool { !growths.isEmpty || largestStored > 0 }

    /// For a property: the object each address of it belongs to (nil for a global's).
    private var objectOfAddress: [Int32: Int32] = [:]
    /// Whether guards must test the same object as the change they guard (a property's count).
    private var perObject = false
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
    private(set) var removals: [Int32: (kind: RemovalKind, object: Int32?)] = [:]
    /// `replaceSubrange(_:with: EmptyCollection())` calls, whose ranges say what they remove.
    private var rangeRemovals: [(call: Int32, object: Int32?)] = []

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
    private(set) var stores: [Int32: (effect: StoreEffect, object: Int32?)] = [:]

    init(function f: Function, place: CountedPlace, addressors: Set<String>, text: InstructionText, constants: ConstantEvaluator, stdlib: StdlibCallIndex,
         capacityOfResult: (Int32, Function) -> Result<Int, StoredArrayCapacities.Refusal>) throws {
        function = f
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

    private mutating func followAddresses(_ roots: [Int32], stdlib: StdlibCallIndex) throws {
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
                case .structElementAddr where StoredArrayCapacities.isWrapperField(text.module.field(of: inst)):
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
    private mutating func classifyCall(_ call: Int32, passing address: Int32, stdlib: StdlibCallIndex) throws {
        let inst = function.instructions[Int(call)]
        let ops = Array(function.operands(of: inst))
        guard let ref = function.definingInstruction(ops[0]), function.instructions[Int(ref)].opcode == .functionRef,
              let name = text.referencedFunction(function.instructions[Int(ref)]),
              let callee = text.module.function(named: name) else { throw Refusal(why: "it is handed to a call maxlive does not resolve\(place(call))") }
        // Only as the array argument (the last one, `self` of a mutating method).
        if callee.attributes.semantics.contains(where: Annotation.markers.contains) { harmlessCalls.insert(call); return }
        guard ops.last == address, !ops.dropLast().contains(address) else {
            throw Refusal(why: "it is handed to \(callee.swiftName) other than as the array it changes\(place(call))")
        }
        switch ArrayMutators.kind(of: callee, text: text.module.text) {
        case .addsNothing?:
            harmlessCalls.insert(call)
            if let kind = ArrayMutators.removal(by: callee) {
                removals[call] = (kind, objectOfAddress[address])
            } else if text.module.text.string(callee.type).contains("EmptyCollection<") {
                rangeRemovals.append((call, objectOfAddress[address]))
            }
        case .addsOne?: growths.append(Growth(site: call, adds: 1, object: objectOfAddress[address]))
        case nil: throw Refusal(why: "it is handed to \(callee.swiftName), which maxlive does not know to change it in place by at most one element\(place(call))")
        }
    }
}

/// The stdlib's mutating array methods the optimizer may leave out of line, by what they do to
/// the count. Each changes the array behind its `self` address in place and keeps no copy of it
/// elsewhere (trusted: their bodies are the stdlib's).
enum ArrayMutators {
    enum Kind { case addsNothing, addsOne }

    static func kind(of callee: Function, text: SourceText) -> Kind? {
        var method = callee.demangledName ?? callee.name
        if method.hasPrefix("specialized ") { method.removeFirst("specialized ".count) }
        if addsNothing.contains(where: { method.hasPrefix($0) }) { return .addsNothing }
        if addsOne.contains(where: { method.hasPrefix($0) }) { return .addsOne }
        if method.hasPrefix("Array.replaceSubrange") {
            // `insert(_:at:)` and `removeFirst()`: one new element, or none, for a range of any length.
            let type = text.string(callee.type)
            if type.contains("CollectionOfOne<") { return .addsOne }
            if type.contains("EmptyCollection<") { return .addsNothing }
        }
        return nil
    }

    /// Those that never add elements (by demangled name).
    static let addsNothing = [
        "Array._makeUniqueAndReserveCapacityIfNotUnique()", "Array._reserveCapacityAssumingUniqueBuffer(oldCount:)",
        "Array._makeMutableAndUnique()", "Array.remove(at:)", "Array._customRemoveLast()", "Array.removeLast()",
        "Array.removeAll(keepingCapacity:)", "Array.popLast()", "Array.swapAt(", "MutableCollection<>.sort()",
        "MutableCollection.sort(by:)", "MutableCollection<>.sort(by:)", "MutableCollection.swapAt(",
        "RangeReplaceableCollection.removeFirst()", "RangeReplaceableCollection<>.removeLast()",
        "RangeReplaceableCollection.removeAll(where:)", "RangeReplaceableCollection<>.removeAll(where:)",
        "MutableCollection<>.removeAll(where:)", "RangeReplaceableCollection<>.removeFirst()",
    ]
    /// Those that add exactly one.
    static let addsOne = ["Array.append(_:)", "Array.insert(_:at:)"]

    /// What a method that adds nothing takes away, when that is known: one element (the
    /// methods trap on an empty array; `popLast` leaves an empty one empty), or all of them.
    static func removal(by callee: Function) -> FunctionChanges.RemovalKind? {
        var method = callee.demangledName ?? callee.name
        if method.hasPrefix("specialized ") { method.removeFirst("specialized ".count) }
        if removesOne.contains(where: { method.hasPrefix($0) }) { return .one }
        if method.hasPrefix("Array.removeAll(keepingCapacity:)") { return .all }
        return nil
    }
    static let removesOne = [
        "Array.remove(at:)", "Array._customRemoveLast()", "Array.removeLast()", "Array.popLast()",
        "RangeReplaceableCollection.removeFirst()", "RangeReplaceableCollection<>.removeLast()",
        "RangeReplaceableCollection<>.removeFirst()",
    ]
}

extension FunctionChanges {

    // MARK: the buffers and their counts

    /// Values that carry the global's buffer: forwarded, wrapped, reallocated (a new buffer with
    /// the old count), and phis all of whose inputs carry it (loop-carried phis included: the
    /// largest set closed that way, found by dropping phis with another input until none is left).
    private mutating func followBuffers(stdlib: StdlibCallIndex) {
        let roots = buffers
        var excluded: Set<Int32> = []
        while true {
            buffers = closure(from: roots, excluding: excluded, stdlib: stdlib)
            let mixed = buffers.filter { v in
                guard case .blockArgument(let b, _) = function.valueDefinitions[Int(v)], b != 0 else { return false }
                return !incoming(v).allSatisfy(buffers.contains)
            }
            if mixed.isEmpty { break }
            excluded.formUnion(mixed)
        }
        for v in buffers {
            for u in users[v] ?? [] where function.instructions[Int(u)].opcode == .refElementAddr {
                let inst = function.instructions[Int(u)]
                guard text.module.field(of: inst) == "__ContiguousArrayStorageBase.countAndCapacity" else { continue }
                for address in function.results(of: inst) { countLoads.formUnion(countReads(from: address)) }
            }
        }
    }

    private func closure(from roots: Set<Int32>, excluding excluded: Set<Int32>, stdlib: StdlibCallIndex) -> Set<Int32> {
        var found = roots
        var work = Array(roots)
        while let v = work.popLast() {
            for u in users[v] ?? [] {
                let inst = function.instructions[Int(u)]
                let ops = function.operands(of: inst)
                var forwarded: [Int32] = []
                switch inst.opcode {
                case _ where function.forwardsStorage(inst):
                    forwarded = Array(function.results(of: inst))
                case .apply where ops.last == v:
                    if let ref = function.definingInstruction(ops[ops.startIndex]), function.instructions[Int(ref)].opcode == .functionRef,
                       let name = text.referencedFunction(function.instructions[Int(ref)]),
                       stdlib.entry(name).arrayReallocation || stdlib.entry(name).arrayCopy {
                        forwarded = Array(function.results(of: inst))
                    }
                case .br, .condBr:
                    for s in function.successors(of: inst) {
                        let passed = Array(function.arguments(of: s))
                        let params = Array(function.arguments(of: function.blocks[Int(s.block)]))
                        for (k, p) in passed.enumerated() where p == v && k < params.count { forwarded.append(params[k]) }
                    }
                default:
                    break
                }
                for r in forwarded where !excluded.contains(r) && found.insert(r).inserted { work.append(r) }
            }
        }
        return found
    }

    /// What each edge into a block argument passes (a non-branch edge passes something unknown: the argument itself).
    private func incoming(_ parameter: Int32) -> [Int32] {
        guard case .blockArgument(let b, let position) = function.valueDefinitions[Int(parameter)] else { return [] }
        var values: [Int32] = []
        for p in cfg.predecessors[Int(b)] {
            let term = function.instructions[Int(function.blocks[p].terminatorIndex)]
            guard term.opcode == .br || term.opcode == .condBr else { return [-1] }
            for s in function.successors(of: term) where s.block == b {
                let passed = function.arguments(of: s)
                guard Int(position) < passed.count else { return [-1] }
                values.append(passed[passed.startIndex + Int(position)])
            }
        }
        return values
    }

    /// The count addresses under `countAndCapacity` and the loads of them.
    private func countReads(from address: Int32) -> [Int32] {
        var reads: [Int32] = []
        var work = [address]
        while let a = work.popLast() {
            for u in users[a] ?? [] {
                let inst = function.instructions[Int(u)]
                if inst.opcode == .structElementAddr { work.append(contentsOf: function.results(of: inst)) }
                if inst.opcode == .load, countFieldAddress(a) { reads.append(contentsOf: function.results(of: inst)) }
            }
        }
        return reads
    }

    /// An address of `_SwiftArrayBodyStorage.count` (or its `Int._value`).
    private func countFieldAddress(_ a: Int32) -> Bool {
        var v = a
        for _ in 0..<2 {
            guard let i = function.definingInstruction(v), function.instructions[Int(i)].opcode == .structElementAddr else { return false }
            let field = text.module.field(of: function.instructions[Int(i)])
            if field == "_SwiftArrayBodyStorage.count" { return true }
            guard field == "Int._value", let base = function.operands(of: function.instructions[Int(i)]).first else { return false }
            v = base
        }
        return false
    }

    /// A reallocation of the global's buffer asks for its count plus k (the count after the
    /// change: its capacity follows the count) or for a constant capacity.
    private mutating func checkReallocations(stdlib: StdlibCallIndex) throws {
        for (i, inst) in function.instructions.enumerated() where inst.opcode == .apply {
            let ops = Array(function.operands(of: inst))
            guard ops.count == 5, let old = ops.last, buffers.contains(old),
                  let ref = function.definingInstruction(ops[0]), function.instructions[Int(ref)].opcode == .functionRef,
                  let name = text.referencedFunction(function.instructions[Int(ref)]), stdlib.entry(name).arrayReallocation else { continue }
            // The old count plus or minus k (a removal's inlined `replaceSubrange` asks for
            // count − 1 or count, a phi of the two): a buffer of the count it already has.
            if requestStep(ops[2]) != nil { continue }
            if let c = constants.constant(strip(ops[2]), in: function), c >= 0 {
                largestStored = max(largestStored, c)
                continue
            }
            throw Refusal(why: "its capacity is reserved with a value its count does not bound\(place(Int32(i)))")
        }
    }

    /// Every store into a buffer's count: the count read from the global's buffer plus k (a
    /// growth when k > 0), minus k, or a constant 0.
    private mutating func classifyCountStores() throws {
        for v in buffers {
            for u in users[v] ?? [] where function.instructions[Int(u)].opcode == .refElementAddr {
                let inst = function.instructions[Int(u)]
                guard text.module.field(of: inst) == "__ContiguousArrayStorageBase.countAndCapacity" else { continue }
                var work = Array(function.results(of: inst))
                while let a = work.popLast() {
                    for s in users[a] ?? [] {
                        let user = function.instructions[Int(s)]
                        if user.opcode == .structElementAddr { work.append(contentsOf: function.results(of: user)); continue }
                        guard user.opcode == .store, countFieldAddress(a), let value = function.operands(of: user).first,
                              function.operands(of: user).last == a else { continue }
                        guard let step = countStep(value) else { throw Refusal(why: "its count is set to a value maxlive cannot relate to the old count\(place(s))") }
                        if step > 0 { growths.append(Growth(site: s, adds: step, object: perObject ? bufferObject(v) : nil)) }
                        else { removals[s] = (isUnretainedBuffer(v) ? shrinkKind(value, store: s) : .unknown, perObject ? bufferObject(v) : nil) }
                    }
                }
            }
        }
    }

    /// The object a property's buffer value was loaded from: back through forwarding,
    /// reallocations and phis to the loads from the property (nil when they disagree).
    private func bufferObject(_ value: Int32) -> Int32? {
        var found: Int32? = nil
        var work = [value]
        var seen: Set<Int32> = []
        while let v = work.popLast() {
            guard seen.insert(v).inserted, seen.count < 64 else { continue }
            switch function.valueDefinitions[Int(v)] {
            case .blockArgument(let b, _) where b != 0:
                let incoming = incoming(v)
                if incoming.contains(-1) { return nil }
                work.append(contentsOf: incoming)
            case .instruction(let i, _):
                let inst = function.instructions[Int(i)]
                let ops = function.operands(of: inst)
                if rootLoads.contains(i), let address = ops.first {
                    guard let object = objectOfAddress[address], found == nil || found == object else { return nil }
                    found = object
                } else if function.forwardsStorage(inst), let first = ops.first {
                    work.append(first)
                } else if inst.opcode == .apply, let last = ops.last, buffers.contains(last) {
                    work.append(last)
                } else {
                    return nil
                }
            default:
                return nil
            }
        }
        return found
    }

    /// `replaceSubrange(lo..<hi, with: EmptyCollection())`, as inlined `removeFirst()` and
    /// `removeAll(keepingCapacity:)` leave it: constant bounds take hi − lo away (it traps on a
    /// range outside the array); `0..<count`, the count read just before in the same block,
    /// takes all.
    private func rangeRemoval(_ call: Int32) -> RemovalKind? {
        let ops = Array(function.operands(of: function.instructions[Int(call)]))
        guard ops.count == 4, let r = function.definingInstruction(ops[1]), function.instructions[Int(r)].opcode == .structInst else { return nil }
        let bounds = Array(function.operands(of: function.instructions[Int(r)]))
        guard bounds.count == 2, let lo = constants.constant(strip(bounds[0]), in: function) else { return nil }
        if let hi = constants.constant(strip(bounds[1]), in: function) { return hi >= lo ? .fewer(hi - lo) : nil }
        let upper = strip(bounds[1])
        guard lo == 0, countLoads.contains(upper), let load = function.definingInstruction(upper), isFreshCount(load, before: call) else { return nil }
        return .all
    }

    /// Whether a count load reads the place's count as it is at `use`: it reads a buffer loaded
    /// from the place (not a copy or an older buffer), and that load, the count load and `use`
    /// are in one block with no call and no store between the buffer's load and `use`.
    func isFreshCount(_ countLoad: Int32, before use: Int32) -> Bool {
        guard let buffer = rootLoad(ofCountRead: countLoad), let loaded = function.results(of: function.instructions[Int(buffer)]).first,
              isUnretainedBuffer(loaded) else { return false }
        let block = function.block(containing: use)
        guard function.block(containing: buffer) == block, function.block(containing: countLoad) == block,
              buffer < countLoad, countLoad < use else { return false }
        for i in function.blocks[Int(block)].instructions where i > buffer && i < use {
            switch function.instructions[Int(i)].opcode {
            case .apply, .tryApply, .beginApply, .store, .strongRelease, .releaseValue, .destroyValue, .destroyAddr: return false
            default: continue
            }
        }
        return true
    }

    /// What a count store that adds nothing leaves: zero, the count read just before it less k
    /// (read in the same block, no call in between), or some count no larger than one read.
    private func shrinkKind(_ value: Int32, store: Int32) -> RemovalKind {
        let v = strip(value)
        if constants.constant(v, in: function) == 0 { return .all }
        var k = 0
        var read = v
        if let minus = signedCountStep(v), let i = function.definingInstruction(v) {
            k = -minus
            var inst = function.instructions[Int(i)]
            if inst.opcode == .tupleExtract, let tuple = function.operands(of: inst).first, let d = function.definingInstruction(tuple) {
                inst = function.instructions[Int(d)]
            }
            guard let first = function.operands(of: inst).first else { return .unknown }
            read = strip(first)
        }
        guard countLoads.contains(read), let load = function.definingInstruction(read), isFreshCount(load, before: store) else { return .unknown }
        return .fewer(k)
    }

    /// `count + k` (checked or not) of a count read from the global's buffer: k; 0 for a constant
    /// zero; nil for anything else.
    private func countStep(_ value: Int32) -> Int? {
        let v = strip(value)
        if countLoads.contains(v) { return 0 }
        if let c = constants.constant(v, in: function) { return c == 0 ? 0 : nil }
        guard let i = function.definingInstruction(v) else { return nil }
        var inst = function.instructions[Int(i)]
        if inst.opcode == .tupleExtract, let tuple = function.operands(of: inst).first, let d = function.definingInstruction(tuple) {
            inst = function.instructions[Int(d)]
        }
        guard inst.opcode == .builtin, let name = text.builtinName(inst) else { return nil }
        let ops = Array(function.operands(of: inst))
        guard ops.count >= 2, countLoads.contains(strip(ops[0])), let k = constants.constant(ops[1], in: function) else { return nil }
        if name.hasPrefix("sadd") || name.hasPrefix("add") { return k }
        if name.hasPrefix("ssub") || name.hasPrefix("sub") { return k >= 0 ? 0 : nil }
        return nil
    }

    /// The largest k of a capacity request `count + k`, through phis all of whose inputs are
    /// such requests (nil when one is not).
    private func requestStep(_ value: Int32, depth: Int = 0) -> Int? {
        let v = strip(value)
        if let k = countStep(v) ?? signedCountStep(v) { return k }
        guard depth < 4, case .blockArgument(let b, _) = function.valueDefinitions[Int(v)], b != 0 else { return nil }
        let inputs = incoming(v)
        guard !inputs.isEmpty, !inputs.contains(-1) else { return nil }
        var largest = Int.min
        for input in inputs {
            guard let k = requestStep(input, depth: depth + 1) else { return nil }
            largest = max(largest, k)
        }
        return largest
    }

    /// `count − k` (checked or not) of a count read from the global's buffer, as −k.
    private func signedCountStep(_ value: Int32) -> Int? {
        guard let i = function.definingInstruction(value) else { return nil }
        var inst = function.instructions[Int(i)]
        if inst.opcode == .tupleExtract, let tuple = function.operands(of: inst).first, let d = function.definingInstruction(tuple) {
            inst = function.instructions[Int(d)]
        }
        guard inst.opcode == .builtin, let name = text.builtinName(inst), name.hasPrefix("ssub") || name.hasPrefix("sub") else { return nil }
        let ops = Array(function.operands(of: inst))
        guard ops.count >= 2, countLoads.contains(strip(ops[0])), let k = constants.constant(ops[1], in: function), k >= 0 else { return nil }
        return -k
    }

    /// Through `struct $Int`, `struct_extract #Int._value` and `assumeNonNegative`.
    func strip(_ value: Int32) -> Int32 {
        var v = value
        for _ in 0..<6 {
            guard let i = function.definingInstruction(v) else { return v }
            let inst = function.instructions[Int(i)]
            let ops = function.operands(of: inst)
            if (inst.opcode == .structInst || inst.opcode == .structExtract) && ops.count == 1 { v = ops.first!; continue }
            if inst.opcode == .builtin, text.builtinName(inst)?.hasPrefix("assumeNonNegative") == true, let first = ops.first { v = first; continue }
            return v
        }
        return v
    }

    /// Stores into the global's address (found by `followAddresses`) hold its own buffer, the
    /// empty array, or an array a call makes with a known capacity (its count is at most that).
    private mutating func checkStores(capacityOfResult: (Int32, Function) -> Result<Int, StoredArrayCapacities.Refusal>) throws {
        for (store, value) in storesIntoGlobal {
            let address = function.operands(of: function.instructions[Int(store)]).last ?? -1
            stores[store] = (storeEffect(value, capacityOfResult: capacityOfResult), objectOfAddress[address])
            if carriesBufferOrEmpty(value) { continue }
            if let count = keptCapacityCount(value) {
                largestStored = max(largestStored, count)
                continue
            }
            guard let capacity = madeCapacity(value, capacityOfResult: capacityOfResult) else {
                throw Refusal(why: "an array of no known size is stored into it\(place(store))")
            }
            largestStored = max(largestStored, capacity)
        }
    }

    /// The capacity of a new array `value` is: a literal's buffer (`alloc_ref [tail_elems $T * 3]`)
    /// or a call's result of known capacity, through the array's wrappers and COW markers.
    private func madeCapacity(_ value: Int32, capacityOfResult: (Int32, Function) -> Result<Int, StoredArrayCapacities.Refusal>) -> Int? {
        var v = value
        for _ in 0..<8 {
            guard let i = function.definingInstruction(v) else { return nil }
            let inst = function.instructions[Int(i)]
            let ops = function.operands(of: inst)
            switch inst.opcode {
            case .apply:
                // `[]` and literals at -Onone: `Array._allocateUninitialized(n)` makes exactly n.
                if let ref = function.definingInstruction(ops[ops.startIndex]), function.instructions[Int(ref)].opcode == .functionRef,
                   let name = text.referencedFunction(function.instructions[Int(ref)]),
                   let made = text.module.function(named: name)?.demangledName,
                   made.contains("Array._allocateUninitialized(") || made.contains("_allocateUninitializedArray<"),
                   ops.count == 2, let n = constants.constant(ops[ops.startIndex + 1], in: function), n >= 0 {
                    return n
                }
                guard case .success(let c) = capacityOfResult(i, function) else { return nil }
                return c
            case .allocRef:
                guard let tails = text.module.allocRefFields(of: inst, in: function).tailElements, tails.count == 1, let count = tails[0].count,
                      let n = constants.constant(count, in: function), n >= 0 else { return nil }
                return n
            case .structInst where ops.count == 1:
                v = ops.first!
            case .structExtract where text.module.field(of: inst) == "_ContiguousArrayBuffer._storage":
                v = ops.first!
            case .tupleExtract, .upcast, .uncheckedRefCast, .endCowMutation, .beginCowMutation, .markDependence, .moveValue:
                guard let first = ops.first else { return nil }
                v = first
            default:
                return nil
            }
        }
        return nil
    }

    /// A new buffer as large as one of the global's own, given a constant count: what
    /// `removeAll(keepingCapacity: true)` stores when the old buffer is shared.
    ///
    ///   %c = load (capacityAndFlags of %old)        %old one of the global's buffers
    ///   %n = alloc_ref [tail_elems $T * (%c >> 1)]
    ///   store (_ArrayBody (k, flags)) to (countAndCapacity of %n)
    /// Its count, k.
    private func sameCapacityBuffer(_ value: Int32) -> Int? {
        var v = value
        for _ in 0..<6 {
            guard let i = function.definingInstruction(v) else { return nil }
            let inst = function.instructions[Int(i)]
            let ops = function.operands(of: inst)
            switch inst.opcode {
            case .structInst where ops.count == 1, .upcast, .uncheckedRefCast, .endCowMutation:
                v = ops.first!
            case .allocRef:
                guard let tails = text.module.allocRefFields(of: inst, in: function).tailElements, tails.count == 1,
                      let count = tails[0].count, isOwnCapacity(count), let object = function.results(of: inst).first else { return nil }
                return initialCount(of: object)
            default:
                return nil
            }
        }
        return nil
    }

    /// The largest count of a value that is, on every path, one of the global's buffers, the
    /// empty array, or a new buffer as large as one of its own (`sameCapacityBuffer`): through
    /// the phi that joins them.
    private func keptCapacityCount(_ value: Int32, depth: Int = 0) -> Int? {
        if carriesBufferOrEmpty(value) { return 0 }
        if let k = sameCapacityBuffer(value) { return k }
        var v = value
        for _ in 0..<4 {
            guard let i = function.definingInstruction(v), function.instructions[Int(i)].opcode == .structInst,
                  case let ops = function.operands(of: function.instructions[Int(i)]), ops.count == 1 else { break }
            v = ops.first!
        }
        guard depth < 4, case .blockArgument(let b, _) = function.valueDefinitions[Int(v)], b != 0 else { return nil }
        let inputs = incoming(v)
        guard !inputs.isEmpty, !inputs.contains(-1) else { return nil }
        var largest = 0
        for input in inputs {
            guard let k = keptCapacityCount(input, depth: depth + 1) else { return nil }
            largest = max(largest, k)
        }
        return largest
    }

    /// What storing `value` into the place does to its count.
    private func storeEffect(_ value: Int32, capacityOfResult: (Int32, Function) -> Result<Int, StoredArrayCapacities.Refusal>,
                             depth: Int = 0) -> StoreEffect {
        var v = value
        for _ in 0..<4 {
            guard let i = function.definingInstruction(v), function.instructions[Int(i)].opcode == .structInst,
                  case let ops = function.operands(of: function.instructions[Int(i)]), ops.count == 1 else { break }
            v = ops.first!
        }
        if !buffers.contains(v), carriesBufferOrEmpty(v) { return .count(0) }
        if let k = sameCapacityBuffer(v) { return .count(k) }
        if isUnretainedBuffer(v) { return .sameCount }
        if depth < 4, case .blockArgument(let b, _) = function.valueDefinitions[Int(v)], b != 0 {
            let inputs = incoming(v)
            guard !inputs.isEmpty, !inputs.contains(-1) else { return .unknown }
            var joined: StoreEffect? = nil
            for input in inputs {
                let e = storeEffect(input, capacityOfResult: capacityOfResult, depth: depth + 1)
                switch (joined, e) {
                case (nil, _): joined = e
                case (.count(let a)?, .count(let b)): joined = .count(max(a, b))
                // An empty array where the count stays: at most the count it had.
                case (.sameCount?, .count(0)), (.count(0)?, .sameCount), (.sameCount?, .sameCount): joined = .sameCount
                default: return .unknown
                }
            }
            return joined ?? .unknown
        }
        if let c = madeCapacity(v, capacityOfResult: capacityOfResult) { return .count(c) }
        return .unknown
    }

    /// One of the place's buffers as loaded (or reallocated, or marked for a change), that
    /// nothing retains: a buffer no copy keeps, so it is the one the place holds now (an older
    /// one would have been freed when the place moved on), with the count the changes left.
    func isUnretainedBuffer(_ value: Int32) -> Bool {
        var work = [value]
        var seen: Set<Int32> = []
        while let v = work.popLast() {
            guard seen.insert(v).inserted, seen.count < 64, buffers.contains(v) else { return false }
            for u in users[v] ?? [] {
                let user = function.instructions[Int(u)]
                if user.opcode == .copyValue { return false }
                if user.opcode == .other, [.strongRetain, .retainValue].contains(text.module.otherOpcode(of: user)) { return false }
            }
            switch function.valueDefinitions[Int(v)] {
            case .blockArgument(let b, _) where b != 0:
                let inputs = incoming(v)
                if inputs.isEmpty || inputs.contains(-1) { return false }
                work.append(contentsOf: inputs)
            case .instruction(let i, _):
                let inst = function.instructions[Int(i)]
                let ops = function.operands(of: inst)
                if rootLoads.contains(i) { continue }
                if inst.opcode == .apply, let last = ops.last { work.append(last); continue }
                guard let first = ops.first else { return false }
                work.append(first)
            default:
                return false
            }
        }
        return true
    }

    /// `capacityAndFlags >> 1` loaded from one of the global's buffers (as a word).
    private func isOwnCapacity(_ value: Int32) -> Bool {
        var v = value
        guard let i = function.definingInstruction(v), function.instructions[Int(i)].opcode == .builtin,
              text.builtinName(function.instructions[Int(i)])?.hasPrefix("truncOrBitCast") == true,
              let first = function.operands(of: function.instructions[Int(i)]).first else { return false }
        v = first
        guard let s = function.definingInstruction(v), function.instructions[Int(s)].opcode == .builtin,
              text.builtinName(function.instructions[Int(s)])?.hasPrefix("lshr") == true else { return false }
        let shift = Array(function.operands(of: function.instructions[Int(s)]))
        guard shift.count == 2, constants.constant(shift[1], in: function) == 1,
              let l = function.definingInstruction(shift[0]), function.instructions[Int(l)].opcode == .load,
              var a = function.operands(of: function.instructions[Int(l)]).first else { return false }
        var sawCapacity = false
        for _ in 0..<6 {
            guard let d = function.definingInstruction(a) else { return false }
            let inst = function.instructions[Int(d)]
            guard let base = function.operands(of: inst).first else { return false }
            switch inst.opcode {
            case .structElementAddr:
                if text.module.field(of: inst) == "_SwiftArrayBodyStorage._capacityAndFlags" { sawCapacity = true }
                a = base
            case .refElementAddr:
                return sawCapacity && text.module.field(of: inst) == "__ContiguousArrayStorageBase.countAndCapacity" && buffers.contains(base)
            default:
                return false
            }
        }
        return false
    }

    /// The constant count stored into a new buffer's header (nil: not exactly one such store).
    private func initialCount(of object: Int32) -> Int? {
        var found: Int? = nil
        var work = [object]
        var seen: Set<Int32> = []
        while let v = work.popLast() {
            guard seen.insert(v).inserted, seen.count < 16 else { continue }
            for u in users[v] ?? [] {
                let inst = function.instructions[Int(u)]
                if inst.opcode == .upcast || inst.opcode == .uncheckedRefCast { work.append(contentsOf: function.results(of: inst)); continue }
                guard inst.opcode == .refElementAddr, text.module.field(of: inst) == "__ContiguousArrayStorageBase.countAndCapacity",
                      let header = function.results(of: inst).first else { continue }
                for st in users[header] ?? [] {
                    let store = function.instructions[Int(st)]
                    guard store.opcode == .store, let body = function.operands(of: store).first, found == nil,
                          let b = function.definingInstruction(body), function.instructions[Int(b)].opcode == .structInst,
                          let storage = function.operands(of: function.instructions[Int(b)]).first,
                          let si = function.definingInstruction(storage), function.instructions[Int(si)].opcode == .structInst,
                          let count = function.operands(of: function.instructions[Int(si)]).first,
                          let k = constants.constant(strip(count), in: function), k >= 0 else { return nil }
                    found = k
                }
            }
        }
        return found
    }

    private func carriesBufferOrEmpty(_ value: Int32) -> Bool {
        var v = value
        for _ in 0..<6 {
            if buffers.contains(v) { return true }
            guard let i = function.definingInstruction(v) else { return false }
            let inst = function.instructions[Int(i)]
            let ops = function.operands(of: inst)
            switch inst.opcode {
            case .structInst where ops.count == 1, .upcast, .uncheckedRefCast:
                v = ops.first!
            case .rawPointerToRef:
                guard let p = ops.first, let d = function.definingInstruction(p), function.instructions[Int(d)].opcode == .addressToPointer,
                      let g = function.operands(of: function.instructions[Int(d)]).first, let gi = function.definingInstruction(g),
                      function.instructions[Int(gi)].opcode == .globalAddr else { return false }
                return text.referencedFunction(function.instructions[Int(gi)])?.contains("swiftEmptyArrayStorage") == true
            default:
                return false
            }
        }
        return false
    }

    // MARK: guards

    /// The count limit a guard enforces before `site` (count ≤ limit there), and the guard's branch.
    func guardBound(of growth: Growth, touching: Set<Int>, module: Module, deinitsTouch: Bool) -> (limit: Int, branch: Int32)? {
        let site = growth.site
        if perObject && growth.object == nil { return nil }
        let siteBlock = Int(function.block(containing: site))
        var best: (limit: Int, branch: Int32)? = nil
        // Up the dominator tree: a block whose single predecessor ends in the guard's cond_br.
        var b = siteBlock
        while true {
            let preds = cfg.predecessors[b]
            if preds.count == 1 {
                let p = preds[0]
                let term = function.instructions[Int(function.blocks[p].terminatorIndex)]
                if term.opcode == .condBr, let (limit, read) = limitOnEdge(term, to: b),
                   !perObject || objectOfAddress[function.operands(of: function.instructions[Int(read)]).first ?? -1] == growth.object,
                   nothingChanges(from: read, to: site, touching: touching, module: module, deinitsTouch: deinitsTouch) {
                    if best == nil || limit < best!.limit { best = (limit, function.blocks[p].terminatorIndex) }
                }
            }
            let up = cfg.immediateDominator[b]
            if up == b || up < 0 { break }
            b = up
        }
        return best
    }

    /// The largest count the edge `term → to` allows, with the count read it tests.
    private func limitOnEdge(_ term: Instruction, to: Int) -> (Int, Int32)? {
        let succ = Array(function.successors(of: term))
        guard succ.count == 2, succ[0].block != succ[1].block, let condition = function.operands(of: term).first,
              let ci = function.definingInstruction(condition) else { return nil }
        let taken = Int(succ[0].block) == to
        let cmp = function.instructions[Int(ci)]
        guard cmp.opcode == .builtin, let name = text.builtinName(cmp), name.hasPrefix("cmp_"), name.hasSuffix("_Int64") else { return nil }
        let ops = Array(function.operands(of: cmp))
        guard ops.count == 2 else { return nil }
        let relation = String(name.dropFirst(4).prefix { $0 != "_" })
        for (k, other) in [(0, 1), (1, 0)] {
            guard let read = countRead(ops[k]), let c = constants.constant(ops[other], in: function) else { continue }
            let r = ValueRanges.constraint(relation, taken, other: .exactly(c), valueOnLeft: k == 0)
            guard let hi = r.upperBound else { continue }
            // The count is the global's only as of the load of the buffer it is read from: a
            // buffer loaded before a change still has the old count.
            guard let load = function.definingInstruction(read), let bufferLoad = rootLoad(ofCountRead: load) else { continue }
            return (hi, bufferLoad)
        }
        return nil
    }

    /// The count load a compared value is: directly, or a phi every edge of which passes the
    /// same count load (the optimizer carries a count read before a loop across it).
    private func countRead(_ value: Int32) -> Int32? {
        var leaves: Set<Int32> = []
        var seen: Set<Int32> = []
        var work = [strip(value)]
        while let v = work.popLast() {
            guard seen.insert(v).inserted else { continue }
            if countLoads.contains(v) { leaves.insert(v); continue }
            guard case .blockArgument(let b, _) = function.valueDefinitions[Int(v)], b != 0, seen.count < 32 else { return nil }
            let incoming = incoming(v)
            if incoming.contains(-1) { return nil }
            work.append(contentsOf: incoming.map(strip))
        }
        // Phis through a loop carry one count read: every leaf is that read.
        guard leaves.count == 1 else { return nil }
        return leaves.first
    }

    /// The object whose property a count load reads (nil for a global's, or when not known).
    func objectOfCountRead(_ countLoad: Int32) -> Int32? {
        guard let load = rootLoad(ofCountRead: countLoad), let address = function.operands(of: function.instructions[Int(load)]).first else { return nil }
        return objectOfAddress[address]
    }

    /// The constants the function compares a count of the place with.
    var comparedCountConstants: [Int] {
        var found: [Int] = []
        for inst in function.instructions where inst.opcode == .builtin {
            guard let name = text.builtinName(inst), name.hasPrefix("cmp_") else { continue }
            let ops = Array(function.operands(of: inst))
            guard ops.count == 2 else { continue }
            for (k, other) in [(0, 1), (1, 0)] where countLoads.contains(strip(ops[k])) {
                if let c = constants.constant(ops[other], in: function), c > 0 { found.append(c) }
            }
        }
        return found
    }

    /// Whether an instruction other than the place's own changes may change it: a call into a
    /// function that touches it (or one not resolved), a one-time initializer that does, or a
    /// release whose deinit may.
    func mayChangeElsewhere(_ i: Int32, touching: Set<Int>, module: Module, deinitsTouch: Bool) -> Bool {
        let inst = function.instructions[Int(i)]
        switch inst.opcode {
        case .apply, .tryApply, .beginApply:
            guard let callee = function.operands(of: inst).first, let d = function.definingInstruction(callee),
                  function.instructions[Int(d)].opcode == .functionRef, let name = text.referencedFunction(function.instructions[Int(d)]),
                  let fi = module.functionIndex[name] else { return true }
            return touching.contains(fi)
        case .builtin where text.builtinName(inst) == "once":
            let ops = Array(function.operands(of: inst))
            guard ops.count >= 2, let d = function.definingInstruction(ops[1]), function.instructions[Int(d)].opcode == .functionRef,
                  let name = text.referencedFunction(function.instructions[Int(d)]), let fi = module.functionIndex[name] else { return true }
            return touching.contains(fi)
        case .builtin:
            return deinitsTouch && text.builtinName(inst) == "destroyArray"
        case .strongRelease, .releaseValue, .destroyValue, .destroyAddr:
            return deinitsTouch
        default:
            return false
        }
    }

    /// The load of the global's buffer a count read reads from, through the count's field
    /// projections and the buffer's forwarding (nil through a phi or a call: no one load).
    func rootLoad(ofCountRead countLoad: Int32) -> Int32? {
        guard var a = function.operands(of: function.instructions[Int(countLoad)]).first else { return nil }
        for _ in 0..<12 {
            guard let i = function.definingInstruction(a) else { return nil }
            let inst = function.instructions[Int(i)]
            guard let base = function.operands(of: inst).first else { return nil }
            switch inst.opcode {
            case .structElementAddr:
                a = base
            case .refElementAddr:
                var v = base
                for _ in 0..<8 {
                    guard let d = function.definingInstruction(v) else { return nil }
                    let def = function.instructions[Int(d)]
                    if def.opcode == .load { return rootLoads.contains(d) ? d : nil }
                    guard function.forwardsStorage(def), let next = function.operands(of: def).first else { return nil }
                    v = next
                }
                return nil
            default:
                return nil
            }
        }
        return nil
    }

    /// No change of the global between the count read `read` and `site`, on any path, and no
    /// way to reach `site` again without reading the count anew.
    private func nothingChanges(from read: Int32, to site: Int32, touching: Set<Int>, module: Module, deinitsTouch: Bool) -> Bool {
        let readBlock = Int(function.block(containing: read))
        let siteBlock = Int(function.block(containing: site))
        func changes(_ i: Int32) -> Bool {
            if i == site { return false }
            if growths.contains(where: { $0.site == i }) { return true }
            if harmlessCalls.contains(i) { return false }
            return mayChangeElsewhere(i, touching: touching, module: module, deinitsTouch: deinitsTouch)
        }
        func instructions(of b: Int) -> [Int32] { Array(function.blocks[b].instructions) }
        if readBlock == siteBlock {
            guard read < site else { return false }
            return !instructions(of: readBlock).contains { $0 > read && $0 < site && changes($0) }
        }
        // Blocks on a path read → site that does not pass the read's block again.
        func reach(from starts: [Int], next: (Int) -> [Int]) -> Set<Int> {
            var seen: Set<Int> = []
            var work = starts
            while let b = work.popLast() {
                guard b != readBlock, seen.insert(b).inserted else { continue }
                work.append(contentsOf: next(b))
            }
            return seen
        }
        let forward = reach(from: cfg.successors[readBlock]) { cfg.successors[$0] }
        guard forward.contains(siteBlock) else { return false }
        // The site again, without a new read: it could add twice.
        if reach(from: cfg.successors[siteBlock], next: { cfg.successors[$0] }).contains(siteBlock) { return false }
        let backward = reach(from: cfg.predecessors[siteBlock]) { cfg.predecessors[$0] }
        for b in forward.intersection(backward) where b != siteBlock {
            if instructions(of: b).contains(where: changes) { return false }
        }
        if instructions(of: readBlock).contains(where: { $0 > read && changes($0) }) { return false }
        if instructions(of: siteBlock).contains(where: { $0 < site && changes($0) }) { return false }
        return true
    }
}
