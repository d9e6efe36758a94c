// Fixture: guarded_tables — global arrays whose largest count the code itself enforces: every
// change in the module that adds to the global runs behind a check of its count, read after
// the last change (`guard fds.count < 16 else { return -24 }; fds.append(f)`). The count then
// never exceeds 16, as if stated with maxliveMaxCount, and the growth models use it so; the
// report lists it as an assumption naming a guard (trusted: nothing changes the global
// through unsafe pointers).
//
// Layouts (SILFacts §5): array storage = 32 B header + count × stride; File {header 16, Int,
// Int} = 32 B; [File] stride 8; Waiter {Int, Int} stride 16.
//
// fdOpen: a new File (32) appended to `fds` behind `count < 16`. From 8 files in a full
//   buffer the append doubles it: 32 + 16 × 8 = 160, and the File: 192 measured. maxlive takes
//   any count up to 15 before the append: a new buffer of at most max(16, 30) elements (272 B),
//   charged once for the call though fdOpen and the out-of-line append both change `fds`, the
//   old buffer while it is copied, and the File: 480 (fdOpen 32, the append 288 and 160). The
//   real worst case, 15 files in a full buffer, is 32 + 272 + 152 = 456.
// waitEnqueue: an element appended to `waiters` behind `count >= 8 → return` (the same guard,
//   turned around). From 4 in a full buffer: 32 + 8 × 16 = 160 measured. maxlive: a new buffer
//   of at most max(8, 14) elements (256) once and the old one while it is copied: 448 (the
//   append's 288 and 160). The real worst case, 7 in a full buffer, is 256 + 144 = 400.
// staleGuard: `log` is checked once, then appended to in a loop: the count read before the
//   loop says nothing of the second append, so no bound holds for `log` and the entry is
//   unbounded, naming the loop.
// unguardedPush: `history` is appended to behind no check in one function of the module, so
//   no bound holds for it anywhere.
//
// expect: fdOpen peak 192
// expect: waitEnqueue peak 160
// expect: staleGuard peak 256
// expect: unguardedPush peak 96
// maxlive: fdOpen bound 480 (any count up to 15 is taken on entry: the largest growth is from 15)
// maxlive: waitEnqueue bound 448 (any count up to 7 is taken on entry: the largest growth is from 7)
// maxlive: staleGuard unbounded (the count is read once before a loop that appends: the guard says nothing of the later appends)
// maxlive: unguardedPush unbounded (history is appended to behind no check of its count)
// inputs: fdOpen 0 0 1 1
// inputs: waitEnqueue 0 0 1 1
// inputs: staleGuard 0 0 3 3 9 9
// inputs: unguardedPush 0 0 1 1

public final class File {
    var inode = 0
    var offset = 0
}

struct Waiter {
    var pid: Int
    var mask: Int
}

nonisolated(unsafe) var fds: [File] = []
nonisolated(unsafe) var waiters: [Waiter] = []
nonisolated(unsafe) var log: [Int] = []
nonisolated(unsafe) var history: [Int] = []

@_semantics("maxlive.entry")
public func fdOpen(_ n: Int) -> Int {
    guard fds.count < 16 else { return -24 }
    let f = File()
    f.inode = n
    fds.append(f)
    return fds.count - 1
}

@_semantics("maxlive.entry")
public func waitEnqueue(_ n: Int) -> Int {
    if waiters.count >= 8 { return -11 }
    waiters.append(Waiter(pid: n, mask: n & 7))
    return waiters.count
}

@_semantics("maxlive.entry")
public func staleGuard(_ n: Int) -> Int {
    if log.count < 4 {
        for k in 0..<min(n, 8) { log.append(k) }
    }
    return log.count
}

@_semantics("maxlive.entry")
public func unguardedPush(_ n: Int) -> Int {
    history.append(n)
    return history.count
}

nonisolated(unsafe) var resets = 0

// Every other reset leaves each table in a full buffer (8 files, 4 waiters, 2 log entries,
// 4 history entries), so the next append reallocates. The literals' buffers hold exactly their
// elements.
public func fixtureReset() {
    fds = []
    waiters = []
    log = []
    history = []
    resets += 1
    if resets & 1 == 0 {
        for k in 0..<8 { _ = fdOpen(k) }
        for k in 0..<4 { _ = waitEnqueue(k) }
        log = [1, 2]
        history = [1, 2, 3, 4]
    }
}
