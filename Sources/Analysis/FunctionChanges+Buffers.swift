// The values that carry a counted array's buffer in one function, the counts read from them,
// the count stores (inlined appends and removals) and what each removal leaves.

import SILModel

extension FunctionChanges {

    // MARK: the buffers and their counts

    /// Values that carry the global's buffer: forwarded, wrapped, reallocated (a new buffer with
    /// the old count), and phis all of whose inputs carry it (loop-carried phis included: the
    /// largest set closed that way, found by dropping phis with another input until none is left).
    mutating func followBuffers(stdlib: StdlibCallIndex) {
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

    func closure(from roots: Set<Int32>, excluding excluded: Set<Int32>, stdlib: StdlibCallIndex) -> Set<Int32> {
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

    /// What each edge into a block argument passes (a non-branch edge passes something unknown: -1).
    func incoming(_ parameter: Int32) -> [Int32] {
        guard case .blockArgument(let b, _) = function.valueDefinitions[Int(parameter)], b != 0 else { return [] }
        return function.phiInputs(parameter, cfg: cfg) ?? [-1]
    }

    /// The count addresses under `countAndCapacity` and the loads of them.
    func countReads(from address: Int32) -> [Int32] {
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
    func countFieldAddress(_ a: Int32) -> Bool {
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
    mutating func checkReallocations(stdlib: StdlibCallIndex) throws {
        for (i, inst) in function.instructions.enumerated() where inst.opcode == .apply {
            let ops = Array(function.operands(of: inst))
            guard ops.count == 5, let old = ops.last, buffers.contains(old),
                  let ref = function.definingInstruction(ops[0]), function.instructions[Int(ref)].opcode == .functionRef,
                  let name = text.referencedFunction(function.instructions[Int(ref)]), stdlib.entry(name).arrayReallocation else { continue }
            // The old count plus or minus k (a removal's inlined `replaceSubrange` asks for
            // count − 1 or count, a phi of the two): a buffer of the count it already has.
            if let k = requestStep(ops[2]) {
                largestRequestStep = max(largestRequestStep, k)
                continue
            }
            if let c = constants.constant(strip(ops[2]), in: function), c >= 0 {
                largestStored = max(largestStored, c)
                largestConstantRequest = max(largestConstantRequest, c)
                continue
            }
            throw Refusal(why: "its capacity is reserved with a value its count does not bound\(place(Int32(i)))")
        }
    }

    /// Every store into a buffer's count: the count read from the global's buffer plus k (a
    /// growth when k > 0), minus k, or a constant 0.
    mutating func classifyCountStores() throws {
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
    func bufferObject(_ value: Int32) -> Int32? {
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
    func rangeRemoval(_ call: Int32) -> RemovalKind? {
        let ops = Array(function.operands(of: function.instructions[Int(call)]))
        // (callee, range, replacement, array), or without the replacement where -O dropped it.
        guard ops.count == 4 || ops.count == 3, let r = function.definingInstruction(ops[1]),
              function.instructions[Int(r)].opcode == .structInst else { return nil }
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
        // A copy of the buffer kept elsewhere does not matter: the place holds this buffer from
        // the load to `use`, so the count read is the place's.
        guard let buffer = rootLoad(ofCountRead: countLoad) else { return false }
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
    func shrinkKind(_ value: Int32, store: Int32) -> RemovalKind {
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
    func countStep(_ value: Int32) -> Int? {
        let v = strip(value)
        if countLoads.contains(v) { return 0 }
        if let c = constants.constant(v, in: function) { return c == 0 ? 0 : nil }
        guard let op = addOrSubtract(v), countLoads.contains(op.base), let k = largestConstant(op.amount) else { return nil }
        return op.adds ? k : (k >= 0 ? 0 : nil)
    }

    /// `base + amount` or `base − amount` (checked or not, through the overflow tuple), with
    /// `base` stripped of its `Int` wrappers.
    func addOrSubtract(_ value: Int32) -> (base: Int32, amount: Int32, adds: Bool)? {
        guard let i = function.definingInstruction(value) else { return nil }
        var inst = function.instructions[Int(i)]
        if inst.opcode == .tupleExtract, let tuple = function.operands(of: inst).first, let d = function.definingInstruction(tuple) {
            inst = function.instructions[Int(d)]
        }
        guard inst.opcode == .builtin, let name = text.builtinName(inst) else { return nil }
        let ops = Array(function.operands(of: inst))
        guard ops.count >= 2 else { return nil }
        if name.hasPrefix("sadd") || name.hasPrefix("add") { return (strip(ops[0]), ops[1], true) }
        if name.hasPrefix("ssub") || name.hasPrefix("sub") { return (strip(ops[0]), ops[1], false) }
        return nil
    }

    /// A constant, or the largest of the constants every edge into a phi passes (`count +
    /// (found ? 0 : 1)`, as a dictionary's inlined insertion asks for its capacity).
    func largestConstant(_ value: Int32) -> Int? {
        if let c = constants.constant(value, in: function) { return c }
        guard let inputs = function.phiInputs(value, cfg: cfg), !inputs.isEmpty else { return nil }
        let choices = inputs.compactMap { constants.constant($0, in: function) }
        return choices.count == inputs.count ? choices.max() : nil
    }

    /// The largest k of a capacity request `count + k`, through phis all of whose inputs are
    /// such requests (nil when one is not).
    func requestStep(_ value: Int32, depth: Int = 0) -> Int? {
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
    func signedCountStep(_ value: Int32) -> Int? {
        guard let op = addOrSubtract(value), !op.adds, countLoads.contains(op.base),
              let k = constants.constant(op.amount, in: function), k >= 0 else { return nil }
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
}
