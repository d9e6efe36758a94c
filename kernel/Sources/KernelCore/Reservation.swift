// Reservation.swift — heap reservations (Biscuit's `res` package, biscuit.md §3).
//
// Every system call reserves, before it touches anything, the most heap it can hold live at
// once (its maxlive bound). Once granted, its allocations cannot fail. The accounting is
// exact because ARC frees eagerly:
//
//   available = M − heapLive − Σ over running calls of max(0, reserved − charged)
//
// where M is the heap limit (--heap), `charged` is what the call allocated and still holds
// (Heap.swift tracks it per thread slot) and `reserved` its reservation. A call that ends
// leaves its still-live allocations in heapLive; its unused reservation returns to the pool.
// Invariant: heapLive + Σ unused reservations ≤ M, so a call that stays within its bound
// never finds the heap full.
//
// The API:
//   reserveSyscall(bytes:name:)  blocking; wakes the killer and waits while memory is short;
//                                false if the caller was killed (or nothing can free enough)
//   releaseSyscall()             end of the call
//   reserveIteration()           deep reservation inside a loop whose trip count the user
//                                controls; non-blocking: on false the call returns ENOHEAP,
//                                the dispatcher waits for memory and restarts it
//   reserveDaemonIteration / releaseDaemonIteration   per-iteration reservations of kernel threads
//
// The bounds come from the table maxlive generates into the build (its build tool plugin,
// applied to the Kernel target, analyses KernelCore whenever its sources change).

nonisolated(unsafe) var resBounds: MaxliveBoundsTable? = nil
/// M: the heap limit reservations are made against (requested bytes).
public nonisolated(unsafe) var resLimit = 0
nonisolated(unsafe) var resSeq: UInt32 = 0
nonisolated(unsafe) var resMemWaiters = 0
/// Bumped by the killer when it cannot free enough memory for anyone.
nonisolated(unsafe) var resFailEpoch = 0
public nonisolated(unsafe) var resWaits = 0
/// System calls restarted after unwinding with ENOHEAP.
public nonisolated(unsafe) var resRestarts = 0
/// Deep reservations that failed (the loop then unwinds with ENOHEAP or stops early).
public nonisolated(unsafe) var resIterFailures = 0
/// False with --no-reservations: calls are measured (calls, peaks) but reserve nothing and
/// never wait; deep reservations always succeed. For measuring what reservations cost.
public nonisolated(unsafe) var resEnabled = true

// Memory-wait episodes: an episode starts when a thread begins waiting for memory with no
// other thread waiting, and ends when no thread waits any more (every waiter was granted
// its reservation, gave up or was killed): the time the killer took to recover the system.
public nonisolated(unsafe) var resEpisodes = 0
public nonisolated(unsafe) var resEpisodeStart: Int64 = 0
public nonisolated(unsafe) var resFirstRecoveryNs: Int64 = -1
public nonisolated(unsafe) var resLongestRecoveryNs: Int64 = 0
public nonisolated(unsafe) var resTotalRecoveryNs: Int64 = 0
public nonisolated(unsafe) var resFirstWaitNs: Int64 = 0
public nonisolated(unsafe) var resLastRecoveredNs: Int64 = 0
nonisolated(unsafe) var resWaitingThreads = 0

/// Bytes reserved by running calls and not yet allocated (kept incrementally).
@inline(__always)
func resOutstanding() -> Int {
    #if KERNEL_TEST
    if resCheckCounter & 1023 == 0 { resCheckOutstanding() }
    resCheckCounter &+= 1
    #endif
    return heapOutstanding
}

nonisolated(unsafe) var resCheckCounter = 0

/// Test builds: the incremental sum must equal a full scan of the slots.
func resCheckOutstanding() {
    let slow = resOutstandingScan()
    if slow != heapOutstanding {
        kprint("reservation: outstanding bytes "); kprintInt(heapOutstanding); kprint(" but the slots hold ")
        kprintInt(slow); kprint("\n")
        kpanic("reservation accounting is inconsistent")
    }
}

/// The same sum by scanning every slot.
func resOutstandingScan() -> Int {
    var sum = 0
    for s in 1..<kSlotCount {
        let a = heapSlot(s)
        if a.pointee.active { sum += a.pointee.reservation.unused }
    }
    return sum
}

/// Bytes a new reservation could get right now.
public func heapAvailable() -> Int { resLimit - heapLive - resOutstanding() }

