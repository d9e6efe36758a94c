// Fixture: integer_handles — integers that do hold an object, and closures returned as results.
//
// An integer or Bool computed from an object (a count, a status) does not keep it, and
// maxlive lets such values go (scratch_buffers). These entries are the exceptions the rule
// must not swallow. `Task` {Int ×4}: 16 + 32 = 48 bytes; `scratch(n)` makes and drops a
// [UInt8] of 200 (32 + 200 = 232) after the kept object exists, so each peak is 48 + 232 = 280.
// handleReturned: a helper retains a Task (Unmanaged.passRetained) and returns its bits as
//   an Int (`unsafeBitCast`, SIL `unchecked_trivial_bit_cast`), kept in a global: 280.
// handleStoredUnsigned: the same bits stored as a UInt64 in a global, in one function: the
//   integer's `_value` is the reference's bits, so the walk follows it to the store: 280.
// closureReturned: a helper returns a closure capturing a Task (its type is
//   `() -> Int`, a function, not an Int), kept in a global: 280.
// identityRevived: a Task's ObjectIdentifier as a UInt (a raw pointer, then `ptrtoint`),
//   revived by a helper into a global `Task?` that keeps it (retained there): 280.
// handlePassedThrough: the bits go through `passThrough(_: UInt) -> UInt` and come back as
//   the object into the global: 280.
// handleTagged: the bits tagged with `| 1` (a builtin `or`), untagged and revived by a
//   helper: 280.
// handleReadFromMemory: a helper reads the reference's bytes as a UInt
//   (`withUnsafeBytes(of:)`, a load through a pointer to where the reference was stored);
//   another helper revives the Task from those bits into the global: 280.
//
// expect: handleReturned peak 280
// expect: handleStoredUnsigned peak 280
// expect: closureReturned peak 280
// inputs: handleReturned 1 2
// inputs: handleStoredUnsigned 1 2
// inputs: closureReturned 1 2
// expect: identityRevived peak 280
// expect: handlePassedThrough peak 280
// inputs: identityRevived 1 2
// inputs: handlePassedThrough 1 2
// expect: handleReadFromMemory peak 280
// expect: handleTagged peak 280
// inputs: handleTagged 1 2
// inputs: handleReadFromMemory 1 2

final class Task { var pid = 0; var state = 0; var prio = 0; var ticks = 0 }

nonisolated(unsafe) var handle = 0
nonisolated(unsafe) var handle64: UInt64 = 0
nonisolated(unsafe) var callback: (() -> Int)? = nil
nonisolated(unsafe) var sink = 0

@inline(never) func scratch(_ n: Int) -> Int {
    let buf = [UInt8](repeating: UInt8(truncatingIfNeeded: n), count: 200)
    var s = 0
    for b in buf { s &+= Int(b) }
    return s
}

@inline(never) func pinned(_ n: Int) -> Int {
    let t = Task()
    t.pid = n
    _ = Unmanaged.passRetained(t)
    return unsafeBitCast(t, to: Int.self)
}

@_semantics("maxlive.entry")
public func handleReturned(_ n: Int) {
    handle = pinned(n)
    sink = scratch(n)
}

@inline(never) func pinAsUInt64(_ n: Int) {
    let t = Task()
    t.pid = n
    _ = Unmanaged.passRetained(t)
    handle64 = UInt64(UInt(bitPattern: unsafeBitCast(t, to: Int.self)))
}

@_semantics("maxlive.entry")
public func handleStoredUnsigned(_ n: Int) {
    pinAsUInt64(n)
    sink = scratch(n)
}

@inline(never) func makeCallback(_ n: Int) -> () -> Int {
    let t = Task()
    t.pid = n
    return { t.ticks += 1; return t.ticks + t.pid }
}

@_semantics("maxlive.entry")
public func closureReturned(_ n: Int) {
    callback = makeCallback(n)
    sink = scratch(n)
}

nonisolated(unsafe) var revived: Task? = nil

@inline(never) func revive(_ bits: UInt) {
    revived = unsafeBitCast(bits, to: Task.self)
}

@inline(never) func identityOfNew(_ n: Int) -> UInt {
    let t = Task()
    t.pid = n
    let bits = UInt(bitPattern: ObjectIdentifier(t))
    revive(bits)
    return bits
}

@_semantics("maxlive.entry")
public func identityRevived(_ n: Int) {
    sink = Int(truncatingIfNeeded: identityOfNew(n) & 1) + scratch(n)
}

@inline(never) func passThrough(_ bits: UInt) -> UInt { bits }

@inline(never) func keepThroughCallee(_ n: Int) -> Int {
    let t = Task()
    t.pid = n
    let bits = passThrough(unsafeBitCast(t, to: UInt.self))
    revived = unsafeBitCast(bits, to: Task.self)
    return t.pid
}

@_semantics("maxlive.entry")
public func handlePassedThrough(_ n: Int) {
    sink = keepThroughCallee(n) + scratch(n)
}

@inline(never) func bytesOf(_ t: Task) -> UInt {
    withUnsafeBytes(of: t) { $0.load(as: UInt.self) }
}

@inline(never) func newTask(_ n: Int) -> Task {
    let t = Task()
    t.pid = n
    return t
}

@inline(never) func keepFromBytes(_ n: Int) -> Int {
    let t = newTask(n)          // made elsewhere, so the compiler cannot keep it on the stack
    let bits = bytesOf(t)
    withExtendedLifetime(t) { revive(bits) }
    return t.pid
}

@_semantics("maxlive.entry")
public func handleReadFromMemory(_ n: Int) {
    sink = keepFromBytes(n) + scratch(n)
}

@inline(never) func untagAndRevive(_ tagged: UInt) {
    revived = unsafeBitCast(tagged & ~1, to: Task.self)
}

@inline(never) func keepTagged(_ n: Int) -> Int {
    let t = newTask(n)
    untagAndRevive(unsafeBitCast(t, to: UInt.self) | 1)
    return t.pid
}

@_semantics("maxlive.entry")
public func handleTagged(_ n: Int) {
    sink = keepTagged(n) + scratch(n)
}

public func fixtureReset() {
    revived = nil
    if handle != 0 { Unmanaged<Task>.fromOpaque(UnsafeRawPointer(bitPattern: handle)!).release(); handle = 0 }
    if handle64 != 0 { Unmanaged<Task>.fromOpaque(UnsafeRawPointer(bitPattern: UInt(handle64))!).release(); handle64 = 0 }
    callback = nil
}
