// What a release can cost. The last release of an object runs its class's deinit, which may
// allocate (a log entry, a replacement object): those bytes are live at the release, and what
// the deinit stores stays live. SIL does not say which release is the last one, nor always
// the released object's class, so every release is charged the worst deallocating deinit of
// the module (its peak on top, what it keeps as kept). Most deinits allocate nothing, and then
// this costs nothing.
//
// Deinits release their fields, which runs more deinits: the cost is computed to a fixpoint
// (deinits analysed with releases costing the previous round's worst), and a cost that still
// grows after a few rounds is unbounded.

import SILModel

public struct DeinitCost: Sendable {
    /// Most bytes live at once inside a deinit.
    var peak = 0
    /// Bytes a deinit leaves live.
    var retained = 0
    /// Why a deinit is unbounded (then every release is).
    var reasons: [Finding] = []
    /// The deinit with the largest peak (for worst-case paths).
    var worst: String?

    var matters: Bool { peak > 0 || retained > 0 || !reasons.isEmpty }

    /// Deallocating deinits (`…fD`) with a body.
    static func deallocators(in module: Module) -> [String] {
        module.functions.filter { $0.isDefinition && $0.name.hasSuffix("fD") }.map(\.name)
    }

    /// The fixpoint over `rounds` analyses of the deinits, each with releases costing the
    /// previous round's result.
    static func compute(module: Module, options: AnalysisOptions) -> DeinitCost {
        let names = deallocators(in: module)
        if names.isEmpty { return DeinitCost() }
        var current = DeinitCost()
        for _ in 0..<4 {
            let analyzer = Analyzer(module: module, options: options, deinitCost: current)
            var next = DeinitCost()
            for name in names {
                guard let s = analyzer.summaryForDeinit(name) else { continue }
                if s.peak > next.peak { next.peak = s.peak; next.worst = name }
                next.retained = max(next.retained, saturatingAdd(s.retainedStored, s.retainedReturned))
                next.reasons += s.reasons.filter { r in !next.reasons.contains { $0.message == r.message && $0.line == r.line } }
            }
            if next.peak == current.peak && next.retained == current.retained && next.reasons.count == current.reasons.count {
                return next
            }
            current = next
        }
        let worst = current.worst.flatMap { module.function(named: $0) }
        current.reasons.append(Finding(kind: .unboundedRecursion,
            message: "a release may run \(worst?.swiftName ?? "a deinit"), which allocates and itself releases objects; every release is charged the worst deinit, and that cost has no fixpoint",
            function: worst?.swiftName ?? "deinit", file: worst?.location.map { module.fileName($0) }, line: worst?.location.map { Int($0.line) }))
        return current
    }
}
