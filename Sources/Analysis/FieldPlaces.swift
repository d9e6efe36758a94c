// Places that hold one array at a time, beyond globals: a class property of one object, and an
// array a caller passes `@inout`.
//
// A call that changes such an array replaces its buffer: the old one is freed once the elements
// have moved. When several calls (or a loop of calls) change the same place, the place holds
// one buffer at the end, not one per change. FunctionAnalyzer charges a place's buffer once per
// call (`chargePlaceResidents`), keyed by the place, and a callee tells its caller, by the same
// keys, which part of what it keeps is such a buffer (`FunctionSummary.placeResidents`).
//
// Keys are strings, each meaningful in one function:
//   global:<symbol>        a global (the same in every function)
//   arg:<k>                the array behind this function's `@inout` parameter k
//   field:<Class.prop>@p<k>   the property of the object that is parameter k
//   field:<Class.prop>@g<symbol>   the property of the object loaded from a global (one object
//                                  for the call while nothing here changes the global)
//   field:<Class.prop>@v<n>   the property of the object that is value %n here
// A callee's `arg:` and `@p` keys are turned into the caller's keys at the call
// (`callerPlaceKey`); `@v` keys stay in their function. A value key's buffer is charged where
// the object is made (or loaded): a loop around that point makes another object, and so
// another place, each iteration, while the changes inside one iteration share the one buffer.

import SILModel

enum PlaceKey {
    static func argument(_ k: Int) -> String { "arg:\(k)" }

    static func field(_ key: String, object: Int32, in function: Function, module: Module) -> String {
        if case .blockArgument(0, let position) = function.valueDefinitions[Int(object)] { return "field:\(key)@p\(position)" }
        if let symbol = function.loadedGlobal(object, module: module) { return "field:\(key)@g\(symbol)" }
        return "field:\(key)@v\(object)"
    }

    /// `field:K@g<symbol>` → symbol.
    static func loadedGlobal(_ key: String) -> String? {
        guard key.hasPrefix("field:"), let at = key.lastIndex(of: "@"), key[key.index(after: at)...].hasPrefix("g") else { return nil }
        return String(key[key.index(at, offsetBy: 2)...])
    }

    /// `field:K@pN` → (K, N).
    static func fieldOfParameter(_ key: String) -> (field: String, parameter: Int)? {
        guard key.hasPrefix("field:"), let at = key.lastIndex(of: "@"), key[key.index(after: at)...].hasPrefix("p"),
              let n = Int(key[key.index(at, offsetBy: 2)...]) else { return nil }
        return (String(key[key.index(key.startIndex, offsetBy: 6)..<at]), n)
    }

    /// `field:K@…` → K.
    static func fieldName(_ key: String) -> String? {
        guard key.hasPrefix("field:"), let at = key.lastIndex(of: "@") else { return nil }
        return String(key[key.index(key.startIndex, offsetBy: 6)..<at])
    }

    /// Whether a caller can read the key (it names a global or one of the function's parameters).
    static func isExported(_ key: String) -> Bool {
        key.hasPrefix("global:") || key.hasPrefix("arg:") || fieldOfParameter(key) != nil
    }
}

extension Function {
    /// The global a reference is loaded from (`load (global_addr @g)`, through accesses).
    func loadedGlobal(_ value: Int32, module: Module) -> String? {
        guard let l = definingInstruction(value), instructions[Int(l)].opcode == .load, var a = operands(of: instructions[Int(l)]).first else { return nil }
        for _ in 0..<4 {
            guard let i = definingInstruction(a) else { return nil }
            let inst = instructions[Int(i)]
            if inst.opcode == .globalAddr { return module.referencedFunction(of: inst) }
            guard inst.opcode == .beginAccess, let base = operands(of: inst).first else { return nil }
            a = base
        }
        return nil
    }

