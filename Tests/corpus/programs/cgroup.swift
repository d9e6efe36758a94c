// Control groups: a hierarchy of groups with memory limits and usage; charging walks up to
// the root, limits are checked recursively, and the hierarchy is printed. The tree depth is
// capped at creation (at most 6 levels), which the recursive walks rely on.

final class Cgroup {
    let name: String
    var limit: Int
    var usage = 0
    var children: [Cgroup] = []
    unowned(unsafe) let parent: Cgroup?
    let level: Int
    init(name: String, limit: Int, parent: Cgroup?) {
        self.name = name; self.limit = limit; self.parent = parent
        level = (parent?.level ?? -1) + 1
    }
}

nonisolated(unsafe) var cgRoot = Cgroup(name: "", limit: 1 << 30, parent: nil)

func mkgroup(_ parent: Cgroup, _ name: String, _ limit: Int) -> Cgroup? {
    guard parent.level < 5, parent.children.count < 8 else { return nil }
    let g = Cgroup(name: name, limit: limit, parent: parent)
    parent.children.append(g)
    return g
}

func buildChain(_ depth: Int) -> Cgroup {
    var g = cgRoot
    for d in 0..<depth {
        guard let c = mkgroup(g, "g\(d)", 1 << (20 - d)) else { break }
        g = c
    }
    return g
}

func overLimit(_ g: Cgroup) -> [String] {
    maxliveRecursionDepth(6)
    var out: [String] = []
    if g.usage > g.limit { out.append(g.name) }
    for c in g.children { out += overLimit(c) }
    return out
}

@_semantics("maxlive.entry")
public func cgCharge(_ n: Int) -> Int {
    let leaf = buildChain(n & 7)
    let amount = 4096 * (1 + (n >> 3 & 255))
    var g: Cgroup? = leaf
    while let c = g {
        if c.usage + amount > c.limit { return -12 }
        g = c.parent
    }
    g = leaf
    while let c = g { c.usage += amount; g = c.parent }
    return leaf.level
}

@_semantics("maxlive.entry")
public func cgOom(_ n: Int) -> Int {
    let leaf = buildChain(n & 7)
    leaf.usage = leaf.limit + 1
    return overLimit(cgRoot).count
}

func render(_ g: Cgroup, _ indent: String) -> String {
    maxliveRecursionDepth(6)
    var s = indent + (g.name.isEmpty ? "/" : g.name) + " " + String(g.usage) + "\n"
    for c in g.children { s += render(c, indent + "  ") }
    return s
}

@_semantics("maxlive.entry")
public func cgTree(_ n: Int) -> Int {
    _ = buildChain(n & 7)
    return render(cgRoot, "").utf8.count
}

@_semantics("maxlive.entry")
public func cgMkdir(_ n: Int) -> Int {
    guard let g = mkgroup(cgRoot, "user-\(n & 0xffff)", 1 << 24) else { return -28 }
    return g.level
}

public func fixtureReset() { cgRoot = Cgroup(name: "", limit: 1 << 30, parent: nil) }

// inputs: cgCharge 0 1 5 7 2047
// inputs: cgOom 0 1 5 7
// inputs: cgTree 0 1 5 7
// inputs: cgMkdir 0 1 65535
