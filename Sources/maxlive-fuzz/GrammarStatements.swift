// Statements of generated function bodies. Every body has `n: Int` (the input, never larger
// than the driver's inputs) and `var acc: Int` (values read back, so nothing is dead).

enum StatementKind: CaseIterable {
    case newObject, linkObject, keepGlobal, releaseGlobal, boundedLoop, constLoop, dynamicLoopDies
    case arrayGrow, arrayMake, dictGrow, stringBuild, closure, throwing, recursion, mutualRecursion
    case virtualCall, protocolCall, managedBuffer, stackTemps, returnedObject, overload, enumPayload
    case deinitChain, unmanaged, helperCall, optionalLocal, branch, structLocal, tupleObjects
    case genericBox, noncopyable, temporaryAllocation, arrayOps, lazyGlobal, unmanagedGlobal, objectHandler
    case lazyProperty, deferBlock, localFunction, switchEnum

    var weight: Int {
        switch self {
        case .newObject: return 10
        case .linkObject, .keepGlobal: return 6
        case .releaseGlobal: return 2
        case .boundedLoop: return 8
        case .constLoop, .dynamicLoopDies: return 2
        case .arrayGrow, .arrayMake, .dictGrow, .stringBuild: return 4
        case .closure: return 6
        case .throwing: return 5
        case .recursion, .mutualRecursion: return 3
        case .virtualCall, .protocolCall: return 4
        case .managedBuffer: return 4
        case .stackTemps: return 4
        case .returnedObject, .overload: return 3
        case .enumPayload: return 3
        case .deinitChain, .unmanaged: return 2
        case .helperCall: return 4
        case .optionalLocal, .branch, .structLocal, .tupleObjects: return 2
        case .genericBox, .arrayOps: return 4
        case .noncopyable, .temporaryAllocation, .objectHandler, .switchEnum: return 3
        case .lazyGlobal, .unmanagedGlobal, .lazyProperty, .deferBlock, .localFunction: return 2
        }
    }

    /// Allowed in bodies that must not call generated functions.
    var isLeaf: Bool {
        switch self {
        case .recursion, .mutualRecursion, .virtualCall, .protocolCall, .helperCall, .overload,
             .returnedObject, .throwing:
            return false
        default:
            return true
        }
    }

    /// Opens a nested block.
    var nests: Bool { self == .boundedLoop || self == .constLoop || self == .branch || self == .dynamicLoopDies }

    /// Declares something that only makes sense once per function body.
    var topLevelOnly: Bool { self == .deferBlock || self == .localFunction }
}

extension ProgramGenerator {
    func statement(_ s: inout Scope) -> [Node] {
        let kinds = StatementKind.allCases.filter { k in
            if s.leaf && !k.isLeaf { return false }
            if k.nests && s.depth >= (s.leaf ? 1 : 2) { return false }
            if k == .dynamicLoopDies && s.loopDepth > 0 { return false }
            if k.topLevelOnly && s.depth > 0 { return false }
            if k == .arrayOps && s.depth >= 2 { return false }
            if (k == .helperCall) && s.helperDepth >= 2 { return false }
            return true
        }
        let k = kinds[rng.weighted(kinds.map(\.weight))]
        switch k {
        case .newObject: return newObject(&s)
        case .linkObject: return linkObject(&s)
        case .keepGlobal: return keepGlobal(&s)
        case .releaseGlobal: return releaseGlobal(&s)
        case .boundedLoop: return boundedLoop(&s)
        case .constLoop: return constLoop(&s)
        case .dynamicLoopDies: return dynamicLoopDies(&s)
        case .arrayGrow: return arrayGrow(&s)
        case .arrayMake: return arrayMake(&s)
        case .dictGrow: return dictGrow(&s)
        case .stringBuild: return stringBuild(&s)
        case .closure: return closure(&s)
        case .throwing: return throwing(&s)
        case .recursion: return recursion(&s)
        case .mutualRecursion: return mutualRecursion(&s)
        case .virtualCall: return virtualCall(&s)
        case .protocolCall: return protocolCall(&s)
        case .managedBuffer: return managedBuffer(&s)
        case .stackTemps: return stackTemps(&s)
        case .returnedObject: return returnedObject(&s)
        case .overload: return overload(&s)
        case .enumPayload: return enumPayload(&s)
        case .deinitChain: return deinitChain(&s)
        case .unmanaged: return unmanaged(&s)
        case .helperCall: return helperCall(&s)
        case .optionalLocal: return optionalLocal(&s)
        case .branch: return branch(&s)
        case .structLocal: return structLocal(&s)
        case .tupleObjects: return tupleObjects(&s)
        case .genericBox: return genericBox(&s)
        case .noncopyable: return noncopyable(&s)
        case .temporaryAllocation: return temporaryAllocation(&s)
        case .arrayOps: return arrayOps(&s)
        case .lazyGlobal: return lazyGlobal(&s)
        case .unmanagedGlobal: return unmanagedGlobal(&s)
        case .objectHandler: return objectHandler(&s)
        case .lazyProperty: return lazyProperty(&s)
        case .deferBlock: return deferBlock(&s)
        case .localFunction: return localFunction(&s)
        case .switchEnum: return switchEnum(&s)
        }
    }

