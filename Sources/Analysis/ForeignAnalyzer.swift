// The bound of a C function (ForeignCode.swift), with the rules used for Swift:
//
//   sequence     live bytes add up; the peak is the largest running total
//   call         peak = live + callee's peak; live += what the callee leaves live
//   branch       each side from the same state; the larger peak and end state win
//   loop         one iteration from zero → (peak, survivors); the loop costs
//                live + (T − 1) × survivors + peak and leaves T × survivors live;
//                survivors without a bound make the function unbounded
//   free(v)      credits an allocation made into local v earlier in the same statement
//                list (same block), if v was not reassigned or had its address taken;
//                any other free is not credited (C has no ownership to prove it)
//
// What a C function allocates and does not free is left live for its caller, for good:
// C can store a pointer anywhere. Calls into Swift (`@_cdecl` functions) use the Swift
// summary; calls to functions with no body anywhere are unknown (unbounded, with the line)
// unless trusted with `--no-allocation`. Recursion must carry `maxlive_recursion_depth(n)`;
// only direct self-recursion is evaluated (round by round, like Swift cycles).

public struct ForeignAllocatorAPI: Sendable {
    /// Allocation functions and the argument holding the byte count (`malloc` → 0,
    /// `posix_memalign` → 2); `calloc` multiplies its two arguments; `realloc` counts as a new
    /// allocation of its size (the old block is not credited).
    public var allocators: [String: Int] = ["malloc": 0, "posix_memalign": 2, "aligned_alloc": 1, "calloc": 0, "realloc": 1]
    /// Deallocation functions and the argument holding the pointer.
    public var deallocators: [String: Int] = ["free": 0]
    public init() {}
}

final class ForeignAnalyzer {
    private let functions: [String: ForeignFunction]
    private let noAllocation: Set<String>
    private let charge: (Int) -> Int
    /// Summary of a Swift function by symbol, and its key in the Swift summaries (nil: not a
    /// Swift function with a body).
    private let swiftSummary: (String) -> (key: SummaryKey, summary: FunctionSummary)?
    private var summaries: [String: FunctionSummary] = [:]
    private var inProgress: [String] = []
    /// During a recursion round: what the recursive call costs.
    private var roundCost: [String: FunctionSummary] = [:]

    init(functions: [ForeignFunction], noAllocation: Set<String>, charge: @escaping (Int) -> Int,
         swiftSummary: @escaping (String) -> (key: SummaryKey, summary: FunctionSummary)?) {
        var table: [String: ForeignFunction] = [:]
        for f in functions where table[f.symbol] == nil { table[f.symbol] = f }
        self.functions = table
        self.order = functions.map(\.symbol)
        self.noAllocation = noAllocation
        self.charge = charge
        self.swiftSummary = swiftSummary
    }

    func has(_ symbol: String) -> Bool { functions[symbol] != nil }
    func site(of symbol: String) -> ForeignSite? { functions[symbol]?.site }
    /// C functions annotated as entries or daemons, in source order.
    var annotatedEntries: [(function: ForeignFunction, kind: EntryKind)] {
        var seen = Set<String>()
        return order.compactMap { symbol in
            guard seen.insert(symbol).inserted, let f = functions[symbol] else { return nil }
            if f.annotations.contains(Annotation.entry) { return (f, .entry) }
            if f.annotations.contains(Annotation.daemon) { return (f, .daemon) }
            return nil
        }
    }
    private let order: [String]
    /// Where each C function's peak is (for worst-case paths through C).
    private(set) var peakSites: [String: ForeignPeakSite] = [:]

    /// The summary of C function `symbol`, computed once.
    func summary(of symbol: String) -> FunctionSummary? {
        if let done = summaries[symbol] { return done }
        guard let f = functions[symbol] else { return nil }
        if let cost = roundCost[symbol] { return cost }
        if inProgress.contains(symbol) {
            // A cycle through more than one function (or back through Swift).
            let cycle = (inProgress.drop { $0 != symbol } + [symbol]).joined(separator: " → ")
            var s = FunctionSummary()
            s.reasons = [finding(.unboundedRecursion, "recursion through C (\(cycle)) is not bounded: only direct self-recursion with maxlive_recursion_depth is evaluated", f.symbol, f.site)]
            return s
        }
        inProgress.append(symbol)
        defer { inProgress.removeLast() }
        var s: FunctionSummary
        if calls(f.body, symbol) {
            s = recursiveSummary(f)
        } else {
            s = evaluate(f)
        }
        summaries[symbol] = s
        return s
    }

