// Mount table: up to 16 mounts, resolution by longest matching prefix, listing as
// /proc/mounts text, and unmount of a subtree.

struct Mount {
    var source: String
    var target: String
    var fstype: String
    var readOnly: Bool
}

nonisolated(unsafe) var mountTable: [Mount] = []

func bootMounts() {
    if !mountTable.isEmpty { return }
    mountTable.append(Mount(source: "rootfs", target: "/", fstype: "ramfs", readOnly: false))
    mountTable.append(Mount(source: "devfs", target: "/dev", fstype: "devfs", readOnly: false))
    mountTable.append(Mount(source: "procfs", target: "/proc", fstype: "proc", readOnly: true))
}

@_semantics("maxlive.entry")
public func sysMount(_ n: Int) -> Int {
    bootMounts()
    guard mountTable.count < 16 else { return -16 }
    let target = "/mnt/disk\(n & 7)"
    for m in mountTable where m.target == target { return -16 }
    mountTable.append(Mount(source: "/dev/vd\(n & 7)", target: target, fstype: "fat", readOnly: n & 8 != 0))
    return mountTable.count
}

@_semantics("maxlive.entry")
public func resolveMount(_ n: Int) -> Int {
    bootMounts()
    let paths = ["/dev/null", "/proc/self/maps", "/etc/passwd", "/mnt/disk1/a.txt"]
    let path = paths[n & 3]
    var best = -1
    var bestLen = -1
    for (i, m) in mountTable.enumerated() {
        let len = m.target.utf8.count
        if path.hasPrefix(m.target) && len > bestLen { best = i; bestLen = len }
    }
    return best
}

@_semantics("maxlive.entry")
public func procMounts(_ n: Int) -> Int {
    bootMounts()
    for i in 0..<(n & 7) { _ = sysMount(i) }
    var text = ""
    for m in mountTable {
        text += m.source + " " + m.target + " " + m.fstype + (m.readOnly ? " ro" : " rw") + "\n"
    }
    return text.utf8.count
}

@_semantics("maxlive.entry")
public func sysUmountAll(_ n: Int) -> Int {
    bootMounts()
    for i in 0..<(n & 7) { _ = sysMount(i) }
    let before = mountTable.count
    mountTable = mountTable.filter { !$0.target.hasPrefix("/mnt") }
    return before - mountTable.count
}

public func fixtureReset() { mountTable = [] }

// inputs: sysMount 0 1 8 15
// inputs: resolveMount 0 1 2 3
// inputs: procMounts 0 1 7
// inputs: sysUmountAll 0 1 7
