// Trip counts of loops whose exit follows from values the loop computes from constants alone,
// whatever its shape: `stride(from:through:by:)` after the optimizer has taken its iterator
// apart (a counter, an overflow check and a "returned the end" flag in three header
// arguments), down-counting `while` loops, `reversed()` ranges, several counters at once.
//
//   bb1(%done : $Builtin.Int1, %cur : $Int, %prev : $Optional<Int>):     header
//     %c = builtin "cmp_sge_Int64"(%cur._value, 36) ; cond_br %c, bb2, bb4
//   bb2: cond_br (builtin "cmp_eq_Int64"(%cur._value, 36)), bb5, exit
//   bb5: cond_br %done, exit, …                                           the end, once
//   bb4: %next = sadd_with_overflow(%cur._value, 4) …  br bb1(%done, %next, …)
//
// The loop is run on those values: the header's arguments start as the constants the entry
// edge passes, each instruction the model can compute exactly (integer literals, the
// integer builtins, struct, tuple and enum values and their projections) is computed, and
// anything else (a load, a call's result, a value the loop does not compute) is unknown. A
// branch on a known condition goes one way; on an unknown one, both ways. The states the
// header can be entered with, one set per iteration, are followed until no path comes back:
// every real run of the loop is one of the paths followed, so it enters the header at most
// as many times as there were sets. A state met twice (the loop may not end), too many states,
// or too long a run give no count.

import SILModel

struct SimulatedTripCount {
    let function: Function
    let module: Module
    let text: InstructionText
    let loops: LoopForest
    let cfg: ControlFlowGraph

    /// A value as the simulation knows it.
    indirect enum Value: Hashable {
        /// An integer of `bits` bits, kept sign-extended to 64.
        case int(Int64, bits: Int)
        /// A struct's or a tuple's elements, in order.
        case aggregate([Value])
        /// An enum case with its payload.
        case variant(String, Value?)
        case unknown

        var isKnown: Bool { if case .unknown = self { return false } else { return true } }
    }

    /// Limits that keep the simulation cheap: header entries, states per iteration, blocks visited.
    static let maximumRuns = 4096
    static let maximumStatesPerRun = 64
    static let maximumBlockVisits = 200_000

    /// How many times loop `l`'s header can run, when the simulation shows the loop ends.
    func headerRuns(_ l: Int) -> Int? {
        let loop = loops.loops[l]
        guard exitDependsOnComputedValues(loop) else { return nil }
        var outside: [Int32: Value] = [:]
        var level: Set<[Value]> = []
        for p in loopPredecessors(loop, inside: false) {
            for args in edgeArguments(from: p, to: loop.header) {
                level.insert(args.map { valueOutside($0, &outside) })
            }
        }
        var seen: Set<[Value]> = []
        var runs = 0
        var visits = 0
        while !level.isEmpty {
            runs += 1
            guard runs <= Self.maximumRuns, level.count <= Self.maximumStatesPerRun else { return nil }
            var next: Set<[Value]> = []
            for state in level {
                guard seen.insert(state).inserted else { return nil }
                guard runIteration(loop, from: state, outside: &outside, into: &next, visits: &visits) else { return nil }
            }
            level = next
        }
        return runs
    }

    // MARK: one iteration