    private func calls(_ body: [ForeignStatement], _ symbol: String) -> Bool {
        body.contains { statement in
            switch statement {
            case .call(let s, _): return s == symbol
            case .loop(_, _, _, let inner): return calls(inner, symbol)
            case .branch(let sides): return sides.contains { calls($0, symbol) }
            default: return false
            }
        }
    }

    /// Self-recursion: round 0 costs the body without the recursive call; round k lets the
    /// call cost round k − 1; `depth` rounds at most, stopping early when nothing grows.
    private func recursiveSummary(_ f: ForeignFunction) -> FunctionSummary {
        guard let (depth, site) = f.recursionDepth else {
            var s = FunctionSummary()
            s.reasons = [finding(.unboundedRecursion, "\(f.symbol) calls itself and has no maxlive_recursion_depth(n)", f.symbol, f.site)]
            return s
        }
        var current = FunctionSummary()
        var previous: (Int, Int)? = nil
        for _ in 0..<min(depth, 10_000) {
            roundCost[f.symbol] = current
            current = evaluate(f)
            let figures = (current.peak, current.retainedStored)
            if let p = previous, p == figures { break }
            previous = figures
        }
        roundCost[f.symbol] = nil
        current.assumptions.append(finding(.recursionDepth, "recursion is at most \(depth) frames deep (maxlive_recursion_depth)", f.symbol, site))
        return current
    }

    // MARK: evaluation

    private struct State {
        var live = 0
        var peak = 0
        /// Where the peak is reached: the statement, the bytes this frame holds there, the callee.
        var peakSite: ForeignPeakSite?
        /// Allocations into local variables not yet freed in this statement list.
        var owned: [String: Int] = [:]

        mutating func raise(_ candidate: Int, _ site: ForeignPeakSite) {
            if candidate > peak || peakSite == nil && candidate >= peak {
                peak = max(peak, candidate)
                peakSite = site
            }
        }
    }

    private var reasons: [Finding] = []
    private var assumptions: [Finding] = []

    private func evaluate(_ f: ForeignFunction) -> FunctionSummary {
        let savedReasons = reasons, savedAssumptions = assumptions
        reasons = []
        assumptions = []
        defer { reasons = savedReasons; assumptions = savedAssumptions }
        var state = State()
        run(f.body, in: f, &state)
        var s = FunctionSummary()
        s.peak = state.peak
        peakSites[f.symbol] = state.peakSite
        s.retainedStored = state.live
        s.parameterEscape = Array(repeating: .stored, count: 16)
        s.reasons = reasons.uniqued()
        s.assumptions = assumptions.uniqued()
        return s
    }

