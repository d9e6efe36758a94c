// Arrays that grow by append: one object whose size follows its element count.
//
// In optimized Embedded SIL an append is inlined into the caller, down to a call of the
// stdlib's buffer reallocation when the storage is full or shared:
//
//   bb3(%27 : $__ContiguousArrayStorageBase):            the array, carried by the loop
//     (%34, %35) = begin_cow_mutation %27
//     %46 = assumeNonNegative(load count of %35)
//     %49 = struct $Int (tuple_extract (sadd_with_overflow %46, 1))     minimumCapacity = count + 1
//     %52 = apply @_consumeAndCreateNew(%unique, %49, %grow, %35)       new buffer, old released
//     …
//     store (count + 1) to count of %83                                 the append itself
//
// The size of the new buffer comes from the old buffer's capacity at run time, so an
// alloc_ref with a constant count never appears. The model instead treats every storage
// value connected to such a call (through phis, casts, wrapping structs, COW markers and
// the call itself) as one *array web*, and bounds it by its element count:
//
//   M = initial count + Σ over stores of "count + k" of k × (times that store can run)
//
// where the times come from the trip counts of the loops around the store. The growth
// policy (SILFacts §5.6: new capacity = max(needed, 2 × old) when growing for append,
// exactly what is asked, no malloc_size rounding in Embedded Swift) then gives:
//
//   • appends of one element to an array that starts empty: capacities 1, 2, 4, …, so
//     the largest capacity is the power of two P ≥ M and the worst moment is growing from
//     P/2 to P, with both buffers live: size(P/2) + size(P);
//   • anything else (a literal start, counts raised by more than one): capacity at most
//     C = max(initial, needed, 2 × (needed − 1)), worst moment 2 × size(C).
//
// The web's resident bytes size(P) are charged once, where its storage is made (the empty
// array or the first literal); each reallocation site adds the old buffer on top while it
// runs. The web dies (or escapes) like any other object, by its values' uses.
//
// Soundness first: the model applies only when every use of the web is one it understands.
// Storage that comes from elsewhere (a parameter, a global, a call) has an unknown count on
// entry; storage stored into memory or passed to a call that owns or mutates it may be grown
// out of sight; a copy (retain) means the old buffer can outlive a reallocation. Each of these
// leaves the web unbounded with that reason, at the reallocation site.

import Layout
import SILModel

enum ArrayGrowthModel: GrowthModelKind {
    /// The demangled name of the stdlib function every append-path reallocation goes through.
    static let reallocationName = "_ContiguousArrayBuffer._consumeAndCreateNew(bufferIsUnique:minimumCapacity:growForAppend:)"
    /// The copy on write of a shared buffer: `_consumeAndCreateNew(bufferIsUnique: false,
    /// minimumCapacity: count, growForAppend: false)`, a buffer of exactly the old count.
    static let copyName = "_ContiguousArrayBuffer._consumeAndCreateNew()"
    /// The reallocation of an array kept in memory (what `map` and `filter` grow their result
    /// through): it loads the buffer from its `@inout` array, reallocates it as above and stores
    /// the new one back.
    static let slotReallocationNames = ["ContiguousArray._createNewBuffer(bufferIsUnique:minimumCapacity:growForAppend:)",
                                        "Array._createNewBuffer(bufferIsUnique:minimumCapacity:growForAppend:)"]
    /// Allocates a buffer of a given capacity (`Array(repeating:count:)` calls it).
    static let allocationName = "Array._allocateBufferUninitialized(minimumCapacity:)"
    /// Makes an array of `count` copies of a value, in a buffer of exactly that capacity.
    static let repeatingName = "Array.init(repeating:count:)"

    static func classify(_ function: Function, demangled: String, embedded: Bool, into entry: inout StdlibCallIndex.Entry) {
        entry.arrayReallocation = demangled.containsBytes(reallocationName)
        entry.arrayCopy = demangled.containsBytes(copyName)
        entry.arraySlotReallocation = slotReallocationNames.contains { demangled.containsBytes($0) }
        entry.arrayAllocation = demangled.containsBytes(allocationName)
        entry.arrayRepeating = demangled.containsBytes(repeatingName)
    }

    static func build(_ builder: inout GrowthBuilder) -> GrowthModel { builder.buildArrays() }
}

/// The storage layout a reallocation function allocates: header bytes and element type,
/// provided its body has the Embedded shape (one tail-allocated alloc_ref, no malloc_size).
private struct ArrayStorageShape {
    var classType: TypeExpression
    var elementType: TypeExpression
}

extension GrowthBuilder {
    private var arrayPatterns: GrowthPatterns { patterns(countFields: ["#_SwiftArrayBodyStorage.count"]) }

    private func storageShape(of callee: Function) -> ArrayStorageShape? {
        guard callee.isDefinition else { return nil }
        var shape: ArrayStorageShape?
        for inst in callee.instructions {
            if inst.opcode == .allocRef {
                let fields = context.module.allocRefFields(of: inst, in: callee)
                guard shape == nil, let tails = fields.tailElements, tails.count == 1, let spelling = fields.classType else { return nil }
                shape = ArrayStorageShape(classType: TypeExpressionParser.parse(spelling), elementType: TypeExpressionParser.parse(tails[0].elementType))
            }
            // A capacity rounded up to what malloc gave (non-Embedded stdlibs) breaks the model.
            if inst.opcode == .functionRef, let name = context.text.referencedFunction(inst), name.contains("malloc") {
                return nil
            }
        }
        return shape
    }

    /// The storage a copy-on-write copy allocates: that of the reallocation it calls.
    private func copiedShape(of callee: Function) -> ArrayStorageShape? {
        for inst in callee.instructions where inst.opcode == .functionRef {
            if let name = context.text.referencedFunction(inst), context.stdlib.entry(name).arrayReallocation,
               let reallocation = context.module.function(named: name) {
                return storageShape(of: reallocation)
            }
        }
        return nil
    }

    /// The storage a reallocation of an array in memory allocates, provided its body is only
    /// that: load the buffer from the array's address, reallocate it, store the new one back.
    private func slotReallocationShape(of callee: Function) -> ArrayStorageShape? {
        guard callee.isDefinition else { return nil }
        var shape: ArrayStorageShape?
        for inst in callee.instructions {
            switch inst.opcode {
            case .structElementAddr, .beginAccess, .endAccess, .load, .store, .structInst, .tupleInst, .returnInst, .debugValue:
                continue
            case .functionRef:
                guard shape == nil, let name = context.text.referencedFunction(inst), context.stdlib.entry(name).arrayReallocation,
                      let reallocation = context.module.function(named: name) else { return nil }
                shape = storageShape(of: reallocation)
            case .apply:
                continue
            default:
                return nil
            }
        }
        let calls = callee.instructions.filter { $0.opcode == .apply }.count
        return calls == 1 ? shape : nil
    }

    /// The stack slot an array reallocated in memory lives in (through accesses), if it is one.
    private func arraySlot(of address: Int32) -> Int32? {
        stackSlot(of: address) { $0.opcode == .beginAccess || $0.opcode == .structElementAddr }
    }

    /// Joins the array kept in each of `slots` with its addresses, the values stored into it
    /// and those loaded from it: all carry the one array. Returns the addresses.
    private mutating func joinArraySlots(_ slots: Set<Int32>) -> Set<Int32> {
        var addresses: Set<Int32> = []
        for inst in function.instructions {
            let ops = function.operands(of: inst)
            guard let first = ops.first else { continue }
            switch inst.opcode {
            case .beginAccess, .structElementAddr:
                guard let slot = arraySlot(of: first), slots.contains(slot), let result = function.results(of: inst).first else { continue }
                webs.union(first, result)
                addresses.formUnion([slot, result])
            case .load:
                guard let slot = arraySlot(of: first), slots.contains(slot), let result = function.results(of: inst).first else { continue }
                webs.union(first, result)
            case .store where ops.count == 2:
                let destination = ops[ops.startIndex + 1]
                guard let slot = arraySlot(of: destination), slots.contains(slot) else { continue }
                webs.union(first, destination)
            default:
                continue
            }
        }
        return addresses.union(slots)
    }

