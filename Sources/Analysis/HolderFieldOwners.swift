// Objects a local object's field alone keeps. A holder made once, whose field each pass of a
// loop with no bound overwrites, holds one of the loop's objects at a time:
//
//   let ctl = Control()
//   while let x = next() { ctl.current = Req(x) }     the store releases the Req before it
//
// Every `Req` is stored into `ctl.current` and nowhere else, so at any moment the live `Req`s
// are the one the field holds, the old one the store is about to release (a read-out live at
// the store, HomeReadOuts.swift) and the one being made. The object is charged for its pass
// until the store; from there the holder's charge holds it, dying with the holder.
//
// A field qualifies while the holder really is its objects' one owner:
// - the holder is made in this function and goes nowhere: not stored, not returned, not handed
//   from one pass to the next; a call it is handed to keeps nothing, nor anything read from it;
// - every use of the field's address is known: loads (read-outs, which must go nowhere), whole
//   stores, and calls that keep nothing read through it;
// - releasing the holder runs no deinit that hands on what it holds.

import SILModel

struct HolderFieldOwners {
    /// A field of a holder: the holder's allocation, the field, its addresses (`ref_element_addr`
    /// of every value carrying the holder, and accesses to them).
    struct Field {
        var holder: Int32
        var name: String
        var addresses: Set<Int32>
    }

    /// A qualifying field: whether objects are read out of it (then an object is not taken to
    /// die with the holder: a read-out may still use it), and how many read-outs may be live
    /// when another object is stored (each one more object beside the one the field holds).
    struct Home {
        var field: Int
        var readsOut: Bool
        var readOutsBesideField: Int
    }

    let function: Function
    let module: Module
    let flow: ValueFlow
    let readOuts: HomeReadOuts
    /// How a call treats argument `k`: the reference itself, or what is read through it.
    let escape: (_ call: Int32, _ argument: Int, _ use: ArgumentUse) -> Escape

    /// The fields of every holder made here that goes nowhere, and each field address's field.
    let fields: [Field]
    let fieldOfAddress: [Int32: Int]
    private var checked: [Int: Home?] = [:]

    init(function: Function, module: Module, cfg: ControlFlowGraph, loops: LoopForest, flow: ValueFlow,
         keepsCountOnRead: @escaping (FlowResult) -> Bool, releaseMayKeepContents: (Int32) -> Bool, escape: @escaping (_ call: Int32, _ argument: Int, _ use: ArgumentUse) -> Escape) {
        self.function = function
        self.module = module
        self.flow = flow
        self.readOuts = HomeReadOuts(function: function, cfg: cfg, loops: loops, flow: flow, keepsCountOnRead: keepsCountOnRead)
        self.escape = escape
        var fields: [Field] = []
        for (i, inst) in function.instructions.enumerated() where inst.opcode == .allocRef || inst.opcode == .allocRefDynamic {
            guard let holder = function.results(of: inst).first, !releaseMayKeepContents(holder) else { continue }
            for (name, addresses) in Self.fieldAddresses(of: holder, in: function, module: module, flow: flow, escape: escape) ?? [:] {
                fields.append(Field(holder: Int32(i), name: name, addresses: addresses))
            }
        }
        fields.sort { ($0.holder, $0.name) < ($1.holder, $1.name) }
        var fieldOfAddress: [Int32: Int] = [:]
        for (f, field) in fields.enumerated() {
            for a in field.addresses { fieldOfAddress[a] = f }
        }
        self.fields = fields
        self.fieldOfAddress = fieldOfAddress
    }

    /// Every field address of a holder.
    var allAddresses: Set<Int32> { Set(fieldOfAddress.keys) }

