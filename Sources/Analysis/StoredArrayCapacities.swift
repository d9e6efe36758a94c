// Arrays kept in stored places: the largest capacity any array there can ever have, decided
// once for the whole module.
//
// An array read from memory has an unknown count as far as one function can see: an earlier
// call may have grown it. A kernel's fixed tables are different: every array the program ever
// puts into `FileTable.slots` is made with a known capacity (`Array(repeating: nil, count: 32)`),
// and every later change is an element store, which keeps the buffer or copies it on write with
// capacity = count. Then every array read from there has count ≤ capacity ≤ C, and a
// copy-on-write copy of it (`_consumeAndCreateNew()`) costs at most size(C).
//
// A place is a stored property, for every instance of its type (`FileTable.slots` is the
// `slots` of every FileTable: in a global, an object, a local, a parameter), or a global of
// array type. An array reaches a place in one of three ways, and each is checked module-wide:
//
//   %9  = struct $FileTable (%8)                       a value of the type is made
//   %4  = struct_element_addr %3, #FileTable.slots     an address of the place…
//   store %7 to %4                                     …stored through (or into its buffer field)
//   apply %f(%4)                                       …or handed to a call, whose own stores
//                                                      into that parameter are checked alike
//
// Each array value written is traced to what made it: an allocation of constant capacity (also
// inside a called function, with the call's constant arguments), the empty singleton, a
// copy-on-write copy (capacity = count ≤ the old buffer's capacity), a reallocation asking for a
// constant, or a read of a place whose capacity is known. A read of the place itself adds
// nothing: the bound is an invariant, true of every write if true of every earlier one.
// Anything else (a parameter no call site fixes, an append's reallocation, an address turned
// into a raw pointer) leaves the place unbounded, with the reason kept for the message.
//
// The check trusts that no value of the type is forged from raw bytes (memcpy into a struct).

import Layout
import SILModel

final class StoredArrayCapacities {
    /// Where arrays are kept.
    enum Place: Hashable {
        /// A stored property, as SIL spells it after `#` (`FileTable.slots`).
        case field(String)
        /// A global whose type is an array, by symbol.
        case global(String)
        /// No place: the array a call returns, by the function that makes the call.
        case result(String)

        var readable: String {
            switch self {
            case .field(let key): return key
            case .global(let symbol): return CalleeResolver.readableGlobal(symbol)
            case .result(let caller): return "the result of a call in \(caller)"
            }
        }
    }

    struct Refusal: Error { let message: String }

    private let module: Module
    private let text: InstructionText
    private let layout: LayoutEngine
    private let stdlib: StdlibCallIndex

    init(module: Module, text: InstructionText, layout: LayoutEngine, stdlib: StdlibCallIndex) {
        self.module = module
        self.text = text
        self.layout = layout
        self.stdlib = stdlib
    }

    /// The largest capacity of any array ever kept in `place`, or why there is none.
    func capacity(of place: Place) -> Result<Int, Refusal> {
        if let known = answers[place] { return known }
        inProgress.insert(place)
        let answer: Result<Int, Refusal>
        do { answer = .success(try largestWritten(into: place)) } catch let refusal as Refusal { answer = .failure(refusal) } catch {
            answer = .failure(Refusal(message: "\(error)"))
        }
        inProgress.remove(place)
        answers[place] = answer
        return answer
    }

    /// The largest capacity of the array a call in `f` returns (`Array(repeating:count:)` with
    /// a constant count, a copy of a bounded place, …), or why there is none.
    func capacity(ofResultOf call: Int32, in f: Function) -> Result<Int, Refusal> {
        var visiting: Set<Int32> = []
        do {
            return .success(try capacityMade(byCall: call, in: Frame(function: f), for: .result(f.swiftName), visiting: &visiting, steps: 0))
        } catch let refusal as Refusal { return .failure(refusal) } catch { return .failure(Refusal(message: "\(error)")) }
    }

