// Bad input gets a located error, never a crash, a hang or a silently empty model.

import Foundation
import SILModel
@testable import SILParser
import Analysis
import Testing
import TestSupport

private func parse(_ text: String, path: String = "bad.sil") throws -> Module {
    try SILParser.parse(SourceText(path: path, bytes: Array(text.utf8)))
}

private func expectError(_ text: String, line: Int, containing: String) {
    do {
        _ = try parse(text)
        Issue.record("expected a parse error containing '\(containing)'")
    } catch let e as SILParseError {
        #expect(e.line == line, "\(e)")
        #expect(e.message.contains(containing), "\(e)")
        #expect(e.description.hasPrefix("bad.sil:\(line):"))
    } catch {
        Issue.record("unexpected error \(error)")
    }
}

private let header = "sil_stage canonical\n\n"
private let goodFunction = """
sil @f : $@convention(thin) () -> () {
bb0:
  %0 = tuple ()
  return %0
} // end sil function 'f'

"""

@Suite("Bad SIL input")
struct BadInputTests {
    @Test func emptyFile() { expectError("", line: 1, containing: "empty") }
    @Test func binaryFile() { expectError("sil_stage canonical\n\u{0}\u{1}abc", line: 2, containing: "NUL byte") }
    @Test func wrongFormat() { expectError("{\"json\": true}\n", line: 1, containing: "expected 'sil_stage'") }
    @Test func commentsOnly() { expectError("// nothing\n", line: 1, containing: "sil_stage") }
    @Test func truncatedFunction() {
        expectError(header + "sil @f : $@convention(thin) () -> () {\nbb0:\n  %0 = tuple ()\n", line: 5, containing: "end sil function")
    }
    @Test func truncatedBlock() {
        expectError(header + "sil @f : $@convention(thin) () -> () {\nbb0:\n  %0 = tuple ()\n} // end sil function 'f'\n",
                    line: 5, containing: "expected a terminator")
    }
    @Test func undefinedValue() {
        expectError(header + "sil @f : $@convention(thin) () -> () {\nbb0:\n  return %9\n} // end sil function 'f'\n",
                    line: 5, containing: "undefined value %9")
    }
    @Test func undefinedBlock() {
        expectError(header + "sil @f : $@convention(thin) () -> () {\nbb0:\n  br bb7\n} // end sil function 'f'\n",
                    line: 5, containing: "undefined block bb7")
    }
    @Test func duplicateValue() {
        expectError(header + "sil @f : $@convention(thin) () -> () {\nbb0:\n  %0 = tuple ()\n  %0 = tuple ()\n  return %0\n} // end sil function 'f'\n",
                    line: 6, containing: "defined twice")
    }
    @Test func garbageInBody() {
        expectError(header + "sil @f : $@convention(thin) () -> () {\nbb0:\n  ### what\n  return undef\n} // end sil function 'f'\n",
                    line: 5, containing: "expected an instruction")
    }
    @Test func unterminatedString() {
        expectError(header + "sil @f : $@convention(thin) () -> () {\nbb0:\n  cond_fail %0, \"oops\n  return %0\n} // end sil function 'f'\n",
                    line: 5, containing: "unterminated string")
    }
    @Test func unterminatedVTable() { expectError(header + goodFunction + "sil_vtable C {\n", line: 8, containing: "sil_vtable") }
    @Test func badHeader() { expectError(header + "sil @f $T\n", line: 3, containing: "expected ': $type'") }
    @Test func calleeIsAnAddress() {
        expectError(header + "sil @f : $@convention(thin) () -> () {\nbb0:\n  %0 = alloc_stack $Int\n  %1 = apply %0() : $@convention(thin) () -> ()\n"
                    + "  dealloc_stack %0 : $*Int\n  %3 = tuple ()\n  return %3\n} // end sil function 'f'\n",
                    line: 6, containing: "the callee %0 (alloc_stack) is not a function value")
    }
    @Test func storeIntoAnInteger() {
        expectError(header + "sil @f : $@convention(thin) () -> () {\nbb0:\n  %0 = integer_literal $Builtin.Int64, 1\n"
                    + "  store %0 to %0 : $*Builtin.Int64\n  %2 = tuple ()\n  return %2\n} // end sil function 'f'\n",
                    line: 6, containing: "the destination %0 (integer_literal) is not an address")
    }
    @Test func fieldOfAnAddress() {
        expectError(header + "sil @f : $@convention(thin) () -> () {\nbb0:\n  %0 = alloc_stack $Int\n  %1 = ref_element_addr %0, #C.x\n"
                    + "  dealloc_stack %0 : $*Int\n  %3 = tuple ()\n  return %3\n} // end sil function 'f'\n",
                    line: 6, containing: "the object %0 (alloc_stack) is an address")
    }
    @Test func goodInputStillParses() throws {
        let m = try parse(header + goodFunction)
        #expect(m.functions.count == 1)
    }

