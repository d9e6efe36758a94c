// Killer.swift — the killer thread (Biscuit's OOM killer, biscuit.md §3.5).
//
// A system call whose reservation cannot be granted wakes the killer and sleeps on the
// memory channel. For each request the killer, in order:
//   1. checks whether enough memory is available now (someone freed some): wake waiters;
//   2. evicts the caches, least recently used first (dentries, then unpinned inodes), in
//      rounds of half the cache while rounds make progress; checks again;
//   3. kills the user process holding the most kernel heap (live bytes allocated on its
//      behalf plus the unused part of a reservation it holds), never init (pid 1), waits for
//      it to exit, and repeats until enough is free.
// If nothing is left to kill it bumps resFailEpoch: waiters that still do not fit give up
// with ENOMEM. A killed process's pending call ends (its sleep returns .killed) and it exits
// on the way back to user code, which frees what it held.
import KernelC

nonisolated(unsafe) var killerWanted = 0
nonisolated(unsafe) var killerPending = false
nonisolated(unsafe) var killerBound = 0
public nonisolated(unsafe) var killerRounds = 0
public nonisolated(unsafe) var killerKills = 0
public nonisolated(unsafe) var killerEvicted = 0
public nonisolated(unsafe) var killerVerbose = true

/// Ask the killer to find `bytes` of heap.
func killerRequest(_ bytes: Int) {
    if bytes > killerWanted { killerWanted = bytes }
    killerPending = true
    wakeup(kChanKiller)
}

/// The killer thread's body. Each iteration handles one request.
@_semantics("maxlive.daemon")
public func killerMain() {
    while true {
        while !killerPending { _ = sleep(chan: kChanKiller, deadline: 0) }
        // The killer must never wait for memory: it is what frees memory.
        _ = reserveDaemonIteration(bytes: killerBound, name: "killerMain", blocking: false)
        killerPending = false
        let need = killerWanted
        killerWanted = 0
        killerFree(need)
        releaseDaemonIteration()
    }
}

private func killerFree(_ need: Int) {
    killerRounds += 1
    if heapAvailable() >= need {
        wakeup(kChanMemory)
        return
    }
    var last = -1
    while heapAvailable() < need {
        maxliveLoopBound(32)
        let n = dcacheEvictHalf() + icacheEvictHalf()
        killerEvicted += n
        if n == 0 || n == last { break }
        last = n
    }
    while heapAvailable() < need {
        maxliveLoopBound(64)
        guard let v = pickVictim() else {
            if killerVerbose { kprint("killer: nothing left to kill; waiters get ENOMEM\n") }
            resFailEpoch += 1
            break
        }
        if killerVerbose {
            kprint("killer: need "); kprintInt(need); kprint(" bytes, available "); kprintInt(heapAvailable())
            kprint("; killing pid "); kprintInt(v.pid); kprint(" ("); kprint(v.name); kprint(", ")
            kprintInt(victimScore(v)); kprint(" bytes)\n")
        }
        procKill(v, Int(SIGKILL))
        killerKills += 1
        var tries = 0
        while v.state != .zombie && tries < 200 {
            _ = sleep(chan: kChanProcExit, deadline: nowNanos() + 5_000_000)
            tries += 1
        }
    }
    wakeup(kChanMemory)
}

private func victimScore(_ p: Proc) -> Int {
    var s = heapOwnerBytes(slot: p.slot)
    let a = heapSlot(p.slot)
    if a.pointee.active { s += a.pointee.reservation.unused }
    return s
}

private func pickVictim() -> Proc? {
    var best: Proc? = nil
    var bestScore = -1
    for s in 1...kNProc {
        guard let p = procTable![s] else { continue }
        if p.pid == 1 || p.killed || p.state == .zombie || p.state == .dead { continue }
        let sc = victimScore(p)
        if sc > bestScore { best = p; bestScore = sc }
    }
    return best
}