    private var answers: [Place: Result<Int, Refusal>] = [:]

    /// Types a global's static initial value constructs (`struct $PageMap (…)`, `object $Port (…)`),
    /// with one such global: values the functions' code never shows.
    private lazy var staticConstructions: [String: String] = {
        var found: [String: String] = [:]
        for global in module.globals {
            guard let range = global.initializer else { continue }
            let body = module.text.string(range)
            for marker in ["struct $", "object $"] {
                var rest = Substring(body)
                while let r = rest.range(of: marker) {
                    rest = rest[r.upperBound...]
                    let name = rest.prefix { $0 != " " && $0 != "<" && $0 != "(" && $0 != "," }
                    let last = name.split(separator: ".").last.map(String.init) ?? String(name)
                    if found[last] == nil { found[last] = global.name }
                }
            }
        }
        return found
    }()

    /// Globals whose type is an array, by symbol.
    private lazy var arrayGlobals: Set<String> = Set(module.globals.filter { Self.isArrayType($0.type) }.map(\.name))

    /// Type declarations by the last component of their name (`Kernel.FdTable` → `FdTable`):
    /// SIL spells a field `#FdTable.slots`, so a name shared by two types is ambiguous.
    private lazy var declarations: [String: [TypeDeclaration]] = {
        var byName: [String: [TypeDeclaration]] = [:]
        for d in module.typeDeclarations {
            byName[d.name.split(separator: ".").last.map(String.init) ?? d.name, default: []].append(d)
        }
        return byName
    }()
    private var inProgress: Set<Place> = []

    // MARK: places

    /// The place an address points to, through accesses and the array's own wrapper fields:
    /// a stored property of array type, or a global of array type.
    func place(ofAddress address: Int32, in f: Function) -> Place? {
        var a = address
        for _ in 0..<12 {
            guard let i = f.definingInstruction(a) else { return nil }
            let inst = f.instructions[Int(i)]
            switch inst.opcode {
            case .beginAccess:
                a = f.operands(of: inst).first!
            case .structElementAddr, .refElementAddr:
                guard let key = fieldKey(inst) else { return nil }
                if Self.wrapperFields.contains(key) { a = f.operands(of: inst).first!; continue }
                return isArrayProperty(key) ? .field(String(key)) : nil
            case .globalAddr:
                guard let symbol = text.referencedFunction(inst),
                      arrayGlobals.contains(symbol) else { return nil }
                return .global(symbol)
            default:
                return nil
            }
        }
        return nil
    }

    /// The place a `struct_extract` of a stored property of array type reads.
    func place(ofExtraction inst: Instruction, in f: Function) -> Place? {
        guard inst.opcode == .structExtract, let key = fieldKey(inst), !Self.wrapperFields.contains(key),
              isArrayProperty(key) else { return nil }
        return .field(String(key))
    }

    /// The place of field `k` of a `struct $T(…)` construction, when it is an array property.
    func place(ofField k: Int, inConstruction inst: Instruction) -> Place? {
        guard inst.opcode == .structInst else { return nil }
        let r = text.rest(inst).drop { $0 == " " }
        guard r.hasPrefix("$") else { return nil }
        let typeName = r.dropFirst().prefix { $0 != " " && $0 != "<" && $0 != "(" && $0 != "," }
        let last = typeName.split(separator: ".").last.map(String.init) ?? String(typeName)
        let candidates = declarations[last] ?? []
        guard candidates.count == 1, let d = candidates.first, d.kind == .struct, k < d.storedProperties.count else { return nil }
        let key = "\(typeName).\(d.storedProperties[k].name)"
        return isArrayProperty(Substring(key)) ? .field(key) : nil
    }

    /// The fields of an array value that hold its buffer: a projection through them is still the array.
    static let wrapperFields: Set<Substring> = ["Array._buffer", "_ContiguousArrayBuffer._storage", "ContiguousArray._buffer"]

