// Which classes a release can free. The last release of an object runs its class's
// deallocating deinit, which releases the object's stored properties, which can run more
// deinits. So a release of a value of type T may run the deinit of:
//
//   - every class T holds directly (a class reference, an Optional, a struct's or an enum's
//     fields, a tuple's elements, an array's elements: [Node] frees the array storage and
//     may free its Nodes),
//   - every subclass of those classes declared in the module (the static type is a bound,
//     the dynamic type may be any subclass),
//   - and, transitively, the classes held by those classes' stored properties.
//
// A type this cannot see into (an existential, AnyObject, Builtin.NativeObject, a thick
// closure's context, a generic parameter, a type with no declaration and no model here)
// may free anything: `nil`, and the release is charged the worst deinit of the module.
//
// SIL prints no type on a release's operand (`release_value %38`), so the operand's type is
// found from where it is defined (ValueTypes below): a typed instruction (`alloc_ref $T`,
// `global_addr … : $*T`, a cast `to $T`, an apply's result), a load from a typed address, a
// field of a declared struct or class, or a block argument's printed type.

import Layout
import SILModel

/// Class names whose deinits a release may run; nil: any class.
typealias ClassSet = Set<String>?

final class ReleaseClasses {
    let module: Module
    let layout: LayoutEngine
    /// Direct subclasses of each declared class (by declaration name).
    private var subclasses: [String: [String]] = [:]
    private var freedCache: [TypeExpression: ClassSet] = [:]
    private var closureCache: [String: ClassSet] = [:]
    /// Value types being walked (a recursive indirect enum or an array of its own struct).
    private var walking: Set<TypeExpression> = []
    /// Walking a class's stored properties, which its deinit may destroy through pointers.
    private var inClassFields = false

    init(module: Module, layout: LayoutEngine) {
        self.module = module
        self.layout = layout
        for d in module.typeDeclarations where d.kind == .class {
            guard let sup = d.inherited.first, let s = layout.declaration(named: TypeExpressionParser.parse(sup).baseName),
                  s.kind == .class else { continue }
            subclasses[s.name, default: []].append(d.name)
        }
    }

    /// The key a class is known by: its declaration's name, else the name as spelled.
    func classKey(_ name: String) -> String { layout.declaration(named: name)?.name ?? name }

    /// A specialization's key: `_ContiguousArrayStorage<Heavy>`, whose deinit destroys Heavys,
    /// is not `_ContiguousArrayStorage<Int>`'s.
    func specializedKey(_ name: String, _ args: [TypeExpression]) -> String {
        classKey(name) + "<" + args.map(\.description).joined(separator: ", ") + ">"
    }

    /// The class a deallocating deinit frees: its `@owned` parameter's class, with its generic
    /// arguments when it is a specialization (nil when unreadable).
    func deallocatedClass(_ f: Function) -> String? {
        let type = module.text.string(f.type)
        guard let params = TypeExpressionParser.functionParameters(type),
              case .named(let name, let args)? = params.first else { return nil }
        return args.isEmpty || Self.isGeneric(type) ? classKey(name) : specializedKey(name, args)
    }

    /// A function type with a generic signature: `@convention(thin) <τ_0_0> (…) -> …`.
    static func isGeneric(_ functionType: String) -> Bool {
        var t = Substring(functionType)
        while let f = t.first, f == "$" || f == " " { t = t.dropFirst() }
        while t.first == "@" {
            t = t.drop { $0 != " " && $0 != "(" }
            if t.first == "(" { t = t.drop { $0 != ")" }.dropFirst() }
            t = t.drop { $0 == " " }
        }
        return t.first == "<"
    }

    /// Every class whose deinit releasing a value of `type` may run (memoized per type).
    func freed(by type: TypeExpression) -> ClassSet {
        if let cached = freedCache[type] { return cached }
        var result: ClassSet = []
        if let direct = directClasses(type) {
            for c in direct {
                guard let reach = closure(of: c) else { result = nil; break }
                result!.formUnion(reach)
            }
        } else {
            result = nil
        }
        freedCache[type] = .some(result)
        return result
    }

