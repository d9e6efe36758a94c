// Sizes of values and heap objects, byte for byte as the runtime requests them
// (SILFacts §5): class instances, boxes, closure contexts and tail-allocated storage.
//
// A size that cannot be derived is `nil`, never a guess; the analysis turns it into
// an unbounded entry with the type named in the reason.

import SILModel

/// Size, alignment and stride of a value type.
public struct ValueLayout: Equatable, Sendable {
    public var size: Int
    public var alignment: Int
    /// Whether the type has spare bit patterns an enclosing `Optional` can use (no extra tag byte).
    public var hasExtraInhabitants: Bool
    public var stride: Int { max(1, alignUp(size, alignment)) }
    public init(size: Int, alignment: Int, hasExtraInhabitants: Bool) {
        self.size = size
        self.alignment = alignment
        self.hasExtraInhabitants = hasExtraInhabitants
    }
}

public func alignUp(_ value: Int, _ alignment: Int) -> Int {
    alignment <= 1 ? value : (value + alignment - 1) / alignment * alignment
}

/// Pointer width and related target facts.
public struct TargetInfo: Sendable {
    public var pointerSize: Int
    /// `HeapObject`: metadata pointer + reference counts.
    public var heapHeader: Int { 2 * pointerSize }
    public static let lp64 = TargetInfo(pointerSize: 8)
    public static let ilp32 = TargetInfo(pointerSize: 4)
    public init(pointerSize: Int) { self.pointerSize = pointerSize }
}

public final class LayoutEngine: @unchecked Sendable {
    public let target: TargetInfo
    private var declarations: [String: TypeDeclaration] = [:]
    private var valueCache: [TypeExpression: ValueLayout?] = [:]
    private var inProgress: Set<TypeExpression> = []
    /// Types SIL does not declare: the C types the module imports, by their Swift names.
    private let importedLayouts: [String: ValueLayout]

    public init(module: Module, target: TargetInfo = .lp64, importedLayouts: [String: ValueLayout] = [:]) {
        self.target = target
        self.importedLayouts = importedLayouts
        for d in module.typeDeclarations {
            declarations[d.name] = d
            // Also reachable by the last path component (`Outer.Inner` as `Inner`), unless ambiguous.
            if let last = d.name.split(separator: ".").last.map(String.init), last != d.name, declarations[last] == nil {
                declarations[last] = d
            }
        }
    }

    public func declaration(named name: String) -> TypeDeclaration? { declarations[name] }

    // MARK: Value layout

    public func layout(of type: TypeExpression) -> ValueLayout? {
        if let cached = valueCache[type] { return cached }
        if inProgress.contains(type) { return nil } // a value type containing itself: not a valid layout
        inProgress.insert(type)
        let result = computeLayout(type)
        inProgress.remove(type)
        valueCache[type] = result
        return result
    }

    public func layout(of spelling: String) -> ValueLayout? { layout(of: TypeExpressionParser.parse(spelling)) }

    private func computeLayout(_ type: TypeExpression) -> ValueLayout? {
        let p = target.pointerSize
        let pointer = ValueLayout(size: p, alignment: p, hasExtraInhabitants: true)
        switch type {
        case .address, .existential(classBound: true, _):
            return pointer
        case .existential(classBound: false, let count):
            // Inline buffer of 3 words + metadata + one witness table per protocol.
            return ValueLayout(size: (4 + count) * p, alignment: p, hasExtraInhabitants: true)
        case .function(let thick):
            return thick ? ValueLayout(size: 2 * p, alignment: p, hasExtraInhabitants: true) : pointer
        case .metatype(let thick):
            return thick ? pointer : ValueLayout(size: 0, alignment: 1, hasExtraInhabitants: false)
        case .box:
            return pointer
        case .tuple(let elements):
            return aggregate(elements)
        case .unknown:
            return nil
        case .named(let name, let args):
            if let builtin = builtinLayout(name) { return builtin }
            if let std = standardLayout(name, args) { return std }
            if let decl = declarations[name] { return declaredLayout(decl, args) }
            return args.isEmpty ? importedLayouts[name] : nil
        }
    }

