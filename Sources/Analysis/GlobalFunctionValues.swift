// Function values kept in globals: handler tables a kernel fills at boot and calls later.
// The module is a closed world (Embedded Swift, whole-module), so a call through a global's
// value can reach exactly the functions ever stored there, or the static initializer's:
//
//   sil_global @irqHandler : $@callee_guaranteed (Int) -> Int = {
//     %0 = function_ref @defaultIRQ …                  the initial value
//   }
//   boot:       store %12 to %14                         %12: netIRQ or diskIRQ (a phi)
//               (%14 = begin_access (global_addr @irqHandler))
//   interrupt:  %4 = load (begin_access (global_addr @irqHandler)); apply %4(%0)
//                                                        → defaultIRQ, netIRQ, diskIRQ
//
// 1. Every use of the global's address in the module is looked at once: a load, a store of a
//    value (its function values resolved where it is stored, through `enum` wrappers), an
//    access or projection leading to those. Any other use (the address passed to a call,
//    turned into a pointer, written by `copy_addr`) may store anything: unresolved.
// 2. The static initializer's `function_ref`s are values it may hold too.
// 3. A stored value that cannot be resolved (a parameter, another load) makes the global
//    unresolved: a call through it stays unbounded, with the reason.

import SILModel

final class GlobalFunctionValues {
    private let module: Module
    private let text: InstructionText
    private var cache: [String: CallTargets] = [:]
    private var inProgress: Set<String> = []
    /// The functions naming each global, found on first use.
    private lazy var users: [String: [Int]] = {
        var found: [String: [Int]] = [:]
        for (k, f) in module.functions.enumerated() where f.isDefinition {
            var named: Set<String> = []
            for inst in f.instructions where inst.opcode == .globalAddr {
                if let g = text.referencedFunction(inst) { named.insert(g) }
            }
            for g in named { found[g, default: []].append(k) }
        }
        return found
    }()

    init(module: Module, text: InstructionText) {
        self.module = module
        self.text = text
    }

    /// The functions a value loaded from `global` can be. `resolve` resolves a stored value in
    /// the function that stores it.
    func targets(of global: String, resolve: (Int32, Function) -> CallTargets) -> CallTargets {
        if let known = cache[global] { return known }
        guard inProgress.insert(global).inserted else { return .unresolved("a global's function value is stored from another global's") }
        defer { inProgress.remove(global) }
        let result = compute(global, resolve: resolve)
        cache[global] = result
        return result
    }

    private func compute(_ global: String, resolve: (Int32, Function) -> CallTargets) -> CallTargets {
        // A global of another module (or C) may be written where this module cannot see.
        guard module.globals.contains(where: { $0.name == global }) else {
            return .unresolved("the global is not defined in this module")
        }
        var result: [String] = initialFunctions(of: global)
        for k in users[global] ?? [] {
            let f = module.functions[k]
            for inst in f.instructions where inst.opcode == .globalAddr && text.referencedFunction(inst) == global {
                guard let address = f.results(of: inst).first else { continue }
                switch storedValues(through: address, in: f, functionIndex: k) {
                case .unknown(let why):
                    return .unresolved("in \(f.swiftName), \(why)")
                case .values(let values):
                    for v in values {
                        switch resolve(v, f) {
                        case .functions(let names): result.append(contentsOf: names)
                        case .unresolved(let why): return .unresolved("a value stored in the global in \(f.swiftName): \(why)")
                        }
                    }
                }
            }
        }
        var unique: [String] = []
        for r in result where !unique.contains(r) { unique.append(r) }
        // Nothing this module shows ever puts a function there: whatever is called is unknown.
        if unique.isEmpty { return .unresolved("no function value is ever stored in it in this module") }
        return .functions(unique)
    }

    private enum Stores {
        case values([Int32])
        case unknown(String)
    }

    /// The values stored through `address`, or why the address may be written some other way.
    private func storedValues(through address: Int32, in f: Function, functionIndex: Int) -> Stores {
        var stored: [Int32] = []
        var work: [Int32] = [address]
        var seen: Set<Int32> = []
        let uses = uses(in: f, functionIndex)
        while let a = work.popLast() {
            guard seen.insert(a).inserted else { continue }
            for user in uses[a] ?? [] {
                let inst = f.instructions[Int(user)]
                let ops = Array(f.operands(of: inst))
                switch inst.opcode {
                case .load, .endAccess, .debugValue:
                    continue
                case .store:
                    guard ops.count == 2, ops[1] == a else { return .unknown("the global's address is stored elsewhere") }
                    stored.append(ops[0])
                case .beginAccess, .structElementAddr, .tupleElementAddr:
                    if let r = f.results(of: inst).first { work.append(r) }
                default:
                    if inst.opcode == .other {
                        if [.initEnumDataAddr, .uncheckedTakeEnumDataAddr, .injectEnumAddr].contains(module.otherOpcode(of: inst)) {
                            if let r = f.results(of: inst).first { work.append(r) }
                            continue
                        }
                    }
                    return .unknown("the global's address is used by '\(module.opcodeSpelling(of: inst))', which may store any value")
                }
            }
        }
        return .values(stored)
    }

    /// Users of every value in `f`, by value number (once per function).
    private func uses(in f: Function, _ k: Int) -> [Int32: [Int32]] {
        if let known = useCache[k] { return known }
        var uses: [Int32: [Int32]] = [:]
        for (index, inst) in f.instructions.enumerated() {
            for op in f.operands(of: inst) { uses[op, default: []].append(Int32(index)) }
        }
        useCache[k] = uses
        return uses
    }
    private var useCache: [Int: [Int32: [Int32]]] = [:]

    /// `function_ref`s in the global's static initializer.
    private func initialFunctions(of global: String) -> [String] {
        guard let g = module.globals.first(where: { $0.name == global }), let initializer = g.initializer else { return [] }
        let body = module.text.string(initializer)
        var names: [String] = []
        for line in body.split(separator: "\n") {
            guard let r = line.range(of: "function_ref @") else { continue }
            names.append(String(line[r.upperBound...].prefix(while: { $0 != " " && $0 != ":" })))
        }
        return names
    }
}
