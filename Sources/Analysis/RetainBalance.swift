// Whether a function gives back every reference count it holds on an object.
//
// Optimized SIL counts references explicitly. A function that receives an owned reference
// (an allocation, an `@owned` call result or parameter) must release it or hand it on
// (store it, return it, pass it `@owned`), and every retain it adds must go the same way.
// A count still held when the function returns is a leak: nothing refers to the object any
// more, yet it is never freed, so it stays live for good.
//
//   %3 = apply @makeTask()        count 1 (an owned result)
//   %6 = ref_element_addr %3      1 (reads a field)
//   return %r                     1 is left: `_ = Unmanaged.passRetained(t)` leaked it
//
// The check follows the values that are the reference (casts, aggregates, phis, unmanaged
// wrappers) and counts along every path from where it is defined, as the set of counts a
// block may be entered with. A path that comes back to the definition ends an object: a new
// one is made there. When the walk meets a use it does not understand (the reference made
// bits, an instruction it does not know), the answer is `unknown`: the escape walk
// (ValueFlow.swift) decides alone.

import SILModel

enum RetainOutcome: Equatable {
    case balanced
    /// Some path returns with a count left, or retains without bound in a loop.
    case leaks
    case unknown
}

struct RetainBalance {
    let function: Function
    let module: Module
    /// Parsed function types, shared by the module's functions.
    let types: TypeSpellings
    /// Instructions using each value, branches passing it included (ValueFlow's table).
    let users: [Int32: [Int32]]
    /// Whether call `u` may return its argument `k` (the callee's summary): an initializer
    /// handed its object `@owned` hands it back as its result.
    let returnsArgument: (_ u: Int32, _ k: Int) -> Bool

    /// Counts above this are a leak: a loop that retains on every iteration.
    private static let cap = 16

    /// The outcome for the reference `root`, which holds `startCount` counts where it is defined.
    func check(_ root: Int32, startCount: Int) -> RetainOutcome {
        guard let values = referenceValues(from: root) else { return .unknown }
        var delta: [Int32: Int] = [:]
        for u in Set(values.flatMap { users[$0] ?? [] }) {
            guard let d = countChange(of: u, values) else { return .unknown }
            if d != 0 { delta[u] = d }
        }
        guard let start = startPoint(of: root, values) else { return .unknown }
        return propagate(from: start, count: startCount, delta: delta, values: values)
    }

    // MARK: The values that are the reference

    /// The root and every value made from it that is still the same reference (nil when a use
    /// is not understood).
    private func referenceValues(from root: Int32) -> Set<Int32>? {
        var values: Set<Int32> = [root]
        var work = [root]
        while let v = work.popLast() {
            for u in users[v] ?? [] {
                guard let carried = carriedValues(u, from: v) else { return nil }
                for c in carried where values.insert(c).inserted { work.append(c) }
            }
        }
        return values
    }

    private static let forwardingOthers: Set<OtherOpcode> = [
        .refToUnmanaged, .unmanagedToRef, .strongCopyUnmanagedValue, .uncheckedOwnershipConversion,
        .uncheckedValueCast, .bridgeObjectToRef, .refToBridgeObject,
    ]
    private static let neutralOthers: Set<OtherOpcode> = [
        .fixLifetime, .isUnique, .setDeallocating, .endBorrow, .endLifetime, .debugStep, .isEscapingClosure,
        .valueMetatype, .existentialMetatype, .unownedRetain, .unownedRelease, .refToUnowned, .extendLifetime,
        .ignoredUse, .strongRetain, .retainValue, .unmanagedRetainValue, .unmanagedReleaseValue,
    ]

