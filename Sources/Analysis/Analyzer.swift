// Runs the analysis over a module: finds the entries, builds the call graph of what
// they reach, summarises functions bottom-up (strongly connected components first,
// so recursion is seen as a cycle) and assembles one result per entry.
//
// Recursion: a cycle is bounded only by `maxlive.recursion_depth` markers, which give the
// cycle a depth d in frames (RecursionDepth.swift). The cycle's summaries are recomputed d times, each round letting the
// recursive calls cost what the previous round computed (round 0: the innermost
// frame, which makes no further recursive call).

import Layout
import SILModel

public struct AnalysisOptions: Sendable {
    /// Allocator rounding (bytes); 1 = as requested.
    public var granularity: Int = 1
    /// Per-allocation header the allocator adds.
    public var overhead: Int = 0
    /// Extra entries by Swift or mangled name.
    public var extraEntries: [String] = []
    /// The target's pointer width; nil: the one the SIL was compiled for (TargetDetection.swift).
    public var target: TargetInfo? = nil
    /// The target to lay out sizes for in `module`.
    func resolvedTarget(for module: Module) -> TargetInfo {
        target ?? (TargetDetection.pointerWidth(of: module)?.bits == 32 ? .ilp32 : .lp64)
    }
    /// C symbols (functions with no body in SIL) trusted to allocate nothing from the heap;
    /// each use is listed as an assumption.
    public var noAllocationSymbols: Set<String> = []
    /// Largest recursion depth the analysis evaluates round by round.
    public var maxRecursionRounds = 10_000
    /// C functions read by the C front end: calls from Swift to functions with no body in
    /// SIL are joined to them by symbol, and they may call back into Swift (`@_cdecl`).
    public var foreignFunctions: [ForeignFunction] = []
    /// Coroutine frame sizes read from the LLVM IR of the same build (CoroutineFrames.swift),
    /// by symbol; nil when no IR was given, which leaves every `begin_apply` unbounded.
    public var coroutineFrames: [String: CoroutineFrame]?
    /// The heap allocations of IRGen's output for the same build (`swiftc -emit-irgen`):
    /// every analysed function's allocations are checked against them
    /// (CompilerAllocationCheck.swift). nil: sizes are not checked, an assumption of every entry.
    public var compilerAllocations: CompilerAllocations?
    /// Sizes of the C types the module imports (SIL declares none), read from their headers
    /// with libclang for the same target; a type missing here has no layout.
    public var importedTypeLayouts: [String: ValueLayout] = [:]
    /// The layout engine for `module` with these options.
    func layoutEngine(for module: Module) -> LayoutEngine {
        LayoutEngine(module: module, target: resolvedTarget(for: module), importedLayouts: importedTypeLayouts)
    }
    /// Itemize each entry's bound into the allocations live at its worst moment
    /// (`EntryResult.liveAllocations`, for `explain`): a slower walk.
    public var itemizePeaks = false
    public init() {}
}

public enum EntryKind: String, Sendable, Codable {
    case entry, daemon, iteration
}

public struct PathFrame: Sendable, Codable, Equatable {
    public var function: String
    public var bytes: Int
    public var file: String?
    public var line: Int?
}

/// One call on the way from an entry to where its bound is lost: `caller` calls `callee` here.
public struct CallSite: Sendable, Codable, Hashable {
    public var caller: String
    public var callee: String
    public var file: String?
    public var line: Int?
    public var column: Int?
}

public struct EntryResult: Sendable {
    public var name: String
    public var symbol: String
    public var kind: EntryKind
    /// nil when unbounded.
    public var bound: Int?
    public var reasons: [Finding]
    public var assumptions: [Finding]
    public var path: [PathFrame]
    public var file: String?
    public var line: Int?
    /// The system call number from the ABI header (`--abi-header`), for `sys_*` entries.
    public var number: Int? = nil
    /// For a reason found in another function than the entry, the calls that lead there from
    /// the entry (keyed by that function's Swift name), for `note:` lines under the error.
    public var callChains: [String: [CallSite]] = [:]
    /// The allocations live at the worst moment, adding up to the bound (when the analysis
    /// itemizes peaks and the entry is bounded).
    public var liveAllocations: [LiveAllocationCount] = []
}

public struct AnalysisResult: Sendable {
    public var module: String
    public var entries: [EntryResult]
    /// Mismatches between the ABI header and the handlers (a gate failure), when a header was read.
    public var abiFindings: [Finding] = []
    public var abiHeader: String? = nil
    public var functionsParsed: Int
    public var instructions: Int
    public var functionsAnalyzed: Int
    /// The check against the compiler's IR (nil: no IR given, sizes unchecked).
    public var compilerCheck: CompilerCheckStats? = nil
    /// Things the user most likely did not mean: an unknown `maxlive.*` string (a typo drops an
    /// entry silently otherwise), a module with no entries.
    public var warnings: [Finding] = []
    /// Entry names that several modules define (each is reported as `Module.name`), with the modules.
    public var sharedEntryNames: [String: [String]] = [:]
}

