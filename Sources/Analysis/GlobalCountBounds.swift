// Global collections whose largest count the program states: `maxliveMaxCount(&table, 64)`
// (`@_semantics("maxlive.max_count")`). A global's count when a call starts is whatever earlier
// calls left, which no analysis of one call can bound; the program's own invariant can. Each
// statement is a promise, listed as an assumption wherever a bound relies on it (the marker
// also checks it at run time where it is called).
//
//   %5 = global_addr @$e6Kernel9fileTableSayAA4FileCGvp   the global (at -Onone, its addressor)
//   %6 = begin_access [modify] [dynamic] %5                  its address, passed to the marker
//   %8 = apply %7<[File]>(%6, %4)                            %4 = integer_literal 64

import SILModel

final class GlobalCountBounds {
    struct Bound {
        /// The largest count the program states (the largest of several statements).
        var count: Int
        /// Where it is stated, for the assumption.
        var function: String
        var file: String?
        var line: Int?
        /// Proved from the code's own guards (GuardedGlobalCounts.swift), not stated; the
        /// location is then that of a guard.
        var derived = false

        /// The words of the assumption a bound relying on it carries.
        func assumption(global symbol: String) -> String {
            let name = CalleeResolver.readableGlobal(symbol)
            let at = file.map { " at \($0):\(line ?? 0)" } ?? ""
            if derived {
                return "the global `\(name)` never holds more than \(count) elements: every change that adds to it is behind the code's own check of its count, or makes room first (one is\(at)); trusted: nothing changes it through unsafe pointers"
            }
            return "the global `\(name)` holds at most \(count) elements (maxlive.max_count\(at))"
        }

        /// The same for a class's array property, proved for every instance from the guards.
        func assumption(field key: String) -> String {
            let at = file.map { " at \($0):\(line ?? 0)" } ?? ""
            return "`\(key)` never holds more than \(count) elements in any instance: every change that adds to it is behind the code's own check of that instance's count, or makes room first (one is\(at)); trusted: nothing changes it through unsafe pointers"
        }
    }

    private let module: Module
    private let text: InstructionText
    private let constants: ConstantEvaluator

    init(module: Module, text: InstructionText, constants: ConstantEvaluator, guarded: GuardedGlobalCounts? = nil) {
        self.module = module
        self.text = text
        self.constants = constants
        self.guarded = guarded
    }

    /// The bound of the global with this SIL symbol: the program's statement, or else the one
    /// its guards enforce.
    func bound(ofGlobal symbol: String) -> Bound? {
        guard var stated = bounds[symbol] else { return guarded?.bound(ofGlobal: symbol) }
        let enforced = guarded?.bound(ofGlobal: symbol)
        if let guarded {
            // A statement bounds the count; the capacity follows only if nothing reserves more
            // or stores a larger array there.
            switch guarded.capacityFollowsCount(ofGlobal: symbol) {
            case .success(let stored):
                stated.count = max(stated.count, stored)
            case .failure(let refusal):
                statedRefusals[symbol] = "maxliveMaxCount bounds its count, not its capacity: \(refusal.message)"
                return enforced
            }
        }
        // The code's own checks may let it hold more than a statement says: the larger holds.
        if let enforced, enforced.count > stated.count { return enforced }
        return stated
    }

    /// The bound the code's own guards enforce for a class's array property, in every instance.
    func bound(ofField key: String) -> Bound? { guarded?.bound(ofField: key) }

    /// Why the code's checks do not bound the property's count (after `bound(ofField:)` said nil).
    func refusal(ofField key: String) -> String? { guarded?.refusal(ofField: key) }

    /// Why neither a statement nor the code's checks bound the global's count (after
    /// `bound(ofGlobal:)` said nil).
    func refusal(ofGlobal symbol: String) -> String? { statedRefusals[symbol] ?? guarded?.refusal(ofGlobal: symbol) }
    private var statedRefusals: [String: String] = [:]

    /// Bounds the code's own guards enforce (nil: statements only).
    var guarded: GuardedGlobalCounts?

    /// Found on first use: only an analysis that meets a global collection scans for markers.
    private lazy var bounds: [String: Bound] = scan()

    private func scan() -> [String: Bound] {
        let markers = Set(module.functions.filter { $0.hasSemantics(Annotation.maxCount) }.map(\.name))
        guard !markers.isEmpty else { return [:] }
        var result: [String: Bound] = [:]
        for f in module.functions where f.isDefinition {
            for inst in f.instructions where inst.opcode == .apply {
                let ops = f.operands(of: inst)
                guard ops.count == 3, let callee = f.definingInstruction(ops[ops.startIndex]),
                      f.instructions[Int(callee)].opcode == .functionRef,
                      let name = text.referencedFunction(f.instructions[Int(callee)]), markers.contains(name),
                      let global = globalSymbol(ofAddress: ops[ops.startIndex + 1], in: f),
                      let n = constants.constant(ops[ops.startIndex + 2], in: f), n >= 0 else { continue }
                // Each statement holds where it is made; the global's bound is the largest of them
                // (a smaller one elsewhere, or in code that never runs, says nothing of the rest).
                if let known = result[global], known.count >= n { continue }
                let loc = module.userLocation(of: inst)
                result[global] = Bound(count: n, function: f.swiftName, file: loc.map { module.fileName($0) }, line: loc.map { Int($0.line) })
            }
        }
        return result
    }

    /// The global an address is in, through accesses and stored properties, and at -Onone
    /// through the global's addressor (`pointer_to_address (apply @X.unsafeMutableAddressor())`).
    func globalSymbol(ofAddress address: Int32, in f: Function) -> String? {
        var a = address
        for _ in 0..<8 {
            guard let i = f.definingInstruction(a) else { return nil }
            let inst = f.instructions[Int(i)]
            switch inst.opcode {
            case .globalAddr:
                return text.referencedFunction(inst)
            case .beginAccess, .structElementAddr, .pointerToAddress:
                guard let first = f.operands(of: inst).first else { return nil }
                a = first
            case .apply:
                let ops = f.operands(of: inst)
                guard ops.count == 1, let callee = f.definingInstruction(ops[ops.startIndex]),
                      f.instructions[Int(callee)].opcode == .functionRef,
                      let name = text.referencedFunction(f.instructions[Int(callee)]) else { return nil }
                return addressedGlobal(name)
            default:
                return nil
            }
        }
        return nil
    }

    /// The global an addressor returns the address of (`return address_to_pointer (global_addr @X)`).
    func addressedGlobal(_ name: String) -> String? {
        if let known = addressors[name] { return known }
        var result: String? = nil
        if let f = module.function(named: name), f.isDefinition, f.instructions.count <= 16,
           let ret = f.instructions.first(where: { $0.opcode == .returnInst }), let value = f.operands(of: ret).first,
           let i = f.definingInstruction(value), f.instructions[Int(i)].opcode == .addressToPointer,
           let address = f.operands(of: f.instructions[Int(i)]).first {
            result = globalSymbol(ofAddress: address, in: f)
        }
        addressors[name] = .some(result)
        return result
    }
    private var addressors: [String: String?] = [:]
}
