// Generated functions with a shape of their own: typed throws (thrown in and out of loops,
// caught, kept in globals), direct recursion and mutual recursion under depth markers.

extension ProgramGenerator {
    /// `throw …` of a fresh error value of `e` built from the Int expression `code`.
    func throwStatement(_ e: ErrorSpec, _ code: String) -> [Node] {
        if e.isEnum {
            if let p = e.payload, rng.chance(0.6) { return [.l("throw \(e.name).obj(\(p.name)())")] }
            return [.l("throw \(e.name).code(\(code))")]
        }
        return [.l("let f = \(e.name)()"), .l("f.code = \(code)"), .fixed("throw f")]
    }

    func errorCode(_ e: ErrorSpec) -> Node {
        if e.isEnum { return .l("if case .code(let c) = error { acc &+= c }") }
        return .l("acc &+= error.code")
    }

    func throwerFor(_ e: ErrorSpec) -> String {
        if let t = throwers[e.name], rng.chance(0.7) { return t }
        let name = fresh("check")
        let attr = rng.chance(0.7) ? "@inline(never) " : ""
        let guardNode = Node.b("if n > \(rng.int(0...4)) {", throwStatement(e, "n"))
        helpers.append(TopItem(kind: .decl, node: .b("\(attr)func \(name)(_ n: Int) throws(\(e.name)) -> Int {",
                                                        [guardNode, .fixed("return n &+ 1")])))
        throwers[e.name] = name
        return name
    }

    func throwing(_ s: inout Scope) -> [Node] {
        let e = errors.isEmpty || rng.chance(0.3) ? makeError() : rng.pick(errors)
        let keep = global("g\(e.name)", "\(e.name)?", "nil")
        let x = smallInt(s)
        switch rng.int(0...5) {
        case 0:
            let t = throwerFor(e)
            return [.b("do {", [.l("acc &+= try \(t)(\(x))")], "} catch { \(keep) = error }")]
        case 1:
            let t = throwerFor(e)
            return [.b("do {", [.l("acc &+= try \(t)(\(x))"), .fixed("} catch {"), errorCode(e)])]
        case 2:
            let t = throwerFor(e)
            let k = markerBound()
            let i = fresh("i")
            return [.b("for \(i) in 0..<min(n, \(k)) {", [
                .l("maxliveLoopBound(\(k))"),
                .b("do {", [.l("acc &+= try \(t)(\(i))")], "} catch { \(keep) = error }"),
            ])]
        case 3:
            let k = markerBound()
            let i = fresh("i")
            let th = rng.int(0...3)
            return [.b("for \(i) in 0..<min(n, \(k)) {", [
                .l("maxliveLoopBound(\(k))"),
                .b("do throws(\(e.name)) {", [.b("if \(i) > \(th) {", throwStatement(e, i)), .l("acc &+= \(i)")],
                   rng.chance(0.7) ? "} catch { \(keep) = error }" : "} catch { _ = error }"),
            ])]
        case 4:
            let t = throwerFor(e)
            return [.l("acc &+= (try? \(t)(\(x))) ?? 0")]
        default:
            return [.b("do throws(\(e.name)) {", [.b("if \(x) > \(rng.int(0...3)) {", throwStatement(e, x)), .l("acc &+= 1")],
                       "} catch { \(keep) = error }")]
        }
    }

