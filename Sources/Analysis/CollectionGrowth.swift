// Collections that grow: one object whose size follows an element count.
//
// The stdlib reallocates an array, dictionary or set buffer from the capacity it finds at run
// time, so no alloc_ref with a constant size ever appears in the caller. The growth models
// (ArrayGrowth.swift, HashedCollectionGrowth.swift) instead connect every value that carries
// one collection's storage into a *web*, bound the web's element count from the stores to its
// count field and the trip counts of the loops around them, and turn that count into bytes
// with the stdlib's growth policy (SILFacts §5.6). This file holds what they share: the
// per-function model the analysis reads, the union-find that builds webs, and the SIL
// patterns of count arithmetic.

import Layout
import SILModel

/// The growth model of one function: its collection webs, and which instructions they price.
struct GrowthModel {
    /// One collection web's figures (or why it has none).
    struct Web {
        /// "array", "dictionary" or "set", for messages.
        var kind = "array"
        /// SSA values that carry the storage reference.
        var values: Set<Int32> = []
        /// Instructions that make its storage (the empty singleton, a literal's alloc_ref, …).
        var sources: [Int32] = []
        /// Bytes of its largest buffer, charged once at each source.
        var residentBytes = 0
        /// Bytes a reallocation adds on top while old and new buffers are both live.
        var transientBytes = 0
        /// Per reallocation site, when it differs from `transientBytes`.
        var siteTransientBytes: [Int32: Int] = [:]
        /// Largest element count, for messages.
        var maxCount = 0
        /// A loop makes the collection afresh each iteration (its count starts over): sound only
        /// while each iteration's collection dies in its iteration, which the caller checks.
        var restartsInLoop = false
        /// Its growth sites are calls that move their other arguments into the collection
        /// (`Array.append(_:)` at -Onone): those stay live as long as it may, for good.
        var sitesKeepArguments = false
        /// The first reallocation site, where messages about the web point.
        var firstSite: Int32 = 0
        var reason: (message: String, at: Int32)?
        /// What its bound trusts (a stated largest count), with the instruction it concerns.
        var assumptions: [(kind: Finding.Kind, message: String, at: Int32)] = []
        /// Its storage lives in a global whose largest count is stated: whatever the function
        /// does, one buffer of `residentBytes` replaces the global's (charged once, from entry
        /// to the end), not one per load of the global.
        var chargedOnceForCall = false
        /// The place whose stated or enforced count bounds it (`global:<symbol>`), when that is
        /// its one home: every function of a call that changes that place holds one buffer of
        /// it at a time, so the call charges the largest such buffer once (FunctionAnalyzer).
        var placeKey: String?

        func transient(at site: Int32) -> Int { siteTransientBytes[site] ?? transientBytes }
    }

    var webs: [Web] = []
    /// Reallocation call → its web.
    var siteWeb: [Int32: Int] = [:]
    /// alloc_ref instructions whose bytes a web's resident size already covers.
    var coveredAllocations: Set<Int32> = []
    /// Calls that make a collection from a literal (`[:]` is a call of
    /// `Dictionary(dictionaryLiteral:)` with no elements): the web's resident bytes, charged
    /// there, cover whatever they allocate.
    var makers: Set<Int32> = []
    /// Stack slots of string webs: a value stored into one becomes the web's buffer, which the
    /// web's resident bytes already count (ValueFlow stops following it there).
    var absorbingSlots: Set<Int32> = []
    /// Calls (reallocation sites, makers) inside which the stdlib runs the user's code: the
    /// Hashable and Equatable witnesses of a table's key type, hashing and comparing keys while
    /// the table grows. What they cost adds to the call's own (FunctionAnalyzer).
    var userCode: [Int32: [String]] = [:]
    /// Insertions (out of line) that may replace a value whose release may run a deinit: the
    /// stdlib releases the old value inside the call. What the deinit costs adds to the call's own.
    var releasedValues: [Int32: TypeExpression] = [:]

    func web(atSite index: Int32) -> Web? { siteWeb[index].map { webs[$0] } }

    /// Adds another model's webs (the array and the hashed-collection models of one function).
    mutating func append(_ other: GrowthModel) {
        let offset = webs.count
        webs.append(contentsOf: other.webs)
        for (site, w) in other.siteWeb { siteWeb[site] = w + offset }
        coveredAllocations.formUnion(other.coveredAllocations)
        makers.formUnion(other.makers)
        absorbingSlots.formUnion(other.absorbingSlots)
        userCode.merge(other.userCode) { a, _ in a }
        releasedValues.merge(other.releasedValues) { a, _ in a }
    }
}

/// Builds the growth model of one function, after its loops' trip counts are known: each
/// registered model's webs (GrowthModels.swift) in turn.
struct GrowthBuilder {
    let function: Function
    /// The module, its text, layouts and stdlib index.
    let context: AnalysisContext
    /// Constants with this call context's parameter values bound.
    let constants: ConstantEvaluator
    let cfg: ControlFlowGraph
    let loops: LoopForest
    let tripCounts: LoopTrips
    /// Ranges of integer values (capacities reserved with a bounded value).
    let ranges: ValueRanges
    /// The single callee of a call instruction, if it has exactly one.
    let singleTarget: (Int32) -> String?
    /// Blocks the analysis does not charge (paths to a trap).
    let isTrapPath: (Int) -> Bool
    /// Globals the deinits a release may run touch (nil: any; empty for other instructions).
    let releaseTouches: (Int32) -> Set<String>?
    /// What the caller knows of arrays passed `@inout`, by parameter value (ArrayParameterBound.swift).
    var parameterArrays: [Int32: ArrayParameterBound] = [:]

    /// Instructions using each value (branches count as users of the values they pass).
    var users: [Int32: [Int32]] = [:]
    /// The web candidates of the model being built.
    var webs = ValueUnion()

