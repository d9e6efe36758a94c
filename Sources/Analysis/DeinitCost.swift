// What a release can cost. The last release of an object runs its class's deinit, which may
// allocate (a log entry, a replacement object): those bytes are live at the release, and what
// the deinit stores stays live. SIL does not say which release is the last one, so every
// release is charged the worst deallocating deinit among the classes it can free
// (ReleaseClasses.swift: from the released value's type, with subclasses and the classes its
// stored properties hold); a release of a type that could hold anything (an existential,
// Builtin.NativeObject, a generic) is charged the worst deinit of the module. Most deinits
// allocate nothing, and then this costs nothing.
//
// Deinits release their fields, which runs more deinits: the per-class costs are computed to
// a fixpoint (each round analyses the deinits with releases costing the previous round's
// per-class costs). Starting from zero, round r bounds every chain of r nested deinits, so the
// fixpoint bounds every finite chain. If some classes still grow after the last round (a
// deinit that allocates and, through its fields, runs itself again), those classes, and every
// class whose deinit may release one of them, are unbounded; the others keep their cost.

import Layout
import SILModel

public struct DeinitCost: Sendable {
    /// The cost of running some deinits.
    struct Cost: Sendable {
        /// Most bytes live at once inside a deinit.
        var peak = 0
        /// Bytes a deinit leaves live.
        var retained = 0
        /// Why a deinit is unbounded (then a release that may run it is).
        var reasons: [Finding] = []
        /// The deinit with the largest peak (for worst-case paths).
        var worst: String?
        /// Globals the deinits may read or write (nil: any): one that copies a global's array
        /// shares its buffer, so the next change of that array copies it.
        var touchedGlobals: Set<String>? = []
        /// A deinit hands on something it reads from the object (`deinit { retired = child }`):
        /// what the object held may outlive it.
        var keepsContents = false

        var matters: Bool { peak > 0 || retained > 0 || !reasons.isEmpty || touchedGlobals != [] }

        mutating func merge(_ other: Cost) {
            if other.peak > peak || worst == nil { worst = other.worst ?? worst }
            peak = max(peak, other.peak)
            retained = max(retained, other.retained)
            keepsContents = keepsContents || other.keepsContents
            reasons += other.reasons.filter { r in !reasons.contains { $0.message == r.message && $0.line == r.line } }
            if let theirs = other.touchedGlobals, touchedGlobals != nil { touchedGlobals!.formUnion(theirs) } else { touchedGlobals = nil }
        }

        func sameBound(_ other: Cost) -> Bool {
            peak == other.peak && retained == other.retained && reasons.count == other.reasons.count && touchedGlobals == other.touchedGlobals
        }
    }

    /// Per class (ReleaseClasses.classKey), the worst of its deallocating deinits (a generic
    /// class may have several specializations).
    var classes: [String: Cost] = [:]
    /// The worst deinit of the module: what a release of an unknown type may run.
    var any = Cost()

    /// The most rounds of the fixpoint: a chain of deinits this long converges.
    static let rounds = 8

    /// Specialized keys (`Box<Int>`) by their class (`Box`).
    var specializations: [String: [String]] = [:]

    /// What a release that may free `set` costs (nil: any class).
    func cost(of set: ClassSet) -> Cost {
        guard let set else { return any }
        var c = Cost()
        // In name order: the first deinit to give a reason or the largest peak is the one the
        // report names, the same on every run.
        for k in set.sorted() {
            if let x = classes[k] {
                c.merge(x)
            } else if let open = k.firstIndex(of: "<") {
                // No deinit specialized for exactly these arguments (or they are spelled
                // differently): any specialization of the class may be the one that runs.
                for s in specializations[String(k[..<open])] ?? [] { if let x = classes[s] { c.merge(x) } }
            }
        }
        return c
    }

    /// Deallocating deinits (`…fD`, and their specializations) with a body.
    static func deallocators(in module: Module) -> [String] {
        module.functions.filter {
            $0.isDefinition && ($0.name.hasSuffix("fD") || $0.demangledName?.hasSuffix(".__deallocating_deinit") == true)
        }.map(\.name)
    }