    /// Why a use of an address of an array slot breaks the model (nil: understood). The
    /// reallocation sites, the loads and stores the web joined, and the slot's end are.
    private func slotUseProblem(_ u: Int32, of address: Int32, sites: [Int32], addresses: Set<Int32>) -> String? {
        let inst = function.instructions[Int(u)]
        let ops = function.operands(of: inst)
        if sites.contains(u) { return ops.dropLast().contains(address) ? "the array is passed to its own reallocation twice" : nil }
        switch inst.opcode {
        case .load, .deallocStack, .endAccess, .debugValue, .destroyAddr:
            return nil
        case .store where ops.count == 2 && ops.last == address:
            return nil
        case .beginAccess, .structElementAddr where function.results(of: inst).allSatisfy(addresses.contains):
            return nil
        case .apply, .tryApply, .beginApply where isMarkerCall(u):
            return nil
        default:
            return "the array's variable is used by `\(arrayPatterns.opcodeWord(inst))`, which the growth model does not know (SIL line \(inst.silLine))"
        }
    }

    /// A copy-on-write copy (`_consumeAndCreateNew()`, the old buffer its one argument): it asks
    /// for the old count, never more.
    private func isCopySite(_ site: Int32) -> Bool {
        function.operands(of: function.instructions[Int(site)]).count == 2
    }

    // MARK: building

    /// The array webs of the function.
    mutating func buildArrays() -> GrowthModel {
        var model = GrowthModel()
        // Cheap test first: no reference to the reallocation function, no growth site.
        guard referencesStdlib(where: { $0.arrayReallocation || $0.arrayCopy || $0.arraySlotReallocation }) else { return model }
        // Reallocation sites: calls whose one target is the stdlib reallocation, and those of
        // an array kept in a stack slot.
        var sites: [(index: Int32, shape: ArrayStorageShape?)] = []
        var slots: Set<Int32> = []
        for (b, block) in function.blocks.enumerated() where !isTrapPath(b) {
            for index in block.instructions where function.instructions[Int(index)].opcode == .apply {
                guard let name = singleTarget(index), let callee = context.module.function(named: name) else { continue }
                let entry = context.stdlib.entry(name)
                let operandCount = function.operands(of: function.instructions[Int(index)]).count
                if entry.arrayReallocation && operandCount == 5 {
                    sites.append((index, storageShape(of: callee)))
                } else if entry.arrayCopy && operandCount == 2 {
                    sites.append((index, copiedShape(of: callee)))
                } else if entry.arraySlotReallocation && operandCount == 5,
                          let slot = arraySlot(of: function.operands(of: function.instructions[Int(index)]).last!) {
                    sites.append((index, slotReallocationShape(of: callee)))
                    slots.insert(slot)
                }
            }
        }
        if sites.isEmpty { return model }

        indexUses()
        for inst in function.instructions {
            let ops = function.operands(of: inst)
            if arrayPatterns.forwardsStorage(inst), let first = ops.first, let result = function.results(of: inst).last,
               emptySingleton(first) == nil {
                webs.union(first, result)
            }
        }
        for site in sites {
            let inst = function.instructions[Int(site.index)]
            let old = function.operands(of: inst).last!
            if let result = function.results(of: inst).first { webs.union(old, result) }
        }
        let slotAddresses = slots.isEmpty ? [] : joinArraySlots(slots)

        let members = groupSites(sites.map(\.index), kind: { _ in "array" }, into: &model)
        var shapes: [Int: ArrayStorageShape?] = [:]
        for site in sites {
            let w = model.siteWeb[site.index]!
            if shapes[w] == nil || site.shape == nil { shapes[w] = site.shape }
            if site.shape == nil, model.webs[w].reason == nil {
                model.webs[w].reason = ("the reallocation function does not have the Embedded shape (one tail-allocated buffer, exact capacity)", site.index)
            }
        }
        // The values that carry the array (not the slots' addresses): where it dies is decided by them.
        for w in model.webs.indices { model.webs[w].values = members[w].subtracting(slotAddresses) }
        for w in model.webs.indices where model.webs[w].reason == nil {
            let sitesOfWeb = sites.filter { model.siteWeb[$0.index] == w }.map(\.index)
            if let shape = shapes[w] ?? nil {
                evaluate(&model, w, sitesOfWeb, shape, slotAddresses: members[w].intersection(slotAddresses))
            }
        }
        return model
    }

