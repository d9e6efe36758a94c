// Process table: fixed array of 64 slots, PIDs from a counter, process state as an enum with
// payloads, parent/child links by PID, fork/exit/wait.

enum ProcState {
    case embryo
    case runnable(priority: Int)
    case sleeping(channel: Int)
    case zombie(exitCode: Int32)
}

final class Process {
    let pid: Int
    var ppid: Int
    var state: ProcState = .embryo
    var name: String
    var openFiles: [Int] = []
    init(pid: Int, ppid: Int, name: String) { self.pid = pid; self.ppid = ppid; self.name = name }
}

let maxProcs = 64
nonisolated(unsafe) var procs: [Process?] = Array(repeating: nil, count: 64)
nonisolated(unsafe) var nextPid = 1

func allocProc(parent: Int, name: String) -> Process? {
    for i in 0..<maxProcs where procs[i] == nil {
        let p = Process(pid: nextPid, ppid: parent, name: name)
        nextPid += 1
        procs[i] = p
        return p
    }
    return nil
}

@_semantics("maxlive.entry")
public func sysFork(_ n: Int) -> Int {
    let parentPid = n & 0xff
    guard let child = allocProc(parent: parentPid, name: "init") else { return -11 }
    child.openFiles = [0, 1, 2]
    child.state = .runnable(priority: 10)
    return child.pid
}

@_semantics("maxlive.entry")
public func sysForkMany(_ n: Int) -> Int {
    var last = 0
    for i in 0..<min(n, maxProcs) {
        guard let p = allocProc(parent: 1, name: "worker") else { break }
        p.state = i % 2 == 0 ? .runnable(priority: i) : .sleeping(channel: i)
        last = p.pid
    }
    return last
}

@_semantics("maxlive.entry")
public func sysExitAndWait(_ n: Int) -> Int {
    _ = sysForkMany(n & 15)
    // every sleeping process exits, the parent reaps the zombies
    for case let p? in procs {
        if case .sleeping = p.state { p.state = .zombie(exitCode: Int32(p.pid & 0x7f)) }
    }
    var reaped: [Int] = []
    for i in 0..<maxProcs {
        if let p = procs[i], case .zombie(let code) = p.state {
            reaped.append(Int(code))
            procs[i] = nil
        }
    }
    return reaped.reduce(0, +)
}

@_semantics("maxlive.entry")
public func sysPs(_ n: Int) -> Int {
    _ = sysForkMany(n & 7)
    var out = "PID PPID STATE\n"
    for case let p? in procs {
        let st: String
        switch p.state {
        case .embryo: st = "E"
        case .runnable: st = "R"
        case .sleeping: st = "S"
        case .zombie: st = "Z"
        }
        out += "\(p.pid) \(p.ppid) \(st)\n"
    }
    return out.utf8.count
}

public func fixtureReset() {
    for i in 0..<maxProcs { procs[i] = nil }
    nextPid = 1
}

// inputs: sysFork 0 1 255
// inputs: sysForkMany 0 1 10 64 100
// inputs: sysExitAndWait 0 1 8 15
// inputs: sysPs 0 1 7
