// Globals used as slots: assigning a global releases the object it held.
//
// In optimized SIL, `gSlot = Node(…)` is
//
//   %a = begin_access [modify] [dynamic] %gSlot
//   %old = load %a                      the object the slot held
//   store %new to %a
//   end_access %a
//   release_value %old                  …released: freed if the slot was its only owner
//
// An object this function makes and stores only into such a global is not "kept for good":
// it lives until the next assignment of the global. Crediting that is sound when, in this
// function, the global is a plain slot:
//
//   • every store to it is such an assignment (load old, store new, release old, one block);
//   • every other use of its address is a load whose value stays local (not stored, not
//     returned, not carried to the next loop iteration), so no other reference can keep an
//     object the slot released;
//   • no call the function makes may read or write the global (callee summaries' globals).
//
// Then the object made by a store's allocation dies by the end of the region (the loop
// iteration, or the function) if every path from the store to the region's end assigns the
// global again; otherwise, in a loop, it survives its iteration but the next iteration's
// assignment releases it ("replaced": the loop keeps one, not one per iteration).

import SILModel

struct GlobalSlots {
    let function: Function
    let cfg: ControlFlowGraph
    let loops: LoopForest
    let isTrapPath: (Int) -> Bool

    /// Address values (global_addr and begin_access of it) of the globals that are slots.
    private(set) var addresses: [Int32: String] = [:]
    /// The assignments of each slot global.
    private(set) var assignments: [String: Set<Int32>] = [:]
    /// For each assignment: its load of the old value and the release of it.
    private var patterns: [String: [Int32: (load: Int32, release: Int32)]] = [:]
    /// Every load of each slot global, with the instructions using its value.
    private var loadUsers: [String: [(Int32, [Int32])]] = [:]

    init(function: Function, text: InstructionText, cfg: ControlFlowGraph, loops: LoopForest,
         isTrapPath: @escaping (Int) -> Bool, callTouches: (Int32) -> Set<String>?, isCall: (Int32) -> Bool,
         flow: ValueFlow) {
        self.function = function
        self.cfg = cfg
        self.loops = loops
        self.isTrapPath = isTrapPath

        // Most functions name no global: nothing to do.
        guard function.instructions.contains(where: { $0.opcode == .globalAddr }) else { return }
        let users = flow.users
        // Addresses of every global the function names, and what calls may touch.
        var addressesOf: [String: [Int32]] = [:]
        var touchedByCalls: Set<String> = []
        var callsTouchAnything = false
        for (b, block) in function.blocks.enumerated() where cfg.rpoIndex[b] >= 0 && !isTrapPath(b) {
            for index in block.instructions {
                let inst = function.instructions[Int(index)]
                if inst.opcode == .globalAddr, let name = text.referencedFunction(inst), let r = function.results(of: inst).first {
                    var work = [r]
                    while let a = work.popLast() {
                        addressesOf[name, default: []].append(a)
                        for u in users[a] ?? [] where function.instructions[Int(u)].opcode == .beginAccess {
                            work.append(contentsOf: function.results(of: function.instructions[Int(u)]))
                        }
                    }
                }
                if isCall(index) {
                    if let t = callTouches(index) { touchedByCalls.formUnion(t) } else { callsTouchAnything = true }
                }
            }
        }
        if callsTouchAnything { return }

        for (global, list) in addressesOf where !touchedByCalls.contains(global) {
            let addressSet = Set(list)
            var loads: [Int32] = []
            var stores: [Int32] = []
            var plain = true
            for a in list {
                for u in users[a] ?? [] {
                    let inst = function.instructions[Int(u)]
                    let ops = function.operands(of: inst)
                    switch inst.opcode {
                    case .load:
                        loads.append(u)
                    case .store where ops.count == 2 && ops.last == a && !addressSet.contains(ops.first!):
                        stores.append(u)
                    case .endAccess, .debugValue, .beginAccess:
                        continue
                    default:
                        plain = false
                    }
                }
            }
            guard plain, !stores.isEmpty else { continue }
            // Every store is an assignment: an earlier load of the slot in its block whose
            // value is released after the store, in the same block.
            var pattern: [Int32: (load: Int32, release: Int32)] = [:]
            for s in stores {
                let block = function.block(containing: s)
                var found: (Int32, Int32)? = nil
                for l in loads where function.block(containing: l) == block && l < s {
                    guard let old = function.results(of: function.instructions[Int(l)]).first else { continue }
                    let release = (users[old] ?? []).first { r in
                        let op = function.instructions[Int(r)].opcode
                        return r > s && function.block(containing: r) == block && (op == .releaseValue || op == .strongRelease || op == .destroyValue)
                    }
                    if let r = release { found = (l, r) }
                }
                guard let (l, r) = found else { plain = false; break }
                pattern[s] = (l, r)
            }
            guard plain else { continue }
            // Every load's value stays local to its iteration.
            for l in loads {
                guard let value = function.results(of: function.instructions[Int(l)]).first else { continue }
                // Not stored anywhere either (a reference stored into an object could make a
                // cycle that outlives the slot's release).
                let f = flow.flow(from: value, followLoads: false)
                let carried = f.values.contains { v in
                    loops.loops.contains { function.arguments(of: function.blocks[$0.header]).contains(v) }
                }
                if f.escape != .none || f.storedInMemory || carried { plain = false; break }
            }
            guard plain else { continue }
            for a in list { addresses[a] = global }
            assignments[global] = Set(stores)
            patterns[global] = pattern
            loadUsers[global] = loads.map { l in
                (l, function.results(of: function.instructions[Int(l)]).flatMap { users[$0] ?? [] })
            }
        }
    }