    /// Sources, uses, count bound and bytes of web `w`.
    private func evaluate(_ model: inout GrowthModel, _ w: Int, _ sites: [Int32], _ shape: ArrayStorageShape, slotAddresses: Set<Int32>) {
        let values = model.webs[w].values
        let anchor = sites.min()!
        model.webs[w].firstSite = anchor
        func fail(_ message: String) { model.webs[w].reason = ("array growth cannot be bounded: " + message, anchor) }
        for address in slotAddresses.sorted() {
            for u in users[address] ?? [] where !isTrapPath(Int(function.block(containing: u))) {
                if let why = slotUseProblem(u, of: address, sites: sites, addresses: slotAddresses) { return fail(why) }
            }
        }

        // Where the storage comes from: the empty singleton (joined to no web, see
        // `indexUses`), a literal, or the reallocations themselves.
        var initialCount = 0
        var initialCapacity = 0
        var startsEmpty = true
        // A global whose largest count the program states (GlobalCountBounds.swift).
        var statedCount: Int? = nil
        // Arrays read from stored places whose capacity the module bounds
        // (StoredArrayCapacities.swift), and the globals among those places' homes.
        var storedCapacity: Int? = nil
        var homeGlobals: Set<String> = []
        var storedSources: Set<Int32> = []
        /// Loads of a place whose count the code or the user bounds (it holds its buffer before the call).
        var placeSources: Set<Int32> = []
        var storedPlaces: Set<StoredArrayCapacities.Place> = []
        // The `@inout` parameters those places are in, and whether any is elsewhere (an object).
        var inoutHomes: Set<Int32> = []
        var localHomes: Set<Int32> = []
        var otherHomes = false
        // `@inout` parameters whose array the caller bounds.
        var parameterHomes: Set<Int32> = []
        // The places whose stated or enforced count the sources read.
        var statedPlaces: Set<String> = []
        // A source is a class's property, of objects that may differ from one iteration to the
        // next: each holds a buffer of its own.
        var perInstance = false
        // The class properties (guarded in every instance) the sources read.
        var fieldHomes: Set<String> = []
        model.webs[w].sources = singletonSources(of: values, forwards: arrayPatterns.forwardsStorage)
        for v in values.sorted() {
            switch function.valueDefinitions[Int(v)] {
            case .undefined:
                return fail("storage of unknown origin")
            case .blockArgument(let b, _):
                if let why = arrayPatterns.phiProblem(block: b, kind: "array") { return fail(why) }
            case .instruction(let i, _):
                let inst = function.instructions[Int(i)]
                if sites.contains(i) { continue }
                if inst.opcode == .load, let first = function.operands(of: inst).first, slotAddresses.contains(first) { continue }
                if arrayPatterns.forwardsStorage(inst), let first = function.operands(of: inst).first,
                   values.contains(first) || emptySingleton(first) != nil { continue }
                if inst.opcode == .rawPointerToRef, arrayPatterns.isStaticSingleton(function.operands(of: inst).first, named: ["swiftEmptyArrayStorage"]) {
                    model.webs[w].sources.append(i)
                    continue
                }
                if inst.opcode == .globalValue, let n = context.text.referencedFunction(inst).flatMap({ context.module.staticTailElementCount(ofGlobal: $0) }) {
                    // A literal of constants, built at compile time and never freed: its
                    // buffer is charged as if made here (more than it costs, never less).
                    model.webs[w].sources.append(i)
                    initialCount = max(initialCount, n)
                    initialCapacity = max(initialCapacity, n)
                    startsEmpty = false
                    continue
                }
                if inst.opcode == .allocRef, let n = constantTailCount(inst) {
                    model.webs[w].sources.append(i)
                    model.coveredAllocations.insert(i)
                    initialCount = max(initialCount, n)
                    initialCapacity = max(initialCapacity, n)
                    startsEmpty = false
                    continue
                }
                if let stated = statedBound(inst) {
                    if callsMayTouch(stated.symbol, except: Set(sites)) {
                        return fail("a call may read or keep the global `\(CalleeResolver.readableGlobal(stated.symbol))` while this function grows it (keep its changes in one function with no other calls that use it)")
                    }
                    if let why = otherAccess(toGlobal: stated.symbol, besides: values) { return fail(why) }
                    model.webs[w].sources.append(i)
                    placeSources.insert(i)
                    model.webs[w].assumptions.append((.maxCount, stated.message, i))
                    statedCount = min(statedCount ?? stated.count, stated.count)
                    statedPlaces.insert("global:" + stated.symbol)
                    startsEmpty = false
                    continue
                }
                if inst.opcode == .apply, let name = singleTarget(i), context.stdlib.entry(name).arrayAllocation {
                    // A new buffer of a capacity the call's argument fixes: the web's resident
                    // bytes cover what the call allocates.
                    guard case .success(let capacity) = context.storedCapacities.capacity(ofResultOf: i, in: function) else {
                        return fail("the array is allocated with a capacity that is not a constant (SIL line \(inst.silLine))")
                    }
                    model.webs[w].sources.append(i)
                    model.makers.insert(i)
                    initialCount = max(initialCount, capacity)
                    initialCapacity = max(initialCapacity, capacity)
                    startsEmpty = false
                    continue
                }
                if inst.opcode == .apply, let name = singleTarget(i), context.stdlib.entry(name).arrayRepeating {
                    // `Array(repeating:count:)` not inlined: a buffer of `count` elements, whose
                    // bound the code states where it calls (`min(n, 64)`, `guard n <= 16`).
                    let ops = function.operands(of: inst)
                    guard ops.count == 3,
                          let count = ranges.upperBound(of: ops[ops.startIndex + 2], at: Int(function.block(containing: i))) else {
                        return fail("Array(repeating:count:) is called with a count the code does not bound (clamp it, e.g. min(n, 64))")
                    }
                    model.webs[w].sources.append(i)
                    model.makers.insert(i)
                    initialCount = max(initialCount, max(count, 0))
                    initialCapacity = max(initialCapacity, max(count, 0))
                    startsEmpty = false
                    continue
                }
                if let (parameter, bound) = boundedParameter(inst) {
                    // An `@inout` array whose place the caller bounds (ArrayParameterBound.swift):
                    // read as that place would be read.
                    model.webs[w].sources.append(i)
                    parameterHomes.insert(parameter)
                    startsEmpty = false
                    switch bound.limit {
                    case .statedCount(let n):
                        placeSources.insert(i)
                        if callsMayReach(parameter, except: Set(sites)) {
                            return fail("a call, or a deinit a release here may run, may read or keep the array passed in from `\(bound.place)` while this function grows it")
                        }
                        if let why = otherAccess(roots: [parameter], name: "array passed in from `\(bound.place)`", besides: values) { return fail(why) }
                        model.webs[w].assumptions.append((.maxCount, bound.assumption, i))
                        statedCount = min(statedCount ?? n, n)
                        statedPlaces.insert(bound.placeKey ?? "parameter:\(parameter)")
                    case .storedCapacity(let c):
                        model.webs[w].assumptions.append((.storedCapacity, bound.assumption, i))
                        storedSources.insert(i)
                        inoutHomes.insert(parameter)
                        storedCapacity = max(storedCapacity ?? 0, c)
                        initialCount = max(initialCount, c)
                        initialCapacity = max(initialCapacity, c)
                    }
                    continue
                }
                if let (key, enforced) = enforcedFieldBound(inst) {
                    // A class's array property whose every change, in every instance, is behind
                    // a check of that instance's count (GuardedGlobalCounts.swift).
                    if let why = fieldCallProblem(key, except: Set(sites)) { return fail(why) }
                    if let why = otherAccess(roots: fieldAddresses(key), name: "property `\(key)`", besides: values) { return fail(why) }
                    model.webs[w].sources.append(i)
                    placeSources.insert(i)
                    model.webs[w].assumptions.append((.maxCount, enforced.assumption(field: key), i))
                    statedCount = min(statedCount ?? enforced.count, enforced.count)
                    fieldHomes.insert(key)
                    // One object's property: one place (FieldPlaces.swift).
                    if let address = function.operands(of: inst).first,
                       let (_, object) = function.propertyAddress(address, module: context.module) {
                        statedPlaces.insert(PlaceKey.field(key, object: object, in: function, module: context.module))
                    } else {
                        statedPlaces.insert("instances:" + key)
                        perInstance = true
                    }
                    startsEmpty = false
                    continue
                }
                if let stored = storedPlaceBound(i) {
                    switch stored.capacity {
                    case .failure(let refusal):
                        return fail(arrayPatterns.originProblem(inst, kind: "array") + "; no capacity holds for `\(stored.place.readable)` across the module: \(refusal.message)" + unenforcedCount(inst))
                    case .success(let capacity):
                        if let home = stored.global {
                            if callsMayTouch(home, except: Set(sites)) {
                                return fail("a call, or a deinit a release here may run, may read or keep the global `\(CalleeResolver.readableGlobal(home))` while this function changes its array `\(stored.place.readable)`")
                            }
                            if let why = otherAccess(toGlobal: home, besides: values) { return fail(why) }
                            homeGlobals.insert(home)
                        }
                        model.webs[w].sources.append(i)
                        model.webs[w].assumptions.append((.storedCapacity, "`\(stored.place.readable)` holds arrays of capacity at most \(capacity), the largest the module stores there (trusted: no value is forged from raw memory)", i))
                        storedSources.insert(i)
                        storedPlaces.insert(stored.place)
                        if stored.global == nil, let address = function.operands(of: inst).first {
                            if let parameter = inoutParameter(under: address) {
                                inoutHomes.insert(parameter)
                            } else if let object = localObject(under: address) {
                                localHomes.insert(object)
                            } else {
                                otherHomes = true
                            }
                        }
                        storedCapacity = max(storedCapacity ?? 0, capacity)
                        initialCount = max(initialCount, capacity)
                        initialCapacity = max(initialCapacity, capacity)
                        startsEmpty = false
                        continue
                    }
                }
                return fail(arrayPatterns.originProblem(inst, kind: "array") + unenforcedCount(inst))
            }
        }
        if model.webs[w].sources.isEmpty { return fail("no place where the array is made") }

        // What is done with it, and where its count is set.
        var countStores: [(store: Int32, value: Int32)] = []
        var arrayPatterns = self.arrayPatterns
        if statedCount != nil || !storedPlaces.isEmpty || !parameterHomes.isEmpty {
            let fieldHomes = fieldHomes
            // Back into the global it came from (that global's array, charged once for the call),
            // or into the place it was read from, whose capacity bound covers every array stored
            // there, or into the bounded `@inout` parameter it was read from.
            arrayPatterns.mayStoreInto = { [context, function, values, parameterHomes] address, value in
                if !parameterHomes.isEmpty, let p = inoutParameter(under: address), parameterHomes.contains(p) { return true }
                let places = context.storedCapacities
                if let place = places.place(ofAddress: address, in: function), storedPlaces.contains(place) { return true }
                if case .field(let key)? = places.place(ofAddress: address, in: function), fieldHomes.contains(key) { return true }
                // A whole struct stored back, its array field the place the array came from.
                if let made = function.definingInstruction(value), function.instructions[Int(made)].opcode == .structInst {
                    let fields = Array(function.operands(of: function.instructions[Int(made)]))
                    // The array field's value wraps the storage reference in `Array` and its buffer struct.
                    func carriesWeb(_ v: Int32) -> Bool {
                        var v = v
                        for _ in 0..<4 {
                            if values.contains(v) { return true }
                            guard let i = function.definingInstruction(v), function.instructions[Int(i)].opcode == .structInst,
                                  case let ops = function.operands(of: function.instructions[Int(i)]), ops.count == 1 else { return false }
                            v = ops.first!
                        }
                        return values.contains(v)
                    }
                    let carried = fields.indices.filter { carriesWeb(fields[$0]) }
                    if !carried.isEmpty, carried.allSatisfy({ k in
                        places.place(ofField: k, inConstruction: function.instructions[Int(made)]).map(storedPlaces.contains) ?? false
                    }) { return true }
                }
                guard let symbol = context.globalCounts.globalSymbol(ofAddress: address, in: function) else { return false }
                return homeGlobals.contains(symbol) || context.globalCounts.bound(ofGlobal: symbol) != nil
            }
        }
        if !slotAddresses.isEmpty {
            // Into the slot the array lives in: the slot's uses were checked above.
            let elsewhere = arrayPatterns.mayStoreInto
            arrayPatterns.mayStoreInto = { address, value in slotAddresses.contains(address) || elsewhere(address, value) }
        }
        let reach = arrayPatterns.reach(Set(sites))
        for v in values.sorted() {
            for u in users[v] ?? [] {
                let inst = function.instructions[Int(u)]
                let ops = function.operands(of: inst)
                let block = Int(function.block(containing: u))
                if isTrapPath(block) { continue }
                if sites.contains(u) {
                    if ops.last != v || ops.dropLast().contains(v) { return fail("the array is passed to its own reallocation twice") }
                    continue
                }
                if let why = arrayPatterns.useProblem(u, of: v, kind: "array", reach: reach, users: users, calleeName: calleeName, countStores: &countStores) {
                    return fail(why)
                }
            }
        }

        // How the count changes: each store sets it to a constant, or to an earlier count
        // (loaded, or forwarded by the optimizer from an earlier store) plus or minus k.
        let counts = GrowthPatterns.CountValues(values: values, stored: Set(countStores.map { arrayPatterns.stripInt($0.value) }))
        let (setTo, increments, unbounded) = arrayPatterns.countIncrements(countStores, counts)
        if let stated = statedCount {
            if statedPlaces.count == 1, let key = statedPlaces.first, storedPlaces.isEmpty,
               key.hasPrefix("global:") || key.hasPrefix("arg:") || key.hasPrefix("field:") {
                model.webs[w].placeKey = key
            }
            // The program's promise holds after every change: no count exceeds it, so neither
            // does a reallocation's request for one more, and the old buffer is smaller than
            // the one that replaces it. What each store sets the count to does not matter.
            let preexisting = Set(model.webs[w].sources).isSubset(of: placeSources.union(storedSources))
            return evaluateStated(&model, w, sites, shape, stated: stated, counts: counts, storedCapacity: storedCapacity ?? 0, preexisting: preexisting,
                                  oncePerCall: !perInstance)
        }
        if let store = unbounded {
            return fail("the array's count is set to a value the analysis cannot bound (SIL line \(function.instructions[Int(store)].silLine))")
        }

        // The largest count. A loop that makes the array afresh each iteration starts the
        // count over, so it is not a multiplier: nothing of the web is carried by its header,
        // and every source outside it is the immutable empty storage (hoisted out of the loop).
        let sources = model.webs[w].sources
        func restartsArray(_ l: Int) -> Bool {
            let loop = loops.loops[l]
            if function.arguments(of: function.blocks[loop.header]).contains(where: { values.contains($0) }) { return false }
            return sources.allSatisfy { s in
                loop.blocks.contains(Int(function.block(containing: s))) || function.instructions[Int(s)].opcode == .rawPointerToRef
            }
        }
        // One home (one global, one `@inout` parameter, one object made here) whose array is
        // replaced in place, and stored nowhere else: one buffer for the whole call. Several
        // homes, or a store into another instance of the same type, may each keep a copy.
        let homes = homeGlobals.count + inoutHomes.count + localHomes.count
        if homes == 1, !otherHomes, let home = homeGlobals.first,
           storesOnlyInto(values, { context.globalCounts.globalSymbol(ofAddress: $0, in: function) == home }) {
            model.webs[w].chargedOnceForCall = true
        } else if homes == 1, !otherHomes, let home = inoutHomes.first, !callsMayReach(home, except: Set(sites)),
                  !readsIntoCopy(home, besides: values, reach: reach), storesOnlyInto(values, { inoutParameter(under: $0) == home }) {
            // Exclusive access keeps every other code out of the parameter for the call, and no
            // call here is handed it.
            model.webs[w].chargedOnceForCall = true
        } else if homes == 1, !otherHomes, let home = localHomes.first,
                  isExclusive(home, besides: values, sites: Set(sites), reach: reach), storesOnlyInto(values, { localObject(under: $0) == home }) {
            model.webs[w].chargedOnceForCall = true
        }
        if let key = copiedPlace(values, sites: sites, storedSources: storedSources, sources: model.webs[w].sources) {
            model.webs[w].placeKey = key
            model.webs[w].chargedOnceForCall = true
        }
        // An append behind a check of the array's own count sets it to at most the check's
        // limit plus one, however often it runs (LocalCountGuards.swift).
        let guards = LocalCountGuards(patterns: arrayPatterns, ranges: ranges, madeCount: madeCount, values: values, countStores: countStores, sites: Set(sites), users: users)
        // Counted three ways, each sound on its own: with the guards (a guarded store sets at
        // most its limit), without (every store adds k per run), and by induction over the
        // changes (LocalCountGuards.inductiveCount); the smallest holds.
        let guardedCount = guards.guardedCounts()
        func largestCount(guarded: [Int32: Int]) -> Int? {
            var maxCount = max(initialCount, setTo, guarded.values.max() ?? 0)
            for inc in increments where guarded[inc.store] == nil {
                guard let times = arrayPatterns.times(inc.block, loops: loops, tripCounts: tripCounts, restarts: restartsArray) else { return nil }
                maxCount = saturatingAdd(maxCount, saturatingMultiply(inc.k, times))
            }
            return maxCount
        }
        for inc in increments where loops.nest(of: inc.block).contains(where: restartsArray) { model.webs[w].restartsInLoop = true }
        let counted = [largestCount(guarded: guardedCount), guardedCount.isEmpty ? nil : largestCount(guarded: [:]),
                       guards.inductiveCount(start: max(initialCount, setTo))].compactMap { $0 }
        guard let maxCount = counted.min() else {
            return fail("an append runs in a loop with no bound (add maxlive.loop_bound)")
        }
        // Each reallocation asks for count + k at most (k the largest step), or for a capacity
        // reserved outright (`reserveCapacity(n)`): the largest value the code allows, which
        // must be bounded.
        let step = increments.map(\.k).max() ?? 0
        var reserved = 0
        for site in sites {
            if isCopySite(site) { reserved = max(reserved, maxCount); continue }
            let request = Array(function.operands(of: function.instructions[Int(site)]))[2]
            guard let largest = largestRequest(request, at: Int(function.block(containing: site)), maxCount: maxCount, counts: counts) else {
                return fail("the array's capacity is reserved with a value that has no bound the code states (clamp it, e.g. min(n, 64))")
            }
            reserved = max(reserved, largest)
        }
        // When every reallocation asks for one more than the current count, a full buffer of
        // capacity c is replaced by one of 2c (the stdlib's `_growArrayCapacity`), so the
        // capacities are the start's times powers of two: 1, 2, 4, … from empty, c, 2c, 4c, …
        // from a literal of capacity c. Setting the count never changes the capacity.
        let starts = startsEmpty ? [0] : startCapacities(model.webs[w].sources)
        let oneByOne = starts != nil && sites.allSatisfy { minimumCapacityIsCountPlusOne($0, counts) && growsForAppend($0) }
        let size: (Int) -> Int? = { n in
            guard let instance = context.layout.instanceSize(ofClass: shape.classType) else { return nil }
            return context.layout.tailAllocatedSize(instance: instance.size, elements: [(type: shape.elementType, count: n)])
        }
        model.webs[w].maxCount = maxCount
        if oneByOne, let starts {
            if maxCount == 0 { return }
            var resident = 0, transient = 0
            for start in starts {
                let (largest, previous) = doublingCapacities(from: start, toHold: maxCount)
                guard let bytes = size(largest), let before = previous > 0 ? size(previous) : 0 else { return fail("no layout for the storage") }
                resident = max(resident, bytes)
                transient = max(transient, before)
            }
            model.webs[w].residentBytes = resident
            model.webs[w].transientBytes = transient
        } else {
            let needed = max(saturatingAdd(maxCount, step), reserved)
            // Only a reallocation for append may double; a copy asks for the count it copies.
            let doubles = sites.contains { !isCopySite($0) }
            let capacity = max(initialCapacity, needed, doubles ? saturatingMultiply(2, max(0, needed - 1)) : 0)
            guard let largest = size(capacity) else { return fail("no layout for the storage") }
            model.webs[w].residentBytes = largest
            model.webs[w].transientBytes = largest
            // A copy on write runs only when another owner shares the old buffer, so releasing
            // it frees nothing. That buffer was made before the call when every source is a
            // stored place (the model refuses a web that is shared while it still changes).
            if Set(model.webs[w].sources).isSubset(of: storedSources) {
                for site in sites where isCopySite(site) { model.webs[w].siteTransientBytes[site] = 0 }
            }
        }
    }

