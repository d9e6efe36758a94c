// The bound of one function: the most bytes it (and its callees) can hold live at
// once, and what it leaves live for its caller.
//
// The walk is a forward pass over the CFG with loops collapsed innermost-first
// (Biscuit's sum / max / loop, without enumerating paths):
//
//   bb0:  %a = alloc_ref $A            live = 32            peak 32
//         apply @g()                   peak = 32 + peak(g)
//         cond_br %c, bb1, bb2
//   bb1:  %b = alloc_ref $B            live = 32 + 48       (branches: the larger side wins)
//   bb2:  …
//   loop: one iteration from zero → (peakIter, survivors); the loop costs
//         live + (T − 1) × survivors + peakIter, and leaves T × survivors live.
//
// Live bytes are kept per "death level": escaped into memory for good (0), returned
// to the caller (1), dying when the function returns (2), or dying at the end of an
// iteration of the loop at depth d (2 + d). At a join each level takes the larger
// side. An object that provably dies inside its own block (every user in that block,
// never stored in memory) is subtracted right after its last user: sound because its
// allocation precedes that point on every path.

import Layout
import SILModel

struct AnalysisContext {
    let module: Module
    let layout: LayoutEngine
    let text: InstructionText
    /// Scalar and class names and parsed function types, worked out once for the module.
    let types: TypeSpellings
    let constants: ConstantEvaluator
    let sizer: AllocationSizer
    let resolver: CalleeResolver
    /// Which classes a release can free (ReleaseClasses.swift).
    let releaseClasses: ReleaseClasses
    /// C symbols the user declared allocation-free (`--no-allocation`).
    let noAllocationSymbols: Set<String>
    /// Rounds a requested size to what the kernel allocator consumes.
    let charge: (Int) -> Int
    /// Summary of a callee by mangled name (nil: not analysed, i.e. in the current recursion cycle).
    let summary: (String) -> FunctionSummary?
    /// Summary of a callee in what a call site tells it (constant or bounded parameters,
    /// functions passed in, bounded arrays), keyed by `SummaryKey.specialized` (nil when it
    /// cannot be computed, e.g. inside a recursion cycle).
    let specialized: (String, CallContext) -> (key: SummaryKey, summary: FunctionSummary)?
    /// Summary of a function no call edge reaches (a witness the stdlib's inlined code runs),
    /// summarised on demand with everything it reaches (nil: in the current recursion cycle).
    let summaryOnDemand: (String) -> FunctionSummary?
    /// Summary of a C function read by the C front end, by symbol (nil: no C body).
    let foreignSummary: (String) -> FunctionSummary?
    /// What a release may cost: per class, the worst deallocating deinit (DeinitCost.swift).
    var deinitCost = DeinitCost()
    /// Which stdlib functions the models know (StdlibCallIndex.swift).
    let stdlib: StdlibCallIndex
    /// Coroutine frame sizes from LLVM IR (nil: none given).
    let coroutineFrames: [String: CoroutineFrame]?
    /// Source files of the program's own functions (not the stdlib's): an instruction inlined
    /// from one of them is reported at its own line.
    var userSourceFiles: Set<Int32> = []
    /// The heap allocations IRGen emits, per function (nil: no IR given; sizes unchecked).
    let compilerAllocations: CompilerAllocations?
    /// Global collections whose largest count the program states (maxlive.max_count).
    let globalCounts: GlobalCountBounds
    /// Arrays kept in stored properties and globals: the largest capacity the module ever
    /// puts there (StoredArrayCapacities.swift).
    let storedCapacities: StoredArrayCapacities
    /// The allocations itemized peaks name (nil: peaks are not itemized).
    var liveAllocations: LiveAllocationTable? = nil
}

/// What a call site costs, over all its possible targets.
struct CallCost {
    var peak = 0
    var retainedStored = 0
    var retainedReturned = 0
    /// Arguments whose object some of `retainedReturned` was stored into (FunctionSummary).
    var returnedThroughArguments: Set<Int> = []
    /// The part of `retainedStored` made by one-time global initializers (FunctionSummary).
    var retainedOnce = 0
    /// The part of `retainedStored` that is a bounded place's buffer, by place (FunctionSummary).
    var placeResidents: [String: Int] = [:]
    var reasons: [Finding] = []
    var assumptions: [Finding] = []
    /// The target with the largest peak (for the worst-case path).
    var worstTarget: SummaryKey?
    /// A call a model prices instead of its body (a collection's reallocation): what the
    /// worst-case path shows for it, with `peak` bytes.
    var modelled: String?
    /// What the worst target has live at its peak, and what the targets that keep the most
    /// leave live (only when itemizing; they may not add up to this cost's bytes, which a
    /// model or another target may have raised: then the call is one item).
    var peakItems: LiveItems?
    var storedItems: LiveItems?
    var returnedItems: LiveItems?
    /// Escape of each argument (max over targets).
    var parameterEscape: [Escape] = []
    /// Escape of each argument when it points into an object, so that what is read through
    /// it is the object's contents (max over targets; missing entries: as `parameterEscape`).
    var parameterMemoryEscape: [Escape] = []
    /// Escape of each argument's contents too, for an argument that holds the reference in its
    /// memory (a container: an array of objects made here). Missing entries: as `parameterEscape`.
    var parameterDeepEscape: [Escape] = []
    /// Calls to markers and ignored functions cost nothing at all.
    var isFree = false
    /// Globals the call may read or write (nil: unknown).
    var touchedGlobals: Set<String>? = []

    /// Adds one target's escapes; `memory` defaults to `general` (a target that does not
    /// tell the two apart).
    mutating func mergeEscapes(_ general: [Escape], memory: [Escape]? = nil, deep: [Escape]? = nil) {
        Self.merge(&parameterEscape, general)
        Self.merge(&parameterMemoryEscape, memory.flatMap { $0.count == general.count ? $0 : nil } ?? general)
        Self.merge(&parameterDeepEscape, deep.flatMap { $0.count == general.count ? $0 : nil } ?? general)
    }

    /// Sets every target's escapes at once (a model that prices the call instead of its body).
    mutating func setEscapes(_ escapes: [Escape]) {
        parameterEscape = escapes
        parameterMemoryEscape = escapes
        parameterDeepEscape = escapes
    }

    private static func merge(_ into: inout [Escape], _ other: [Escape]) {
        if into.count < other.count { into.append(contentsOf: repeatElement(.none, count: other.count - into.count)) }
        for (k, e) in other.enumerated() { into[k] = max(into[k], e) }
    }

    /// How argument `k` escapes, given what the walk follows it as.
    func escape(ofArgument k: Int, as use: ArgumentUse) -> Escape {
        guard k < parameterEscape.count else { return .stored }
        switch use {
        case .value: return parameterEscape[k]
        case .memory: return k < parameterMemoryEscape.count ? parameterMemoryEscape[k] : parameterEscape[k]
        case .container: return k < parameterDeepEscape.count ? parameterDeepEscape[k] : .stored
        case .bitsContainer: return .stored
        }
    }

    mutating func touch(_ globals: Set<String>?) {
        if let g = globals, touchedGlobals != nil { touchedGlobals!.formUnion(g) } else { touchedGlobals = nil }
    }
}

final class FunctionAnalyzer {
    let function: Function
    let context: AnalysisContext
    /// Constants and sizes, with the parameter values of this call context bound.
    let constants: ConstantEvaluator
    let sizer: AllocationSizer
    let cfg: ControlFlowGraph
    let loops: LoopForest
    /// What integer values can be where (ValueRanges.swift).
    let ranges: ValueRanges
    /// Where values go (ValueFlow.swift). Made once the growth models are built: the walk asks
    /// callees' costs, which know the collections' reallocation sites.
    private lazy var flow: ValueFlow = ValueFlow(function: function, module: context.module, types: context.types) {
        [unowned self] call, argument, use in
        let cost = self.callCost(call)
        if cost.isFree { return .none }
        guard let argument else { return self.capturedEscape(call, cost, as: use) }
        return cost.escape(ofArgument: argument, as: use)
    }
    private let groupCount: Int

    private var reasons: [Finding] = []
    private var assumptions: [Finding] = []
    /// Per instruction: allocation charged there.
    private var charges: [Int32: [Charge]] = [:]
    /// Per instruction: bytes released right after it (what some charge made).
    private var releases: [Int32: [Charge]] = [:]
    private var callCosts: [Int32: CallCost] = [:]
    private var tripCounts = LoopTrips()
    private var deepReservationLoops: Set<Int> = []
    private var regionCache: [Int: RegionResult] = [:]
    /// Arrays, dictionaries, sets and strings that grow (CollectionGrowth.swift).
    private(set) var growth = GrowthModel()
    /// What built `growth`; it also knows the stdlib's string-making calls.
    var growthBuilder: GrowthBuilder?
    /// Globals used as slots (GlobalSlots.swift).
    private lazy var slots = GlobalSlots(function: function, text: context.text, cfg: cfg, loops: loops,
                                         isTrapPath: { [unowned self] b in self.isTrapPath(b) },
                                         callTouches: { [unowned self] call in self.callCost(call).touchedGlobals },
                                         isCall: { [unowned self] i in self.isCall(self.function.instructions[Int(i)]) },
                                         flow: flow)
    private let maxDepth: Int
    private(set) var iterationEntries: [IterationEntry] = []
    /// This function's allocations checked against the compiler's IR (nil: not checked).
    private var compilerCheck: CompilerAllocationCheck.Outcome?

    /// Functions the call site passes for parameters that are function values.
    let parameterTargets: [Int32: [String]]
    /// What the call site knows of the arrays behind `@inout` parameters (ArrayParameterBound.swift).
    let arrayParameters: [Int32: ArrayParameterBound]

    init(function: Function, context: AnalysisContext, call: CallContext = CallContext()) {
        self.function = function
        self.context = context
        let parameterRanges = call.ranges
        var constants = context.constants
        var targets: [Int32: [String]] = [:]
        var arrays: [Int32: ArrayParameterBound] = [:]
        if let entry = function.blocks.first {
            for (k, arg) in function.arguments(of: entry).enumerated() {
                if k < parameterRanges.count, let r = parameterRanges[k], r.lo == r.hi { constants.bindings[arg] = r.lo }
                if let f = call.functions[k] { targets[arg] = f }
                if let a = call.arrays[k] { arrays[arg] = a }
            }
        }
        self.parameterTargets = targets
        self.arrayParameters = arrays
        self.constants = constants
        let cfg = ControlFlowGraph(function)
        let loops = LoopForest(cfg, blockCount: function.blocks.count)
        self.cfg = cfg
        self.loops = loops
        let ranges = ValueRanges(function: function, cfg: cfg, loops: loops, text: context.text, constants: constants)
        if let entry = function.blocks.first {
            for (k, arg) in function.arguments(of: entry).enumerated() where k < parameterRanges.count {
                if let r = parameterRanges[k], r.lo != r.hi { ranges.bindings[arg] = r }
            }
        }
        self.ranges = ranges
        var sizer = context.sizer
        sizer = AllocationSizer(layout: sizer.layout, text: sizer.text, constants: constants)
        sizer.ranges = ranges
        sizer.promotedObjects = sizer.stackPromoted(in: function)
        if let ir = context.compilerAllocations,
           let emitted = ir.allocations(of: function.name, isSILFunction: { context.module.function(named: $0) != nil }) {
            let outcome = CompilerAllocationCheck.check(function, sizer: sizer, text: context.text, compiler: emitted)
            sizer.heapOverrides = outcome.heapOverrides
            compilerCheck = outcome
        }
        self.sizer = sizer
        let maxDepth = loops.loops.map(\.depth).max() ?? 0
        self.maxDepth = maxDepth
        // 0 stored, 1 returned, 2 function end, 2 + d iteration of depth d, and then
        // replacedGroup(d): in a global slot until the next iteration of depth d assigns it.
        self.groupCount = 3 + 2 * maxDepth
    }

    // MARK: Locations

    /// The line of this function an instruction belongs to: its own, or for inlined code the
    /// outermost call it was inlined at (a frame of the worst-case path).
    func location(of instruction: Int32) -> SourceLocation? {
        context.module.userLocation(of: function.instructions[Int(instruction)])
    }

    /// Where a finding about an instruction points: its own line when it is the program's code,
    /// also when inlined from a helper (the loop or call the user must change), else the line
    /// of the outermost call it was inlined at (stdlib code).
    func findingLocation(of instruction: Int32) -> SourceLocation? {
        let inst = function.instructions[Int(instruction)]
        if let own = inst.location, context.userSourceFiles.contains(own.file) { return own }
        // Stdlib code inlined into the program's helper (a loop's iterator): the innermost
        // scope, up through lexical parents and inlining sites, that is the program's code.
        let scopes = context.module.scopes
        var scope = inst.scope
        for _ in 0..<64 {
            guard scope >= 0, Int(scope) < scopes.count, let s = scopes[Int(scope)] else { break }
            if let loc = s.location, context.userSourceFiles.contains(loc.file) { return loc }
            scope = s.parentScope >= 0 ? s.parentScope : s.inlinedAt
        }
        return location(of: instruction)
    }

