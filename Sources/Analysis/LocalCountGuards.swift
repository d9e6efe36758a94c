// Local collections kept small by checks of their own count, however often the loop around
// them runs:
//
//   while let x = next() { if out.count < 4 { out.append(x) } }
//   while let x = next() { if out.count >= 8 { break }; out.append(x) }
//
// An inlined append stores the count it read plus k. When a branch on the same array's count
// (count ≤ L on the side taken) dominates that store, and nothing changes the count between
// the check and the append's own read of it, the store sets at most L + k. Over any run, the
// count then never exceeds the largest of these, the counts set outright, and the count the
// collection starts with, plus what the unguarded changes add (each guarded change either
// does not run, or runs from a count of at most L).
//
// Appends in a row behind one check (`out.append(tag); out.append(len)`) each add to the
// count the one before stored, which the optimizer forwards: the first is bounded by the
// check, and each next one by the one before plus its own k.
//
// The count an append reads is also bounded by structure (`countBound`, LocalCountBounds.swift):
// through phis (a flush that starts over from empty on one path), the steps that keep a count,
// and what a collection is made with. A ring that drops its oldest element before each append
// is bounded by induction over the changes (`inductiveCount`).
//
// "The same array": the append's buffer leads back, through copy-on-write checks, the
// reallocations that keep the count (the web's sites) and phis, only to the buffer whose
// count the check read.

import SILModel

struct LocalCountGuards {
    let patterns: GrowthPatterns
    let ranges: ValueRanges
    /// The most elements a collection holds as it is made, when the value is one made here
    /// (the static empty collection: 0; a literal's buffer: its capacity).
    let madeCount: (Int32) -> Int?
    /// The storage values of the collection (the web).
    let values: Set<Int32>
    /// Every store of the collection's count, and its reallocation calls (which keep the count).
    let countStores: Set<Int32>
    /// The count each store sets (through Int wrapping), and the store.
    let storeSetting: [Int32: Int32]
    let sites: Set<Int32>
    /// Every user of each value of the function.
    let users: [Int32: [Int32]]
    /// What each count store stores.
    let storedValue: [Int32: Int32]
    /// Whether the web is one collection at a time (see `oneAtATime`), worked out once.
    private(set) var holdsOneAtATime = false
    /// Every load of the count of one of the web's values.
    private(set) var countLoads: [Int32] = []

    init(patterns: GrowthPatterns, ranges: ValueRanges, madeCount: @escaping (Int32) -> Int?, values: Set<Int32>, countStores: [(store: Int32, value: Int32)], sites: Set<Int32>, users: [Int32: [Int32]]) {
        self.patterns = patterns
        self.ranges = ranges
        self.madeCount = madeCount
        self.values = values
        self.countStores = Set(countStores.map(\.store))
        var setting: [Int32: Int32] = [:]
        for (store, value) in countStores { setting[patterns.stripInt(value)] = store }
        storeSetting = setting
        self.storedValue = Dictionary(countStores.map { ($0.store, $0.value) }, uniquingKeysWith: { a, _ in a })
        self.sites = sites
        self.users = users
        holdsOneAtATime = oneAtATime()
        if holdsOneAtATime { countLoads = findCountLoads() }
    }

    var function: Function { patterns.function }
    var cfg: ControlFlowGraph { patterns.cfg }