    /// The object a reference value is, through the instructions that forward references.
    func referencedObject(_ value: Int32) -> Int32 {
        var v = value
        for _ in 0..<8 {
            guard let i = definingInstruction(v), instructions[Int(i)].opcode.forwardsReference,
                  let base = operands(of: instructions[Int(i)]).first else { break }
            v = base
        }
        return v
    }

    /// The class property an address is (through accesses and the collection's wrapper fields:
    /// an array's unless `isWrapper` says otherwise) and
    /// the object it belongs to.
    func propertyAddress(_ address: Int32, module: Module,
                         throughWrapper isWrapper: (String?) -> Bool = StoredArrayCapacities.isWrapperField) -> (field: String, object: Int32)? {
        var a = address
        for _ in 0..<8 {
            guard let i = definingInstruction(a) else { return nil }
            let inst = instructions[Int(i)]
            guard let base = operands(of: inst).first else { return nil }
            switch inst.opcode {
            case .beginAccess:
                a = base
            case .structElementAddr where isWrapper(module.field(of: inst)):
                a = base
            case .refElementAddr:
                guard let key = module.field(of: inst) else { return nil }
                return (key, referencedObject(base))
            default:
                return nil
            }
        }
        return nil
    }

    /// The block that defines a value (its block, for a block argument).
    func definingBlock(_ value: Int32) -> Int? {
        switch valueDefinitions[Int(value)] {
        case .blockArgument(let b, _): return Int(b)
        case .instruction(let i, _): return Int(block(containing: i))
        default: return nil
        }
    }
}

extension FunctionAnalyzer {
    /// This function's key for a callee's place key at call `index` (nil: not a place here,
    /// e.g. a property of an object that may differ from one iteration to the next).
    func callerPlaceKey(_ calleeKey: String, at index: Int32) -> String? {
        if calleeKey.hasPrefix("global:") { return calleeKey }
        let arguments = Array(function.operands(of: function.instructions[Int(index)]).dropFirst())
        if calleeKey.hasPrefix("arg:"), let k = Int(calleeKey.dropFirst(4)), k < arguments.count {
            return placeKey(ofArrayAt: arguments[k])
        }
        if let (field, k) = PlaceKey.fieldOfParameter(calleeKey), k < arguments.count {
            return PlaceKey.field(field, object: function.referencedObject(arguments[k]), in: function, module: context.module)
        }
        return nil
    }

    /// This function's key for the array at `address`: the place a bounded `@inout` parameter
    /// stands for, or a property of one object.
    func placeKey(ofArrayAt address: Int32) -> String? {
        var a = address
        for _ in 0..<8 {
            if let bound = arrayParameters[a] { return bound.placeKey }
            guard let i = function.definingInstruction(a), function.instructions[Int(i)].opcode == .beginAccess,
                  let base = function.operands(of: function.instructions[Int(i)]).first else { break }
            a = base
        }
        guard let (field, object) = function.propertyAddress(address, module: context.module) else { return nil }
        return PlaceKey.field(field, object: object, in: function, module: context.module)
    }

    /// The object of a `field:K@vN` key (a value of this function).
    func placeObject(_ key: String) -> Int32? {
        guard key.hasPrefix("field:"), let at = key.lastIndex(of: "@"), key[key.index(after: at)...].hasPrefix("v"),
              let n = Int32(key[key.index(at, offsetBy: 2)...]) else { return nil }
        return n
    }

