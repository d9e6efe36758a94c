// Which functions a call can reach (SILFacts §8).
//
//   %16 = function_ref @f               → f
//   %40 = class_method %36, #Base.f     → every vtable entry keyed #Base.f (all overrides)
//   %2  = witness_method $T, #Shape.area → every witness table of Shape (or only T's, when T is concrete)
//   %6  = partial_apply %5(%2); apply %6() → what %5 resolves to
//   bb3(%x): apply %x()                 → the union over the values branched into %x
//
//   %4 = load (global_addr @handler); apply %4() → every function ever stored in @handler
//                                         (GlobalFunctionValues.swift)
//
// Anything else (a closure parameter, a value loaded from an object) is unresolved and makes
// the entry unbounded: never a silent zero.

import Foundation
import SILModel

public enum CallTargets {
    case functions([String])
    case unresolved(String)
}

final class CalleeResolver {
    let module: Module
    let text: InstructionText
    private var vtableIndex: [String: [String]] = [:]
    private var witnessIndex: [String: [(type: String, impl: String)]] = [:]
    private lazy var globalValues = GlobalFunctionValues(module: module, text: text)

    init(module: Module) {
        self.module = module
        self.text = InstructionText(module: module)
        for table in module.vtables {
            for entry in table.entries {
                guard let impl = entry.implementation else { continue }
                if !(vtableIndex[entry.key]?.contains(impl) ?? false) { vtableIndex[entry.key, default: []].append(impl) }
            }
        }
        for table in module.witnessTables {
            for entry in table.methods {
                guard let impl = entry.implementation else { continue }
                witnessIndex[entry.key, default: []].append((table.conformingType, impl))
            }
        }
    }

