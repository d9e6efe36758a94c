// Dictionaries and sets that grow by insertion: one hash table whose bucket count follows its
// element count.
//
// In optimized Embedded SIL the stdlib's copy-on-write and growth check (`ensureUnique`) is
// inlined into the caller, down to calls of the table's reallocation functions; or the whole
// insertion stays a call of a stdlib mutator (`Set._Variant.insert`). The storage lives in a
// stack slot (`var d`), so the web joins values and the slots they are loaded from and stored
// to:
//
//   %2  = alloc_stack $__RawDictionaryStorage, var, name "d"            the slot
//   %11 = apply @Dictionary.init(dictionaryLiteral:)(<empty array>)      `[:]`: the empty singleton
//   store %14 to %2
//   loop:
//     %46 = load %2 ; %45 = alloc_stack $_NativeDictionary ; store (struct %46) to %45
//     apply @_NativeDictionary._copyOrMoveAndResize(count + 1, true, %45)   grow (unique)
//     apply @_NativeDictionary.copy()(%45)                                   copy (shared)
//     store (count + 1) to count of (load %45)                               the insertion
//     store (load %45) to %2
//
// Bytes: B = 2^scale buckets hold at most ⌊3B/4⌋ elements, and a table asked to hold c elements
// gets the smallest power of two B ≥ max(⌈4c/3⌉, c + 1, 2) (`_HashTable.scale(forCapacity:)`).
// The storage is one object: header, ⌈B/w⌉ bitmap words (w bits a word), B keys, B values:
//
//   _DictionaryStorage<K, V>   8 words + words·⌈B/w⌉ + B·stride(K) + B·stride(V)
//   _SetStorage<T>             7 words + words·⌈B/w⌉ + B·stride(T)
//
// With M the largest element count (stores of "count + k" and mutator calls, times the trip
// counts of the loops around them) and R the largest capacity asked for, the table never has
// more than B(R) buckets: its resident bytes size(B(R)) are charged where it is made.
//
// What a reallocation adds on top rests on the stdlib's own invariants for these internal
// functions, which only inlined stdlib code can call: `_copyOrMoveAndResize` (and `resize`,
// `copyAndResize`) run only when the table is too small, so the old table has at most half the
// buckets of the new one: size(B(R)/2) on top. `copy()` runs only when the table is shared; a web
// that is never retained is shared only while it is the static empty singleton, which takes no
// heap, so a copy adds nothing on top of the resident bytes (its one-bucket table is smaller).
// A mutator call grows like a resize.
//
// Soundness first: as for arrays (ArrayGrowth.swift), any use the model does not understand
// (a retain, a store into other memory, a call that may keep or change the table, a parameter
// or global as the origin) leaves the web unbounded with that reason. Keys and values must be
// plain stdlib scalars: hashing or moving them then runs no code of the user's that could
// allocate while the table grows.

import Layout
import SILModel

/// The stdlib's hash tables and the calls that change them.
enum HashedTables {
    // MARK: what the stdlib calls do

    enum Table { case dictionary, set }

    enum Role: Equatable {
        /// Reallocates to hold at least the capacity operand (operand 1).
        case resize
        /// Copies a shared table at the same size (and may take elements away).
        case copy
        /// Adds at most one element, growing the table if it is full.
        case insert
    }

    struct Site {
        var index: Int32
        var table: Table
        var role: Role
        /// Key (or element) and value types, from the table's generic arguments.
        var key: TypeExpression
        var value: TypeExpression?
    }