    func finding(_ kind: Finding.Kind, _ message: String, at instruction: Int32?) -> Finding {
        let loc = instruction.flatMap { findingLocation(of: $0) } ?? function.location
        return Finding(kind: kind, message: message, function: function.swiftName,
                       file: loc.map { context.module.fileName($0) }, line: loc.map { Int($0.line) },
                       column: loc.map { Int($0.column) })
    }

    /// First instruction of a loop's header with a location, for messages.
    func loopSite(_ l: Int) -> Int32 {
        let header = function.blocks[loops.loops[l].header]
        var best = header.instructions.lowerBound
        for b in loops.loops[l].blocks.sorted() {
            for i in function.blocks[b].instructions where location(of: i) != nil { return i }
        }
        for i in header.instructions where location(of: i) != nil { best = i; break }
        return best
    }

    // MARK: Analysis

    /// Builds the growth models over the trip counts known now, keeping the builder: it also
    /// knows the stdlib's string-making calls.
    private func buildGrowth() {
        growthBuilder = GrowthBuilder(
            function: function, context: context, constants: constants, cfg: cfg, loops: loops, tripCounts: tripCounts, ranges: ranges,
            singleTarget: { [unowned self] call in self.singleTarget(of: call) },
            isTrapPath: { [unowned self] b in self.isTrapPath(b) },
            releaseTouches: { [unowned self] i in
                self.isRelease(self.function.instructions[Int(i)]) ? self.releaseCost(i).touchedGlobals : []
            },
            parameterArrays: arrayParameters)
        growth = growthBuilder!.build()
    }

    func analyze() -> FunctionSummary {
        flow.releaseMayKeepContents = { [unowned self] v in self.releaseMayKeepContents(of: v) }
        if loops.isIrreducible {
            reasons.append(finding(.irreducibleControlFlow, "irreducible control flow: loops cannot be bounded", at: nil))
        }
        ranges.arrayCountBound = { [unowned self] address in self.countBound(ofArrayAt: address) }
        ranges.arrayCapacityBound = { [unowned self] address in self.capacityBound(ofArrayAt: address) }
        // The check against the compiler's allocations sized this function's allocations
        // before the hooks were there: what it worked out without them is not kept.
        if compilerCheck != nil { ranges.forgetComputedRanges() }
        infeasible = findInfeasible()
        // Trip counts first: the growth models need them, and call costs use the model.
        findTripCounts()
        buildGrowth()
        inferTripCountsFromArrayCounts()
        keepInfeasibleOnlyApartFromWebs()
        flow.absorbingSlots = growth.absorbingSlots
        _ = slots
        // Parameter escapes (for callers).
        var parameterEscape: [Escape] = []
        var parameterMemoryEscape: [Escape] = []
        var parameterDeepEscape: [Escape] = []
        if let entry = function.blocks.first {
            // A parameter that is not a reference or a pointer may hold a caller's reference as
            // bits: its integers are followed too.
            let types = argumentTypes(of: entry)
            // Which parameters come `@owned` (nil when the entry block's arguments do not match
            // the parameters one to one: indirect results come first).
            let signature = context.types.signature(context.module.text.string(function.type))
            let ownedParameters = signature.parameterTypes.count == function.arguments(of: entry).count
                && !signature.parameterIsAddress.contains(true) ? signature.parameterIsOwned : nil
            for (k, arg) in function.arguments(of: entry).enumerated() {
                let type = k < types.count ? types[k] : ""
                let scalarRules = isReferenceOrPointer(type)
                var general = flow.flow(from: arg, scalarRules: scalarRules, startIsBits: flow.isScalarComposite(Substring(type))).escape
                // A count taken on the caller's object and never given back keeps it for good.
                if general != .stored, let owned = ownedParameters?[k], !flow.isScalarComposite(Substring(type)),
                   retainBalance.check(arg, startCount: owned ? 1 : 0) == .leaks {
                    general = .stored
                }
                parameterEscape.append(general)
                // An address or a pointer may point into the caller's object: then what is read
                // through it is that object's contents.
                let mayPointIntoObject = type.hasPrefix("*") || type.hasPrefix("Unsafe") || type.hasPrefix("Optional<Unsafe")
                let memory = mayPointIntoObject && general != .none
                    ? flow.flow(from: arg, scalarRules: scalarRules, startsInObject: true).escape : general
                parameterMemoryEscape.append(memory)
                // What is read from the parameter's memory, followed as well: for a caller that
                // passes memory holding its reference (an array of its objects), or follows
                // everything reachable from a value (which may be an address into an object).
                let covered = max(general, memory)
                if covered == .stored || flow.holdsOnlyScalars(type) {
                    parameterDeepEscape.append(covered)
                } else {
                    let contents = flow.flow(from: arg, scalarRules: scalarRules, startIsBits: flow.isScalarComposite(Substring(type)),
                                             followContents: true)
                    parameterDeepEscape.append(keepsCountOnRead(contents) ? .stored : max(covered, contents.escape))
                }
            }
        }
        flow.returnedParameters = Set(parameterEscape.indices.filter { parameterEscape[$0] == .returned })
        collectAllocations()
        chargeFieldObjects()
        chargeGrownArrays()
        chargePlaceResidents()
        chargeCompilerAllocations()

        let top = evaluateRegion(nil)
        var summary = FunctionSummary()
        summary.peak = top.peak
        summary.peakSite = top.peakSite
        if let f = summary.peakSite?.frameBytes, f < 0 { summary.peakSite?.frameBytes = 0 }
        summary.retainedStored = top.exitState?[0] ?? 0
        summary.retainedReturned = top.exitState?[1] ?? 0
        summary.returnedThroughArguments = summary.retainedReturned > 0 ? returnedThroughArguments : []
        if itemizing {
            summary.peakItems = top.peakItems ?? LiveItems()
            summary.storedItems = top.exitState?.items(in: 0) ?? LiveItems()
            summary.returnedItems = top.exitState?.items(in: 1) ?? LiveItems()
        }
        summary.retainedOnce = min(retainedOnce, summary.retainedStored)
        // A place this call changes without making a buffer (0) is passed on as one of its
        // changes; a buffer the call does not leave live is not passed on at all.
        summary.placeResidents = placeResidentsForCallers.filter { $0.value == 0 || min($0.value, summary.retainedStored) > 0 }
            .mapValues { min($0, summary.retainedStored) }
        summary.parameterEscape = parameterEscape
        summary.parameterMemoryEscape = parameterMemoryEscape
        summary.parameterDeepEscape = parameterDeepEscape
        summary.reasons = reasons.uniqued()
        for used in ranges.usedAssumptions { assumptions.append(finding(used.stated ? .maxCount : .storedCapacity, used.assumption, at: used.load)) }
        summary.assumptions = assumptions.uniqued()
        summary.touchedGlobals = touchedGlobals()
        // Only a daemon's bound reads it, and it is a second pass over the whole function.
        if function.hasSemantics(Annotation.daemon), loops.loops.contains(where: { $0.parent == nil }) {
            let once = evaluateRegion(nil, outerLoopsOnce: true)
            summary.iterationPeak = once.peak
            summary.iterationItems = once.peakItems
        }
        return summary
    }

    /// Globals this function and its callees may read or write (nil: unknown).
    private func touchedGlobals() -> Set<String>? {
        var result: Set<String>? = []
        for (b, block) in function.blocks.enumerated() where cfg.rpoIndex[b] >= 0 && !isTrapPath(b) {
            for index in block.instructions {
                let inst = function.instructions[Int(index)]
                if inst.opcode == .globalAddr || inst.opcode == .globalValue, let name = context.text.referencedFunction(inst) {
                    result?.insert(name)
                }
                if isCall(inst) {
                    guard let t = callCost(index).touchedGlobals else { return nil }
                    result?.formUnion(t)
                }
                if isRelease(inst) {
                    // The deinits a release may run touch what they touch.
                    guard let t = releaseCost(index).touchedGlobals else { return nil }
                    result?.formUnion(t)
                }
            }
        }
        return result
    }

    /// One iteration of loop `l`, including the object a global slot still holds from the
    /// previous iteration (live until this iteration assigns the slot).
    private func iterationPeak(of l: Int) -> Int {
        let r = evaluateRegion(l)
        let held = r.exitState?[replacedGroup(loops.loops[l].depth)] ?? 0
        let blocks = loops.loops[l].blocks
        let madeInLoop = hoisted.filter { $0.sites.contains { blocks.contains(Int(function.block(containing: $0))) } }
        return saturatingAdd(r.peak, madeInLoop.reduce(held) { saturatingAdd($0, $1.bytes) })
    }

    private func replacedGroup(_ depth: Int) -> Int { 2 + maxDepth + depth }

    // MARK: Calls

    /// What calling a closure does with what it captured: the callee's parameters after the
    /// call's own arguments are the captured values (`partial_apply` binds the trailing ones).
    /// A callee the analysis cannot name may do anything with them.
    private func capturedEscape(_ call: Int32, _ cost: CallCost, as use: ArgumentUse) -> Escape {
        let operands = function.operands(of: function.instructions[Int(call)])
        guard let callee = operands.first,
              case .functions(let names) = context.resolver.targets(ofCallee: callee, in: function, parameterTargets: parameterTargets),
              !names.isEmpty else { return .stored }
        let arguments = operands.count - 1
        let captured: ArgumentUse = use == .container || use == .bitsContainer ? use : .value
        return (arguments..<max(arguments, cost.parameterEscape.count)).map { cost.escape(ofArgument: $0, as: captured) }.max() ?? .none
    }

    func callCost(_ index: Int32) -> CallCost {
        if let cached = callCosts[index] { return cached }
        var cost = resolvedCallCost(index)
        if let web = growth.web(atSite: index) {
            // A collection reallocation: the growth model gives its heap (the old buffer on top
            // of the web's resident bytes, which are charged where the collection is made); the
            // stdlib function's own summary still says what it assumes and touches.
            // The old buffer is one allocation of its own: the allocator's rounding and header apply to it too.
            let transient = web.reason == nil ? web.transient(at: index) : 0
            cost.peak = transient > 0 ? context.charge(transient) : 0
            if cost.peak > 0 {
                let callee = singleTarget(of: index).flatMap { context.module.function(named: $0)?.swiftName } ?? "the reallocation"
                cost.modelled = "\(callee): the \(web.kind)'s old buffer, live while it is copied (\(web.kind) growth model)"
                cost.worstTarget = nil
            }
            cost.retainedStored = 0
            cost.retainedReturned = 0
            cost.reasons = web.reason.map { [finding(.dynamicSize, $0.message, at: $0.at)] } ?? []
            var escapes = Array(repeating: Escape.none, count: function.operands(of: function.instructions[Int(index)]).count)
            if web.sitesKeepArguments {
                // Arguments before the collection (the last) are moved into it.
                let arguments = function.operands(of: function.instructions[Int(index)]).count - 1
                for k in 0..<max(0, arguments - 1) { escapes[k] = .stored }
            }
            cost.setEscapes(escapes)
            cost.isFree = false
        } else if growth.makers.contains(index) {
            // Makes a dictionary or set from a literal: its web's resident bytes cover it (or
            // it is the static empty table).
            cost.peak = 0
            cost.retainedStored = 0
            cost.retainedReturned = 0
            cost.reasons = []
            cost.setEscapes(Array(repeating: .none, count: function.operands(of: function.instructions[Int(index)]).count))
        }
        if let code = growth.userCode[index] { addUserCode(code, to: &cost, at: index) }
        if let value = growth.releasedValues[index] { addValueRelease(value, to: &cost, at: index) }
        callCosts[index] = cost
        return cost
    }

    /// A modelled insertion that may release the value it replaces: the deinits that release may
    /// run, on top of the call's own bytes, and what they keep.
    private func addValueRelease(_ value: TypeExpression, to cost: inout CallCost, at index: Int32) {
        guard context.deinitCost.any.matters else { return }
        let deinits = context.deinitCost.cost(of: context.releaseClasses.freed(by: value))
        guard deinits.matters else { return }
        cost.peak = saturatingAdd(cost.peak, deinits.peak)
        cost.retainedStored = saturatingAdd(cost.retainedStored, deinits.retained)
        cost.reasons.append(contentsOf: deinits.reasons.map { anchor($0, at: index) })
        cost.touch(deinits.touchedGlobals)
        cost.isFree = false
    }

    /// The user's code a modelled stdlib call runs (a key type's hashing and equality, while a
    /// table grows): one witness at a time, on top of the call's own bytes. A witness that
    /// keeps memory, or whose cost is not known yet (a recursion cycle), leaves the call unbounded.
    private func addUserCode(_ names: [String], to cost: inout CallCost, at index: Int32) {
        var peak = 0
        for name in names {
            let readable = context.module.function(named: name)?.swiftName ?? name
            guard let s = context.summaryOnDemand(name) else {
                cost.reasons.append(finding(.dynamicSize, "the stdlib runs \(readable) here, which calls back into this code (recursion)", at: index))
                continue
            }
            if s.retainedStored > 0 || s.retainedReturned > 0 {
                cost.reasons.append(finding(.dynamicSize, "the stdlib runs \(readable) here for every element, and it keeps memory each time", at: index))
            }
            peak = max(peak, s.peak)
            cost.reasons.append(contentsOf: s.reasons.map { anchor($0, at: index) })
            cost.assumptions.append(contentsOf: s.assumptions.map { anchor($0, at: index) })
            cost.touch(s.touchedGlobals)
        }
        cost.peak = saturatingAdd(cost.peak, peak)
        cost.isFree = cost.isFree && peak == 0 && cost.reasons.isEmpty
    }

