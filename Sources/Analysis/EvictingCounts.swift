// Counts kept small by making room first, with no guard in front of the change:
//
//   if records.count == 32 { records.removeFirst() }      a ring of the last 32
//   records.append(r)
//
//   if samples.count >= 64 { samples.removeAll(keepingCapacity: true) }
//   samples.append(s)
//
// No check dominates the append, yet on every path to it the count is below the limit, given
// that it was at most the limit to begin with. GuardedGlobalCounts proves "count ≤ K" for a
// place by induction over every change in the module; this file proves the induction step for
// the changes no guard covers: with every instance's count at most K where a function starts
// (and after any call that may change it), each such change leaves it at most K.
//
// A forward dataflow over the function's blocks, per object (one for a global): the state is a
// deficit d, meaning "count ≤ K − d" (d = 0 is the invariant itself).
//   - a branch on a count read (in the branch's block, nothing changing it in between) against a
//     constant: `count ≠ c` with c = K − d gives d + 1; `count ≤ h` gives K − h;
//   - a removal of one (`removeFirst`, `remove(at:)`, `removeLast`; they trap on an empty
//     array) gives d + 1; `removeAll` gives K; an inlined count store of the count read just
//     before it, minus k, gives d + k; any other store of a smaller count gives 0;
//   - a growth adding a needs d ≥ a before it (for the growths being checked) and gives d − a
//     (0 for a growth of another object, which may be the same one);
//   - a store of the array into the place: its own buffer (loaded, reallocated, retained by
//     nothing, so no older one) keeps d; a new array of c elements gives K − c; else 0;
//   - a call or release that may change the place gives 0 for every object;
//   - blocks merge by the smallest deficit.

import SILModel

extension FunctionChanges {
    /// Whether every growth in `unguarded` leaves its object's count at most `limit`, when
    /// every count is at most `limit` as the function starts and after any change elsewhere.
    func keepsCount(atMost limit: Int, unguarded: [Growth], touching: Set<Int>, module: Module, deinitsTouch: Bool) -> Bool {
        roomProblem(atMost: limit, unguarded: unguarded, touching: touching, module: module, deinitsTouch: deinitsTouch) == nil
    }

    /// Why a growth in `unguarded` may take its object's count past `limit`: the growth, and
    /// what last undid the room on a path to it (a call or release that may change the place,
    /// or a store of an array of unknown count), nil when room was never made on that path.
    struct RoomProblem {
        let site: Int32
        let undoneBy: Int32?
    }

    /// The first growth that may find no room, or nil when every one leaves the count at most
    /// `limit` (`keepsCount`).
    func roomProblem(atMost limit: Int, unguarded: [Growth], touching: Set<Int>, module: Module, deinitsTouch: Bool) -> RoomProblem? {
        guard limit > 0, let first = unguarded.first else { return unguarded.first.map { RoomProblem(site: $0.site, undoneBy: nil) } }
        let checked = Dictionary(unguarded.map { ($0.site, $0) }, uniquingKeysWith: { a, _ in a })
        var entry: [Int: Deficits] = [0: Deficits()]
        var work: [Int] = [0]
        var failed = false
        var visits = 0
        while let b = work.popLast() {
            visits += 1
            guard visits < 20 * max(function.blocks.count, 1), var state = entry[b] else { return RoomProblem(site: first.site, undoneBy: nil) }
            for i in function.blocks[b].instructions {
                step(i, &state, limit: limit, checked: checked, touching: touching, module: module, deinitsTouch: deinitsTouch, failed: &failed)
                if failed { return RoomProblem(site: i, undoneBy: state.undoneBy) }
            }
            let term = function.instructions[Int(function.blocks[b].terminatorIndex)]
            for s in function.successors(of: term) {
                let next = Int(s.block)
                var out = state
                refine(&out, branch: b, to: next, limit: limit)
                let merged = entry[next].map { $0.merged(with: out) } ?? out
                if entry[next] != merged {
                    entry[next] = merged
                    work.append(next)
                }
            }
        }
        return nil
    }

