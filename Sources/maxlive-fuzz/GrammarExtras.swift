// More statement shapes: generic classes (layout per type argument), noncopyable structs
// with deinits, withUnsafeTemporaryAllocation, array algorithms that allocate (sorted,
// filter, +, reversed, slices), lazily initialised globals and properties, Unmanaged
// references kept in globals, closures stored in objects, defer, local functions, switches.

extension ProgramGenerator {
    func genericBox(_ s: inout Scope) -> [Node] {
        if shared["GBox"] == nil {
            shared["GBox"] = "GBox"
            types.append(TopItem(kind: .decl, node: .b("final class GBox<T> {", [
                .fixed("var value: T"), .fixed("var v: Int = 0"), .fixed("init(_ t: T) { value = t }"),
            ])))
        }
        let v = fresh("gb")
        let c = anyClass()
        let (type, value): (String, String) = rng.pick([
            ("Int8", "1"), ("(Double, Int8)", "(1, 2)"), ("InlineArray<\(rng.int(1...40)), Int>", "InlineArray(repeating: 0)"),
            ("Bool", "true"), ("(Int32, Int32, Int8)", "(1, 2, 3)"), ("Float?", "nil"),
            (c.name, "\(c.name)()"), ("[Int]", "[1, 2]"),
        ])
        var out: [Node] = [.l("let \(v) = GBox<\(type)>(\(value))"), .l("\(v).v = \(smallInt(s))"), .l("acc &+= \(v).v")]
        if rng.chance(0.3) { out.append(.l("\(global("g\(v)", "GBox<\(type)>?", "nil")) = \(v)")) }
        return out
    }

    func noncopyable(_ s: inout Scope) -> [Node] {
        let c = plainClass()
        let name = "Handle\(c.name)"
        if shared[name] == nil {
            shared[name] = name
            types.append(TopItem(kind: .decl, node: .b("struct \(name): ~Copyable {", [
                .fixed("let obj: \(c.name)"), .l("var extra: (Int32, Double) = (0, 0)"),
                .fixed("init(_ o: \(c.name)) { obj = o }"), .l("deinit { gSink &+= obj.v }"),
            ])))
            helpers.append(TopItem(kind: .decl, node: .l("@inline(never) func use\(name)(_ h: borrowing \(name)) -> Int { h.obj.v }")))
        }
        let v = fresh("hd")
        var out: [Node] = [.l("let \(v) = \(name)(\(c.name)())"), .l("acc &+= use\(name)(\(v))")]
        if rng.chance(0.4) { out.append(.l("_ = consume \(v)")) }
        return out
    }

    func temporaryAllocation(_ s: inout Scope) -> [Node] {
        let cap = rng.pick([8, 16, 64, 127, 128, 129, 200, 500])
        let type = rng.pick(["Int", "UInt8", "Double", "(Int, Int)"])
        let store = type == "(Int, Int)" ? "(\(smallInt(s)), 1)" : "\(type)(\(smallInt(s)))"
        let read = type == "(Int, Int)" ? "buf[0].0" : "Int(buf[0])"
        return [.l("acc &+= withUnsafeTemporaryAllocation(of: \(type).self, capacity: \(cap)) { buf in buf[0] = \(store); return \(read) }")]
    }

    func arrayOps(_ s: inout Scope) -> [Node] {
        let a = fresh("arr")
        let k = markerBound()
        let i = fresh("i")
        var out: [Node] = [.l("var \(a): [Int] = []"),
                           .b("for \(i) in 0..<min(n, \(k)) {", [.l("maxliveLoopBound(\(k))"), .l("\(a).append(\(k) &- \(i))")])]
        for _ in 0..<rng.int(1...3) {
            let r = fresh("r")
            switch rng.int(0...7) {
            case 0: out += [.l("let \(r) = \(a).sorted()"), .l("acc &+= \(r).count")]
            case 1: out += [.l("\(a).sort()"), .l("acc &+= \(a).first ?? 0")]
            case 2: out += [.l("let \(r) = \(a).filter { $0 > 2 }"), .l("acc &+= \(r).count")]
            case 3: out += [.l("let \(r) = \(a) + [1, 2, 3]"), .l("acc &+= \(r).count")]
            case 4: out += [.l("let \(r) = Array(\(a).reversed())"), .l("acc &+= \(r).count")]
            case 5: out += [.l("let \(r) = Array(\(a).dropFirst())"), .l("acc &+= \(r).count")]
            case 6: out += [.l("\(a).insert(\(smallInt(s)), at: 0)"), .l("acc &+= \(a).count")]
            default: out += [.l("let \(r) = \(a).map { Double($0) }"), .l("acc &+= \(r).count")]
            }
        }
        return out
    }