    /// A directly recursive function with `maxliveRecursionDepth(D)`; the call clamps the
    /// argument so the recursion never exceeds D frames.
    func recursion(_ s: inout Scope) -> [Node] {
        let d = rng.pick([1, 2, 3, 4, 5, 6, 8, 10])
        let name = fresh("rec")
        let attr = rng.chance(0.8) ? "@inline(never) " : ""
        var inner = Scope(leaf: true)
        inner.depth = 1
        let extra = rng.chance(0.5) ? statementsFor(&inner, count: rng.int(1...2)) : []
        switch rng.int(0...2) {
        case 0:
            // Frames: max(1, m) for argument m.
            bounds.insert(d)
            let c = anyClass()
            helpers.append(TopItem(kind: .decl, node: .b("\(attr)func \(name)(_ n: Int) -> Int {", [
                .l("maxliveRecursionDepth(\(d))"), .fixed("var acc = n"), .l("let o = \(c.name)()"), .l("o.v = n"),
            ] + extra + [
                .fixed("if n <= 1 { return acc &+ o.v }"), .fixed("return \(name)(n - 1) &+ acc &+ o.v"),
            ])))
            return [.l("acc &+= \(name)(min(n, \(d)))")]
        case 1:
            // Frames: m + 1 for argument m ≥ 0: the list is returned through every frame.
            bounds.insert(d - 1)
            let c = classes.first(where: { $0.hasNext && $0.base == nil && $0.isFinal }) ?? makeChainClassForRecursion()
            helpers.append(TopItem(kind: .decl, node: .b("\(attr)func \(name)(_ n: Int) -> \(c.name)? {", [
                .l("maxliveRecursionDepth(\(d))"), .fixed("var acc = n"),
            ] + extra + [
                .fixed("if n <= 0 { return nil }"), .fixed("let o = \(c.name)()"), .l("o.v = acc"),
                .fixed("o.next = \(name)(n - 1)"), .fixed("return o"),
            ])))
            let out: Node = rng.chance(0.4) ? .l("\(slot(c)) = \(name)(min(n, \(d - 1)))")
                                            : .l("acc &+= \(name)(min(n, \(d - 1)))?.v ?? 0")
            return [out]
        default:
            // Frames: max(1, m); every frame keeps an object in a global list.
            bounds.insert(d)
            let c = plainClass()
            helpers.append(TopItem(kind: .decl, node: .b("\(attr)func \(name)(_ n: Int) -> Int {", [
                .l("maxliveRecursionDepth(\(d))"), .fixed("var acc = n"), .l("\(list(c)).append(\(c.name)())"),
            ] + extra + [
                .fixed("if n <= 1 { return acc }"), .fixed("return \(name)(n - 1) &+ acc"),
            ])))
            return [.l("acc &+= \(name)(min(n, \(d)))")]
        }
    }

    private func makeChainClassForRecursion() -> ClassSpec {
        let c = makeClass(deinitAllowed: false)
        if !c.hasNext {
            c.hasNext = true
            appendMember(of: c, .fixed("var next: \(c.name)? = nil"))
        }
        return c
    }

    /// `ping` and `pong` call each other; each frame allocates. Depth markers: on both (each
    /// its own count of frames), or on `ping` only.
    func mutualRecursion(_ s: inout Scope) -> [Node] {
        let m = rng.int(1...8)
        // Frames of each function for the largest argument m (counts grow with m).
        var pingFrames = 0, pongFrames = 0
        var arg = m, inPing = true
        while true {
            if inPing { pingFrames += 1 } else { pongFrames += 1 }
            if arg <= 0 { break }
            arg -= 1
            inPing.toggle()
        }
        bounds.insert(m)
        let ping = fresh("ping"), pong = fresh("pong")
        let a = anyClass(), b = plainClass()
        let both = rng.chance(0.6)
        let keepList = rng.chance(0.3) ? list(b) : nil
        helpers.append(TopItem(kind: .decl, node: .b("@inline(never) func \(ping)(_ n: Int) -> Int {", [
            .l("maxliveRecursionDepth(\(max(1, pingFrames)))"), .l("let o = \(a.name)()"), .l("o.v = n"),
            .fixed("if n <= 0 { return o.v }"), .fixed("return \(pong)(n - 1) &+ o.v"),
        ])))
        var pongBody: [Node] = []
        if both { pongBody.append(.l("maxliveRecursionDepth(\(max(1, pongFrames)))")) }
        pongBody += [.l("let o = \(b.name)()"), .l("o.v = n")]
        if let g = keepList { pongBody.append(.l("\(g).append(o)")) }
        pongBody += [.fixed("if n <= 0 { return o.v }"), .fixed("return \(ping)(n - 1) &+ o.v")]
        helpers.append(TopItem(kind: .decl, node: .b("@inline(never) func \(pong)(_ n: Int) -> Int {", pongBody)))
        return [.l("acc &+= \(ping)(min(n, \(m)))")]
    }
}
