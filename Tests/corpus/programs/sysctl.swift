// sysctl tree: dotted names ("kern.sched.quantum") resolve through a tree of nodes whose
// children live in arrays; values are an enum; tree walks recurse with a depth limit.

enum SysctlValue {
    case int(Int)
    case string(String)
    case node
}

final class SysctlNode {
    let name: String
    var value: SysctlValue
    var children: [SysctlNode] = []
    init(_ name: String, _ value: SysctlValue) { self.name = name; self.value = value }
    func child(_ n: Substring) -> SysctlNode? { children.first { $0.name == n } }
}

nonisolated(unsafe) var sysctlRoot: SysctlNode? = nil

func tree() -> SysctlNode {
    if let r = sysctlRoot { return r }
    let r = SysctlNode("", .node)
    let kern = SysctlNode("kern", .node), vm = SysctlNode("vm", .node)
    let sched = SysctlNode("sched", .node)
    sched.children = [SysctlNode("quantum", .int(10)), SysctlNode("policy", .string("rr"))]
    kern.children = [SysctlNode("ostype", .string("SwiftOS")), SysctlNode("maxproc", .int(64)), sched]
    vm.children = [SysctlNode("swappiness", .int(60))]
    r.children = [kern, vm]
    sysctlRoot = r
    return r
}

func resolve(_ name: String) -> SysctlNode? {
    var cur = tree()
    let parts = name.split(separator: ".")
    guard parts.count <= 6 else { return nil }
    for p in parts {
        guard let c = cur.child(p) else { return nil }
        cur = c
    }
    return cur
}

let names = ["kern.ostype", "kern.maxproc", "kern.sched.quantum", "kern.sched.policy",
             "vm.swappiness", "vm.nothing", "a.b.c.d.e.f.g", "kern"]

@_semantics("maxlive.entry")
public func sysctlGet(_ n: Int) -> Int {
    guard let node = resolve(names[n & 7]) else { return -2 }
    switch node.value {
    case .int(let v): return v
    case .string(let s): return s.utf8.count
    case .node: return node.children.count
    }
}

@_semantics("maxlive.entry")
public func sysctlSet(_ n: Int) -> Int {
    guard let node = resolve(names[n & 7]) else { return -2 }
    switch node.value {
    case .int: node.value = .int(n >> 3)
    case .string: node.value = .string("v\(n >> 3)")
    case .node: return -21
    }
    return 0
}

func walk(_ node: SysctlNode, prefix: String, depth: Int, into out: inout [String]) {
    guard depth < 4 else { return }
    let full = prefix.isEmpty ? node.name : prefix + "." + node.name
    if case .node = node.value {} else { out.append(full) }
    for c in node.children { walk(c, prefix: full, depth: depth + 1, into: &out) }
}

@_semantics("maxlive.entry")
public func sysctlList(_ n: Int) -> Int {
    var out: [String] = []
    for c in tree().children { walk(c, prefix: "", depth: 0, into: &out) }
    return out.count * 100 + (out.last?.utf8.count ?? 0)
}

@_semantics("maxlive.entry")
public func sysctlAddInt(_ n: Int) -> Int {
    let kern = tree().children[0]
    guard kern.children.count < 10 else { return -28 }
    kern.children.append(SysctlNode("tun\(n & 0xff)", .int(n)))
    return kern.children.count
}

public func fixtureReset() { sysctlRoot = nil }

// inputs: sysctlGet 0 1 2 3 4 5 6 7
// inputs: sysctlSet 0 1 2 3 4 5 6 7 1000003
// inputs: sysctlList 0
// inputs: sysctlAddInt 0 1 255