    private func aggregate(_ elements: [TypeExpression]) -> ValueLayout? {
        var offset = 0
        var alignment = 1
        var extra = false
        for (k, e) in elements.enumerated() {
            guard let l = layout(of: e) else { return nil }
            offset = alignUp(offset, l.alignment) + l.size
            alignment = max(alignment, l.alignment)
            if k == 0 || l.hasExtraInhabitants { extra = extra || l.hasExtraInhabitants }
        }
        return ValueLayout(size: offset, alignment: alignment, hasExtraInhabitants: extra)
    }

    private func builtinLayout(_ name: String) -> ValueLayout? {
        let p = target.pointerSize
        switch name {
        case "Builtin.Int1": return ValueLayout(size: 1, alignment: 1, hasExtraInhabitants: true)
        case "Builtin.Int8": return ValueLayout(size: 1, alignment: 1, hasExtraInhabitants: false)
        case "Builtin.Int16": return ValueLayout(size: 2, alignment: 2, hasExtraInhabitants: false)
        case "Builtin.Int32", "Builtin.FPIEEE32": return ValueLayout(size: 4, alignment: 4, hasExtraInhabitants: false)
        case "Builtin.Int64", "Builtin.FPIEEE64": return ValueLayout(size: 8, alignment: 8, hasExtraInhabitants: false)
        case "Builtin.Int128": return ValueLayout(size: 16, alignment: 16, hasExtraInhabitants: false)
        case "Builtin.Word": return ValueLayout(size: p, alignment: p, hasExtraInhabitants: false)
        case "Builtin.RawPointer", "Builtin.NativeObject", "Builtin.BridgeObject", "Builtin.UnknownObject",
             "Builtin.SILToken", "Builtin.Executor", "Builtin.Job":
            return ValueLayout(size: p, alignment: p, hasExtraInhabitants: true)
        default: return nil
        }
    }

    private func standardLayout(_ name: String, _ args: [TypeExpression]) -> ValueLayout? {
        let p = target.pointerSize
        let word = ValueLayout(size: p, alignment: p, hasExtraInhabitants: false)
        let reference = ValueLayout(size: p, alignment: p, hasExtraInhabitants: true)
        switch name {
        case "Int", "UInt": return word
        case "Int64", "UInt64", "Double": return ValueLayout(size: 8, alignment: 8, hasExtraInhabitants: false)
        case "Int32", "UInt32", "Float", "Unicode.Scalar", "UnicodeScalar":
            return ValueLayout(size: 4, alignment: 4, hasExtraInhabitants: name.contains("Scalar"))
        case "Int128", "UInt128": return ValueLayout(size: 16, alignment: 16, hasExtraInhabitants: false)
        case "Int16", "UInt16", "Float16": return ValueLayout(size: 2, alignment: 2, hasExtraInhabitants: false)
        case "Int8", "UInt8", "CChar", "CUnsignedChar": return ValueLayout(size: 1, alignment: 1, hasExtraInhabitants: false)
        case "Bool": return ValueLayout(size: 1, alignment: 1, hasExtraInhabitants: true)
        case "Void", "()": return ValueLayout(size: 0, alignment: 1, hasExtraInhabitants: false)
        case "String", "Character":
            // Two words on 64-bit; on 32-bit targets String is 12 bytes (count, variant, discriminator).
            return ValueLayout(size: p == 4 ? 12 : 2 * p, alignment: p, hasExtraInhabitants: true)
        case "Substring": return ValueLayout(size: p == 4 ? 24 : 4 * p, alignment: p, hasExtraInhabitants: true)
        case "StaticString": return ValueLayout(size: 2 * p + 1, alignment: p, hasExtraInhabitants: true)
        case "Array", "ContiguousArray", "Dictionary", "Set", "_ContiguousArrayBuffer", "_ArrayBuffer",
             "UnsafePointer", "UnsafeMutablePointer", "UnsafeRawPointer", "UnsafeMutableRawPointer",
             "OpaquePointer", "AutoreleasingUnsafeMutablePointer", "Unmanaged", "ObjectIdentifier",
             "_NativeDictionary", "_NativeSet", "__RawDictionaryStorage", "__RawSetStorage",
             "_DictionaryStorage", "_SetStorage", "_ContiguousArrayStorage", "__ContiguousArrayStorageBase",
             "__StringStorage", "__SharedStringStorage", "__EmptyArrayStorage":
            return reference
        case "@sil_unmanaged", "@sil_unowned", "@sil_weak":
            // A reference without a strong count: one pointer (a weak one points at a side table).
            return ValueLayout(size: p, alignment: p, hasExtraInhabitants: name != "@sil_weak")
        case "UnsafeBufferPointer", "UnsafeMutableBufferPointer", "UnsafeRawBufferPointer", "UnsafeMutableRawBufferPointer":
            return ValueLayout(size: 2 * p, alignment: p, hasExtraInhabitants: true)
        case "ArraySlice": return ValueLayout(size: 4 * p, alignment: p, hasExtraInhabitants: true)
        case "Range", "ClosedRange":
            guard let bound = args.first.flatMap({ layout(of: $0) }) else { return nil }
            return ValueLayout(size: alignUp(bound.size, bound.alignment) + bound.size, alignment: bound.alignment,
                               hasExtraInhabitants: bound.hasExtraInhabitants)
        case "InlineArray":
            // `InlineArray<N, T>`: N elements at T's stride.
            guard args.count == 2, let count = Int(args[0].baseName), let element = layout(of: args[1]) else { return nil }
            return ValueLayout(size: count * element.stride, alignment: element.alignment, hasExtraInhabitants: false)
        case "SIMD2", "SIMD3", "SIMD4", "SIMD8", "SIMD16", "SIMD32", "SIMD64":
            guard let n = Int(name.dropFirst(4)), let scalar = args.first else { return nil }
            return vectorLayout(count: n, of: scalar)
        case _ where name.hasSuffix("Storage") && name.contains(".SIMD"):
            // `Float.SIMD4Storage`, the vector a `SIMD4<Float>` wraps.
            let parts = name.split(separator: ".")
            guard parts.count >= 2, let last = parts.last, last.hasPrefix("SIMD"),
                  let n = Int(last.dropFirst(4).dropLast("Storage".count)) else { return nil }
            return vectorLayout(count: n, of: .named(parts.dropLast().joined(separator: "."), []))
        case "Optional":
            guard let wrapped = args.first.flatMap({ layout(of: $0) }) else { return nil }
            // With spare bit patterns the empty case needs no tag; otherwise one tag byte follows.
            return wrapped.hasExtraInhabitants ? wrapped
                : ValueLayout(size: wrapped.size + 1, alignment: wrapped.alignment, hasExtraInhabitants: false)
        default:
            return nil
        }
    }