    /// A load of an array kept in a stored place (a stored property of array type, directly or
    /// extracted from the loaded struct, or a global of array type): the place, its capacity
    /// bound or why there is none, and the global it is in, if one.
    private func storedPlaceBound(_ i: Int32) -> (place: StoredArrayCapacities.Place, capacity: Result<Int, StoredArrayCapacities.Refusal>, global: String?)? {
        let inst = function.instructions[Int(i)]
        guard inst.opcode == .load, let address = function.operands(of: inst).first else { return nil }
        let places = context.storedCapacities
        var place = places.place(ofAddress: address, in: function)
        if place == nil, let loaded = function.results(of: inst).first {
            // `load` of a whole struct, then `struct_extract %s, #FileTable.slots`.
            let keys = Set((users[loaded] ?? []).compactMap { u -> StoredArrayCapacities.Place? in
                let user = function.instructions[Int(u)]
                return user.opcode == .structExtract ? places.place(ofExtraction: user, in: function) : nil
            })
            if keys.count == 1 { place = keys.first }
        }
        guard let place else { return nil }
        return (place, places.capacity(of: place), context.globalCounts.globalSymbol(ofAddress: address, in: function))
    }

    /// A load of the array behind an `@inout` parameter the caller bounds: the parameter and its bound.
    private func boundedParameter(_ inst: Instruction) -> (parameter: Int32, bound: ArrayParameterBound)? {
        guard !parameterArrays.isEmpty, inst.opcode == .load, let address = function.operands(of: inst).first,
              let parameter = inoutParameter(under: address), let bound = parameterArrays[parameter] else { return nil }
        return (parameter, bound)
    }