    func lazyGlobal(_ s: inout Scope) -> [Node] {
        let g = fresh("gTable")
        let count = rng.int(1...64)
        let initial = rng.pick(["Array(repeating: 7, count: \(count))", "[Int](repeating: 1, count: \(count))",
                                "[1, 2, 3, \(count)]", "Array(0..<\(count))"])
        // A non-constant initialiser runs once, at the first access (it is not reset).
        globals.append(TopItem(kind: .decl, node: .l("nonisolated(unsafe) var \(g): [Int] = \(initial)")))
        return [.l("acc &+= \(g).count")]
    }

    func unmanagedGlobal(_ s: inout Scope) -> [Node] {
        let c = plainClass()
        let g = "gUm\(c.name)"
        if shared[g] == nil {
            shared[g] = g
            globals.append(TopItem(kind: .global(name: g, reset: "if let u = \(g) { u.release() }; \(g) = nil"),
                                   node: .l("nonisolated(unsafe) var \(g): Unmanaged<\(c.name)>? = nil")))
        }
        return [.l("if let u = \(g) { u.release() }"), .l("\(g) = Unmanaged.passRetained(\(c.name)())"),
                .l("acc &+= \(g)?.takeUnretainedValue().v ?? 0")]
    }

    func objectHandler(_ s: inout Scope) -> [Node] {
        let name = "Handler"
        if shared[name] == nil {
            shared[name] = name
            types.append(TopItem(kind: .decl, node: .b("final class Handler {", [
                .fixed("var v: Int = 0"), .fixed("var run: (() -> Int)? = nil"), .l("var tag: (Int16, Bool) = (0, false)"),
            ])))
        }
        var pre: [Node] = []
        let h = fresh("hnd")
        let (o, _) = object(&s, &pre)
        let c = fresh("cap")
        var out = pre + [.l("let \(h) = Handler()"), .l("let \(c) = \(smallInt(s))"),
                         .l("\(h).run = { \(o).v &+ \(c) }"), .l("acc &+= \(h).run?() ?? 0")]
        if rng.chance(0.4) { out.append(.l("\(global("gHandler", "Handler?", "nil")) = \(h)")) }
        return out
    }

    func lazyProperty(_ s: inout Scope) -> [Node] {
        let name = "Lazy"
        if shared[name] == nil {
            shared[name] = name
            types.append(TopItem(kind: .decl, node: .b("final class Lazy {", [
                .fixed("var v: Int = 0"), .fixed("lazy var cache: [Int] = [v, v, v, v]"),
            ])))
        }
        let v = fresh("lz")
        return [.l("let \(v) = Lazy()"), .l("\(v).v = \(smallInt(s))"), .l("acc &+= \(v).cache.count")]
    }

    func deferBlock(_ s: inout Scope) -> [Node] {
        let c = plainClass()
        if rng.chance(0.5) { return [.b("defer {", [.l("\(slot(c)) = \(c.name)()")])] }
        return [.b("defer {", [.l("let t = \(c.name)()"), .l("gSink &+= t.v")])]
    }

    func localFunction(_ s: inout Scope) -> [Node] {
        let c = plainClass()
        let f = fresh("local")
        return [.b("func \(f)(_ x: Int) -> Int {", [.fixed("let t = \(c.name)()"), .l("t.v = x"), .fixed("return t.v")]),
                .l("acc &+= \(f)(\(smallInt(s)))")]
    }

    func switchEnum(_ s: inout Scope) -> [Node] {
        let c = plainClass(), d = anyClass()
        let x = smallInt(s)
        return [.b("switch \(x) % 3 {", [
            .b("case 0:", [.l("let t = \(c.name)()"), .l("acc &+= t.v")], ""),
            .b("case 1:", [.l("let t = [\(d.name)(), \(d.name)()]"), .l("acc &+= t.count")], ""),
            .b("default:", [.fixed("acc &+= 1")], ""),
        ])]
    }
}