    /// A SIMD vector of `count` scalars (SILFacts §5.3): three are stored as four, and the
    /// vector is aligned to its size, at most 16 bytes (`SIMD3<Float>` 16 B, `SIMD8<Float>`
    /// 32 B aligned to 16, `SIMD2<Float>` 8 B aligned to 8), on 64- and 32-bit targets alike.
    private func vectorLayout(count: Int, of scalar: TypeExpression) -> ValueLayout? {
        guard let element = layout(of: scalar), [2, 3, 4, 8, 16, 32, 64].contains(count) else { return nil }
        let size = (count == 3 ? 4 : count) * element.size
        return ValueLayout(size: size, alignment: min(size, 16), hasExtraInhabitants: false)
    }

    private func declaredLayout(_ decl: TypeDeclaration, _ args: [TypeExpression]) -> ValueLayout? {
        let p = target.pointerSize
        switch decl.kind {
        case .class, .protocol:
            return ValueLayout(size: p, alignment: p, hasExtraInhabitants: true)
        case .struct:
            let fields = decl.storedProperties.map { TypeExpressionParser.parse($0.type).substituting(decl.genericParameters, with: args) }
            return aggregate(fields)
        case .enum:
            // Any `indirect enum` is one pointer: its cases live in boxes and the tag fits
            // in the pointer's spare bits (SILFacts §5.4).
            if decl.isIndirect && decl.cases.contains(where: { $0.payload != nil }) {
                return ValueLayout(size: p, alignment: p, hasExtraInhabitants: true)
            }
            var payloads: [ValueLayout] = []
            var emptyCases = 0
            for c in decl.cases {
                guard let payload = c.payload else { emptyCases += 1; continue }
                if c.isIndirect || decl.isIndirect {
                    payloads.append(ValueLayout(size: p, alignment: p, hasExtraInhabitants: true))
                    continue
                }
                guard let l = layout(of: TypeExpressionParser.parse(payload).substituting(decl.genericParameters, with: args)) else { return nil }
                payloads.append(l)
            }
            if payloads.isEmpty {
                let size = emptyCases <= 1 ? 0 : emptyCases <= 256 ? 1 : emptyCases <= 65536 ? 2 : 4
                return ValueLayout(size: size, alignment: 1, hasExtraInhabitants: emptyCases < 256 && size > 0)
            }
            let maxSize = payloads.map(\.size).max()!
            let alignment = payloads.map(\.alignment).max()!
            if payloads.count == 1, payloads[0].hasExtraInhabitants {
                // Single payload with spare patterns: the empty cases fit in them (upper bound when many).
                return ValueLayout(size: maxSize + (emptyCases > 4096 ? 1 : 0), alignment: alignment, hasExtraInhabitants: true)
            }
            // Otherwise a tag byte is appended: a safe upper bound for up to 256 cases (SILFacts §5.4).
            let tag = decl.cases.count <= 256 ? 1 : 4
            return ValueLayout(size: maxSize + tag, alignment: alignment, hasExtraInhabitants: false)
        }
    }