    /// The addresses of each field of `holder`, by field name, or nil when the holder may go
    /// anywhere but its own fields, releases and calls that keep nothing of it.
    private static func fieldAddresses(of holder: Int32, in function: Function, module: Module, flow: ValueFlow,
                                       escape: (Int32, Int, ArgumentUse) -> Escape) -> [String: Set<Int32>]? {
        var fields: [String: Set<Int32>] = [:]
        var values: Set<Int32> = [holder]
        var work = [holder]
        while let v = work.popLast() {
            for u in flow.users[v] ?? [] {
                let inst = function.instructions[Int(u)]
                let ops = Array(function.operands(of: inst))
                switch inst.opcode {
                case .refElementAddr:
                    guard ops.first == v, let name = module.field(of: inst), let address = function.results(of: inst).first else { return nil }
                    fields[name, default: []].formUnion(accesses(from: address, in: function, flow: flow))
                case .strongRelease, .releaseValue, .destroyValue, .deallocRef, .deallocStackRef, .debugValue:
                    continue
                case .apply, .tryApply, .beginApply:
                    guard ops.first != v else { return nil }
                    for k in ops.indices.dropFirst() where ops[k] == v {
                        let value = escape(u, k - 1, .value), contents = escape(u, k - 1, .container)
                        if value == .none && contents == .none { continue }
                        // A class's initializer (`Control()`, not inlined) hands back the object
                        // it is given, and nothing else: the result is the holder.
                        guard inst.opcode == .apply, value == .returned, contents != .stored,
                              isClassInitializer(ops[0], in: function, module: module) else { return nil }
                        for r in function.results(of: inst) where values.insert(r).inserted { work.append(r) }
                    }
                case _ where inst.opcode.forwardsReference:
                    guard ops.first == v else { return nil }
                    for r in function.results(of: inst) where values.insert(r).inserted { work.append(r) }
                case .other:
                    guard let op = module.otherOpcode(of: inst),
                          [.strongRetain, .retainValue, .setDeallocating].contains(op) || GrowthPatterns.harmlessUses.contains(op) else { return nil }
                default:
                    return nil
                }
            }
        }
        return fields
    }

    /// Whether `callee` is a `function_ref` to a class's initializing initializer (mangled
    /// `…fc`): it returns the `self` it is given (or nil, when it can fail).
    private static func isClassInitializer(_ callee: Int32, in function: Function, module: Module) -> Bool {
        guard let i = function.definingInstruction(callee), function.instructions[Int(i)].opcode == .functionRef,
              let name = module.referencedFunction(of: function.instructions[Int(i)]) else { return false }
        return name.hasSuffix("fc")
    }

    /// An address and the accesses begun on it.
    private static func accesses(from address: Int32, in function: Function, flow: ValueFlow) -> Set<Int32> {
        var found: Set<Int32> = [address]
        var work = [address]
        while let a = work.popLast() {
            for u in flow.users[a] ?? [] where function.instructions[Int(u)].opcode == .beginAccess {
                for r in function.results(of: function.instructions[Int(u)]) where found.insert(r).inserted { work.append(r) }
            }
        }
        return found
    }

    /// Whether field `f` is its objects' one owner (see the file's header), worked out once.
    mutating func home(_ f: Int) -> Home? {
        if let known = checked[f] { return known }
        let result = examine(f)
        checked[f] = .some(result)
        return result
    }

    private func examine(_ f: Int) -> Home? {
        let addresses = fields[f].addresses
        var loads: [Int32] = []
        var stores: Set<Int32> = []
        for a in addresses.sorted() {
            for u in flow.users[a] ?? [] {
                let inst = function.instructions[Int(u)]
                let ops = Array(function.operands(of: inst))
                switch inst.opcode {
                case .beginAccess, .endAccess, .debugValue:
                    continue
                case .load:
                    loads.append(u)
                case .store:
                    guard ops.count == 2, ops[1] == a, ops[0] != a else { return nil }
                    stores.insert(u)
                case .apply, .tryApply, .beginApply:
                    guard ops.first != a else { return nil }
                    for k in ops.indices.dropFirst() where ops[k] == a && escape(u, k - 1, .container) != .none { return nil }
                default:
                    if inst.opcode == .other, module.otherOpcode(of: inst).map(GrowthPatterns.harmlessUses.contains) == true { continue }
                    return nil
                }
            }
        }
        var besides = 0
        for load in loads {
            guard let liveAtStore = readOuts.liveAtStore(load, stores: stores, fieldHomes: addresses) else { return nil }
            if liveAtStore { besides += 1 }
        }
        return Home(field: f, readsOut: !loads.isEmpty, readOutsBesideField: besides)
    }
}