    /// Follows every path from the header with `state` to the back edges (adding the states
    /// they pass to `next`) or out of the loop. False when the budget runs out.
    private func runIteration(_ loop: Loop, from state: [Value], outside: inout [Int32: Value], into next: inout Set<[Value]>,
                              visits: inout Int) -> Bool {
        var env: [Int32: Value] = [:]
        for (v, value) in zip(function.arguments(of: function.blocks[loop.header]), state) { env[v] = value }
        var work: [(block: Int, env: [Int32: Value])] = [(loop.header, env)]
        while let (b, start) = work.popLast() {
            visits += 1
            guard visits <= Self.maximumBlockVisits else { return false }
            var env = start
            let block = function.blocks[b]
            var ended = false
            for i in block.instructions where i != block.terminatorIndex {
                let inst = function.instructions[Int(i)]
                if inst.opcode == .condFail, let c = operand(inst, 0, env, &outside), case .int(let bit, _) = c, bit != 0 {
                    ended = true // traps: this path leaves the loop
                    break
                }
                let results = Array(function.results(of: inst))
                guard !results.isEmpty else { continue }
                let value = evaluate(inst, env, &outside)
                if results.count == 1 { env[results[0]] = value } else { for r in results { env[r] = .unknown } }
            }
            if ended { continue }
            var edges = successors(of: block, env, &outside)
            while let (successor, arguments) = edges.popLast() {
                if successor == loop.header {
                    next.insert(arguments)
                } else if let inner = loop.children.first(where: { loops.loops[$0].blocks.contains(successor) }) {
                    // A nested loop is not run: what it computes is unknown, and it may leave
                    // by any of its exits (what was known before it still is).
                    edges.append(contentsOf: exits(of: loops.loops[inner], env, &outside))
                } else if loop.blocks.contains(successor) {
                    var successorEnv = env
                    for (p, value) in zip(function.arguments(of: function.blocks[successor]), arguments) { successorEnv[p] = value }
                    work.append((successor, successorEnv))
                }
            }
        }
        return true
    }

    /// The blocks a terminator may go to with what they receive, given what is known.
    private func successors(of block: BasicBlock, _ env: [Int32: Value], _ outside: inout [Int32: Value]) -> [(Int, [Value])] {
        let term = function.instructions[Int(block.terminatorIndex)]
        let edges = Array(function.successors(of: term))
        func passed(_ k: Int) -> [Value] { function.arguments(of: edges[k]).map { lookup($0, env, &outside) } }
        func unknownArguments(_ k: Int) -> [Value] {
            Array(repeating: .unknown, count: function.arguments(of: function.blocks[Int(edges[k].block)]).count)
        }
        switch term.opcode {
        case .br:
            return edges.isEmpty ? [] : [(Int(edges[0].block), passed(0))]
        case .condBr:
            guard edges.count == 2 else { return [] }
            if let c = operand(term, 0, env, &outside), case .int(let bit, _) = c {
                let k = bit != 0 ? 0 : 1
                return [(Int(edges[k].block), passed(k))]
            }
            return [(Int(edges[0].block), passed(0)), (Int(edges[1].block), passed(1))]
        case .switchEnum:
            let cases = switchCases(term)
            guard cases.count == edges.count else { return edges.indices.map { (Int(edges[$0].block), unknownArguments($0)) } }
            let subject = operand(term, 0, env, &outside) ?? .unknown
            func payloadArguments(_ k: Int) -> [Value] {
                var args = unknownArguments(k)
                if args.count == 1, case .variant(let name, let payload?) = subject, cases[k] == name { args[0] = payload }
                return args
            }
            if case .variant(let name, _) = subject {
                let k = cases.firstIndex(of: name) ?? cases.firstIndex(of: "default")
                if let k { return [(Int(edges[k].block), payloadArguments(k))] }
            }
            return edges.indices.map { (Int(edges[$0].block), payloadArguments($0)) }
        default:
            // Returns and traps leave; other branches (a `try_apply`'s, a cast's) go anywhere.
            return edges.indices.map { (Int(edges[$0].block), unknownArguments($0)) }
        }
    }

    /// The edges that leave a nested loop, with what they pass as far as it is known without
    /// running the loop.
    private func exits(of inner: Loop, _ env: [Int32: Value], _ outside: inout [Int32: Value]) -> [(Int, [Value])] {
        var edges: [(Int, [Value])] = []
        for b in inner.blocks.sorted() {
            let term = function.instructions[Int(function.blocks[b].terminatorIndex)]
            for s in function.successors(of: term) where !inner.blocks.contains(Int(s.block)) {
                edges.append((Int(s.block), function.arguments(of: s).map { lookup($0, env, &outside) }))
            }
        }
        return edges
    }