extension AnalysisResult {
    /// The results of several modules of one program as one: every module's entries (a name
    /// two modules share is qualified with its module), the sums of the statistics, and the
    /// warnings once each; "no entries" only when no module has any.
    public static func combining(_ results: [AnalysisResult]) -> AnalysisResult {
        guard results.count > 1 else { return results[0] }
        var counts: [String: Int] = [:]
        for r in results { for e in r.entries { counts[e.name, default: 0] += 1 } }
        var combined = AnalysisResult(module: results.last!.module, entries: [], functionsParsed: 0, instructions: 0, functionsAnalyzed: 0)
        var warnings: [Finding] = []
        for r in results {
            for var e in r.entries {
                if counts[e.name, default: 0] > 1 {
                    combined.sharedEntryNames[e.name, default: []].append(r.module)
                    e.name = "\(r.module).\(e.name)"
                }
                combined.entries.append(e)
            }
            combined.functionsParsed += r.functionsParsed
            combined.instructions += r.instructions
            combined.functionsAnalyzed += r.functionsAnalyzed
            if let c = r.compilerCheck {
                let sum = combined.compilerCheck ?? CompilerCheckStats(functions: 0, allocationSites: 0, mismatches: 0)
                combined.compilerCheck = CompilerCheckStats(functions: sum.functions + c.functions, allocationSites: sum.allocationSites + c.allocationSites,
                                                            mismatches: sum.mismatches + c.mismatches)
            }
            warnings += r.warnings.filter { $0.kind != .noEntries }
        }
        if combined.entries.isEmpty, let none = results.last!.warnings.first(where: { $0.kind == .noEntries }) { warnings.append(none) }
        combined.warnings = warnings.uniqued()
        return combined
    }
}

/// What the check against IRGen's output covered (CompilerAllocationCheck.swift).
public struct CompilerCheckStats: Sendable, Equatable {
    /// Analysed functions found in the IR, and the heap allocation calls in them.
    public var functions: Int
    public var allocationSites: Int
    /// Allocations the IR showed that SIL did not (each corrected or made a reason).
    public var mismatches: Int
    public init(functions: Int, allocationSites: Int, mismatches: Int) {
        self.functions = functions
        self.allocationSites = allocationSites
        self.mismatches = mismatches
    }
}

public final class Analyzer {
    let module: Module
    let options: AnalysisOptions
    var context: AnalysisContext
    /// Each function's own summary, by mangled name.
    private var summaries: [String: FunctionSummary] = [:]
    /// Summaries for what call sites tell their callees (`SummaryKey.specialized`).
    private var contextSummaries: [SummaryKey: FunctionSummary] = [:]
    private var iterationEntries: [IterationEntry] = []
    private var callSitesCache: [String: [(callee: String, location: SourceLocation?)]] = [:]
    /// Context-sensitive summaries under way (a key seen again means a cycle: no specialisation).
    private var specializing: Set<SummaryKey> = []
    /// Members of the recursion cycle being summarised.
    private var currentComponent: Set<String> = []
    /// The C side of the call graph.
    private lazy var foreign = ForeignAnalyzer(
        functions: options.foreignFunctions, noAllocation: options.noAllocationSymbols, charge: context.charge,
        swiftSummary: { [unowned self] symbol in
            // A Swift function C calls (`@_cdecl`: a thunk whose asmname is the symbol), summarised on first use.
            guard let name = self.cSymbols[symbol] ?? (self.module.function(named: symbol)?.isDefinition == true ? symbol : nil),
                  let f = self.module.function(named: name) else { return nil }
            self.ensureSummary(name)
            if let s = self.summaries[name] { return (.function(name), s) }
            var s = FunctionSummary()
            s.reasons = [Finding(kind: .unboundedRecursion, message: "recursion between C and Swift through \(f.swiftName) is not bounded",
                                 function: f.swiftName, file: f.location.map { self.module.fileName($0) }, line: f.location.map { Int($0.line) })]
            return (.function(name), s)
        })
    /// Swift functions C can call by symbol (`@_cdecl` thunks): asmname → SIL name.
    private lazy var cSymbols: [String: String] = {
        var map: [String: String] = [:]
        for f in module.functions where f.isDefinition {
            if let a = f.attributes.asmName, map[a] == nil { map[a] = f.name }
        }
        return map
    }()

