// A dictionary or set kept in a global, grown by out-of-line insertions handed the global's
// address (`Dictionary._Variant.setValue(_:forKey:)`, `Set._Variant.insert(_:)`):
//
//   %6  = global_addr @…mailboxes… : $*Dictionary<Int, Mailbox>
//   %65 = begin_access [modify] [dynamic] %6
//   %66 = struct_element_addr %65, #Dictionary._variant
//   apply @Dictionary._Variant.setValue(_:forKey:)(%value, %key, %66)
//
// Its count when the call starts is what earlier calls left: only a bound on the global's count
// (the code's own checks before every insertion in the module, or `maxliveMaxCount`) bounds it.
// With at most K elements, no table of the global has more than B(K) buckets (a table grows
// only when an insertion finds it full, to the buckets its new count needs; a copy keeps its
// buckets; what is stored whole into the global has a known count, GuardedGlobalCounts.swift).
// During the call the global holds one table at a time: an insertion that grows or copies it
// makes the new table, and frees the old one unless something else shares it (a table shared
// on entry was made before the call, not by it). So the call holds at most one table of
// size(B(K)) it made, plus, while that grows, the one before it, of at most half the buckets:
// charged once for the call, for every function of it that changes the global
// (`placeKey`). That holds while nothing in this function keeps a copy of the table (a copy
// would keep a table made earlier in the call alive beside the next) and no call here may touch
// the global.
//
// A table kept in a class's stored property (`InodeCache.map`) is the same with one table per
// object: the code's checks bound every instance's count at once, and the web is one object's
// property, charged once per call for that object (FieldPlaces.swift: a caller that changes
// several objects' tables is charged one per object).

import SILModel

/// Where a table the call did not make is kept: a global, or one object's stored property.
enum TableHome: Equatable {
    case global(String)
    case field(key: String, object: Int32)
}

extension GrowthBuilder {
    func evaluateGlobalTable(_ model: inout GrowthModel, _ w: Int, home: TableHome, sites: [HashedTables.Site], members: Set<Int32>) {
        let kind = model.webs[w].kind
        func fail(_ message: String) { model.webs[w].reason = ("\(kind) growth cannot be bounded: " + message, model.webs[w].firstSite) }
        let name: String
        let bound: GlobalCountBounds.Bound
        switch home {
        case .global(let symbol):
            name = "the global `\(CalleeResolver.readableGlobal(symbol))`"
            guard let b = context.globalCounts.bound(ofGlobal: symbol, keys: sites.first?.key) else {
                let why = context.globalCounts.refusal(ofGlobal: symbol).map { "; the code does not keep its count below a limit: \($0)" } ?? ""
                return fail("maxlive cannot bound the count of \(name) on entry: every call may find it larger (check its count before each insertion)" + why)
            }
            bound = b
        case .field(let key, _):
            name = "the property `\(key)`"
            guard let b = context.globalCounts.bound(ofField: key, keys: sites.first?.key) else {
                let why = context.globalCounts.refusal(ofField: key).map { "; the code does not keep its count below a limit in every instance: \($0)" } ?? ""
                return fail("maxlive cannot bound the count of \(name) on entry: every call may find it larger (check that instance's count before each insertion)" + why)
            }
            bound = b
        }
        // The web is the global's address and its projections, its table loaded, and the stack
        // slots the stdlib moves the table to while it changes it (GuardedGlobalCounts proved
        // every use of the table in the module understood).
        for v in members {
            if case .blockArgument(let b, _) = function.valueDefinitions[Int(v)], b != 0 {
                // A phi joining the table's versions (changed or not on the stack).
                let inputs = function.phiInputs(v, cfg: cfg) ?? []
                if !inputs.isEmpty, inputs.allSatisfy(members.contains) { continue }
                return fail("the \(kind) kept in \(name) is joined with a table of unknown size")
            }
            guard let i = function.definingInstruction(v) else { return fail("storage of unknown origin") }
            let inst = function.instructions[Int(i)]
            let first = function.operands(of: inst).first
            if isHomeAddress(inst, home) { continue }
            if isAddressProjection(inst) || inst.opcode == .allocStack { continue }
            if inst.opcode == .load, let first, members.contains(first) || tableHome(ofAddress: first) == home { continue }
            if function.forwardsStorage(inst), let first, members.contains(first) { continue }
            return fail(tablePatterns.originProblem(inst, kind: kind))
        }
        // A reallocation on the stack asks for the count read from the global plus at most one:
        // an insertion's, which the bound on the count covers.
        let counts = GrowthPatterns.CountValues(values: members, stored: [])
        for site in sites where site.role == .resize {
            let ops = Array(function.operands(of: function.instructions[Int(site.index)]))
            guard ops.count >= 3, case .earlierPlus(let k)? = tablePatterns.countChange(ops[1], counts), k <= 1 else {
                return fail("the \(kind) kept in \(name) is reallocated for a capacity its count does not bound (SIL line \(function.instructions[Int(site.index)].silLine))")
            }
        }
        let siteIndices = Set(sites.map(\.index))
        let roots: [Int32]
        switch home {
        case .global(let symbol):
            if callsMayTouch(symbol, except: siteIndices) {
                return fail("a call may read or keep \(name) while this function changes it (keep its changes in one function with no other calls that use it)")
            }
            roots = function.instructions.indices.filter { isHomeAddress(function.instructions[$0], home) }.flatMap { function.results(of: function.instructions[$0]) }
        case .field(let key, _):
            if let why = fieldCallProblem(key, except: siteIndices) { return fail(why) }
            // A copy of any object's table: it may be this object's.
            roots = fieldAddresses(key)
        }
        if let copy = copyOfHomeTable(roots, reach: tablePatterns.reach(siteIndices)) {
            return fail("a copy of \(name) is kept while it changes (SIL line \(function.instructions[Int(copy)].silLine)), which may keep a table made earlier in the call beside the next")
        }
        let site0 = sites[0]
        let buckets = HashedTables.bucketCount(forCapacity: max(bound.count, 1))
        guard let largest = tableSize(site0, buckets: buckets), let previous = buckets >= 2 ? tableSize(site0, buckets: buckets / 2) : 0 else {
            return fail("no layout for the table")
        }
        // The values carrying the table here (not the slots or addresses): what this function
        // loads of the global to change it is no copy kept beside it.
        model.webs[w].values = members.filter { v in
            guard let i = function.definingInstruction(v) else { return false }
            let inst = function.instructions[Int(i)]
            return inst.opcode != .allocStack && inst.opcode != .globalAddr && inst.opcode != .refElementAddr && !isAddressProjection(inst)
        }
        model.webs[w].maxCount = bound.count
        model.webs[w].chargedOnceForCall = true
        switch home {
        case .global(let symbol):
            model.webs[w].assumptions.append((.maxCount, bound.assumption(global: symbol), model.webs[w].firstSite))
            model.webs[w].placeKey = "global:\(symbol)"
        case .field(let key, let object):
            model.webs[w].assumptions.append((.maxCount, bound.assumption(field: key), model.webs[w].firstSite))
            model.webs[w].placeKey = PlaceKey.field(key, object: object, in: function, module: context.module)
        }
        // Where a new table may be made: the insertions (each charged there, should the global
        // not hold one table at a time through the function).
        model.webs[w].sources = siteIndices.sorted()
        model.webs[w].residentBytes = largest
        model.webs[w].transientBytes = previous
        // Removals only, of a table nothing in the module ever shares: each finds it unique
        // and changes it in place, making no table.
        let place: CountedPlace
        switch home {
        case .global(let symbol): place = .global(symbol)
        case .field(let key, _): place = .field(key)
        }
        if sites.allSatisfy({ $0.role == .copy }), context.globalCounts.guarded?.neverShared(place) == true {
            model.webs[w].residentBytes = 0
            model.webs[w].transientBytes = 0
        }
        // A copy (a removal's, or the stdlib's before a change on the stack) is made only of a
        // table shared with something made before the call (nothing here keeps a copy): the old
        // table is not the call's.
        for site in sites where site.role == .copy { model.webs[w].siteTransientBytes[site.index] = 0 }
    }