    // MARK: Heap objects

    /// Why a class has no layout, in the words of its source: the first stored property (of the
    /// class or a superclass declared here) whose type has none, or nil when every one has.
    public func missingLayout(ofClass type: TypeExpression) -> String? {
        guard case .named(let name, let args) = type, var decl = declarations[name], decl.kind == .class else { return nil }
        var arguments = args
        for _ in 0..<64 {
            for field in decl.storedProperties {
                let fieldType = TypeExpressionParser.parse(field.type).substituting(decl.genericParameters, with: arguments)
                if layout(of: fieldType) == nil {
                    return "its stored property `\(field.name): \(field.type)` has a type whose layout maxlive does not know"
                }
            }
            guard let superName = decl.inherited.first else { return nil }
            let superType = TypeExpressionParser.parse(superName)
            guard let sup = declarations[superType.baseName], sup.kind == .class else {
                let base = superType.baseName
                return base == "ManagedBuffer" || base == "Swift.ManagedBuffer" || Self.isStandardProtocol(base) ? nil
                    : "its superclass `\(superName)` is not declared in this module"
            }
            decl = sup
            arguments = superType.genericArguments
        }
        return nil
    }

    /// The instance size of a class (header + stored properties of the class chain), unrounded.
    public func instanceSize(ofClass type: TypeExpression) -> (size: Int, alignment: Int)? {
        guard case .named(let name, let args) = type else { return nil }
        let p = target.pointerSize
        switch name {
        case "_ContiguousArrayStorage", "__ContiguousArrayStorageBase", "__EmptyArrayStorage", "__StringStorage",
             "__SharedStringStorage":
            return (2 * p + 2 * p, p) // HeapObject + count + capacityAndFlags
        case "_DictionaryStorage", "__RawDictionaryStorage", "__EmptyDictionarySingleton":
            // _count, _capacity: Int; _scale, _reservedScale: Int8; _extra: Int16; _age: Int32;
            // _seed: Int; _rawKeys, _rawValues: pointers. 64 B on 64-bit, 36 B on 32-bit (IR).
            return (target.heapHeader + 2 * p + 8 + 3 * p, p)
        case "_SetStorage", "__RawSetStorage", "__EmptySetSingleton":
            // The same without _rawValues: 56 B on 64-bit, 32 B on 32-bit (IR).
            return (target.heapHeader + 2 * p + 8 + 2 * p, p)
        default: break
        }
        if name == "ManagedBuffer" || name == "Swift.ManagedBuffer" {
            return managedBufferInstance(args)
        }
        guard let decl = declarations[name], decl.kind == .class else { return nil }
        var chain: [(TypeDeclaration, [TypeExpression])] = [(decl, args)]
        var current = decl
        var base: (size: Int, alignment: Int)? = nil
        while let superName = current.inherited.first, chain.count < 64 {
            let superType = TypeExpressionParser.parse(superName)
            if let sup = declarations[superType.baseName] {
                guard sup.kind == .class else { break }      // the first inherited name is a protocol
                chain.append((sup, superType.genericArguments))
                current = sup
                continue
            }
            // Not declared in this module: the stdlib's ManagedBuffer, a protocol, or a class we
            // cannot see (whose fields would be missing: no layout rather than too small).
            if superType.baseName == "ManagedBuffer" || superType.baseName == "Swift.ManagedBuffer" {
                guard let b = managedBufferInstance(superType.genericArguments) else { return nil }
                base = b
            } else if !Self.isStandardProtocol(superType.baseName) {
                return nil
            }
            break
        }
        var offset = base?.size ?? target.heapHeader
        var alignment = max(p, base?.alignment ?? p)
        for (d, a) in chain.reversed() {
            for field in d.storedProperties {
                guard let l = layout(of: TypeExpressionParser.parse(field.type).substituting(d.genericParameters, with: a)) else { return nil }
                offset = alignUp(offset, l.alignment) + l.size
                alignment = max(alignment, l.alignment)
            }
        }
        return (offset, alignment)
    }