    // MARK: Small pieces

    /// An Int in scope (the input or a loop index), never `acc` (it can be large).
    func smallInt(_ s: Scope) -> String { rng.pick(s.ints) }

    /// A local object in scope, or a new one declared now (its lines go to `pre`).
    func object(_ s: inout Scope, _ pre: inout [Node], of cls: ClassSpec? = nil) -> (String, ClassSpec) {
        let candidates = s.objects.filter { cls == nil || $0.cls === cls! }
        if !candidates.isEmpty && rng.chance(0.6) { return rng.pick(candidates) }
        let c = cls ?? anyClass()
        let name = fresh("o")
        pre.append(.l("let \(name) = \(c.name)()"))
        s.objects.append((name, c))
        return (name, c)
    }

    func markerBound() -> Int {
        let k = rng.pick([1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 32])
        bounds.insert(k)
        return k
    }

    // MARK: Objects and globals

    func newObject(_ s: inout Scope) -> [Node] {
        let c = rng.chance(0.15) && !hierarchies.isEmpty ? rng.pick(hierarchies) : anyClass()
        let name = fresh("o")
        var out: [Node] = [.l("let \(name) = \(c.name)()")]
        if rng.chance(0.6) { out.append(.l("\(name).v = \(smallInt(s)) &+ \(rng.int(1...9))")) }
        out.append(.l("acc &+= \(name).v"))
        s.objects.append((name, c))
        return out
    }

    func linkObject(_ s: inout Scope) -> [Node] {
        var pre: [Node] = []
        let linked = s.objects.filter { $0.cls.link != nil || $0.cls.hasNext }
        let (o, c): (String, ClassSpec)
        if let pick = linked.isEmpty ? nil : rng.pick(linked) {
            (o, c) = pick
        } else {
            let cands = classes.filter { ($0.link != nil || $0.hasNext) && $0.base == nil }
            guard !cands.isEmpty else { return newObject(&s) }
            (o, c) = object(&s, &pre, of: rng.pick(cands))
        }
        if let l = c.link, !c.hasNext || rng.chance(0.5) {
            return pre + [.l("\(o).link = \(l.name)()"), .l("acc &+= \(o).link?.v ?? 0")]
        }
        return pre + [.l("\(o).next = \(c.name)()"), .l("\(o).next?.next = \(c.name)()"), .l("acc &+= \(o).next?.v ?? 0")]
    }

    func keepGlobal(_ s: inout Scope) -> [Node] {
        var pre: [Node] = []
        if rng.chance(0.3) {
            let c = anyClass()
            return [.l("\(slot(c)) = \(c.name)()")]
        }
        let (o, c) = object(&s, &pre)
        if rng.chance(0.5) { return pre + [.l("\(slot(c)) = \(o)")] }
        return pre + [.l("\(list(c)).append(\(o))")]
    }