    /// The summary of `name` with some parameters bound to constants, computed once per key.
    func specializedSummary(_ name: String, _ call: CallContext) -> (key: SummaryKey, summary: FunctionSummary)? {
        guard !currentComponent.contains(name), let f = module.function(named: name), f.isDefinition else { return nil }
        let key = SummaryKey.specialized(name, call.identity)
        let functions = call.functions
        if let done = contextSummaries[key] { return (key, done) }
        guard specializing.count < 64, specializing.insert(key).inserted else { return nil }
        defer { specializing.remove(key) }
        // Functions passed in are summarised first (they are callees of this context).
        for targets in functions.values { for t in targets where summaries[t] == nil { ensureSummary(t) } }
        let analyzer = FunctionAnalyzer(function: f, context: context, call: call)
        let s = analyzer.analyze()
        contextSummaries[key] = s
        addIterationEntries(analyzer.iterationEntries)
        return (key, s)
    }

    /// Summarises a function found late (a closure reached only through a parameter binding,
    /// a Swift function called from C) with everything it reaches, callees first.
    private func ensureSummary(_ name: String) {
        guard summaries[name] == nil, !currentComponent.contains(name), module.function(named: name)?.isDefinition == true,
              ensuring.insert(name).inserted else { return }
        defer { ensuring.remove(name) }
        summarizeReachable(from: [name])
    }

    /// Functions whose late summary is under way (a cycle through C would come back to them).
    private var ensuring: Set<String> = []

    /// Keeps one iteration entry per site, with the largest peak over the contexts analysed.
    private func addIterationEntries(_ list: [IterationEntry]) {
        for it in list {
            if let k = iterationEntries.firstIndex(where: { $0.file == it.file && $0.line == it.line }) {
                iterationEntries[k].peak = max(iterationEntries[k].peak, it.peak)
                iterationEntries[k].reasons.append(contentsOf: it.reasons.filter { !iterationEntries[k].reasons.contains($0) })
            } else {
                iterationEntries.append(it)
            }
        }
    }

    /// The analysis of `module`: first the fixpoint over the module's deinits (what a release
    /// may cost, DeinitCost.swift), then the analyzer that uses it.
    public convenience init(module: Module, options: AnalysisOptions = AnalysisOptions()) {
        self.init(module: module, options: options, deinitCost: DeinitCost.compute(module: module, options: options))
    }

    /// The summary of a function no call edge reaches (a deallocating deinit, DeinitCost.swift;
    /// a witness the stdlib runs), with everything it reaches.
    func summaryOnDemand(_ name: String) -> FunctionSummary? {
        ensureSummary(name)
        return summaries[name]
    }

    /// Every function `root` may call, itself included (the call graph the summaries use).
    func reachableFunctions(from root: String) -> [String] {
        guard module.function(named: root)?.isDefinition == true else { return [] }
        var seen: Set<String> = [root]
        var order = [root]
        var k = 0
        while k < order.count {
            for c in callees(of: module.function(named: order[k])!) where seen.insert(c).inserted { order.append(c) }
            k += 1
        }
        return order
    }

    /// An analyzer that charges releases what `deinitCost` says (one round of the deinit
    /// fixpoint runs such an analyzer with the previous round's costs).
    init(module: Module, options: AnalysisOptions, deinitCost: DeinitCost) {
        self.module = module
        self.options = options
        let layout = options.layoutEngine(for: module)
        let text = InstructionText(module: module)
        let constants = ConstantEvaluator(text: text)
        let granularity = max(1, options.granularity)
        let overhead = max(0, options.overhead)
        var summariesRef: (String) -> FunctionSummary? = { _ in nil }
        var specializedRef: (String, CallContext) -> (key: SummaryKey, summary: FunctionSummary)? = { _, _ in nil }
        var foreignRef: (String) -> FunctionSummary? = { _ in nil }
        var onDemandRef: (String) -> FunctionSummary? = { _ in nil }
        let stdlib = StdlibCallIndex(module: module)
        let storedCapacities = StoredArrayCapacities(module: module, text: text, layout: layout, stdlib: stdlib)
        let guardedCounts = GuardedGlobalCounts(module: module, text: text, constants: constants, stdlib: stdlib,
                                                capacityOfResult: { storedCapacities.capacity(ofResultOf: $0, in: $1) })
        context = AnalysisContext(
            module: module, layout: layout, text: text, types: TypeSpellings(module: module), constants: constants,
            sizer: AllocationSizer(layout: layout, text: text, constants: constants),
            resolver: CalleeResolver(module: module),
            releaseClasses: ReleaseClasses(module: module, layout: layout),
            noAllocationSymbols: options.noAllocationSymbols,
            charge: { n in alignUp(n + overhead, granularity) },
            summary: { summariesRef($0) },
            specialized: { specializedRef($0, $1) },
            summaryOnDemand: { onDemandRef($0) },
            foreignSummary: { foreignRef($0) },
            stdlib: stdlib,
            coroutineFrames: options.coroutineFrames,
            compilerAllocations: options.compilerAllocations,
            globalCounts: GlobalCountBounds(module: module, text: text, constants: constants, guarded: guardedCounts),
            storedCapacities: storedCapacities)
        summariesRef = { [unowned self] name in self.summaries[name] }
        for f in module.functions where f.isDefinition && Self.moduleName(ofSymbol: f.name) != nil {
            if let file = f.location?.file { context.userSourceFiles.insert(file) }
        }
        foreignRef = { [unowned self] symbol in self.foreign.summary(of: symbol) }
        context.deinitCost = deinitCost
        specializedRef = { [unowned self] name, call in self.specializedSummary(name, call) }
        onDemandRef = { [unowned self] name in self.summaryOnDemand(name) }
        if options.itemizePeaks { context.liveAllocations = LiveAllocationTable() }
    }