    /// A class, its declared subclasses, and every class their stored properties (and their
    /// superclasses' stored properties) hold, transitively.
    private func closure(of start: String) -> ClassSet {
        if let cached = closureCache[start] { return cached }
        var seen: Set<String> = [start]
        var work = [start]
        var result: ClassSet = []
        outer: while let c = work.popLast() {
            var next: [String] = subclasses[c] ?? []
            // The stored properties of the class and of its superclasses: the deinit chain releases them all.
            var decl = layout.declaration(named: c)
            var steps = 0
            while let d = decl, d.kind == .class, steps < 64 {
                steps += 1
                // A generic class's fields of parameter type are not known here.
                guard d.genericParameters.isEmpty else { result = nil; break outer }
                inClassFields = true
                defer { inClassFields = false }
                for p in d.storedProperties {
                    guard let held = directClasses(TypeExpressionParser.parse(p.type)) else { result = nil; break outer }
                    next.append(contentsOf: held)
                }
                decl = d.inherited.first.flatMap { layout.declaration(named: TypeExpressionParser.parse($0).baseName) }
            }
            for n in next where seen.insert(n).inserted { work.append(n) }
        }
        if result != nil { result = seen }
        closureCache[start] = .some(result)
        return result
    }

    /// The classes a value of `type` refers to directly (not looking inside the classes).
    private func directClasses(_ type: TypeExpression) -> ClassSet {
        switch type {
        case .named(let name, let args):
            if let d = layout.declaration(named: name) {
                switch d.kind {
                case .class:
                    // A generic class's specializations have deinits of their own (keyed with arguments).
                    return args.isEmpty ? [d.name] : [d.name, specializedKey(d.name, args)]
                case .protocol: return nil   // a protocol used as a type: an existential
                case .struct, .enum:
                    guard args.count == d.genericParameters.count else { return nil }
                    guard walking.insert(type).inserted else { return [] }   // already being walked: counted there
                    defer { walking.remove(type) }
                    var parts: [TypeExpression] = d.storedProperties.map { TypeExpressionParser.parse($0.type) }
                    parts += d.cases.compactMap { $0.payload.map { TypeExpressionParser.parse($0) } }
                    return union(parts.map { $0.substituting(d.genericParameters, with: args) })
                }
            }
            return standardClasses(name, args)
        case .tuple(let elements): return union(elements)
        case .box(let fields): return union(fields)
        case .address(let t): return directClasses(t)
        case .function(let thick): return thick ? nil : []   // a thick closure's context holds anything
        case .metatype: return []
        case .existential, .unknown: return nil
        }
    }

    private func union(_ types: [TypeExpression]) -> ClassSet {
        var result: Set<String> = []
        for t in types {
            guard let s = directClasses(t) else { return nil }
            result.formUnion(s)
        }
        return result
    }

    /// Standard-library and builtin types with no declaration in the module.
    private func standardClasses(_ name: String, _ args: [TypeExpression]) -> ClassSet {
        if Self.trivial.contains(name) || (name.hasPrefix("Builtin.") && !Self.builtinReferences.contains(name)) { return [] }
        switch name {
        case "Optional", "Range", "ClosedRange":
            return union(args)
        case "UnsafePointer", "UnsafeMutablePointer", "UnsafeBufferPointer", "UnsafeMutableBufferPointer", "Unmanaged":
            // Releasing a pointer frees nothing, but a class holding one may destroy the pointees
            // in its deinit (`deinitialize`): for a class's fields they count as held. A pointee
            // named but not declared in the module, and not a standard type, is an imported C
            // type: it holds no Swift object.
            guard inClassFields else { return [] }
            var result: Set<String> = []
            for a in args {
                if let held = directClasses(a) { result.formUnion(held); continue }
                guard case .named(let n, let inner) = a, inner.isEmpty, layout.declaration(named: n) == nil,
                      !n.hasPrefix("τ_"), !n.hasPrefix("Builtin."), !Self.referenceHolding.contains(n) else { return nil }
            }
            return result
        case "Array", "ContiguousArray", "ArraySlice", "_ContiguousArrayBuffer", "_ContiguousArrayStorage", "_SliceBuffer":
            // The storage object and its elements (a slice's owner is its array's storage).
            guard args.count == 1, let elements = union(args) else { return nil }
            return elements.union(["_ContiguousArrayStorage", specializedKey("_ContiguousArrayStorage", args)])
        case "Dictionary", "_NativeDictionary", "_DictionaryStorage":
            guard args.count == 2, let elements = union(args) else { return nil }
            return elements.union(["_DictionaryStorage", specializedKey("_DictionaryStorage", args)])
        case "Set", "_NativeSet", "_SetStorage":
            guard args.count == 1, let elements = union(args) else { return nil }
            return elements.union(["_SetStorage", specializedKey("_SetStorage", args)])
        default:
            // String (its storage may be a shared one owning any object), type-erased storage
            // bases, generic parameters, imported types: anything.
            return nil
        }
    }