    func releaseGlobal(_ s: inout Scope) -> [Node] {
        let c = anyClass()
        if rng.chance(0.5) { return [.l("\(slot(c)) = nil")] }
        return [.l("\(list(c)).removeAll(keepingCapacity: \(rng.chance(0.5)))")]
    }

    func optionalLocal(_ s: inout Scope) -> [Node] {
        let c = anyClass()
        let o = fresh("opt")
        return [.l("var \(o): \(c.name)? = nil"),
                .b("if \(smallInt(s)) > \(rng.int(0...4)) {", [.l("\(o) = \(c.name)()")]),
                .l("acc &+= \(o)?.v ?? 0")]
    }

    func tupleObjects(_ s: inout Scope) -> [Node] {
        let a = anyClass(), b = anyClass()
        let t = fresh("t")
        return [.l("let \(t) = (\(a.name)(), \(b.name)(), \(smallInt(s)))"), .l("acc &+= \(t).0.v &+ \(t).1.v &+ \(t).2")]
    }

    func structLocal(_ s: inout Scope) -> [Node] {
        let st = structs.isEmpty || rng.chance(0.3) ? makeStruct() : rng.pick(structs)
        let v = fresh("st")
        var out: [Node] = [.l("var \(v) = \(st.name)()"), .l("\(v).a = Int32(truncatingIfNeeded: \(smallInt(s)))")]
        if rng.chance(0.3) {
            let g = global("g\(st.name)", "\(st.name)?", "nil")
            out.append(.l("\(g) = \(v)"))
        }
        out.append(.l("acc &+= Int(\(v).a)"))
        return out
    }

    func enumPayload(_ s: inout Scope) -> [Node] {
        let e = enums.isEmpty || rng.chance(0.3) ? makeEnum() : rng.pick(enums)
        let v = fresh("en")
        var choices = [".a(Int32(truncatingIfNeeded: \(smallInt(s))))", ".b(1.5, 2)"]
        if let c = e.objectCase { choices.append(".c(\(c.name)())") }
        if e.hasIndirect { choices.append(".w(.a(3))"); choices.append(".w(.w(.none))") }
        let a = rng.pick(choices), b = rng.pick(choices)
        var out: [Node] = [.l("let \(v): \(e.name) = \(smallInt(s)) > \(rng.int(0...4)) ? \(a) : \(b)"), .l("acc &+= \(v).tag")]
        if rng.chance(0.35) {
            out.append(.l("\(global("g\(e.name)", e.name, ".none")) = \(v)"))
        }
        return out
    }

    func deinitChain(_ s: inout Scope) -> [Node] {
        let chained = classes.filter { $0.hasNext }
        let c = chained.isEmpty ? makeChainClass() : rng.pick(chained)
        let h = fresh("head")
        var out: [Node] = [.l("let \(h) = \(c.name)()")]
        for _ in 0..<rng.int(1...3) {
            out.append(.l("\(h).next = \(c.name)()"))
            out.append(.l("\(h).next?.next = \(c.name)()"))
        }
        out.append(.l("acc &+= \(h).next?.v ?? 0"))
        if rng.chance(0.4) { out.append(.l("\(slot(c)) = \(h)")) }
        return out
    }

    private func makeChainClass() -> ClassSpec {
        let c = ClassSpec(name: fresh("N"))
        c.hasNext = true
        var body: [Node] = [.fixed("var v: Int = 0"), .fixed("var next: \(c.name)? = nil")]
        let f = randomField(fresh("f"), allowRefs: false)
        body.append(.l("var \(f.name): \(f.type) = \(f.initial)"))
        if rng.chance(0.6) {
            c.hasDeinit = true
            let plain = classes.filter { !$0.hasDeinit && $0.base == nil && $0.bigElements == 0 }
            if let t = plain.isEmpty ? nil : rng.pick(plain) {
                body.append(.b("deinit {", [.l("let t = \(t.name)()"), .l("t.v = v"), .l("gSink &+= t.v")]))
            } else {
                body.append(.b("deinit {", [.l("gSink &+= 1")]))
            }
        }
        types.append(TopItem(kind: .decl, node: .b("final class \(c.name) {", body)))
        classes.append(c)
        return c
    }