    /// Every registered model's webs (GrowthModels.swift).
    mutating func build() -> GrowthModel {
        var model = GrowthModel()
        for kind in GrowthModels.all { model.append(kind.build(&self)) }
        return model
    }

    func patterns(countFields: [String]) -> GrowthPatterns {
        GrowthPatterns(function: function, text: context.text, constants: constants, cfg: cfg, countFields: countFields,
                       keepsArgument: { call, k in keepsArgument(call, k) })
    }

    /// Whether a call may keep argument `k` beyond the call (store it, or hand it back): then a
    /// collection passed to it is shared, and its next growth copies while the old buffer stays.
    /// From the callee's summary; unknown callees (several, unresolved, in a recursion cycle) may.
    func keepsArgument(_ call: Int32, _ k: Int) -> Bool {
        guard let name = singleTarget(call), let summary = context.summary(name) else { return true }
        guard let target = context.module.function(named: name), target.isDefinition else { return true }
        return k >= summary.parameterEscape.count || summary.parameterEscape[k] != .none
    }

    /// A call of a maxlive marker (`maxliveMaxCount(&table, 64)` reads the count, nothing more).
    func isMarkerCall(_ call: Int32) -> Bool {
        guard let name = singleTarget(call), let f = context.module.function(named: name) else { return false }
        return f.attributes.semantics.contains(where: Annotation.markers.contains)
    }

    /// The addresses of property `key` (of any object) in this function.
    func fieldAddresses(_ key: String) -> [Int32] {
        function.instructions.indices.filter { i in
            function.instructions[i].opcode == .refElementAddr && context.module.field(of: function.instructions[i]) == key
        }.flatMap { function.results(of: function.instructions[$0]) }
    }

    /// Why a call here (other than the growth sites and the markers) may change or keep the
    /// property `key` of some object while this function grows it: its callee may reach the
    /// property, or is not known.
    func fieldCallProblem(_ key: String, except sites: Set<Int32>) -> String? {
        guard let touching = context.globalCounts.guarded?.functionsTouching(field: key) else { return "no module index" }
        for (b, block) in function.blocks.enumerated() where !isTrapPath(b) {
            for i in block.instructions where !sites.contains(i) {
                let inst = function.instructions[Int(i)]
                guard inst.opcode == .apply || inst.opcode == .tryApply || inst.opcode == .beginApply, !isMarkerCall(i) else { continue }
                guard let name = singleTarget(i), let fi = context.module.functionIndex[name] else {
                    return "a call maxlive does not resolve may change `\(key)` while this function grows it"
                }
                if touching.contains(fi), !changesFieldInPlace(i, key) {
                    let callee = context.module.functions[fi].swiftName
                    return "\(callee) may read or change `\(key)` while this function grows it (keep its changes in one function with no other calls that use it)"
                }
            }
        }
        return nil
    }

    /// A stdlib mutator handed the property's address (`_makeUniqueAndReserveCapacityIfNotUnique`):
    /// it changes the array in place, keeping no copy.
    private func changesFieldInPlace(_ call: Int32, _ key: String) -> Bool {
        guard let address = function.operands(of: function.instructions[Int(call)]).last,
              case .field(let k)? = context.storedCapacities.place(ofAddress: address, in: function), k == key else { return false }
        return changesInPlace(call, address)
    }

    /// Whether a call other than `sites` and the markers may read or write the global `symbol`
    /// (by its callee's summary; an unknown callee may): it could keep a copy of the global's
    /// collection, so that a later growth here copies while the old buffer stays.
    func callsMayTouch(_ symbol: String, except sites: Set<Int32>) -> Bool {
        for (i, inst) in function.instructions.enumerated() where !sites.contains(Int32(i)) {
            if isTrapPath(Int(function.block(containing: Int32(i)))) { continue }
            // A release may run deinits; a one-time initializer runs its function.
            guard let touched = releaseTouches(Int32(i)) else { return true }
            if touched.contains(symbol) { return true }
            var name: String?
            if inst.opcode == .builtin, context.text.builtinName(inst) == "once" {
                let ops = function.operands(of: inst)
                guard ops.count >= 2, let f = function.definingInstruction(ops[ops.startIndex + 1]),
                      let initializer = context.text.referencedFunction(function.instructions[Int(f)]) else { return true }
                // The global's own initializer runs before anything can read it.
                if initializes(initializer, symbol) { continue }
                name = initializer
            } else if inst.opcode.isCall {
                guard let target = singleTarget(Int32(i)) else { return true }
                name = target
            }
            guard let name else { continue }
            if let target = context.module.function(named: name), target.attributes.semantics.contains(where: Annotation.markers.contains) { continue }
            // Its addressor only hands out the address (whose uses are checked where they are).
            if context.globalCounts.addressedGlobal(name) == symbol { continue }
            guard let touched = context.summary(name)?.touchedGlobals else { return true }
            if touched.contains(symbol) { return true }
        }
        return false
    }

    /// Whether `function` is the one-time initializer of the global `symbol` (`alloc_global`).
    private func initializes(_ name: String, _ symbol: String) -> Bool {
        guard let f = context.module.function(named: name) else { return false }
        return f.instructions.contains { $0.opcode == .allocGlobal && context.text.referencedFunction($0) == symbol }
    }

    /// Starts a model: the users of every value, and phis joined to what flows into them. The
    /// static empty singleton is joined to nothing: every empty collection of the function
    /// starts from that one value, and joining through it would make one web of them all (one
    /// count, one element type, for arrays that each grow on their own). Each web that starts
    /// from it gets it as a source of its own (`singletonSources`).
    mutating func indexUses() {
        users = [:]
        webs = ValueUnion()
        for (i, inst) in function.instructions.enumerated() {
            for v in function.operands(of: inst) { users[v, default: []].append(Int32(i)) }
            for s in function.successors(of: inst) {
                let args = function.arguments(of: s)
                let params = function.arguments(of: function.blocks[Int(s.block)])
                for (k, v) in args.enumerated() where k < params.count {
                    users[v, default: []].append(Int32(i))
                    if emptySingleton(v) == nil { webs.union(v, params[params.startIndex + k]) }
                }
            }
        }
    }