    /// Whether an instruction is the home's address: the global's, or the object's property.
    private func isHomeAddress(_ inst: Instruction, _ home: TableHome) -> Bool {
        switch home {
        case .global(let symbol):
            return inst.opcode == .globalAddr && context.text.referencedFunction(inst) == symbol
        case .field(let key, let object):
            guard inst.opcode == .refElementAddr, context.module.field(of: inst) == key, let base = function.operands(of: inst).first else { return false }
            return function.referencedObject(base) == object
        }
    }

    /// The home of the dictionary or set at `address`: a global, or the property of one object
    /// (through accesses and the collection's wrapper fields).
    func tableHome(ofAddress address: Int32) -> TableHome? {
        if let symbol = context.globalCounts.globalSymbol(ofAddress: address, in: function) { return .global(symbol) }
        let property = function.propertyAddress(address, module: context.module) { FunctionChanges.hashedWrapperFields.contains($0 ?? "") }
        return property.map { .field(key: $0.field, object: $0.object) }
    }

    /// A retain of a table loaded from the home's addresses `roots` (a copy of it kept) where a
    /// change may follow, if there is one (a copy taken after the last change keeps the table
    /// the web counts).
    private func copyOfHomeTable(_ roots: [Int32], reach: GrowthPatterns.SiteReach) -> Int32? {
        var addresses = roots
        var seen = Set(addresses)
        var values: [Int32] = []
        while let a = addresses.popLast() {
            for u in users[a] ?? [] {
                let inst = function.instructions[Int(u)]
                if isAddressProjection(inst) {
                    for r in function.results(of: inst) where seen.insert(r).inserted { addresses.append(r) }
                } else if inst.opcode == .load, reach.mayFollow(u) {
                    // A table taken out of its home and released after a change keeps the old
                    // table beside the new one (`let old = g; g.removeAll()`, then insertions).
                    if releasedAfterChange(u, reach) { return u }
                    values.append(contentsOf: function.results(of: inst))
                }
            }
        }
        var carried = Set(values)
        while let v = values.popLast() {
            for u in users[v] ?? [] {
                let inst = function.instructions[Int(u)]
                if inst.opcode == .copyValue { return u }
                if inst.opcode == .other, [.strongRetain, .retainValue].contains(context.text.module.otherOpcode(of: inst)) { return u }
                if function.forwardsStorage(inst) {
                    for r in function.results(of: inst) where carried.insert(r).inserted { values.append(r) }
                }
                // Handed to a call that may keep it (a `keys` or `values` view holds the table):
                // a copy as well.
                if inst.opcode.isCall {
                    let ops = Array(function.operands(of: inst))
                    if ops.first == v { return u }
                    for (k, argument) in ops.dropFirst().enumerated() where argument == v && keepsArgument(u, k) { return u }
                }
            }
        }
        return nil
    }
}