    /// The `@inout` parameter an address projects from (through accesses and struct fields).
    private func inoutParameter(under address: Int32) -> Int32? {
        var a = address
        for _ in 0..<12 {
            switch function.valueDefinitions[Int(a)] {
            case .blockArgument(0, let position):
                let conventions = GrowthPatterns.parameterConventions(context.module.text.string(function.type))
                return Int(position) < conventions.count && conventions[Int(position)] == "@inout" ? a : nil
            case .instruction(let i, _):
                let inst = function.instructions[Int(i)]
                guard inst.opcode == .beginAccess || inst.opcode == .structElementAddr, let base = function.operands(of: inst).first else { return nil }
                a = base
            default:
                return nil
            }
        }
        return nil
    }

    /// The one class property of one object (FieldPlaces.swift) an array that is only copied
    /// on write is read from and stored back into: `txRing[i] = b` on a shared buffer copies it into the property, which
    /// then holds the copy alone, so later writes in the same call copy nothing. Nil when the
    /// web grows, comes from anywhere else, or is stored anywhere else. The function analyzer
    /// still checks that nothing keeps a copy that would make the place shared again
    /// (`holdsOneBuffer(place:)`); if something may, each copy is charged where it is made.
    private func copiedPlace(_ values: Set<Int32>, sites: [Int32], storedSources: Set<Int32>, sources: [Int32]) -> String? {
        guard !sites.isEmpty, sites.allSatisfy(isCopySite), !sources.isEmpty, Set(sources).isSubset(of: storedSources) else { return nil }
        func placeKey(ofAddress address: Int32) -> String? {
            guard let (field, object) = function.propertyAddress(address, module: context.module) else { return nil }
            return PlaceKey.field(field, object: object, in: function, module: context.module)
        }
        let keys = Set(sources.map { s in function.operands(of: function.instructions[Int(s)]).first.flatMap(placeKey(ofAddress:)) })
        guard keys.count == 1, let only = keys.first, let key = only else { return nil }
        return storesOnlyInto(values, { placeKey(ofAddress: $0) == key }) ? key : nil
    }

    /// Whether every store of the web's storage (alone, or wrapped in `Array` and the structs
    /// that hold it) goes to an address `isHome` accepts.
    private func storesOnlyInto(_ values: Set<Int32>, _ isHome: (Int32) -> Bool) -> Bool {
        var work = Array(values)
        var seen: Set<Int32> = []
        while let v = work.popLast() {
            guard seen.insert(v).inserted else { continue }
            for u in users[v] ?? [] {
                let inst = function.instructions[Int(u)]
                switch inst.opcode {
                case .structInst, .tupleInst, .enumInst:
                    work.append(contentsOf: function.results(of: inst))
                case .store:
                    let ops = Array(function.operands(of: inst))
                    if ops.count == 2, ops[0] == v, !isHome(ops[1]) { return false }
                default:
                    continue
                }
            }
        }
        return true
    }

    /// The object an address is a stored property of, when this function allocates it
    /// (`alloc_ref`, through its initialization and casts).
    private func localObject(under address: Int32) -> Int32? {
        var a = address
        for _ in 0..<12 {
            guard let i = function.definingInstruction(a) else { return nil }
            let inst = function.instructions[Int(i)]
            switch inst.opcode {
            case .beginAccess, .structElementAddr, .refElementAddr, .endInitLetRef, .upcast, .uncheckedRefCast, .beginBorrow, .moveValue:
                guard let base = function.operands(of: inst).first else { return nil }
                a = base
            case .allocRef:
                return a
            case .apply:
                // An initializer handed the new object, which it gives back and keeps nowhere;
                // or an allocating initializer that makes one that way and returns it.
                let ops = Array(function.operands(of: inst))
                if ops.count == 2, let made = function.definingInstruction(ops[1]),
                   function.instructions[Int(made)].opcode == .allocRef, initializerOnlyReturns(i) { return a }
                guard let name = singleTarget(i), let callee = context.module.function(named: name),
                      returnsFreshObject(callee) else { return nil }
                return a
            default:
                return nil
            }
        }
        return nil
    }

    /// A call whose one argument comes back as its result and is kept nowhere else.
    private func initializerOnlyReturns(_ call: Int32) -> Bool {
        guard let name = singleTarget(call) else { return false }
        return initializerOnlyReturns(name)
    }