    /// A call's cost from its resolved targets' summaries.
    private func resolvedCallCost(_ index: Int32) -> CallCost {
        let inst = function.instructions[Int(index)]
        var cost = CallCost()
        if let made = growthBuilder?.madeString(index) {
            // A new string of known length (an integer's digits, a repeated literal): one buffer
            // when it does not fit a small string (the stdlib sizes it at run time; StringGrowth.swift).
            let bytes = context.charge(StringStorage.newString(maxLength: made.maxLength).bytes)
            cost.peak = bytes
            cost.retainedReturned = bytes
            cost.setEscapes(Array(repeating: .none, count: function.operands(of: inst).count))
            cost.assumptions.append(finding(.externalModel, "\(made.model) is modelled: at most \(made.maxLength) UTF-8 bytes, \(bytes) B", at: index))
            return cost
        }
        let ops = function.operands(of: inst)
        var calleeValue: Int32? = ops.first
        if inst.opcode == .builtin {
            // `builtin "once"(%token, %initializer)`: runs a global's initializer (permanent objects).
            calleeValue = ops.count >= 2 ? ops[ops.startIndex + 1] : nil
        }
        guard let callee = calleeValue else {
            cost.touchedGlobals = nil
            cost.reasons.append(finding(.unresolvedCall, "call with no callee operand", at: index))
            return cost
        }
        switch context.resolver.targets(ofCallee: callee, in: function, parameterTargets: parameterTargets) {
        case .unresolved(let why):
            cost.touchedGlobals = nil
            cost.reasons.append(finding(.unresolvedCall, "unresolved indirect call: \(why)", at: index))
        case .functions(let names):
            var allFree = !names.isEmpty
            for name in names {
                let target = context.module.function(named: name)
                if let t = target, t.attributes.semantics.contains(where: { Annotation.markers.contains($0) }) {
                    if t.hasSemantics(Annotation.loopBound) || t.hasSemantics(Annotation.recursionDepth) {
                        // The marker's meaning is read by the loop and recursion logic.
                    }
                    continue
                }
                if context.stdlib.entry(name).foreignStringPath {
                    // One wording for every such path, so the report lists it once per line.
                    cost.assumptions.append(finding(.externalModel, "foreign (bridged) string paths of the stdlib are not followed: Embedded Swift has no foreign strings (in the stdlib)", at: index))
                    continue
                }
                if context.stdlib.entry(name).utf16IndexConversion {
                    cost.assumptions.append(finding(.externalModel, "string indices marked UTF-16 are not converted: only foreign (bridged) strings make them, which Embedded Swift has none of (an index forged with unsafeBitCast would break this)", at: index))
                    continue
                }
                if context.stdlib.entry(name).normalizingComparison {
                    cost.reasons.append(finding(.dynamicSize, EmbeddedStrings.normalizingReason, at: index))
                    continue
                }
                if let t = target, t.hasSemantics(Annotation.ignore) {
                    cost.touchedGlobals = nil
                    cost.assumptions.append(finding(.ignored, "call to \(t.swiftName) is not analysed (maxlive.ignore)", at: index))
                    continue
                }
                if let t = target, t.hasSemantics(Annotation.evictable) {
                    cost.touchedGlobals = nil
                    cost.assumptions.append(finding(.evictable, "allocations in \(t.swiftName) fill an evictable cache and are not charged (maxlive.evictable)", at: index))
                    continue
                }
                allFree = false
                guard let t = target else {
                    cost.touchedGlobals = nil
                    cost.reasons.append(finding(.externalFunction, "call to @\(name), which is not in the module", at: index))
                    continue
                }
                if !t.isDefinition {
                    let symbol = t.attributes.asmName ?? t.name
                    if let s = context.foreignSummary(symbol) {
                        // A C function with a body in the C sources: joined by symbol.
                        if s.peak > cost.peak || cost.worstTarget == nil { cost.worstTarget = .foreign(symbol) }
                        cost.peak = max(cost.peak, s.peak)
                        cost.retainedStored = max(cost.retainedStored, s.retainedStored)
                        cost.reasons.append(contentsOf: s.reasons)
                        cost.assumptions.append(contentsOf: s.assumptions)
                        cost.touch(s.touchedGlobals)
                        cost.mergeEscapes(s.parameterEscape)
                        continue
                    }
                    if context.noAllocationSymbols.contains(symbol) {
                        cost.assumptions.append(finding(.externalModel, "external \(symbol) is trusted to allocate nothing (--no-allocation)", at: index))
                        cost.mergeEscapes(Array(repeating: .none, count: 8))
                        continue
                    }
                    if let model = ExternalModels.model(for: t) {
                        cost.assumptions.append(finding(.externalModel, "external \(model.name) is modelled as allocating nothing", at: index))
                        // memcpy and memmove copy what their source holds (the reference, for
                        // memory holding it) to a destination the walk does not follow.
                        var deep = Array(repeating: Escape.none, count: 8)
                        if ExternalModels.copiesMemory.contains(model.name) { deep[1] = .stored }
                        cost.mergeEscapes(Array(repeating: .none, count: 8), deep: deep)
                        continue
                    }
                    let named = t.swiftName == symbol ? symbol : "\(t.swiftName) (symbol \(symbol))"
                    cost.touchedGlobals = nil
                    // A Swift symbol of another module (the standard library's unspecialised
                    // generics, in ordinary Swift at -Onone) needs its body, not C or trust.
                    let remedy = symbol.hasPrefix("$s") || symbol.hasPrefix("$e")
                        ? "another Swift module's code that this build does not inline or specialise: analyse at -O or -Osize (optimization-levels in .maxlive.yml), or build as Embedded Swift, where every callee's body is in the caller's SIL"
                        : "give its C source with --c-source, or trust it with --no-allocation"
                    cost.reasons.append(finding(.externalFunction, "call to external function \(named) with no body and no model (\(remedy))", at: index))
                    continue
                }
                guard var s = context.summary(name) else {
                    // In the current recursion cycle: analysed by the cycle's fixpoint.
                    cost.touchedGlobals = nil
                    cost.mergeEscapes(Array(repeating: .stored, count: max(cost.parameterEscape.count, 16)))
                    continue
                }
                var key = SummaryKey.function(name)
                if !s.isBounded, names.count == 1, inst.opcode == .apply || inst.opcode == .tryApply {
                    // Context sensitivity: a size or trip count may depend on a parameter that is
                    // a constant here (`[UInt8](repeating: 0, count: 512)` calls an allocator with 512).
                    // The same for a value the code bounds (`min(n, 64)`): the callee sees its range.
                    let here = Int(function.block(containing: index))
                    let arguments: [IntRange?] = ops.dropFirst().map { arg in
                        if let c = constants.constant(arg, in: function) { return .exactly(c) }
                        let r = ranges.range(of: arg, at: here)
                        return r == .full || r.isEmpty ? nil : r
                    }
                    var functionArguments: [Int: [String]] = [:]
                    for (k, arg) in ops.dropFirst().enumerated() where isFunctionValue(arg) {
                        if case .functions(let f) = context.resolver.targets(ofCallee: arg, in: function, parameterTargets: parameterTargets), !f.isEmpty {
                            functionArguments[k] = f
                        }
                    }
                    let call = CallContext(ranges: arguments, functions: functionArguments, arrays: arrayArgumentBounds(index, callee: name))
                    if !call.isEmpty, let sp = context.specialized(name, call) {
                        s = sp.summary
                        key = sp.key
                    }
                }
                if !s.isBounded, names.count == 1 {
                    // A global handed to the callee whose count nothing bounds: say why first.
                    for message in unboundedGlobalArguments(index) { cost.reasons.append(finding(.dynamicSize, message, at: index)) }
                }
                if s.peak > cost.peak || cost.worstTarget == nil { cost.worstTarget = key; cost.peakItems = s.peakItems }
                if s.retainedStored >= cost.retainedStored { cost.storedItems = s.storedItems }
                if s.retainedReturned >= cost.retainedReturned { cost.returnedItems = s.returnedItems }
                cost.peak = max(cost.peak, s.peak)
                cost.retainedStored = max(cost.retainedStored, s.retainedStored)
                cost.retainedReturned = max(cost.retainedReturned, s.retainedReturned)
                cost.returnedThroughArguments.formUnion(s.returnedThroughArguments)
                // Several targets: only bytes every target makes once may be charged once.
                cost.retainedOnce = names.count == 1 ? s.retainedOnce : 0
                cost.placeResidents = names.count == 1 ? s.placeResidents : [:]
                cost.reasons.append(contentsOf: s.reasons.map { anchor($0, at: index) })
                cost.assumptions.append(contentsOf: s.assumptions.map { anchor($0, at: index) })
                cost.touch(s.touchedGlobals)
                cost.mergeEscapes(s.parameterEscape, memory: s.parameterMemoryEscape, deep: s.parameterDeepEscape)
            }
            cost.isFree = allFree && cost.reasons.isEmpty
        }
        // What a global's initializer keeps, it makes once per program.
        if inst.opcode == .builtin { cost.retainedOnce = cost.retainedStored }
        return cost
    }

    /// A finding inside compiler-generated or stdlib code is shown at the user's call site.
    private func anchor(_ f: Finding, at call: Int32) -> Finding {
        guard f.file == nil || f.file!.hasPrefix("<") else { return f }
        var g = f
        let site = finding(f.kind, f.message, at: call)
        g.file = site.file
        g.line = site.line
        g.column = site.column
        // The user's own line is the place to act; the stdlib function it happened in is noise,
        // and the same reason from several of them becomes one line.
        g.function = function.swiftName
        return g
    }

    /// Values that may be functions: made by function_ref/partial_apply/thin_to_thick…, or a bound parameter.
    private func isFunctionValue(_ v: Int32) -> Bool {
        if parameterTargets[v] != nil { return true }
        guard let i = function.definingInstruction(v) else { return false }
        switch function.instructions[Int(i)].opcode {
        case .functionRef, .dynamicFunctionRef, .partialApply, .thinToThickFunction, .convertFunction,
             .convertEscapeToNoescape, .markDependence:
            return true
        default:
            return false
        }
    }

    /// A release that may be the last one, running the object's deinit.
    func isRelease(_ inst: Instruction) -> Bool { Self.releases(inst, context.text) }

    /// Releases, `builtin "destroyArray"` (destroying elements in place runs their deinits), and
    /// assignments through an address that destroy the old value (`copy_addr` without `[init]`,
    /// `store … to [assign]`).
    static func releases(_ inst: Instruction, _ text: InstructionText) -> Bool {
        switch inst.opcode {
        case .strongRelease, .releaseValue, .destroyValue, .destroyAddr: return true
        case .builtin: return text.builtinName(inst) == "destroyArray"
        case .copyAddr, .store: return text.module.overwritesValue(inst)
        default: return false
        }
    }

    /// What release `index` may cost: the worst deinit of the classes its operand's type can
    /// free (ReleaseClasses.swift), memoized per instruction.
    func releaseCost(_ index: Int32) -> DeinitCost.Cost {
        // No deinit of the module costs anything: no need to find the released classes.
        guard context.deinitCost.any.matters else { return DeinitCost.Cost() }
        if let known = releaseCosts[index] { return known }
        let types = valueTypes ?? ValueTypes(function: function, classes: context.releaseClasses)
        valueTypes = types
        let inst = function.instructions[Int(index)]
        let freed = types.freed(by: inst)
        var cost = context.deinitCost.cost(of: freed)
        // (An existential or `AnyObject` release, whose classes are any, takes the module's worst
        // deinit once: in Embedded Swift no collection's storage becomes one without an unsafe cast.)
        if cost.retained > 0, freed.map({ $0.contains(where: Self.isCollectionStorage) }) ?? false || inst.opcode == .builtin {
            // A collection's release (or `destroyArray`) runs its elements' deinits once per
            // element: what each keeps adds up, as many times as the count.
            cost = perElement(cost, releasedBy: index)
        }
        releaseCosts[index] = cost
        return cost
    }

    /// A release cost repeated per element: `destroyArray`'s count when the code bounds it;
    /// otherwise a reason, since the collection's count is not known here.
    private func perElement(_ cost: DeinitCost.Cost, releasedBy index: Int32) -> DeinitCost.Cost {
        var c = cost
        let inst = function.instructions[Int(index)]
        let ops = Array(function.operands(of: inst))
        if inst.opcode == .builtin, ops.count >= 3,
           let n = ranges.upperBound(of: ops[2], at: Int(function.block(containing: index))), n >= 0 {
            c.retained = saturatingMultiply(c.retained, n)
            return c
        }
        c.reasons.append(finding(.dynamicSize, "releasing a collection of objects runs their deinit once per element, and each keeps \(cost.retained) B: the collection's count has no bound here (release the elements in a loop with a bound, or keep what the deinit makes elsewhere)", at: index))
        return c
    }

