// Type declarations of a generated program: classes (final, hierarchies, with deinits),
// structs, payload enums, typed errors, ManagedBuffer subclasses and class protocols, with
// stored fields of many layout kinds.

struct Field {
    let name: String
    let type: String
    let initial: String
}

final class ClassSpec {
    let name: String
    var fields: [Field] = []
    var isFinal = true
    var base: ClassSpec?
    /// A `link: Other?` field to a class declared earlier (no cycles).
    var link: ClassSpec?
    /// A `next: Self?` field (chains).
    var hasNext = false
    var hasDeinit = false
    /// The hierarchy root whose `step(_:)` this class overrides or declares.
    var hierarchyRoot: ClassSpec?
    var subclasses: [ClassSpec] = []
    /// Bytes of an `InlineArray<_, Int>` field that makes the object large (stack budget).
    var bigElements = 0

    init(name: String) { self.name = name }
}

struct StructSpec {
    let name: String
    var fields: [Field]
    /// Name of an Int32 field every struct has, for reads and writes.
    let intField = "a"
}

struct EnumSpec {
    let name: String
    /// The case taking a class reference, if any, and its class.
    var objectCase: ClassSpec?
    var hasIndirect: Bool
}

struct BufferSpec {
    let name: String   // the ManagedBuffer subclass
    let header: String // header struct
    let element: String
}

struct ProtocolSpec {
    let name: String
    var conformers: [ClassSpec] = []
}

struct ErrorSpec {
    let name: String
    let isEnum: Bool
    let payload: ClassSpec?
}

extension ProgramGenerator {
    /// A stored field of a random layout kind.
    func randomField(_ name: String, allowRefs: Bool) -> Field {
        // Kinds maxlive lays out, and (rarely) kinds it does not lay out yet (UInt128, SIMD,
        // hashed collections): those only make an entry unbounded.
        var kinds: [(String, String)] = [
            ("Int8", "1"), ("Int16", "2"), ("Int32", "3"), ("Int64", "4"), ("UInt8", "5"),
            ("UInt16", "6"), ("UInt32", "7"), ("Int", "8"), ("Bool", "false"), ("Double", "1.5"),
            ("Float", "0.25"), ("(Float, Float)", "(0, 1)"), ("(Float, Float, Float)", "(0, 1, 2)"),
            ("(Int8, Int64)", "(1, 2)"), ("(Bool, Int16, Double)", "(true, 3, 0.5)"),
            ("Int?", "nil"), ("Int32?", "nil"), ("Double?", "nil"), ("Bool?", "nil"), ("UInt8?", "nil"),
            ("[Int]", "[]"), ("UnsafeMutableRawPointer?", "nil"), ("StaticString", "\"\""),
            ("(() -> Int)?", "nil"), ("(Int8, Int8?)", "(0, nil)"),
        ]
        // A released String may run __StringStorage's deinit, which maxlive does not bound.
        if rng.chance(0.04) { kinds = [("String", "\"\"")] }
        if rng.chance(0.06) {
            kinds = [("UInt128", "9"), ("Int128", "-3"), ("SIMD4<Float>", ".zero"), ("SIMD2<Double>", ".zero"),
                     ("SIMD8<UInt8>", ".zero"), ("SIMD3<Float>", ".zero"), ("Set<Int>", "[]"), ("[Int: Int]", "[:]")]
        }
        let k = rng.pick(kinds)
        return Field(name: name, type: k.0, initial: k.1)
    }

    func makeStruct() -> StructSpec {
        let name = fresh("S")
        var fields = [Field(name: "a", type: "Int32", initial: "0")]
        for _ in 0..<rng.int(0...3) {
            fields.append(randomField(fresh("s"), allowRefs: rng.chance(0.3)))
        }
        let s = StructSpec(name: name, fields: fields)
        var lines: [Node] = fields.map { .l("var \($0.name): \($0.type) = \($0.initial)") }
        lines[0] = .fixed("var a: Int32 = 0")
        types.append(TopItem(kind: .decl, node: .b("struct \(name) {", lines)))
        structs.append(s)
        return s
    }