    /// Standard types with no model here that may hold objects (not C types).
    private static let referenceHolding: Set<String> = [
        "String", "Substring", "Character", "DefaultStringInterpolation", "AnyHashable", "AnyKeyPath", "PartialKeyPath",
        "KeyPath", "WritableKeyPath", "ReferenceWritableKeyPath", "Any", "AnyObject", "Error", "Mirror", "ManagedBuffer",
        "ManagedBufferPointer", "Result", "Task", "CheckedContinuation", "UnsafeContinuation",
    ]
    private static let builtinReferences: Set<String> = ["Builtin.NativeObject", "Builtin.BridgeObject", "Builtin.UnknownObject"]
    /// Types with no reference inside (pointers do not own what they point to).
    private static let trivial: Set<String> = [
        "Int", "UInt", "Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64", "Int128", "UInt128",
        "Bool", "Double", "Float", "Float16", "Float80", "Void", "Never", "StaticString", "Unicode.Scalar", "UnicodeScalar",
        "CChar", "CInt", "CUnsignedInt", "CLong", "CUnsignedLong", "CUnsignedChar", "Duration",
        "UnsafeRawPointer", "UnsafeMutableRawPointer", "OpaquePointer", "UnsafeRawBufferPointer", "UnsafeMutableRawBufferPointer",
        "ObjectIdentifier",
    ]

}

/// The static type of a function's values, as far as the printed SIL tells it (nil: unknown).
final class ValueTypes {
    let function: Function
    let classes: ReleaseClasses
    private var cache: [Int32: TypeExpression?] = [:]
    private var blockArgumentTypes: [Int: [TypeExpression?]] = [:]

    init(function: Function, classes: ReleaseClasses) {
        self.function = function
        self.classes = classes
    }

    private var module: Module { classes.module }

    /// The classes a release instruction may free: from its operand's type.
    func freed(by inst: Instruction) -> ClassSet {
        if inst.opcode == .builtin { return destroyedElements(inst) }
        // An assignment through an address destroys the value at its destination (the second operand).
        let operands = function.operands(of: inst)
        let released = inst.opcode == .copyAddr || inst.opcode == .store ? operands.dropFirst().first : operands.first
        // The type from where the value is defined: for array storage it is more precise than the
        // type-erased `__ContiguousArrayStorageBase` that `-sil-print-types` prints on the operand.
        if let v = released, let t = type(of: v) { return classes.freed(by: t) }
        // `strong_release %5 : $Node` (SIL printed with its operand types).
        let text = module.text.string(inst.text)
        guard inst.opcode != .copyAddr, inst.opcode != .store, let r = text.range(of: " : $"),
              let printed = InstructionText(module: module).firstType(text[r.lowerBound...]) else { return nil }
        return classes.freed(by: TypeExpressionParser.parse(printed))
    }

    /// `builtin "destroyArray"<Optional<File>>(…)`: the elements' classes. In a generic function
    /// (`destroyArray<Element>` in the standard library's array storage deinit) the elements are
    /// not known here; they are charged where their owner is released (an `[Node]` frees Nodes),
    /// so this one is not.
    private func destroyedElements(_ inst: Instruction) -> ClassSet {
        let t = module.text.string(inst.text)
        guard let open = t.range(of: "\"destroyArray\"<") else { return nil }
        var depth = 1
        var end = open.upperBound
        while end < t.endIndex {
            if t[end] == "<" { depth += 1 }
            if t[end] == ">" && t[t.index(before: end)] != "-" { depth -= 1; if depth == 0 { break } }
            end = t.index(after: end)
        }
        let freed = classes.freed(by: TypeExpressionParser.parse(String(t[open.upperBound..<end])))
        if freed == nil, isGeneric { return [] }
        return freed
    }