    /// Whether the web is one collection at a time: a check bounds the count of the collection
    /// it reads, and the web's one buffer (with the old one while it grows) is that collection's
    /// only if no other of its arrays is live beside it. Two are when a block takes two of the
    /// web's values (`last = cur` in a loop), when one is put into an aggregate or into memory
    /// other than the web's own slots, or when the web starts more than once from the value it
    /// is made of (`cur = []` after a hand-off: the old array lives on elsewhere).
    private func oneAtATime() -> Bool {
        var entries = 0
        for block in function.blocks where function.arguments(of: block).filter(values.contains).count > 1 {
            return false
        }
        for v in values {
            for u in users[v] ?? [] {
                let inst = function.instructions[Int(u)]
                let ops = Array(function.operands(of: inst))
                switch inst.opcode {
                case .structInst, .tupleInst, .enumInst:
                    if ops.count > 1 { return false }
                case .store where ops.count == 2 && ops[0] == v && !values.contains(ops[1]):
                    return false
                default:
                    break
                }
            }
        }
        // Kept in a stack slot and carried by a phi too: the phi may hold a copy taken out of
        // the slot (`last = cur`) while the slot's table grows again.
        let inSlot = values.contains { v in function.definingInstruction(v).map { function.instructions[Int($0)].opcode == .allocStack } ?? false }
        if inSlot, values.contains(where: { if case .blockArgument(let b, _) = function.valueDefinitions[Int($0)] { return b != 0 } else { return false } }) {
            return false
        }
        // Where the web starts: values not made from another of its values, passed to a phi or
        // stored into a slot.
        for v in values where !madeFromWeb(v) {
            for u in users[v] ?? [] {
                let inst = function.instructions[Int(u)]
                let ops = Array(function.operands(of: inst))
                if inst.opcode == .br || inst.opcode == .condBr, !restarts(u, with: v) { entries += ops.filter { $0 == v }.count }
                if inst.opcode == .store, ops.count == 2, ops[0] == v { entries += 1 }
            }
        }
        return entries <= 1
    }

    /// Whether the branch `branch` drops the web's array and hands on the new start `v` in its
    /// place (`out = []` after a flush): its block releases a value of the web, copies none,
    /// and passes no other value of the web on.
    private func restarts(_ branch: Int32, with v: Int32) -> Bool {
        let block = function.blocks[Int(function.block(containing: branch))]
        guard !function.operands(of: function.instructions[Int(branch)]).contains(where: { $0 != v && values.contains($0) }) else { return false }
        var released = false
        for i in block.instructions {
            let inst = function.instructions[Int(i)]
            guard let first = function.operands(of: inst).first, values.contains(first) else { continue }
            if GrowthPatterns.isRetain(inst, in: patterns.text.module) { return false }
            if inst.opcode == .strongRelease || inst.opcode == .releaseValue { released = true }
        }
        return released
    }

    /// Whether `v` is made from another value of the web (a phi of them, a cast, a change).
    private func madeFromWeb(_ v: Int32) -> Bool {
        switch function.valueDefinitions[Int(v)] {
        case .blockArgument(let b, _):
            return b != 0
        case .instruction(let i, _):
            return function.operands(of: function.instructions[Int(i)]).contains(where: values.contains)
        default:
            return false
        }
    }

    /// The guarded counts of the collection's count stores and insertion calls, by instruction.
    func guardedCounts(insertions: [Int32] = []) -> [Int32: Int] {
        var counts: [Int32: Int] = [:]
        for (store, value) in storedValue {
            if let n = guardedCount(store: store, value: value, chain: 0) { counts[store] = n }
        }
        for site in insertions {
            if let n = guardedCount(insertion: site) { counts[site] = n }
        }
        return counts
    }