    func makeEnum() -> EnumSpec {
        let name = fresh("En")
        let obj = classes.isEmpty || rng.chance(0.3) ? nil : rng.pick(classes.filter { !$0.hasDeinit } + classes)
        let indirect = rng.chance(0.4)
        var cases: [Node] = [.fixed("case none"), .fixed("case a(Int32)"), .l("case b(Double, Int8)")]
        var tags: [Node] = [.fixed("case .none: return 0"), .fixed("case .a(let x): return Int(x)"),
                            .fixed("case .b(let d, _): return Int(d)")]
        if let o = obj {
            cases.append(.fixed("case c(\(o.name))"))
            tags.append(.fixed("case .c(let o): return o.v"))
        }
        if indirect {
            cases.append(.fixed("indirect case w(\(name))"))
            tags.append(.fixed("case .w(let inner): return inner.tag &+ 1"))
        }
        if rng.chance(0.3) {
            cases.append(.fixed("case big(SIMD4<Double>, UInt128)"))
            tags.append(.fixed("case .big(_, let u): return Int(truncatingIfNeeded: u)"))
        }
        let tag = Node.b("var tag: Int {", [.b("switch self {", tags)])
        types.append(TopItem(kind: .decl, node: .b("enum \(name) {", cases + [tag])))
        let e = EnumSpec(name: name, objectCase: obj, hasIndirect: indirect)
        enums.append(e)
        return e
    }

    /// A class with `var v: Int` (roots only) and random fields; optionally large, linked,
    /// chained, with a deinit.
    func makeClass(base: ClassSpec? = nil, isFinal: Bool = true, bigElements: Int = 0,
                   deinitAllowed: Bool = true) -> ClassSpec {
        let c = ClassSpec(name: fresh(base == nil ? "C" : "D"))
        c.isFinal = isFinal
        c.base = base
        c.hierarchyRoot = base?.hierarchyRoot ?? base
        var body: [Node] = []
        if base == nil { body.append(.fixed("var v: Int = 0")) }
        if bigElements > 0 {
            c.bigElements = bigElements
            body.append(.fixed("var big: InlineArray<\(bigElements), Int> = InlineArray(repeating: 0)"))
        }
        for _ in 0..<rng.int(0...3) {
            let f = randomField(fresh("f"), allowRefs: true)
            c.fields.append(f)
            body.append(.l("var \(f.name): \(f.type) = \(f.initial)"))
        }
        if base == nil && !classes.isEmpty && rng.chance(0.35) {
            let target = rng.pick(classes)
            c.link = target
            body.append(.fixed("var link: \(target.name)? = nil"))
        }
        if base == nil && rng.chance(0.3) {
            c.hasNext = true
            body.append(.fixed("var next: \(c.name)? = nil"))
        }
        if deinitAllowed && rng.chance(0.2) {
            c.hasDeinit = true
            body.append(.b("deinit {", deinitBody()))
        }
        let keyword = (isFinal ? "final class " : "class ") + c.name + (base.map { ": " + $0.name } ?? "")
        let item = TopItem(kind: .decl, node: .b(keyword + " {", body))
        types.append(item)
        classes.append(c)
        base?.subclasses.append(c)
        return c
    }

    /// What a deinit does: count, allocate a temporary, or keep a new object in a global.
    private func deinitBody() -> [Node] {
        let plain = classes.filter { !$0.hasDeinit && $0.base == nil && $0.bigElements == 0 }
        switch rng.weighted([6, 2, 2, 1]) {
        case 0, 1 where plain.isEmpty:
            return [.l("gSink &+= 1")]
        case 1:
            let t = rng.pick(plain)
            return [.l("let t = \(t.name)()"), .l("t.v = v"), .l("gSink &+= t.v")]
        case 2 where !plain.isEmpty:
            let t = rng.pick(plain)
            let g = global("gDeinit\(t.name)", "\(t.name)?", "nil", order: 1)
            return [.l("\(g) = \(t.name)()")]
        default:
            let g = global("gDeinitStr", "String", "\"\"", order: 1)
            return [.l("\(g) = \"freed \\(v) of a deinit string\"")]
        }
    }

    /// A hierarchy: a root with `step(_:)`, one to three subclasses overriding it.
    func makeHierarchy() -> ClassSpec {
        let root = makeClass(isFinal: false, deinitAllowed: true)
        addStep(root, override: false)
        var parents = [root]
        for _ in 0..<rng.int(1...2) {
            let parent = rng.pick(parents)
            let leafClass = rng.chance(0.5)
            let sub = makeClass(base: parent, isFinal: leafClass, deinitAllowed: false)
            if rng.chance(0.8) { addStep(sub, override: true) }
            if !leafClass { parents.append(sub) }
        }
        hierarchies.append(root)
        return root
    }

    private func addStep(_ c: ClassSpec, override: Bool) {
        var scope = Scope(leaf: true)
        let body = functionBody(&scope, statements: rng.int(1...2))
        let header = (override ? "override " : "") + "func step(_ n: Int) -> Int {"
        appendMember(of: c, .b(header, body))
    }