    /// `ManagedBuffer<Header, Element>`: the object header, then its one stored property,
    /// `header: Header`, at Header's alignment (the elements are tail-allocated after it).
    private func managedBufferInstance(_ args: [TypeExpression]) -> (size: Int, alignment: Int)? {
        guard let headerType = args.first, let h = layout(of: headerType) else { return nil }
        return (alignUp(target.heapHeader, h.alignment) + h.size, max(target.pointerSize, h.alignment))
    }

    /// Protocols of the standard library a class may list first among what it inherits.
    static func isStandardProtocol(_ name: String) -> Bool {
        let bare = name.hasPrefix("Swift.") ? String(name.dropFirst(6)) : name
        return name.hasPrefix("@") || standardProtocols.contains(bare)
    }
    private static let standardProtocols: Set<String> = [
        "AnyObject", "Sendable", "Equatable", "Hashable", "Comparable", "Identifiable", "Error",
        "CustomStringConvertible", "CustomDebugStringConvertible", "Sequence", "IteratorProtocol",
        "Collection", "BidirectionalCollection", "RandomAccessCollection", "MutableCollection",
        "RangeReplaceableCollection", "ExpressibleByIntegerLiteral", "ExpressibleByStringLiteral",
        "ExpressibleByArrayLiteral", "ExpressibleByDictionaryLiteral", "ExpressibleByNilLiteral",
        "ExpressibleByBooleanLiteral", "ExpressibleByFloatLiteral", "TextOutputStream",
        "TextOutputStreamable", "RawRepresentable", "CaseIterable", "Codable", "Encodable",
        "Decodable", "BitwiseCopyable", "Copyable", "Escapable", "SendableMetatype",
    ]

    /// `alloc_box ${ var T }`: header aligned to T, then T.
    public func boxSize(fields: [TypeExpression]) -> Int? {
        guard let payload = aggregate(fields) else { return nil }
        return alignUp(target.heapHeader, payload.alignment) + payload.size
    }

    /// A `partial_apply` context holding `captures` (SILFacts §5.5).
    public func closureContextSize(captures: [TypeExpression]) -> Int? {
        if captures.count == 1, isNativeReference(captures[0]) { return 0 }
        var offset = target.heapHeader
        for c in captures {
            guard let l = layout(of: c) else { return nil }
            offset = alignUp(offset, l.alignment) + l.size
        }
        return offset
    }

    /// Size of an object with tail-allocated elements: instance, then each element array.
    public func tailAllocatedSize(instance: Int, elements: [(type: TypeExpression, count: Int)]) -> Int? {
        var size = instance
        for e in elements {
            guard let l = layout(of: e.type) else { return nil }
            // A count too large for any memory (a depth-multiplied argument) has no size.
            let (bytes, overflow) = e.count.multipliedReportingOverflow(by: l.stride)
            guard !overflow, bytes < Int.max / 4, size < Int.max / 4 else { return nil }
            size = alignUp(size, l.alignment) + bytes
        }
        return size
    }

    /// A class instance or a box: a single such capture is the context itself.
    public func isNativeReference(_ t: TypeExpression) -> Bool {
        switch t {
        case .box: return true
        case .named(let name, _):
            if ["_ContiguousArrayStorage", "__StringStorage", "_DictionaryStorage", "_SetStorage", "Builtin.NativeObject"].contains(name) { return true }
            return declarations[name]?.kind == .class
        default: return false
        }
    }
}

extension TypeExpression {
    public var baseName: String {
        if case .named(let n, _) = self { return n }
        return description
    }
    public var genericArguments: [TypeExpression] {
        if case .named(_, let a) = self { return a }
        return []
    }
}