    /// Demangled stdlib functions (specialised or not) and what they do to the table passed
    /// `@inout` as their last operand.
    static let calls: [(name: String, table: Table, role: Role)] = [
        ("_NativeDictionary._copyOrMoveAndResize(capacity:moveElements:)", .dictionary, .resize),
        ("_NativeDictionary.resize(capacity:)", .dictionary, .resize),
        ("_NativeDictionary.copyAndResize(capacity:)", .dictionary, .resize),
        ("_NativeDictionary.copy()", .dictionary, .copy),
        ("Dictionary._Variant.setValue(_:forKey:)", .dictionary, .insert),
        ("Dictionary._Variant.updateValue(_:forKey:)", .dictionary, .insert),
        ("Dictionary.updateValue(_:forKey:)", .dictionary, .insert),
        ("Dictionary.subscript.setter", .dictionary, .insert),
        ("_NativeSet._copyOrMoveAndResize(capacity:moveElements:)", .set, .resize),
        ("_NativeSet.resize(capacity:)", .set, .resize),
        ("_NativeSet.copyAndResize(capacity:)", .set, .resize),
        ("_NativeSet.copy()", .set, .copy),
        ("Set._Variant.insert(_:)", .set, .insert),
        ("Set.insert(_:)", .set, .insert),
        ("Set._Variant.update(with:)", .set, .insert),
        ("Set.update(with:)", .set, .insert),
        // A removal copies a shared table at its size first; it never grows one.
        ("Dictionary._Variant.removeValue(forKey:)", .dictionary, .copy),
        ("Dictionary.removeValue(forKey:)", .dictionary, .copy),
        ("Set._Variant.remove(_:)", .set, .copy),
        ("Set.remove(_:)", .set, .copy),
    ]

    /// Calls that make a table from an array literal (`[:]`, `[]`, `[1: 2]`).
    static let makers = ["Dictionary.init(dictionaryLiteral:)", "Set.init(_nonEmptyArrayLiteral:)", "Set.init(arrayLiteral:)"]

    /// Calls that make an empty table (`Dictionary()`, `Set()`; a call at -Onone): the static
    /// empty singleton, no heap.
    static let emptyMakers = ["Dictionary.init()", "Set.init()"]

    /// `Dictionary.init()` itself (or specialized), not `_NativeDictionary.init()`: the name
    /// starts the demangled text or follows a space.
    static func isEmptyMaker(_ demangled: String) -> Bool {
        emptyMakers.contains { name in
            guard let r = demangled.range(of: name) else { return false }
            return r.lowerBound == demangled.startIndex || demangled[demangled.index(before: r.lowerBound)] == " "
        }
    }

    /// Key and value types hashing and moving which runs no user code.
    static let plainTypes: Set<String> = ["Int", "Int8", "Int16", "Int32", "Int64", "UInt", "UInt8", "UInt16", "UInt32",
                                          "UInt64", "Bool"]


    /// Buckets of a table asked to hold `capacity` elements (`_HashTable.scale(forCapacity:)`):
    /// the smallest power of two at least max(⌈4c/3⌉, c + 1, 2).
    static func bucketCount(forCapacity capacity: Int) -> Int {
        let c = max(capacity, 1)
        let needed = max(saturatingMultiply(c, 4) / 3 + (saturatingMultiply(c, 4) % 3 == 0 ? 0 : 1), c + 1, 2)
        var b = 1
        while b < needed && b < Int.max / 2 { b *= 2 }
        return b
    }
}

enum HashedTableGrowthModel: GrowthModelKind {
    static func classify(_ function: Function, demangled: String, embedded: Bool, into entry: inout StdlibCallIndex.Entry) {
        if let known = HashedTables.calls.first(where: { demangled.containsBytes($0.name) }) { entry.hashedCall = (known.table, known.role) }
        entry.hashedEmptyMaker = HashedTables.isEmptyMaker(demangled)
        entry.hashedMaker = HashedTables.makers.contains { demangled.containsBytes($0) } || entry.hashedEmptyMaker
    }

    static func build(_ builder: inout GrowthBuilder) -> GrowthModel { builder.buildHashedTables() }
}

extension GrowthBuilder {
    private typealias Table = HashedTables.Table
    private typealias Site = HashedTables.Site

    var tablePatterns: GrowthPatterns {
        patterns(countFields: ["#__RawDictionaryStorage._count", "#__RawSetStorage._count"])
    }

