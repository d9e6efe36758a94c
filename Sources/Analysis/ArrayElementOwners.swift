// Objects an array alone keeps. A loop with no bound that makes an object per pass keeps
// each one only while a capped array holds it:
//
//   while let x = next() {
//       if out.count < 8 { out.append(Req(x)) }       the array never holds more than 8
//   }
//
// Every `Req` is stored into the array's elements and nowhere else, so at any moment the
// live `Req`s are the array's elements (at most its largest count, which the growth model
// proved) plus the one being made. The object is charged for its pass until the store that
// puts it in the array; from there the array's own charge holds it: its largest count of
// such objects, charged with its buffer and dying with it.
//
// That holds only while the array really is the objects' one owner. An array qualifies when
// it is a local, bounded array (one web of the growth model) whose buffers give no element
// away:
// - every element read out of its buffer (`load` from its tail memory), and what is read from
//   it, goes nowhere (its walk ends in the function) and does not outlive its loop's pass; one
//   that may still be live when another element is stored is one more object beside the array
//   (`out[i] = Req(x)` releases the old element after storing the new one);
// - a call handed its buffer, or an address in it, keeps and returns nothing read from it;
// - elements move only inside its own buffers (the stdlib's `take`/`copy` array builtins,
//   `memmove`), never out to other memory;
// - its buffer is not stored anywhere, and no copy of it is taken while an element may still
//   be stored (a copy would keep the old elements beside the new ones);
// - releasing its buffer runs no deinit that hands on what its object holds (`deinit {
//   retired = child }`): an element's release would then keep its contents alive.

import SILModel

struct ArrayElementOwners {
    /// A qualifying array: its web and whether elements are ever read out of it (then an object
    /// is not taken to die with the buffer that held it: a read-out may still use it).
    struct Home {
        var web: Int
        var readsElements: Bool
        /// Loads whose element may still be live when another is stored: each adds at most
        /// one object beside the array's count.
        var readOutsBesideElements: Int
    }

    let function: Function
    let module: Module
    let cfg: ControlFlowGraph
    let loops: LoopForest
    let growth: GrowthModel
    let flow: ValueFlow
    /// Whether a count is taken on something read, and never given back (FunctionAnalyzer).
    let keepsCountOnRead: (FlowResult) -> Bool
    /// How a call treats what is read from argument `k`'s memory (`ArgumentUse.container`).
    let deepEscape: (_ call: Int32, _ argument: Int) -> Escape

    /// The storage values of every bounded local array, with their web.
    let webOfValue: [Int32: Int]
    private var checked: [Int: Home?] = [:]

    /// `releaseMayKeepContents(v)`: releasing `v` may run a deinit that hands on what its object
    /// holds (then an array whose buffer it is cannot be its elements' one owner).
    init(function: Function, module: Module, cfg: ControlFlowGraph, loops: LoopForest, growth: GrowthModel, flow: ValueFlow,
         keepsCountOnRead: @escaping (FlowResult) -> Bool, releaseMayKeepContents: (Int32) -> Bool, deepEscape: @escaping (_ call: Int32, _ argument: Int) -> Escape) {
        self.function = function
        self.module = module
        self.cfg = cfg
        self.loops = loops
        self.growth = growth
        self.flow = flow
        self.keepsCountOnRead = keepsCountOnRead
        self.deepEscape = deepEscape
        var webOfValue: [Int32: Int] = [:]
        for (w, web) in growth.webs.enumerated() where Self.isCandidate(web) && !web.values.contains(where: releaseMayKeepContents) {
            for v in web.values { webOfValue[v] = w }
        }
        self.webOfValue = webOfValue
    }

    /// A local array whose count the model bounds, charged where it is made: a place's array,
    /// one charged once for the call, or one made afresh each pass that escapes, is not.
    private static func isCandidate(_ web: GrowthModel.Web) -> Bool {
        web.kind == "array" && web.reason == nil && web.maxCount > 0 && web.residentBytes > 0
            && !web.chargedOnceForCall && web.placeKey == nil && !web.sitesKeepArguments && !web.restartsInLoop
    }