    private func initializerOnlyReturns(_ name: String) -> Bool {
        guard let summary = context.summary(name), context.module.function(named: name)?.isDefinition == true,
              !summary.parameterEscape.isEmpty else { return false }
        return summary.parameterEscape[0] <= .returned
    }

    /// An allocating initializer (`__allocating_init`): it allocates the object, hands it to an
    /// initializer that only returns it, and returns that, with no other use of either.
    private func returnsFreshObject(_ callee: Function) -> Bool {
        guard callee.isDefinition else { return false }
        var users: [Int32: [Int32]] = [:]
        for (i, inst) in callee.instructions.enumerated() {
            for v in callee.operands(of: inst) { users[v, default: []].append(Int32(i)) }
        }
        func harmless(_ inst: Instruction) -> Bool {
            [.debugValue, .strongRelease, .releaseValue].contains(inst.opcode)
                || [.strongRetain, .retainValue, .fixLifetime].contains(context.module.otherOpcode(of: inst))
        }
        let returns = callee.instructions.filter { $0.opcode == .returnInst }
        guard !returns.isEmpty else { return false }
        for ret in returns {
            guard let value = callee.operands(of: ret).first, let call = callee.definingInstruction(value) else { return false }
            let inst = callee.instructions[Int(call)]
            let ops = Array(callee.operands(of: inst))
            guard inst.opcode == .apply, ops.count == 2, let made = callee.definingInstruction(ops[1]),
                  callee.instructions[Int(made)].opcode == .allocRef,
                  let f = callee.definingInstruction(ops[0]), let initializer = context.text.referencedFunction(callee.instructions[Int(f)]),
                  initializerOnlyReturns(initializer) else { return false }
            // The allocation goes to the initializer only; its result to the return only.
            for u in users[ops[1]] ?? [] where u != call {
                guard harmless(callee.instructions[Int(u)]) else { return false }
            }
            for u in users[value] ?? [] where callee.instructions[Int(u)].opcode != .returnInst {
                guard harmless(callee.instructions[Int(u)]) else { return false }
            }
        }
        return true
    }

    /// Whether the object `object` stays this function's alone: never stored, passed, returned
    /// or merged into another value, its stored properties reached only here (by no call but
    /// the web's sites) and read into no copy outside the web.
    private func isExclusive(_ object: Int32, besides values: Set<Int32>, sites: Set<Int32>, reach: GrowthPatterns.SiteReach) -> Bool {
        var references = [object]
        var addresses: [Int32] = []
        var seen: Set<Int32> = []
        if let call = function.definingInstruction(object), function.instructions[Int(call)].opcode == .apply {
            // The allocation before its initializer: used by that call and its deallocation only.
            let ops = Array(function.operands(of: function.instructions[Int(call)]))
            let allocated = ops.count == 2 ? ops[1] : object
            let isAllocation = function.definingInstruction(allocated).map { function.instructions[Int($0)].opcode == .allocRef } ?? false
            for u in users[allocated] ?? [] where u != call && isAllocation {
                let op = function.instructions[Int(u)].opcode
                guard op == .deallocStackRef || op == .deallocRef || op == .debugValue else { return false }
            }
        }
        while let r = references.popLast() {
            guard seen.insert(r).inserted else { continue }
            for u in users[r] ?? [] {
                let inst = function.instructions[Int(u)]
                switch inst.opcode {
                case _ where inst.opcode.forwardsReference:
                    references.append(contentsOf: function.results(of: inst))
                case .refElementAddr:
                    addresses.append(contentsOf: function.results(of: inst))
                case .strongRelease, .releaseValue, .destroyValue, .deallocRef, .deallocStackRef, .beginDeallocRef, .debugValue:
                    continue
                case .other where [.strongRetain, .retainValue, .endBorrow, .fixLifetime, .endLifetime, .setDeallocating]
                        .contains(context.module.otherOpcode(of: inst)):
                    continue
                default:
                    return false
                }
            }
        }
        while let a = addresses.popLast() {
            guard seen.insert(a).inserted else { continue }
            for u in users[a] ?? [] {
                let inst = function.instructions[Int(u)]
                switch inst.opcode {
                case .beginAccess, .structElementAddr:
                    addresses.append(contentsOf: function.results(of: inst))
                case .load:
                    if reach.mayFollow(u), function.results(of: inst).contains(where: { !values.contains($0) && !onlyReadsThrough($0) }) { return false }
                case .store:
                    // Into the object, not the address itself stored somewhere.
                    if function.operands(of: inst).first == a { return false }
                case .endAccess, .debugValue:
                    continue
                case .apply, .tryApply, .beginApply:
                    if !sites.contains(u) && !isMarkerCall(u) { return false }
                default:
                    return false
                }
            }
        }
        return true
    }

    /// Whether the function reads the `@inout` parameter's memory into a value outside the web
    /// that it may keep (a copy sharing the buffer the web then copies again).
    private func readsIntoCopy(_ parameter: Int32, besides values: Set<Int32>, reach: GrowthPatterns.SiteReach) -> Bool {
        var work = [parameter]
        var seen: Set<Int32> = []
        while let a = work.popLast() {
            guard seen.insert(a).inserted else { continue }
            for u in users[a] ?? [] {
                let inst = function.instructions[Int(u)]
                switch inst.opcode {
                case .beginAccess, .structElementAddr:
                    work.append(contentsOf: function.results(of: inst))
                case .load:
                    // A copy after the last change is harmless: no copy follows it.
                    if reach.mayFollow(u), function.results(of: inst).contains(where: { !values.contains($0) && !onlyReadsThrough($0) }) { return true }
                default:
                    continue
                }
            }
        }
        return false
    }

    /// Whether a call other than the web's sites may reach the `@inout` parameter (and so copy
    /// and keep the array in it while this function changes it).
    private func callsMayReach(_ parameter: Int32, except sites: Set<Int32>) -> Bool {
        var work = [parameter]
        var seen: Set<Int32> = []
        while let v = work.popLast() {
            guard seen.insert(v).inserted else { continue }
            for u in users[v] ?? [] {
                let inst = function.instructions[Int(u)]
                switch inst.opcode {
                case .beginAccess, .structElementAddr:
                    work.append(contentsOf: function.results(of: inst))
                case .apply, .tryApply, .beginApply, .partialApply:
                    if !sites.contains(u) && !isMarkerCall(u) { return true }
                default:
                    continue
                }
            }
        }
        // A deinit run by a release may reach the memory behind the parameter some other way.
        for i in function.instructions.indices where !isTrapPath(Int(function.block(containing: Int32(i)))) {
            if releaseTouches(Int32(i)) != [] { return true }
        }
        return false
    }

    /// Why the code's own checks do not bound the count of the global a load reads, if it is one.
    private func unenforcedCount(_ inst: Instruction) -> String {
        guard inst.opcode == .load, let address = function.operands(of: inst).first else { return "" }
        if let symbol = context.globalCounts.globalSymbol(ofAddress: address, in: function),
           let why = context.globalCounts.refusal(ofGlobal: symbol) {
            return "; the code does not keep its count below a limit: \(why)"
        }
        if case .field(let key)? = context.storedCapacities.place(ofAddress: address, in: function),
           context.globalCounts.bound(ofField: key) == nil, let why = context.globalCounts.refusal(ofField: key) {
            return "; the code does not keep its count below a limit in every instance: \(why)"
        }
        return ""
    }

    /// A load of a class's array property whose count the code's guards bound in every
    /// instance: its key and the bound.
    private func enforcedFieldBound(_ inst: Instruction) -> (key: String, bound: GlobalCountBounds.Bound)? {
        guard inst.opcode == .load, let address = function.operands(of: inst).first,
              case .field(let key)? = context.storedCapacities.place(ofAddress: address, in: function),
              let bound = context.globalCounts.bound(ofField: key) else { return nil }
        return (key, bound)
    }