    /// The most elements the collection holds right after `store` sets its count to `value`
    /// (an earlier count plus k), when a check of that count guards it (nil: no such check).
    /// With a `hypothesis` (every count the collection has had is at most that), a count read
    /// with nothing better known is taken as at most that, and lowering stores count too.
    func guardedCount(store: Int32, value: Int32, chain: Int, hypothesis: Int? = nil) -> Int? {
        guard holdsOneAtATime, let (base, k) = patterns.addition(value), k > 0 || hypothesis != nil else { return nil }
        if chain < 16, let earlier = storeSetting[base], earlier != store,
           let n = storedValue[earlier].flatMap({ storedBound(store: earlier, value: $0, chain: chain + 1, hypothesis: hypothesis) }),
           let made = function.definingInstruction(base), dominates(earlier, store),
           !function.mayRun(between: earlier, and: store, cfg: cfg, where: { $0 == made }) {
            // The count an earlier guarded store set, forwarded: this store follows it, with
            // no new count computed in between.
            return saturatingAdd(n, k)
        }
        // The count the store adds to, as the tests on the way to the store bound it (also
        // through joins and non-constant limits: `count < min(n, 24)`; ValueRanges.swift).
        var best = ranges.upperBound(of: base, at: Int(function.block(containing: store))).map { saturatingAdd($0, k) }
        guard let baseLoad = function.definingInstruction(patterns.stripInt(base)),
              let appended = countObject(baseLoad) else { return best }
        var b = Int(function.block(containing: store))
        for _ in 0..<function.blocks.count {
            let preds = cfg.predecessors[b]
            if preds.count == 1, let (limit, read) = limit(onEdgeFrom: preds[0], to: b),
               let checked = countObject(read), read == baseLoad || dominates(read, baseLoad),
               leadsOnlyTo(appended, checked), !countMayChange(from: read, to: baseLoad) {
                best = min(best ?? Int.max, saturatingAdd(limit, k))
            }
            let up = cfg.immediateDominator[b]
            if up == b || up < 0 { break }
            b = up
        }
        // The count of the array the append reads, as the tests on the way bound it (several
        // paths, each with its own test; limits that are not constants; a restart from empty
        // on one path).
        if let limit = countBound(of: appended, at: baseLoad, depth: chain, hypothesis: hypothesis) {
            best = min(best ?? Int.max, saturatingAdd(limit, k))
        }
        return best
    }

    /// The collection whose count field a count store writes (one of the web's values).
    func storedObject(_ store: Int32) -> Int32? {
        let inst = function.instructions[Int(store)]
        guard inst.opcode == .store, let address = function.operands(of: inst).last else { return nil }
        return countObject(ofAddress: address)
    }

    /// The loads of the count of any of the web's values.
    private func findCountLoads() -> [Int32] {
        var reads: [Int32] = []
        var work: [Int32] = []
        for v in values {
            for u in users[v] ?? [] where function.instructions[Int(u)].opcode == .refElementAddr { work.append(u) }
        }
        var seen: Set<Int32> = []
        while let i = work.popLast() {
            guard seen.insert(i).inserted, seen.count <= 256 else { continue }
            let inst = function.instructions[Int(i)]
            if inst.opcode == .load {
                if countObject(i) != nil { reads.append(i) }
                continue
            }
            guard inst.opcode == .refElementAddr || inst.opcode == .structElementAddr,
                  let address = function.results(of: inst).first else { continue }
            work.append(contentsOf: users[address] ?? [])
        }
        return reads.sorted()
    }

    /// The most elements a table kept in a stack slot holds right after an insertion call that
    /// is handed the slot (`Set._Variant.insert`, one element at most), when a check of the
    /// count of the table loaded from that slot guards it, with nothing changing the slot in
    /// between (nil: no such check).
    func guardedCount(insertion site: Int32) -> Int? {
        guard holdsOneAtATime, let slot = function.operands(of: function.instructions[Int(site)]).last else { return nil }
        var best: Int? = nil
        var b = Int(function.block(containing: site))
        for _ in 0..<function.blocks.count {
            let preds = cfg.predecessors[b]
            if preds.count == 1, let (limit, read) = limit(onEdgeFrom: preds[0], to: b),
               let checked = countObject(read), let tableLoad = function.definingInstruction(checked),
               function.instructions[Int(tableLoad)].opcode == .load,
               let loaded = function.operands(of: function.instructions[Int(tableLoad)]).first, root(loaded) == root(slot),
               dominates(tableLoad, site), !countMayChange(from: tableLoad, to: site, includingTo: true) {
                best = min(best ?? Int.max, saturatingAdd(limit, 1))
            }
            let up = cfg.immediateDominator[b]
            if up == b || up < 0 { break }
            b = up
        }
        return best
    }