private func beginSession(_ slot: Int, _ bytes: Int, _ name: StaticString) {
    let a = heapSlot(slot)
    resSeq &+= 1
    if a.pointee.active { heapOutstanding -= a.pointee.reservation.unused }
    a.pointee.seq = resSeq
    a.pointee.active = true
    a.pointee.reservation = MaxliveReservation(reserving: bytes)
    heapOutstanding += bytes
    a.pointee.evictDepth = 0
    a.pointee.name = name.utf8Start
    a.pointee.nameLen = name.utf8CodeUnitCount
}

/// Wait until `bytes` are available. False if the caller was killed or the killer gave up.
func waitForMemory(_ bytes: Int) -> Bool {
    if bytes > resLimit {
        curProc!.resvError = kENOMEM
        return false
    }
    if heapAvailable() >= bytes { return true }
    episodeEnter()
    let ok = waitForMemorySlow(bytes)
    episodeLeave()
    return ok
}

private func episodeEnter() {
    if resWaitingThreads == 0 {
        resEpisodes += 1
        resEpisodeStart = nowNanos()
        if resEpisodes == 1 { resFirstWaitNs = resEpisodeStart }
    }
    resWaitingThreads += 1
}

private func episodeLeave() {
    resWaitingThreads -= 1
    if resWaitingThreads > 0 { return }
    resLastRecoveredNs = nowNanos()
    let d = resLastRecoveredNs - resEpisodeStart
    if resFirstRecoveryNs < 0 { resFirstRecoveryNs = d }
    if d > resLongestRecoveryNs { resLongestRecoveryNs = d }
    resTotalRecoveryNs += d
}

private func waitForMemorySlow(_ bytes: Int) -> Bool {
    while heapAvailable() < bytes {
        let p = curProc!
        if p.killed { return false }
        let epoch = resFailEpoch
        resWaits += 1
        killerRequest(bytes)
        resMemWaiters += 1
        let r = sleep(chan: kChanMemory, deadline: 0)
        resMemWaiters -= 1
        if r == .killed { return false }
        if resFailEpoch != epoch && heapAvailable() < bytes {
            p.resvError = kENOMEM
            return false
        }
    }
    return true
}

/// Reserve `bytes` for the system call `name` about to run on the current thread. Blocks
/// while the killer frees memory; false if the caller's process was killed meanwhile (or, with
/// `resvError` set, if no memory can be found at all).
public func reserveSyscall(bytes: Int, name: StaticString) -> Bool {
    if !waitForMemory(bytes) { return false }
    beginSession(curProc!.slot, bytes, name)
    return true
}

/// --no-reservations: measure the call (calls, peak) without reserving anything (a zero
/// reservation that the heap does not check).
public func measureSyscall(name: StaticString) {
    beginSession(curProc!.slot, 0, name)
}

/// End the current call's reservation. Returns the call's peak live bytes.
@discardableResult
public func releaseSyscall() -> Int {
    let a = heapSlot(curProc!.slot)
    if a.pointee.active { heapOutstanding -= a.pointee.reservation.unused }
    a.pointee.active = false
    if resMemWaiters > 0 { wakeup(kChanMemory) }
    return a.pointee.reservation.peak
}

/// The reservation the running call holds now (its bound plus granted iterations).
func currentReservation() -> Int { heapSlot(curProc!.slot).pointee.reservation.reserved }

/// Deep reservation: reserve the bound of the loop body this is called from (looked up by
/// the caller's function, file and line in the generated table). Non-blocking: on false the
/// caller must unwind with ENOHEAP; the dispatcher waits and restarts the call.
@_semantics("maxlive.reserve_iteration")
@inline(never)
public func reserveIteration(function: StaticString = #function, file: StaticString = #fileID, line: Int = #line) -> Bool {
    guard let p = curProc else { return true }          // boot (mkfs): no call to charge
    if !resEnabled { return true }
    let iter = p.sysIter
    p.sysIter = iter + 1
    if faultInjection && injectFault(p, file, line, later: iter > 0) {
        resIterFailures += 1
        p.restartNeed = heapSlot(p.slot).pointee.reservation.reserved
        return false
    }
    let bytes = iterationBound(function, file, line)
    if bytes == 0 { return true }
    let a = heapSlot(p.slot)
    if heapAvailable() >= bytes {
        heapOutstanding += a.pointee.reservation.extend(by: bytes)
        return true
    }
    resIterFailures += 1
    p.restartNeed = a.pointee.reservation.reserved + bytes
    return false
}

/// A kernel thread reserves `bytes` (its daemon bound) before handling one work item.
public func reserveDaemonIteration(bytes: Int, name: StaticString, blocking: Bool) -> Bool {
    if blocking && !waitForMemory(bytes) { return false }
    beginSession(curProc!.slot, bytes, name)
    return true
}