    /// A load of a global whose largest count the program states, with the assumption's words.
    private func statedBound(_ inst: Instruction) -> (count: Int, message: String, symbol: String)? {
        guard inst.opcode == .load, let address = function.operands(of: inst).first,
              let symbol = context.globalCounts.globalSymbol(ofAddress: address, in: function),
              let stated = context.globalCounts.bound(ofGlobal: symbol) else { return nil }
        return (stated.count, stated.assumption(global: symbol), symbol)
    }

    /// Why the function's other accesses to the global may keep an old buffer: a load that is
    /// not this web's storage is a copy (kept in another collection, an object, another
    /// global, an old buffer outlives the reallocation), and its address handed to a call
    /// lets the callee do the same. Stores into it, the marker and the ends of accesses are fine.
    private func otherAccess(toGlobal symbol: String, besides values: Set<Int32>) -> String? {
        let roots = function.instructions.indices.filter { i in
            function.instructions[i].opcode == .globalAddr && context.text.referencedFunction(function.instructions[i]) == symbol
        }.flatMap { function.results(of: function.instructions[$0]) }
        return otherAccess(roots: roots, name: "global `\(CalleeResolver.readableGlobal(symbol))`", besides: values)
    }

    /// The same for the memory at `roots` (a global's addresses, an `@inout` parameter),
    /// named in the message as `name` ("global `table`").
    private func otherAccess(roots: [Int32], name: String, besides values: Set<Int32>, lendsToCalls: Bool = false,
                             reach: GrowthPatterns.SiteReach? = nil, readsThatMatter: ((Int32) -> Bool)? = nil) -> String? {
        let home = addressesUnder(roots)
        return arrayPatterns.firstAccessAnswer(from: roots, users: users, intoFields: true) { u, address in
            let inst = function.instructions[Int(u)]
            if isTrapPath(Int(function.block(containing: u))) { return nil }
            switch inst.opcode {
            case .load:
                guard function.results(of: inst).contains(where: { !values.contains($0) }) else { return nil }
                if let reach, !reach.mayFollow(u) { return nil }
                if let readsThatMatter, !readsThatMatter(u) { return nil }
                if function.results(of: inst).allSatisfy({ onlyReadsThrough($0, storingBackInto: home, lendsToCalls: lendsToCalls) }),
                   !(reach.map { releasedAfterChange(u, $0) } ?? false) { return nil }
                return "the \(name) is read into a copy while it grows (SIL line \(inst.silLine)), which may keep an old buffer"
            case .store, .endAccess, .debugValue:
                return nil
            case .apply where isMarkerCall(u):
                return nil
            case .apply where changesInPlace(u, address):
                return nil
            case .uncheckedAddrCast where function.results(of: inst).allSatisfy({ r in
                (users[r] ?? []).allSatisfy { context.text.module.otherOpcode(of: function.instructions[Int($0)]) == .isUnique }
            }):
                // Whether the table is shared (`is_unique`): a read.
                return nil
            default:
                return "the \(name) is used by `\(arrayPatterns.opcodeWord(inst))` while it grows (SIL line \(inst.silLine))"
            }
        }
    }

    /// Whether the reference loaded at `load` is owned (taken from the place, which then gets
    /// another value) and released only after a change may have run: it keeps the old buffer
    /// alive beside the new one until then.
    func releasedAfterChange(_ load: Int32, _ reach: GrowthPatterns.SiteReach) -> Bool {
        var work = Array(function.results(of: function.instructions[Int(load)]))
        var seen: Set<Int32> = []
        while let v = work.popLast() {
            guard seen.insert(v).inserted else { continue }
            for u in users[v] ?? [] {
                let inst = function.instructions[Int(u)]
                switch inst.opcode {
                case .strongRelease, .releaseValue, .destroyValue:
                    if reach.mayRun(between: load, and: u) { return true }
                // Forwarded, or put into an aggregate whose release releases it.
                case _ where function.forwardsStorage(inst) || [.structInst, .tupleInst, .enumInst].contains(inst.opcode):
                    work.append(contentsOf: function.results(of: inst))
                default:
                    continue
                }
            }
        }
        return false
    }

    /// A call of one of the stdlib's mutating array methods, handed the array's address as
    /// `self` (ArrayMutators), or of a dictionary's or set's insertions and removals: it changes
    /// the collection in place and keeps no copy of it elsewhere, so no old buffer outlives a
    /// change here; what it allocates is its own cost.
    func changesInPlace(_ call: Int32, _ address: Int32) -> Bool {
        let ops = Array(function.operands(of: function.instructions[Int(call)]))
        guard ops.last == address, !ops.dropLast().contains(address), let name = singleTarget(call),
              let target = context.module.function(named: name), target.isDefinition else { return false }
        if context.stdlib.entry(name).hashedCall?.role == .insert { return true }
        let demangled = target.demangledName ?? target.swiftName
        if FunctionChanges.hashedRemovals.contains(where: { demangled.containsBytes($0) }) { return true }
        return ArrayMutators.kind(of: target, text: context.module.text) != nil
    }

    /// Whether the function may keep a copy of the array at `roots` (a global's addresses, an
    /// `@inout` parameter) beside the values in `besides`: read into a value that escapes, or the
    /// address handed to anything but the stdlib's in-place mutators and the markers.
    /// A read after which none of `changes` can run again keeps nothing that matters.
    /// With `readsThatMatter`, only the reads it accepts count.
    func mayKeepCopy(ofArrayAt roots: [Int32], besides: Set<Int32>, changes: Set<Int32>, readsThatMatter: ((Int32) -> Bool)? = nil) -> Bool {
        otherAccess(roots: roots, name: "array", besides: besides, lendsToCalls: true, reach: arrayPatterns.reach(changes),
                    readsThatMatter: readsThatMatter) != nil
    }

    /// A loaded array reference used only to reach into its buffer (its count, an element), or
    /// released after the global is overwritten: nothing keeps that buffer alive.
    private func onlyReadsThrough(_ value: Int32) -> Bool { onlyReadsThrough(value, storingBackInto: []) }

    /// The same, where the reference may also be changed in place and stored back, wrapped in
    /// its `Array`, into one of `home` (the addresses it was read from): it replaces itself
    /// there and is kept nowhere else.
    private func onlyReadsThrough(_ value: Int32, storingBackInto home: Set<Int32>, lendsToCalls: Bool = false) -> Bool {
        var work = [value]
        var seen: Set<Int32> = []
        while let v = work.popLast() {
            guard seen.insert(v).inserted else { continue }
            for u in users[v] ?? [] {
                let inst = function.instructions[Int(u)]
                switch inst.opcode {
                case .refElementAddr, .refTailAddr, .debugValue, .strongRelease, .releaseValue:
                    continue
                case .structExtract, .upcast, .uncheckedRefCast:
                    work.append(contentsOf: function.results(of: inst))
                case .endCowMutation where !home.isEmpty:
                    work.append(contentsOf: function.results(of: inst))
                case .structInst where function.operands(of: inst).count == 1:
                    // Wrapped (`_NativeDictionary(storage)` for a lookup): its uses decide.
                    work.append(contentsOf: function.results(of: inst))
                case .other where context.text.module.otherOpcode(of: inst) == .fixLifetime:
                    continue
                case .beginCowMutation where !home.isEmpty:
                    // Its first result is whether the buffer is unique, a Bool.
                    if let buffer = function.results(of: inst).last { work.append(buffer) }
                case .store where !home.isEmpty:
                    let ops = Array(function.operands(of: inst))
                    guard ops.count == 2, ops[0] == v, home.contains(ops[1]) else { return false }
                case .apply where lendsToCalls:
                    // Lent to a call that keeps none of its arguments (its summary): a borrow that
                    // ends with the call.
                    let ops = Array(function.operands(of: inst))
                    guard ops.first != v else { return false }
                    for (k, argument) in ops.dropFirst().enumerated() where argument == v {
                        if keepsArgument(u, k) { return false }
                    }
                default:
                    return false
                }
            }
        }
        return true
    }

