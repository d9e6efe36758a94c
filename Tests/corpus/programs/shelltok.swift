// Kernel monitor command line: tokenize a line on spaces with quoting, dispatch on the
// first word, and parse numeric arguments in hex or decimal.

let lines = ["peek 0x1000 16", "poke 0x2000 255", "help", "echo \"hello kernel\" twice",
             "reboot now", "  ls   /dev  ", "set verbose 3", "dump 0x80000000 0x40"]

func tokenize(_ line: String) -> [String] {
    var tokens: [String] = []
    var cur = ""
    var quoted = false
    for ch in line.utf8 {
        if ch == UInt8(ascii: "\"") { quoted.toggle(); continue }
        if ch == UInt8(ascii: " ") && !quoted {
            if !cur.isEmpty { tokens.append(cur); cur = "" }
            continue
        }
        cur.append(Character(Unicode.Scalar(ch)))
        if tokens.count >= 8 { break }
    }
    if !cur.isEmpty { tokens.append(cur) }
    return tokens
}

func parseNumber(_ s: String) -> Int? {
    if s.hasPrefix("0x") { return Int(s.dropFirst(2), radix: 16) }
    return Int(s)
}

@_semantics("maxlive.entry")
public func monTokenize(_ n: Int) -> Int {
    return tokenize(lines[n & 7]).count
}

@_semantics("maxlive.entry")
public func monDispatch(_ n: Int) -> Int {
    let toks = tokenize(lines[n & 7])
    guard let cmd = toks.first else { return 0 }
    switch cmd {
    case "peek", "dump":
        guard toks.count >= 3, let addr = parseNumber(toks[1]), let len = parseNumber(toks[2]) else { return -22 }
        return addr &+ len
    case "poke":
        guard toks.count >= 3, let v = parseNumber(toks[2]) else { return -22 }
        return v
    case "help": return 1
    default: return -38
    }
}

@_semantics("maxlive.entry")
public func monEcho(_ n: Int) -> Int {
    let toks = tokenize(lines[3])
    let reps = min(n, 4)
    var out = ""
    for _ in 0..<reps { out += toks.dropFirst().joined(separator: " ") + "\n" }
    return out.utf8.count
}

@_semantics("maxlive.entry")
public func monHistory(_ n: Int) -> Int {
    var history: [String] = []
    for i in 0..<(n & 15) {
        if history.count == 8 { history.removeFirst() }
        history.append(lines[i & 7])
    }
    return history.map { $0.utf8.count }.reduce(0, +)
}

// inputs: monTokenize 0 1 2 3 4 5 6 7
// inputs: monDispatch 0 1 2 3 4 5 6 7
// inputs: monEcho 0 1 4 10
// inputs: monHistory 0 1 8 9 15
