// A report is the same on every run: nothing in it may follow the iteration order of a Set or
// a Dictionary, which changes with the process's hash seed.

@testable import Analysis
import Testing

@Suite("Reports do not depend on hash order")
struct DeterminismTests {
    @Test("A release that may run several deinits lists their reasons and names its worst deinit in class-name order")
    func releaseOfSeveralClasses() {
        var costs = DeinitCost()
        let names = (0..<40).map { "Class\($0)" }
        for name in names {
            let reason = Finding(kind: .externalFunction, message: "\(name) calls out", function: "\(name).deinit",
                                 file: "k.swift", line: 7, column: 1)
            costs.classes[name] = DeinitCost.Cost(peak: 64, retained: 0, reasons: [reason], worst: "\(name).deinit", touchedGlobals: [])
        }
        let cost = costs.cost(of: Set(names))
        #expect(cost.reasons.map(\.function) == names.sorted().map { "\($0).deinit" })
        #expect(cost.worst == "\(names.sorted()[0]).deinit")
    }
}