    /// `@inout _NativeDictionary<Int, Int>`, `@inout Set<Int>._Variant`, … → the generic arguments.
    private func tableArguments(_ inst: Instruction, _ table: Table) -> (TypeExpression, TypeExpression?)? {
        // The table is the last parameter, passed @inout.
        guard let type = context.text.trailingFunctionType(inst), let inoutMark = type.range(of: "@inout ", options: .backwards) else { return nil }
        let spelling = type[inoutMark.upperBound...]
        let marker = table == .dictionary ? "Dictionary<" : "Set<"
        guard let r = spelling.range(of: marker) else { return nil }
        var depth = 1
        var end = r.upperBound
        while end < spelling.endIndex, depth > 0 {
            if spelling[end] == "<" { depth += 1 }
            if spelling[end] == ">" { depth -= 1 }
            if depth > 0 { end = spelling.index(after: end) }
        }
        guard depth == 0 else { return nil }
        let inner = spelling[r.upperBound..<end]
        var args: [String] = []
        var level = 0
        var start = inner.startIndex
        for i in inner.indices {
            let c = inner[i]
            if c == "<" || c == "(" { level += 1 }
            if c == ">" || c == ")" { level -= 1 }
            if c == ",", level == 0 { args.append(String(inner[start..<i])); start = inner.index(after: i) }
        }
        args.append(String(inner[start...]))
        let types = args.map { TypeExpressionParser.parse($0.trimmingCharacters()) }
        switch table {
        case .dictionary: return types.count == 2 ? (types[0], types[1]) : nil
        case .set: return types.count == 1 ? (types[0], nil) : nil
        }
    }

    // MARK: building

    /// The dictionary and set webs of the function.
    mutating func buildHashedTables() -> GrowthModel {
        var model = GrowthModel()
        // A table a call makes empty (`[:]`, `[]` through `Dictionary(dictionaryLiteral:)` of
        // the empty array, `Set()`): the stdlib returns its static empty table, no heap.
        if referencesStdlib(where: { $0.hashedMaker }) {
            for (b, block) in function.blocks.enumerated() where !isTrapPath(b) {
                for index in block.instructions where function.instructions[Int(index)].opcode == .apply && literalCount(index) == 0 {
                    model.makers.insert(index)
                }
            }
        }
        // Cheap test first: no reference to a table function, no web.
        guard referencesStdlib(where: { $0.hashedCall != nil }) else { return model }

        var sites: [Site] = []
        for (b, block) in function.blocks.enumerated() where !isTrapPath(b) {
            for index in block.instructions where function.instructions[Int(index)].opcode == .apply {
                guard let name = singleTarget(index) else { continue }
                guard let known = context.stdlib.entry(name).hashedCall else { continue }
                let inst = function.instructions[Int(index)]
                guard let (key, value) = tableArguments(inst, known.table) else { continue }
                sites.append(Site(index: index, table: known.table, role: known.role, key: key, value: value))
            }
        }
        if sites.isEmpty { return model }

        // Webs: storage values joined through forwarding instructions and phis, and the stack
        // slots they are stored to and loaded from.
        indexUses()
        for inst in function.instructions {
            let ops = function.operands(of: inst)
            guard let first = ops.first else { continue }
            if tablePatterns.forwardsStorage(inst) || isAddressProjection(inst), let result = function.results(of: inst).last {
                webs.union(first, result)
            } else if inst.opcode == .load, stackSlot(of: first, through: isAddressProjection) != nil, let result = function.results(of: inst).first {
                webs.union(first, result)
            } else if inst.opcode == .store, ops.count == 2, stackSlot(of: ops[ops.startIndex + 1], through: isAddressProjection) != nil {
                webs.union(first, ops[ops.startIndex + 1])
            }
        }

        let tableOfSite = Dictionary(sites.map { ($0.index, $0.table) }, uniquingKeysWith: { a, _ in a })
        let members = groupSites(sites.map(\.index), kind: { tableOfSite[$0] == .dictionary ? "dictionary" : "set" }, into: &model)
        var sitesOfWeb = Array(repeating: [Site](), count: model.webs.count)
        for site in sites { sitesOfWeb[model.siteWeb[site.index]!].append(site) }
        for w in model.webs.indices {
            evaluate(&model, w, sitesOfWeb[w], members[w])
        }
        return model
    }

    func isAddressProjection(_ inst: Instruction) -> Bool {
        switch inst.opcode {
        case .structElementAddr, .uncheckedAddrCast, .beginAccess: return true
        default: return false
        }
    }