    func unmanaged(_ s: inout Scope) -> [Node] {
        let c = plainClass()
        let u = fresh("um")
        return [.l("let \(u) = Unmanaged.passRetained(\(c.name)())"),
                .l("\(u).takeUnretainedValue().v = \(smallInt(s))"),
                .l("acc &+= \(u).takeUnretainedValue().v"),
                .l("\(u).release()")]
    }

    // MARK: Loops and branches

    func boundedLoop(_ s: inout Scope) -> [Node] {
        let k = markerBound()
        let i = fresh("i")
        let body = block(&s, count: rng.int(1...2), loopIndex: i, isLoop: true)
        let limit = rng.chance(0.8) ? "min(n, \(k))" : "min(n &+ 1, \(k))"
        if rng.chance(0.7) {
            return [.b("for \(i) in 0..<\(limit) {", [.l("maxliveLoopBound(\(k))")] + body)]
        }
        return [.l("var \(i) = 0"),
                .b("while \(i) < \(limit) {", [.l("maxliveLoopBound(\(k))"), .fixed("\(i) += 1")] + body)]
    }

    func constLoop(_ s: inout Scope) -> [Node] {
        let i = fresh("c")
        let trips = rng.int(2...7)
        let body = block(&s, count: rng.int(1...2), loopIndex: i, isLoop: true)
        return [.b("for \(i) in 0..<\(trips) {", body)]
    }

    func dynamicLoopDies(_ s: inout Scope) -> [Node] {
        let c = plainClass()
        let i = fresh("d")
        let t = fresh("t")
        return [.b("for \(i) in 0..<n {", [.l("let \(t) = \(c.name)()"), .l("\(t).v = \(i)"), .l("acc &+= \(t).v")])]
    }

    func branch(_ s: inout Scope) -> [Node] {
        let yes = block(&s, count: rng.int(1...2))
        let no = block(&s, count: rng.int(0...2))
        let cond = "\(smallInt(s)) \(rng.pick([">", "<", "==", "!="])) \(rng.int(0...5))"
        if no.isEmpty { return [.b("if \(cond) {", yes)] }
        return [.b("if \(cond) {", yes, "} else {"), .b("", no)].compactMap { $0 }.flattenElse()
    }

    // MARK: Collections and strings

    func arrayGrow(_ s: inout Scope) -> [Node] {
        let k = markerBound()
        let i = fresh("i")
        // Sometimes several arrays grow in the same loop, each with its own element type: every
        // empty array starts from the same static storage, yet each grows on its own.
        if rng.chance(0.3) {
            var arrays: [(name: String, type: String, elem: String)] = []
            for _ in 0..<rng.int(2...3) {
                let (type, elem) = arrayElement(i)
                arrays.append((fresh("arr"), type, elem))
            }
            var out: [Node] = arrays.map { .l("var \($0.name): [\($0.type)] = []") }
            var body: [Node] = [.l("maxliveLoopBound(\(k))")]
            for a in arrays {
                for _ in 0..<rng.int(1...2) { body.append(.l("\(a.name).append(\(a.elem))")) }
            }
            out.append(.b("for \(i) in 0..<min(n, \(k)) {", body))
            for a in arrays { out.append(.l("acc &+= \(a.name).count")) }
            return out
        }
        let a = fresh("arr")
        let (type, elem) = arrayElement(i)
        var out: [Node] = [.l("var \(a): [\(type)] = []")]
        if rng.chance(0.25) { out.append(.l("\(a).reserveCapacity(\(rng.int(1...12)))")) }
        out.append(.b("for \(i) in 0..<min(n, \(k)) {", [.l("maxliveLoopBound(\(k))"), .l("\(a).append(\(elem))")]))
        out.append(.l("acc &+= \(a).count"))
        if rng.chance(0.3) {
            out.append(.l("\(global("g\(a)", "[\(type)]", "[]")) = \(a)"))
        }
        return out
    }