    /// The `raw_pointer_to_ref` of a static empty collection singleton (`swiftEmptyArrayStorage`,
    /// the empty dictionary and set singletons) that `value` is, through casts and wrapping
    /// structs; nil for anything else.
    func emptySingleton(_ value: Int32) -> Int32? {
        var v = value
        for _ in 0..<6 {
            guard let i = function.definingInstruction(v) else { return nil }
            let inst = function.instructions[Int(i)]
            let ops = function.operands(of: inst)
            switch inst.opcode {
            case .rawPointerToRef:
                let names = ["swiftEmptyArrayStorage", "swiftEmptyDictionarySingleton", "swiftEmptySetSingleton"]
                return patterns(countFields: []).isStaticSingleton(ops.first, named: names) ? i : nil
            case .upcast, .uncheckedRefCast, .structInst where ops.count == 1:
                // Only casts and wrapping structs: a buffer handed on by a copy-on-write bracket
                // or a borrow is the one a mutation may have replaced, not the static singleton.
                v = ops.first!
            default:
                return nil
            }
        }
        return nil
    }

    /// The empty singletons web `values` starts from: operands of its forwarding instructions
    /// and values its phis receive that are not themselves in the web.
    func singletonSources(of values: Set<Int32>, forwards: (Instruction) -> Bool) -> [Int32] {
        var sources = Set<Int32>()
        for v in values {
            switch function.valueDefinitions[Int(v)] {
            case .instruction(let i, _):
                let inst = function.instructions[Int(i)]
                if forwards(inst), let first = function.operands(of: inst).first, !values.contains(first),
                   let s = emptySingleton(first) { sources.insert(s) }
            case .blockArgument(let b, let position) where b > 0:
                for p in cfg.predecessors[Int(b)] {
                    let term = function.instructions[Int(function.blocks[p].terminatorIndex)]
                    for s in function.successors(of: term) where s.block == b {
                        let passed = function.arguments(of: s)
                        guard Int(position) < passed.count else { continue }
                        let incoming = passed[passed.startIndex + Int(position)]
                        if !values.contains(incoming), let singleton = emptySingleton(incoming) { sources.insert(singleton) }
                    }
                }
            default:
                break
            }
        }
        return sources.sorted()
    }

    /// Groups reallocation sites into webs by the web of their last operand (the collection
    /// they grow), creating the webs in `model`; returns each web's members.
    mutating func groupSites(_ sites: [Int32], kind: (Int32) -> String, into model: inout GrowthModel) -> [Set<Int32>] {
        var webOfRoot: [Int32: Int] = [:]
        for site in sites {
            let root = webs.find(function.operands(of: function.instructions[Int(site)]).last!)
            if webOfRoot[root] == nil {
                webOfRoot[root] = model.webs.count
                var web = GrowthModel.Web()
                web.kind = kind(site)
                web.firstSite = site
                model.webs.append(web)
            }
            model.siteWeb[site] = webOfRoot[root]!
        }
        var members = Array(repeating: Set<Int32>(), count: model.webs.count)
        for v in Array(webs.members) {
            if let w = webOfRoot[webs.find(v)] { members[w].insert(v) }
        }
        // A collection joined to nothing else is its own web.
        for site in sites {
            members[model.siteWeb[site]!].insert(function.operands(of: function.instructions[Int(site)]).last!)
        }
        return members
    }

    /// The `alloc_stack` (its address value) that `address` points into, walking back through
    /// the projections `through` accepts; nil when it is other memory.
    func stackSlot(of address: Int32, through projection: (Instruction) -> Bool) -> Int32? {
        var a = address
        for _ in 0..<8 {
            guard let i = function.definingInstruction(a) else { return nil }
            let inst = function.instructions[Int(i)]
            if inst.opcode == .allocStack { return a }
            guard projection(inst), let base = function.operands(of: inst).first else { return nil }
            a = base
        }
        return nil
    }

    /// The function refers to a stdlib function the test holds for (a cheap first test: no
    /// reference, no site).
    func referencesStdlib(where test: (StdlibCallIndex.Entry) -> Bool) -> Bool {
        function.instructions.contains { $0.opcode == .functionRef && context.text.referencedFunction($0).map { test(context.stdlib.entry($0)) } == true }
    }

    /// What the models know of a call's single target.
    func stdlibEntry(_ call: Int32) -> StdlibCallIndex.Entry? {
        singleTarget(call).map { context.stdlib.entry($0) }
    }

    /// Use `u` of web value `v` is a copy (a retain) that a later instruction of its block
    /// releases before any growth site can run: a read such as `a.count` at -Onone, which
    /// cannot outlive a reallocation. The release is paired with this copy (`taken`).
    func isDroppedCopy(_ u: Int32, of v: Int32, sites: Set<Int32>, reach: GrowthPatterns.SiteReach, taken: inout Set<Int32>) -> Bool {
        let inst = function.instructions[Int(u)]
        guard GrowthPatterns.isRetain(inst, in: context.module),
              reach.mayFollow(u), function.operands(of: inst).first == v else { return false }
        let block = function.blocks[Int(function.block(containing: u))]
        for index in block.instructions where index > u {
            if sites.contains(index) { return false }
            let later = function.instructions[Int(index)]
            guard [.releaseValue, .strongRelease, .destroyValue].contains(later.opcode),
                  function.operands(of: later).first == v, !taken.contains(index) else { continue }
            taken.insert(index)
            return true
        }
        return false
    }