    static func isWrapperField(_ field: String?) -> Bool { field.map { wrapperFields.contains(Substring($0)) } ?? false }

    private static func isArrayType(_ type: String) -> Bool {
        var t = Substring(type)
        while t.hasPrefix("$") || t.hasPrefix("*") { t = t.dropFirst() }
        return t.hasPrefix("[") && !t.contains(":") || t.hasPrefix("Array<") || t.hasPrefix("ContiguousArray<")
    }

    /// `FileTable.slots` of a projection or extraction.
    private func fieldKey(_ inst: Instruction) -> Substring? { text.module.field(of: inst).map { Substring($0) } }

    /// The declaration and position of a stored property, when its type's name is unambiguous.
    private func property(_ key: Substring) -> (declaration: TypeDeclaration, position: Int)? {
        guard let dot = key.lastIndex(of: ".") else { return nil }
        let typeName = String(key[..<dot])
        let name = String(key[key.index(after: dot)...])
        let last = typeName.split(separator: ".").last.map(String.init) ?? typeName
        let candidates = declarations[last] ?? []
        guard candidates.count == 1, let d = candidates.first,
              let position = d.storedProperties.firstIndex(where: { $0.name == name }) else { return nil }
        return (d, position)
    }

    private func isArrayProperty(_ key: Substring) -> Bool {
        guard let (d, position) = property(key) else { return false }
        return Self.isArrayType(d.storedProperties[position].type)
    }

    // MARK: writes

    /// The largest capacity written into `place` anywhere in the module.
    private func largestWritten(into place: Place) throws -> Int {
        var largest = 0
        switch place {
        case .field(let key):
            guard let (declaration, position) = property(Substring(key)) else {
                throw Refusal(message: "the type of `\(key)` is not declared unambiguously in the SIL")
            }
            let typeName = declaration.name.split(separator: ".").last.map(String.init) ?? declaration.name
            if let global = staticConstructions[typeName] {
                throw Refusal(message: "a `\(declaration.name)` is made in the static initial value of `\(CalleeResolver.readableGlobal(global))`, whose arrays the analysis does not read")
            }
            if declaration.kind == .struct {
                let last = typeName
                for (fi, i) in index.constructions[last] ?? [] {
                    let f = module.functions[fi]
                    let ops = f.operands(of: f.instructions[Int(i)])
                    guard ops.count == declaration.storedProperties.count else {
                        throw Refusal(message: "a `\(declaration.name)` is made with \(ops.count) fields in \(f.swiftName) (SIL line \(f.instructions[Int(i)].silLine))")
                    }
                    let value = ops[ops.startIndex + position]
                    largest = max(largest, try capacity(ofValue: value, in: Frame(function: f), for: place))
                }
            }
            for (fi, i) in index.fieldAddresses[key] ?? [] {
                let f = module.functions[fi]
                for address in f.results(of: f.instructions[Int(i)]) {
                    largest = max(largest, try largestStored(through: address, in: Frame(function: f), for: place, depth: 0))
                }
            }
        case .global(let symbol):
            if module.globals.contains(where: { $0.name == symbol && $0.initializer != nil }) {
                throw Refusal(message: "the global `\(place.readable)` has a static initial value")
            }
            for (fi, i) in index.globalAddresses[symbol] ?? [] {
                let f = module.functions[fi]
                for address in f.results(of: f.instructions[Int(i)]) {
                    largest = max(largest, try largestStored(through: address, in: Frame(function: f), for: place, depth: 0))
                }
            }
        case .result:
            break   // not a place: nothing is stored there
        }
        return largest
    }

