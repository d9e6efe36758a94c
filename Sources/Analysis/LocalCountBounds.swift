// The count of a local collection bounded by structure rather than by a check right before
// the change (LocalCountGuards.swift): where the count an append reads comes from (a phi over
// paths, a step that keeps the count, what the collection is made with), and a bound by
// induction over every change for rings that drop their oldest element before adding one.

import SILModel

extension LocalCountGuards {
    /// The most elements the collection `storage` holds when `point` runs: what the tests on
    /// the way say of an earlier read of its count with no change since; through a phi, the
    /// most any incoming collection holds at the end of its edge; through a step that keeps the
    /// count (a copy-on-write check, a cast, a reallocation), what its operand held there; one
    /// made here, what it is made with.
    func countBound(of storage: Int32, at point: Int32, depth: Int, hypothesis: Int? = nil) -> Int? {
        guard depth < 16 else { return hypothesis }
        if let n = madeCount(storage) { return n }
        let at = Int(function.block(containing: point))
        var best: Int? = nil
        // The last change before `point`: a store of the count that runs before it on every
        // path, with no change since.
        for (store, value) in storedValue where storedObject(store) == storage && dominates(store, point) && !countMayChange(from: store, to: point) {
            if let n = storedBound(store: store, value: value, chain: depth + 1, hypothesis: hypothesis) { best = min(best ?? Int.max, n) }
        }
        for read in countLoads where countObject(read) == storage && (read == point || dominates(read, point)) {
            guard let value = function.results(of: function.instructions[Int(read)]).first, !countMayChange(from: read, to: point),
                  let limit = ranges.upperBound(of: value, at: at) else { continue }
            best = min(best ?? Int.max, limit)
        }
        if let best { return best }
        // Under a hypothesis, a count nothing else bounds is at most it; the hypothesis does not
        // cap what the structure says, so that rounds of `inductiveCount` settle at once.
        return structuralCountBound(of: storage, at: point, depth: depth, hypothesis: hypothesis) ?? hypothesis
    }

    /// What the count of `storage` at `point` is made of: the incoming collections of a phi,
    /// or the operand of a step that keeps the count.
    func structuralCountBound(of storage: Int32, at point: Int32, depth: Int, hypothesis: Int?) -> Int? {
        switch function.valueDefinitions[Int(storage)] {
        case .blockArgument(let b, _) where b != 0:
            guard let first = function.blocks[Int(b)].instructions.first, !changesCount(first), !countMayChange(from: first, to: point),
                  let incoming = function.phiIncoming(storage, cfg: cfg) else { return nil }
            var most = 0
            for (p, value) in incoming {
                // Round a loop, the count comes from an earlier pass: under a hypothesis, at most
                // it; with none, not followed (it would lead back to where the question began).
                let n = cfg.dominates(Int(b), p) ? hypothesis
                    : countBound(of: value, at: function.blocks[p].terminatorIndex, depth: depth + 1, hypothesis: hypothesis)
                guard let n else { return nil }
                most = max(most, n)
            }
            return most
        case .instruction(let i, _):
            let inst = function.instructions[Int(i)]
            let ops = function.operands(of: inst)
            let source: Int32?
            if function.forwardsStorage(inst) { source = ops.first } else if sites.contains(i) { source = ops.last } else { source = nil }
            guard let source, !countMayChange(from: i, to: point) else { return nil }
            return countBound(of: source, at: i, depth: depth + 1, hypothesis: hypothesis)
        default:
            return nil
        }
    }

    /// The most a count store sets: its constant, or what `guardedCount` finds.
    func storedBound(store: Int32, value: Int32, chain: Int, hypothesis: Int?) -> Int? {
        if let c = patterns.constants.constant(patterns.stripInt(value), in: function) { return c }
        return guardedCount(store: store, value: value, chain: chain, hypothesis: hypothesis)
    }

    /// The largest count the collection ever has, by induction: when it starts with at most M,
    /// and every change sets at most M provided every count it had so far is at most M, it never
    /// has more than M (`if ring.count >= 8 { ring.removeFirst() }; ring.append(x)`: lowered
    /// from at most M, or raised from at most 7, it stays at most max(M, 8)). M starts at
    /// `start` and rises to what the changes set, for a few rounds (nil: it does not settle).
    func inductiveCount(start: Int, insertions: [Int32] = []) -> Int? {
        guard holdsOneAtATime else { return nil }
        var m = max(start, 0)
        for _ in 0..<4 {
            var most = m
            for (store, value) in storedValue {
                guard let n = storedBound(store: store, value: value, chain: 0, hypothesis: m) else { return nil }
                most = max(most, n)
            }
            for site in insertions { most = max(most, guardedCount(insertion: site) ?? saturatingAdd(m, 1)) }
            if most == m { return m }
            m = most
        }
        return nil
    }
}