    /// Whether a place other than a global (`arg:k`, `field:K@…`) holds one buffer at a time
    /// through this function: nothing keeps a copy of its array, no call other than the
    /// changes is handed its address, no call may use the property (for a property), and no
    /// release may run a deinit that might.
    func holdsOneBuffer(place key: String, contributors: Set<Int32>, webValues: Set<Int32>,
                        siblings: (changes: Set<Int32>, web: Set<Int32>) = ([], [])) -> Bool {
        guard growthBuilder != nil else { return false }
        if growthBuilder!.users.isEmpty { growthBuilder!.indexUses() }
        let builder = growthBuilder!
        // Another name may stand for the same object (a second parameter, `child.parent`,
        // `procs[0]`): a read of the property of any object may be a read of this place.
        let roots = aliasRoots(key)
        let field = PlaceKey.fieldName(key)
        if roots.isEmpty && !contributors.isEmpty && field == nil { return false }
        // Before the first change the place holds whatever it held: a copy kept then makes the
        // first change copy, which is the one buffer charged; after the last, no change here
        // copies again. Only what may run between changes matters for this call. A caller
        // that calls this function again would meet such a copy between its own changes, so
        // it is told nothing when one of those was let through.
        let between = runsBetween(contributors.union(webValues.flatMap { builder.users[$0] ?? [] }))
        var letThrough = false
        // The changes of places that may be the same object (`siblings`) are in place and
        // keep no copy: what they read is not a copy kept here.
        let ownValues = webValues.union(siblings.web)
        let allChanges = contributors.union(siblings.changes)
        if builder.mayKeepCopy(ofArrayAt: roots, besides: ownValues, changes: allChanges) {
            if builder.mayKeepCopy(ofArrayAt: roots, besides: ownValues, changes: allChanges, readsThatMatter: between) { return false }
            letThrough = true
        }
        var touching: Set<Int> = []
        var deinitsTouch = false
        if let field {
            guard let t = context.globalCounts.guarded?.functionsUsing(field: field) else { return false }
            touching = t
            let owner = field.split(separator: ".").dropLast().joined(separator: ".")
            deinitsTouch = t.contains { fi in
                let name = context.module.functions[fi].swiftName
                return name.contains("deinit") && !name.hasPrefix(owner + ".")
            }
        }
        if let symbol = PlaceKey.loadedGlobal(key), !holdsOneObject(symbol) { return false }
        let addresses = builder.addressesUnder(roots)
        for (b, block) in function.blocks.enumerated() where cfg.rpoIndex[b] >= 0 && !isTrapPath(b) {
            for i in block.instructions where !contributors.contains(i) && !siblings.changes.contains(i) {
                let inst = function.instructions[Int(i)]
                let mayShare: Bool
                if isCall(inst) {
                    if builder.isMarkerCall(i) { continue }
                    if function.operands(of: inst).contains(where: addresses.contains) {
                        mayShare = true
                    } else if field != nil {
                        guard let name = calledFunction(i), let fi = context.module.functionIndex[name] else { return false }
                        mayShare = touching.contains(fi)
                    } else {
                        mayShare = false
                    }
                } else if isRelease(inst) {
                    mayShare = deinitsTouch || (field == nil && releaseCost(i).touchedGlobals == nil)
                } else {
                    continue
                }
                guard mayShare else { continue }
                if between(i) { return false }
                letThrough = true
            }
        }
        if letThrough { placesKeptFromCallers.insert(key) }
        return true
    }

    /// Whether every load of the global `symbol` here reads the same object: nothing here stores
    /// into it or hands its address on, and no call or deinit run here may touch it.
    func holdsOneObject(_ symbol: String) -> Bool {
        guard let builder = growthBuilder else { return false }
        var roots: [Int32] = []
        for inst in function.instructions where inst.opcode == .globalAddr && context.text.referencedFunction(inst) == symbol {
            roots.append(contentsOf: function.results(of: inst))
        }
        for a in builder.addressesUnder(roots) {
            for u in builder.users[a] ?? [] {
                let inst = function.instructions[Int(u)]
                guard [.load, .beginAccess, .endAccess, .debugValue, .structElementAddr].contains(inst.opcode) else { return false }
            }
        }
        return nothingElseTouches(symbol) { builder.isMarkerCall($0) || self.initializesOnce($0, symbol, builder) }
    }