    /// The targets of the call whose callee operand is `value` in `function`.
    /// `parameterTargets` binds parameters (entry block arguments) to the functions the
    /// call site being analysed passes for them (context-sensitive summaries).
    func targets(ofCallee value: Int32, in function: Function, parameterTargets: [Int32: [String]] = [:]) -> CallTargets {
        var result: [String] = []
        var visited: Set<Int32> = []
        var work: [Int32] = [value]
        while let v = work.popLast() {
            guard visited.insert(v).inserted else { continue }
            guard Int(v) < function.valueDefinitions.count else { return .unresolved("call through an undefined value") }
            switch function.valueDefinitions[Int(v)] {
            case .undefined:
                return .unresolved("call through an undefined value")
            case .blockArgument(let block, let index):
                if block == 0 {
                    if let bound = parameterTargets[v] { result.append(contentsOf: bound); continue }
                    return .unresolved("call through a function value passed as a parameter")
                }
                // A phi: follow every incoming value.
                var found = false
                for blk in function.blocks {
                    let term = function.instructions[Int(blk.terminatorIndex)]
                    for s in function.successors(of: term) where s.block == block {
                        let args = function.arguments(of: s)
                        if Int(index) < args.count {
                            work.append(args[args.startIndex + Int(index)])
                            found = true
                        } else if term.opcode == .switchEnum, let switched = function.operands(of: term).first {
                            // An Optional's payload: the function values the Optional holds.
                            work.append(switched)
                            found = true
                        } else {
                            // The value comes from the terminator itself (a try_apply result, …).
                            return .unresolved("call through a value produced by '\(term.opcode.spelling)'")
                        }
                    }
                }
                if !found { return .unresolved("call through a block argument with no incoming value") }
            case .instruction(let index, _):
                let inst = function.instructions[Int(index)]
                let ops = function.operands(of: inst)
                switch inst.opcode {
                case .functionRef, .dynamicFunctionRef, .prevDynamicFunctionRef:
                    guard let name = text.referencedFunction(inst) else { return .unresolved("unreadable function_ref") }
                    result.append(name)
                case .thinToThickFunction, .convertFunction, .convertEscapeToNoescape, .markDependence,
                     .copyValue, .beginBorrow, .moveValue, .partialApply:
                    guard let first = ops.first else { return .unresolved("unreadable \(inst.opcode.spelling)") }
                    work.append(first)
                case .enumInst, .uncheckedEnumData:
                    // `enum $Optional<…>, #some, %f` and its payload: the function inside (none: nothing).
                    if let first = ops.first { work.append(first) }
                case .load:
                    guard let address = ops.first, let global = rootGlobal(of: address, in: function) else {
                        return .unresolved("call through a function value loaded from memory that is not a global")
                    }
                    switch globalValues.targets(of: global, resolve: { v, f in self.targets(ofCallee: v, in: f) }) {
                    case .functions(let names): result.append(contentsOf: names)
                    case .unresolved(let why): return .unresolved("call through the global \(Self.readableGlobal(global)): \(why)")
                    }
                case .classMethod, .superMethod:
                    guard let key = text.methodKey(inst), let impls = vtableIndex[key], !impls.isEmpty else {
                        return .unresolved("no vtable implementation found for \(text.methodKey(inst) ?? "a class method")")
                    }
                    result.append(contentsOf: impls)
                case .witnessMethod:
                    guard let key = text.methodKey(inst) else { return .unresolved("unreadable witness_method") }
                    let candidates = witnessIndex[key] ?? []
                    let lookup = text.witnessLookupType(inst) ?? ""
                    let concrete = !(lookup.hasPrefix("τ_") || lookup.hasPrefix("@opened") || lookup.hasPrefix("Self") || lookup.hasPrefix("@pack"))
                    let matching = concrete ? candidates.filter { $0.type == lookup } : candidates
                    let chosen = matching.isEmpty ? candidates : matching
                    if chosen.isEmpty { return .unresolved("no witness table implements \(key)") }
                    result.append(contentsOf: chosen.map(\.impl))
                default:
                    if inst.opcode == .other {
                        if [.uncheckedOwnershipConversion, .copyBlock, .copyBlockWithoutEscaping].contains(module.otherOpcode(of: inst)),
                           let first = ops.first {
                            work.append(first)
                            continue
                        }
                        return .unresolved("call through a value produced by '\(module.opcodeSpelling(of: inst))'")
                    }
                    return .unresolved("call through a value produced by '\(inst.opcode.spelling)'")
                }
            }
        }
        var unique: [String] = []
        for r in result where !unique.contains(r) { unique.append(r) }
        return .functions(unique)
    }

    /// `$e1M10irqHandleryS2icvp` → `irqHandler` (the module's and the variable's identifiers).
    static func readableGlobal(_ symbol: String) -> String {
        var chars = Substring(symbol)
        guard chars.hasPrefix("$e") || chars.hasPrefix("$s") else { return symbol }
        chars = chars.dropFirst(2)
        var identifiers: [Substring] = []
        while identifiers.count < 2, let length = Int(chars.prefix(while: \.isNumber)), length > 0 {
            chars = chars.drop(while: \.isNumber)
            identifiers.append(chars.prefix(length))
            chars = chars.dropFirst(length)
        }
        return identifiers.count == 2 ? String(identifiers[1]) : symbol
    }

    /// The global an address leads back to, through accesses and projections.
    private func rootGlobal(of address: Int32, in function: Function) -> String? {
        var a = address
        for _ in 0..<16 {
            guard let i = function.definingInstruction(a) else { return nil }
            let inst = function.instructions[Int(i)]
            switch inst.opcode {
            case .globalAddr:
                return text.referencedFunction(inst)
            case .beginAccess, .structElementAddr, .tupleElementAddr:
                guard let first = function.operands(of: inst).first else { return nil }
                a = first
            default:
                guard module.otherOpcode(of: inst) == .uncheckedTakeEnumDataAddr,
                      let first = function.operands(of: inst).first else { return nil }
                a = first
            }
        }
        return nil
    }
}