    /// The array of `_allocateUninitializedArray(c)` with c constant (how -Onone code makes an
    /// array literal or an empty array), possibly through `_finalizeUninitializedArray`: the
    /// call that makes it, the values carrying it, and c.
    func uninitializedArray(_ value: Int32) -> (maker: Int32, values: [Int32], count: Int)? {
        var v = value
        var carried: [Int32] = [value]
        for _ in 0..<3 {
            guard let i = function.definingInstruction(v) else { return nil }
            let inst = function.instructions[Int(i)]
            let ops = Array(function.operands(of: inst))
            switch inst.opcode {
            case .apply where stdlibEntry(i)?.arrayFinalize == true && ops.count == 2:
                v = ops[1]
                carried.append(v)
            case .tupleExtract:
                guard let tuple = ops.first, let call = function.definingInstruction(tuple),
                      function.instructions[Int(call)].opcode == .apply, stdlibEntry(call)?.arrayUninitialized == true,
                      tupleIndex(inst) == 0,
                      let count = function.operands(of: function.instructions[Int(call)]).dropFirst().first,
                      let c = constants.constant(count, in: function), c >= 0 else { return nil }
                return (call, carried + [tuple], c)
            default:
                return nil
            }
        }
        return nil
    }

    /// `tuple_extract %5, 0` → 0.
    func tupleIndex(_ inst: Instruction) -> Int? {
        let fields = context.text.rest(inst).split(separator: ",", maxSplits: 2)
        guard fields.count >= 2 else { return nil }
        return Int(fields[1].trimmingCharacters(in: .whitespaces))
    }

    func calleeName(_ call: Int32) -> String {
        guard let name = singleTarget(call) else { return "an indirect call" }
        return context.module.function(named: name)?.swiftName ?? name
    }
}

/// Union-find over SIL values: each set is one web candidate.
struct ValueUnion {
    private(set) var parent: [Int32: Int32] = [:]

    mutating func find(_ v: Int32) -> Int32 {
        var x = v
        while let p = parent[x], p != x { x = p }
        var y = v
        while let p = parent[y], p != x { parent[y] = x; y = p }
        return x
    }

    mutating func union(_ a: Int32, _ b: Int32) {
        let ra = find(a), rb = find(b)
        if parent[ra] == nil { parent[ra] = ra }
        if parent[rb] == nil { parent[rb] = rb }
        if ra != rb { parent[rb] = ra }
    }

    /// Every value that was ever joined to something.
    var members: Dictionary<Int32, Int32>.Keys { parent.keys }
}

/// SIL shapes of count arithmetic, shared by the growth models.
struct GrowthPatterns {
    let function: Function
    let text: InstructionText
    let constants: ConstantEvaluator
    let cfg: ControlFlowGraph
    /// Field suffixes that hold the element count (`#_SwiftArrayBodyStorage.count`, …).
    let countFields: [String]
    /// Whether a call may keep its argument k (GrowthBuilder.keepsArgument).
    let keepsArgument: (Int32, Int) -> Bool
    /// Stores (address, value) that may put the collection back while it grows: into the global
    /// it came from, when the program states that global's largest count (every growth of it,
    /// here or elsewhere, is then bounded by that statement), or into a stored place whose
    /// capacity the module bounds.
    var mayStoreInto: (_ address: Int32, _ value: Int32) -> Bool = { _, _ in false }

    func opcodeWord(_ inst: Instruction) -> String { text.module.opcodeSpelling(of: inst) }

    /// Instructions whose (last) result is the same storage reference as their first operand.
    func forwardsStorage(_ inst: Instruction) -> Bool { function.forwardsStorage(inst) }

    /// Through `struct $Int (x)`, `struct_extract x, #Int._value` and `assumeNonNegative`.
    func stripInt(_ value: Int32) -> Int32 {
        var v = value
        for _ in 0..<4 {
            guard let i = function.definingInstruction(v) else { break }
            let inst = function.instructions[Int(i)]
            let ops = function.operands(of: inst)
            if (inst.opcode == .structInst || inst.opcode == .structExtract) && ops.count == 1 { v = ops.first!; continue }
            if inst.opcode == .builtin, text.builtinName(inst)?.hasPrefix("assumeNonNegative") == true, let o = ops.first { v = o; continue }
            break
        }
        return v
    }

    /// `x ± k` (`tuple_extract (sadd_with_overflow x, k), 0`): x (through Int wrapping) and ±k,
    /// where k is a constant (non-negative for a subtraction) or a phi whose incoming values are
    /// all such constants (then the largest addend, or the smallest subtrahend).
    func addition(_ value: Int32) -> (base: Int32, delta: Int)? {
        guard let te = function.definingInstruction(stripInt(value)), function.instructions[Int(te)].opcode == .tupleExtract,
              let tuple = function.operands(of: function.instructions[Int(te)]).first,
              let bi = function.definingInstruction(tuple) else { return nil }
        let b = function.instructions[Int(bi)]
        guard b.opcode == .builtin, let name = text.builtinName(b) else { return nil }
        let ops = Array(function.operands(of: b))
        guard ops.count >= 2 else { return nil }
        let isAdd = name.hasPrefix("sadd_with_overflow") || name.hasPrefix("uadd_with_overflow")
        let isSub = name.hasPrefix("ssub_with_overflow") || name.hasPrefix("usub_with_overflow")
        guard isAdd || isSub, let ks = constantChoices(ops[1]), !ks.isEmpty else { return nil }
        // Adding a negative constant lowers the count (`count + (-1)`, what `removeFirst` stores).
        if isAdd { return ks.min()! > Int.min ? (stripInt(ops[0]), ks.max()!) : nil }
        return ks.allSatisfy({ $0 >= 0 }) ? (stripInt(ops[0]), -ks.min()!) : nil
    }

