// Fixture: interior_addresses — an object found again from the address of one of its fields,
// and objects read out of an array a callee is given.
//
// Kernels key sleeping threads by the address of the word they wait on (a futex) and timers
// by the address of a deadline field, and get the owner back from that address (container_of).
// That address is not the object, but it leads back to it: whatever keeps or revives the
// address keeps the object. `Thread` {Int, Int32, UInt64, Int}: 16 + 8 + 4 (+4) + 8 + 8 = 48
// bytes; `scratch` makes and drops a [UInt8] of 200 (32 + 200 = 232) after the helper returns,
// so an object kept adds 48 under it: 280 (n = 0 keeps nothing: 232).
// futexWaitWake: `futexWait(&t.futexWord, 0)` keeps the word's address (an `inout Int32`
//   made a pointer) in a global; `futexWake` revives the Thread 24 bytes before it.
// timerDeadline: the same through `inout UInt64` and a typed pointer, 32 bytes before.
// returnedElementKept: a helper returns an array holding a new Node; the caller keeps its
//   element in a global: 280. What a call returns is one charge, everything reachable from
//   it (the array's 32 + 8 = 40 and the Node's 48), and what is read from it is followed: the
//   Node kept keeps the charge, 88 + 232 = 320.
// addressBits: the deadline's address as a UInt (`UInt(bitPattern:)`), handed to a helper
//   that revives the Thread 32 bytes before it: 280.
// elementKept: a Node (16 + 32 = 48) in an array literal whose buffer the optimizer puts on
//   the stack; the callee it is passed to keeps an element in a global: 280.
//
// expect: futexWaitWake peak 280
// inputs: futexWaitWake 0 1
// expect: timerDeadline peak 280
// inputs: timerDeadline 0 1
// expect: elementKept peak 280
// inputs: elementKept 0 1
// expect: returnedElementKept peak 280
// maxlive: returnedElementKept bound 320 (what a call returns is charged as one: the array is kept with the Node it holds)
// inputs: returnedElementKept 0 1
// expect: addressBits peak 280
// inputs: addressBits 0 1

final class Thread {
    var tid = 0
    var futexWord: Int32 = 0
    var deadline: UInt64 = 0
    var prio = 0
}

nonisolated(unsafe) var sink = 0
nonisolated(unsafe) var waiterKey: UnsafeMutableRawPointer? = nil
nonisolated(unsafe) var timerSlot: UnsafeMutablePointer<UInt64>? = nil
nonisolated(unsafe) var running: Thread? = nil

@inline(never) func spawn() -> Thread { Thread() }

@inline(never) func scratch(_ n: Int) -> Int {
    let buf = [UInt8](repeating: UInt8(truncatingIfNeeded: n), count: 200)
    var s = 0
    for b in buf { s &+= Int(b) }
    return s
}

@inline(never) func futexWait(_ word: inout Int32, _ expected: Int32) {
    if word == expected { waiterKey = withUnsafeMutablePointer(to: &word) { UnsafeMutableRawPointer($0) } }
}

@inline(never) func futexWake(_ n: Int) {
    if let key = waiterKey, n > 0 { running = Unmanaged<Thread>.fromOpaque(key - 24).takeUnretainedValue() }
    waiterKey = nil
}

@inline(never) func sleepAndWake(_ n: Int) {
    let t = spawn()
    t.tid = n
    futexWait(&t.futexWord, 0)
    futexWake(n)
}

@_semantics("maxlive.entry")
public func futexWaitWake(_ n: Int) {
    sleepAndWake(n)
    sink = scratch(n)
}

@inline(never) func armTimer(_ deadline: inout UInt64, _ at: UInt64) {
    deadline = at
    timerSlot = withUnsafeMutablePointer(to: &deadline) { $0 }
}

@inline(never) func timerFire(_ n: Int) {
    if let slot = timerSlot, n > 0 { running = Unmanaged<Thread>.fromOpaque(UnsafeRawPointer(slot) - 32).takeUnretainedValue() }
    timerSlot = nil
}

@inline(never) func armAndFire(_ n: Int) {
    let t = spawn()
    armTimer(&t.deadline, 100)
    timerFire(n)
}

@_semantics("maxlive.entry")
public func timerDeadline(_ n: Int) {
    armAndFire(n)
    sink = scratch(n)
}

final class Node {
    var a = 0
    var b = 0
    var c = 0
    var d = 0
}

nonisolated(unsafe) var keptNode: Node? = nil

@inline(never) func makeNode() -> Node { Node() }
@inline(never) func keepAt(_ nodes: [Node], _ i: Int) { keptNode = nodes[i] }

@inline(never) func passInArray(_ n: Int) {
    let nodes = [makeNode()]
    if n > 0 { keepAt(nodes, 0) }
    sink &+= nodes.count
}

@_semantics("maxlive.entry")
public func elementKept(_ n: Int) {
    passInArray(n)
    sink = scratch(n)
}

@inline(never) func freshNodes() -> [Node] { [makeNode()] }

@inline(never) func keepReturned(_ n: Int) {
    let nodes = freshNodes()
    if n > 0 { keptNode = nodes[0] }
    sink &+= nodes.count
}

@_semantics("maxlive.entry")
public func returnedElementKept(_ n: Int) {
    keepReturned(n)
    sink = scratch(n)
}

@inline(never) func reviveFrom(_ bits: UInt, _ n: Int) {
    if n > 0 { running = Unmanaged<Thread>.fromOpaque(UnsafeRawPointer(bitPattern: bits - 32)!).takeUnretainedValue() }
}

@inline(never) func deadlineBits(_ n: Int) {
    let t = spawn()
    let bits = withUnsafeMutablePointer(to: &t.deadline) { UInt(bitPattern: $0) }
    reviveFrom(bits, n)
}

@_semantics("maxlive.entry")
public func addressBits(_ n: Int) {
    deadlineBits(n)
    sink = scratch(n)
}

public func fixtureReset() {
    running = nil
    keptNode = nil
}
