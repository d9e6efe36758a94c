// The program generator: deterministic for a seed, every loop marker clamped, every
// recursion clamped to its depth, every entry with an inputs line.

import Foundation
import Testing
@testable import maxlive_fuzz

@Suite("Program generator")
struct GeneratorTests {
    static let seeds: [UInt64] = (0..<150).map { SplitMix64.programSeed(42, $0) }

    @Test("The same seed gives the same program; different seeds differ")
    func deterministic() {
        var distinct: Set<String> = []
        for s in Self.seeds.prefix(40) {
            let a = ProgramGenerator.generate(seed: s).render()
            let b = ProgramGenerator.generate(seed: s).render()
            #expect(a == b, "seed \(s) is not deterministic")
            distinct.insert(a)
        }
        #expect(distinct.count == 40)
    }

    @Test("Every program has entries, and exactly one inputs line per entry")
    func entriesHaveInputs() throws {
        let entryDecl = try Regex(#"@_semantics\("maxlive.entry"\) public func (e[0-9]+)\(_ n: Int\)"#)
        for s in Self.seeds {
            let source = ProgramGenerator.generate(seed: s).render()
            let declared = source.matches(of: entryDecl).map { String($0.output[1].substring!) }
            let inputs = source.split(separator: "\n").filter { $0.hasPrefix("// inputs: ") }
            #expect(!declared.isEmpty, "seed \(s): no entry")
            #expect(inputs.map { String($0.split(separator: " ")[2]) } == declared, "seed \(s): inputs lines \(inputs) for \(declared)")
            for line in inputs {
                let values = line.split(separator: " ").dropFirst(3).compactMap { Int($0) }
                #expect(!values.isEmpty && values.allSatisfy { $0 >= 0 }, "seed \(s): \(line)")
            }
            #expect(source.contains("public func fixtureReset()"))
        }
    }

    @Test("Every maxliveLoopBound(K) is in a loop clamped to at most K iterations, and the inputs reach K")
    func loopMarkersClamped() {
        for s in Self.seeds {
            let program = ProgramGenerator.generate(seed: s)
            let largestInput = program.entries.flatMap(\.inputs).max() ?? 0
            for item in program.items { Self.checkLoops(item.node, seed: s, largestInput: largestInput) }
        }
    }

    static func checkLoops(_ node: Node, seed: UInt64, largestInput: Int) {
        guard case .block(let header, let children, _) = node else { return }
        for c in children {
            guard case .line(let text, _) = c, text.hasPrefix("maxliveLoopBound(") else { continue }
            let k = text.dropFirst("maxliveLoopBound(".count).prefix { $0.isNumber }
            let isLoop = header.hasPrefix("for ") || header.hasPrefix("while ")
            let clamped = header.contains("0..<min(n, \(k))") || header.contains("0..<min(n &+ 1, \(k))")
                || header.contains("< min(n, \(k))") || header.contains("< min(n &+ 1, \(k))")
            #expect(isLoop && clamped, "seed \(seed): marker \(k) in '\(header)'")
            #expect(largestInput >= Int(k)!, "seed \(seed): inputs never reach the bound \(k)")
            if header.hasPrefix("while ") {
                // The counter's increment cannot be removed (not even by the reducer).
                #expect(children.contains { if case .line(let t, false) = $0 { return t.hasSuffix("+= 1") } else { return false } })
            }
        }
        for c in children { checkLoops(c, seed: seed, largestInput: largestInput) }
    }

    @Test("Recursive functions are called with arguments clamped to their depth markers")
    func recursionClamped() throws {
        let funcDecl = try Regex(#"func (rec[0-9]+)\(_ n: Int\) -> ([A-Za-z0-9?]+) \{"#)
        for s in Self.seeds {
            let source = ProgramGenerator.generate(seed: s).render()
            let lines = source.split(separator: "\n").map(String.init)
            for (i, line) in lines.enumerated() {
                guard let m = line.firstMatch(of: funcDecl) else { continue }
                let name = String(m.output[1].substring!)
                let returnsList = m.output[2].substring!.hasSuffix("?")
                let marker = lines[i + 1].trimmingCharacters(in: .whitespaces)
                let depth = Int(marker.dropFirst("maxliveRecursionDepth(".count).prefix { $0.isNumber })!
                // Frames: max(1, m) for the Int form, m + 1 for the list form.
                let allowed = returnsList ? depth - 1 : depth
                for call in lines where call.contains("\(name)(min(n, ") {
                    let arg = call.components(separatedBy: "\(name)(min(n, ")[1].prefix { $0.isNumber }
                    #expect(Int(arg)! <= allowed, "seed \(s): \(call) against depth \(depth)")
                }
            }
        }
    }

    @Test("Mutual recursion markers count each function's own frames")
    func mutualRecursionMarkers() throws {
        let pingDecl = try Regex(#"func (ping[0-9]+)\(_ n: Int\)"#)
        for s in Self.seeds {
            let source = ProgramGenerator.generate(seed: s).render()
            let lines = source.split(separator: "\n").map(String.init)
            for (i, line) in lines.enumerated() {
                guard let m = line.firstMatch(of: pingDecl) else { continue }
                let ping = String(m.output[1].substring!)
                let depth = Int(lines[i + 1].trimmingCharacters(in: .whitespaces).dropFirst("maxliveRecursionDepth(".count).prefix { $0.isNumber })!
                for call in lines where call.contains("\(ping)(min(n, ") {
                    let arg = Int(call.components(separatedBy: "\(ping)(min(n, ")[1].prefix { $0.isNumber })!
                    // ping runs at arguments arg, arg-2, …, down to 0 or 1.
                    #expect(arg / 2 + 1 <= depth || (arg % 2 == 1 && (arg + 1) / 2 <= depth), "seed \(s): \(call) against \(depth)")
                }
            }
        }
    }

    @Test("Programs stay small")
    func small() {
        let sizes = Self.seeds.map { ProgramGenerator.generate(seed: $0).lineCount }
        let sorted = sizes.sorted()
        #expect(sorted[sorted.count / 2] <= 200, "median \(sorted[sorted.count / 2]) lines")
    }
}