    /// The constants a value can be: itself, or every incoming value of a phi of constants
    /// (`bb6(%58)` reached with 0 from one side and 1 from the other).
    func constantChoices(_ value: Int32) -> [Int]? {
        if let c = constants.constant(value, in: function) { return [c] }
        guard let inputs = function.phiInputs(value, cfg: cfg), !inputs.isEmpty else { return nil }
        let choices = inputs.compactMap { constants.constant($0, in: function) }
        return choices.count == inputs.count ? choices : nil
    }

    /// The address is a count field of a storage header (or its `#Int._value`).
    func isCountField(_ address: Int32) -> Bool {
        var v = address
        for _ in 0..<3 {
            guard let i = function.definingInstruction(v) else { return false }
            let inst = function.instructions[Int(i)]
            let t = text.text(inst)
            if inst.opcode == .refElementAddr || inst.opcode == .structElementAddr,
               countFields.contains(where: { t.hasSuffix($0) }) { return true }
            guard inst.opcode == .structElementAddr, t.hasSuffix("#Int._value"), let base = function.operands(of: inst).first else { return false }
            v = base
        }
        return false
    }

    /// The value is a load of the count field of one of `values`.
    func loadsCount(_ value: Int32, _ values: Set<Int32>) -> Bool {
        let v = stripInt(value)
        guard let li = function.definingInstruction(v), function.instructions[Int(li)].opcode == .load,
              let address = function.operands(of: function.instructions[Int(li)]).first, isCountField(address) else { return false }
        // Walk the address back to the ref_element_addr and check its base is in the web.
        var a = address
        for _ in 0..<6 {
            guard let i = function.definingInstruction(a) else { return false }
            let inst = function.instructions[Int(i)]
            guard let base = function.operands(of: inst).first else { return false }
            if inst.opcode == .refElementAddr { return values.contains(base) }
            a = base
        }
        return false
    }

    /// A `ref_element_addr` of a web value: reads are free; only the count field may be
    /// written (collected in `countStores`). Returns why not, otherwise nil.
    func headerStores(_ index: Int32, users: [Int32: [Int32]], kind: String, _ countStores: inout [(store: Int32, value: Int32)]) -> String? {
        var work: [Int32] = Array(function.results(of: function.instructions[Int(index)]))
        var seen: Set<Int32> = []
        while let address = work.popLast() {
            guard seen.insert(address).inserted else { continue }
            for u in users[address] ?? [] {
                let inst = function.instructions[Int(u)]
                switch inst.opcode {
                case .structElementAddr, .beginAccess:
                    work.append(contentsOf: function.results(of: inst))
                case .load, .endAccess, .debugValue:
                    continue
                case .store:
                    let ops = function.operands(of: inst)
                    guard ops.count == 2, ops.last == address else { return "the \(kind)'s header is stored somewhere" }
                    if kind == "array", address == function.results(of: function.instructions[Int(index)]).first,
                       let count = literalHeaderCount(ops.first!, header: index) {
                        countStores.append((u, count))
                        continue
                    }
                    guard isCountField(address) else { return "a header field of the \(kind) other than its count is set directly" }
                    countStores.append((u, ops.first!))
                default:
                    return "the \(kind)'s header is used by `\(opcodeWord(inst))`"
                }
            }
        }
        return nil
    }

    /// The count a literal's new buffer gets with its whole header, `store (struct $_ArrayBody
    /// (struct $_SwiftArrayBodyStorage (count, capacityAndFlags))) to` its `countAndCapacity`,
    /// when the capacity it states is a constant within the tail elements the `alloc_ref` made.
    private func literalHeaderCount(_ body: Int32, header index: Int32) -> Int32? {
        guard let b = function.definingInstruction(body), function.instructions[Int(b)].opcode == .structInst,
              case let bodyOps = function.operands(of: function.instructions[Int(b)]), bodyOps.count == 1,
              let s = function.definingInstruction(bodyOps.first!), function.instructions[Int(s)].opcode == .structInst,
              case let fields = Array(function.operands(of: function.instructions[Int(s)])), fields.count == 2,
              let flags = constants.constant(stripInt(fields[1]), in: function) else { return nil }
        var object = function.operands(of: function.instructions[Int(index)]).first
        for _ in 0..<4 {
            guard let o = object, let i = function.definingInstruction(o) else { return nil }
            let inst = function.instructions[Int(i)]
            if inst.opcode == .upcast || inst.opcode == .endInitLetRef { object = function.operands(of: inst).first; continue }
            guard inst.opcode == .allocRef, let tails = text.module.allocRefFields(of: inst, in: function).tailElements,
                  tails.count == 1, let n = tails[0].count.flatMap({ constants.constant($0, in: function) }),
                  flags >= 0, flags >> 1 <= n else { return nil }
            return fields[0]
        }
        return nil
    }

    /// What a web's count can be: a load of its count field, or a value stored there
    /// (the optimizer forwards stored counts to later uses instead of reloading them).
    struct CountValues {
        var values: Set<Int32>
        var stored: Set<Int32>
    }

    enum CountChange: Equatable {
        /// Set to a constant (`0`, or a forwarded constant count plus k).
        case constant(Int)
        /// An earlier count plus k (k < 0: lowered).
        case earlierPlus(Int)
    }

    /// `c`, `c ± k` with c a constant, or `count ± k`.
    func countChange(_ value: Int32, _ counts: CountValues) -> CountChange? {
        if let c = constants.constant(stripInt(value), in: function) { return c >= 0 ? .constant(c) : nil }
        guard let (base, delta) = addition(value) else { return nil }
        if let c = constants.constant(base, in: function) {
            return c + delta >= 0 ? .constant(c + delta) : nil
        }
        guard counts.stored.contains(base) || loadsCount(base, counts.values) else { return nil }
        return .earlierPlus(delta)
    }