    private static func isCollectionStorage(_ key: String) -> Bool {
        ["_ContiguousArrayStorage", "_DictionaryStorage", "_SetStorage"].contains { key == $0 || key.hasPrefix($0 + "<") }
    }
    private var releaseCosts: [Int32: DeinitCost.Cost] = [:]
    private var valueTypes: ValueTypes?

    /// Whether releasing `value` may run a deinit that hands on what its object holds (by the
    /// classes a release of its type may free; any deinit when the type is not known).
    func releaseMayKeepContents(of value: Int32) -> Bool {
        guard context.deinitCost.any.keepsContents else { return false }
        let types = valueTypes ?? ValueTypes(function: function, classes: context.releaseClasses)
        valueTypes = types
        let freed = types.type(of: value).flatMap { context.releaseClasses.freed(by: $0) }
        return context.deinitCost.cost(of: freed).keepsContents
    }

    func isCall(_ inst: Instruction) -> Bool {
        if inst.opcode.isCall { return true }
        if inst.opcode == .builtin, context.text.builtinName(inst) == "once" { return true }
        return false
    }

    // MARK: Allocations and their lifetimes

    /// A block ending in `unreachable` is the way to a trap (a failed precondition, a
    /// fatalError): the system stops there whatever the heap holds, so its calls and
    /// allocations are not charged, like the compiler's own performance checks do.
    /// Blocks no run reaches are not charged either (see `infeasible`).
    func isTrapPath(_ b: Int) -> Bool {
        function.instructions[Int(function.blocks[b].terminatorIndex)].opcode == .unreachable || infeasible.contains(b)
    }

    /// Blocks no run reaches: the side of a `cond_br` whose condition the code decides (the
    /// count of an empty literal compared with 0, a parameter's range in this calling context
    /// against a guard), when that branch is its only way in, and every block it dominates.
    private var infeasible: Set<Int> = []

    /// A collection web charges its buffer where the collection is made, and a path that starts
    /// from the empty singleton may lean on that charge where the paths merge: when a web's
    /// source or maker is in a block found dead, nothing is taken as dead (as if the
    /// conditions were unknown).
    private func keepInfeasibleOnlyApartFromWebs() {
        guard !infeasible.isEmpty else { return }
        let made = growth.webs.flatMap(\.sources) + Array(growth.makers)
        if made.contains(where: { infeasible.contains(Int(function.block(containing: $0))) }) { infeasible = [] }
    }

    private func findInfeasible() -> Set<Int> {
        var dead: Set<Int> = []
        for b in cfg.reversePostOrder {
            let term = function.instructions[Int(function.blocks[b].terminatorIndex)]
            guard term.opcode == .condBr, let condition = function.operands(of: term).first else { continue }
            let successors = Array(function.successors(of: term)).map { Int($0.block) }
            guard successors.count == 2, successors[0] != successors[1],
                  let taken = ranges.decided(condition) else { continue }
            let notTaken = successors[taken ? 1 : 0]
            guard cfg.predecessors[notTaken] == [b] else { continue }
            for d in cfg.reversePostOrder where cfg.dominates(notTaken, d) { dead.insert(d) }
        }
        return dead
    }

    private func collectAllocations() {
        for (b, block) in function.blocks.enumerated() where cfg.rpoIndex[b] >= 0 && !isTrapPath(b) {
            for index in block.instructions {
                let inst = function.instructions[Int(index)]
                if isCall(inst) {
                    let cost = callCost(index)
                    reasons.append(contentsOf: cost.reasons)
                    assumptions.append(contentsOf: cost.assumptions)
                    if inst.opcode == .beginApply { chargeCoroutineFrame(index, in: b) }
                    if cost.retainedReturned > 0 {
                        let results = resultValues(of: index)
                        let withContents = flow.resultMayHoldReferences(inst)
                        let owned = returnsOwned(inst) ? results : []
                        let filled = filledArguments(of: index, cost)
                        let carriers = results + (filled ?? [])
                        let kept = results.isEmpty || filled == nil ? nil
                            : keptAsElement(carriers, definedIn: b, at: index, bytes: cost.retainedReturned, withContents: withContents, owned: owned)
                        if let kept { elementObjects[kept.home, default: []].append((index, cost.retainedReturned, kept.stores)) }
                        let carried = kept != nil || results.isEmpty || filled == nil ? nil
                            : carriedToNextPass(carriers, definedIn: b, at: index, bytes: cost.retainedReturned, withContents: withContents, owned: owned)
                        let (group, diesAfter) = results.isEmpty || filled == nil ? (0, [])
                            : kept.map { ($0.group, $0.diesAfter) } ?? carried.map { ($0, []) }
                            ?? deathGroup(for: carriers, definedIn: b, at: index, withContents: withContents, owned: owned)
                        let charge = Charge(group: group, bytes: cost.retainedReturned, origin: .returnedByCall(index))
                        charges[index, default: []].append(charge)
                        for d in diesAfter { releases[d, default: []].append(charge) }
                    }
                    if cost.retainedStored > 0 || !cost.placeResidents.isEmpty { chargeRetained(cost, at: index) }
                    continue
                }
                if isRelease(inst), case let cost = releaseCost(index), cost.matters {
                    // A release may run a deinit that allocates: what it leaves live is kept.
                    if cost.retained > 0 { charges[index, default: []].append(Charge(group: 0, bytes: cost.retained, origin: .keptByDeinit(index))) }
                    reasons.append(contentsOf: cost.reasons.map { anchor($0, at: index) })
                    continue
                }
                guard let size = sizer.size(of: index, in: function) else { continue }
                switch size {
                case .notHeap:
                    continue
                case .unknown(let kind, let message):
                    reasons.append(finding(kind, message, at: index))
                case .bytes(let n):
                    if growth.coveredAllocations.contains(index) { continue }
                    let bytes = context.charge(n)
                    let results = Array(function.results(of: inst))
                    let counted = Self.countedAllocations.contains(inst.opcode) ? results : []
                    let kept = keptAsElement(results, definedIn: b, at: index, bytes: bytes, owned: counted)
                    if let kept { elementObjects[kept.home, default: []].append((index, bytes, kept.stores)) }
                    let carried = kept == nil ? carriedToNextPass(results, definedIn: b, at: index, bytes: bytes, owned: counted) : nil
                    let (group, diesAfter) = kept.map { ($0.group, $0.diesAfter) } ?? carried.map { ($0, []) }
                        ?? deathGroup(for: results, definedIn: b, at: index, owned: counted)
                    let charge = Charge(group: group, bytes: bytes, origin: .allocation(index))
                    charges[index, default: []].append(charge)
                    for d in diesAfter { releases[d, default: []].append(charge) }
                }
            }
        }
    }

    /// What the compiler's IR showed that SIL alone did not (CompilerAllocationCheck.swift):
    /// corrections are reported; an IR allocation nothing accounts for is charged for the
    /// whole call, kept, when the function has no loop, and makes it unbounded otherwise.
    private func chargeCompilerAllocations() {
        guard let check = compilerCheck else { return }
        for c in check.corrections { assumptions.append(finding(.compilerAllocation, c.message, at: c.instruction)) }
        guard !check.unmatched.isEmpty, let first = function.blocks.first?.instructions.lowerBound else { return }
        let sizes = check.unmatched.map { $0.bytes.map { "\($0) B" } ?? "a size computed at run time" }.joined(separator: ", ")
        let callers = Set(check.unmatched.map(\.allocator)).sorted().joined(separator: ", ")
        let lines = check.unmatched.compactMap(\.line)
        let at = lines.isEmpty ? "" : " (line\(lines.count > 1 ? "s" : "") \(lines.map(String.init).joined(separator: ", ")))"
        let known = check.unmatched.compactMap(\.bytes)
        if loops.loops.isEmpty && known.count == check.unmatched.count {
            let bytes = known.reduce(0) { saturatingAdd($0, context.charge($1)) }
            charges[first, default: []].append(Charge(group: 0, bytes: bytes, origin: .compilerAllocations))
            assumptions.append(finding(.compilerAllocation, "the compiler allocates \(sizes) on the heap\(at) with \(callers) that no SIL instruction shows; charged for the whole call", at: nil))
        } else {
            reasons.append(finding(.compilerAllocation, "the compiler allocates \(sizes) on the heap\(at) with \(callers) that no SIL instruction shows, in a function whose loops may repeat it", at: nil))
        }
    }

    /// Each grown collection, charged once at every place its storage is made, at its largest size.
    private func chargeGrownArrays() {
        let keptSources = collectionsKeptAsElements()
        for (w, web) in growth.webs.enumerated() where web.reason == nil {
            // A place's change that makes no buffer (a removal from a table nothing shares) is
            // still one of the place's changes, in place.
            if web.residentBytes == 0 {
                if web.chargedOnceForCall, let key = web.placeKey {
                    for a in web.assumptions { assumptions.append(finding(a.kind, a.message, at: a.at)) }
                    notePlaceResident(key, 0, sites: Array(web.sources), web: web.values, origin: .collection(w))
                }
                continue
            }
            if web.restartsInLoop, web.values.contains(where: { flow.flow(from: $0).escape != .none }) {
                reasons.append(finding(.dynamicSize, "\(web.kind) growth cannot be bounded: \(web.kind == "array" ? "an" : "a") \(web.kind) made afresh in each loop iteration escapes, so the iterations' \(web.kind)s may all stay live", at: web.firstSite))
                continue
            }
            let bytes = context.charge(web.residentBytes)
            for a in web.assumptions { assumptions.append(finding(a.kind, a.message, at: a.at)) }
            if web.chargedOnceForCall, let key = web.placeKey {
                notePlaceResident(key, bytes, sites: Array(web.sources), web: web.values, origin: .collection(w))
                continue
            }
            if web.chargedOnceForCall, let first = function.blocks.first?.instructions.first {
                charges[first, default: []].append(Charge(group: 0, bytes: bytes, origin: .collection(w)))
                hoisted.append((sites: Array(web.sources), bytes: bytes))
                continue
            }
            for source in web.sources {
                let b = Int(function.block(containing: source))
                guard cfg.rpoIndex[b] >= 0, !isTrapPath(b) else { continue }
                let (group, diesAfter) = keptSources[source] ?? deathGroup(for: Array(web.values), definedIn: b, at: source)
                let charge = Charge(group: group, bytes: bytes, origin: .collection(w))
                charges[source, default: []].append(charge)
                for d in diesAfter { releases[d, default: []].append(charge) }
                chargeElementObjects(of: w, at: source, group: group, diesWith: diesAfter)
            }
        }
    }

    /// Collections made per element of a capped array and kept only there (an object's array
    /// field, `Req(payload: [a, b])`): by source, the group each is charged in until the store
    /// that puts it in the array; from there the array's charge holds them, as many as its count.
    private func collectionsKeptAsElements() -> [Int32: (group: Int, diesAfter: [Int32])] {
        var kept: [Int32: (group: Int, diesAfter: [Int32])] = [:]
        for web in growth.webs where web.reason == nil && web.residentBytes > 0 && !web.chargedOnceForCall
            && web.placeKey == nil && !web.restartsInLoop {
            for source in web.sources {
                let b = Int(function.block(containing: source))
                guard cfg.rpoIndex[b] >= 0, !isTrapPath(b),
                      case let bytes = context.charge(web.residentBytes),
                      let home = keptAsElement(Array(web.values), definedIn: b, at: source, bytes: bytes, inFields: false),
                      !web.values.contains(where: { v in elementOwners.webOfValue[v].map { ObjectHome.elements($0) } == home.home }) else { continue }
                kept[source] = (home.group, home.diesAfter)
                elementObjects[home.home, default: []].append((source, bytes, home.stores))
            }
        }
        return kept
    }