    /// Members, uses, count bound and bytes of web `w`.
    /// Whether dropping a value of type `t` (a table's value replaced or removed; a resize only
    /// moves them) runs no code that could allocate: scalars, and strings, arrays, optionals,
    /// tuples, structs and enums made only of such, whose release frees buffers and runs no
    /// deinit. A class, a closure or an existential may run a deinit.
    private func releasesWithoutCode(_ t: TypeExpression, depth: Int = 0) -> Bool {
        guard depth < 8 else { return false }
        switch t {
        case .tuple(let elements):
            return elements.allSatisfy { releasesWithoutCode($0, depth: depth + 1) }
        case .named(let name, let args):
            if HashedTables.plainTypes.contains(name) || ["Double", "Float", "Float16", "String", "Substring", "Character",
                                                           "Int128", "UInt128", "UnicodeScalar", "Unicode.Scalar"].contains(name) {
                return args.isEmpty
            }
            if ["Array", "ContiguousArray", "ArraySlice", "Optional", "Set", "Dictionary"].contains(name) {
                return !args.isEmpty && args.allSatisfy { releasesWithoutCode($0, depth: depth + 1) }
            }
            guard args.isEmpty, let decl = context.layout.declaration(named: name), decl.genericParameters.isEmpty else { return false }
            switch decl.kind {
            case .struct:
                return decl.storedProperties.allSatisfy { releasesWithoutCode(TypeExpressionParser.parse($0.type), depth: depth + 1) }
            case .enum:
                return !decl.isIndirect && decl.cases.allSatisfy { c in
                    !c.isIndirect && (c.payload.map { releasesWithoutCode(TypeExpressionParser.parse($0), depth: depth + 1) } ?? true)
                }
            default:
                return false
            }
        default:
            return false
        }
    }

    /// The functions that hash and compare keys of type `key`, when hashing or moving such a key
    /// runs no other code: a struct or enum declared in the module, not generic, made only of
    /// values whose copies and releases run no code, with its `Hashable` and `Equatable` witness
    /// tables in the module. The stdlib calls these witnesses (or their inlined bodies) while a
    /// table grows; their own summaries say what that costs. Nil when any of it is missing.
    private func conformanceCode(ofKey key: TypeExpression) -> [String]? {
        guard case .named(let name, let args) = key, args.isEmpty,
              let decl = context.layout.declaration(named: name), decl.genericParameters.isEmpty,
              decl.kind == .struct || decl.kind == .enum, releasesWithoutCode(key) else { return nil }
        var code: [String] = []
        for protocolName in ["Hashable", "Equatable"] {
            guard let table = context.module.witnessTables.first(where: { $0.conformingType == name && $0.protocolName == protocolName }) else { return nil }
            for method in table.methods {
                guard let implementation = method.implementation,
                      let f = context.module.function(named: implementation), f.isDefinition else { return nil }
                code.append(implementation)
            }
        }
        // An object the witness keeps on its stack may be on the heap where the optimizer
        // inlines the witness into the stdlib's code: the witness's own cost would not cover it.
        if code.contains(where: makesStackObjects) { return nil }
        return code.isEmpty ? nil : code
    }

    /// Whether a function, or one it calls directly (a few levels deep), makes an object on
    /// the stack (`alloc_ref [stack]`, `partial_apply [on_stack]`).
    private func makesStackObjects(_ name: String) -> Bool {
        var work = [(name, 0)]
        var seen: Set<String> = []
        while let (n, depth) = work.popLast() {
            guard seen.insert(n).inserted, let f = context.module.function(named: n), f.isDefinition else { continue }
            for inst in f.instructions {
                switch inst.opcode {
                case .allocRef where context.module.allocRefFields(of: inst, in: f).onStack:
                    return true
                case .partialApply where context.module.isOnStack(inst):
                    return true
                case .functionRef where depth < 4:
                    if let callee = context.text.referencedFunction(inst) { work.append((callee, depth + 1)) }
                default:
                    continue
                }
            }
        }
        return false
    }

