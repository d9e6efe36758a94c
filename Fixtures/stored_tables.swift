// Fixture: stored_tables — arrays kept in stored places (a global, a struct field, a class
// field) whose capacity the whole module bounds: every value ever stored there is a buffer of
// known capacity, so a call that changes the table in place can only copy it at that size.
//
// Layouts (SILFacts §4–§6): array storage = 32 B header + count × stride.
//   Handle {Int}: 16 header + 8 = 24. Optional<Handle> stride 8.
//   FdTable.slots: 32 × Handle? = 32 + 256 = 288.   counters: 64 × Int = 32 + 512 = 544.
//   Port.queue (class field): 16 × Int = 32 + 128 = 160; Port {header, [Int]} = 16 + 8 = 24.
//   history: appended without a bound elsewhere in the module: no capacity holds.
//
// tableInstall: the table is made on first use (288: every table starts empty) and a new
//   Handle (24) goes into a slot: 312. The assignment into the array is a copy on write when
//   the buffer is shared; it never is here, but the model cannot see that, so it charges one
//   more 288-byte buffer: bound 600.
// counterBump: the same on a global array: 544 made on first use; the copy on write is
//   charged: bound 1088.
// portQueue: a Port made here with its 16-slot queue (160); the queue's slot is written in
//   place. The Port does not escape, so the optimizer keeps it on the stack: 160. The queue
//   comes straight from its allocation, so no copy on write is charged.
// portKept: a Port kept in a global, its queue made with it (24 + 160 = 184 on first use);
//   the slot write may copy the queue (160 more): bound 344.
// historyTouch: history's capacity has no bound (historyAdd appends with no limit), so a
//   write that may copy it is unbounded, naming the place.
//
// expect: tableInstall peak 312
// expect: counterBump peak 544
// expect: portQueue peak 160
// expect: portKept peak 184
// expect: historyTouch unbounded
// maxlive: tableInstall bound 600 (a copy on write is charged though no other owner shares the table)
// maxlive: counterBump bound 1088 (a copy on write is charged though no other owner shares the array)
// maxlive: portKept bound 344 (a copy on write is charged though no other owner shares the queue)
// inputs: tableInstall 0 5 31 40
// inputs: counterBump 0 7 63 200
// inputs: portQueue 0 3 15
// inputs: portKept 0 3 15
// inputs: historyTouch 0 1 2

public final class Handle {
    var offset = 0
    init(_ offset: Int) { self.offset = offset }
}

struct FdTable {
    var slots: [Handle?] = []

    mutating func install(_ fd: Int, _ h: Handle) {
        if slots.isEmpty { slots = Array(repeating: nil, count: 32) }
        if fd >= 0 && fd < slots.count { slots[fd] = h }
    }
}

nonisolated(unsafe) var fds = FdTable()
nonisolated(unsafe) var counters: [Int] = []
nonisolated(unsafe) var history: [Int] = []

public final class Port {
    var queue: [Int] = Array(repeating: 0, count: 16)
}

@_semantics("maxlive.entry")
public func tableInstall(_ n: Int) {
    fds.install(n, Handle(n))
}

@_semantics("maxlive.entry")
public func counterBump(_ n: Int) -> Int {
    if counters.isEmpty { counters = [Int](repeating: 0, count: 64) }
    counters[n & 63] += 1
    return counters[0]
}

@_semantics("maxlive.entry")
public func portQueue(_ n: Int) -> Int {
    let port = Port()
    port.queue[n & 15] = n
    return port.queue[0]
}

nonisolated(unsafe) var openPort: Port? = nil

@_semantics("maxlive.entry")
public func portKept(_ n: Int) -> Int {
    if openPort == nil { openPort = Port() }
    let port = openPort!
    port.queue[n & 15] = n
    return port.queue[1]
}

@inline(never)
func historyAdd(_ n: Int) { history.append(n) }

@_semantics("maxlive.entry")
public func historyTouch(_ n: Int) -> Int {
    historyAdd(n)
    history[0] = n
    return history.count
}

public func fixtureReset() {
    fds = FdTable()
    counters = []
    history = []
    openPort = nil
}