    private lazy var isGeneric = ReleaseClasses.isGeneric(module.text.string(function.type))

    func type(of v: Int32, depth: Int = 0) -> TypeExpression? {
        if let cached = cache[v] { return cached }
        guard depth < 64, v >= 0, Int(v) < function.valueDefinitions.count else { return nil }
        var result: TypeExpression? = nil
        switch function.valueDefinitions[Int(v)] {
        case .undefined: result = nil
        case .blockArgument(let b, let k): result = argumentType(block: Int(b), index: Int(k))
        case .instruction(let i, let k): result = resultType(function.instructions[Int(i)], result: Int(k), depth: depth)
        }
        cache[v] = .some(result)
        return result
    }

    /// `bb3(%5 : $Node, %6 : @owned $Optional<Node>)`: the printed types.
    private func argumentType(block: Int, index: Int) -> TypeExpression? {
        if let known = blockArgumentTypes[block] { return index < known.count ? known[index] : nil }
        var types: [TypeExpression?] = []
        let header = module.text.string(function.blocks[block].header)
        if let open = header.firstIndex(of: "(") {
            var depth = 0
            var piece = ""
            for c in header[header.index(after: open)...] {
                if c == "(" || c == "<" || c == "[" || c == "{" { depth += 1 }
                if c == ")" || c == ">" || c == "]" || c == "}" { depth -= 1 }
                if (c == "," && depth == 0) || depth < 0 {
                    types.append(Self.dollarType(piece))
                    piece = ""
                    if depth < 0 { break }
                    continue
                }
                piece.append(c)
            }
        }
        blockArgumentTypes[block] = types
        return index < types.count ? types[index] : nil
    }

    /// The type after the first `$` of a spelling.
    private static func dollarType(_ s: some StringProtocol) -> TypeExpression? {
        guard let d = s.firstIndex(of: "$") else { return nil }
        return TypeExpressionParser.parse(String(s[d...]))
    }

    private func resultType(_ inst: Instruction, result: Int, depth: Int) -> TypeExpression? {
        let text = InstructionText(module: module)
        let other = module.otherOpcode(of: inst)
        let operands = function.operands(of: inst)
        let operandType = { operands.first.flatMap { self.type(of: $0, depth: depth + 1) } }
        let rest = text.rest(inst)
        switch inst.opcode {
        case .load, .other where other == .loadBorrow:
            if case .address(let t)? = operandType() { return t }
            return nil
        case .beginAccess, .beginBorrow, .copyValue, .moveValue, .endCowMutation, .endInitLetRef, .markDependence, .indexAddr,
             .beginDeallocRef, .other where other == .strongCopyUnownedValue || other == .uncheckedOwnershipConversion:
            return operandType()
        case .allocRef:
            return module.allocRefFields(of: inst, in: function).classType.map { TypeExpressionParser.parse($0) }
        case .allocStack:
            return module.firstType(in: module.leadingAttributes(of: inst).remainder).map { .address(TypeExpressionParser.parse($0)) }
        case .globalAddr:
            guard let r = rest.range(of: " : $") else { return nil }
            return TypeExpressionParser.parse(String(rest[r.upperBound...]))
        case .structInst, .enumInst, .tupleInst, .other where other == .object:
            guard rest.first == "$" else { return nil }
            return text.firstType(rest).map { TypeExpressionParser.parse($0) }
        case .uncheckedRefCast, .upcast, .uncheckedAddrCast, .pointerToAddress, .uncheckedBitwiseCast, .rawPointerToRef,
             .other where [.uncheckedValueCast, .unconditionalCheckedCast, .uncheckedTrivialBitCast].contains(other):
            guard let r = rest.range(of: " to ") else { return nil }
            return text.firstType(rest[r.upperBound...]).map { TypeExpressionParser.parse($0) }
        case .apply:
            guard result == 0, let fnType = text.trailingFunctionType(inst) else { return nil }
            return Self.resultOfFunctionType(fnType)
        case .structExtract, .structElementAddr, .refElementAddr:
            guard let key = text.methodKey(inst), let base = operandType() else { return nil }
            let field = fieldType(key: key, of: base)
            return inst.opcode == .structExtract ? field : field.map { .address($0) }
        case .tupleExtract, .tupleElementAddr:
            guard let k = text.integerLiteral(inst), let base = operandType() else { return nil }
            var t = base
            if case .address(let inner) = base { t = inner }
            guard case .tuple(let elements) = t, k >= 0, k < elements.count else { return nil }
            return inst.opcode == .tupleExtract ? elements[k] : .address(elements[k])
        case .uncheckedEnumData, .other where other == .uncheckedTakeEnumDataAddr:
            guard let key = text.methodKey(inst), let base = operandType() else { return nil }
            var t = base
            if case .address(let inner) = base { t = inner }
            let payload = enumPayload(key: key, of: t)
            return inst.opcode == .uncheckedEnumData ? payload : payload.map { .address($0) }
        default:
            return nil
        }
    }