    private func evaluate(_ model: inout GrowthModel, _ w: Int, _ sites: [Site], _ members: Set<Int32>) {
        let kind = model.webs[w].kind
        let anchor = sites.map(\.index).min()!
        model.webs[w].firstSite = anchor
        // An insertion the stdlib does not inline (-Onone) moves its key and value into the
        // table: they stay live as long as it may.
        model.webs[w].sitesKeepArguments = sites.contains { $0.role == .insert }
        // The values that carry the table (not the slots): where it dies is decided by them.
        model.webs[w].values = members.filter { v in
            guard let i = function.definingInstruction(v) else { return true }
            let inst = function.instructions[Int(i)]
            return inst.opcode != .allocStack && !isAddressProjection(inst)
        }
        func fail(_ message: String) { model.webs[w].reason = ("\(kind) growth cannot be bounded: " + message, anchor) }

        let site0 = sites[0]
        var keyCode: [String] = []
        if ["String", "Substring", "Character"].contains(site0.key.description) {
            return fail("its keys are \(site0.key): " + EmbeddedStrings.normalizingReason)
        }
        if !HashedTables.plainTypes.contains(site0.key.description) {
            guard let code = conformanceCode(ofKey: site0.key) else {
                return fail("its keys are \(site0.key), whose hashing or copying may run code the model does not see (a struct or enum key needs fields of plain types, and Hashable and Equatable conformances in this module that make no object on the stack)")
            }
            keyCode = code
            for site in sites { model.userCode[site.index] = code }
        }
        if let value = site0.value, !HashedTables.plainTypes.contains(value.description), !releasesWithoutCode(value) {
            // A resize moves the values and a copy retains them: only an insertion that replaces
            // one releases it, inside the stdlib's call when that call is not inlined.
            guard context.releaseClasses.freed(by: value) != nil else {
                return fail("its values are \(value), whose release when replaced or removed may run any deinit of the module")
            }
            for site in sites where site.role == .insert { model.releasedValues[site.index] = value }
        }
        if sites.contains(where: { $0.table != site0.table || $0.key != site0.key || $0.value != site0.value }) {
            return fail("its reallocations disagree on the table's type")
        }
        let siteIndices = Set(sites.map(\.index))
        let reach = tablePatterns.reach(siteIndices)

        // Where the table comes from.
        var initialCount = 0
        var makesTable = false
        var slots: [Int32] = []
        for v in members.sorted() {
            switch function.valueDefinitions[Int(v)] {
            case .undefined:
                return fail("storage of unknown origin")
            case .blockArgument(let b, _):
                if let why = tablePatterns.phiProblem(block: b, kind: kind) { return fail(why) }
            case .instruction(let i, _):
                let inst = function.instructions[Int(i)]
                let first = function.operands(of: inst).first
                if inst.opcode == .allocStack { slots.append(i); continue }
                if tablePatterns.forwardsStorage(inst) || isAddressProjection(inst), let first, members.contains(first) { continue }
                if inst.opcode == .load, let first, members.contains(first) { continue }
                if inst.opcode == .rawPointerToRef, tablePatterns.isStaticSingleton(first, named: ["swiftEmptyDictionarySingleton", "swiftEmptySetSingleton"]) {
                    model.webs[w].sources.append(i)
                    continue
                }
                if inst.opcode == .apply, let n = literalCount(i) {
                    model.webs[w].sources.append(i)
                    model.makers.insert(i)
                    if !keyCode.isEmpty { model.userCode[i] = keyCode }
                    initialCount = max(initialCount, n)
                    makesTable = true
                    continue
                }
                if inst.opcode == .globalAddr, let symbol = context.text.referencedFunction(inst) {
                    return evaluateGlobalTable(&model, w, home: .global(symbol), sites: sites, members: members)
                }
                // A class's stored property.
                if inst.opcode == .refElementAddr, let key = context.module.field(of: inst), let object = first {
                    return evaluateGlobalTable(&model, w, home: .field(key: key, object: function.referencedObject(object)), sites: sites, members: members)
                }
                // The home's table loaded to be changed on the stack (an inlined insertion).
                if inst.opcode == .load, let address = first, let home = tableHome(ofAddress: address) {
                    return evaluateGlobalTable(&model, w, home: home, sites: sites, members: members)
                }
                return fail(tablePatterns.originProblem(inst, kind: kind))
            }
        }
        if model.webs[w].sources.isEmpty { return fail("no place where the \(kind) is made") }

        // What is done with it, and where its count is set.
        var countStores: [(store: Int32, value: Int32)] = []
        var matchedReleases: Set<Int32> = []
        for v in members.sorted() {
            for u in users[v] ?? [] {
                let inst = function.instructions[Int(u)]
                let ops = function.operands(of: inst)
                if isTrapPath(Int(function.block(containing: u))) { continue }
                if isDroppedCopy(u, of: v, sites: siteIndices, reach: reach, taken: &matchedReleases) { continue }
                if siteIndices.contains(u) {
                    if ops.last != v || ops.dropLast().contains(v) { return fail("the \(kind) is passed to its own reallocation twice") }
                    continue
                }
                // The slots: loads, stores into them (the union put the stored value there),
                // projections and their end.
                switch inst.opcode {
                case .deallocStack, .endAccess, .load, .destroyAddr:
                    continue
                case _ where isAddressProjection(inst):
                    continue
                case .store where ops.count == 2 && members.contains(ops[ops.startIndex + 1]):
                    continue
                default:
                    break
                }
                if let why = tablePatterns.useProblem(u, of: v, kind: kind, reach: reach, users: users, calleeName: calleeName, countStores: &countStores) {
                    return fail(why)
                }
            }
        }

        // A loop makes the table afresh each iteration when it holds everything of the web:
        // its slots, its makers, and no header phi carrying it.
        let sources = model.webs[w].sources
        func restartsTable(_ l: Int) -> Bool {
            let loop = loops.loops[l]
            if function.arguments(of: function.blocks[loop.header]).contains(where: { members.contains($0) }) { return false }
            let inside = { (i: Int32) in loop.blocks.contains(Int(function.block(containing: i))) }
            return slots.allSatisfy(inside) && sources.allSatisfy { inside($0) || function.instructions[Int($0)].opcode == .rawPointerToRef }
        }
        func times(_ block: Int) -> Int? {
            if loops.nest(of: block).contains(where: restartsTable) { model.webs[w].restartsInLoop = true }
            return tablePatterns.times(block, loops: loops, tripCounts: tripCounts, restarts: restartsTable)
        }

        // The largest count: stores of "count + k" and insertions, each times its loops' trips.
        let counts = GrowthPatterns.CountValues(values: members, stored: Set(countStores.map { tablePatterns.stripInt($0.value) }))
        let (setTo, increments, unbounded) = tablePatterns.countIncrements(countStores, counts)
        if let store = unbounded {
            return fail("the \(kind)'s count is set to a value the analysis cannot bound (SIL line \(function.instructions[Int(store)].silLine))")
        }
        // No more elements than the keys have values (an insertion of a key already there
        // adds none), however often the insertions run.
        let keyValues = KeyDomain.size(of: site0.key)
        // An insertion behind a check of the table's own count leaves at most the check's limit
        // plus one, however often it runs (LocalCountGuards.swift).
        let guards = LocalCountGuards(patterns: tablePatterns, ranges: ranges, madeCount: { emptySingleton($0) != nil ? 0 : nil }, values: members, countStores: countStores,
                                      sites: Set(sites.filter { $0.role != .insert }.map(\.index)), users: users)
        let guardedCount = guards.guardedCounts(insertions: sites.filter { $0.role == .insert }.map(\.index))
        // How often each change runs (`times` also notes a loop that makes the table afresh).
        let incrementRuns = increments.map { times($0.block) ?? keyValues }
        let insertionRuns = sites.filter { $0.role == .insert }.map { ($0.index, times(Int(function.block(containing: $0.index))) ?? keyValues) }
        // Counted three ways, each sound on its own: with the guards (a guarded change leaves
        // at most its limit), without (every change adds its k per run), and by induction over
        // the changes (LocalCountGuards.inductiveCount); the smallest holds.
        func largestCount(guarded: [Int32: Int]) -> Int? {
            var maxCount = max(initialCount, setTo, guarded.values.max() ?? 0)
            for (inc, runs) in zip(increments, incrementRuns) where guarded[inc.store] == nil {
                guard let n = runs else { return nil }
                maxCount = saturatingAdd(maxCount, saturatingMultiply(inc.k, n))
            }
            for (site, runs) in insertionRuns where guarded[site] == nil {
                guard let n = runs else { return nil }
                maxCount = saturatingAdd(maxCount, n)
            }
            return maxCount
        }
        let counted = [largestCount(guarded: guardedCount), guardedCount.isEmpty ? nil : largestCount(guarded: [:]),
                       guards.inductiveCount(start: max(initialCount, setTo), insertions: insertionRuns.map(\.0))].compactMap { $0 }
        guard var maxCount = counted.min() else {
            return fail("an insertion runs in a loop with no bound (add maxlive.loop_bound)")
        }
        if let keyValues { maxCount = min(maxCount, keyValues) }
        // The largest capacity asked for: the count, or what a reallocation asks (an earlier
        // count plus k, or a constant).
        var capacity = maxCount
        for site in sites where site.role == .resize {
            let ops = Array(function.operands(of: function.instructions[Int(site.index)]))
            guard ops.count >= 3 else { return fail("a reallocation without a capacity") }
            switch tablePatterns.countChange(ops[1], counts) {
            case .constant(let c)?: capacity = max(capacity, c)
            case .earlierPlus(let k)?: capacity = max(capacity, saturatingAdd(maxCount, max(k, 0)))
            case nil: return fail("a reallocation asks for a capacity the analysis cannot bound (SIL line \(function.instructions[Int(site.index)].silLine))")
            }
        }
        model.webs[w].maxCount = maxCount
        // A table exists on the heap only once something makes or grows one.
        guard makesTable || sites.contains(where: { $0.role != .copy }) || capacity > 0 else { return }
        let buckets = HashedTables.bucketCount(forCapacity: max(capacity, 1))
        guard let largest = tableSize(site0, buckets: buckets) else { return fail("no layout for the table") }
        let previous = buckets >= 2 ? tableSize(site0, buckets: buckets / 2) : 0
        guard let previous else { return fail("no layout for the table") }
        model.webs[w].residentBytes = largest
        model.webs[w].transientBytes = previous
        for site in sites where site.role == .copy { model.webs[w].siteTransientBytes[site.index] = 0 }
    }

