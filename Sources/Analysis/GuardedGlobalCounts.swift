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
        let answer = fieldType(key).map { Self.isArrayType($0) || Self.isHashedType($0) } == true ? derive(place) : nil
        fieldAnswers[key] = .some(answer)
        return answer
    }
    private var fieldAnswers: [String: GlobalCountBounds.Bound?] = [:]

    /// The largest capacity a buffer of the place can have when its count never exceeds
    /// `count`, if every change of it in the module is understood. A reallocation asks for the
    /// count plus k (k ≤ the largest step asked for), or for a constant c, and grows only past a
    /// capacity below what it asks, to at most twice that capacity (`_growArrayCapacity`); a
    /// copy keeps the capacity; other buffers come from arrays stored whole, of known capacity.
    /// So by induction no buffer exceeds max(largest stored, 2 × max(count + k, c)).
    func capacityBound(of place: CountedPlace, count: Int) -> Int? {
        guard let changes = changes(of: place) else { return nil }
        let stored = changes.map(\.changes.largestStored).max() ?? 0
        let step = changes.map(\.changes.largestRequestStep).max() ?? 1
        let constant = changes.map(\.changes.largestConstantRequest).max() ?? 0
        return max(stored, saturatingMultiply(2, max(saturatingAdd(count, step), constant)))
    }

    /// Whether the dictionary or set kept in the place is never shared: every use of it in the
    /// module is understood and none keeps a reference to its table (FunctionChanges.sharesTable),
    /// so no change of it copies (a removal finds it unique).
    func neverShared(_ place: CountedPlace) -> Bool {
        guard let changes = changes(of: place), changes.allSatisfy({ $0.changes.hashed }) else { return false }
        return !changes.contains { $0.changes.sharesTable }
    }

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

    /// The declared type of the stored property `Class.property`.
    private func fieldType(_ key: String) -> String? {
        guard let dot = key.lastIndex(of: ".") else { return nil }
        let typeName = String(key[..<dot]), property = String(key[key.index(after: dot)...])
        guard let decl = module.typeDeclarations.first(where: { $0.name == typeName }), decl.kind == .class,
              let stored = decl.storedProperties.first(where: { $0.name == property }) else { return nil }
        return stored.type
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
                refusals[place.refusalKey] = roomRefusal(unguarded, limit: candidates.last ?? largest, touching: touching, deinitsTouch: deinitsTouch)
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

    /// Why no limit holds for changes no check dominates: the first that may find the count at
    /// `limit` (the largest the code compares it with), and what undid the room before it.
    private func roomRefusal(_ unguarded: [(function: Function, changes: FunctionChanges, growths: [FunctionChanges.Growth])],
                             limit: Int, touching: Set<Int>, deinitsTouch: Bool) -> String {
        for (f, changes, open) in unguarded {
            guard let problem = changes.roomProblem(atMost: limit, unguarded: open, touching: touching, module: module, deinitsTouch: deinitsTouch) else { continue }
            var why = "no check of its count, read after the last change, guards the change that adds to it\(location(f, problem.site))"
            if let undone = problem.undoneBy {
                let inst = f.instructions[Int(undone)]
                let what = inst.opcode == .store ? "a store of an array of unknown count" : "a call that may change it"
                why += ", and no room is made after \(what)\(location(f, undone))"
            }
            return why
        }
        let (f, _, open) = unguarded[0]
        return "no check of its count, read after the last change, guards the change that adds to it\(location(f, open[0].site))"
    }

    /// For a global or property whose count the program states: the largest capacity an array stored
    /// whole into it has (`t = Array(repeating: 0, count: 64)`), or why its capacity may exceed
    /// what its count allows (`reserveCapacity`, an array of any size stored into it): the
    /// statement bounds the count, and the growth models take the capacity from it.
    func capacityFollowsCount(of place: CountedPlace) -> Result<Int, StoredArrayCapacities.Refusal> {
        if let known = capacityAnswers[place] { return known }
        let answer: Result<Int, StoredArrayCapacities.Refusal>
        if case .field(let key) = place, !(fieldType(key).map { Self.isArrayType($0) || Self.isHashedType($0) } ?? false) {
            answer = .failure(StoredArrayCapacities.Refusal(message: "it is not an array, a dictionary or a set"))
        } else if let changes = changes(of: place) {
            answer = .success(changes.map(\.changes.largestStored).max() ?? 0)
        } else {
            answer = .failure(StoredArrayCapacities.Refusal(message: refusals[place.refusalKey] ?? "its uses are not understood"))
        }
        capacityAnswers[place] = answer
        return answer
    }
    private var capacityAnswers: [CountedPlace: Result<Int, StoredArrayCapacities.Refusal>] = [:]

    /// Every function's changes of the global, or nil (with the refusal kept) when one of them
    /// is not understood.
    private func changes(of place: CountedPlace) -> [(function: Function, changes: FunctionChanges)]? {
        if let known = changesCache[place] { return known }
        var result: [(function: Function, changes: FunctionChanges)]? = []
        var addressors: Set<String> = []
        var users: Set<Int>? = nil
        var hashed = false
        switch place {
        case .global(let symbol):
            guard let global = module.globals.first(where: { $0.name == symbol }) else { break }
            hashed = Self.isHashedType(global.type)
            if global.initializer == nil, Self.isArrayType(global.type) || hashed {
                addressors = index.addressors[symbol] ?? []
                users = Set((index.globalAddresses[symbol] ?? []).map(\.function)).union(index.addressorUsers[symbol] ?? [])
            }
        case .field(let key):
            hashed = fieldType(key).map(Self.isHashedType) ?? false
            users = Set(index.fieldAddresses[key] ?? [])
        }
        if let users {
            do {
                for fi in users.sorted() {
                    let f = module.functions[fi]
                    // An addressor only hands out the address; its callers' uses are checked
                    // (a public global's addressor stays in the module even when nothing calls it).
                    if addressors.contains(f.name) { continue }
                    if case .global(let symbol) = place, f.name.hasSuffix("vau"), addressorFinder.addressedGlobal(f.name) == symbol { continue }
                    result!.append((f, try FunctionChanges(function: f, place: place, hashed: hashed, addressors: addressors, text: text, constants: constants,
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

    /// A dictionary or set: `Dictionary<K, V>`, `Set<T>`, `[K : V]`.
    static func isHashedType(_ type: String) -> Bool {
        var t = Substring(type)
        while t.hasPrefix("$") || t.hasPrefix("*") { t = t.dropFirst() }
        guard !t.hasPrefix("Dictionary<") && !t.hasPrefix("Set<") else { return true }
        // `[K : V]`: a colon outside any parentheses or brackets of K (not `[(a: Int)]`).
        guard t.hasPrefix("[") else { return false }
        var depth = 0
        for c in t.dropFirst() {
            if c == "(" || c == "[" || c == "<" { depth += 1 }
            if c == ")" || c == "]" || c == ">" { depth -= 1 }
            if c == ":" && depth == 0 { return true }
        }
        return false
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

    private lazy var addressorFinder = GlobalCountBounds(module: module, text: text, constants: constants)

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