    /// The values `inst` makes from `v` that are the same reference: [] when it makes none, nil
    /// when the use is not understood.
    private func carriedValues(_ u: Int32, from v: Int32) -> [Int32]? {
        let inst = function.instructions[Int(u)]
        let ops = function.operands(of: inst)
        switch inst.opcode {
        case .structInst, .tupleInst, .enumInst, .structExtract, .tupleExtract, .uncheckedEnumData,
             .uncheckedRefCast, .uncheckedBitwiseCast, .upcast, .endInitLetRef, .beginCowMutation, .endCowMutation,
             .beginBorrow, .copyValue, .moveValue, .initExistentialRef, .openExistentialRef, .destructureStruct,
             .destructureTuple, .convertFunction, .beginDeallocRef:
            return Array(function.results(of: inst))
        case .markDependence:
            return ops.first == v ? Array(function.results(of: inst)) : []
        case .br, .condBr:
            // The reference passed on as a successor's block argument.
            var carried: [Int32] = []
            for s in function.successors(of: inst) {
                let args = function.arguments(of: s)
                let params = function.arguments(of: function.blocks[Int(s.block)])
                for (k, a) in args.enumerated() where a == v && k < params.count { carried.append(params[params.startIndex + k]) }
            }
            if inst.opcode == .condBr && ops.first == v { return nil }
            return carried
        case .switchEnum, .checkedCastBr:
            return function.successors(of: inst).flatMap { function.arguments(of: function.blocks[Int($0.block)]) }
        case .apply:
            // An `@owned` result that may be the argument: the reference goes on in it.
            return ownedResultReturning(u, v) ? Array(function.results(of: inst)) : []
        case .refElementAddr, .refTailAddr, .debugValue, .classMethod, .superMethod, .objcMethod, .witnessMethod,
             .convertEscapeToNoescape, .condFail, .strongRelease, .releaseValue, .destroyValue, .deallocRef,
             .deallocStackRef, .store, .returnInst, .throwInst, .tryApply, .beginApply, .partialApply:
            // Reads, releases and hand-offs: counted by `countChange`.
            if inst.opcode == .store && ops.first != v { return nil }
            return []
        case .builtin:
            return (InstructionText(module: module).builtinName(inst) ?? "").hasPrefix("cmp_") ? [] : nil
        case .refToRawPointer:
            // Compared (`===`) and nothing else: the reference did not become bits.
            let onlyCompared = function.results(of: inst).allSatisfy { r in
                (users[r] ?? []).allSatisfy { u in
                    let user = function.instructions[Int(u)]
                    return user.opcode == .builtin && (InstructionText(module: module).builtinName(user) ?? "").hasPrefix("cmp_")
                }
            }
            return onlyCompared ? [] : nil
        case .other:
            guard let op = module.otherOpcode(of: inst) else { return nil }
            if Self.forwardingOthers.contains(op) { return Array(function.results(of: inst)) }
            return Self.neutralOthers.contains(op) ? [] : nil
        default:
            return nil
        }
    }

    // MARK: Counting

    /// How `inst` changes the count of the reference that `values` are (nil: not understood).
    private func countChange(of u: Int32, _ values: Set<Int32>) -> Int? {
        let inst = function.instructions[Int(u)]
        let ops = function.operands(of: inst)
        let positions = ops.indices.filter { values.contains(ops[$0]) }.map { $0 - ops.startIndex }
        switch inst.opcode {
        case .copyValue:
            return 1
        case .strongRelease, .releaseValue, .destroyValue, .deallocRef, .deallocStackRef, .returnInst, .throwInst:
            return -positions.count
        case .store:
            // Into memory: the memory holds the count now.
            return positions.contains(0) ? -1 : nil
        case .apply, .tryApply, .beginApply:
            guard let change = applyChange(inst, positions) else { return nil }
            // The result handed back holds a count of its own.
            let handedBack = inst.opcode == .apply && positions.contains { p in p > 0 && returnsArgument(u, p - 1) } && resultIsOwned(inst)
            return change + (handedBack ? 1 : 0)
        case .partialApply:
            // A closure context captures its arguments (and owns them) unless it is on the stack.
            if positions.contains(0) { return nil }
            let onStack = module.isOnStack(inst)
            return onStack ? 0 : -positions.count
        case .other:
            switch module.otherOpcode(of: inst) {
            case .strongRetain, .retainValue, .unmanagedRetainValue, .strongCopyUnmanagedValue: return 1
            case .unmanagedReleaseValue: return -1
            default: return 0
            }
        default:
            return 0
        }
    }

    private func resultIsOwned(_ inst: Instruction) -> Bool {
        module.trailingFunctionType(of: inst).map { types.signature($0).resultIsOwned } ?? false
    }

    /// Whether apply `u` may return the reference `v`, passed as an argument, `@owned`.
    private func ownedResultReturning(_ u: Int32, _ v: Int32) -> Bool {
        let inst = function.instructions[Int(u)]
        let ops = function.operands(of: inst)
        guard resultIsOwned(inst) else { return false }
        return ops.indices.contains { i in
            let p = i - ops.startIndex
            return p > 0 && ops[i] == v && returnsArgument(u, p - 1)
        }
    }

