// Device tree: nodes with compatible strings, reg tuples and children arrays kept in class
// objects; probing walks the tree recursively with an explicit depth limit.

final class DevNode {
    let name: String
    var compatible: [String] = []
    var reg: (base: UInt64, size: UInt64) = (0, 0)
    var irq: Int = -1
    var children: [DevNode] = []
    init(name: String) { self.name = name }
}

nonisolated(unsafe) var dtRoot: DevNode? = nil

func buildBoardTree() -> DevNode {
    let rootNode = DevNode(name: "/")
    let soc = DevNode(name: "soc")
    rootNode.children.append(soc)
    let uart = DevNode(name: "uart@10000000")
    uart.compatible = ["ns16550a"]
    uart.reg = (0x1000_0000, 0x100)
    uart.irq = 10
    soc.children.append(uart)
    let plic = DevNode(name: "plic@c000000")
    plic.compatible = ["sifive,plic-1.0.0", "riscv,plic0"]
    plic.reg = (0x0c00_0000, 0x400_0000)
    soc.children.append(plic)
    for i in 0..<4 {
        let v = DevNode(name: "virtio_mmio")
        v.compatible = ["virtio,mmio"]
        v.reg = (0x1000_1000 + UInt64(i) * 0x1000, 0x1000)
        v.irq = 1 + i
        soc.children.append(v)
    }
    return rootNode
}

func countNodes(_ node: DevNode, depth: Int) -> Int {
    if depth > 6 { return 0 }
    var total = 1
    for c in node.children { total += countNodes(c, depth: depth + 1) }
    return total
}

func findCompatible(_ node: DevNode, _ compat: String, depth: Int, into out: inout [DevNode]) {
    if depth > 6 { return }
    if node.compatible.contains(compat) { out.append(node) }
    for c in node.children { findCompatible(c, compat, depth: depth + 1, into: &out) }
}

@_semantics("maxlive.entry")
public func dtUnflatten(_ n: Int) -> Int {
    let t = buildBoardTree()
    dtRoot = t
    return countNodes(t, depth: 0)
}

@_semantics("maxlive.entry")
public func dtProbe(_ n: Int) -> Int {
    if dtRoot == nil { dtRoot = buildBoardTree() }
    var found: [DevNode] = []
    findCompatible(dtRoot!, n & 1 == 0 ? "virtio,mmio" : "ns16550a", depth: 0, into: &found)
    return found.count
}

@_semantics("maxlive.entry")
public func dtAddChild(_ n: Int) -> Int {
    if dtRoot == nil { dtRoot = buildBoardTree() }
    let soc = dtRoot!.children[0]
    guard soc.children.count < 16 else { return -1 }
    let node = DevNode(name: "gpio@\(n & 0xffff)")
    node.compatible.append("acme,gpio")
    node.reg = (UInt64(n & 0xffff) << 12, 0x1000)
    soc.children.append(node)
    return soc.children.count
}

@_semantics("maxlive.entry")
public func dtIrqMap(_ n: Int) -> Int {
    let t = buildBoardTree()
    let irqs = t.children[0].children.map { $0.irq }.filter { $0 >= 0 }.sorted()
    return irqs.last ?? -1
}

public func fixtureReset() { dtRoot = nil }

// inputs: dtUnflatten 0
// inputs: dtProbe 0 1
// inputs: dtAddChild 0 1 65535 100000
// inputs: dtIrqMap 0