    /// Entry functions: `maxlive.entry` / `maxlive.daemon` functions and `--entry` names.
    public func roots() -> [(Function, EntryKind)] {
        var result: [(Function, EntryKind)] = []
        var seen = Set<String>()
        // Another module's function whose body came along (`public_external`, as Embedded
        // Swift deserializes every callee) is that module's entry, not this one's.
        for f in module.functions where f.isDefinition && !f.isCompilerCopy && !f.linkage.hasSuffix("_external") {
            if f.hasSemantics(Annotation.entry) || f.hasSemantics(Annotation.daemon) {
                if seen.insert(f.name).inserted { result.append((f, f.hasSemantics(Annotation.daemon) ? .daemon : .entry)) }
            }
        }
        if !options.extraEntries.isEmpty {
            // One pass over the functions, not one per wanted name.
            let wanted = Set(options.extraEntries)
            for f in module.functions where f.isDefinition && !f.isCompilerCopy && !f.linkage.hasSuffix("_external")
                && (wanted.contains(f.name) || wanted.contains(f.swiftName)) {
                if seen.insert(f.name).inserted { result.append((f, .entry)) }
            }
        }
        return result
    }

    /// Names of functions an entry's code may call (resolved targets only).
    private func callees(of f: Function) -> [String] { callSites(of: f).map(\.callee) }

    /// The functions `f` may call, each with the user's location of its first call site.
    private func callSites(of f: Function) -> [(callee: String, location: SourceLocation?)] {
        if let cached = callSitesCache[f.name] { return cached }
        var out: [String] = []
        var locations: [SourceLocation?] = []
        // Calls on the way to a trap (blocks ending in `unreachable`) are not edges: they are
        // not charged (FunctionAnalyzer.isTrapPath), so they must not make false recursion cycles.
        let live = f.blocks.filter { f.instructions[Int($0.terminatorIndex)].opcode != .unreachable }
        for inst in live.flatMap({ f.instructions[Int($0.instructions.lowerBound)..<Int($0.instructions.upperBound)] }) {
            var calleeValue: Int32? = nil
            if inst.opcode.isCall { calleeValue = f.operands(of: inst).first }
            else if inst.opcode == .builtin, context.text.builtinName(inst) == "once", f.operands(of: inst).count >= 2 {
                calleeValue = f.operands(of: inst)[f.operands(of: inst).startIndex + 1]
            }
            if inst.opcode == .functionRef, let n = context.text.referencedFunction(inst),
               module.function(named: n)?.isDefinition == true, !out.contains(n), !context.stdlib.entry(n).foreignStringPath {
                // A function used as a value may be called wherever the value goes.
                out.append(n)
                locations.append(module.userLocation(of: inst))
            }
            guard let v = calleeValue, case .functions(let names) = context.resolver.targets(ofCallee: v, in: f) else { continue }
            for n in names where module.function(named: n)?.isDefinition == true && !out.contains(n) {
                // Not followed, so not an edge either (EmbeddedStrings.swift).
                if context.stdlib.entry(n).foreignStringPath { continue }
                out.append(n)
                locations.append(module.userLocation(of: inst))
            }
        }
        let sites = Array(zip(out, locations)).map { (callee: $0.0, location: $0.1) }
        callSitesCache[f.name] = sites
        return sites
    }

    /// The calls from `entry` to the nearest function whose Swift name is `target` (a
    /// breadth-first search over resolved calls), or nil when it is not reached.
    private func callChain(from entry: Function, to target: String) -> [CallSite]? {
        var previous: [String: (caller: String, site: CallSite)] = [:]
        var queue = [entry.name]
        var seen: Set<String> = [entry.name]
        var head = 0
        while head < queue.count {
            let name = queue[head]
            head += 1
            guard let f = module.function(named: name) else { continue }
            for (callee, location) in callSites(of: f) where seen.insert(callee).inserted {
                guard let g = module.function(named: callee) else { continue }
                previous[callee] = (name, CallSite(caller: f.swiftName, callee: g.swiftName, file: location.map { module.fileName($0) },
                                                   line: location.map { Int($0.line) }, column: location.map { Int($0.column) }))
                if g.swiftName == target {
                    var chain: [CallSite] = []
                    var at = callee
                    while let p = previous[at] { chain.append(p.site); at = p.caller }
                    return chain.reversed()
                }
                queue.append(callee)
            }
        }
        return nil
    }

