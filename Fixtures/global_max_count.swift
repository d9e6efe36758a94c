// Fixture: global_max_count — a global collection whose largest count the program states.
//
// A global's count when a call starts is whatever earlier calls left: no analysis of one call
// can bound its growth (array_append's arrayAppendKept is unbounded for that reason). The
// program can: `maxliveMaxCount(&table, 20)` after each append says `table` never holds more
// than 20 elements, checks it at run time, and is listed as an assumption. maxlive then takes
// any count up to 20 on entry: a reallocation asks for at most 20 elements, an append at most
// doubles the old capacity (19 → 38), and the old buffer (at most 19) is live while it moves.
// [Int] storage is 32 + 8 × capacity bytes (§5.6).
//
// tableAppend: appends until the table holds 20. From the empty table (the driver resets it
//   between calls) the worst step is the 17th append, 16 → 32: 160 + 288 = 448 measured.
//   maxlive cannot know a call starts from empty: 32 + 8 × 38 = 336 for the new buffer, plus
//   32 + 8 × 19 = 184 for the old, 520 at -Osize (at -Onone 616: each of the three calls of the
//   global's addressor charges its one-time initializer's 32-byte empty-array header once).
// deviceRegister: keeps min(n, 8) Device objects {Int, Int} (16 + 16 = 32 each) in a global
//   array stated to hold at most 8. For n = 8 from empty the array grows 0 → 1 → 2 → 4 → 8;
//   the peak is at the end, 8 × 32 objects and the last buffer, 32 + 8 × 8 = 96: 352 measured
//   (the 4 → 8 step holds 5 objects, 64 and 96: 320). maxlive: size(14) = 144 and size(7) =
//   88 for the array, and the 8 iterations' objects, 8 × 32 = 256: 488 (the loop's header
//   runs 9 times, but its ninth run only leaves).
// snapshots: each append to `recent` (stated at most 4) is followed by a copy of it kept in
//   `history`, so every old buffer stays: the statement bounds the count, not the copies. For
//   n = 4 from empty: recent's buffers of capacity 1, 2, 4 (40, 48, 64) stay in the history,
//   the fourth append copies the shared one (64), and the history's own buffer holds 4 arrays
//   (32 + 4 × 8 = 64): 40 + 48 + 64 + 64 + 64 = 280. maxlive refuses it, naming the copy.
//
// expect: tableAppend peak 448
// maxlive: tableAppend bound 520 (the count on entry may be anything up to the stated 20, so the largest growth is from 19)
// inputs: tableAppend 0 1 2 16 17 20 25
// expect: snapshots peak 280
// maxlive: snapshots unbounded (each append is followed by a copy of the table kept in another global, so old buffers stay)
// inputs: snapshots 0 1 2 3 4
// expect: deviceRegister peak 352
// maxlive: deviceRegister bound 488 (the count on entry may be anything up to the stated 8)
// inputs: deviceRegister 0 1 4 5 8 9

nonisolated(unsafe) var table: [Int] = []

@_semantics("maxlive.entry")
public func tableAppend(_ n: Int) {
    for i in 0..<n {
        if table.count >= 20 { break }
        table.append(i)
        maxliveMaxCount(&table, 20)
    }
}

final class Device {
    var id = 0
    var irq = 0
}

nonisolated(unsafe) var devices: [Device] = []

@_semantics("maxlive.entry")
public func deviceRegister(_ n: Int) {
    for i in 0..<min(n, 8) {
        if devices.count >= 8 { return }
        let d = Device()
        d.id = i
        devices.append(d)
        maxliveMaxCount(&devices, 8)
    }
}

nonisolated(unsafe) var recent: [Int] = []
nonisolated(unsafe) var history: [[Int]] = []

@_semantics("maxlive.entry")
public func snapshots(_ n: Int) {
    for i in 0..<min(n, 4) {
        recent.append(i)
        maxliveMaxCount(&recent, 4)
        history.append(recent)
        maxliveMaxCount(&history, 4)
    }
}

public func fixtureReset() {
    table = []
    devices = []
    recent = []
    history = []
}