public func releaseDaemonIteration() { _ = releaseSyscall() }

/// Allocations between evictableBegin/End fill an evictable cache: they are not charged to
/// the running call (maxlive does not charge them either). Callers check cacheCanGrow first.
func evictableBegin() { heapSlot(curProc?.slot ?? 0).pointee.evictDepth += 1 }
func evictableEnd() { heapSlot(curProc?.slot ?? 0).pointee.evictDepth -= 1 }
func cacheCanGrow(_ bytes: Int) -> Bool { heapAvailable() >= bytes }

// MARK: - fault injection (biscuit.md §3.7)
//
// With --inject-faults, a deep reservation fails the first time each distinct stack reaches
// it, to exercise every unwind-and-restart path. A stack is identified by the system call
// running, the reservation's call site (file and line) and whether it is the call's first
// iteration at a deep-reservation site or a later one (some pages are already done when the
// call unwinds with ENOHEAP; it restarts from the beginning, and only an append returns a
// short write instead). In this
// kernel every deep-reservation site is reached from each system call through exactly one
// chain of calls, so the call number and site determine the stack.

public nonisolated(unsafe) var faultInjection = false
public nonisolated(unsafe) var faultsInjected = 0

struct FaultKey {
    var sys = 0
    var file: UInt = 0
    var line = 0
    var later = false
}

let kFaultKeys = 128
nonisolated(unsafe) var faultKeys: UnsafeMutablePointer<FaultKey>? = nil
nonisolated(unsafe) var faultKeyCount = 0

/// True (and remembered) if this stack has not failed yet.
private func injectFault(_ p: Proc, _ file: StaticString, _ line: Int, later: Bool) -> Bool {
    let f = UInt(bitPattern: file.utf8Start)
    for i in 0..<faultKeyCount {
        maxliveLoopBound(128)
        let k = faultKeys![i]
        if k.sys == p.sysNo && k.file == f && k.line == line && k.later == later { return false }
    }
    if faultKeyCount == kFaultKeys { return false }
    faultKeys![faultKeyCount] = FaultKey(sys: p.sysNo, file: f, line: line, later: later)
    faultKeyCount += 1
    faultsInjected += 1
    reportFault(p, file, line, later)
    return true
}

@_semantics("maxlive.ignore")
private func reportFault(_ p: Proc, _ file: StaticString, _ line: Int, _ later: Bool) {
    if bootCfg.quiet { return }
    kprint("fault injection: deep reservation at "); kprint(file); kprint(":"); kprintInt(line)
    kprint(later ? " (later iteration)" : " (first iteration)"); kprint(" fails once;")
    printCurrentCall()
}

// MARK: - iteration bounds by call site

struct IterSite {
    var file: UInt = 0
    var line = 0
    var bytes = 0
}

let kIterSites = 64
nonisolated(unsafe) var iterSites: UnsafeMutablePointer<IterSite>? = nil
nonisolated(unsafe) var iterSiteCount = 0

private func iterationBound(_ function: StaticString, _ file: StaticString, _ line: Int) -> Int {
    let f = UInt(bitPattern: file.utf8Start)
    for i in 0..<iterSiteCount {
        maxliveLoopBound(64)
        let s = iterSites![i]
        if s.file == f && s.line == line { return s.bytes }
    }
    let b = lookupIteration(function, file, line)
    if b < 0 {
        kprint("reservation: no iteration bound for "); kprint(function); kprint(" at "); kprint(file)
        kprint(":"); kprintInt(line); kprint(" in the generated table\n")
        #if KERNEL_TEST
        halt(5)
        #else
        return 0
        #endif
    }
    if iterSiteCount < kIterSites {
        iterSites![iterSiteCount] = IterSite(file: f, line: line, bytes: b)
        iterSiteCount += 1
    }
    return b
}

/// Table iteration names are `function@Module/File.swift:LINE` (LINE = the loop); the call
/// site matches the entry of the same function and file with the largest LINE ≤ its line.
private func lookupIteration(_ function: StaticString, _ file: StaticString, _ line: Int) -> Int {
    resBounds?.iterationBound(function: function, file: file, line: line) ?? -1
}

func reservationInit(limit: Int, table: MaxliveBoundsTable) {
    resLimit = limit
    resBounds = table
    iterSites = UnsafeMutablePointer<IterSite>.allocate(capacity: kIterSites)
    iterSites!.initialize(repeating: IterSite(), count: kIterSites)
    faultKeys = UnsafeMutablePointer<FaultKey>.allocate(capacity: kFaultKeys)
    faultKeys!.initialize(repeating: FaultKey(), count: kFaultKeys)
}