    /// The convention word of each parameter of a SIL function type (`@guaranteed`, `@owned`,
    /// `@inout`, … or "" for a trivial value).
    static func parameterConventions(_ type: String?) -> [String] {
        guard let type else { return [] }
        let chars = Array(type.utf8)
        var i = 0
        // Skip `$`, attributes like @convention(thin) and generic signatures up to the parameter list.
        while i < chars.count {
            let c = chars[i]
            if c == UInt8(ascii: "(") { break }
            if c == UInt8(ascii: "<") {
                var depth = 0
                while i < chars.count {
                    if chars[i] == UInt8(ascii: "<") { depth += 1 }
                    if chars[i] == UInt8(ascii: ">") { depth -= 1; if depth == 0 { break } }
                    i += 1
                }
            } else if c == UInt8(ascii: "@") {
                while i < chars.count, chars[i] != UInt8(ascii: " "), chars[i] != UInt8(ascii: "(") { i += 1 }
                if i < chars.count, chars[i] == UInt8(ascii: "(") {
                    var depth = 0
                    while i < chars.count {
                        if chars[i] == UInt8(ascii: "(") { depth += 1 }
                        if chars[i] == UInt8(ascii: ")") { depth -= 1; if depth == 0 { break } }
                        i += 1
                    }
                }
            }
            i += 1
        }
        guard i < chars.count else { return [] }
        var pieces: [String] = []
        var depth = 0
        var start = i + 1
        while i < chars.count {
            let c = chars[i]
            if c == UInt8(ascii: "(") || c == UInt8(ascii: "<") || c == UInt8(ascii: "[") { depth += 1 }
            let arrow = c == UInt8(ascii: ">") && i > 0 && chars[i - 1] == UInt8(ascii: "-")
            if (c == UInt8(ascii: ")") || c == UInt8(ascii: ">") || c == UInt8(ascii: "]")) && !arrow {
                depth -= 1
                if depth == 0 { pieces.append(String(decoding: chars[start..<i], as: UTF8.self)); break }
            }
            if c == UInt8(ascii: ","), depth == 1 { pieces.append(String(decoding: chars[start..<i], as: UTF8.self)); start = i + 1 }
            i += 1
        }
        return pieces.map { piece in
            let t = piece.drop { $0 == " " }
            return t.hasPrefix("@") ? String(t.prefix { $0 != " " }) : ""
        }
    }

    /// `raw_pointer_to_ref (address_to_pointer (global_addr @…))` of a static empty singleton
    /// whose symbol contains one of `names` (`swiftEmptyArrayStorage`, …).
    func isStaticSingleton(_ v: Int32?, named names: [String]) -> Bool {
        guard let v, let i = function.definingInstruction(v) else { return false }
        let inst = function.instructions[Int(i)]
        guard inst.opcode == .addressToPointer, let a = function.operands(of: inst).first,
              let g = function.definingInstruction(a) else { return false }
        let global = function.instructions[Int(g)]
        let t = text.text(global)
        return global.opcode == .globalAddr && names.contains { t.contains($0) }
    }

    /// Visits every use of the addresses `roots` (a stack slot, a global's addresses), followed
    /// through `begin_access`, and through `struct_element_addr` too with `intoFields`. The first
    /// non-nil answer of `visit(use, address)` ends the walk and is returned.
    func firstAccessAnswer<T>(from roots: [Int32], users: [Int32: [Int32]], intoFields: Bool,
                              _ visit: (_ use: Int32, _ address: Int32) -> T?) -> T? {
        var addresses = roots
        var k = 0
        while k < addresses.count {
            let address = addresses[k]
            k += 1
            for u in users[address] ?? [] {
                let inst = function.instructions[Int(u)]
                if inst.opcode == .beginAccess || (intoFields && inst.opcode == .structElementAddr) {
                    addresses.append(contentsOf: function.results(of: inst))
                    continue
                }
                if let answer = visit(u, address) { return answer }
            }
        }
        return nil
    }

    /// Why a web value made by `inst` has an unknown count.
    func originProblem(_ inst: Instruction, kind: String) -> String {
        if inst.opcode == .load, let address = function.operands(of: inst).first {
            switch memoryPlace(address) {
            case .global(let name) where kind == "dictionary" || kind == "set":
                return Self.unmodelledGlobalTable(name, kind: kind)
            case .global(let name):
                return "maxlive cannot bound the count of the global `\(name)` on entry: every call may find it larger (state its largest count with maxliveMaxCount(&\(name), N) after each change, or keep the \(kind) local)"
            case .field(let name):
                return "maxlive cannot bound the count of the field `\(name)` on entry: the object may have grown it before (keep the \(kind) local, or bound it where it grows)"
            case .local(let name):
                return "maxlive cannot follow the local `\(name)` through memory, so its count is unknown"
            case .parameter:
                let name = function.swiftName.hasPrefix("specialized ") ? String(function.swiftName.dropFirst(12)) : function.swiftName
                let article = kind == "array" ? "an" : "a"
                return "\(name) changes \(article) \(kind) passed to it inout, whose count on entry is unknown here (bound the \(kind)'s count where it is kept)"
            case .unknown:
                return "the \(kind) is read from memory, so its count on entry is unknown"
            }
        }
        return "the \(kind)'s storage comes from `\(opcodeWord(inst))` (its count on entry is unknown)"
    }

    /// Why a dictionary or set kept in a global has no bound here: the optimizer inlined the
    /// insertion (the model follows only the stdlib's out-of-line insertions into a global).
    static func unmodelledGlobalTable(_ name: String, kind: String) -> String {
        "the \(kind) kept in the global `\(name)` is changed here by code the optimizer inlined, which maxlive does not model for a \(kind) kept in a global yet, even with maxliveMaxCount (move the change into a function marked @inline(never), or keep the \(kind) in an array with a bounded count, or in a local)"
    }

