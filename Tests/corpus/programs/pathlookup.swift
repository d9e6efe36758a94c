// Path resolution: split an absolute path into components, walk a small directory tree of
// class nodes, normalise "." and "..", and build the canonical path string.

final class Dentry {
    let name: String
    var children: [Dentry] = []
    unowned(unsafe) var parent: Dentry? = nil
    init(_ name: String) { self.name = name }
    func lookup(_ component: Substring) -> Dentry? {
        for c in children where c.name == component { return c }
        return nil
    }
}

nonisolated(unsafe) var rootDentry: Dentry? = nil

func root() -> Dentry {
    if let r = rootDentry { return r }
    let r = Dentry("/")
    for top in ["bin", "dev", "etc", "tmp"] {
        let d = Dentry(top)
        d.parent = r
        r.children.append(d)
    }
    rootDentry = r
    return r
}

let samplePaths = ["/bin/sh", "/dev/tty0", "/etc/./passwd", "/tmp/../etc/hosts",
                   "/a/b/c/d/e/f", "//dev//null", "/", "relative/path"]

@_semantics("maxlive.entry")
public func sysSplitPath(_ n: Int) -> Int {
    let path = samplePaths[n & 7]
    let parts = path.split(separator: "/")
    return parts.count
}

@_semantics("maxlive.entry")
public func sysNormalize(_ n: Int) -> Int {
    let path = samplePaths[n & 7]
    var stack: [Substring] = []
    for comp in path.split(separator: "/") {
        if comp == "." { continue }
        if comp == ".." { if !stack.isEmpty { stack.removeLast() }; continue }
        stack.append(comp)
    }
    let canon = "/" + stack.joined(separator: "/")
    return canon.utf8.count
}

@_semantics("maxlive.entry")
public func sysLookup(_ n: Int) -> Int {
    let path = samplePaths[n & 7]
    guard path.hasPrefix("/") else { return -2 }
    var cur = root()
    var depth = 0
    for comp in path.split(separator: "/") {
        depth += 1
        if depth > 8 { return -40 }   // ELOOP-ish limit
        guard let next = cur.lookup(comp) else { return -2 }
        cur = next
    }
    return depth
}

@_semantics("maxlive.entry")
public func sysMkdir(_ n: Int) -> Int {
    let r = root()
    guard r.children.count < 12 else { return -28 }
    let name = "d" + String(n % 100)
    if r.lookup(Substring(name)) != nil { return -17 }
    let d = Dentry(name)
    d.parent = r
    r.children.append(d)
    return r.children.count
}

public func fixtureReset() { rootDentry = nil }

// inputs: sysSplitPath 0 1 2 3 4 5 6 7
// inputs: sysNormalize 0 1 2 3 4 5 6 7
// inputs: sysLookup 0 1 2 3 4 5 6 7
// inputs: sysMkdir 0 5 99 12345