    private func run(_ body: [ForeignStatement], in f: ForeignFunction, _ state: inout State) {
        // Ownership of locals is per statement list: an allocation into v is credited by a
        // free(v) later in the same list; nested lists start with nothing owned.
        let outerOwned = state.owned
        state.owned = [:]
        defer { state.owned = outerOwned }
        for statement in body {
            switch statement {
            case .allocate(let bytes, let into, let site, let function):
                guard let n = bytes else {
                    reasons.append(finding(.dynamicSize, "\(function) with a size that is not a compile-time constant", f.symbol, site))
                    continue
                }
                let b = charge(n)
                state.live = saturatingAdd(state.live, b)
                state.raise(state.live, ForeignPeakSite(site: site, frameBytes: state.live, callee: nil))
                if let v = into { state.owned[v] = b }
            case .release(let variable, _):
                if let v = variable, let b = state.owned.removeValue(forKey: v) {
                    state.live = max(0, state.live - b)
                }
            case .assign(let v):
                state.owned[v] = nil
            case .call(let symbol, let site):
                call(symbol, site, in: f, &state)
            case .loop(let bound, let annotated, let site, let inner):
                var iteration = State()
                run(inner, in: f, &iteration)
                let survivors = iteration.live
                var trips = bound
                if annotated, let n = bound {
                    assumptions.append(finding(.loopBound, "loop runs at most \(n) iterations (maxlive_loop_bound)", f.symbol, site))
                }
                if survivors > 0 && trips == nil {
                    reasons.append(finding(.unboundedLoop, "loop keeps \(survivors) bytes live per iteration and has no bound (add maxlive_loop_bound(n))", f.symbol, site))
                    trips = 1
                }
                let t = max(trips ?? 1, 1)
                let kept = saturatingMultiply(t - 1, survivors)
                let before = saturatingAdd(state.live, kept)
                if var site = iteration.peakSite {
                    site.frameBytes = saturatingAdd(site.frameBytes, before)
                    state.raise(saturatingAdd(before, iteration.peak), site)
                }
                state.live = saturatingAdd(state.live, saturatingMultiply(t, survivors))
            case .branch(let sides):
                var end = state.live
                var best = state
                for side in sides {
                    var s = state
                    run(side, in: f, &s)
                    end = max(end, s.live)
                    if s.peak > best.peak { best = s }
                }
                state.live = end
                state.peak = best.peak
                state.peakSite = best.peakSite
            }
        }
    }

    private func call(_ symbol: String?, _ site: ForeignSite, in f: ForeignFunction, _ state: inout State) {
        guard let symbol else {
            reasons.append(finding(.unresolvedCall, "call through a function pointer: its targets are unknown", f.symbol, site))
            return
        }
        if symbol == ForeignMarkers.loopBound || symbol == ForeignMarkers.recursionDepth { return }
        var callee: FunctionSummary?
        var calleeKey: SummaryKey? = nil
        if functions[symbol] != nil {
            callee = summary(of: symbol)
            calleeKey = .foreign(symbol)
        } else if let swift = swiftSummary(symbol) {
            callee = swift.summary
            calleeKey = swift.key
        } else if noAllocation.contains(symbol) {
            assumptions.append(finding(.externalModel, "external \(symbol) is trusted to allocate nothing (--no-allocation)", f.symbol, site))
            return
        } else if ExternalModels.nonAllocating.contains(symbol) {
            assumptions.append(finding(.externalModel, "external \(symbol) is modelled as allocating nothing", f.symbol, site))
            return
        } else {
            reasons.append(finding(.externalFunction, "call to external function \(symbol) with no body in the C sources or the SIL, and no model", f.symbol, site))
            return
        }
        guard let s = callee else { return }
        state.raise(saturatingAdd(state.live, s.peak), ForeignPeakSite(site: site, frameBytes: state.live, callee: calleeKey))
        state.live = saturatingAdd(state.live, saturatingAdd(s.retainedStored, s.retainedReturned))
        // The callee's findings are shown at this call in C, as for Swift.
        reasons.append(contentsOf: s.reasons.map { anchored($0, f, site) })
        assumptions.append(contentsOf: s.assumptions)
    }

    private func anchored(_ x: Finding, _ f: ForeignFunction, _ site: ForeignSite) -> Finding {
        guard x.file == nil || x.file!.hasPrefix("<") else { return x }
        var g = finding(x.kind, x.message, f.symbol, site)
        if !g.message.containsBytes(" (in ") { g.message += " (in \(x.function))" }
        return g
    }

    private func finding(_ kind: Finding.Kind, _ message: String, _ function: String, _ site: ForeignSite) -> Finding {
        Finding(kind: kind, message: message, function: function, file: site.file, line: site.line, column: site.column)
    }
}

/// A C function's peak: the statement, the bytes the frame holds there, the callee (a Swift
/// summary or another C function's).
struct ForeignPeakSite {
    var site: ForeignSite
    var frameBytes: Int
    var callee: SummaryKey?
}

/// The C spelling of the markers (Fixtures/Support/maxlive.h).
public enum ForeignMarkers {
    public static let loopBound = "maxlive_loop_bound"
    public static let recursionDepth = "maxlive_recursion_depth"
}
