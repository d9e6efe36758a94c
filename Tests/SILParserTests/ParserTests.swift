// The SIL front end reads real compiler output exactly: every function, block and
// instruction in the text is in the model, with operands, successors and locations.

import Foundation
import SILModel
@testable import SILParser
import Testing
import TestSupport

let sampleSource = """
final class Point { var x: Int; var y: Int; init(x: Int, y: Int) { self.x = x; self.y = y } }
public class Base { public func make() -> AnyObject { Point(x: 1, y: 2) } }
public final class Derived: Base { var extra: Int8 = 0; override public func make() -> AnyObject { Derived() } }
indirect enum Tree { case leaf(Int); case node(Tree, Tree) }
nonisolated(unsafe) var keep: [AnyObject] = []
@inline(never) @_optimize(none) @_semantics("maxlive.loop_bound") public func loopBound(_ n: Int) {}
@_semantics("maxlive.entry") public func entry(_ n: Int, _ b: Base) -> Int {
  let p = Point(x: n, y: 2)
  keep.append(p)
  keep.append(b.make())
  var s = 0
  for i in 0..<n { loopBound(10); s += i }
  let t = Tree.node(.leaf(n), .leaf(s))
  if case .node(let l, _) = t, case .leaf(let v) = l { s += v }
  return s + p.y
}
"""

@Suite("SIL parser")
struct ParserTests {
    @Test("Embedded and normal SIL at every optimization level parse completely", arguments: [
        (true, "-Osize"), (true, "-O"), (true, "-Onone"), (false, "-O"), (false, "-Onone"),
    ])
    func parsesRealOutput(embedded: Bool, optimization: String) throws {
        let path = try SILTestSupport.emitSIL(sampleSource, embedded: embedded, optimization: optimization)
        let module = try SILParser.parse(path: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let counts = SILTestSupport.textualCounts(text)
        #expect(module.functions.count == counts.functions)
        #expect(module.functions.reduce(0) { $0 + $1.blocks.count } == counts.blocks)
        #expect(module.functions.reduce(0) { $0 + $1.instructions.count } == counts.instructions)
        #expect(module.stage == "canonical")
        let entry = try #require(module.functions.first { $0.attributes.semantics.contains("maxlive.entry") && $0.demangledName?.hasPrefix("entry") == true })
        #expect(entry.isDefinition)
        #expect(module.typeDeclarations.contains { $0.name == "Point" && $0.storedProperties.map(\.name) == ["x", "y"] })
        #expect(module.typeDeclarations.contains { $0.name == "Derived" && $0.inherited.first == "Base" })
        #expect(module.typeDeclarations.contains { $0.name == "Tree" && $0.isIndirect && $0.cases.count == 2 })
        #expect(module.vtables.contains { $0.className == "Derived" })
        // Every successor points at a real block and every operand at a definition.
        for f in module.functions where f.isDefinition {
            for s in f.successorPool { #expect(s.block >= 0 && Int(s.block) < f.blocks.count) }
            for inst in f.instructions {
                for v in f.operands(of: inst) { #expect(f.valueDefinitions[Int(v)] != .undefined) }
            }
        }
    }

    @Test("Locations map inlined code back to the user's line")
    func userLocations() throws {
        let path = try SILTestSupport.emitSIL(sampleSource, embedded: true, optimization: "-Osize")
        let module = try SILParser.parse(path: path)
        let entry = try #require(module.functions.first { $0.demangledName == "entry(_:_:)" })
        let alloc = try #require(entry.instructions.first { $0.opcode == .allocRef })
        let loc = try #require(module.userLocation(of: alloc))
        // `let p = Point(x: n, y: 2)` is line 8 of the source; the alloc_ref itself is in Point.init (line 1).
        #expect(module.fileName(loc).hasSuffix("m.swift"))
        #expect(loc.line == 8)
    }

    @Test("Hand-written snippet: results, operands, successors and block arguments")
    func snippet() throws {
        let sil = """
        sil_stage canonical

        import Builtin

        // f(_:), loc "f.swift":1:1, scope 1
        sil [_semantics "maxlive.entry"] [noinline] @f : $@convention(thin) (Int) -> Int {
        [global: read]
        bb0(%0 : $Int):
          %1 = integer_literal $Builtin.Int64, 7, loc "f.swift":2:3, scope 1 // user: %2
          (%2, %3) = begin_cow_mutation %1, scope 1
          cond_br %3, bb1, bb2(%2) // comment, loc "x":1:1
        bb1:
          br bb2(%1)
        bb2(%4 : $Builtin.Int64):
          return %4, loc "f.swift":3:1, scope 1
        } // end sil function 'f'
        """
        let module = try SILParser.parse(SourceText(path: "snippet.sil", bytes: Array(sil.utf8)))
        let f = try #require(module.function(named: "f"))
        #expect(f.attributes.semantics == ["maxlive.entry"])
        #expect(f.attributes.flags == ["noinline"])
        #expect(f.demangledName == "f(_:)")
        #expect(f.blocks.count == 3)
        #expect(f.instructions.map(\.opcode) == [.integerLiteral, .beginCowMutation, .condBr, .br, .returnInst])
        #expect(Array(f.results(of: f.instructions[1])) == [2, 3])
        let condBr = f.instructions[2]
        #expect(Array(f.operands(of: condBr)) == [3])
        let succ = Array(f.successors(of: condBr))
        #expect(succ.map(\.block) == [1, 2])
        #expect(Array(f.arguments(of: succ[1])) == [2])
        #expect(f.instructions[0].location?.line == 2)
        #expect(module.text.string(f.instructions[0].text) == "integer_literal $Builtin.Int64, 7")
        #expect(f.effects.count == 1)
    }
}