    /// An element type for a growing array and the expression that makes one from `i`.
    private func arrayElement(_ i: String) -> (type: String, elem: String) {
        let (type, elem): (String, String)
        switch rng.int(0...6) {
        case 0: (type, elem) = ("Int", i)
        case 1: (type, elem) = ("Int8", "Int8(truncatingIfNeeded: \(i))")
        case 2: (type, elem) = ("Double", "Double(\(i))")
        case 3: (type, elem) = ("(Int, Int)", "(\(i), n)")
        case 4:
            let c = plainClass()
            (type, elem) = (c.name, "\(c.name)()")
        case 5:
            let st = structs.isEmpty ? makeStruct() : rng.pick(structs)
            (type, elem) = (st.name, "\(st.name)()")
        default: (type, elem) = ("String", "\"item \\(\(i))\"")
        }
        return (type, elem)
    }

    func arrayMake(_ s: inout Scope) -> [Node] {
        let a = fresh("arr")
        let c = plainClass()
        let k = markerBound()
        let expr = rng.pick([
            "[Int](repeating: \(smallInt(s)), count: \(rng.int(1...160)))",
            "[\(smallInt(s)), \(rng.int(0...9)), 7, 8]",
            "[\(c.name)(), \(c.name)(), \(c.name)()]",
            "Array(repeating: \(c.name)(), count: \(rng.int(1...6)))",
            "[UInt8](repeating: 1, count: min(n, \(k)) &* \(rng.int(1...40)))",
            "(0..<min(n, \(k))).map { $0 &* 2 }",
            "Array(0..<min(n, \(k)))",
            "[(Double, Int8)](repeating: (1, 2), count: \(rng.int(1...50)))",
        ])
        var out: [Node] = [.l("let \(a) = \(expr)"), .l("acc &+= \(a).count")]
        if rng.chance(0.2) {
            out.append(.l("\(global("g\(a)", "Int", "0")) = \(a).count"))
        }
        return out
    }

    func dictGrow(_ s: inout Scope) -> [Node] {
        let d = fresh("dict")
        let k = markerBound()
        let i = fresh("i")
        var out: [Node]
        switch rng.int(0...3) {
        case 0:
            out = [.l("var \(d): [Int: Int] = [:]"),
                   .b("for \(i) in 0..<min(n, \(k)) {", [.l("maxliveLoopBound(\(k))"), .l("\(d)[\(i)] = \(i) &* 3")])]
        case 1:
            out = [.l("var \(d) = Set<Int>()"),
                   .b("for \(i) in 0..<min(n, \(k)) {", [.l("maxliveLoopBound(\(k))"), .l("\(d).insert(\(i) &* 7)")])]
        case 2:
            out = [.l("var \(d): [String: Int] = [:]"),
                   .b("for \(i) in 0..<min(n, \(k)) {", [.l("maxliveLoopBound(\(k))"), .l("\(d)[\"k\\(\(i))\"] = \(i)")])]
        default:
            let c = plainClass()
            out = [.l("var \(d) = [Int: \(c.name)](minimumCapacity: \(rng.int(1...10)))"),
                   .b("for \(i) in 0..<min(n, \(k)) {", [.l("maxliveLoopBound(\(k))"), .l("\(d)[\(i)] = \(c.name)()")])]
        }
        out.append(.l("acc &+= \(d).count"))
        return out
    }