    /// The largest capacity stored through `address` (an address of the place) in the frame's
    /// function and in the calls it is passed to.
    private func largestStored(through address: Int32, in frame: Frame, for place: Place, depth: Int) throws -> Int {
        let f = frame.function
        guard depth < 6 else { throw Refusal(message: "the address of `\(place.readable)` is passed down more than 6 calls") }
        let users = self.users(of: f)
        var largest = 0
        var addresses = [address]
        var seen: Set<Int32> = []
        while let a = addresses.popLast() {
            guard seen.insert(a).inserted else { continue }
            frame.placeAddresses.insert(a)
            for u in users[a] ?? [] {
                let inst = f.instructions[Int(u)]
                let ops = f.operands(of: inst)
                func refuse(_ what: String) -> Refusal {
                    Refusal(message: "`\(place.readable)` \(what) in \(f.swiftName) (SIL line \(inst.silLine))")
                }
                switch inst.opcode {
                case .beginAccess, .structElementAddr:
                    addresses.append(contentsOf: f.results(of: inst))
                case .store:
                    guard ops.count == 2, ops.last == a, ops.first != a else { throw refuse("has its address stored") }
                    largest = max(largest, try capacity(ofValue: ops.first!, in: frame, for: place))
                case .load, .endAccess, .debugValue, .destroyAddr, .deallocStack, .endApply, .abortApply:
                    continue
                case .copyAddr:
                    if ops.last == a { throw refuse("is copied into from other memory") }
                case .apply, .tryApply, .beginApply:
                    largest = max(largest, try largestStoredByCall(u, passing: a, in: frame, for: place, depth: depth))
                case .other where [.loadBorrow, .endBorrow, .fixLifetime, .isUnique, .markDependenceAddr].contains(text.module.otherOpcode(of: inst)):
                    continue
                default:
                    throw refuse("has its address used by `\(opcodeWord(inst))`")
                }
            }
        }
        return largest
    }

    /// What a call may store into the place whose address `a` it is passed: its callee's own
    /// stores through that parameter (maxlive's markers only read).
    private func largestStoredByCall(_ call: Int32, passing a: Int32, in frame: Frame, for place: Place, depth: Int) throws -> Int {
        let f = frame.function
        let inst = f.instructions[Int(call)]
        let ops = Array(f.operands(of: inst))
        guard let callee = calledFunction(ops[0], in: f) else {
            throw Refusal(message: "`\(place.readable)` is passed to an unknown function in \(f.swiftName) (SIL line \(inst.silLine))")
        }
        if callee.attributes.semantics.contains(where: Annotation.markers.contains) { return 0 }
        guard callee.isDefinition, let entry = callee.blocks.first else {
            throw Refusal(message: "`\(place.readable)` is passed to \(callee.swiftName), whose body is not in the SIL, in \(f.swiftName) (SIL line \(inst.silLine))")
        }
        let parameters = callee.arguments(of: entry)
        let inner = Frame(function: callee, caller: frame, arguments: Array(ops.dropFirst()), text: text)
        var largest = 0
        for (k, argument) in ops.enumerated().dropFirst() where argument == a {
            guard k - 1 < parameters.count else { throw Refusal(message: "a call of \(callee.swiftName) does not match its parameters") }
            largest = max(largest, try largestStored(through: parameters[parameters.startIndex + k - 1], in: inner, for: place, depth: depth + 1))
        }
        return largest
    }

    // MARK: values

    /// A function being looked into, with what the call that led there fixes.
    private final class Frame {
        let function: Function
        /// Constant parameter values.
        let bindings: [Int32: Int]
        /// Addresses in this function that hold the place being checked.
        var placeAddresses: Set<Int32> = []
        /// The call that led here: its function and arguments, to follow a parameter back.
        let caller: Frame?
        let arguments: [Int32]

        init(function: Function) {
            self.function = function
            self.bindings = [:]
            self.caller = nil
            self.arguments = []
        }