    /// The next assignment of the global in `store`'s block, as the instruction releasing the
    /// old value (`release_value %old`), if the object stored by `store` is certainly dead
    /// right after it: every load of the global in between is used only up to that release.
    /// (The caller checks that the object itself has no use after it.)
    func releaseByNextAssignment(after store: Int32, _ global: String) -> Int32? {
        guard let stores = assignments[global], let pattern = patterns[global] else { return nil }
        let block = function.blocks[Int(function.block(containing: store))]
        guard let next = block.instructions.first(where: { $0 > store && stores.contains($0) }),
              let (_, release) = pattern[next] else { return nil }
        for (l, users) in loadUsers[global] ?? [] where l > store && l < release {
            if users.contains(where: { $0 > release || function.block(containing: $0) != function.block(containing: store) }) { return nil }
        }
        return release
    }

    /// Does every path from `store` to the end of the region (an iteration of `loop`, or the
    /// function when nil) assign the global again?
    func reassignedBeforeRegionEnd(_ store: Int32, _ global: String, loop: Int?) -> Bool {
        guard let stores = assignments[global] else { return false }
        let first = Int(function.block(containing: store))
        if function.blocks[first].instructions.contains(where: { $0 > store && stores.contains($0) }) { return true }
        let firstTerm = function.instructions[Int(function.blocks[first].terminatorIndex)].opcode
        if loop == nil, firstTerm == .returnInst || firstTerm == .throwInst || firstTerm == .throwAddr { return false }
        var seen: Set<Int> = []
        var work = cfg.successors[first]
        while let b = work.popLast() {
            if isTrapPath(b) { continue }            // a trap ends the path: nothing stays live
            if let l = loop {
                let region = loops.loops[l]
                if b == region.header || !region.blocks.contains(b) { return false }
            }
            guard seen.insert(b).inserted else { continue }
            if function.blocks[b].instructions.contains(where: { stores.contains($0) }) { continue }
            let term = function.instructions[Int(function.blocks[b].terminatorIndex)]
            if loop == nil, term.opcode == .returnInst || term.opcode == .throwInst || term.opcode == .throwAddr { return false }
            work.append(contentsOf: cfg.successors[b])
        }
        return true
    }
}