    /// The per-class fixpoint over at most `rounds` analyses of the deinits.
    static func compute(module: Module, options: AnalysisOptions) -> DeinitCost {
        let names = deallocators(in: module)
        if names.isEmpty { return DeinitCost() }
        let releaseClasses = ReleaseClasses(module: module, layout: options.layoutEngine(for: module))
        // A deinit whose class cannot be read is its own key: it still counts for unknown releases.
        var keyOf: [String: String] = [:]
        for name in names {
            keyOf[name] = module.function(named: name).flatMap { releaseClasses.deallocatedClass($0) } ?? "@" + name
        }
        var specializations: [String: [String]] = [:]
        for k in Set(keyOf.values) where !k.hasPrefix("@") {
            if let open = k.firstIndex(of: "<") { specializations[String(k[..<open]), default: []].append(k) }
        }
        var current = DeinitCost()
        current.specializations = specializations
        var growing: Set<String> = []
        // The last round's analyzer: it says which deinits release which classes.
        var last = Analyzer(module: module, options: options, deinitCost: current)
        for round in 0..<rounds {
            if round > 0 { last = Analyzer(module: module, options: options, deinitCost: current) }
            var next = DeinitCost()
            next.specializations = specializations
            for name in names {
                guard let s = last.summaryOnDemand(name) else { continue }
                let c = Cost(peak: s.peak, retained: saturatingAdd(s.retainedStored, s.retainedReturned), reasons: s.reasons, worst: name,
                             touchedGlobals: s.touchedGlobals,
                             keepsContents: (s.parameterDeepEscape.first ?? .stored) != .none && !compilerKeepsNothing(name, module))
                next.classes[keyOf[name]!, default: Cost()].merge(c)
                next.any.merge(c)
            }
            growing = Set(next.classes.keys.filter { k in !(current.classes[k].map { next.classes[k]!.sameBound($0) } ?? !next.classes[k]!.matters) })
            current = next
            if growing.isEmpty { return current }
        }
        // No fixpoint: the classes still growing, and those whose deinits may release them, are unbounded.
        var depends = dependencies(names: names, keyOf: keyOf, analyzer: last, classes: releaseClasses, options: options)
        // A specialization with no deinit of its own is charged every specialization of its class (`cost(of:)`).
        for (k, ds) in depends {
            guard let ds else { continue }
            var widened = ds
            for d in ds where current.classes[d] == nil {
                if let open = d.firstIndex(of: "<") { widened.formUnion(specializations[String(d[..<open])] ?? []) }
            }
            depends[k] = .some(widened)
        }
        // Backwards from the growing classes: who may release them (a release of anything may release them all).
        var releasedBy: [String: [String]] = [:]
        var releasesAnything: [String] = []
        for (k, ds) in depends {
            guard let ds else { releasesAnything.append(k); continue }
            for d in ds { releasedBy[d, default: []].append(k) }
        }
        var unbounded = growing.union(releasesAnything)
        var work = Array(unbounded)
        while let d = work.popLast() {
            for k in releasedBy[d] ?? [] where unbounded.insert(k).inserted { work.append(k) }
        }
        for k in unbounded.sorted() {
            let name = names.first { keyOf[$0] == k }
            let f = name.flatMap { module.function(named: $0) }
            let className = k.hasPrefix("@") ? (f?.swiftName ?? k) : k
            let finding = Finding(kind: .unboundedRecursion,
                message: "a release may run the deinit of \(className), which allocates and (through the objects it releases) may run a deinit that grows with every nesting: the deinit cost has no fixpoint",
                function: f?.swiftName ?? "deinit", file: f?.location.map { module.fileName($0) }, line: f?.location.map { Int($0.line) })
            current.classes[k, default: Cost()].reasons.append(finding)
            current.any.merge(Cost(reasons: [finding]))
        }
        return current
    }

    /// Whether the compiler's own escape effects for deinit `name` say nothing reachable from
    /// its object escapes (`[%0: noescape **]`, or `noescape c*.v**` for the contents): the
    /// walk of a deinit that takes a linked list apart node by node (what the compiler writes
    /// for a class with a field of its own type) moves references between the nodes' fields,
    /// which it cannot tell from handing them on.
    static func compilerKeepsNothing(_ name: String, _ module: Module) -> Bool {
        guard let f = module.function(named: name) else { return false }
        return f.effects.contains { range in
            let text = module.text.string(range)
            guard text.hasPrefix("[%0:") else { return false }
            let items = text.dropFirst(4).dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return items.contains("noescape **") || items.contains("noescape c*.v**")
        }
    }

    /// For each class: the classes its deinits may release (nil: any), over everything they call.
    private static func dependencies(names: [String], keyOf: [String: String], analyzer: Analyzer,
                                     classes: ReleaseClasses, options: AnalysisOptions) -> [String: Set<String>?] {
        var result: [String: Set<String>?] = [:]
        var perFunction: [String: Set<String>?] = [:]
        let text = InstructionText(module: classes.module)
        for name in names {
            let key = keyOf[name]!
            var acc: Set<String>? = result[key] ?? []
            // C code may call back into Swift and release anything.
            if !options.foreignFunctions.isEmpty { acc = nil }
            for f in analyzer.reachableFunctions(from: name) where acc != nil {
                if perFunction[f] == nil {
                    var set: Set<String>? = []
                    if let fn = classes.module.function(named: f) {
                        let types = ValueTypes(function: fn, classes: classes)
                        for inst in fn.instructions where FunctionAnalyzer.releases(inst, text) {
                            guard let s = types.freed(by: inst) else { set = nil; break }
                            set!.formUnion(s)
                        }
                    }
                    perFunction[f] = .some(set)
                }
                if let s = perFunction[f]! { acc!.formUnion(s) } else { acc = nil }
            }
            result[key] = .some(acc)
        }
        return result
    }
}