        init(function: Function, caller: Frame, arguments: [Int32], text: InstructionText) {
            self.function = function
            self.caller = caller
            self.arguments = arguments
            var bindings: [Int32: Int] = [:]
            if let entry = function.blocks.first {
                let evaluator = ConstantEvaluator(text: text, bindings: caller.bindings)
                for (k, parameter) in function.arguments(of: entry).enumerated() where k < arguments.count {
                    if let c = evaluator.constant(arguments[k], in: caller.function) { bindings[parameter] = c }
                }
            }
            self.bindings = bindings
        }

        var depth: Int { (caller?.depth ?? 0) + 1 }
    }

    /// The largest capacity the array value `v` can have.
    private func capacity(ofValue v: Int32, in frame: Frame, for place: Place) throws -> Int {
        var visiting: Set<Int32> = []
        return try capacity(ofValue: v, in: frame, for: place, visiting: &visiting, steps: 0)
    }

    private func capacity(ofValue v: Int32, in frame: Frame, for place: Place, visiting: inout Set<Int32>, steps: Int) throws -> Int {
        let f = frame.function
        guard steps < 64, Int(v) < f.valueDefinitions.count else {
            throw Refusal(message: "an array stored into `\(place.readable)` in \(f.swiftName) comes from too far away to follow")
        }
        func next(_ w: Int32) throws -> Int { try capacity(ofValue: w, in: frame, for: place, visiting: &visiting, steps: steps + 1) }
        switch f.valueDefinitions[Int(v)] {
        case .undefined:
            throw Refusal(message: "an array stored into `\(place.readable)` in \(f.swiftName) has no definition")
        case .blockArgument(let b, let position):
            if b == 0 {
                guard let caller = frame.caller, Int(position) < frame.arguments.count else {
                    throw Refusal(message: "an array stored into `\(place.readable)` is a parameter of \(f.swiftName), which any caller may pass")
                }
                var outer: Set<Int32> = []
                return try capacity(ofValue: frame.arguments[Int(position)], in: caller, for: place, visiting: &outer, steps: steps + 1)
            }
            // A cycle of phis adds nothing: each value on it comes from outside the cycle.
            guard visiting.insert(v).inserted else { return 0 }
            var largest = 0
            for block in f.blocks {
                let term = f.instructions[Int(block.terminatorIndex)]
                for s in f.successors(of: term) where s.block == b {
                    guard term.opcode == .br || term.opcode == .condBr else {
                        throw Refusal(message: "an array stored into `\(place.readable)` comes out of a \(opcodeWord(term)) in \(f.swiftName) (SIL line \(term.silLine))")
                    }
                    let passed = f.arguments(of: s)
                    guard Int(position) < passed.count else { continue }
                    largest = max(largest, try next(passed[passed.startIndex + Int(position)]))
                }
            }
            return largest
        case .instruction(let i, _):
            let inst = f.instructions[Int(i)]
            let ops = f.operands(of: inst)
            func refuse(_ what: String) -> Refusal {
                Refusal(message: "an array stored into `\(place.readable)` \(what) in \(f.swiftName) (SIL line \(inst.silLine))")
            }
            switch inst.opcode {
            case _ where f.forwardsStorage(inst) && inst.opcode != .structExtract:
                return try next(ops.first!)
            case .structExtract:
                guard let key = fieldKey(inst) else { throw refuse("is extracted from an unknown field") }
                if Self.wrapperFields.contains(key) { return try next(ops.first!) }
                guard isArrayProperty(key) else { throw refuse("is extracted from `\(key)`") }
                return try capacity(of: .field(String(key)), readFor: place)
            case .load:
                let address = ops.first!
                if holdsPlace(address, frame) { return 0 }
                guard let other = self.place(ofAddress: address, in: f) else { throw refuse("is read from memory the analysis does not follow") }
                return try capacity(of: other, readFor: place)
            case .rawPointerToRef:
                if isEmptySingleton(ops.first, in: f) { return 0 }
                throw refuse("is made from a raw pointer")
            case .allocRef:
                guard let tails = text.module.allocRefFields(of: inst, in: f).tailElements, tails.count == 1, let count = tails[0].count,
                      let n = ConstantEvaluator(text: text, bindings: frame.bindings).constant(count, in: f), n >= 0 else {
                    throw refuse("is allocated with a capacity that is not a constant")
                }
                return n
            case .apply:
                return try capacityMade(byCall: i, in: frame, for: place, visiting: &visiting, steps: steps)
            default:
                throw refuse("is made by `\(opcodeWord(inst))`")
            }
        }
    }

