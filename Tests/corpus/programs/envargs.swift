// execve argument handling: copy argv/envp into the new image as an array of strings,
// compute the stack layout size, look up PATH, and build "KEY=VALUE" pairs.

let defaultEnv = ["PATH=/bin:/usr/bin", "HOME=/root", "TERM=vt100", "SHELL=/bin/sh"]
let argPool = ["sh", "-c", "echo", "hello", "world", "ls", "-l", "/tmp"]

func argv(count: Int) -> [String] {
    var a: [String] = []
    for i in 0..<count { a.append(argPool[i % argPool.count]) }
    return a
}

@_semantics("maxlive.entry")
public func execStackSize(_ n: Int) -> Int {
    guard n >= 0 && n <= 32 else { return -7 }  // E2BIG
    let args = argv(count: n)
    var bytes = 0
    for s in args + defaultEnv { bytes += s.utf8.count + 1 }
    bytes += (args.count + defaultEnv.count + 2) * 8
    return (bytes + 15) & ~15
}

@_semantics("maxlive.entry")
public func envLookup(_ n: Int) -> Int {
    let key = ["PATH", "HOME", "TERM", "USER"][n & 3]
    for e in defaultEnv where e.hasPrefix(key + "=") {
        return e.utf8.count - key.utf8.count - 1
    }
    return -1
}

@_semantics("maxlive.entry")
public func pathSearch(_ n: Int) -> Int {
    let prog = argPool[n & 7]
    guard let path = defaultEnv.first(where: { $0.hasPrefix("PATH=") }) else { return -2 }
    let dirs = path.dropFirst(5).split(separator: ":")
    var candidates: [String] = []
    for d in dirs { candidates.append(String(d) + "/" + prog) }
    return candidates.map { $0.utf8.count }.max() ?? 0
}

@_semantics("maxlive.entry")
public func setEnv(_ n: Int) -> Int {
    var env = defaultEnv
    let key = "VAR\(n & 7)"
    let value = String(repeating: "x", count: n & 63)
    env.removeAll { $0.hasPrefix(key + "=") }
    env.append("\(key)=\(value)")
    return env.count
}

// inputs: execStackSize 0 1 4 8 32 33
// inputs: envLookup 0 1 2 3
// inputs: pathSearch 0 1 2 3 4 5 6 7
// inputs: setEnv 0 1 7 63 64
