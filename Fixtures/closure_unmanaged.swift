// Fixture: closure_unmanaged — a closure whose only capture is a reference without a strong
// count (`[unowned(unsafe) d]`, `Unmanaged<Device>`) needs a context object; only a single
// strong class reference is used as the context itself.
//
//   Device {id: Int}                          16 + 8 = 24
//   context {@sil_unmanaged Device}           16 + 8 = 24
// unownedUnsafe:    a Device kept in a global, and a closure over it stored: 24 + 24 = 48.
// unmanagedCapture: the same with an Unmanaged<Device> capture: 48.
// strongCapture:    the same with a strong capture: the Device is the context: 24.
//
// SIL (-Osize): `partial_apply [callee_guaranteed] %13(%15) : $@convention(thin)
// (@sil_unmanaged Device) -> Int`, `(Unmanaged<Device>) -> Int` and `(@guaranteed Device) -> Int`.
//
// expect: unownedUnsafe peak 48
// expect: unmanagedCapture peak 48
// expect: strongCapture peak 24
// inputs: unownedUnsafe 0 3
// inputs: unmanagedCapture 0 3
// inputs: strongCapture 0 3
public final class Device {
    var id: Int
    init(_ i: Int) { id = i }
}
nonisolated(unsafe) var handler: (() -> Int)? = nil
nonisolated(unsafe) var dev: Device? = nil

@inline(never) func install(_ h: @escaping () -> Int) { handler = h }

@_semantics("maxlive.entry")
public func unownedUnsafe(_ n: Int) {
    let d = Device(n)
    dev = d
    install { [unowned(unsafe) d] in d.id }
}

@_semantics("maxlive.entry")
public func unmanagedCapture(_ n: Int) {
    let d = Device(n)
    dev = d
    let u = Unmanaged.passUnretained(d)
    install { u.takeUnretainedValue().id }
}

@_semantics("maxlive.entry")
public func strongCapture(_ n: Int) {
    let d = Device(n)
    dev = d
    install { d.id }
}

public func fixtureReset() { handler = nil; dev = nil }