    /// Whether no call and no release here may read or write the global `symbol` (its
    /// callees and the deinits it may run included), but for the calls `skipping` accepts.
    func nothingElseTouches(_ symbol: String, skipping: (Int32) -> Bool) -> Bool {
        for (b, block) in function.blocks.enumerated() where cfg.rpoIndex[b] >= 0 && !isTrapPath(b) {
            for i in block.instructions {
                let inst = function.instructions[Int(i)]
                if isCall(inst) {
                    if skipping(i) { continue }
                    guard let touched = callCost(i).touchedGlobals, !touched.contains(symbol) else { return false }
                } else if isRelease(inst), !skipping(i) {
                    guard let touched = releaseCost(i).touchedGlobals, !touched.contains(symbol) else { return false }
                }
            }
        }
        return true
    }

    /// A `builtin "once"` whose token the global's address depends on: the global's own lazy
    /// initialization, which stores its first value before anything here can load it.
    private func initializesOnce(_ i: Int32, _ symbol: String, _ builder: GrowthBuilder) -> Bool {
        let inst = function.instructions[Int(i)]
        guard inst.opcode == .builtin, context.text.builtinName(inst) == "once" else { return false }
        return function.results(of: inst).contains { token in
            (builder.users[token] ?? []).contains { u in
                function.instructions[Int(u)].opcode == .globalAddr && context.text.referencedFunction(function.instructions[Int(u)]) == symbol
            }
        }
    }

    /// Whether an instruction may run between two of `changes` in the same call: one may run
    /// before it and one after it (in its block, or in a block reachable either way).
    func runsBetween(_ changes: Set<Int32>) -> (Int32) -> Bool {
        func reach(_ next: (Int) -> [Int]) -> Set<Int> {
            var reached: Set<Int> = []
            var work = changes.flatMap { next(Int(function.block(containing: $0))) }
            while let b = work.popLast() {
                guard reached.insert(b).inserted else { continue }
                work.append(contentsOf: next(b))
            }
            return reached
        }
        let after = reach { cfg.successors[$0] }, before = reach { cfg.predecessors[$0] }
        var first: [Int: Int32] = [:], last: [Int: Int32] = [:]
        for c in changes {
            let b = Int(function.block(containing: c))
            first[b] = min(first[b] ?? c, c)
            last[b] = max(last[b] ?? c, c)
        }
        return { [function] i in
            let b = Int(function.block(containing: i))
            let changeBefore = after.contains(b) || first[b].map { $0 < i } == true
            let changeAfter = before.contains(b) || last[b].map { $0 > i } == true
            return changeBefore && changeAfter
        }
    }

    /// The one function a call runs: its single target, or a global's one-time initializer.
    private func calledFunction(_ call: Int32) -> String? {
        let inst = function.instructions[Int(call)]
        guard inst.opcode == .builtin else { return singleTarget(of: call) }
        let ops = Array(function.operands(of: inst))
        guard ops.count >= 2, let d = function.definingInstruction(ops[1]) else { return nil }
        return context.text.referencedFunction(function.instructions[Int(d)])
    }

}

extension FunctionAnalyzer {
    /// The addresses of place `key` in this function: the `@inout` parameters bound to it, a
    /// global's addresses, or the property's addresses on its object.
    func placeRoots(_ key: String) -> [Int32] {
        var roots = arrayParameters.filter { $0.value.placeKey == key }.map(\.key)
        if key.hasPrefix("global:") {
            let symbol = String(key.dropFirst("global:".count))
            for inst in function.instructions where inst.opcode == .globalAddr && context.text.referencedFunction(inst) == symbol {
                roots.append(contentsOf: function.results(of: inst))
            }
        } else if let field = PlaceKey.fieldName(key) {
            for inst in function.instructions where inst.opcode == .refElementAddr && context.module.field(of: inst) == field {
                guard let base = function.operands(of: inst).first,
                      PlaceKey.field(field, object: function.referencedObject(base), in: function, module: context.module) == key else { continue }
                roots.append(contentsOf: function.results(of: inst))
            }
        }
        return roots
    }

