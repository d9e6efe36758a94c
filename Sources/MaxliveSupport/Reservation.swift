// One running call's reservation, and the arithmetic a kernel's allocator does with it.
//
// Before a call starts, the kernel reserves the call's bound from the table. While the call
// runs, each allocation it makes is charged to its reservation and each free credits it.
// The heap then stays solvent with one sum:
//
//     available = limit − live − Σ over running calls of unused
//
// where `live` is every allocated byte and a call's `unused` is what it reserved and has not
// allocated yet (never negative). A new reservation is granted only if it fits `available`;
// a call that stays within its bound then never finds the heap full. How a kernel waits when
// a reservation does not fit (sleep, evict caches, kill a process) is its own policy.

/// A running call's reservation: what it reserved, what it holds now, and the most it held.
public struct MaxliveReservation: Sendable {
    /// Bytes reserved: the call's bound, plus any per-iteration reservations granted since.
    public private(set) var reserved: Int
    /// Bytes the call has allocated and not freed.
    public private(set) var charged: Int
    /// The largest `charged` reached: what the call really needed (compare it with the bound).
    public private(set) var peak: Int

    public init(reserving bytes: Int) {
        reserved = bytes
        charged = 0
        peak = 0
    }

    /// Reserved bytes not allocated yet: this call's share of the heap's outstanding sum.
    public var unused: Int { max(0, reserved - charged) }

    /// The call holds more than it reserved: its bound was wrong (or the call was not analysed).
    public var isOverdrawn: Bool { charged > reserved }

    /// Charges an allocation of `bytes`. Returns how much `unused` changed (zero or negative),
    /// to keep the heap's outstanding sum exact.
    @discardableResult
    public mutating func charge(_ bytes: Int) -> Int {
        let before = unused
        charged += bytes
        if charged > peak { peak = charged }
        return unused - before
    }

    /// Credits a free of `bytes` the call had allocated. Returns how much `unused` changed
    /// (zero or positive).
    @discardableResult
    public mutating func credit(_ bytes: Int) -> Int {
        let before = unused
        charged -= bytes
        return unused - before
    }

    /// Adds a per-iteration reservation of `bytes`. Returns how much `unused` changed.
    @discardableResult
    public mutating func extend(by bytes: Int) -> Int {
        let before = unused
        reserved += bytes
        return unused - before
    }
}
