// Arrays a caller hands down `@inout`: what the caller knows of the place it passes.
//
// A mutating stdlib method that is not inlined (`remove(at:)`, `sort()`, `append(_:)` at some
// sizes, `replaceSubrange`, `_makeUniqueAndReserveCapacityIfNotUnique`) gets the array's
// address. On its own, its growth model cannot bound anything: the array's count on entry is
// whatever the caller had. The caller often knows more, because the address is that of a place
// with a module-wide bound:
//
//   %6 = global_addr @$e6Kernel6bcacheSayAA5BlockCGvp       a global whose largest count the
//   %7 = begin_access [modify] [dynamic] %6                  program states (maxliveMaxCount)
//   %9 = apply %8(%i, %7) : $(Int, @inout Array<Block>) -> @owned Block      remove(at:)
//
// The call is then summarised once more for that context: the callee reads the parameter's
// array as it would read the place itself (`ArrayGrowth.evaluate`), with the same assumption
// in the report. A callee that passes the parameter on to another call hands the bound down.

import SILModel

struct ArrayParameterBound: Hashable {
    enum Limit: Hashable, Sendable {
        /// After every change the array holds at most this many elements (maxlive.max_count).
        case statedCount(Int)
        /// Every array ever kept in the place has at most this capacity (StoredArrayCapacities).
        case storedCapacity(Int)
    }

    let limit: Limit
    /// The place, as the source names it (`fdTable`, `FileTable.slots`).
    let place: String
    /// The assumption every bound that relies on it carries.
    let assumption: String
    /// `global:<symbol>` for a global's stated or enforced count (FunctionAnalyzer charges the
    /// buffer of such a place once per call).
    var placeKey: String? = nil
}

extension FunctionAnalyzer {
    /// The bound of each `@inout` array argument of a call whose address is a bounded place, or
    /// a parameter of this function that came with a bound (keyed by argument position).
    func arrayArgumentBounds(_ call: Int32, callee name: String) -> [Int: ArrayParameterBound] {
        guard let callee = context.module.function(named: name), callee.isDefinition, let entry = callee.blocks.first else { return [:] }
        let type = context.module.text.string(callee.type)
        let conventions = GrowthPatterns.parameterConventions(type)
        let signature = context.types.signature(type)
        // Indirect results come first among the entry block's arguments: then positions differ.
        guard conventions.count == callee.arguments(of: entry).count, signature.parameterTypes.count == conventions.count else { return [:] }
        var bounds: [Int: ArrayParameterBound] = [:]
        for (k, argument) in function.operands(of: function.instructions[Int(call)]).dropFirst().enumerated() where k < conventions.count {
            guard conventions[k] == "@inout", Self.isArrayType(signature.parameterTypes[k]),
                  var bound = arrayBound(ofAddress: argument) else { continue }
            // A stated count's place, as the callee names it: the array behind its parameter k
            // (FieldPlaces.swift); a global keeps its own name.
            if case .statedCount = bound.limit, bound.placeKey == nil || bound.placeKey!.hasPrefix("arg:") {
                bound.placeKey = PlaceKey.argument(k)
            }
            bounds[k] = bound
        }
        return bounds
    }

    /// For a call whose `@inout` array arguments include a global or a class's property with no
    /// bound: why the code does not keep that place's count below a limit, as a reason at the call.
    func unboundedGlobalArguments(_ call: Int32) -> [String] {
        var messages: [String] = []
        for argument in function.operands(of: function.instructions[Int(call)]).dropFirst() {
            if arrayBound(ofAddress: argument) == nil, case .field(let key)? = context.storedCapacities.place(ofAddress: argument, in: function),
               let why = context.globalCounts.refusal(ofField: key) {
                messages.append("array growth cannot be bounded: the code does not keep the count of `\(key)` below a limit in every instance (\(why)); check that instance's count before each change that adds to it")
                continue
            }
            guard arrayBound(ofAddress: argument) == nil,
                  let symbol = context.globalCounts.globalSymbol(ofAddress: argument, in: function),
                  context.storedCapacities.place(ofAddress: argument, in: function) == .global(symbol),
                  let why = context.globalCounts.refusal(ofGlobal: symbol) else { continue }
            let name = CalleeResolver.readableGlobal(symbol)
            messages.append("array growth cannot be bounded: the code does not keep the count of the global `\(name)` below a limit (\(why)); check it before each change that adds to it, or state its largest count with maxliveMaxCount(&\(name), N) after each change")
        }
        return messages
    }