    public func run() -> AnalysisResult {
        let entryList = roots()
        summarizeReachable(from: entryList.map(\.0.name))
        return assemble(entryList)
    }

    /// Tarjan's SCCs over the call graph reachable from `roots` (functions already summarised
    /// are leaves), then each component summarised, callees first.
    private func summarizeReachable(from roots: [String]) {
        var index: [String: Int] = [:]
        var low: [String: Int] = [:]
        var onStack = Set<String>()
        var stack: [String] = []
        var counter = 0
        var components: [[String]] = []
        for root in roots where index[root] == nil && summaries[root] == nil {
            var work: [(String, Int)] = [(root, 0)]
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack.insert(root)
            while let (v, k) = work.last {
                let succ = callees(of: module.function(named: v)!).filter { summaries[$0] == nil }
                if k < succ.count {
                    work[work.count - 1].1 += 1
                    let w = succ[k]
                    if index[w] == nil {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(w); onStack.insert(w)
                        work.append((w, 0))
                    } else if onStack.contains(w) {
                        low[v] = min(low[v]!, index[w]!)
                    }
                } else {
                    work.removeLast()
                    if let (parent, _) = work.last { low[parent] = min(low[parent]!, low[v]!) }
                    if low[v] == index[v] {
                        var component: [String] = []
                        while let w = stack.popLast() {
                            onStack.remove(w)
                            component.append(w)
                            if w == v { break }
                        }
                        components.append(component)
                    }
                }
            }
        }
        for component in components { summarize(component) }
    }

    /// One result per entry (and per deep-reservation iteration entry).
    private func assemble(_ entryList: [(Function, EntryKind)]) -> AnalysisResult {
        var entries: [EntryResult] = []
        for (f, kind) in entryList {
            var s = summaries[f.name] ?? FunctionSummary()
            let peakBeforeResultRelease = s.peak
            chargeResultRelease(f, &s)
            var bound: Int? = s.isBounded ? s.peak : nil
            var items = s.peak > peakBeforeResultRelease ? resultReleaseItems(f, s) : s.peakItems
            if kind == .daemon, s.isBounded, let perIteration = s.iterationPeak { bound = perIteration; items = s.iterationItems }
            var entry = EntryResult(name: f.swiftName, symbol: f.name, kind: kind, bound: bound,
                                    reasons: s.reasons, assumptions: s.assumptions, path: completing(path(from: .function(f.name)), to: bound),
                                    file: f.location.map { module.fileName($0) }, line: f.location.map { Int($0.line) })
            if let table = context.liveAllocations, let bound {
                entry.liveAllocations = table.counts(itemized(items, to: bound, in: f, table: table))
            }
            for r in s.reasons where r.function != f.swiftName && entry.callChains[r.function] == nil {
                if let chain = callChain(from: f, to: r.function) { entry.callChains[r.function] = chain }
            }
            entries.append(entry)
        }
        for (f, kind) in foreign.annotatedEntries {
            // A system call handler (or kernel thread) written in C.
            let s = foreign.summary(of: f.symbol) ?? FunctionSummary()
            var bound: Int? = s.isBounded ? s.peak : nil
            if kind == .daemon { bound = nil }
            var reasons = s.reasons
            if kind == .daemon {
                reasons.append(Finding(kind: .unboundedLoop, message: "C daemons are not analysed per iteration yet: write the kernel thread's loop in Swift",
                                       function: f.symbol, file: f.site.file, line: f.site.line))
            }
            entries.append(EntryResult(name: f.symbol, symbol: f.symbol, kind: kind, bound: bound, reasons: reasons,
                                       assumptions: s.assumptions, path: completing(path(from: .foreign(f.symbol)), to: bound),
                                       file: f.site.file, line: f.site.line))
        }
        for it in iterationEntries {
            // Named like `#fileID` (Module/File.swift), which the kernel can spell in source.
            let fileID = "\(Self.moduleName(ofSymbol: it.function) ?? moduleName())/\((it.file ?? "?").split(separator: "/").last.map(String.init) ?? "?")"
            let name = "\(it.swiftName)@\(fileID):\(it.line ?? 0)"
            if entries.contains(where: { $0.name == name }) { continue }
            entries.append(EntryResult(name: name, symbol: it.function, kind: .iteration,
                                       bound: it.reasons.isEmpty ? it.peak : nil, reasons: it.reasons,
                                       assumptions: it.assumptions, path: completing(iterationPath(it), to: it.reasons.isEmpty ? it.peak : nil),
                                       file: it.file, line: it.line))
        }
        disambiguateNames(&entries)
        if options.compilerAllocations == nil {
            for k in entries.indices where entries[k].kind != .iteration || entries[k].symbol != "" {
                entries[k].assumptions.append(Finding(
                    kind: .uncheckedSizes,
                    message: "heap sizes and stack promotion follow the layout rules, not checked against the compiler's IR (give --irgen with --sil, or let maxlive compile the sources)",
                    function: entries[k].name, file: nil, line: nil))
            }
        }
        var result = AnalysisResult(module: moduleName(), entries: entries,
                                    functionsParsed: module.functions.filter(\.isDefinition).count,
                                    instructions: module.functions.reduce(0) { $0 + $1.instructions.count },
                                    functionsAnalyzed: summaries.count + contextSummaries.count)
        result.compilerCheck = compilerCheckStats(entries)
        result.warnings = warnings(entries)
        return result
    }

