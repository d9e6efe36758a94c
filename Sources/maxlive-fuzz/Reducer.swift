// Delta debugging of a violating program: removes top-level declarations, then statements
// and members (in chunks that halve down to one), keeping every candidate that still
// compiles, runs, and breaks the bound of the same entry.

import Foundation

struct Reducer {
    let pipeline: Pipeline
    let entry: String
    let workDir: String
    let deadline: Date
    private(set) var tests = 0
    /// The last verdict of the entry on an accepted candidate.
    private(set) var verdict: EntryVerdict?

    init(pipeline: Pipeline, entry: String, workDir: String, seconds: Double) {
        self.pipeline = pipeline
        self.entry = entry
        self.workDir = workDir
        self.deadline = Date().addingTimeInterval(seconds)
    }

    /// True when `p` still shows the violation of `entry`.
    mutating func holds(_ p: Program) -> Bool {
        tests += 1
        let dir = workDir + "/t\(tests)"
        let outcome = pipeline.evaluate(p.render(), in: dir, alwaysIR: false)
        try? FileManager.default.removeItem(atPath: dir)
        guard case .analyzed(let verdicts) = outcome,
              let v = verdicts.first(where: { $0.name == entry }), v.isViolation else { return false }
        verdict = v
        return true
    }

    mutating func reduce(_ program: Program, worstInput: Int?) -> Program {
        var current = program
        // Only the violating entry, called with the input that reached the peak.
        var single = current
        single.items = current.items.compactMap { item in
            guard case .entry(let name, let inputs) = item.kind else { return item }
            guard name == entry else { return nil }
            var it = item
            it.kind = .entry(name: name, inputs: worstInput.map { [$0] } ?? inputs)
            return it
        }
        if single != current && holds(single) { current = single }
        // Top-level items, then every removable node.
        let target = entry
        current = minimize(current) { p in
            p.items.indices.compactMap { i in Self.isTarget(p.items[i], target) ? nil : [i] }
        }
        current = minimize(current) { p in Self.removablePaths(p, entry: target) }
        return current
    }

    static func isTarget(_ item: TopItem, _ entry: String) -> Bool {
        if case .entry(let name, _) = item.kind { return name == entry }
        return false
    }

    /// Every removable node: top-level items other than the target entry, block children
    /// that are blocks or removable lines. Pre-order.
    static func removablePaths(_ p: Program, entry: String) -> [[Int]] {
        var out: [[Int]] = []
        func walk(_ n: Node, _ path: [Int]) {
            guard case .block(_, let children, _) = n else { return }
            for (j, c) in children.enumerated() {
                switch c {
                case .line(_, let removable): if removable { out.append(path + [j]) }
                case .block: out.append(path + [j]); walk(c, path + [j])
                }
            }
        }
        for (i, item) in p.items.enumerated() {
            if !isTarget(item, entry) { out.append([i]) }
            walk(item.node, [i])
        }
        return out
    }

    static func removing(_ paths: Set<[Int]>, from p: Program) -> Program {
        func filter(_ n: Node, _ prefix: [Int]) -> Node {
            guard case .block(let h, let children, let f) = n else { return n }
            var kept: [Node] = []
            for (j, c) in children.enumerated() where !paths.contains(prefix + [j]) {
                kept.append(filter(c, prefix + [j]))
            }
            return .block(header: h, children: kept, footer: f)
        }
        var q = p
        q.items = p.items.enumerated().compactMap { i, item in
            if paths.contains([i]) { return nil }
            var it = item
            it.node = filter(item.node, [i])
            return it
        }
        return q
    }

    /// Removes chunks of candidates (halving the chunk size down to 1, then repeating single
    /// removals until nothing more goes), while time remains.
    mutating func minimize(_ start: Program, candidates: (Program) -> [[Int]]) -> Program {
        var current = start
        var chunk = max(1, candidates(current).count / 2)
        while Date() < deadline {
            var changed = false
            var i = 0
            while Date() < deadline {
                let cands = candidates(current)
                if i >= cands.count { break }
                let slice = Set(cands[i..<min(i + chunk, cands.count)])
                let candidate = Self.removing(slice, from: current)
                if candidate != current && holds(candidate) {
                    current = candidate
                    changed = true
                } else {
                    i += chunk
                }
            }
            if chunk == 1 && !changed { break }
            chunk = max(1, chunk / 2)
        }
        return current
    }
}