    func stringBuild(_ s: inout Scope) -> [Node] {
        let v = fresh("str")
        var out: [Node]
        switch rng.int(0...4) {
        case 0:
            let k = markerBound()
            let i = fresh("i")
            out = [.l("var \(v) = \"id:\""),
                   .b("for \(i) in 0..<min(n, \(k)) {", [.l("maxliveLoopBound(\(k))"), .l("\(v) += \"\\(\(i)),\"")])]
        case 1:
            out = [.l("let \(v) = \"n=\\(\(smallInt(s))) acc=\\(acc)\"")]
        case 2:
            out = [.l("let \(v) = String(repeating: \"ab\", count: \(rng.int(1...60)))")]
        case 3:
            out = [.l("var \(v) = \"\""), .l("\(v).append(contentsOf: \"a literal longer than fifteen bytes\")")]
        default:
            out = [.l("var \(v) = \"x\""), .l("\(v) += String(\(smallInt(s)))")]
        }
        out.append(.l("acc &+= \(v).utf8.count"))
        if rng.chance(0.25) { out.append(.l("\(global("gStr", "String", "\"\"")) = \(v)")) }
        return out
    }

    // MARK: Closures

    func closure(_ s: inout Scope) -> [Node] {
        var pre: [Node] = []
        let g = global("gFn\(rng.int(0...1))", "(() -> Int)?", "nil")
        // Called through the optional global (an indirect call) or through a local.
        let local = fresh("fn")
        func call(_ closure: String) -> [Node] {
            if rng.chance(0.25) { return [.l("\(g) = \(closure)"), .l("acc &+= \(g)?() ?? 0")] }
            return [.l("let \(local) = \(closure)"), .l("\(g) = \(local)"), .l("acc &+= \(local)()")]
        }
        switch rng.int(0...9) {
        case 0:
            return call("{ \(rng.int(1...99)) }")
        case 1:
            let c = fresh("cap")
            return [.l("let \(c) = \(smallInt(s)) &* 3")] + call("{ \(c) &+ 1 }")
        case 2:
            let (o, _) = object(&s, &pre)
            return pre + call("{ \(o).v &+ 2 }")
        case 3:
            let (o, _) = object(&s, &pre)
            let c = fresh("cap"), d = fresh("cap")
            return pre + [.l("let \(c) = \(smallInt(s))"), .l("let \(d) = Double(\(smallInt(s)))"),
                          ] + call("{ \(c) &+ \(o).v &+ Int(\(d)) }")
        case 4:
            let (o, _) = object(&s, &pre)
            return pre + call("{ [unowned(unsafe) \(o)] in \(o).v }") + [.l("acc &+= \(o).v")]
        case 5:
            let (o, _) = object(&s, &pre)
            let u = fresh("um")
            return pre + [.l("let \(u) = Unmanaged.passUnretained(\(o))"),
                          ] + call("{ \(u).takeUnretainedValue().v }") + [.l("acc &+= \(o).v")]
        case 6:
            let c = fresh("box")
            return [.l("var \(c) = \(smallInt(s))")] + call("{ \(c) &+= 1; return \(c) }")
        case 7:
            let apply = sharedHelper("applyFn", "@inline(never) func applyFn(_ f: () -> Int) -> Int { f() }")
            let (o, _) = object(&s, &pre)
            let c = fresh("box")
            return pre + [.l("var \(c) = \(smallInt(s))"), .l("acc &+= \(apply) { \(c) &+= \(o).v; return \(c) }")]
        case 8:
            let fn = global("gFnKept", "(() -> Int)?", "nil")
            let keep = sharedHelper("keepFn", "@inline(never) func keepFn(_ f: @escaping () -> Int) { \(fn) = f }")
            let c = fresh("cap")
            if s.leaf { return [.l("let \(c) = \(smallInt(s))"), .l("\(g) = { \(c) }")] }
            let (o, _) = object(&s, &pre)
            return pre + [.l("let \(c) = \(smallInt(s))"), .l("\(keep) { \(c) &+ \(o).v }"), .l("acc &+= \(fn)?() ?? 0")]
        default:
            let bump = sharedHelper("bump", "@inline(never) func bump(_ x: inout Int, _ f: () -> Int) { x &+= f() }")
            let c = fresh("cap")
            return [.l("let \(c) = \(smallInt(s)) &+ 5"), .l("\(bump)(&acc) { \(c) }")]
        }
    }

    /// A helper declared once per program (by key), returned by name.
    func sharedHelper(_ key: String, _ source: String) -> String {
        if shared[key] == nil {
            shared[key] = key
            helpers.append(TopItem(kind: .decl, node: .l(source)))
        }
        return key
    }

    // MARK: ManagedBuffer and stack temporaries

    func managedBuffer(_ s: inout Scope) -> [Node] {
        let b = buffers.isEmpty || rng.chance(0.3) ? makeBuffer() : rng.pick(buffers)
        let v = fresh("mb")
        let cap: String
        if rng.chance(0.6) {
            cap = "\(rng.pick([1, 2, 3, 4, 7, 8, 16, 33, 64, 100]))"
        } else {
            cap = "min(n, \(markerBound())) &+ 1"
        }
        var out: [Node]
        var stored: String
        if rng.chance(0.6) {
            out = [.l("let \(v) = \(b.name).create(minimumCapacity: \(cap)) { _ in \(b.header)() } as! \(b.name)")]
            stored = b.name
        } else {
            out = [.l("let \(v) = ManagedBuffer<\(b.header), \(b.element)>.create(minimumCapacity: \(cap)) { _ in \(b.header)() }")]
            stored = "ManagedBuffer<\(b.header), \(b.element)>"
        }
        out.append(.l("\(v).header.count = \(smallInt(s))"))
        out.append(.l("acc &+= \(v).header.count"))
        if rng.chance(0.4) {
            out.append(.l("\(global("g\(v)", stored + "?", "nil")) = \(v)"))
        }
        return out
    }

    func stackTemps(_ s: inout Scope) -> [Node] {
        var out: [Node] = []
        for _ in 0..<rng.int(1...4) {
            if rng.chance(0.3) {
                let m = rng.pick([4, 8, 16, 32, 64, 100, 128])
                let v = fresh("buf")
                out += [.l("var \(v) = InlineArray<\(m), Int>(repeating: \(smallInt(s)))"),
                        .l("\(v)[\(smallInt(s)) % \(m)] = acc"), .l("acc &+= \(v)[0]")]
            } else {
                let c = bigClass(near: rng.pick([48, 100, 200, 300, 400, 500, 600, 800, 1000, 1020, 1024, 1040, 1100]))
                let v = fresh("tmp")
                out += [.l("let \(v) = \(c.name)()"), .l("\(v).big[0] = \(smallInt(s))"), .l("acc &+= \(v).big[0] &+ \(v).v")]
            }
        }
        return out
    }

    // MARK: Calls

    func helperCall(_ s: inout Scope) -> [Node] {
        let name: String
        if !callableHelpers.isEmpty && rng.chance(0.4) {
            name = rng.pick(callableHelpers)
        } else {
            name = fresh("h")
            var inner = Scope()
            inner.helperDepth = s.helperDepth + 1
            let body = functionBody(&inner, statements: rng.int(1...3))
            let attr = rng.chance(0.6) ? "@inline(never) " : ""
            helpers.append(TopItem(kind: .decl, node: .b("\(attr)func \(name)(_ n: Int) -> Int {", body)))
            callableHelpers.append(name)
        }
        return [.l("acc &+= \(name)(\(smallInt(s)))")]
    }

    func returnedObject(_ s: inout Scope) -> [Node] {
        let c = anyClass()
        let maker = fresh("make")
        var body: [Node] = [.fixed("let o = \(c.name)()"), .l("o.v = n")]
        if let l = c.link { body.append(.l("o.link = \(l.name)()")) }
        if c.hasNext && rng.chance(0.5) { body.append(.l("o.next = \(c.name)()")) }
        body.append(.fixed("return o"))
        let attr = rng.chance(0.7) ? "@inline(never) " : ""
        helpers.append(TopItem(kind: .decl, node: .b("\(attr)func \(maker)(_ n: Int) -> \(c.name) {", body)))
        let o = fresh("o")
        s.objects.append((o, c))
        return [.l("let \(o) = \(maker)(\(smallInt(s)))"), .l("acc &+= \(o).v")]
    }

    /// Overloads of one name on two classes and on Int; the Int one allocates.
    func overload(_ s: inout Scope) -> [Node] {
        if shared["tally"] == nil {
            let a = plainClass()
            var b = plainClass()
            if b === a { b = makeClass(deinitAllowed: false) }
            let t = plainClass()
            shared["tally"] = "tally"
            overloadClasses = [a, b]
            helpers.append(TopItem(kind: .decl, node: .l("@inline(never) func tally(_ x: \(a.name)) -> Int { x.v &+ 1 }")))
            helpers.append(TopItem(kind: .decl, node: .b("@inline(never) func tally(_ x: \(b.name)) -> Int {", [
                .l("let t = \(t.name)()"), .l("t.v = x.v"), .l("\(slot(t)) = t"), .fixed("return t.v")])))
            helpers.append(TopItem(kind: .decl, node: .b("func tally(_ x: Int) -> Int {", [
                .l("let t = [x, x, x]"), .fixed("return t.count")])))
        }
        let c = rng.pick(overloadClasses)
        if rng.chance(0.3) { return [.l("acc &+= tally(\(smallInt(s)))")] }
        return [.l("acc &+= tally(\(c.name)())")]
    }

    func virtualCall(_ s: inout Scope) -> [Node] {
        let root = hierarchies.isEmpty || rng.chance(0.25) ? makeHierarchy() : rng.pick(hierarchies)
        let all = [root] + descendants(root)
        let a = rng.pick(all), b = rng.pick(all)
        let v = fresh("b")
        var out: [Node] = [.l("let \(v): \(root.name) = \(smallInt(s)) & 1 == 0 ? \(a.name)() : \(b.name)()"),
                           .l("acc &+= \(v).step(\(smallInt(s)))")]
        if rng.chance(0.3) { out.append(.l("\(slot(root)) = \(v)")) }
        return out
    }

    func descendants(_ c: ClassSpec) -> [ClassSpec] {
        c.subclasses + c.subclasses.flatMap { descendants($0) }
    }

    func protocolCall(_ s: inout Scope) -> [Node] {
        let p = protocols.isEmpty || rng.chance(0.25) ? makeProtocol() : rng.pick(protocols)
        let a = rng.pick(p.conformers), b = rng.pick(p.conformers)
        let v = fresh("p")
        switch rng.int(0...3) {
        case 0:
            return [.l("let \(v): any \(p.name) = \(smallInt(s)) & 1 == 0 ? \(a.name)() : \(b.name)()"),
                    .l("acc &+= \(v).work(\(smallInt(s)))")]
        case 1:
            let x = fresh("x")
            return [.l("let \(v): [any \(p.name)] = [\(a.name)(), \(b.name)()]"),
                    .b("for \(x) in \(v) {", [.l("acc &+= \(x).work(\(smallInt(s)))")])]
        case 2:
            let run = sharedHelper("run\(p.name)", "@inline(never) func run\(p.name)<T: \(p.name)>(_ t: T, _ n: Int) -> Int { t.work(n) }")
            return [.l("acc &+= \(run)(\(a.name)(), \(smallInt(s)))")]
        default:
            let g = global("g\(p.name)", "(any \(p.name))?", "nil")
            return [.l("\(g) = \(a.name)()"), .l("acc &+= \(g)?.work(\(smallInt(s))) ?? 0")]
        }
    }
}

extension Array where Element == Node {
    /// `if … { yes } else {` + `{ no }` → one block whose footer closes the else branch.
    func flattenElse() -> [Node] {
        guard count == 2, case .block(let h, let yes, _) = self[0], case .block(_, let no, _) = self[1] else { return self }
        return [.block(header: h, children: yes + [.fixed("} else {")] + no, footer: "}")]
    }
}
