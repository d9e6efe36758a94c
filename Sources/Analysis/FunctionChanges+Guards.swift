// The checks of a counted array's count that guard a change that adds to it: a branch on a count
// read from the place, whose taken side dominates the change with nothing in between that may
// change the place.

import SILModel

extension FunctionChanges {

    // MARK: guards

    /// The count limit a guard enforces before `site` (count ≤ limit there), and the guard's branch.
    func guardBound(of growth: Growth, touching: Set<Int>, module: Module, deinitsTouch: Bool) -> (limit: Int, branch: Int32)? {
        let site = growth.site
        if perObject && growth.object == nil { return nil }
        let siteBlock = Int(function.block(containing: site))
        var best: (limit: Int, branch: Int32)? = nil
        // Up the dominator tree: a block whose single predecessor ends in the guard's cond_br.
        var b = siteBlock
        while true {
            let preds = cfg.predecessors[b]
            if preds.count == 1 {
                let p = preds[0]
                let term = function.instructions[Int(function.blocks[p].terminatorIndex)]
                if term.opcode == .condBr, let (limit, read) = limitOnEdge(term, to: b),
                   !perObject || objectOfAddress[function.operands(of: function.instructions[Int(read)]).first ?? -1] == growth.object,
                   growth.tableLoads.allSatisfy({ dominates(read, $0) }),
                   nothingChanges(from: read, to: site, touching: touching, module: module, deinitsTouch: deinitsTouch) {
                    if best == nil || limit < best!.limit { best = (limit, function.blocks[p].terminatorIndex) }
                }
            }
            let up = cfg.immediateDominator[b]
            if up == b || up < 0 { break }
            b = up
        }
        return best
    }

    /// Whether instruction `a` runs before `b` on every path to `b`.
    func dominates(_ a: Int32, _ b: Int32) -> Bool { function.instruction(a, dominates: b, cfg: cfg) }

    /// The largest count the edge `term → to` allows, with the count read it tests.
    func limitOnEdge(_ term: Instruction, to: Int) -> (Int, Int32)? {
        for limit in function.edgeLimits(term, to: to, text: text, constants: constants) {
            // The count is the global's only as of the load of the buffer it is read from: a
            // buffer loaded before a change still has the old count.
            guard let read = countRead(limit.operand), let load = function.definingInstruction(read),
                  let bufferLoad = rootLoad(ofCountRead: load) else { continue }
            return (limit.upperBound, bufferLoad)
        }
        return nil
    }

    /// The count load a compared value is: directly, or a phi every edge of which passes the
    /// same count load (the optimizer carries a count read before a loop across it).
    func countRead(_ value: Int32) -> Int32? {
        var leaves: Set<Int32> = []
        var seen: Set<Int32> = []
        var work = [strip(value)]
        while let v = work.popLast() {
            guard seen.insert(v).inserted else { continue }
            if countLoads.contains(v) { leaves.insert(v); continue }
            guard case .blockArgument(let b, _) = function.valueDefinitions[Int(v)], b != 0, seen.count < 32 else { return nil }
            let incoming = incoming(v)
            if incoming.contains(-1) { return nil }
            work.append(contentsOf: incoming.map(strip))
        }
        // Phis through a loop carry one count read: every leaf is that read.
        guard leaves.count == 1 else { return nil }
        return leaves.first
    }

    /// The object whose property a count load reads (nil for a global's, or when not known).
    func objectOfCountRead(_ countLoad: Int32) -> Int32? {
        guard let load = rootLoad(ofCountRead: countLoad), let address = function.operands(of: function.instructions[Int(load)]).first else { return nil }
        return objectOfAddress[address]
    }

    /// The constants the function compares a count of the place with.
    var comparedCountConstants: [Int] {
        var found: [Int] = []
        for inst in function.instructions where inst.opcode == .builtin {
            guard let name = text.builtinName(inst), name.hasPrefix("cmp_") else { continue }
            let ops = Array(function.operands(of: inst))
            guard ops.count == 2 else { continue }
            for (k, other) in [(0, 1), (1, 0)] where countLoads.contains(strip(ops[k])) {
                if let c = constants.constant(ops[other], in: function), c > 0 { found.append(c) }
            }
        }
        return found
    }

