// Fixture: evicting_rings — arrays kept small by making room before each change instead of
// refusing it: `if events.count == 16 { events.removeFirst() }` then `events.append(e)`. No
// check dominates the append, yet the count never passes 16: on the path where it was 16 one
// element went first, and on the other it was not 16, so (never above 16) at most 15.
//
// Layouts (SILFacts §4–§6): [Int] storage: 32 + 8 × capacity. Window {[Int]}: 16 + 8 = 24.
//
// logEvents: up to 40 events into the global `events`, the oldest dropped at 16; the array
//   grows from empty through capacities 1, 2, 4, 8, 16: the 16-capacity buffer (160) made
//   while the 8 (96) was live: 256 (n >= 9). The analysis: `events` holds at most 16; the
//   append left out of line is priced as growing a full 16 to 32 (288) while the 16 (160) is
//   live: 448.
// sampleWindow: a Window object kept in a global; its `samples` are cleared when 8 are
//   there (`removeAll(keepingCapacity: true)`) before the next append. The first call makes
//   the Window (24) and grows `samples` to capacity 8 (96 while the 4, 64, is live): 184
//   (n >= 5). The count is proved at most 8. Where `removeAll(keepingCapacity:)` finds the
//   buffer shared it makes one as large as the old (`capacityAndFlags >> 1` elements): a
//   buffer of the property never exceeds 2 × (8 + 1) = 18 elements (each reallocation asks for
//   at most the count plus one and at most doubles), so that copy is at most 32 + 8 × 18 = 176.
//   The copy is stored into the property, and the analysis keeps each call's copy, 20 calls
//   of `add` in the loop: 9720, about 53 times the peak (no one shares the buffer here, so
//   the copy is never made; proving that for this path is not done).
// appendTwice: room is made for one, two are appended: the count passes 8 by one in every
//   call that finds it at 8, without end: unbounded.
//
// expect: logEvents peak 256
// expect: sampleWindow peak 184
// expect: appendTwice unbounded
// maxlive: logEvents bound 448 (the out-of-line append priced as doubling a full buffer)
// maxlive: sampleWindow bound 9720 (a copy as large as the property's buffer, at most 18 elements, kept per call of add)
// maxlive: appendTwice unbounded (each call may find the count one larger)
// inputs: logEvents 0 1 8 9 16 17 40
// inputs: sampleWindow 0 1 4 5 8 9 20
// inputs: appendTwice 0 1 5

nonisolated(unsafe) var events: [Int] = []

@inline(never) func logEvent(_ e: Int) {
    if events.count == 16 { events.removeFirst() }
    events.append(e)
}

final class Window {
    var samples: [Int] = []
    @inline(never) func add(_ x: Int) {
        if samples.count >= 8 { samples.removeAll(keepingCapacity: true) }
        samples.append(x)
    }
}

nonisolated(unsafe) var window: Window? = nil
nonisolated(unsafe) var pairs: [Int] = []

public func fixtureReset() { events = []; window = nil; pairs = [] }

@_semantics("maxlive.entry")
public func logEvents(_ n: Int) -> Int {
    for i in 0..<min(n, 40) { logEvent(i) }
    return events.count
}

@_semantics("maxlive.entry")
public func sampleWindow(_ n: Int) -> Int {
    let w: Window
    if let existing = window { w = existing } else { w = Window(); window = w }
    for i in 0..<min(n, 20) { w.add(i) }
    return w.samples.count
}

@inline(never) func addPair(_ a: Int, _ b: Int) {
    if pairs.count == 8 { pairs.removeFirst() }
    pairs.append(a)
    pairs.append(b)
}

@_semantics("maxlive.entry")
public func appendTwice(_ n: Int) -> Int {
    for i in 0..<min(n, 5) { addPair(i, -i) }
    return pairs.count
}