    /// The web whose tail memory `address` points into (through projections and casts), if a candidate's.
    func web(storedInto address: Int32) -> Int? {
        flow.tailObject(ofAddress: address).flatMap { webOfValue[$0] }
    }

    /// The part of an element a store writes: the fields and tuple positions from the element
    /// down to the stored value (empty for the whole element). Stores into different parts
    /// add up in one element; an address cast makes a part of its own.
    func partOfElement(storedBy store: Int32) -> [String] {
        let ops = Array(function.operands(of: function.instructions[Int(store)]))
        guard ops.count == 2 else { return ["?\(store)"] }
        var path: [String] = []
        var current = ops[1]
        for _ in 0..<64 {
            guard let index = function.definingInstruction(current) else { break }
            let inst = function.instructions[Int(index)]
            guard let base = function.operands(of: inst).first else { break }
            switch inst.opcode {
            case .refTailAddr:
                return path.reversed()
            case .structElementAddr:
                path.append(module.field(of: inst) ?? "?\(index)")
            case .tupleElementAddr:
                path.append("#\(module.integerLiteral(of: inst).map(String.init) ?? "?\(index)")")
            case .indexAddr, .beginAccess, .markDependence:
                break
            default:
                path.append("?\(index)")
            }
            current = base
        }
        return path.reversed()
    }

    private var readOuts: HomeReadOuts { HomeReadOuts(function: function, cfg: cfg, loops: loops, flow: flow, keepsCountOnRead: keepsCountOnRead) }

    /// Whether web `w` is its elements' one owner (see the file's header), worked out once.
    mutating func home(_ w: Int) -> Home? {
        if let known = checked[w] { return known }
        let result = examine(w)
        checked[w] = .some(result)
        return result
    }

    // MARK: - The checks

    private func examine(_ w: Int) -> Home? {
        let web = growth.webs[w]
        var tailAddresses: [Int32] = []
        var retains: [Int32] = []
        for v in web.values.sorted() {
            for u in flow.users[v] ?? [] {
                guard storageUseIsSafe(u, of: v, web: w, tailAddresses: &tailAddresses, retains: &retains) else { return nil }
            }
        }
        guard let memory = walkTailMemory(from: tailAddresses, web: w) else { return nil }
        // A copy of the buffer outliving a store would keep elements the array has dropped.
        for r in retains where memory.stores.contains(where: { mayFollow($0, after: r) }) { return nil }
        var besides = 0
        for load in memory.loads {
            guard let liveAtStore = readOuts.liveAtStore(load, stores: memory.stores, elementHomes: web.values) else { return nil }
            if liveAtStore { besides += 1 }
        }
        return Home(web: w, readsElements: !memory.loads.isEmpty, readOutsBesideElements: besides)
    }

    /// A use of the array's storage reference: header and tail projections, its reallocations,
    /// releases, and forwarding into values of the web itself.
    private func storageUseIsSafe(_ u: Int32, of v: Int32, web w: Int, tailAddresses: inout [Int32], retains: inout [Int32]) -> Bool {
        let inst = function.instructions[Int(u)]
        let ops = Array(function.operands(of: inst))
        let values = growth.webs[w].values
        switch inst.opcode {
        case .refTailAddr:
            tailAddresses.append(contentsOf: function.results(of: inst))
            return true
        case .refElementAddr:
            return true   // the header: count and capacity
        case .strongRelease, .releaseValue, .destroyValue, .debugValue, .deallocRef, .deallocStackRef, .returnInst, .condFail:
            return true
        case .br, .condBr:
            return function.successors(of: inst).allSatisfy { s in
                let passed = Array(function.arguments(of: s))
                let params = Array(function.arguments(of: function.blocks[Int(s.block)]))
                return zip(passed, params).allSatisfy { $0.0 != v || values.contains($0.1) }
            }
        case .apply, .tryApply, .beginApply:
            if growth.siteWeb[u] == w { return true }
            guard ops.first != v else { return false }
            return ops.indices.dropFirst().allSatisfy { k in ops[k] != v || deepEscape(u, k - 1) == .none }
        case .store, .storeBorrow, .copyAddr:
            return false
        case .beginCowMutation:
            // (is unique, the buffer)
            return function.results(of: inst).dropFirst().allSatisfy(values.contains)
        default:
            if GrowthPatterns.isRetain(inst, in: module) {
                retains.append(u)
                return true
            }
            if inst.opcode == .other, module.otherOpcode(of: inst).map(GrowthPatterns.harmlessUses.contains) == true { return true }
            // Forwarding (casts, `begin_cow_mutation`, buffer structs): only into the web's own values.
            let results = Array(function.results(of: inst))
            return !results.isEmpty && results.allSatisfy { values.contains($0) || isScalarResult(inst) }
        }
    }