    /// The capacity of the array a call returns: a copy-on-write copy (no larger than the old
    /// buffer's count), a reallocation, or what the callee's own body returns.
    private func capacityMade(byCall i: Int32, in frame: Frame, for place: Place, visiting: inout Set<Int32>, steps: Int) throws -> Int {
        let f = frame.function
        let inst = f.instructions[Int(i)]
        let ops = Array(f.operands(of: inst))
        func refuse(_ what: String) -> Refusal {
            Refusal(message: "an array stored into `\(place.readable)` \(what) in \(f.swiftName) (SIL line \(inst.silLine))")
        }
        guard let callee = calledFunction(ops[0], in: f) else { throw refuse("is returned by an unknown function") }
        let entry = stdlib.entry(callee.name)
        if entry.arrayCopy, ops.count == 2 {
            return try capacity(ofValue: ops[1], in: frame, for: place, visiting: &visiting, steps: steps + 1)
        }
        if entry.arrayReallocation, ops.count == 5 {
            // newCapacity = growForAppend ? (old < min ? max(min, 2 × old) : old) : min, and the
            // buffer holds at least the count (SILFacts §5.6).
            let old = try capacity(ofValue: ops[4], in: frame, for: place, visiting: &visiting, steps: steps + 1)
            let constants = ConstantEvaluator(text: text, bindings: frame.bindings)
            let grows = constants.constant(ops[3], in: f).map { $0 != 0 } ?? true
            if !grows, let counted = countedArray(ops[2], in: f) {
                return max(old, try capacity(ofValue: counted, in: frame, for: place, visiting: &visiting, steps: steps + 1))
            }
            guard let minimum = constants.constant(ops[2], in: f), minimum >= 0 else {
                throw refuse("comes from a reallocation (an append) whose capacity has no bound")
            }
            return max(old, minimum, grows ? 2 * max(0, minimum - 1) : 0)
        }
        guard callee.isDefinition, frame.depth < 8 else { throw refuse("is returned by \(callee.swiftName), whose body is not followed") }
        let inner = Frame(function: callee, caller: frame, arguments: Array(ops.dropFirst()), text: text)
        var largest = 0
        var innerVisiting: Set<Int32> = []
        for ret in callee.instructions where ret.opcode == .returnInst {
            guard let value = callee.operands(of: ret).first else { continue }
            largest = max(largest, try capacity(ofValue: value, in: inner, for: place, visiting: &innerVisiting, steps: steps + 1))
        }
        return largest
    }

    /// A place read while checking another: its own bound, nothing for the place itself.
    private func capacity(of other: Place, readFor place: Place) throws -> Int {
        if other == place { return 0 }
        if inProgress.contains(other) {
            throw Refusal(message: "`\(place.readable)` and `\(other.readable)` are filled from each other")
        }
        switch capacity(of: other) {
        case .success(let c): return c
        case .failure(let refusal): throw refusal
        }
    }

    /// The array whose count `value` is (`load` of its `_SwiftArrayBodyStorage.count`).
    private func countedArray(_ value: Int32, in f: Function) -> Int32? {
        var v = value
        for _ in 0..<12 {
            guard let i = f.definingInstruction(v) else { return nil }
            let inst = f.instructions[Int(i)]
            let ops = f.operands(of: inst)
            switch inst.opcode {
            case .structInst where ops.count == 1, .structExtract, .load, .structElementAddr:
                v = ops.first!
            case .builtin where text.builtinName(inst)?.hasPrefix("assumeNonNegative") == true:
                v = ops.first!
            case .refElementAddr:
                return fieldKey(inst) == "__ContiguousArrayStorageBase.countAndCapacity" ? ops.first : nil
            default:
                return nil
            }
        }
        return nil
    }