    /// Every address reached from `roots` through accesses and struct fields.
    func addressesUnder(_ roots: [Int32]) -> Set<Int32> {
        var found = Set(roots)
        var work = roots
        while let a = work.popLast() {
            for u in users[a] ?? [] {
                let inst = function.instructions[Int(u)]
                guard inst.opcode == .beginAccess || inst.opcode == .structElementAddr else { continue }
                for r in function.results(of: inst) where found.insert(r).inserted { work.append(r) }
            }
        }
        return found
    }

    /// Bytes of a web whose count never exceeds `stated`: a reallocation asks for at most
    /// `stated` elements (or a capacity the code reserves), the stdlib at most doubles the old
    /// capacity for an append, and the old buffer, smaller than what it asked for, is live
    /// while its elements move.
    private func evaluateStated(_ model: inout GrowthModel, _ w: Int, _ sites: [Int32], _ shape: ArrayStorageShape,
                                stated: Int, counts: GrowthPatterns.CountValues, storedCapacity: Int, preexisting: Bool, oncePerCall: Bool) {
        func fail(_ message: String) { model.webs[w].reason = ("array growth cannot be bounded: " + message, model.webs[w].firstSite) }
        // A shared buffer copied for an append keeps its old capacity when that is enough.
        var needed = max(stated, storedCapacity)
        for site in sites where !isCopySite(site) {
            let request = Array(function.operands(of: function.instructions[Int(site)]))[2]
            // A count plus k is the count after the change, which the statement bounds.
            if case .earlierPlus? = arrayPatterns.countChange(request, counts) { continue }
            guard let largest = largestRequest(request, at: Int(function.block(containing: site)), maxCount: stated, counts: counts) else {
                return fail("the array's capacity is reserved with a value that has no bound the code states (clamp it, e.g. min(n, 64))")
            }
            needed = max(needed, largest)
        }
        model.webs[w].maxCount = stated
        // One place (a global, a parameter) holds one buffer at a time; a property holds one
        // per instance, and a loop may change many instances: then each source is charged.
        model.webs[w].chargedOnceForCall = oncePerCall
        guard needed > 0 else { return }
        // Only a reallocation for append may double; a copy asks for the count it copies.
        let doubles = sites.contains { !isCopySite($0) }
        let capacity = doubles ? max(needed, saturatingMultiply(2, needed - 1)) : needed
        guard let instance = context.layout.instanceSize(ofClass: shape.classType),
              let largest = context.layout.tailAllocatedSize(instance: instance.size, elements: [(type: shape.elementType, count: capacity)]),
              let previous = context.layout.tailAllocatedSize(instance: instance.size, elements: [(type: shape.elementType, count: needed - 1)]) else {
            return fail("no layout for the storage")
        }
        model.webs[w].residentBytes = largest
        model.webs[w].transientBytes = previous
        // A copy on write runs only when another owner shares the old buffer, so releasing it
        // frees nothing; that buffer was in the place before the call when every source is a
        // place's (the model refuses a web that is shared while it still changes).
        if preexisting {
            for site in sites where isCopySite(site) { model.webs[w].siteTransientBytes[site] = 0 }
        }
    }

    /// The largest capacity a reallocation can ask for: a count of the web plus k, a constant,
    /// a value whose range the code bounds, or a choice among those (`max(count, 6)` is a phi).
    private func largestRequest(_ value: Int32, at block: Int, maxCount: Int, counts: GrowthPatterns.CountValues, depth: Int = 0) -> Int? {
        switch arrayPatterns.countChange(value, counts) {
        case .earlierPlus(let k)?: return saturatingAdd(maxCount, max(0, k))
        case .constant(let c)?: return c
        case nil: break
        }
        let v = arrayPatterns.stripInt(value)
        if arrayPatterns.loadsCount(v, counts.values) { return maxCount }
        if depth < 4, case .blockArgument(let b, let position)? = Int(v) < function.valueDefinitions.count ? function.valueDefinitions[Int(v)] : nil,
           b != 0, loops.loops.allSatisfy({ $0.header != Int(b) }) {
            var largest = 0
            for p in cfg.predecessors[Int(b)] {
                let term = function.instructions[Int(function.blocks[p].terminatorIndex)]
                guard term.opcode == .br || term.opcode == .condBr else { return nil }
                for s in function.successors(of: term) where s.block == b {
                    let passed = function.arguments(of: s)
                    guard Int(position) < passed.count,
                          let n = largestRequest(passed[passed.startIndex + Int(position)], at: p, maxCount: maxCount, counts: counts, depth: depth + 1) else { return nil }
                    largest = max(largest, n)
                }
            }
            return largest
        }
        return ranges.upperBound(of: v, at: block)
    }

    // MARK: patterns

    /// The most elements an array holds as it is made here: none for the empty singleton, a
    /// literal's capacity (nil: not made here).
    private func madeCount(_ value: Int32) -> Int? {
        if emptySingleton(value) != nil { return 0 }
        guard let i = function.definingInstruction(value) else { return nil }
        return startCapacities([i])?.first
    }

    /// The capacity each source starts the array with (0: the empty singleton), when every
    /// source is the empty singleton or a literal of a constant capacity; nil otherwise.
    private func startCapacities(_ sources: [Int32]) -> [Int]? {
        var starts: Set<Int> = []
        for s in sources {
            let inst = function.instructions[Int(s)]
            switch inst.opcode {
            case .rawPointerToRef where arrayPatterns.isStaticSingleton(function.operands(of: inst).first, named: ["swiftEmptyArrayStorage"]):
                starts.insert(0)
            case .allocRef:
                guard let n = constantTailCount(inst) else { return nil }
                starts.insert(n)
            case .globalValue:
                guard let n = context.text.referencedFunction(inst).flatMap({ context.module.staticTailElementCount(ofGlobal: $0) }) else { return nil }
                starts.insert(n)
            default:
                return nil
            }
        }
        return starts.isEmpty ? nil : starts.sorted()
    }

    /// The capacity an array that starts at capacity `start` (0: empty) and doubles when full
    /// has once it holds `count` elements, and the capacity it had before its last doubling
    /// (0 when it never grew).
    private func doublingCapacities(from start: Int, toHold count: Int) -> (largest: Int, previous: Int) {
        let first = max(start, 1)
        var p = first
        while p < count { p = saturatingMultiply(p, 2) }
        return (p, p > first ? p / 2 : 0)
    }

    private func constantTailCount(_ inst: Instruction) -> Int? {
        guard let tails = context.module.allocRefFields(of: inst, in: function).tailElements, tails.count == 1,
              let count = tails[0].count else { return nil }
        return constants.constant(count, in: function).flatMap { $0 >= 0 ? $0 : nil }
    }

    /// The reallocation asks for one more than a count of the web (loaded, forwarded, or a
    /// forwarded constant count plus one).
    private func minimumCapacityIsCountPlusOne(_ site: Int32, _ counts: GrowthPatterns.CountValues) -> Bool {
        if isCopySite(site) { return false }
        let ops = Array(function.operands(of: function.instructions[Int(site)]))
        switch arrayPatterns.countChange(ops[2], counts) {
        case .earlierPlus(1)?: return true
        case .constant?: return isConstantPlusOne(ops[2])
        default: return false
        }
    }

    /// `c + 1` with c a constant (not a bare constant, which could ask for anything).
    private func isConstantPlusOne(_ value: Int32) -> Bool {
        guard let (base, delta) = arrayPatterns.addition(value) else { return false }
        return delta == 1 && constants.constant(base, in: function) != nil
    }

    /// The reallocation's growForAppend argument is the constant true.
    private func growsForAppend(_ site: Int32) -> Bool {
        if isCopySite(site) { return false }
        let ops = Array(function.operands(of: function.instructions[Int(site)]))
        return constants.constant(arrayPatterns.stripInt(ops[3]), in: function).map { $0 != 0 } ?? false
    }
}