    /// Whether an instruction other than the place's own changes may change it: a call into a
    /// function that touches it (or one not resolved), a one-time initializer that does, or a
    /// release whose deinit may.
    func mayChangeElsewhere(_ i: Int32, touching: Set<Int>, module: Module, deinitsTouch: Bool) -> Bool {
        let inst = function.instructions[Int(i)]
        switch inst.opcode {
        case .apply, .tryApply, .beginApply:
            guard let callee = function.operands(of: inst).first, let d = function.definingInstruction(callee),
                  function.instructions[Int(d)].opcode == .functionRef, let name = text.referencedFunction(function.instructions[Int(d)]),
                  let fi = module.functionIndex[name] else { return true }
            return touching.contains(fi)
        case .builtin where text.builtinName(inst) == "once":
            let ops = Array(function.operands(of: inst))
            guard ops.count >= 2, let d = function.definingInstruction(ops[1]), function.instructions[Int(d)].opcode == .functionRef,
                  let name = text.referencedFunction(function.instructions[Int(d)]), let fi = module.functionIndex[name] else { return true }
            return touching.contains(fi)
        case .builtin:
            return deinitsTouch && text.builtinName(inst) == "destroyArray"
        case .strongRelease, .releaseValue, .destroyValue, .destroyAddr:
            return deinitsTouch
        default:
            return false
        }
    }

    /// The load of the global's buffer a count read reads from, through the count's field
    /// projections and the buffer's forwarding (nil through a phi or a call: no one load).
    func rootLoad(ofCountRead countLoad: Int32) -> Int32? {
        guard var a = function.operands(of: function.instructions[Int(countLoad)]).first else { return nil }
        for _ in 0..<12 {
            guard let i = function.definingInstruction(a) else { return nil }
            let inst = function.instructions[Int(i)]
            guard let base = function.operands(of: inst).first else { return nil }
            switch inst.opcode {
            case .structElementAddr:
                a = base
            case .refElementAddr:
                var v = base
                for _ in 0..<8 {
                    guard let d = function.definingInstruction(v) else { return nil }
                    let def = function.instructions[Int(d)]
                    if def.opcode == .load { return rootLoads.contains(d) ? d : nil }
                    guard function.forwardsStorage(def), let next = function.operands(of: def).first else { return nil }
                    v = next
                }
                return nil
            default:
                return nil
            }
        }
        return nil
    }

    /// No change of the global between the count read `read` and `site`, on any path, and no
    /// way to reach `site` again without reading the count anew.
    func nothingChanges(from read: Int32, to site: Int32, touching: Set<Int>, module: Module, deinitsTouch: Bool) -> Bool {
        let readBlock = Int(function.block(containing: read))
        let siteBlock = Int(function.block(containing: site))
        func changes(_ i: Int32) -> Bool {
            if i == site { return false }
            if growths.contains(where: { $0.site == i }) { return true }
            // A store of another array (`ring = Array(repeating: 0, count: 8)`): the count read
            // before it is not the count after it.
            if let store = stores[i] { return store.effect != .sameCount }
            if harmlessCalls.contains(i) { return false }
            return mayChangeElsewhere(i, touching: touching, module: module, deinitsTouch: deinitsTouch)
        }
        func instructions(of b: Int) -> [Int32] { Array(function.blocks[b].instructions) }
        if readBlock == siteBlock {
            guard read < site else { return false }
            return !instructions(of: readBlock).contains { $0 > read && $0 < site && changes($0) }
        }
        // Blocks on a path read → site that does not pass the read's block again.
        func reach(from starts: [Int], next: (Int) -> [Int]) -> Set<Int> {
            var seen: Set<Int> = []
            var work = starts
            while let b = work.popLast() {
                guard b != readBlock, seen.insert(b).inserted else { continue }
                work.append(contentsOf: next(b))
            }
            return seen
        }
        let forward = reach(from: cfg.successors[readBlock]) { cfg.successors[$0] }
        guard forward.contains(siteBlock) else { return false }
        // The site again, without a new read: it could add twice.
        if reach(from: cfg.successors[siteBlock], next: { cfg.successors[$0] }).contains(siteBlock) { return false }
        let backward = reach(from: cfg.predecessors[siteBlock]) { cfg.predecessors[$0] }
        for b in forward.intersection(backward) where b != siteBlock {
            if instructions(of: b).contains(where: changes) { return false }
        }
        if instructions(of: readBlock).contains(where: { $0 > read && changes($0) }) { return false }
        if instructions(of: siteBlock).contains(where: { $0 < site && changes($0) }) { return false }
        return true
    }
}
