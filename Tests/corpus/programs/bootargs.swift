// Kernel command line: "key=value" words parsed into a dictionary keyed by String, flags
// without values, early_param handlers looked up by name, and a console= list.

let cmdlines = ["console=ttyS0,115200 root=/dev/vda1 rw quiet loglevel=7",
                "console=tty0 console=ttyS1 init=/sbin/init nosmp",
                "mem=512M hugepages=16 isolcpus=1,2,3 rcu_nocbs=1-3",
                ""]

func parseCmdline(_ s: String) -> [String: String] {
    var params: [String: String] = [:]
    for word in s.split(separator: " ") {
        if params.count >= 16 { break }
        if let eq = word.firstIndex(of: "=") {
            params[String(word[..<eq])] = String(word[word.index(after: eq)...])
        } else {
            params[String(word)] = ""
        }
    }
    return params
}

@_semantics("maxlive.entry")
public func cmdlineParse(_ n: Int) -> Int {
    return parseCmdline(cmdlines[n & 3]).count
}

@_semantics("maxlive.entry")
public func cmdlineLoglevel(_ n: Int) -> Int {
    let p = parseCmdline(cmdlines[n & 3])
    if p["quiet"] != nil { return 4 }
    return Int(p["loglevel"] ?? "") ?? 6
}

@_semantics("maxlive.entry")
public func cmdlineConsoles(_ n: Int) -> Int {
    var consoles: [String] = []
    for word in cmdlines[n & 3].split(separator: " ") where word.hasPrefix("console=") {
        let dev = word.dropFirst(8).split(separator: ",").first.map(String.init) ?? ""
        if consoles.count < 4 { consoles.append("/dev/" + dev) }
    }
    return consoles.last?.utf8.count ?? 0
}

@_semantics("maxlive.entry")
public func cmdlineCpuList(_ n: Int) -> Int {
    // "1,2,3" or "1-3" style lists into a sorted set of CPU numbers below 64
    let p = parseCmdline(cmdlines[2])
    let key = n & 1 == 0 ? "isolcpus" : "rcu_nocbs"
    var cpus = Set<Int>()
    for part in (p[key] ?? "").split(separator: ",") {
        let ends = part.split(separator: "-").compactMap { Int($0) }
        if ends.count == 2 { for c in ends[0]...min(ends[1], 63) { cpus.insert(c) } }
        else if ends.count == 1, ends[0] < 64 { cpus.insert(ends[0]) }
    }
    return cpus.sorted().reduce(0) { $0 * 10 + $1 }
}

// inputs: cmdlineParse 0 1 2 3
// inputs: cmdlineLoglevel 0 1 2 3
// inputs: cmdlineConsoles 0 1 2 3
// inputs: cmdlineCpuList 0 1