    /// An address through the projections into it (`struct_element_addr`).
    private func root(_ address: Int32) -> Int32 {
        var a = address
        for _ in 0..<8 {
            guard let i = function.definingInstruction(a), [.structElementAddr, .tupleElementAddr].contains(function.instructions[Int(i)].opcode),
                  let base = function.operands(of: function.instructions[Int(i)]).first else { break }
            a = base
        }
        return a
    }

    /// The largest count the edge `p → to` allows, and the load of the count it tests.
    private func limit(onEdgeFrom p: Int, to: Int) -> (Int, Int32)? {
        let term = function.instructions[Int(function.blocks[p].terminatorIndex)]
        for limit in function.edgeLimits(term, to: to, text: patterns.text, constants: patterns.constants) where limit.upperBound >= 0 {
            guard let load = function.definingInstruction(patterns.stripInt(limit.operand)),
                  function.instructions[Int(load)].opcode == .load else { continue }
            return (limit.upperBound, load)
        }
        return nil
    }

    /// The storage value whose count field a load reads (one of the web's values), or nil.
    func countObject(_ load: Int32) -> Int32? {
        let inst = function.instructions[Int(load)]
        guard inst.opcode == .load, let a = function.operands(of: inst).first else { return nil }
        return countObject(ofAddress: a)
    }

    /// The storage value whose count field `address` is (one of the web's values), or nil.
    func countObject(ofAddress address: Int32) -> Int32? {
        guard patterns.isCountField(address) else { return nil }
        var a = address
        for _ in 0..<6 {
            guard let i = function.definingInstruction(a), let base = function.operands(of: function.instructions[Int(i)]).first else { return nil }
            if function.instructions[Int(i)].opcode == .refElementAddr { return values.contains(base) ? base : nil }
            a = base
        }
        return nil
    }

    /// Whether every way `value` is made leads back to `target` through steps that keep the
    /// array and its count: copy-on-write checks, the web's reallocations, casts, phis.
    private func leadsOnlyTo(_ value: Int32, _ target: Int32) -> Bool {
        var work = [value]
        var seen: Set<Int32> = []
        while let v = work.popLast() {
            if v == target || !seen.insert(v).inserted { continue }
            guard seen.count <= 64 else { return false }
            switch function.valueDefinitions[Int(v)] {
            case .blockArgument(let b, _) where b != 0:
                guard let inputs = function.phiInputs(v, cfg: cfg), !inputs.isEmpty else { return false }
                work.append(contentsOf: inputs)
            case .instruction(let i, _):
                let inst = function.instructions[Int(i)]
                let ops = function.operands(of: inst)
                switch inst.opcode {
                case _ where function.forwardsStorage(inst):
                    guard let o = ops.first else { return false }
                    work.append(o)
                case .apply where sites.contains(i):
                    guard let o = ops.last else { return false }
                    work.append(o)
                default:
                    return false
                }
            default:
                return false
            }
        }
        return true
    }

    /// Whether `a` runs before `b` on every path to `b` (strictly before, in one block).
    func dominates(_ a: Int32, _ b: Int32) -> Bool { a != b && function.instruction(a, dominates: b, cfg: cfg) }

    /// Whether a store of the count, a store into the collection's slot, or a call handed the
    /// collection other than a reallocation that keeps the count, may run after `from` and
    /// before `to` (with `from` not run again).
    func countMayChange(from: Int32, to: Int32, includingTo: Bool = false) -> Bool {
        function.mayRun(between: from, and: to, cfg: cfg, includingTo: includingTo, where: changesCount)
    }

    /// Whether instruction `i` may change the collection's count: a store of it, a store into
    /// the collection's slot, a call handed the collection other than a reallocation.
    func changesCount(_ i: Int32) -> Bool {
        if countStores.contains(i) { return true }
        let inst = function.instructions[Int(i)]
        if inst.opcode == .store || inst.opcode == .copyAddr, let destination = function.operands(of: inst).last,
           values.contains(destination) {
            return true
        }
        return [.apply, .tryApply, .beginApply].contains(inst.opcode) && !sites.contains(i)
            && function.operands(of: inst).contains(where: values.contains)
    }
}
