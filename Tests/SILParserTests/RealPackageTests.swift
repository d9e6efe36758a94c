// The front end reads the complete SIL of a well-known package, compiled here at
// test time: swift-argument-parser (this package's own dependency, so its sources
// are in .build/checkouts), at -Onone and -O. The model is cross-checked against
// the text: function, block and instruction counts.

import Foundation
import Analysis
import SILModel
import SILParser
import Testing
import TestSupport

private func swiftFiles(_ dir: String) -> [String] {
    let e = FileManager.default.enumerator(atPath: dir)
    var out: [String] = []
    while let f = e?.nextObject() as? String { if f.hasSuffix(".swift") { out.append(dir + "/" + f) } }
    return out.sorted()
}

@Suite("Real packages", .serialized)
struct RealPackageTests {
    static let checkout = PackageRoot.path + "/.build/checkouts/swift-argument-parser/Sources"

    @Test("swift-argument-parser's ArgumentParser module", arguments: ["-Onone", "-O"])
    func argumentParser(optimization: String) throws {
        let sources = Self.checkout
        try #require(FileManager.default.fileExists(atPath: sources), "run 'swift build' first so the dependency is checked out")
        let dir = SILTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let info = try SILTestSupport.run(SILTestSupport.swiftc, [
            "-emit-module", "-module-name", "ArgumentParserToolInfo", "-parse-as-library", "-wmo",
            "-emit-module-path", dir + "/ArgumentParserToolInfo.swiftmodule",
        ] + swiftFiles(sources + "/ArgumentParserToolInfo"))
        try #require(info.status == 0, "\(info.output)")
        let sil = dir + "/ArgumentParser.sil"
        let r = try SILTestSupport.run(SILTestSupport.swiftc, [
            "-emit-sil", "-g", optimization, "-wmo", "-parse-as-library", "-module-name", "ArgumentParser",
            "-I", dir, "-o", sil,
        ] + swiftFiles(sources + "/ArgumentParser"))
        try #require(r.status == 0, "\(r.output.suffix(2000))")
        let module = try SILParser.parse(path: sil)
        let counts = SILTestSupport.textualCounts(try String(contentsOfFile: sil, encoding: .utf8))
        #expect(module.functions.count == counts.functions)
        #expect(module.functions.reduce(0) { $0 + $1.blocks.count } == counts.blocks)
        #expect(module.functions.reduce(0) { $0 + $1.instructions.count } == counts.instructions)
        #expect(module.functions.count > 1000)
        #expect(module.witnessTables.count > 100)
        #expect(module.typeDeclarations.contains { $0.name == "ParsableArguments" && $0.kind == .protocol })

        // The analysis runs over every function of the module as an entry without failing:
        // each entry ends bounded or unbounded with a located reason.
        var options = AnalysisOptions()
        options.extraEntries = module.functions.filter(\.isDefinition).map(\.name)
        let result = Analyzer(module: module, options: options).run()
        #expect(result.entries.count > 1000)
        for e in result.entries where e.bound == nil {
            #expect(!e.reasons.isEmpty, "\(e.name) is unbounded without a reason")
        }
    }
}