    enum MemoryPlace {
        case global(String), field(String), local(String), parameter, unknown
    }

    /// Where an address points, in the words of the source: a global, a stored property, a
    /// local variable.
    func memoryPlace(_ address: Int32) -> MemoryPlace {
        var a = address
        for _ in 0..<16 {
            if case .blockArgument(0, _) = function.valueDefinitions[Int(a)] { return .parameter }
            guard let i = function.definingInstruction(a) else { return .unknown }
            let inst = function.instructions[Int(i)]
            switch inst.opcode {
            case .globalAddr:
                return text.referencedFunction(inst).map { .global(CalleeResolver.readableGlobal($0)) } ?? .unknown
            case .refElementAddr:
                // `ref_element_addr %3, #Device.queue`
                let r = text.rest(inst)
                guard let hash = r.lastIndex(of: "#") else { return .unknown }
                return .field(String(r[r.index(after: hash)...].prefix(while: { $0 != "," && $0 != " " })))
            case .allocStack:
                let r = text.rest(inst)
                guard let named = r.range(of: "name \"") else { return .local("a local variable") }
                return .local(String(r[named.upperBound...].prefix(while: { $0 != "\"" })))
            case .beginAccess, .structElementAddr, .tupleElementAddr, .uncheckedAddrCast, .pointerToAddress:
                guard let first = function.operands(of: inst).first else { return .unknown }
                a = first
            case .apply:
                // At -Onone a global's address comes from its addressor (`…vau`, "unsafeMutableAddressor").
                let ops = function.operands(of: inst)
                guard ops.count == 1, let callee = function.definingInstruction(ops[ops.startIndex]),
                      let name = text.referencedFunction(function.instructions[Int(callee)]), name.hasSuffix("vau") else { return .unknown }
                return .global(CalleeResolver.readableGlobal(name))
            default:
                return .unknown
            }
        }
        return .unknown
    }

    /// Why a block argument cannot carry a web (nil when every predecessor passes it with a
    /// plain branch, a phi of the web; block 0's arguments are the function's parameters).
    func phiProblem(block b: Int32, kind: String) -> String? {
        if b == 0 { return "the \(kind) is a parameter, so its count on entry is unknown" }
        for p in cfg.predecessors[Int(b)] {
            let term = function.instructions[Int(function.blocks[p].terminatorIndex)]
            if term.opcode != .br && term.opcode != .condBr {
                return "the \(kind) comes out of a \(opcodeWord(term)) (its count is unknown)"
            }
        }
        return nil
    }

    /// Why use `u` of web value `v` breaks the model (nil when it is understood). Count stores
    /// reached through the header are collected. Reallocation sites themselves are the caller's.
    func useProblem(_ u: Int32, of v: Int32, kind: String, reach: SiteReach, users: [Int32: [Int32]],
                    calleeName: (Int32) -> String, countStores: inout [(store: Int32, value: Int32)]) -> String? {
        let inst = function.instructions[Int(u)]
        let ops = function.operands(of: inst)
        switch inst.opcode {
        case .br, .condBr, .returnInst, .throwInst, .strongRelease, .releaseValue, .destroyValue, .debugValue,
             .refTailAddr, .deallocRef, .deallocStackRef:
            // `dealloc_stack_ref` ends a literal's `[stack]` object, which frees no heap.
            return nil
        case _ where forwardsStorage(inst):
            return nil
        case .other where text.module.otherOpcode(of: inst).map(GrowthPatterns.harmlessUses.contains) == true:
            return nil
        case .refElementAddr:
            return headerStores(u, users: users, kind: kind, &countStores)
        case .apply, .tryApply:
            guard let k = ops.firstIndex(of: v), k != ops.startIndex else { return "the \(kind) is called as a function" }
            let argument = k - ops.startIndex - 1
            let conventions = GrowthPatterns.parameterConventions(text.trailingFunctionType(inst))
            if argument < conventions.count, conventions[argument] == "@guaranteed" || conventions[argument] == "@in_guaranteed" {
                // Borrowed for the call, unless the callee keeps a copy: then the next growth
                // copies the buffer and the kept one stays.
                return keepsArgument(u, argument) && reach.mayFollow(u)
                    ? "the \(kind) is passed to \(calleeName(u)), which may keep a copy while it still grows" : nil
            }
            // Handed over for good once this function grows it no more (the holder's own
            // growth is the holder's: a count on entry it cannot know).
            return reach.mayFollow(u) ? "the \(kind) is passed to \(calleeName(u)), which may keep or grow it" : nil
        case _ where Self.isRetain(inst, in: text.module):
            if inst.opcode != .copyValue && reach.releasedBeforeAnySite(after: u, v) { return nil }
            return reach.mayFollow(u) ? "the \(kind) is copied while it grows (an old buffer may outlive a reallocation)" : nil
        case .structInst, .tupleInst, .enumInst:
            // Wrapped in a value (`Message(payload: body)`, `Optional.some`) once it grows no
            // more: the wrapper is the array under another name, and goes where it goes.
            return reach.mayFollow(u) ? "the \(kind) is wrapped in a `\(opcodeWord(inst))` value while it still grows" : nil
        case .store:
            if ops.count == 2, mayStoreInto(ops[ops.startIndex + 1], ops[ops.startIndex]) { return nil }
            return reach.mayFollow(u) ? "the \(kind) is stored into memory, where other code may grow it" : nil
        default:
            return "the \(kind) is used by `\(opcodeWord(inst))`, which the growth model does not know"
        }
    }