    /// Bytes of a table with `buckets` buckets.
    func tableSize(_ site: HashedTables.Site, buckets: Int) -> Int? {
        let word = TypeExpression.named("UInt", [])
        guard let wordLayout = context.layout.layout(of: word) else { return nil }
        let bitsPerWord = wordLayout.size * 8
        let words = (buckets + bitsPerWord - 1) / bitsPerWord
        switch site.table {
        case .dictionary:
            guard let value = site.value,
                  let instance = context.layout.instanceSize(ofClass: .named("_DictionaryStorage", [site.key, value])) else { return nil }
            return context.layout.tailAllocatedSize(instance: instance.size, elements: [(word, words), (site.key, buckets), (value, buckets)])
        case .set:
            guard let instance = context.layout.instanceSize(ofClass: .named("_SetStorage", [site.key])) else { return nil }
            return context.layout.tailAllocatedSize(instance: instance.size, elements: [(word, words), (site.key, buckets)])
        }
    }

    /// A maker call's element count: its one argument is the empty array literal (0) or a
    /// literal whose storage has a constant element count.
    private func literalCount(_ call: Int32) -> Int? {
        guard stdlibEntry(call)?.hashedMaker == true else { return nil }
        let ops = Array(function.operands(of: function.instructions[Int(call)]).dropFirst())
        if ops.isEmpty, stdlibEntry(call)?.hashedEmptyMaker == true { return 0 }
        guard ops.count == 1 else { return nil }
        // Through the Array and buffer structs to the storage reference.
        var v = ops[0]
        for _ in 0..<6 {
            guard let i = function.definingInstruction(v) else { return nil }
            let inst = function.instructions[Int(i)]
            let o = function.operands(of: inst)
            switch inst.opcode {
            case _ where function.forwardsStorage(inst) && inst.opcode != .structExtract:
                v = o.first!
            case .rawPointerToRef:
                return tablePatterns.isStaticSingleton(o.first, named: ["swiftEmptyArrayStorage"]) ? 0 : nil
            case .tupleExtract, .apply:
                // -Onone: the array of `_allocateUninitializedArray(c)`.
                return uninitializedArray(v)?.count
            case .globalValue:
                // A literal of constants, built at compile time (StaticObjects.swift).
                return context.text.referencedFunction(inst).flatMap { context.module.staticTailElementCount(ofGlobal: $0) }
            case .allocRef:
                guard let tails = context.module.allocRefFields(of: inst, in: function).tailElements, tails.count == 1,
                      let count = tails[0].count else { return nil }
                return constants.constant(count, in: function).flatMap { $0 >= 0 ? $0 : nil }
            default:
                return nil
            }
        }
        return nil
    }
}