    /// `switch_enum %v, case #Optional.some!enumelt: bb8, case #Optional.none!enumelt: bb7`
    /// → ["some", "none"]; a `default` case is "default".
    private func switchCases(_ term: Instruction) -> [String] {
        var names: [String] = []
        for part in text.rest(term).split(separator: ",").dropFirst() {
            let p = part.drop { $0 == " " }
            if p.hasPrefix("default") { names.append("default"); continue }
            guard p.hasPrefix("case "), let name = caseName(p) else { return [] }
            names.append(name)
        }
        return names
    }

    /// `… #Optional.some!enumelt …` → "some".
    private func caseName(_ s: Substring) -> String? {
        guard let hash = s.firstIndex(of: "#") else { return nil }
        let path = s[s.index(after: hash)...].prefix { $0 != "!" && $0 != ":" && $0 != " " && $0 != "," }
        return path.split(separator: ".").last.map(String.init)
    }

    // MARK: values

    private func lookup(_ v: Int32, _ env: [Int32: Value], _ outside: inout [Int32: Value]) -> Value {
        if let known = env[v] { return known }
        return valueOutside(v, &outside)
    }

    private func operand(_ inst: Instruction, _ k: Int, _ env: [Int32: Value], _ outside: inout [Int32: Value]) -> Value? {
        let ops = function.operands(of: inst)
        guard k < ops.count else { return nil }
        let value = lookup(ops[ops.startIndex + k], env, &outside)
        return value.isKnown ? value : nil
    }

    /// A value defined before the loop (a constant, or built from constants); block arguments
    /// and anything else are unknown.
    private func valueOutside(_ v: Int32, _ memo: inout [Int32: Value]) -> Value {
        if let known = memo[v] { return known }
        memo[v] = .unknown // a cycle through phis stays unknown
        guard let i = function.definingInstruction(v) else { return .unknown }
        let inst = function.instructions[Int(i)]
        var env: [Int32: Value] = [:]
        for op in function.operands(of: inst) where env[op] == nil { env[op] = valueOutside(op, &memo) }
        let value = function.results(of: inst).count == 1 ? evaluate(inst, env, &memo) : .unknown
        memo[v] = value
        return value
    }

    /// What an instruction computes, when every operand it needs is known.
    private func evaluate(_ inst: Instruction, _ env: [Int32: Value], _ outside: inout [Int32: Value]) -> Value {
        let ops = Array(function.operands(of: inst)).map { lookup($0, env, &outside) }
        switch inst.opcode {
        case .integerLiteral:
            guard let n = text.integerLiteral(inst), let bits = literalBits(inst) else { return .unknown }
            return .int(Self.normalized(Int64(truncatingIfNeeded: n), bits), bits: bits)
        case .structInst, .tupleInst:
            return ops.allSatisfy(\.isKnown) ? .aggregate(ops) : .unknown
        case .structExtract:
            // Only a one-field struct's field is known without the struct's declaration.
            guard case .aggregate(let fields)? = ops.first, fields.count == 1 else { return .unknown }
            return fields[0]
        case .tupleExtract:
            guard case .aggregate(let elements)? = ops.first, let k = trailingIndex(inst), k < elements.count else { return .unknown }
            return elements[k]
        case .enumInst:
            guard let name = caseName(text.rest(inst)) else { return .unknown }
            if ops.isEmpty { return .variant(name, nil) }
            return ops[0].isKnown ? .variant(name, ops[0]) : .unknown
        case .uncheckedEnumData:
            guard case .variant(let name, let payload?)? = ops.first, caseName(text.rest(inst)) == name else { return .unknown }
            return payload
        case .builtin:
            guard let name = text.builtinName(inst) else { return .unknown }
            return IntegerBuiltins.evaluate(name, ops)
        default:
            return .unknown
        }
    }