    /// `@convention(thin) (Bool) -> @owned Optional<Proc>` → `Optional<Proc>` (the first
    /// top-level arrow; a generic result stays a parameter name, which has no declaration).
    static func resultOfFunctionType(_ s: String) -> TypeExpression? {
        var depth = 0
        var previous: Character = " "
        for i in s.indices {
            let c = s[i]
            if c == "(" || c == "[" || c == "{" || c == "<" { depth += 1 }
            if c == ")" || c == "]" || c == "}" { depth -= 1 }
            if c == ">" {
                if previous == "-" {
                    if depth == 0 { return TypeExpressionParser.parse(String(s[s.index(after: i)...])) }
                } else {
                    depth -= 1
                }
            }
            previous = c
        }
        return nil
    }

    /// The type of field `#S.f` of a value of type `base` (a struct, or a class reference).
    private func fieldType(key: String, of base: TypeExpression) -> TypeExpression? {
        var t = base
        if case .address(let inner) = base { t = inner }
        guard case .named(let typeName, let args) = t,
              let dot = key.lastIndex(of: ".") else { return nil }
        let field = String(key[key.index(after: dot)...])
        let owner = String(key.dropFirst()[..<dot])
        // The two array fields optimized code reads on its way to a release of the storage.
        switch (typeName, field) {
        case ("Array", "_buffer"), ("ContiguousArray", "_buffer"): return .named("_ContiguousArrayBuffer", args)
        case ("_ContiguousArrayBuffer", "_storage"): return .named("_ContiguousArrayStorage", args)
        default: break
        }
        // The field is declared by the class the key names (a superclass, for an inherited field).
        guard let decl = classes.layout.declaration(named: owner),
              let p = decl.storedProperties.first(where: { $0.name == field }) else { return nil }
        let fieldType = TypeExpressionParser.parse(p.type)
        if decl.genericParameters.isEmpty { return fieldType }
        // Generic arguments are known only when the base is the declaring type itself.
        guard classes.layout.declaration(named: typeName)?.name == decl.name else { return nil }
        return fieldType.substituting(decl.genericParameters, with: args)
    }

    /// The payload of case `#E.c!enumelt` of a value of type `base`.
    private func enumPayload(key: String, of base: TypeExpression) -> TypeExpression? {
        guard case .named(let typeName, let args) = base else { return nil }
        let caseName = key.split(separator: ".").last.map { String($0.prefix { $0 != "!" }) } ?? ""
        if typeName == "Optional" { return caseName == "some" ? args.first : nil }
        guard let decl = classes.layout.declaration(named: typeName), decl.kind == .enum,
              let c = decl.cases.first(where: { $0.name == caseName }), let payload = c.payload else { return nil }
        return TypeExpressionParser.parse(payload).substituting(decl.genericParameters, with: args)
    }
}
