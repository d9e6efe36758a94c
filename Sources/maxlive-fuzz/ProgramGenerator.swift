// Builds one random Embedded Swift program from a seed: types, globals, helpers, entries,
// and the inputs of each entry (which respect every loop and recursion marker: each loop
// with `maxliveLoopBound(K)` is clamped by `min(_, K)`, each recursion by its depth).

/// What a function body can see while it is generated.
struct Scope {
    var objects: [(name: String, cls: ClassSpec)] = []
    var ints: [String] = ["n"]
    var depth = 0
    var loopDepth = 0
    /// Method, witness, deinit and recursive bodies: no calls to generated functions, so the
    /// call graph stays acyclic apart from the recursion the grammar makes on purpose.
    var leaf = false
    var helperDepth = 0

    init(leaf: Bool = false) { self.leaf = leaf }
}

final class ProgramGenerator {
    var rng: SplitMix64
    let seed: UInt64
    private var counter = 0

    var types: [TopItem] = []
    var globals: [TopItem] = []
    var helpers: [TopItem] = []
    var entries: [TopItem] = []

    var classes: [ClassSpec] = []
    var structs: [StructSpec] = []
    var enums: [EnumSpec] = []
    var hierarchies: [ClassSpec] = []
    var protocols: [ProtocolSpec] = []
    var buffers: [BufferSpec] = []
    var errors: [ErrorSpec] = []
    /// Every loop marker bound and recursion clamp used: the inputs cover them.
    var bounds: Set<Int> = []
    var callableHelpers: [String] = []
    /// Names of shared helpers created once (apply, keep, overloads) → function name.
    var shared: [String: String] = [:]
    var overloadClasses: [ClassSpec] = []
    /// Thrower helper per error type.
    var throwers: [String: String] = [:]
    /// Statement budget of the whole program, so programs stay small.
    var budget = 0

    init(seed: UInt64) {
        self.seed = seed
        self.rng = SplitMix64(seed: seed)
    }

    func fresh(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)\(counter)"
    }

    /// A global `nonisolated(unsafe) var`, created once per name; `order` places its reset.
    @discardableResult
    func global(_ name: String, _ type: String, _ initial: String, order: Int = 0) -> String {
        if globals.contains(where: { if case .global(let n, _) = $0.kind { return n == name } else { return false } }) {
            return name
        }
        globals.append(TopItem(kind: .global(name: name, reset: "\(name) = \(initial)"),
                               node: .l("nonisolated(unsafe) var \(name): \(type) = \(initial)"), resetOrder: order))
        return name
    }

    /// The global slot holding one object of class `c`.
    func slot(_ c: ClassSpec) -> String { global("g\(c.name)", "\(c.name)?", "nil") }

    /// The global list of objects of class `c`.
    func list(_ c: ClassSpec) -> String { global("gList\(c.name)", "[\(c.name)]", "[]") }

    static func generate(seed: UInt64) -> Program {
        ProgramGenerator(seed: seed).program()
    }

    func program() -> Program {
        global("gSink", "Int", "0")
        budget = rng.int(8...22)
        // A few types up front; statements add more on demand.
        for _ in 0..<rng.int(0...2) { _ = makeStruct() }
        for _ in 0..<rng.int(1...2) { _ = makeClass() }
        if rng.chance(0.4) { _ = makeEnum() }
        if rng.chance(0.2) { _ = makeHierarchy() }
        // Several short entries: a shape maxlive cannot bound spoils only its own entry.
        let entryCount = rng.int(2...4)
        for k in 0..<entryCount {
            makeEntry("e\(k)", statements: rng.int(1...3))
        }
        let inputs = inputValues()
        for i in entries.indices {
            if case .entry(let name, _) = entries[i].kind { entries[i].kind = .entry(name: name, inputs: inputs) }
        }
        return Program(seed: seed, items: types + globals + helpers + entries)
    }

    /// 0…3, every bound and the next value, and one beyond the largest.
    func inputValues() -> [Int] {
        var s: Set<Int> = [0, 1, 2, 3]
        for b in bounds {
            s.insert(b)
            s.insert(b + 1)
        }
        s.insert((bounds.max() ?? 3) + 3)
        var values = s.sorted()
        if values.count > 12 {
            // Keep the small ones and the largest (the worst case of every clamp).
            values = Array(values.prefix(8)) + Array(values.suffix(4))
        }
        return values
    }

    private func makeEntry(_ name: String, statements: Int) {
        var scope = Scope()
        var body = [Node.fixed("var acc = n")]
        body += statementsFor(&scope, count: statements)
        let kind = rng.int(0...9)
        var ret = "Int"
        switch kind {
        case 0...5:
            body.append(.fixed("return acc"))
        case 6:
            ret = "Void"
            body.append(.fixed("gSink &+= acc"))
        case 7:
            let c = scope.objects.last?.cls ?? anyClass()
            ret = c.name
            makePublic(c)
            if let o = scope.objects.last(where: { $0.cls === c }) {
                body.append(.fixed("\(o.name).v = acc"))
                body.append(.fixed("return \(o.name)"))
            } else {
                body.append(.fixed("return \(c.name)()"))
            }
        case 8:
            ret = "[Int]"
            body.append(.fixed("return [acc, n, acc &+ n]"))
        default:
            ret = "String"
            body.append(.fixed("return \"entry result \\(acc) for input \\(n)\""))
        }
        let header = "@_semantics(\"maxlive.entry\") public func \(name)(_ n: Int)" + (ret == "Void" ? "" : " -> \(ret)") + " {"
        entries.append(TopItem(kind: .entry(name: name, inputs: []), node: .b(header, body)))
    }

    /// `var acc = n`, `count` statements, `return acc`.
    func functionBody(_ scope: inout Scope, statements count: Int) -> [Node] {
        [.fixed("var acc = n")] + statementsFor(&scope, count: count) + [.fixed("return acc")]
    }

    func statementsFor(_ scope: inout Scope, count: Int) -> [Node] {
        var out: [Node] = []
        for _ in 0..<count {
            budget -= 1
            out += statement(&scope)
        }
        return out
    }

    /// The statements of a nested block: the block's locals go out of scope after it.
    func block(_ scope: inout Scope, count: Int, loopIndex: String? = nil, isLoop: Bool = false) -> [Node] {
        var inner = scope
        inner.depth += 1
        if isLoop { inner.loopDepth += 1 }
        if let i = loopIndex { inner.ints.append(i) }
        return statementsFor(&inner, count: count)
    }
}