    /// `integer_literal $Builtin.Int64, 5` → 64 (a `Word` has no width here).
    private func literalBits(_ inst: Instruction) -> Int? {
        let rest = text.rest(inst)
        guard let r = rest.range(of: "$Builtin.") else { return nil }
        let spelling = rest[r.upperBound...].prefix { $0 != "," && $0 != " " }
        return IntegerBuiltins.bits(spelling)
    }

    /// `tuple_extract %t, 1` → 1.
    private func trailingIndex(_ inst: Instruction) -> Int? {
        guard let comma = text.rest(inst).lastIndex(of: ",") else { return nil }
        return Int(text.rest(inst)[text.rest(inst).index(after: comma)...].trimmingCharacters())
    }

    static func normalized(_ v: Int64, _ bits: Int) -> Int64 {
        guard bits < 64 else { return v }
        let shift = Int64(64 - bits)
        return (v << shift) >> shift
    }

    // MARK: which loops to run

    /// Whether some branch that leaves the loop tests only values the loop computes from
    /// constants and from its own header arguments (so a run can decide it).
    private func exitDependsOnComputedValues(_ loop: Loop) -> Bool {
        var memo: [Int32: Bool] = [:]
        var outside: [Int32: Value] = [:]
        func computed(_ v: Int32) -> Bool {
            if let known = memo[v] { return known }
            memo[v] = true // around a cycle of phis: decided by the other inputs
            let result: Bool
            switch function.valueDefinitions[Int(v)] {
            case .blockArgument(let b, _) where loop.blocks.contains(Int(b)):
                let inputs = loopPredecessors(loop, into: Int(b)).flatMap { p in edgeArgumentValues(from: p, to: Int(b), position: v) }
                result = !inputs.isEmpty && inputs.allSatisfy(computed)
            case .instruction(let i, _) where loop.blocks.contains(Int(function.block(containing: i))):
                let inst = function.instructions[Int(i)]
                result = [.integerLiteral, .structInst, .tupleInst, .structExtract, .tupleExtract, .enumInst, .uncheckedEnumData, .builtin].contains(inst.opcode)
                    && function.operands(of: inst).allSatisfy(computed)
            default:
                result = valueOutside(v, &outside).isKnown
            }
            memo[v] = result
            return result
        }
        for b in loop.blocks {
            let term = function.instructions[Int(function.blocks[b].terminatorIndex)]
            guard term.opcode == .condBr || term.opcode == .switchEnum,
                  function.successors(of: term).contains(where: { !loop.blocks.contains(Int($0.block)) }),
                  let condition = function.operands(of: term).first else { continue }
            if computed(condition) { return true }
        }
        return false
    }

    // MARK: edges

    /// Predecessors of the header inside the loop (`inside`) or outside it.
    private func loopPredecessors(_ loop: Loop, inside: Bool) -> [Int] {
        loopPredecessors(loop, into: loop.header).filter { loop.blocks.contains($0) == inside }
    }

    private func loopPredecessors(_ loop: Loop, into b: Int) -> [Int] { cfg.predecessors[b] }

    /// The argument lists the edges `p → b` pass.
    private func edgeArguments(from p: Int, to b: Int) -> [[Int32]] {
        let term = function.instructions[Int(function.blocks[p].terminatorIndex)]
        return function.successors(of: term).filter { Int($0.block) == b }.map { Array(function.arguments(of: $0)) }
    }

    /// The values the edges `p → b` pass for block argument `parameter`.
    private func edgeArgumentValues(from p: Int, to b: Int, position parameter: Int32) -> [Int32] {
        guard let k = function.arguments(of: function.blocks[b]).firstIndex(of: parameter) else { return [] }
        let offset = k - function.arguments(of: function.blocks[b]).startIndex
        return edgeArguments(from: p, to: b).compactMap { offset < $0.count ? $0[offset] : nil }
    }
}
