// Fixture: managed_buffer — ManagedBuffer storage is 16 header bytes, the Header value at its
// alignment, then the tail elements at theirs; a subclass and ManagedBuffer used directly alike.
//
//   RingHeader {head: Int, tail: Int, flags: UInt8}   17 B, alignment 8
//   object: 16 + 17 = 33, then 48 UInt8 elements      33 + 48 = 81
// ringMake:   Ring.create(minimumCapacity: 48) kept in a global: 81.
// directMake: ManagedBuffer<RingHeader, UInt8>.create(minimumCapacity: 48) kept: 81.
//
// SIL (-Osize): `alloc_ref [tail_elems $UInt8 * %2] $Ring` and `… $ManagedBuffer<RingHeader, UInt8>`
// with %2 the literal 48; ManagedBuffer is a stdlib class, so its `header` field is not among
// the module's declarations. In Embedded Swift the capacity is exactly the minimum asked for.
//
// expect: ringMake peak 81
// expect: directMake peak 81
// inputs: ringMake 0 3
// inputs: directMake 0 3

public struct RingHeader {
    var head: Int
    var tail: Int
    var flags: UInt8
}

public final class Ring: ManagedBuffer<RingHeader, UInt8> {
    func push(_ b: UInt8) {
        withUnsafeMutablePointers { h, e in
            e[h.pointee.tail & 63] = b
            h.pointee.tail &+= 1
        }
    }
}

nonisolated(unsafe) var keptRing: Ring? = nil
nonisolated(unsafe) var keptDirect: ManagedBuffer<RingHeader, UInt8>? = nil

@_semantics("maxlive.entry")
public func ringMake(_ n: Int) {
    let r = Ring.create(minimumCapacity: 48) { _ in RingHeader(head: 0, tail: 0, flags: 0) } as! Ring
    r.push(UInt8(truncatingIfNeeded: n))
    keptRing = r
}

@_semantics("maxlive.entry")
public func directMake(_ n: Int) {
    let b = ManagedBuffer<RingHeader, UInt8>.create(minimumCapacity: 48) { _ in RingHeader(head: n, tail: 0, flags: 0) }
    keptDirect = b
}

public func fixtureReset() { keptRing = nil; keptDirect = nil }