    /// The addresses that may hold place `key`'s array: its own roots, and for a property the
    /// property of every object here (any of them may be the same object).
    func aliasRoots(_ key: String) -> [Int32] {
        guard let field = PlaceKey.fieldName(key) else { return placeRoots(key) }
        var roots = arrayParameters.filter { $0.value.placeKey == key }.map(\.key)
        for inst in function.instructions where inst.opcode == .refElementAddr && context.module.field(of: inst) == field {
            roots.append(contentsOf: function.results(of: inst))
        }
        return roots
    }

    /// Whether the array of place `key` may leave this function as a copy: a value read from
    /// the place that is returned, thrown, stored anywhere but back into the place, captured,
    /// or handed to a call that keeps it. A caller that changes the place again would then
    /// copy while the old buffer stays with that copy, so the place holds one buffer at a time
    /// only as far as this function goes: its callers are not told it does.
    func placeMayLeak(_ key: String) -> Bool {
        guard let builder = growthBuilder else { return true }
        let roots = aliasRoots(key)
        let home = builder.addressesUnder(roots)
        var work: [Int32] = []
        for a in home {
            for u in builder.users[a] ?? [] where function.instructions[Int(u)].opcode == .load {
                work.append(contentsOf: function.results(of: function.instructions[Int(u)]))
            }
        }
        var seen: Set<Int32> = []
        while let v = work.popLast() {
            guard seen.insert(v).inserted else { continue }
            for u in builder.users[v] ?? [] {
                let inst = function.instructions[Int(u)]
                if isTrapPath(Int(function.block(containing: u))) { continue }
                let ops = Array(function.operands(of: inst))
                switch inst.opcode {
                case .refElementAddr, .refTailAddr, .debugValue, .strongRelease, .releaseValue, .destroyValue:
                    continue
                case .structExtract, .structInst, .upcast, .uncheckedRefCast, .endCowMutation, .beginCowMutation,
                     .beginBorrow, .copyValue, .moveValue, .markDependence, .tupleInst, .tupleExtract, .enumInst, .uncheckedEnumData:
                    work.append(contentsOf: function.results(of: inst))
                case .store:
                    guard ops.count == 2, ops[0] == v else { return true }
                    if home.contains(ops[1]) { continue }
                    // Moved to a stack slot to be changed there (a dictionary's or set's inlined
                    // insertion): followed through what is loaded back from the slot.
                    guard let slot = function.definingInstruction(ops[1]), function.instructions[Int(slot)].opcode == .allocStack else { return true }
                    for a in builder.addressesUnder([ops[1]]) {
                        for l in builder.users[a] ?? [] where function.instructions[Int(l)].opcode == .load {
                            work.append(contentsOf: function.results(of: function.instructions[Int(l)]))
                        }
                    }
                case .br, .condBr:
                    for s in function.successors(of: inst) {
                        let passed = Array(function.arguments(of: s))
                        let parameters = Array(function.arguments(of: function.blocks[Int(s.block)]))
                        for (k, p) in passed.enumerated() where p == v && k < parameters.count { work.append(parameters[k]) }
                    }
                case .apply, .tryApply, .beginApply:
                    guard ops.first != v else { return true }
                    if let name = singleTarget(of: u), context.stdlib.entry(name).arrayReallocation || context.stdlib.entry(name).arrayCopy {
                        // A new buffer for the place (or its copy): followed like the old one.
                        work.append(contentsOf: function.results(of: inst))
                        continue
                    }
                    for (k, argument) in ops.dropFirst().enumerated() where argument == v {
                        if builder.keepsArgument(u, k) { return true }
                    }
                case .other where [.strongRetain, .retainValue, .endBorrow, .fixLifetime, .endLifetime].contains(context.module.otherOpcode(of: inst)):
                    continue
                default:
                    return true
                }
            }
        }
        return false
    }
}