    private func warnings(_ entries: [EntryResult]) -> [Finding] {
        var found: [Finding] = []
        for f in module.functions {
            for s in f.attributes.semantics where s.hasPrefix("maxlive.") && !Annotation.all.contains(s) {
                let known = Annotation.all.sorted().joined(separator: ", ")
                found.append(Finding(kind: .unknownAnnotation, message: "unknown annotation '\(s)' on \(f.swiftName) is ignored (known: \(known))",
                                     function: f.swiftName, file: f.location.map { module.fileName($0) }, line: f.location.map { Int($0.line) }))
            }
        }
        if entries.isEmpty {
            found.append(Finding(kind: .noEntries, message: "no entries: no function has @_semantics(\"maxlive.entry\") or \"maxlive.daemon\", and none was given with --entry, so nothing was checked",
                                 function: "", file: nil, line: nil))
        }
        return found.uniqued()
    }

    private func compilerCheckStats(_ entries: [EntryResult]) -> CompilerCheckStats? {
        guard let ir = options.compilerAllocations else { return nil }
        let analysed = Set(summaries.keys.map { String($0.split(separator: "|", maxSplits: 1).first ?? Substring($0)) })
        var stats = CompilerCheckStats(functions: 0, allocationSites: 0, mismatches: 0)
        for name in analysed {
            guard let found = ir.allocations(of: name, isSILFunction: { module.function(named: $0) != nil }) else { continue }
            stats.functions += 1
            stats.allocationSites += found.count
        }
        var mismatches = Set<Finding>()
        for e in entries { mismatches.formUnion((e.reasons + e.assumptions).filter { $0.kind == .compilerAllocation }) }
        stats.mismatches = mismatches.count
        return stats
    }

    /// The module in a mangled name: `$e10KernelCore5readi…` → `KernelCore`.
    static func moduleName(ofSymbol symbol: String) -> String? {
        let chars = Array(symbol.utf8)
        guard chars.count > 3, chars[0] == UInt8(ascii: "$"), chars[1] == UInt8(ascii: "e") || chars[1] == UInt8(ascii: "s") else { return nil }
        var i = 2, n = 0
        while i < chars.count, chars[i] >= 48, chars[i] <= 57 { n = n * 10 + Int(chars[i] - 48); i += 1 }
        guard n > 0, i + n <= chars.count else { return nil }
        return String(decoding: chars[i..<(i + n)], as: UTF8.self)
    }

    private func moduleName() -> String {
        for f in module.functions where f.hasSemantics(Annotation.entry) || f.hasSemantics(Annotation.daemon) {
            if let m = Self.moduleName(ofSymbol: f.name) { return m }
        }
        // `sil_scope … parent @$e6Kernel…`: take the module from the first user file, else "".
        if let f = module.sourceFiles.first(where: { !$0.hasPrefix("<") }) {
            return String(f.split(separator: "/").last?.split(separator: ".").first ?? "")
        }
        return ""
    }

    private func isRecursive(_ component: [String]) -> Bool {
        if component.count > 1 { return true }
        guard let f = module.function(named: component[0]) else { return false }
        return callees(of: f).contains(component[0])
    }