    /// Mutations of real SIL: every result is a model or a located error, and every model the
    /// parser accepts is analysed to the end; nothing crashes or hangs.
    @Test("Mutated real SIL never crashes the parser or hangs the analysis", .timeLimit(.minutes(2)))
    func mutationFuzz() throws {
        let path = try SILTestSupport.emitSIL(sampleSource, embedded: true, optimization: "-Osize")
        let original = Array(try String(contentsOfFile: path, encoding: .utf8).utf8)
        var rng = SplitMix64(seed: 0x5eed)
        var errors = 0, parsed = 0
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                guard !bytes.isEmpty else { break }
                let at = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 8 {
                case 6, 7:                                                                             // rewire an operand
                    bytes = Self.rewireOperand(bytes, &rng)
                case 0: bytes.removeSubrange(at..<min(bytes.count, at + Int(rng.next() % 200)))      // delete a run
                case 1: bytes = Array(bytes[..<at])                                                   // truncate
                case 2: bytes[at] = UInt8(truncatingIfNeeded: rng.next())                             // flip a byte
                case 3: bytes.insert(contentsOf: Array("%99 = ".utf8), at: at)                        // junk
                case 4: bytes.insert(contentsOf: Array("\n}\n{ bb".utf8), at: at)                     // structure
                default:                                                                               // duplicate a run
                    let run = bytes[at..<min(bytes.count, at + Int(rng.next() % 300))]
                    bytes.insert(contentsOf: run, at: min(bytes.count, at + run.count))
                }
            }
            do {
                let m = try SILParser.parse(SourceText(path: "fuzz.sil", bytes: bytes))
                #expect(m.stage.isEmpty == false)
                let result = Analyzer(module: m).run()
                #expect(result.entries.allSatisfy { $0.bound != nil || !$0.reasons.isEmpty })
                parsed += 1
            } catch let e as SILParseError {
                #expect(e.line >= 0 && e.column >= 0 && !e.message.isEmpty)
                errors += 1
            }
        }
        // Both ways must be exercised: models the analysis ran on, and located errors.
        #expect(parsed > 30 && errors > 30, "\(parsed) parsed, \(errors) errors")
    }
}

extension BadInputTests {
    /// Makes one operand of a random instruction another value of the same function (an
    /// `apply` whose callee is an address, a `store` to a non-address): the shapes that once
    /// sent the analysis around in circles.
    static func rewireOperand(_ bytes: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
        let candidates = lines.indices.filter { lines[$0].count > 4 && lines[$0].starts(with: Array("  ".utf8)) && lines[$0].contains(UInt8(ascii: "%")) }
        guard !candidates.isEmpty else { return bytes }
        let k = candidates[Int(rng.next() % UInt64(candidates.count))]
        let line = lines[k]
        // The operands after `=` (or the whole line for instructions without a result).
        let eq = line.firstIndex(of: UInt8(ascii: "=")) ?? 0
        let percents = line.indices.filter { $0 > eq && line[$0] == UInt8(ascii: "%") }
        guard let at = percents.isEmpty ? nil : percents[Int(rng.next() % UInt64(percents.count))] else { return bytes }
        var end = at + 1
        while end < line.count, line[end] >= 48, line[end] <= 57 { end += 1 }
        guard end > at + 1 else { return bytes }
        let replacement = Array("%\(rng.next() % 40)".utf8)
        lines[k] = Array(line[..<at]) + replacement + Array(line[end...])
        return Array(lines.joined(separator: [10]))
    }
}

/// A small deterministic generator, so a failing mutation can be replayed.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
