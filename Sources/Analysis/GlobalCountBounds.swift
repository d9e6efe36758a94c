// Global collections whose largest count the program states: `maxliveMaxCount(&table, 64)`
// (`@_semantics("maxlive.max_count")`), or a class's collection property, for every instance
// (`maxliveMaxCount(&pages, 64)` in a method). A global's count when a call starts is whatever earlier
// calls left, which no analysis of one call can bound; the program's own invariant can. Each
// statement is a promise, listed as an assumption wherever a bound relies on it (the marker
// also checks it at run time where it is called).
//
//   %5 = global_addr @$e6Kernel9fileTableSayAA4FileCGvp   the global (at -Onone, its addressor)
//   %6 = begin_access [modify] [dynamic] %5                  its address, passed to the marker
//   %8 = apply %7<[File]>(%6, %4)                            %4 = integer_literal 64

import Layout
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
        /// Proved from the key type instead: a table never holds more elements than its key
        /// type has values (KeyDomain.swift).
        var keyType: String? = nil

        /// The words of the assumption a bound relying on it carries.
        func assumption(global symbol: String) -> String {
            let name = CalleeResolver.readableGlobal(symbol)
            let at = file.map { " at \($0):\(line ?? 0)" } ?? ""
            if let keyType {
                return "the global `\(name)` never holds more than \(count) elements: its keys are \(keyType), which has \(count) values; trusted: nothing changes its table through unsafe pointers"
            }
            if derived {
                return "the global `\(name)` never holds more than \(count) elements: every change that adds to it is behind the code's own check of its count, or makes room first (one is\(at)); trusted: nothing changes it through unsafe pointers"
            }
            return "the global `\(name)` holds at most \(count) elements (maxlive.max_count\(at))"
        }

        /// The same for a class's collection property, in every instance.
        func assumption(field key: String) -> String {
            let at = file.map { " at \($0):\(line ?? 0)" } ?? ""
            if let keyType {
                return "`\(key)` never holds more than \(count) elements in any instance: its keys are \(keyType), which has \(count) values; trusted: nothing changes its table through unsafe pointers"
            }
            if derived {
                return "`\(key)` never holds more than \(count) elements in any instance: every change that adds to it is behind the code's own check of that instance's count, or makes room first (one is\(at)); trusted: nothing changes it through unsafe pointers"
            }
            return "`\(key)` holds at most \(count) elements in any instance (maxlive.max_count\(at))"
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
    /// A dictionary's or set's key type (`keys`) may bound it too.
    func bound(ofGlobal symbol: String, keys: TypeExpression? = nil) -> Bound? {
        capped(combined(stated: statements.globals[symbol], enforced: guarded?.bound(ofGlobal: symbol), place: .global(symbol)),
               keys: keys, place: .global(symbol))
    }

    /// The bound of a class's collection property (`Zone.pages`), in every instance: the
    /// program's statement (`maxliveMaxCount(&pages, 64)` in a method), or else the one its
    /// guards enforce.
    func bound(ofField key: String, keys: TypeExpression? = nil) -> Bound? {
        capped(combined(stated: statements.fields[key], enforced: guarded?.bound(ofField: key), place: .field(key)),
               keys: keys, place: .field(key))
    }

    /// A table whose key type has few values holds at most that many elements, in any state
    /// the program reaches; its buckets follow, unless something reserves more or stores a
    /// table made elsewhere (the same check as for a stated count).
    private func capped(_ bound: Bound?, keys: TypeExpression?, place: CountedPlace) -> Bound? {
        guard let keys, let values = KeyDomain.size(of: keys), bound.map({ $0.count > values }) ?? true,
              let guarded, case .success = guarded.capacityFollowsCount(of: place) else { return bound }
        return Bound(count: values, function: "", file: nil, line: nil, keyType: keys.description)
    }

    /// A statement bounds the count; the capacity follows only if nothing reserves more or
    /// stores a larger collection there. The code's own checks may let it hold more than a
    /// statement says: the larger holds.
    private func combined(stated: Bound?, enforced: Bound?, place: CountedPlace) -> Bound? {
        guard var stated else { return enforced }
        if let guarded {
            switch guarded.capacityFollowsCount(of: place) {
            case .success(let stored):
                stated.count = max(stated.count, stored)
            case .failure(let refusal):
                statedRefusals[place.refusalKey] = "maxliveMaxCount bounds its count, not its capacity: \(refusal.message)"
                return enforced
            }
        }
        if let enforced, enforced.count > stated.count { return enforced }
        return stated
    }

    /// Why the code's checks do not bound the property's count (after `bound(ofField:)` said nil).
    func refusal(ofField key: String) -> String? { statedRefusals[CountedPlace.field(key).refusalKey] ?? guarded?.refusal(ofField: key) }

    /// Why neither a statement nor the code's checks bound the global's count (after
    /// `bound(ofGlobal:)` said nil).
    func refusal(ofGlobal symbol: String) -> String? { statedRefusals[symbol] ?? guarded?.refusal(ofGlobal: symbol) }
    private var statedRefusals: [String: String] = [:]

    /// Bounds the code's own guards enforce (nil: statements only).
    var guarded: GuardedGlobalCounts?

    /// Found on first use: only an analysis that meets a global collection scans for markers.
    private lazy var statements: (globals: [String: Bound], fields: [String: Bound]) = scan()

    private func scan() -> (globals: [String: Bound], fields: [String: Bound]) {
        let markers = Set(module.functions.filter { $0.hasSemantics(Annotation.maxCount) }.map(\.name))
        guard !markers.isEmpty else { return ([:], [:]) }
        var globals: [String: Bound] = [:]
        var fields: [String: Bound] = [:]
        for f in module.functions where f.isDefinition {
            for inst in f.instructions where inst.opcode == .apply {
                let ops = f.operands(of: inst)
                guard ops.count == 3, let callee = f.definingInstruction(ops[ops.startIndex]),
                      f.instructions[Int(callee)].opcode == .functionRef,
                      let name = text.referencedFunction(f.instructions[Int(callee)]), markers.contains(name),
                      let n = constants.constant(ops[ops.startIndex + 2], in: f), n >= 0 else { continue }
                let address = ops[ops.startIndex + 1]
                let loc = module.userLocation(of: inst)
                let bound = Bound(count: n, function: f.swiftName, file: loc.map { module.fileName($0) }, line: loc.map { Int($0.line) })
                // Each statement holds where it is made; the place's bound is the largest of them
                // (a smaller one elsewhere, or in code that never runs, says nothing of the rest).
                if let global = globalSymbol(ofAddress: address, in: f) {
                    if let known = globals[global], known.count >= n { continue }
                    globals[global] = bound
                } else if let (key, _) = f.propertyAddress(address, module: module) {
                    if let known = fields[key], known.count >= n { continue }
                    fields[key] = bound
                }
            }
        }
        return (globals, fields)
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
