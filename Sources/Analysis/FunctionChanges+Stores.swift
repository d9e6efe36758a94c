// Stores of a whole array into a counted place: its own buffer, a reallocation of it, the empty
// array, an array of known capacity, or something that sets no bound.

import SILModel

extension FunctionChanges {

    mutating func checkStores(capacityOfResult: (Int32, Function) -> Result<Int, StoredArrayCapacities.Refusal>) throws {
        for (store, value) in storesIntoGlobal {
            let address = function.operands(of: function.instructions[Int(store)]).last ?? -1
            if hashed {
                stores[store] = (try hashedStoreEffect(store, value), objectOfAddress[address])
                if case .count(let count) = stores[store]!.effect {
                    largestStored = max(largestStored, count)
                    // A new table also kept elsewhere (`table = d; shadow = d`) is shared; an
                    // empty one may be (a removal from it finds nothing to copy).
                    if count > 0, !onlyStored(value, by: store) { sharesTable = true }
                }
                continue
            }
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

    /// Whether a value, and what it wraps (through single-field structs and reference casts),
    /// is used by nothing but `store` (and debug info): stored into the place and kept nowhere
    /// else. A value joined at a phi is not followed (false).
    func onlyStored(_ value: Int32, by store: Int32) -> Bool {
        var v = value
        var allowed = store
        for _ in 0..<6 {
            let others = (users[v] ?? []).filter { $0 != allowed && function.instructions[Int($0)].opcode != .debugValue }
            guard others.isEmpty, let i = function.definingInstruction(v) else { return false }
            let inst = function.instructions[Int(i)]
            let ops = function.operands(of: inst)
            guard (inst.opcode == .structInst && ops.count == 1) || inst.opcode == .upcast || inst.opcode == .uncheckedRefCast else { return true }
            v = ops.first!
            allowed = i
        }
        return false
    }

    /// The capacity of a new array `value` is: a literal's buffer (`alloc_ref [tail_elems $T * 3]`)
    /// or a call's result of known capacity, through the array's wrappers and COW markers.
    func madeCapacity(_ value: Int32, capacityOfResult: (Int32, Function) -> Result<Int, StoredArrayCapacities.Refusal>) -> Int? {
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
    func sameCapacityBuffer(_ value: Int32) -> Int? {
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
    func keptCapacityCount(_ value: Int32, depth: Int = 0) -> Int? {
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
    func storeEffect(_ value: Int32, capacityOfResult: (Int32, Function) -> Result<Int, StoredArrayCapacities.Refusal>,
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
    func isOwnCapacity(_ value: Int32) -> Bool {
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
    func initialCount(of object: Int32) -> Int? {
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

    func carriesBufferOrEmpty(_ value: Int32) -> Bool {
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
                let singleton = hashed ? ["swiftEmptyDictionarySingleton", "swiftEmptySetSingleton"] : ["swiftEmptyArrayStorage"]
                let symbol = text.referencedFunction(function.instructions[Int(gi)]) ?? ""
                return singleton.contains { symbol.contains($0) }
            default:
                return false
            }
        }
        return false
    }
}