    /// The count stores of a web: the largest constant it is set to, and the increments
    /// (k > 0, in their blocks); or the store whose value cannot be bounded.
    func countIncrements(_ countStores: [(store: Int32, value: Int32)], _ counts: CountValues)
        -> (setTo: Int, increments: [(k: Int, block: Int, store: Int32)], unbounded: Int32?) {
        var increments: [(k: Int, block: Int, store: Int32)] = []
        var setTo = 0
        for (store, value) in countStores {
            switch countChange(value, counts) {
            case .constant(let c)?:
                setTo = max(setTo, c)
            case .earlierPlus(let k)? where k > 0:
                increments.append((k, Int(function.block(containing: store)), store))
            case .earlierPlus?:
                continue
            case nil:
                return (setTo, increments, store)
            }
        }
        return (setTo, increments, nil)
    }

    /// How many times a block can run per run of the web: the product of the trip counts of
    /// the loops around it, skipping loops that make the collection afresh; nil if a loop has
    /// no bound.
    func times(_ block: Int, loops: LoopForest, tripCounts: LoopTrips, restarts: (Int) -> Bool) -> Int? {
        var n = 1
        for l in loops.nest(of: block) where !restarts(l) {
            guard let t = tripCounts.runs(of: block, in: l) else { return nil }
            n = saturatingMultiply(n, t)
        }
        return n
    }

    /// Where a web's reallocation sites can still be reached from, worked out once per web.
    struct SiteReach {
        let function: Function
        let cfg: ControlFlowGraph
        let sites: Set<Int32>
        /// Blocks from which a block with a site can be reached (those blocks included).
        let reaching: Set<Int>

        /// Whether a reallocation site can run after instruction `u` (later in its block, or in
        /// a block reachable from it). A copy of the storage made where none can no longer
        /// outlives a reallocation: it keeps the final buffer, which the web already counts.
        func mayFollow(_ u: Int32) -> Bool {
            let b = Int(function.block(containing: u))
            if sites.contains(where: { $0 > u && Int(function.block(containing: $0)) == b }) { return true }
            return cfg.successors[b].contains { reaching.contains($0) }
        }

        /// Whether a site may run after `from` and before `to`, with `from` not run again in
        /// between (a value loaded at `from` and still used at `to` then spans a change).
        func mayRun(between from: Int32, and to: Int32) -> Bool {
            function.mayRun(between: from, and: to, cfg: cfg, where: sites.contains)
        }

        /// Whether the copy a retain at `u` makes of `v` is released later in the same block
        /// before any reallocation site (a retain around a call that borrows the storage).
        func releasedBeforeAnySite(after u: Int32, _ v: Int32) -> Bool {
            let block = function.blocks[Int(function.block(containing: u))]
            for i in block.instructions where i > u {
                if sites.contains(i) { return false }
                let inst = function.instructions[Int(i)]
                if inst.opcode == .strongRelease || inst.opcode == .releaseValue, function.operands(of: inst).first == v { return true }
            }
            return false
        }
    }

    func reach(_ sites: Set<Int32>) -> SiteReach {
        var reaching: Set<Int> = []
        var work = sites.map { Int(function.block(containing: $0)) }
        while let b = work.popLast() {
            guard reaching.insert(b).inserted else { continue }
            work.append(contentsOf: cfg.predecessors[b])
        }
        return SiteReach(function: function, cfg: cfg, sites: sites, reaching: reaching)
    }

    /// Uses that neither change nor keep the storage.
    /// A copy of a reference that keeps its object alive: `strong_retain`, `retain_value`, `copy_value`.
    static func isRetain(_ inst: Instruction, in module: Module) -> Bool {
        inst.opcode == .copyValue || [.strongRetain, .retainValue].contains(module.otherOpcode(of: inst))
    }

    static let harmlessUses: Set<OtherOpcode> = [.fixLifetime, .endLifetime, .endBorrow, .isUnique, .extendLifetime, .ignoredUse]
}

extension Function {
    /// Whether an instruction `matches` accepts may run after `from` and before `to`, with
    /// `from` not run again in between: the blocks reached from `from`'s without passing it
    /// again, that also reach `to`'s the same way. When `to`'s block can run again without
    /// passing `from`, what runs after `to` in it (and, with `includingTo`, `to` itself) runs
    /// before `to`'s next run too.
    func mayRun(between from: Int32, and to: Int32, cfg: ControlFlowGraph, includingTo: Bool = false,
                where matches: (Int32) -> Bool) -> Bool {
        let fromBlock = Int(block(containing: from)), toBlock = Int(block(containing: to))
        // `to` before `from` in one block: only a loop gets from one to the other (taken as
        // a change, not followed).
        if fromBlock == toBlock && to < from { return true }
        // `to` at or after `from` in one block: reaching it again runs `from` first.
        if fromBlock == toBlock {
            return blocks[fromBlock].instructions.contains { i in i > from && (i < to || (includingTo && i == to && i != from)) && matches(i) }
        }
        func region(_ starts: [Int], _ next: (Int) -> [Int]) -> Set<Int> {
            var seen = Set(starts)
            var work = starts
            while let b = work.popLast() {
                for n in next(b) where n != fromBlock && seen.insert(n).inserted { work.append(n) }
            }
            return seen
        }
        let after = region([fromBlock]) { cfg.successors[$0] }
        let before = region([toBlock]) { cfg.predecessors[$0] }
        // `to`'s block again, through a cycle that does not pass `from`'s.
        let repeats = toBlock != fromBlock && region(cfg.successors[toBlock].filter { $0 != fromBlock }) { cfg.successors[$0] }.contains(toBlock)
        for b in after.intersection(before) {
            for i in blocks[b].instructions {
                if b == fromBlock && i <= from { continue }
                if b == toBlock && (i > to ? !repeats : i == to ? !(repeats && includingTo) : false) { continue }
                if matches(i) { return true }
            }
        }
        return false
    }
}