    /// An `@owned` argument hands one count to the callee; a guaranteed one lends it.
    private func applyChange(_ inst: Instruction, _ positions: [Int]) -> Int? {
        guard let type = module.trailingFunctionType(of: inst) else { return nil }
        let signature = types.signature(type)
        var change = 0
        for p in positions {
            if p == 0 {
                // The closure called: `@callee_guaranteed` lends it.
                if type.contains("@callee_owned") { change -= 1 }
                continue
            }
            let k = p - 1
            guard k < signature.parameterTypes.count, !signature.parameterIsAddress[k] else { return nil }
            if signature.parameterIsOwned[k] { change -= 1 }
        }
        return change
    }

    /// Where counting starts: just after the defining instruction, or at the top of the block
    /// whose argument the root is. Nil when a phi of that block may carry the same reference
    /// around a loop (the old object would cross the new one's definition).
    private func startPoint(of root: Int32, _ values: Set<Int32>) -> (block: Int, index: Int32)? {
        let block: Int
        let index: Int32
        if let def = function.definingInstruction(root) {
            block = Int(function.block(containing: def))
            index = def + 1
        } else {
            guard let b = function.blocks.firstIndex(where: { function.arguments(of: $0).contains(root) }) else { return nil }
            block = b
            index = function.blocks[b].instructions.lowerBound
        }
        let phis = function.arguments(of: function.blocks[block])
        if phis.contains(where: { $0 != root && values.contains($0) }) { return nil }
        return (block, index)
    }

    private enum Counted {
        case left(UInt32)
        case outcome(RetainOutcome)
    }

    /// The counts `mask` becomes through `range` of one block, or the outcome when they go
    /// above the cap (a leak) or below zero (a count taken where the walk did not see it).
    private func counted(_ mask: UInt32, through range: Range<Int32>, delta: [Int32: Int]) -> Counted {
        var mask = mask
        for i in range {
            guard let d = delta[i] else { continue }
            if d > 0 {
                if mask >> UInt32(Self.cap - d) != 0 { return .outcome(.leaks) }
                mask <<= UInt32(d)
            } else {
                if mask & ((1 << UInt32(-d)) - 1) != 0 { return .outcome(.unknown) }
                mask >>= UInt32(-d)
            }
        }
        return .left(mask)
    }

    /// Counts are sets, one bit per count 0…cap; each block is entered with the union of its
    /// predecessors' sets. A count that would drop below zero means a count was taken where the
    /// walk did not see it: `unknown`.
    private func propagate(from start: (block: Int, index: Int32), count: Int, delta: [Int32: Int],
                           values: Set<Int32>) -> RetainOutcome {
        var entry = [UInt32](repeating: 0, count: function.blocks.count)
        var work: [(block: Int, from: Int32, mask: UInt32)] = [(start.block, start.index, 1 << UInt32(count))]
        let atLeastOne: UInt32 = ~1
        while let (b, from, entryMask) = work.popLast() {
            let block = function.blocks[b]
            let mask: UInt32
            switch counted(entryMask, through: from..<block.instructions.upperBound, delta: delta) {
            case .left(let left): mask = left
            case .outcome(let outcome): return outcome
            }
            let terminator = function.instructions[Int(block.terminatorIndex)]
            switch terminator.opcode {
            case .returnInst, .throwInst, .throwAddr, .unwind:
                if mask & atLeastOne != 0 { return .leaks }
            default:
                break
            }
            // A `switch_enum` of the reference: a case with no payload holds nothing to release.
            let switchesReference = terminator.opcode == .switchEnum && function.operands(of: terminator).first.map(values.contains) == true
            for s in function.successors(of: terminator) {
                let next = Int(s.block)
                let mask = switchesReference && function.arguments(of: function.blocks[next]).isEmpty ? 1 : mask
                if next == start.block {
                    // Back at the definition: this object's path ends, a new object begins. What
                    // runs before the definition in its block (a loop's `release` of the object
                    // the last pass made) still counts.
                    switch counted(mask, through: function.blocks[next].instructions.lowerBound..<start.index, delta: delta) {
                    case .left(let left): if left & atLeastOne != 0 { return .leaks }
                    case .outcome(let outcome): return outcome
                    }
                    continue
                }
                // Only counts not seen there before go on: each count's path is counted alone.
                let new = mask & ~entry[next]
                if new != 0 {
                    entry[next] |= new
                    work.append((next, function.blocks[next].instructions.lowerBound, new))
                }
            }
        }
        return .balanced
    }
}
