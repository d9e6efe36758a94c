// ramfs: a tree of directories and files (file data in [UInt8]); create, write, recursive
// size and recursive remove, each recursion limited to 8 levels.

final class RNode {
    let name: String
    let isDir: Bool
    var data: [UInt8] = []
    var entries: [RNode] = []
    init(name: String, isDir: Bool) { self.name = name; self.isDir = isDir }
}

nonisolated(unsafe) var fsRoot = RNode(name: "/", isDir: true)

func mkpath(depth: Int) -> RNode {
    var cur = fsRoot
    for d in 0..<min(depth, 8) {
        let name = "d\(d)"
        if let next = cur.entries.first(where: { $0.name == name }) { cur = next; continue }
        guard cur.entries.count < 32 else { return cur }
        let next = RNode(name: name, isDir: true)
        cur.entries.append(next)
        cur = next
    }
    return cur
}

func totalSize(_ n: RNode, depth: Int) -> Int {
    if depth > 8 { return 0 }
    var s = n.data.count
    for e in n.entries { s += totalSize(e, depth: depth + 1) }
    return s
}

@_semantics("maxlive.entry")
public func ramfsCreate(_ n: Int) -> Int {
    let dir = mkpath(depth: n & 7)
    guard dir.entries.count < 32 else { return -28 }
    let f = RNode(name: "file\(dir.entries.count)", isDir: false)
    dir.entries.append(f)
    return dir.entries.count
}

@_semantics("maxlive.entry")
public func ramfsWrite(_ n: Int) -> Int {
    let dir = mkpath(depth: 2)
    guard dir.entries.count < 32 else { return -28 }
    let f = RNode(name: "log", isDir: false)
    dir.entries.append(f)
    let chunk = [UInt8](repeating: 0x2e, count: 100)
    for _ in 0..<min(n, 20) {
        guard f.data.count + chunk.count <= 2048 else { break }
        f.data.append(contentsOf: chunk)
    }
    return f.data.count
}

@_semantics("maxlive.entry")
public func ramfsDu(_ n: Int) -> Int {
    for d in 0..<(n & 7) {
        let dir = mkpath(depth: d)
        if dir.entries.count >= 32 { continue }
        let f = RNode(name: "f", isDir: false)
        f.data = [UInt8](repeating: 1, count: 64 * d)
        dir.entries.append(f)
    }
    return totalSize(fsRoot, depth: 0)
}

func collect(_ n: RNode, _ path: String, depth: Int, into out: inout [String]) {
    guard depth <= 8, out.count < 64 else { return }
    out.append(path)
    for e in n.entries { collect(e, path + "/" + e.name, depth: depth + 1, into: &out) }
}

@_semantics("maxlive.entry")
public func ramfsFind(_ n: Int) -> Int {
    _ = mkpath(depth: n & 7)
    var out: [String] = []
    collect(fsRoot, "", depth: 0, into: &out)
    return out.map { $0.utf8.count }.reduce(0, +)
}

public func fixtureReset() { fsRoot = RNode(name: "/", isDir: true) }

// inputs: ramfsCreate 0 1 5 7
// inputs: ramfsWrite 0 1 10 20 30
// inputs: ramfsDu 0 1 7
// inputs: ramfsFind 0 1 7