    /// Whether `address` is one the frame knows holds the place (through accesses and the
    /// array's wrapper fields).
    private func holdsPlace(_ address: Int32, _ frame: Frame) -> Bool {
        let f = frame.function
        var a = address
        for _ in 0..<8 {
            if frame.placeAddresses.contains(a) { return true }
            guard let i = f.definingInstruction(a) else { return false }
            let inst = f.instructions[Int(i)]
            if inst.opcode == .beginAccess || (inst.opcode == .structElementAddr && fieldKey(inst).map(Self.wrapperFields.contains) == true) {
                a = f.operands(of: inst).first!
            } else {
                return false
            }
        }
        return false
    }

    private func isEmptySingleton(_ v: Int32?, in f: Function) -> Bool {
        guard let v, let i = f.definingInstruction(v), f.instructions[Int(i)].opcode == .addressToPointer,
              let a = f.operands(of: f.instructions[Int(i)]).first, let g = f.definingInstruction(a),
              f.instructions[Int(g)].opcode == .globalAddr else { return false }
        return text.referencedFunction(f.instructions[Int(g)])?.contains("swiftEmptyArrayStorage") == true
    }

    private func calledFunction(_ callee: Int32, in f: Function) -> Function? {
        guard let i = f.definingInstruction(callee), f.instructions[Int(i)].opcode == .functionRef,
              let name = text.referencedFunction(f.instructions[Int(i)]) else { return nil }
        return module.function(named: name)
    }

    private func opcodeWord(_ inst: Instruction) -> String {
        module.opcodeSpelling(of: inst)
    }

    // MARK: index

    /// Where each place is written, found in one pass over the module on first use.
    private struct PlaceIndex {
        /// `struct $T (…)`, by T's last name component.
        var constructions: [String: [(Int, Int32)]] = [:]
        /// `struct_element_addr` and `ref_element_addr` of each stored property.
        var fieldAddresses: [String: [(Int, Int32)]] = [:]
        /// `global_addr` of each global.
        var globalAddresses: [String: [(Int, Int32)]] = [:]
    }

    private lazy var index: PlaceIndex = {
        var index = PlaceIndex()
        for (fi, f) in module.functions.enumerated() where f.isDefinition {
            for (i, inst) in f.instructions.enumerated() {
                switch inst.opcode {
                case .structInst:
                    let r = text.rest(inst).drop { $0 == " " }
                    guard r.hasPrefix("$") else { continue }
                    let name = r.dropFirst().prefix { $0 != " " && $0 != "<" && $0 != "(" && $0 != "," }
                    let last = name.split(separator: ".").last.map(String.init) ?? String(name)
                    index.constructions[last, default: []].append((fi, Int32(i)))
                case .structElementAddr, .refElementAddr:
                    if let key = fieldKey(inst) { index.fieldAddresses[String(key), default: []].append((fi, Int32(i))) }
                case .globalAddr:
                    if let symbol = text.referencedFunction(inst) { index.globalAddresses[symbol, default: []].append((fi, Int32(i))) }
                default:
                    continue
                }
            }
        }
        return index
    }()

    /// The users of each value of a function, built once per function looked into.
    private func users(of f: Function) -> [Int32: [Int32]] {
        if let known = usersByFunction[f.name] { return known }
        var users: [Int32: [Int32]] = [:]
        for (i, inst) in f.instructions.enumerated() {
            for v in f.operands(of: inst) { users[v, default: []].append(Int32(i)) }
        }
        usersByFunction[f.name] = users
        return users
    }
    private var usersByFunction: [String: [Int32: [Int32]]] = [:]
}