    /// What is known of the array at `address`: a parameter's bound, a global's stated count, or
    /// a stored place's capacity.
    private func arrayBound(ofAddress address: Int32) -> ArrayParameterBound? {
        var a = address
        for _ in 0..<8 {
            if let bound = arrayParameters[a] { return bound }
            guard let i = function.definingInstruction(a), function.instructions[Int(i)].opcode == .beginAccess,
                  let base = function.operands(of: function.instructions[Int(i)]).first else { break }
            a = base
        }
        if let symbol = context.globalCounts.globalSymbol(ofAddress: address, in: function),
           context.storedCapacities.place(ofAddress: address, in: function) == .global(symbol),
           let stated = context.globalCounts.bound(ofGlobal: symbol) {
            return ArrayParameterBound(limit: .statedCount(stated.count), place: CalleeResolver.readableGlobal(symbol),
                                       assumption: stated.assumption(global: symbol), placeKey: "global:" + symbol)
        }
        guard let place = context.storedCapacities.place(ofAddress: address, in: function) else { return nil }
        if case .field(let key) = place, let enforced = context.globalCounts.bound(ofField: key) {
            return ArrayParameterBound(limit: .statedCount(enforced.count), place: key, assumption: enforced.assumption(field: key))
        }
        guard case .success(let capacity) = context.storedCapacities.capacity(of: place) else { return nil }
        return ArrayParameterBound(limit: .storedCapacity(capacity), place: place.readable,
                                   assumption: "`\(place.readable)` holds arrays of capacity at most \(capacity), the largest the module stores there (trusted: no value is forged from raw memory)")
    }

    /// The largest count of the array loaded from `address` (its buffer field, through the
    /// array's wrapper fields and accesses), when the program states it for the global there
    /// or the caller bounds the parameter: every count read from it is at most that.
    func countBound(ofArrayAt address: Int32) -> (count: Int, assumption: String, stated: Bool)? {
        let a = arrayAddress(under: address)
        guard let bound = arrayBound(ofAddress: a) else { return nil }
        switch bound.limit {
        case .statedCount(let n): return (n, bound.assumption, true)
        case .storedCapacity(let c): return arrayParameters[a] == bound ? (c, bound.assumption, false) : nil
        }
    }

    /// The largest capacity of the array loaded from `address`, when the global or property
    /// there has a count bound and every change of it is understood: a buffer made as large as
    /// the place's (`removeAll(keepingCapacity:)` on a shared one) is no larger than that.
    func capacityBound(ofArrayAt address: Int32) -> (capacity: Int, assumption: String, stated: Bool)? {
        let a = arrayAddress(under: address)
        guard let guarded = context.globalCounts.guarded, let place = context.storedCapacities.place(ofAddress: a, in: function) else { return nil }
        switch place {
        case .global(let symbol):
            guard context.globalCounts.globalSymbol(ofAddress: a, in: function) == symbol,
                  let bound = context.globalCounts.bound(ofGlobal: symbol),
                  let capacity = guarded.capacityBound(of: .global(symbol), count: bound.count) else { return nil }
            return (capacity, bound.assumption(global: symbol), !bound.derived)
        case .field(let key):
            guard let bound = context.globalCounts.bound(ofField: key),
                  let capacity = guarded.capacityBound(of: .field(key), count: bound.count) else { return nil }
            return (capacity, bound.assumption(field: key), false)
        default:
            return nil
        }
    }

    /// The array's own address under an address of its buffer field: through the array's
    /// wrapper fields and accesses.
    private func arrayAddress(under address: Int32) -> Int32 {
        var a = address
        for _ in 0..<8 {
            guard let i = function.definingInstruction(a) else { break }
            let inst = function.instructions[Int(i)]
            let isWrapper = inst.opcode == .structElementAddr
                && StoredArrayCapacities.isWrapperField(context.module.field(of: inst))
            guard isWrapper || inst.opcode == .beginAccess, let base = function.operands(of: inst).first else { break }
            a = base
        }
        return a
    }

    private static func isArrayType(_ type: String) -> Bool {
        type.hasPrefix("Array<") || type.hasPrefix("ContiguousArray<") || type.hasPrefix("[") && !type.contains(":")
    }
}
