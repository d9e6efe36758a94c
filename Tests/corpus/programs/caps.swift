// Capabilities and credentials: a Set of capability enums per credential, credential
// objects shared between processes (copy on write by hand), permission checks.

enum Capability: Hashable {
    case chown, dacOverride, kill, netBind, netAdmin, sysAdmin, sysBoot, sysTime, mknod, setuid
}

let allCaps: [Capability] = [.chown, .dacOverride, .kill, .netBind, .netAdmin, .sysAdmin,
                             .sysBoot, .sysTime, .mknod, .setuid]

final class Cred {
    var uid: UInt32
    var gid: UInt32
    var groups: [UInt32]
    var caps: Set<Capability>
    init(uid: UInt32, gid: UInt32, groups: [UInt32], caps: Set<Capability>) {
        self.uid = uid; self.gid = gid; self.groups = groups; self.caps = caps
    }
    func copy() -> Cred { Cred(uid: uid, gid: gid, groups: groups, caps: caps) }
}

nonisolated(unsafe) var rootCred: Cred? = nil
func root() -> Cred {
    if let c = rootCred { return c }
    let c = Cred(uid: 0, gid: 0, groups: [0, 1, 2], caps: Set(allCaps))
    rootCred = c
    return c
}

@_semantics("maxlive.entry")
public func capable(_ n: Int) -> Int {
    return root().caps.contains(allCaps[n % allCaps.count]) ? 1 : 0
}

@_semantics("maxlive.entry")
public func dropPrivileges(_ n: Int) -> Int {
    let c = root().copy()
    c.uid = UInt32(1000 + (n & 0xff))
    let keep = allCaps.enumerated().filter { n >> $0.offset & 1 == 1 }.map { $0.element }
    c.caps = Set(keep)
    return c.caps.count
}

@_semantics("maxlive.entry")
public func setGroups(_ n: Int) -> Int {
    let c = root().copy()
    guard n >= 0 && n <= 32 else { return -22 }
    c.groups = (0..<n).map { UInt32(100 + $0) }
    c.groups.sort(by: >)
    return c.groups.count
}

@_semantics("maxlive.entry")
public func inGroup(_ n: Int) -> Int {
    let c = root()
    let extra: [UInt32] = [UInt32(n & 7), 4, 5]
    let all = Set(c.groups).union(extra)
    return all.contains(UInt32(n & 7)) ? all.count : 0
}

public func fixtureReset() { rootCred = nil }

// inputs: capable 0 1 9
// inputs: dropPrivileges 0 1 1023 1024
// inputs: setGroups 0 1 16 32 33
// inputs: inGroup 0 1 7