    /// The objects a capped array alone keeps (`keptAsElement`), with its buffer: as many of
    /// each kind as its largest count and the elements read out that may be live beside it
    /// (`ArrayElementOwners.Home`). They die with the buffer unless elements are read out
    /// of it (a read-out may be the last to hold one); then they stay for the buffer's group.
    private func chargeElementObjects(of w: Int, at source: Int32, group: Int, diesWith diesAfter: [Int32]) {
        guard let objects = elementObjects[.elements(w)], let home = elementOwners.home(w) else { return }
        let count = saturatingAdd(growth.webs[w].maxCount, home.readOutsBesideElements)
        // What one store puts into an element: the objects that reach it (an object and the
        // array its initializer gave it). An element holds, at each part of it a store writes
        // (the whole element, or one field: `out[k].a = A(); out[k].b = B()`), what one store
        // there put: the costliest store's objects of every part, as many as the count, bound
        // them all.
        let stores = Set(objects.flatMap(\.stores))
        let byPart = Dictionary(grouping: stores.sorted(), by: { elementOwners.partOfElement(storedBy: $0) })
        for part in byPart.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            for charge in costliestStoreCharges(objects, among: byPart[part]!, count: count, group: group, origin: { .elementObjects($0, count: count) }) {
                charges[source, default: []].append(charge)
                if !home.readsElements { for d in diesAfter { releases[d, default: []].append(charge) } }
            }
        }
    }

    /// `count` of each object the costliest of `stores` puts into a home (what reaches that
    /// store: an object and the array its initializer gave it), one charge per object.
    private func costliestStoreCharges(_ objects: [HomeObject], among stores: [Int32], count: Int, group: Int,
                                       origin: (Int32) -> ChargeOrigin) -> [Charge] {
        func bundle(_ s: Int32) -> Int { objects.filter { $0.stores.contains(s) }.reduce(0) { saturatingAdd($0, $1.bytes) } }
        guard let costliest = stores.max(by: { (bundle($0), $1) < (bundle($1), $0) }) else { return [] }
        return objects.filter { $0.stores.contains(costliest) }.map {
            Charge(group: group, bytes: saturatingMultiply(count, $0.bytes), origin: origin($0.site))
        }
    }

    /// The objects a holder's field alone keeps (`keptAsElement`), with the holder: the one
    /// the field holds and those read out that may be live beside it, of the costliest store's
    /// objects. They die with the holder unless objects are read out of the field.
    private func chargeFieldObjects() {
        let homes = elementObjects.keys.compactMap { home -> Int? in if case .field(let f) = home { return f } else { return nil } }
        for f in homes.sorted() {
            guard let objects = elementObjects[.field(f)], let home = fieldOwners.home(f) else { continue }
            let site = fieldOwners.fields[f].holder
            let b = Int(function.block(containing: site))
            guard cfg.rpoIndex[b] >= 0, !isTrapPath(b) else { continue }
            let holder = Array(function.results(of: function.instructions[Int(site)]))
            let (group, diesAfter) = deathGroup(for: holder, definedIn: b, at: site, owned: holder)
            let count = 1 + home.readOutsBesideField
            let stores = Set(objects.flatMap(\.stores)).sorted()
            for charge in costliestStoreCharges(objects, among: stores, count: count, group: group, origin: { .fieldObjects($0, count: count) }) {
                charges[site, default: []].append(charge)
                if !home.readsOut { for d in diesAfter { releases[d, default: []].append(charge) } }
            }
        }
    }

    /// What a call leaves live for good: at the call, but what one-time initializers made only
    /// once, from the function's start (so a loop that calls them does not multiply it).
    private func chargeRetained(_ cost: CallCost, at index: Int32) {
        // A bounded place's buffer the callee keeps: charged once for the call, from the start.
        var inPlaces = 0
        for (calleeKey, bytes) in cost.placeResidents.sorted(by: { $0.key < $1.key }) {
            guard let key = callerPlaceKey(calleeKey, at: index) else { continue }
            let b = min(bytes, cost.retainedStored - inPlaces)
            // A callee that changes the place and keeps nothing of it (bytes 0) is one of the
            // place's changes here too.
            guard b > 0 || bytes == 0 else { continue }
            notePlaceResident(key, max(b, 0), sites: [index], origin: .placeKeptByCall(index, key))
            inPlaces += b
        }
        if inPlaces > 0 {
            chargedFromStart[index, default: 0] += inPlaces
            chargedFromStartOrigins[index, default: []].append(contentsOf: cost.placeResidents.keys.sorted().compactMap {
                callerPlaceKey($0, at: index).map { .placeKeptByCall(index, $0) }
            })
        }
        let stored = cost.retainedStored - inPlaces
        let once = min(cost.retainedOnce, stored)
        if stored > once { charges[index, default: []].append(Charge(group: 0, bytes: stored - once, origin: .keptByCall(index))) }
        if once > 0, let first = function.blocks.first?.instructions.first {
            // The same initializer (or the same function running it) at another site makes
            // the same objects: they exist once, from whichever site runs first.
            let key = onceKey(index)
            let already = key.flatMap { madeOnceBy[$0] }
            let extra = once - (already?.bytes ?? 0)
            if extra > 0 {
                charges[first, default: []].append(Charge(group: 0, bytes: extra, origin: .madeOnce(index)))
                retainedOnce = saturatingAdd(retainedOnce, extra)
            }
            if index != first {
                chargedFromStart[index, default: 0] += once
                chargedFromStartOrigins[index, default: []].append(.madeOnce(index))
            }
            if let already {
                hoisted[already.hoisted].sites.append(index)
                hoisted[already.hoisted].bytes = max(hoisted[already.hoisted].bytes, once)
                madeOnceBy[key!]!.bytes = max(already.bytes, once)
            } else {
                hoisted.append((sites: [index], bytes: once))
                if let key { madeOnceBy[key] = (once, hoisted.count - 1) }
            }
        }
    }

    /// What makes a call's one-time objects: the initializer a `builtin "once"` runs, or the
    /// one function a call reaches (nil: several).
    private func onceKey(_ index: Int32) -> String? {
        let inst = function.instructions[Int(index)]
        guard inst.opcode == .builtin else { return singleTarget(of: index) }
        let ops = function.operands(of: inst)
        guard ops.count >= 2, case .functions(let names) = context.resolver.targets(ofCallee: ops[ops.startIndex + 1], in: function, parameterTargets: parameterTargets),
              names.count == 1 else { return nil }
        return "once:" + names[0]
    }
    /// Parameters whose object some of what this function returns was stored into (FunctionSummary).
    private var returnedThroughArguments: Set<Int> = []
    /// The objects each home keeps: capped arrays' elements (ArrayElementOwners.swift) and
    /// holders' fields (HolderFieldOwners.swift).
    private var elementObjects: [ObjectHome: [HomeObject]] = [:]
    /// An allocation (or call) whose objects a home keeps: the bytes of one, and the stores that
    /// put them there.
    private typealias HomeObject = (site: Int32, bytes: Int, stores: Set<Int32>)
    private lazy var elementOwners = ArrayElementOwners(
        function: function, module: context.module, cfg: cfg, loops: loops, growth: growth, flow: flow,
        keepsCountOnRead: { [unowned self] r in self.keepsCountOnRead(r) },
        releaseMayKeepContents: { [unowned self] v in self.releaseMayKeepContents(of: v) }, deepEscape: { [unowned self] call, k in self.callCost(call).escape(ofArgument: k, as: .container) })
    /// Holders' fields that alone keep objects (HolderFieldOwners.swift).
    private lazy var fieldOwners = HolderFieldOwners(
        function: function, module: context.module, cfg: cfg, loops: loops, flow: flow,
        keepsCountOnRead: { [unowned self] r in self.keepsCountOnRead(r) },
        releaseMayKeepContents: { [unowned self] v in self.releaseMayKeepContents(of: v) },
        escape: { [unowned self] call, k, use in self.callCost(call).escape(ofArgument: k, as: use) })
    /// Bytes of one-time objects charged from the start per `onceKey`, and their `hoisted` entry.
    private var madeOnceBy: [String: (bytes: Int, hoisted: Int)] = [:]
    /// Charges moved to the function's start, with the instructions that really make them: a
    /// loop whose iterations are bounded on their own (a daemon's, a reserving loop's) holds
    /// them in the iteration that runs those instructions first.
    private var hoisted: [(sites: [Int32], bytes: Int)] = []
    /// Bytes of one-time initializers charged from the start (for this function's summary).
    private var retainedOnce = 0
    /// The buffers of each bounded place (`Web.placeKey`) this function's webs and callees keep,
    /// with the instructions that may make them: charged from the start (chargePlaceResidents).
    private var placeResidents: [String: [(bytes: Int, sites: [Int32], web: Set<Int32>, origin: ChargeOrigin)]] = [:]

    private func notePlaceResident(_ key: String, _ bytes: Int, sites: [Int32], web: Set<Int32> = [], origin: ChargeOrigin) {
        placeResidents[key, default: []].append((bytes, sites, web, origin))
    }

    /// What this function passes on to its callers as one bounded place's buffer, by place.
    private var placeResidentsForCallers: [String: Int] = [:]
    /// Places that hold one buffer through this call only because what may share them runs
    /// before the first change or after the last: not passed on (`holdsOneBuffer(place:)`).
    var placesKeptFromCallers: Set<String> = []

    /// One buffer per bounded place for the whole call: whatever changes the place here or in
    /// callees, it holds one array at a time, and each change's old buffer is its own cost. That
    /// holds while nothing here keeps a copy of the array between changes (a copy keeps a buffer
    /// made earlier in the call alive beside the next one) and no other call or deinit may touch
    /// it; otherwise each buffer counts on its own.
    private func chargePlaceResidents() {
        guard let first = function.blocks.first?.instructions.first else { return }
        let holding = placesHoldingOneBuffer()
        for (key, entries) in placeResidents.sorted(by: { $0.key < $1.key }) {
            let sites = entries.flatMap(\.sites)
            let bytes: Int
            let largest = entries.max { $0.bytes < $1.bytes }
            if holding.contains(key) {
                bytes = largest?.bytes ?? 0
                // Callers may unify it with their own changes of the place only if no copy of
                // its array leaves this function.
                if PlaceKey.isExported(key), !placeMayLeak(key), !placesKeptFromCallers.contains(key) { placeResidentsForCallers[key] = bytes }
            } else {
                // Not one buffer at a time: each change keeps its own, where it happens (a
                // loop around a change, or around a call that changes the place, keeps one
                // per iteration while something holds copies of the old ones).
                for entry in entries {
                    for site in entry.sites {
                        charges[site, default: []].append(Charge(group: 0, bytes: entry.bytes, origin: entry.origin))
                        if let early = chargedFromStart[site] { chargedFromStart[site] = max(0, early - entry.bytes) }
                    }
                }
                continue
            }
            guard bytes > 0 else { continue }
            // A property of an object made here: one buffer per object, from where it is made
            // (each iteration of a loop around that point makes another).
            if let object = placeObject(key), let at = function.definingInstruction(object) ?? function.blocks[function.definingBlock(object) ?? 0].instructions.first,
               at != first {
                charges[at, default: []].append(Charge(group: 0, bytes: bytes, origin: largest!.origin))
                continue
            }
            charges[first, default: []].append(Charge(group: 0, bytes: bytes, origin: largest!.origin))
            hoisted.append((sites: sites, bytes: bytes))
        }
    }

    /// The places that hold one buffer at a time through this function. Properties of objects
    /// that may be the same object (`a.map`, `b.map`) are decided together: a change of another
    /// such place, itself in place and keeping no copy, changes this one in place at worst, so
    /// it is let through, as long as every one of them holds one buffer (charging each is
    /// then sound whether the objects are one or several).
    private func placesHoldingOneBuffer() -> Set<String> {
        func parts(_ key: String) -> (changes: Set<Int32>, web: Set<Int32>) {
            let entries = placeResidents[key] ?? []
            return (Set(entries.flatMap(\.sites)), entries.reduce(into: Set<Int32>()) { $0.formUnion($1.web) })
        }
        var holding: Set<String> = []
        var properties: [String: Set<String>] = [:]
        for key in placeResidents.keys.sorted() {
            if let field = PlaceKey.fieldName(key) {
                properties[field, default: []].insert(key)
                continue
            }
            let (changes, web) = parts(key)
            if holdsOneBuffer(key, contributors: changes, webValues: web) { holding.insert(key) }
        }
        for (_, keys) in properties.sorted(by: { $0.key < $1.key }) {
            var candidates = keys
            var changed = true
            while changed {
                changed = false
                for key in candidates.sorted() {
                    let (changes, web) = parts(key)
                    var siblings: (changes: Set<Int32>, web: Set<Int32>) = ([], [])
                    for other in candidates where other != key {
                        let p = parts(other)
                        siblings.changes.formUnion(p.changes)
                        siblings.web.formUnion(p.web)
                    }
                    if !holdsOneBuffer(place: key, contributors: changes, webValues: web, siblings: siblings) {
                        candidates.remove(key)
                        changed = true
                    }
                }
            }
            holding.formUnion(candidates)
        }
        return holding
    }

    /// Whether the place `global:<symbol>` holds one buffer at a time through this function: its
    /// array (the global, or a parameter bound to it) is read here into no copy that may be kept,
    /// handed to nothing but the stdlib's in-place mutators, and no other call or release may touch it.
    private func holdsOneBuffer(_ key: String, contributors: Set<Int32>, webValues: Set<Int32>) -> Bool {
        guard growthBuilder != nil else { return false }
        if !key.hasPrefix("global:") { return holdsOneBuffer(place: key, contributors: contributors, webValues: webValues) }
        // The uses are indexed when some model had sites here; the webs are built by now.
        if growthBuilder!.users.isEmpty { growthBuilder!.indexUses() }
        let builder = growthBuilder!
        let symbol = String(key.dropFirst("global:".count))
        var roots: [Int32] = []
        for inst in function.instructions where inst.opcode == .globalAddr && context.text.referencedFunction(inst) == symbol {
            roots.append(contentsOf: function.results(of: inst))
        }
        roots.append(contentsOf: arrayParameters.filter { $0.value.placeKey == key }.map(\.key))
        if builder.mayKeepCopy(ofArrayAt: roots, besides: webValues, changes: contributors) { return false }
        // A global's one-time initializer stores its first value, before any other use.
        return nothingElseTouches(symbol) { i in
            let inst = self.function.instructions[Int(i)]
            return contributors.contains(i) || inst.opcode == .builtin && self.context.text.builtinName(inst) == "once"
        }
    }
    /// Calls whose one-time allocations are charged from the function's start, with those bytes.
    private var chargedFromStart: [Int32: Int] = [:]
    /// What those charges are (for itemized peaks).
    private(set) var chargedFromStartOrigins: [Int32: [ChargeOrigin]] = [:]

    /// What a call adds on top of the frame's charges while it runs. What a one-time
    /// initializer keeps is already charged from the start and is part of its peak whenever it
    /// is made during this call; had it run before, it adds nothing and those bytes are the
    /// ones charged. Either way the call adds at most its peak less those bytes.
    private func addedDuringCall(_ index: Int32, _ cost: CallCost) -> Int {
        guard let early = chargedFromStart[index] else { return cost.peak }
        return max(0, cost.peak - early)
    }

    /// A coroutine's frame, live from its `begin_apply` until the token's `end_apply` or
    /// `abort_apply` (CoroutineFrames.swift): the largest frame over the call's targets.
    private func chargeCoroutineFrame(_ index: Int32, in b: Int) {
        guard let frames = context.coroutineFrames else {
            reasons.append(finding(.coroutineFrame, "coroutine call (begin_apply): its frame may be on the heap with a size only the LLVM IR shows (compile the sources with maxlive, or pass --llvm-ir)", at: index))
            return
        }
        guard let callee = function.operands(of: function.instructions[Int(index)]).first,
              case .functions(let names) = context.resolver.targets(ofCallee: callee, in: function, parameterTargets: parameterTargets),
              !names.isEmpty else { return }    // an unresolved callee is already a reason
        var bytes = 0
        for name in names {
            switch frames[name] {
            case .bytes(let n)?:
                bytes = max(bytes, n)
            case .unknown(let allocator)?:
                reasons.append(finding(.coroutineFrame, "coroutine \(context.module.function(named: name)?.swiftName ?? name) allocates its frame with \(allocator) of a size that is not a constant", at: index))
            case nil:
                reasons.append(finding(.coroutineFrame, "coroutine \(context.module.function(named: name)?.swiftName ?? name) is not in the LLVM IR given, so its frame size is unknown", at: index))
            }
        }
        guard bytes > 0, let token = function.results(of: function.instructions[Int(index)]).last else { return }
        let charged = context.charge(bytes)
        let (group, diesAfter) = deathGroup(for: [token], definedIn: b, at: index)
        let charge = Charge(group: group, bytes: charged, origin: .coroutineFrame(index))
        charges[index, default: []].append(charge)
        for d in diesAfter { releases[d, default: []].append(charge) }
    }

    /// The one function a call can reach, if exactly one.
    func singleTarget(of call: Int32) -> String? {
        guard let callee = function.operands(of: function.instructions[Int(call)]).first,
              case .functions(let names) = context.resolver.targets(ofCallee: callee, in: function, parameterTargets: parameterTargets),
              names.count == 1 else { return nil }
        return names[0]
    }

    /// The arguments of call `index` whose objects the callee stored some of what it returns
    /// into (`CallCost.returnedThroughArguments`): those bytes die with the result only where
    /// each such object is this function's own allocation (followed with the result), or the
    /// object of a parameter this function hands back in turn (its callers decide). nil: an
    /// object that came from memory (a global's, another object's), which may keep them for good.
    private func filledArguments(of index: Int32, _ cost: CallCost) -> [Int32]? {
        guard !cost.returnedThroughArguments.isEmpty else { return [] }
        let ops = function.operands(of: function.instructions[Int(index)])
        var values: [Int32] = []
        for k in cost.returnedThroughArguments.sorted() {
            guard k + 1 < ops.count else { return nil }
            let v = ops[ops.startIndex + 1 + k]
            if case .local = flow.root(ofObject: v) {
                values.append(v)
            } else if let q = flow.argumentObject(of: v), flow.returnedParameters.contains(q) {
                values.append(v)
                returnedThroughArguments.insert(q)
            } else {
                return nil
            }
        }
        return values
    }

    private func resultValues(of index: Int32) -> [Int32] {
        let inst = function.instructions[Int(index)]
        if inst.opcode == .tryApply {
            // The callee's result reaches the caller as the normal block's argument, or as the
            // error block's argument when it throws: both carry what the call hands back.
            return function.successors(of: inst).flatMap { function.arguments(of: function.blocks[Int($0.block)]) }
        }
        return Array(function.results(of: inst))
    }

    /// The death level of an object defined by `values`, and the points after which it
    /// provably dies before that (see `lastUses`).
    /// `withContents`: the bytes charged include what the values' memory holds (what a call
    /// returns is everything reachable from its result), so what is read from that memory is
    /// followed too.
    /// `owned`: the values among them that hold a reference count of their own where they are
    /// defined; if a path leaves one of those counts behind (RetainBalance.swift), the object
    /// is never freed.
    private func deathGroup(for values: [Int32], definedIn block: Int, at index: Int32,
                            withContents: Bool = false, owned: [Int32] = []) -> (group: Int, diesAfter: [Int32]) {
        var escape = Escape.none
        var allValues: Set<Int32> = []
        var allUsers: Set<Int32> = []
        var stored = false
        var throughArguments: Set<Int> = []
        for v in values {
            let r = flow.flow(from: v, followContents: withContents)
            escape = max(escape, r.escape)
            allValues.formUnion(r.values)
            allUsers.formUnion(r.users)
            stored = stored || r.storedInMemory
            throughArguments.formUnion(r.returnedThroughArguments)
        }
        if escape == .returned { returnedThroughArguments.formUnion(throughArguments) }
        // A count never given back keeps the object for good, whoever else holds it.
        if escape != .stored, owned.contains(where: { retainBalance.check($0, startCount: 1) == .leaks }) { return (0, []) }
        if escape == .stored, let slot = slotGroup(for: values, definedIn: block, at: index, withContents: withContents) { return slot }
        switch escape {
        case .stored: return (0, [])
        case .returned: return (1, [])
        case .none: break
        }
        let group = localGroup(values: allValues, users: allUsers, definedIn: block)
        let releasePoints = stored || isCarried(allValues, definedIn: block) ? [] : lastUses(of: allUsers, allocatedIn: block, at: index)
        return (group, releasePoints)
    }

    /// The death group of an object that stays in the function: that of the innermost loop
    /// whose iteration it does not outlive (no value carrying it, no use of it, outside).
    private func localGroup(values: Set<Int32>, users: Set<Int32>, definedIn block: Int) -> Int {
        for l in loops.nest(of: block) {
            let loop = loops.loops[l]
            let headerArgs = Set(function.arguments(of: function.blocks[loop.header]))
            let survives = values.contains { v in
                if headerArgs.contains(v) { return true }
                guard let b = definingBlock(v) else { return true }
                return !loop.blocks.contains(b)
            } || users.contains { !loop.blocks.contains(Int(function.block(containing: $0))) }
            if !survives { return 2 + loop.depth }
        }
        return 2
    }

    /// Handed to the next iteration of a loop it is made in (a header argument takes it): a
    /// release in the loop then frees the object the iteration before made, not this one.
    private func isCarried(_ values: Set<Int32>, definedIn block: Int) -> Bool {
        loops.nest(of: block).contains { l in
            function.arguments(of: function.blocks[loops.loops[l].header]).contains(where: values.contains)
        }
    }

    /// An object whose one home beyond its own pass is the elements of a capped local array
    /// (ArrayElementOwners.swift) or the field of a local holder (HolderFieldOwners.swift): its
    /// group as a local object until the store that puts it there, which ends its own charge
    /// when that store is the only one and runs after it in the same pass; from there the
    /// home's charge holds it (`chargeElementObjects`, `chargeFieldObjects`).
    ///
    /// Taken only where it is cheaper than what the object costs kept for good: `bytes` for each
    /// pass of every loop around it (nothing bounds that when a loop has no trip count).
    private func keptAsElement(_ values: [Int32], definedIn block: Int, at index: Int32, bytes: Int, withContents: Bool = false,
                               owned: [Int32] = [], inFields: Bool = true) -> (group: Int, diesAfter: [Int32], home: ObjectHome, stores: Set<Int32>)? {
        var keptForGood: Int? = bytes
        for l in loops.nest(of: block) { keptForGood = keptForGood.flatMap { k in tripCounts[l].map { saturatingMultiply(k, $0) } } }
        // A field holds one object: with the one made and one read out beside it, three.
        let fieldHomes = inFields && (keptForGood.map { $0 > saturatingMultiply(3, bytes) } ?? true) ? fieldOwners.allAddresses : []
        guard !elementOwners.webOfValue.isEmpty || !fieldHomes.isEmpty else { return nil }
        var allValues: Set<Int32> = []
        var allUsers: Set<Int32> = []
        var stores: [Int32] = []
        var storedElsewhere = false
        let arrays = Set(elementOwners.webOfValue.keys)
        for v in values {
            let r = flow.flow(from: v, followContents: withContents, elementHomes: arrays, fieldHomes: fieldHomes)
            guard r.escape == .none else { return nil }
            allValues.formUnion(r.values)
            allUsers.formUnion(r.users)
            stores += r.elementStores
            storedElsewhere = storedElsewhere || r.storedInMemory
        }
        let homes = Set(stores.compactMap { store -> ObjectHome? in
            let ops = function.operands(of: function.instructions[Int(store)])
            guard ops.count == 2, case let address = ops[ops.startIndex + 1] else { return nil }
            if let f = fieldOwners.fieldOfAddress[address], fieldHomes.contains(address) { return .field(f) }
            return elementOwners.web(storedInto: address).map { .elements($0) }
        })
        guard homes.count == 1, let home = homes.first, !isCarried(allValues, definedIn: block) else { return nil }
        // As many as the home holds, those read out beside it, and the one being made.
        let held: Int
        switch home {
        case .elements(let w):
            guard let h = elementOwners.home(w) else { return nil }
            held = saturatingAdd(growth.webs[w].maxCount, h.readOutsBesideElements + 1)
        case .field(let f):
            // Kept in another container too, it may outlive the field's hold on it.
            guard !storedElsewhere, let h = fieldOwners.home(f) else { return nil }
            held = 2 + h.readOutsBesideField
        }
        if let keptForGood, keptForGood <= saturatingMultiply(held, bytes) { return nil }
        if owned.contains(where: { retainBalance.check($0, startCount: 1) == .leaks }) { return nil }
        let group = localGroup(values: allValues, users: allUsers, definedIn: block)
        var diesAfter: [Int32] = []
        if stores.count == 1, let store = stores.first {
            let b = Int(function.block(containing: store))
            if loops.innermost[b] == loops.innermost[block], b == block ? index < store : cfg.dominates(block, b) { diesAfter = [store] }
        }
        return (group, diesAfter, home, Set(stores))
    }

    /// An object handed to the next pass of the loop that makes it, and kept nowhere else: a
    /// loop's `last = Req(x)` (or a holder's field the optimizer carries in a block argument
    /// from pass to pass and stores after the loop). The next pass releases it when it hands on
    /// its own, so at any moment the loop holds the object carried in and the one being made.
    /// The object is charged for its own pass; one more, from the function's start, stands for
    /// the one carried in (and, after the loop, the last one). The loop group, or nil.
    ///
    /// It must reach no header argument but its own loop's, which must go nowhere, reach no
    /// other header argument, and be stored only outside every loop around the object (then
    /// only the last one is stored); taken only where cheaper than the object kept for good.
    private func carriedToNextPass(_ values: [Int32], definedIn block: Int, at index: Int32, bytes: Int, withContents: Bool = false,
                                   owned: [Int32] = []) -> Int? {
        guard let l = loops.innermost[block] else { return nil }
        var keptForGood: Int? = bytes
        for m in loops.nest(of: block) { keptForGood = keptForGood.flatMap { k in tripCounts[m].map { saturatingMultiply(k, $0) } } }
        if let keptForGood, keptForGood <= saturatingMultiply(2, bytes) { return nil }
        let nest = loops.nest(of: block)
        let headers = Set(nest.flatMap { function.arguments(of: function.blocks[loops.loops[$0].header]) })
        let ownHeader = Set(function.arguments(of: function.blocks[loops.loops[l].header]))
        // A store of what the walk follows (not into the object's own fields) inside the loops.
        func storesInLoop(_ r: FlowResult) -> Bool {
            r.storedInMemory && r.users.contains { u in
                let inst = function.instructions[Int(u)]
                return [.store, .storeBorrow, .copyAddr].contains(inst.opcode)
                    && function.operands(of: inst).first.map(r.values.contains) == true
                    && nest.contains { loops.loops[$0].blocks.contains(Int(function.block(containing: u))) }
            }
        }
        var carriers: Set<Int32> = []
        for v in values {
            let r = flow.flow(from: v, followContents: withContents)
            guard r.escape == .none, !storesInLoop(r) else { return nil }
            let reached = r.values.intersection(headers)
            guard reached.isSubset(of: ownHeader) else { return nil }
            carriers.formUnion(reached)
        }
        guard !carriers.isEmpty else { return nil }
        for a in carriers {
            let r = flow.flow(from: a, followContents: withContents)
            guard r.escape == .none, !storesInLoop(r), r.values.intersection(headers) == [a] else { return nil }
        }
        if owned.contains(where: { retainBalance.check($0, startCount: 1) == .leaks }) { return nil }
        // Each header argument carries one object of its own (`a = x`, and `b` now and then).
        if let first = function.blocks.first?.instructions.first {
            charges[first, default: []].append(Charge(group: 2, bytes: saturatingMultiply(carriers.count, bytes), origin: .carriedToNextPass(index)))
        }
        return 2 + loops.loops[l].depth
    }

    /// Whether a count is taken, and never given back, on a reference read from memory among
    /// `r`'s values (`_ = Unmanaged.passRetained(c.current!)`, a debug pin): the object it
    /// reads stays live for good, though nothing stores it.
    func keepsCountOnRead(_ r: FlowResult) -> Bool {
        r.values.contains { v in
            guard let d = function.definingInstruction(v), function.instructions[Int(d)].opcode == .load else { return false }
            return retainBalance.check(v, startCount: 0) == .leaks
        }
    }

    /// Allocations of reference-counted objects: the function holds one count on each.
    private static let countedAllocations: Set<Opcode> = [.allocRef, .allocRefDynamic, .partialApply, .allocBox, .allocExistentialBox]

    private lazy var retainBalance = RetainBalance(function: function, module: context.module, types: context.types, users: flow.users) { [unowned self] call, k in
        self.callCost(call).escape(ofArgument: k, as: .value) == .returned
    }

    /// A call whose result comes back `@owned`: the caller holds one count on it.
    private func returnsOwned(_ inst: Instruction) -> Bool {
        context.text.trailingFunctionType(inst).map { context.types.signature($0).resultIsOwned } ?? false
    }

    /// An object whose only escape is into a global slot (GlobalSlots.swift): the group it
    /// dies in, or nil if the slot keeps it for good.
    private func slotGroup(for values: [Int32], definedIn block: Int, at index: Int32, withContents: Bool) -> (group: Int, diesAfter: [Int32])? {
        guard !slots.addresses.isEmpty else { return nil }
        var escape = Escape.none
        var stores: [(store: Int32, global: String)] = []
        var allValues: Set<Int32> = []
        var allUsers: Set<Int32> = []
        for v in values {
            let r = flow.flow(from: v, slotGlobals: slots.addresses, followContents: withContents)
            // Stored anywhere but the slot: it may be part of a cycle, or kept elsewhere.
            if r.storedInMemory { return nil }
            escape = max(escape, r.escape)
            stores += r.slotStores
            allValues.formUnion(r.values)
            allUsers.formUnion(r.users)
        }
        guard escape == .none, let global = stores.first?.global, stores.allSatisfy({ $0.global == global }) else { return nil }
        // The region each store's object lives in: its innermost loop, or the function.
        let regions = Set(stores.map { loops.innermost[Int(function.block(containing: $0.store))] ?? -1 })
        guard regions.count == 1, let region = regions.first else { return nil }
        let loop: Int? = region >= 0 ? region : nil
        // Apart from the slot, the object must not outlive an iteration of that loop.
        if let l = loop {
            guard loops.innermost[block] == l else { return nil }
            let headerArgs = Set(function.arguments(of: function.blocks[loops.loops[l].header]))
            let outlives = allValues.contains { v in
                headerArgs.contains(v) || definingBlock(v).map { !loops.loops[l].blocks.contains($0) } ?? true
            } || allUsers.contains { !loops.loops[l].blocks.contains(Int(function.block(containing: $0))) }
            if outlives { return nil }
        }
        let depth = loop.map { loops.loops[$0].depth } ?? 0
        if stores.allSatisfy({ slots.reassignedBeforeRegionEnd($0.store, global, loop: loop) }) {
            // Assigned again before the region ends. If that happens in the same block, with no
            // use of the object after the release of the old value, it dies right there.
            var diesAfter: [Int32] = []
            if stores.count == 1, let store = stores.first?.store, function.block(containing: store) == Int32(block), index < store,
               let release = slots.releaseByNextAssignment(after: store, global),
               allUsers.allSatisfy({ function.block(containing: $0) == Int32(block) && $0 < release }) {
                diesAfter = [release]
            }
            return (2 + depth, diesAfter)
        }
        return loop == nil ? nil : (replacedGroup(depth), [])   // released by the next iteration's assignment
    }

    /// Points after which a local object is certainly dead, each on some paths:
    ///
    ///   bb0: %23 = apply @allocate(…)        allocation in A = bb0
    ///        br bb2
    ///   bb1: apply @sumOf(%37)               last user in D = bb1
    ///        strong_release %35              ← dies here
    ///        %51 = apply @allocate(…)        the next array no longer adds to it
    ///
    /// D qualifies when A dominates D (every path to D made the object), both are in the
    /// same loop iteration, and no user is reachable from D's end without a back edge.
    /// Subtracting at D is then exact on every path through D and changes nothing elsewhere.
    private func lastUses(of users: Set<Int32>, allocatedIn a: Int, at index: Int32) -> [Int32] {
        var lastInBlock: [Int: Int32] = [:]
        for u in users {
            let b = Int(function.block(containing: u))
            lastInBlock[b] = max(lastInBlock[b] ?? u, u)
        }
        if lastInBlock.isEmpty {
            return [index] // never used: dead right after it is made
        }
        var result: [Int32] = []
        let merge = emptyDiamondMerge(after: a)
        for (d, last) in lastInBlock {
            guard cfg.dominates(a, d) || merge.map({ cfg.dominates($0, d) }) == true,
                  loops.innermost[d] == loops.innermost[a] else { continue }
            if d == a && last < index { continue }
            // Is any user block reachable from d's end, not following back edges?
            var seen: Set<Int> = []
            var work = cfg.successors[d].filter { !cfg.dominates($0, d) }
            var reachesUser = false
            while let x = work.popLast() {
                guard seen.insert(x).inserted else { continue }
                if lastInBlock[x] != nil { reachesUser = true; break }
                for s in cfg.successors[x] where !cfg.dominates(s, x) { work.append(s) }
            }
            if !reachesUser {
                let terminator = function.blocks[d].terminatorIndex
                // A last use in the terminator (a return of something else, a branch) ends with the block.
                result.append(min(max(last, index), terminator))
            }
        }
        return result
    }

    /// The block where an allocation's side of a two-way branch rejoins the side that made
    /// nothing, as `Array(unsafeUninitializedCapacity:)` and friends compile (allocate, or take
    /// the empty singleton):
    ///
    ///   bbD: cond_br %c, bbA, bbE        bbA: %x = apply @allocate…   br bbM(%x)
    ///                                    bbE: %e = global_addr @empty… br bbM(%e)
    ///
    /// Every path into bbM leaves bbD with the same live bytes and only bbA adds any, so the
    /// state at bbM includes the allocation: releasing it below bbM is as sound as below bbA.
    /// nil unless every other predecessor of bbM comes straight from bbD and can neither
    /// allocate nor free.
    private func emptyDiamondMerge(after a: Int) -> Int? {
        guard cfg.successors[a].count == 1, cfg.predecessors[a].count == 1, let m = cfg.successors[a].first,
              m != a, loops.innermost[m] == loops.innermost[a] else { return nil }
        let branch = cfg.predecessors[a][0]
        for p in cfg.predecessors[m] where p != a {
            guard cfg.predecessors[p] == [branch], cfg.successors[p] == [m], isInert(block: p) else { return nil }
        }
        return m
    }

    /// A block of casts, literals and addresses of globals only: nothing it does touches the heap.
    private func isInert(block b: Int) -> Bool {
        let inert: Set<Opcode> = [.globalAddr, .addressToPointer, .rawPointerToRef, .upcast, .uncheckedRefCast,
                                  .integerLiteral, .structInst, .tupleInst, .enumInst, .structExtract, .tupleExtract,
                                  .debugValue, .br]
        let block = function.blocks[b]
        return block.instructions.allSatisfy { inert.contains(function.instructions[Int($0)].opcode) }
    }

    /// The types of a block's arguments, as its header prints them: `bb0(%0 : $Int, %1 : $Node)`.
    private func argumentTypes(of block: BasicBlock) -> [String] {
        let header = context.module.text.string(block.header)
        var types: [String] = []
        var depth = 0
        var current = ""
        var inType = false
        for c in header.dropFirst(header.firstIndex(of: "(").map { header.distance(from: header.startIndex, to: $0) + 1 } ?? 0) {
            if c == "(" || c == "<" || c == "[" { depth += 1 }
            if (c == ")" || c == "]" || (c == ">" && !current.hasSuffix("-"))) {
                if depth == 0 { break }
                depth -= 1
            }
            if c == "$" && depth == 0 && !inType { inType = true; current = ""; continue }
            if c == "," && depth == 0 {
                if inType { types.append(current.trimmingCharacters()) }
                inType = false
                continue
            }
            if inType { current.append(c) }
        }
        if inType { types.append(current.trimmingCharacters()) }
        return types
    }

    /// A class reference or an unsafe pointer (not an integer, a struct or a tuple, which
    /// could carry a reference's bits).
    private func isReferenceOrPointer(_ type: String) -> Bool {
        if type.hasPrefix("Unsafe") || type.hasPrefix("Optional<Unsafe") { return true }
        if type.hasPrefix("@") || type.hasPrefix("*") { return false }
        return context.layout.isNativeReference(TypeExpressionParser.parse(type))
    }

    private func definingBlock(_ v: Int32) -> Int? {
        guard Int(v) < function.valueDefinitions.count else { return nil }
        switch function.valueDefinitions[Int(v)] {
        case .instruction(let i, _): return Int(function.block(containing: i))
        case .blockArgument(let b, _): return Int(b)
        case .undefined: return nil
        }
    }

    // MARK: Loops

    private func findTripCounts() {
        var finder = TripCountFinder(function: function, cfg: cfg, loops: loops, text: context.text, constants: constants)
        finder.ranges = ranges
        let iterators = IteratorTripCount(function: function, module: context.module, text: context.text, loops: loops,
                                          constants: constants, ranges: ranges)
        // Outer loops first: an inner loop may end at an outer loop's counter, whose range
        // follows from the outer loop's trip count (ValueRanges' `headerRuns`). A range worked
        // out before a count was known stays as wide as it was: never narrower than the truth.
        let loopOfHeader = Dictionary(uniqueKeysWithValues: loops.loops.indices.map { (loops.loops[$0].header, $0) })
        ranges.headerRuns = { [unowned self] header in loopOfHeader[header].flatMap { self.tripCounts[$0] } }
        for l in loops.loops.indices.sorted(by: { loops.loops[$0].depth < loops.loops[$1].depth }) {
            // Markers directly in this loop (not in a nested one).
            var markerBlock: Int? = nil
            for b in loops.loops[l].blocks where loops.innermost[b] == l {
                for index in function.blocks[b].instructions {
                    let inst = function.instructions[Int(index)]
                    guard inst.opcode == .apply, let callee = function.operands(of: inst).first,
                          case .functions(let names) = context.resolver.targets(ofCallee: callee, in: function, parameterTargets: parameterTargets),
                          let target = names.first.flatMap({ context.module.function(named: $0) }) else { continue }
                    if target.hasSemantics(Annotation.loopBound) {
                        let args = function.operands(of: inst).dropFirst()
                        if let v = args.first, let n = constants.constant(v, in: function), n >= 0 {
                            if n < tripCounts[l] ?? .max { markerBlock = b }
                            tripCounts[l] = min(tripCounts[l] ?? n, n)
                            assumptions.append(finding(.loopBound, "loop runs at most \(n) iterations (maxlive.loop_bound)", at: index))
                        } else {
                            reasons.append(finding(.unboundedLoop, "maxlive.loop_bound marker without a constant argument (declare the marker @_optimize(none))", at: index))
                        }
                    }
                    if target.hasSemantics(Annotation.reserveIteration) {
                        deepReservationLoops.insert(l)
                    }
                }
            }
            if let n = tripCounts[l], let m = markerBlock, m != loops.loops[l].header {
                // The marker counts the runs of its block and of those it dominates; the pass
                // that leaves before reaching it runs the rest once more.
                let counted = loops.loops[l].blocks.filter { cfg.dominates(m, $0) }
                tripCounts.set(l, headerRuns: saturatingAdd(n, 1), fewer: Set(counted))
            }
            if tripCounts[l] == nil { inferTripCount(l, finder: finder, iterators: iterators) }
            // Its counter's range, worked out while its count was unknown, narrows now for
            // the loops inside it.
            if tripCounts[l] != nil, loops.loops.contains(where: { $0.depth > loops.loops[l].depth && loops.loops[l].blocks.contains($0.header) }) {
                ranges.forgetComputedRanges()
            }
        }
    }

    /// A trip count from the loop's own test or from the iterator it advances.
    private func inferTripCount(_ l: Int, finder: TripCountFinder, iterators: IteratorTripCount) {
        if let inferred = finder.inferredTripCount(l) {
            let header = loops.loops[l].header
            tripCounts.set(l, headerRuns: inferred.trips,
                           fewer: inferred.testedInHeader ? loops.loops[l].blocks.subtracting([header]) : [])
        } else if let count = iterators.tripCount(l) {
            tripCounts[l] = count
        } else if let runs = SimulatedTripCount(function: function, module: context.module, text: context.text, loops: loops, cfg: cfg).headerRuns(l) {
            tripCounts[l] = runs
        }
    }

    /// Loops that run once per element of an array the growth models bound (`map` and
    /// `filter` run over their source, `for x in a`) get their trip counts only once the
    /// models know that array's largest count; the models then run again with them, until no
    /// loop gains a trip count (`a.map(f).filter(g)` takes two rounds). Each round reads the
    /// counts of webs the round before bounded, so nothing rests on itself.
    private func inferTripCountsFromArrayCounts() {
        var unknown = loops.loops.indices.filter { tripCounts[$0] == nil }
        while !unknown.isEmpty {
            var largestCount: [Int32: Int] = [:]
            for web in growth.webs where web.reason == nil && web.kind == "array" {
                for v in web.values { largestCount[v] = max(largestCount[v] ?? 0, web.maxCount) }
            }
            guard !largestCount.isEmpty else { return }
            ranges.storageCountBound = { largestCount[$0] }
            ranges.forgetComputedRanges()
            var finder = TripCountFinder(function: function, cfg: cfg, loops: loops, text: context.text, constants: constants)
            finder.ranges = ranges
            let iterators = IteratorTripCount(function: function, module: context.module, text: context.text, loops: loops,
                                              constants: constants, ranges: ranges)
            for l in unknown.sorted(by: { loops.loops[$0].depth < loops.loops[$1].depth }) {
                inferTripCount(l, finder: finder, iterators: iterators)
            }
            let stillUnknown = unknown.filter { tripCounts[$0] == nil }
            guard stillUnknown.count < unknown.count else { return }
            unknown = stillUnknown
            buildGrowth()
        }
    }

    // MARK: Regions

    struct RegionResult {
        var peak: Int
        var peakSite: PeakSite?
        /// What is live at the peak (when itemizing).
        var peakItems: LiveItems?
        /// State at the end of an iteration (loops) or at return (the function).
        var exitState: LiveState?
    }

    /// The region walk's record of its highest point so far.
    private struct Peak {
        var bytes = 0
        var site: PeakSite? = nil
        var items: LiveItems? = nil

        /// Takes `candidate` as the new peak when it is higher (or when there is none yet and
        /// `always` is set); `items` is evaluated only then.
        mutating func raise(to candidate: Int, always: Bool = true, site newSite: @autoclosure () -> PeakSite?, items newItems: @autoclosure () -> LiveItems?) {
            guard candidate > bytes || (always && site == nil) else { return }
            bytes = max(bytes, candidate)
            if let s = newSite() { site = s }
            items = newItems()
        }
    }

    private var itemizing: Bool { context.liveAllocations != nil }

    /// Evaluates one iteration of loop `l` (or the whole function for nil), from zero live bytes.
    /// With `outerLoopsOnce`, the whole function with one iteration of each outermost loop (a
    /// daemon's bound: what it makes before its loop, then any one iteration).
    private func evaluateRegion(_ l: Int?, outerLoopsOnce: Bool = false) -> RegionResult {
        if let l, let cached = regionCache[l] { return cached }
        let zero = LiveState(groups: groupCount, itemizing: itemizing)
        let headerBlock = l.map { loops.loops[$0].header } ?? 0
        var inputs: [Int: LiveState] = [headerBlock: zero]
        var peak = Peak()
        var exitState: LiveState? = nil

        func inRegion(_ b: Int) -> Bool { l.map { loops.loops[$0].blocks.contains(b) } ?? true }
        /// The node (block or child loop header) that owns block `b` in this region.
        func node(of b: Int) -> Int {
            var x = loops.innermost[b]
            var top: Int? = nil
            while let y = x, y != l { top = y; x = loops.loops[y].parent }
            return top.map { loops.loops[$0].header } ?? b
        }

        for b in cfg.reversePostOrder where inRegion(b) && node(of: b) == b {
            guard var state = inputs[b] else { continue }
            var successors: [Int] = []
            let child = loops.innermost[b].flatMap { c -> Int? in
                var x: Int? = c
                while let y = x { if loops.loops[y].header == b && y != l { return y }; x = loops.loops[y].parent }
                return nil
            }
            if let c = child, loops.loops[c].parent == l {
                collapseLoop(c, into: &state, peak: &peak, outerLoopsOnce: outerLoopsOnce)
                for x in loops.loops[c].blocks {
                    for s in cfg.successors[x] where !loops.loops[c].blocks.contains(s) { successors.append(s) }
                }
            } else {
                // A plain block (a trap path costs nothing: see `isTrapPath`).
                for index in function.blocks[b].instructions where !isTrapPath(b) {
                    walkInstruction(index, state: &state, peak: &peak)
                }
                let term = function.instructions[Int(function.blocks[b].terminatorIndex)]
                if l == nil, term.opcode == .returnInst || term.opcode == .throwInst || term.opcode == .throwAddr {
                    exitState.merge(state)
                }
                successors = cfg.successors[b]
            }
            for s in successors {
                if let l, s == loops.loops[l].header || !loops.loops[l].blocks.contains(s) {
                    exitState.merge(state)   // back edge or loop exit: end of an iteration
                    continue
                }
                inputs[node(of: s)].merge(state)
            }
        }
        let result = RegionResult(peak: peak.bytes, peakSite: peak.site, peakItems: peak.items, exitState: exitState)
        if let l { regionCache[l] = result }
        return result
    }

    /// A nested loop `c`, collapsed: its iterations' peak on top of what earlier iterations
    /// left, and what all of them leave.
    private func collapseLoop(_ c: Int, into state: inout LiveState, peak: inout Peak, outerLoopsOnce: Bool) {
        let iteration = evaluateRegion(c)
        let depth = loops.loops[c].depth
        var survivors = iteration.exitState ?? LiveState(groups: groupCount, itemizing: itemizing)
        // Objects in a global slot that the next iteration assigns: one stays, not T.
        let replaced = survivors[replacedGroup(depth)]
        let replacedItems = survivors.items(in: replacedGroup(depth))
        survivors.clear(from: 2 + depth)
        let survivorBytes = survivors.total
        // A loop whose last pass only tests for the exit, at no cost, costs one
        // iteration fewer than its header runs (LoopTrips).
        var trips = extraPassIsFree(c) ? tripCounts[c].map { max($0 - 1, 0) } : tripCounts[c]
        if outerLoopsOnce {
            trips = 1
        } else if deepReservationLoops.contains(c) {
            trips = 1
            recordIterationEntry(c, iteration)
        } else if survivorBytes > 0 && trips == nil {
            reasons.append(finding(.unboundedLoop,
                "loop keeps \(survivorBytes) bytes live per iteration and has no bound (add maxlive.loop_bound or reserve per iteration)",
                at: loopSite(c)))
            trips = 1
        }
        let repeats = outerLoopsOnce || deepReservationLoops.contains(c) || (trips.map { $0 > 1 } ?? true)
        let t = max(trips ?? 1, 1)
        // From the second iteration on, the previous iteration's slot object is live
        // until the assignment releases it.
        let before = saturatingAdd(saturatingAdd(state.total, saturatingMultiply(t - 1, survivorBytes)), repeats ? replaced : 0)
        let candidate = saturatingAdd(before, iteration.peak)
        peak.raise(to: candidate, site: iteration.peakSite.map { site in
            var s = site
            s.frameBytes = saturatingAdd(site.frameBytes, before)
            return s
        }, items: {
            guard var items = state.allItems else { return nil }
            items.add(survivors.allItems ?? LiveItems(), times: t - 1)
            if repeats, let r = replacedItems { items.add(r) }
            items.add(iteration.peakItems ?? LiveItems())
            return items
        }())
        state.charge(survivors, times: t)
        state.charge(0, replaced, as: replacedItems)   // the last one stays in the slot
    }

    /// One instruction of a plain block: the peak of a call or a deinit on top of what is
    /// live, then what it charges and releases.
    private func walkInstruction(_ index: Int32, state: inout LiveState, peak: inout Peak) {
        let inst = function.instructions[Int(index)]
        if isCall(inst) {
            let cost = callCost(index)
            let added = addedDuringCall(index, cost)
            let candidate = saturatingAdd(state.total, added)
            if !cost.isFree {
                // The callee's path shows its whole peak; this frame, the rest. Inside a
                // loop's iteration the rest may be negative: bytes charged before the
                // loop that the callee's peak also counts (a place's buffer); the
                // loop's frame adds what was live before it.
                var site = PeakSite(instruction: index, frameBytes: candidate - cost.peak, callee: cost.worstTarget,
                                    location: location(of: index))
                if let modelled = cost.modelled { site.modelled = (modelled, cost.peak) }
                peak.raise(to: candidate, site: site, items: itemsDuringCall(index, cost, on: state, total: candidate))
            }
        }
        if inst.opcode == .endApply || inst.opcode == .abortApply, let token = function.operands(of: inst).first,
           let begin = function.definingInstruction(token), function.instructions[Int(begin)].opcode == .beginApply {
            // The coroutine's code after its yield runs here, with everything the
            // caller made meanwhile still live: its peak again, on top of now. What it
            // keeps was charged in full at the begin_apply and is part of that peak
            // wherever it already exists, so it is taken out of now first.
            let cost = callCost(begin)
            let candidate = saturatingAdd(max(0, state.total - cost.retainedStored), cost.peak)
            if !cost.isFree {
                peak.raise(to: candidate, always: false,
                           site: PeakSite(instruction: index, frameBytes: state.total, callee: cost.worstTarget, location: location(of: index)),
                           items: itemsDuringCall(begin, cost, on: state, total: candidate))
            }
        }
        if isRelease(inst), case let cost = releaseCost(index), cost.peak > 0 {
            let candidate = saturatingAdd(state.total, cost.peak)
            peak.raise(to: candidate, always: false,
                       site: PeakSite(instruction: index, frameBytes: state.total, callee: cost.worst.map { .function($0) }, location: location(of: index)),
                       items: {
                           guard var items = state.allItems else { return nil }
                           items.add(opaqueItems("the peak of the deinits this release may run", bytes: cost.peak, at: index))
                           return items
                       }())
        }
        if let added = charges[index] {
            for charge in added { state.charge(charge.group, charge.bytes, as: liveItems(charge)) }
            let now = state.total
            peak.raise(to: now, site: isCall(inst) ? nil : PeakSite(instruction: index, frameBytes: now, callee: nil, location: location(of: index)),
                       items: state.allItems)
        }
        if let freed = releases[index] {
            for charge in freed { state.release(charge.group, charge.bytes, preferring: liveItems(charge)) }
        }
    }

    /// Whether the pass of loop `l` that only some of its blocks run costs nothing: every block
    /// that may run once more than the others (the header's test, the code before a marker) has
    /// no charge, no call that allocates and no release that may run a deinit. Then the loop
    /// costs as many iterations as its other blocks run.
    private func extraPassIsFree(_ l: Int) -> Bool {
        guard let fewer = tripCounts.fewerRuns[l] else { return false }
        return loops.loops[l].blocks.subtracting(fewer).allSatisfy { b in
            function.blocks[b].instructions.allSatisfy { index in
                let inst = function.instructions[Int(index)]
                if charges[index] != nil { return false }
                if isCall(inst), case let cost = callCost(index), cost.peak > 0 || cost.retainedStored > 0 || cost.retainedReturned > 0 {
                    return false
                }
                if isRelease(inst) && releaseCost(index).peak > 0 { return false }
                return inst.opcode != .endApply && inst.opcode != .abortApply
            }
        }
    }

    private func recordIterationEntry(_ l: Int, _ iteration: RegionResult) {
        // The site is the call to the reservation function, which the kernel looks up by file and line.
        var site: Int32 = loopSite(l)
        outer: for b in loops.loops[l].blocks.sorted() where loops.innermost[b] == l {
            for index in function.blocks[b].instructions {
                let inst = function.instructions[Int(index)]
                if inst.opcode == .apply, let callee = function.operands(of: inst).first,
                   case .functions(let names) = context.resolver.targets(ofCallee: callee, in: function, parameterTargets: parameterTargets),
                   names.contains(where: { context.module.function(named: $0)?.hasSemantics(Annotation.reserveIteration) ?? false }) {
                    site = index
                    break outer
                }
            }
        }
        let loc = location(of: site)
        if iterationEntries.contains(where: { $0.line == loc.map { Int($0.line) } && $0.file == loc.map { context.module.fileName($0) } }) { return }
        assumptions.append(finding(.deepReservation, "loop reserves per iteration; counted as one iteration here", at: site))
        iterationEntries.append(IterationEntry(function: function.name, swiftName: function.swiftName,
                                               file: loc.map { context.module.fileName($0) }, line: loc.map { Int($0.line) },
                                               peak: iterationPeak(of: l), reasons: [], assumptions: [], peakSite: iteration.peakSite))
    }
}