    /// Appends a member to the class's declaration block.
    func appendMember(of c: ClassSpec, _ member: Node) {
        guard let i = declIndex(c), case .block(let h, let children, let f) = types[i].node else { return }
        types[i].node = .block(header: h, children: children + [member], footer: f)
    }

    private func declIndex(_ c: ClassSpec) -> Int? {
        types.lastIndex(where: {
            if case .block(let h, _, _) = $0.node { return h.contains("class \(c.name) ") || h.contains("class \(c.name):") }
            return false
        })
    }

    /// Makes the class public (an entry returns it).
    func makePublic(_ c: ClassSpec) {
        guard let i = declIndex(c), case .block(let h, let children, let f) = types[i].node, !h.hasPrefix("public") else { return }
        types[i].node = .block(header: "public " + h, children: children, footer: f)
    }

    func makeProtocol() -> ProtocolSpec {
        var p = ProtocolSpec(name: fresh("P"))
        types.append(TopItem(kind: .decl, node: .b("protocol \(p.name): AnyObject {", [.fixed("func work(_ n: Int) -> Int")])))
        let candidates = classes.filter { $0.isFinal && $0.base == nil }
        var conformers: [ClassSpec] = []
        for _ in 0..<rng.int(1...2) {
            let c = candidates.isEmpty || rng.chance(0.4) ? makeClass() : rng.pick(candidates)
            if conformers.contains(where: { $0 === c }) { continue }
            conformers.append(c)
            var scope = Scope(leaf: true)
            let body = functionBody(&scope, statements: rng.int(1...2))
            types.append(TopItem(kind: .decl, node: .b("extension \(c.name): \(p.name) {", [.b("func work(_ n: Int) -> Int {", body)])))
        }
        p.conformers = conformers
        protocols.append(p)
        return p
    }

    func makeError() -> ErrorSpec {
        if rng.chance(0.6) {
            let name = fresh("Fault")
            var body: [Node] = [.fixed("var code: Int = 0")]
            for _ in 0..<rng.int(0...2) {
                let f = randomField(fresh("e"), allowRefs: false)
                body.append(.l("var \(f.name): \(f.type) = \(f.initial)"))
            }
            types.append(TopItem(kind: .decl, node: .b("final class \(name): Error {", body)))
            let e = ErrorSpec(name: name, isEnum: false, payload: nil)
            errors.append(e)
            return e
        }
        let name = fresh("Fail")
        let payload = plainClass()
        types.append(TopItem(kind: .decl, node: .b("enum \(name): Error {", [
            .fixed("case code(Int)"), .fixed("case obj(\(payload.name))"), .l("case wide(SIMD2<Double>, Int8)"),
        ])))
        let e = ErrorSpec(name: name, isEnum: true, payload: payload)
        errors.append(e)
        return e
    }

    func makeBuffer() -> BufferSpec {
        let hdr = fresh("Hdr")
        var fields: [Node] = [.fixed("var count: Int = 0")]
        for _ in 0..<rng.int(0...2) {
            let f = randomField(fresh("h"), allowRefs: false)
            fields.append(.l("var \(f.name): \(f.type) = \(f.initial)"))
        }
        types.append(TopItem(kind: .decl, node: .b("struct \(hdr) {", fields)))
        let element = rng.pick(["Int", "UInt8", "Int32", "Double", "(Int, Int8)", "SIMD4<Float>", "UInt128", "Int16"])
        let name = fresh("Buf")
        types.append(TopItem(kind: .decl, node: .fixed("final class \(name): ManagedBuffer<\(hdr), \(element)> {}")))
        let b = BufferSpec(name: name, header: hdr, element: element)
        buffers.append(b)
        return b
    }

    /// A root final class without deinit or big field (safe anywhere, even in deinits).
    func plainClass() -> ClassSpec {
        let plain = classes.filter { !$0.hasDeinit && $0.base == nil && $0.isFinal && $0.bigElements == 0 }
        if !plain.isEmpty && rng.chance(0.7) { return rng.pick(plain) }
        return makeClass(deinitAllowed: false)
    }

    /// A root final class of any kind.
    func anyClass() -> ClassSpec {
        let roots = classes.filter { $0.base == nil && $0.isFinal }
        if !roots.isEmpty && rng.chance(0.75) { return rng.pick(roots) }
        return makeClass()
    }

    /// A class whose instances are about `bytes` large (an InlineArray<_, Int> field).
    func bigClass(near bytes: Int) -> ClassSpec {
        if let c = classes.first(where: { $0.bigElements > 0 && abs($0.bigElements * 8 - bytes) < 64 }), rng.chance(0.5) {
            return c
        }
        return makeClass(bigElements: max(1, (bytes - 24) / 8), deinitAllowed: false)
    }
}