    /// `begin_cow_mutation` gives a Bool beside the buffer; comparisons give bits.
    private func isScalarResult(_ inst: Instruction) -> Bool {
        inst.opcode == .builtin && (InstructionText(module: module).builtinName(inst)?.hasPrefix("cmp_") ?? false)
    }

    private struct TailMemory {
        var loads: [Int32] = []
        var stores: Set<Int32> = []
    }

    /// Every use of the array's element memory: loads (read-outs) and stores are collected,
    /// projections followed; moves must stay inside the web's memory; calls may read but not
    /// keep. nil: a use that may give an element away.
    private func walkTailMemory(from starts: [Int32], web w: Int) -> TailMemory? {
        var memory = TailMemory()
        var derived = Set(starts)
        var work = starts
        var moves: [(inst: Int32, pointers: [Int])] = []
        while let a = work.popLast() {
            for u in flow.users[a] ?? [] {
                let inst = function.instructions[Int(u)]
                let ops = Array(function.operands(of: inst))
                switch inst.opcode {
                case .indexAddr, .structElementAddr, .tupleElementAddr, .beginAccess, .uncheckedAddrCast,
                     .addressToPointer, .pointerToAddress:
                    guard ops.first == a else { return nil }   // an index, not the base
                    for r in function.results(of: inst) where derived.insert(r).inserted { work.append(r) }
                case .markDependence:
                    guard ops.first == a else { continue }
                    for r in function.results(of: inst) where derived.insert(r).inserted { work.append(r) }
                case .load:
                    memory.loads.append(u)
                case .store:
                    guard ops.count == 2, ops[1] == a, ops[0] != a else { return nil }
                    memory.stores.insert(u)
                case .endAccess, .debugValue:
                    continue
                case .builtin:
                    let name = InstructionText(module: module).builtinName(inst) ?? ""
                    if name.hasPrefix("cmp_") || name == "destroyArray" { continue }
                    if name.hasPrefix("take") || name.hasPrefix("copyArray") || name.hasPrefix("assign") {
                        moves.append((u, [1, 2]))   // (metatype, destination, source, count)
                    } else if name.hasPrefix("int_memmove") || name.hasPrefix("int_memcpy") {
                        moves.append((u, [0, 1]))
                    } else {
                        return nil
                    }
                case .apply, .tryApply, .beginApply:
                    guard ops.first != a else { return nil }
                    for k in ops.indices.dropFirst() where ops[k] == a && deepEscape(u, k - 1) != .none { return nil }
                default:
                    if inst.opcode == .other, module.otherOpcode(of: inst).map(GrowthPatterns.harmlessUses.contains) == true { continue }
                    return nil
                }
            }
        }
        // A move between the web's own element memory keeps every element inside it.
        for move in moves {
            let ops = Array(function.operands(of: function.instructions[Int(move.inst)]))
            guard move.pointers.allSatisfy({ $0 < ops.count && derived.contains(ops[$0]) }) else { return nil }
        }
        return memory
    }

    /// Whether `later` may run after `u` (later in its block, or in a block reachable from it).
    private func mayFollow(_ later: Int32, after u: Int32) -> Bool {
        let from = Int(function.block(containing: u)), to = Int(function.block(containing: later))
        if from == to && later > u { return true }
        var seen: Set<Int> = []
        var work = cfg.successors[from]
        while let b = work.popLast() {
            if b == to { return true }
            guard seen.insert(b).inserted else { continue }
            work.append(contentsOf: cfg.successors[b])
        }
        return false
    }
}