    private func summarize(_ component: [String]) {
        guard isRecursive(component) else {
            let f = module.function(named: component[0])!
            let analyzer = FunctionAnalyzer(function: f, context: context)
            summaries[f.name] = analyzer.analyze()
            addIterationEntries(analyzer.iterationEntries)
            return
        }
        // A recursion cycle: find its depth marker. (Summaries can nest: C reached from this
        // cycle may need a Swift function summarised on the spot.)
        let enclosingComponent = currentComponent
        currentComponent = Set(component)
        defer { currentComponent = enclosingComponent }
        // Each function's own markers (the smallest depth it states), all listed as assumptions.
        var depths: [String: Int] = [:]
        var markerSites: [Finding] = []
        for name in component {
            let f = module.function(named: name)!
            for inst in f.instructions where inst.opcode == .apply {
                guard let callee = f.operands(of: inst).first,
                      case .functions(let targets) = context.resolver.targets(ofCallee: callee, in: f),
                      targets.contains(where: { module.function(named: $0)?.hasSemantics(Annotation.recursionDepth) ?? false }),
                      let arg = f.operands(of: inst).dropFirst().first,
                      let n = context.constants.constant(arg, in: f), n >= 0 else { continue }
                depths[name] = min(depths[name] ?? n, n)
                let loc = module.userLocation(of: inst)
                markerSites.append(Finding(kind: .recursionDepth, message: "\(f.swiftName) is at most \(n) frames deep (maxlive.recursion_depth)",
                                           function: f.swiftName, file: loc.map { module.fileName($0) }, line: loc.map { Int($0.line) }))
            }
        }
        let cycleText = component.compactMap { module.function(named: $0)?.swiftName }.joined(separator: " → ")
        var unboundedMessage: String? = nil
        var d = 0
        if depths.isEmpty {
            unboundedMessage = "recursion (\(cycleText)) has no maxlive.recursion_depth marker"
        } else {
            switch RecursionDepth.frames(component: component, depths: depths, callees: { n in module.function(named: n).map { self.callees(of: $0) } ?? [] }) {
            case .unmarkedCycle(let names):
                let spelled = names.compactMap { module.function(named: $0)?.swiftName }.joined(separator: " → ")
                unboundedMessage = "recursion (\(spelled)) has no maxlive.recursion_depth marker: these functions call each other without passing a marked one"
            case .frames(let n) where n > options.maxRecursionRounds:
                unboundedMessage = "recursion (\(cycleText)) may be \(n) frames deep, above the \(options.maxRecursionRounds) rounds the analysis evaluates"
            case .frames(let n):
                d = n
            }
        }
        if let message = unboundedMessage {
            for name in component {
                let f = module.function(named: name)!
                var s = FunctionSummary()
                s.parameterEscape = Array(repeating: .stored, count: 16)
                s.reasons = [Finding(kind: .unboundedRecursion, message: message, function: f.swiftName,
                                     file: f.location.map { module.fileName($0) }, line: f.location.map { Int($0.line) })]
                summaries[name] = s
            }
            return
        }
        // Round 0: frames that make no further recursive call cost what their own body costs.
        var current: [String: FunctionSummary] = [:]
        for name in component { var z = FunctionSummary(); z.parameterEscape = Array(repeating: .stored, count: 16); current[name] = z }
        var rounds = 0
        var previous: [String: Int] = [:]
        while rounds < d {
            rounds += 1
            for name in component { summaries[name] = current[name] }
            var next: [String: FunctionSummary] = [:]
            for name in component {
                let analyzer = FunctionAnalyzer(function: module.function(named: name)!, context: context)
                var s = analyzer.analyze()
                s.parameterEscape = s.parameterEscape.map { max($0, .returned) }
                s.parameterMemoryEscape = s.parameterMemoryEscape.map { max($0, .returned) }
                s.parameterDeepEscape = s.parameterDeepEscape.map { max($0, .returned) }
                s.assumptions.append(contentsOf: markerSites)
                next[name] = s
                if rounds == d { addIterationEntries(analyzer.iterationEntries) }
            }
            current = next
            // Stop early once a round changes nothing (the cycle's cost does not grow with depth).
            let peaks = current.mapValues { $0.peak &+ $0.retainedStored &+ $0.retainedReturned }
            if peaks == previous { break }
            previous = peaks
        }
        for name in component { summaries[name] = current[name] }
    }

    /// An entry's result is released by its caller (the dispatcher) as soon as the call
    /// returns: that last release runs the deinits of what the result holds, on top of
    /// everything the call left live.
    private func chargeResultRelease(_ f: Function, _ s: inout FunctionSummary) {
        let result = TypeExpressionParser.parse(FunctionSignature(module.text.string(f.type)).result)
        let cost = context.deinitCost.cost(of: context.releaseClasses.freed(by: result))
        guard cost.matters else { return }
        let atRelease = saturatingAdd(saturatingAdd(s.retainedStored, s.retainedReturned), cost.peak)
        s.peak = max(s.peak, atRelease)
        s.reasons += cost.reasons
    }

    /// What is live when an entry's result is released: what the call left, and the deinits'
    /// peak on top (`chargeResultRelease`).
    private func resultReleaseItems(_ f: Function, _ s: FunctionSummary) -> LiveItems? {
        guard let table = context.liveAllocations, var items = s.storedItems else { return nil }
        items.add(s.returnedItems ?? LiveItems())
        let deinits = s.peak - items.total
        let what = LiveAllocation(what: "the peak of the deinits that releasing the result runs", function: f.swiftName,
                                  file: f.location.map { module.fileName($0) }, line: f.location.map { Int($0.line) }, calls: [])
        items.add(table.kind(what), count: 1, bytes: deinits)
        return items
    }