    /// Deficits by object (the key −1 for a global); a missing object has deficit 0.
    /// `undoneBy`: on some path here, the instruction that set every deficit to 0 with nothing
    /// making room after it (for the refusal's words; it takes no part in the comparison).
    struct Deficits: Equatable {
        var byObject: [Int32: Int] = [:]
        var undoneBy: Int32? = nil
        subscript(_ object: Int32) -> Int {
            get { byObject[object] ?? 0 }
            set { byObject[object] = newValue > 0 ? newValue : nil }
        }
        func merged(with other: Deficits) -> Deficits {
            var result = Deficits()
            for (k, v) in byObject { result[k] = min(v, other[k]) }
            result.undoneBy = undoneBy ?? other.undoneBy
            return result
        }
        static func == (a: Deficits, b: Deficits) -> Bool { a.byObject == b.byObject }
        static func undone(by i: Int32) -> Deficits { Deficits(byObject: [:], undoneBy: i) }
    }

    private func objectKey(_ object: Int32?) -> Int32 { perObjectPlace ? (object ?? -2) : -1 }

    /// One instruction's effect on the deficits; a checked growth without room sets `failed`.
    private func step(_ i: Int32, _ state: inout Deficits, limit: Int, checked: [Int32: Growth], touching: Set<Int>,
                      module: Module, deinitsTouch: Bool, failed: inout Bool) {
        if let growth = growths.first(where: { $0.site == i }) {
            let key = objectKey(growth.object)
            if checked[i] != nil, key == -2 || state[key] < growth.adds { failed = true; return }
            for (other, d) in state.byObject where other != key { state[other] = d - growth.adds }
            state[key] = state[key] - growth.adds
            return
        }
        if let removal = removals[i] {
            let key = objectKey(removal.object)
            guard key != -2 else { return }
            state.undoneBy = nil
            switch removal.kind {
            case .one: state[key] = min(state[key] + 1, limit)
            case .all: state[key] = limit
            case .fewer(let k): state[key] = min(state[key] + k, limit)
            case .unknown: state[key] = 0
            }
            return
        }
        if let store = stores[i] {
            let key = objectKey(store.object)
            switch store.effect {
            case .sameCount:
                break
            case .count(let c):
                let room = max(0, limit - c)
                state.undoneBy = nil
                for (other, d) in state.byObject where other != key { state[other] = min(d, room) }
                if key != -2 { state[key] = room }
            case .unknown:
                state = .undone(by: i)
            }
            return
        }
        if harmlessCalls.contains(i) { return }
        if mayChangeElsewhere(i, touching: touching, module: module, deinitsTouch: deinitsTouch) { state = .undone(by: i) }
    }

    /// Narrows the deficits on the edge `block → successor` by the branch's test of a count.
    private func refine(_ state: inout Deficits, branch block: Int, to successor: Int, limit: Int) {
        let termIndex = function.blocks[block].terminatorIndex
        let term = function.instructions[Int(termIndex)]
        let succ = Array(function.successors(of: term))
        guard term.opcode == .condBr, succ.count == 2, succ[0].block != succ[1].block, let condition = function.operands(of: term).first,
              let ci = function.definingInstruction(condition) else { return }
        let cmp = function.instructions[Int(ci)]
        guard cmp.opcode == .builtin, let name = text.builtinName(cmp), name.hasPrefix("cmp_"), name.hasSuffix("_Int64") else { return }
        let ops = Array(function.operands(of: cmp))
        guard ops.count == 2 else { return }
        let relation = String(name.dropFirst(4).prefix { $0 != "_" })
        let taken = Int(succ[0].block) == successor
        for (k, other) in [(0, 1), (1, 0)] {
            guard let read = countReadHere(ops[k], before: termIndex, in: block), let c = constants.constant(ops[other], in: function) else { continue }
            let key = objectKey(objectOfCountRead(read))
            guard key != -2 else { return }
            state.undoneBy = nil
            let holdsEqual = (relation == "eq") == taken
            if relation == "eq" || relation == "ne" {
                if holdsEqual {
                    if c <= limit { state[key] = max(state[key], limit - c) }
                } else if c == limit - state[key] {
                    state[key] = min(state[key] + 1, limit)
                }
                return
            }
            let r = ValueRanges.constraint(relation, taken, other: .exactly(c), valueOnLeft: k == 0)
            if let hi = r.upperBound, hi < limit { state[key] = max(state[key], limit - max(hi, 0)) }
            return
        }
    }

    /// A count load that a compared value is, reading the place's count as it is at the
    /// branch (`isFreshCount`: a buffer just loaded from the place, nothing between).
    private func countReadHere(_ value: Int32, before end: Int32, in block: Int) -> Int32? {
        let v = strip(value)
        guard countLoads.contains(v), let load = function.definingInstruction(v), isFreshCount(load, before: end) else { return nil }
        return load
    }
}