    /// An entry's items made to add up to its bound: what the walk could not take apart (a C
    /// function's peak, a recursion's deeper levels summed in one summary) is one item of its own.
    private func itemized(_ items: LiveItems?, to bound: Int, in f: Function, table: LiveAllocationTable) -> LiveItems {
        var result = items ?? LiveItems()
        if result.total > bound { result.remove(result.total - bound) }
        if result.total < bound {
            let what = LiveAllocation(what: "the rest of the bound, summed in a summary and not taken apart (C code, deeper recursion)",
                                      function: f.swiftName, file: f.location.map { module.fileName($0) },
                                      line: f.location.map { Int($0.line) }, calls: [])
            result.add(table.kind(what), count: 1, bytes: bound - result.total)
        }
        return result
    }

    /// Overloads (`handle(_: Int)`, `handle(_: UInt8)`) share a Swift name; reports, tables and
    /// `explain` need one name per entry. Each overload is named with its parameter types,
    /// `handle(Int)` and `handle(UInt8)`, then with its result type, then with its symbol.
    private func disambiguateNames(_ entries: inout [EntryResult]) {
        let signatures: [(String) -> String?] = [
            { [module] symbol in module.function(named: symbol).map { FunctionSignature(module.text.string($0.type)).parameters } },
            { [module] symbol in module.function(named: symbol).map { FunctionSignature(module.text.string($0.type)).parametersAndResult } },
            { symbol in "[\(symbol)]" },
        ]
        for spell in signatures {
            let counts = Dictionary(entries.map { ($0.name, 1) }, uniquingKeysWith: +)
            guard counts.values.contains(where: { $0 > 1 }) else { return }
            for k in entries.indices where counts[entries[k].name]! > 1 {
                guard let suffix = spell(entries[k].symbol) else { continue }
                let base = entries[k].name.split(separator: "(").first.map(String.init) ?? entries[k].name
                entries[k].name = suffix.hasPrefix("[") ? "\(entries[k].name)\(suffix)" : base + suffix
            }
        }
    }

    /// One iteration's path: the loop's function at the iteration's peak, then its callee's path.
    private func iterationPath(_ it: IterationEntry) -> [PathFrame] {
        guard let site = it.peakSite else { return [] }
        let file = site.location.map { module.fileName($0) }, line = site.location.map { Int($0.line) }
        let first = PathFrame(function: it.swiftName, bytes: site.frameBytes, file: file, line: line)
        if let modelled = site.modelled {
            return [first, PathFrame(function: modelled.description, bytes: modelled.bytes, file: file, line: line)]
        }
        return [first] + (site.callee.map { path(from: $0) } ?? [])
    }

    /// The path, with what its frames do not show of the bound as a last frame of its own, so
    /// that the frames add up to the bound: the deeper levels of a recursion, coroutine frames
    /// and deinits counted in a callee's summary, a daemon's other iterations.
    private func completing(_ path: [PathFrame], to bound: Int?) -> [PathFrame] {
        guard let bound, !path.isEmpty else { return path }
        let shown = path.reduce(0) { saturatingAdd($0, $1.bytes) }
        guard shown < bound else { return path }
        let last = path[path.count - 1]
        let what = "the rest of the bound, summed in \(last.function)'s summary, not frame by frame (deeper recursion, coroutine frames, deinits)"
        return path + [PathFrame(function: what, bytes: bound - shown, file: nil, line: nil)]
    }

    /// The worst-case path: follow each frame's peak site into its callee.
    private func path(from root: SummaryKey) -> [PathFrame] {
        var frames: [PathFrame] = []
        var current: SummaryKey? = root
        var seen = Set<SummaryKey>()
        walk: while let key = current, frames.count < 64 {
            let name: String
            let summary: FunctionSummary?
            switch key {
            case .foreign(let symbol):
                // A C function: its frame at its peak, then on into its callee (C or Swift).
                guard let s = foreign.summary(of: symbol), let f = foreign.site(of: symbol), seen.insert(key).inserted else { break walk }
                let peak = foreign.peakSites[symbol]
                let site = peak?.site ?? f
                frames.append(PathFrame(function: symbol + " (C)", bytes: peak?.frameBytes ?? s.peak, file: site.file, line: site.line))
                current = peak?.callee
                continue
            case .function(let n):
                (name, summary) = (n, summaries[n])
            case .specialized(let n, _):
                (name, summary) = (n, contextSummaries[key])
            }
            guard let s = summary, let f = module.function(named: name) else { break }
            // Recursion: its deeper levels are summed, not shown frame by frame (`completing`).
            if seen.contains(key) { break }
            let site = s.peakSite
            let loc = site?.location ?? f.location
            frames.append(PathFrame(function: f.swiftName, bytes: site?.frameBytes ?? s.peak,
                                    file: loc.map { module.fileName($0) }, line: loc.map { Int($0.line) }))
            if let modelled = site?.modelled {
                // A call a model prices: its bytes, at the call, end the path.
                frames.append(PathFrame(function: modelled.description, bytes: modelled.bytes,
                                        file: loc.map { module.fileName($0) }, line: loc.map { Int($0.line) }))
                break
            }
            if !seen.insert(key).inserted { break }
            current = site?.callee
        }
        return frames
    }
}
