// Heap.swift — the kernel heap: posix_memalign/free over one arena (embedded-kernel.md §6).
//
// Every Swift allocation in the kernel (objects, arrays, closure contexts) ends here through
// the C forwarders in arch/heap_shim.c. The allocator never allocates: all its state is
// scalar globals plus tables carved from the start of the arena.
//
// Layout. Each block has a 16-byte header before the payload:
//   +0 UInt32 requested bytes   +4 UInt8 class (0…63 small, 255 large)   +5 UInt8 charged slot
//   +6 UInt16 magic             +8 UInt32 syscall sequence               +12 UInt32 owner pid
// Small requests (≤ 1 KiB) use 64 size classes of 16 B steps with LIFO free lists. Larger
// ones get a 16-byte prefix (total size, free-list link) and come from an address-ordered,
// coalescing first-fit list. Both carve fresh memory from a bump pointer.
//
// Accounting (all in REQUESTED bytes, the unit maxlive reports):
//   heapLive / heapPeak            every live allocation
//   slot.reservation              allocations made by the system call currently running on
//                                  that thread slot and still live (the contract check:
//                                  charged ≤ reserved at every allocation, see Reservation)
//   owner bytes                    live bytes allocated on behalf of each process (killer)
// Invariants: heapLive = Σ requested sizes of blocks whose magic is kLiveMagic; a block's
// charge is removed at most once, and only while its syscall (slot, seq) is still running.

let kHeapClasses = 64
let kHeapSmallMax = 1024
let kHeapHeader = 16
let kHeapLargePrefix = 16
let kLiveMagic: UInt16 = 0xA11C
let kFreeMagic: UInt16 = 0xF4EE

/// Per-thread-slot accounting of the running system call (or daemon iteration).
struct HeapSlot {
    var seq: UInt32 = 0
    var active: Bool = false
    var evictDepth: Int32 = 0
    /// The running call's reservation (MaxliveSupport): reserved, charged and peak bytes.
    var reservation = MaxliveReservation(reserving: 0)
    var name: UnsafePointer<UInt8>? = nil
    var nameLen = 0
}

struct HeapOwner {
    var pid = 0
    var bytes = 0
}

nonisolated(unsafe) var hBase = 0              // arena start (address)
nonisolated(unsafe) var hEnd = 0               // arena end
nonisolated(unsafe) var hBump = 0              // first never-used byte
nonisolated(unsafe) var hClassHeads: UnsafeMutablePointer<UInt>? = nil
nonisolated(unsafe) var hLargeHead: UInt = 0
nonisolated(unsafe) var hSlots: UnsafeMutablePointer<HeapSlot>? = nil
nonisolated(unsafe) var hOwners: UnsafeMutablePointer<HeapOwner>? = nil

public nonisolated(unsafe) var heapLive = 0
public nonisolated(unsafe) var heapPeak = 0
public nonisolated(unsafe) var heapAllocs = 0
public nonisolated(unsafe) var heapFrees = 0
public nonisolated(unsafe) var heapFailures = 0
public nonisolated(unsafe) var heapBreaches = 0
/// Arena bytes in use (headers, rounding and free-list fragmentation included).
public nonisolated(unsafe) var heapArenaUsed = 0
public nonisolated(unsafe) var heapArenaPeak = 0
/// The slot (thread) and pid the scheduler is running; allocations are charged to them.
/// Σ over active slots of max(0, reserved − charged): the reserved bytes not yet allocated,
/// kept up to date wherever a slot's reservation or charge changes (Reservation.swift reads
/// it in O(1) on every system call; test builds cross-check it against a full scan).
nonisolated(unsafe) var heapOutstanding = 0
nonisolated(unsafe) var heapCurSlot = 0
nonisolated(unsafe) var heapCurPid = 0

/// Set up the arena. Must run before the first allocation; a later call does nothing.
public func heapInit(arenaBytes: Int) {
    if hBase != 0 { return }
    guard let a = platHeapArena(arenaBytes) else {
        kprint("heap: no arena\n"); halt(3)
    }
    hBase = Int(bitPattern: a)
    hEnd = hBase + arenaBytes
    var off = 0
    hClassHeads = (a + off).bindMemory(to: UInt.self, capacity: kHeapClasses)
    hClassHeads!.initialize(repeating: 0, count: kHeapClasses)
    off += kHeapClasses * 8
    hSlots = (a + off).bindMemory(to: HeapSlot.self, capacity: kSlotCount)
    hSlots!.initialize(repeating: HeapSlot(), count: kSlotCount)
    off += kSlotCount * MemoryLayout<HeapSlot>.stride
    off = (off + 15) & ~15
    hOwners = (a + off).bindMemory(to: HeapOwner.self, capacity: kSlotCount)
    hOwners!.initialize(repeating: HeapOwner(), count: kSlotCount)
    off += kSlotCount * MemoryLayout<HeapOwner>.stride
    hBump = (hBase + off + 15) & ~15
}

public var heapArenaSize: Int { hEnd - hBase }

@inline(__always) func hdr(_ payload: UInt) -> UnsafeMutableRawPointer {
    UnsafeMutableRawPointer(bitPattern: payload - 16)!
}

@_cdecl("kheap_posix_memalign")
public func kheapPosixMemalign(_ out: UnsafeMutablePointer<UnsafeMutableRawPointer?>, _ align: Int, _ size: Int) -> Int32 {
    if hBase == 0 { heapInit(arenaBytes: 8 << 20) }
    if align > 16 || size < 0 || size > Int(UInt32.max) {
        heapFailed(size, "unsupported alignment or size")
        return 12
    }
    let p: UInt
    let cls: UInt8
    if size <= kHeapSmallMax {
        let c = size == 0 ? 0 : (size - 1) >> 4
        cls = UInt8(c)
        p = smallAlloc(c)
    } else {
        cls = 255
        p = largeAlloc(((size + 15) & ~15) + kHeapHeader + kHeapLargePrefix)
    }
    if p == 0 {
        heapFailed(size, "arena exhausted")
        return 12
    }
    let h = hdr(p)
    h.storeBytes(of: UInt32(size), toByteOffset: 0, as: UInt32.self)
    h.storeBytes(of: cls, toByteOffset: 4, as: UInt8.self)
    h.storeBytes(of: kLiveMagic, toByteOffset: 6, as: UInt16.self)
    var slot: UInt8 = 0
    var seq: UInt32 = 0
    let s = heapCurSlot
    if s > 0 {
        let a = hSlots! + s
        if a.pointee.active && a.pointee.evictDepth == 0 {
            slot = UInt8(s)
            seq = a.pointee.seq
            heapOutstanding += a.pointee.reservation.charge(size)
            if a.pointee.reservation.isOverdrawn && resEnabled { heapBreach(a) }
        }
    }
    h.storeBytes(of: slot, toByteOffset: 5, as: UInt8.self)
    h.storeBytes(of: seq, toByteOffset: 8, as: UInt32.self)
    let pid = heapCurPid
    h.storeBytes(of: UInt32(truncatingIfNeeded: pid), toByteOffset: 12, as: UInt32.self)
    if pid > 0 {
        let o = hOwners! + (pid % kSlotCount)
        if o.pointee.pid == pid { o.pointee.bytes += size }
    }
    heapLive += size
    if heapLive > heapPeak { heapPeak = heapLive }
    heapAllocs += 1
    out.pointee = UnsafeMutableRawPointer(bitPattern: p)
    return 0
}

/// Free `p` if it lies in the arena; returns 0 for foreign pointers (the C shim hands those
/// to the C library, which is how memory glibc allocated for itself gets freed).
@_cdecl("kheap_free")
public func kheapFree(_ p: UnsafeMutableRawPointer?) -> Int32 {
    guard let p else { return 1 }
    let a = UInt(bitPattern: p)
    if a < UInt(hBase) || a >= UInt(hEnd) { return 0 }
    let h = hdr(a)
    if h.load(fromByteOffset: 6, as: UInt16.self) != kLiveMagic {
        kpanic("heap: free of a block that is not live (double free or corruption)")
    }
    let size = Int(h.load(fromByteOffset: 0, as: UInt32.self))
    let cls = h.load(fromByteOffset: 4, as: UInt8.self)
    let slot = Int(h.load(fromByteOffset: 5, as: UInt8.self))
    let seq = h.load(fromByteOffset: 8, as: UInt32.self)
    let pid = Int(h.load(fromByteOffset: 12, as: UInt32.self))
    h.storeBytes(of: kFreeMagic, toByteOffset: 6, as: UInt16.self)
    if slot > 0 {
        let s = hSlots! + slot
        if s.pointee.active && s.pointee.seq == seq {
            heapOutstanding += s.pointee.reservation.credit(size)
        }
    }
    if pid > 0 {
        let o = hOwners! + (pid % kSlotCount)
        if o.pointee.pid == pid { o.pointee.bytes -= size }
    }
    heapLive -= size
    heapFrees += 1
    if cls != 255 {
        let c = Int(cls)
        let block = a - 16
        UnsafeMutableRawPointer(bitPattern: block)!.storeBytes(of: hClassHeads![c], toByteOffset: 16, as: UInt.self)
        hClassHeads![c] = block
        heapArenaUsed -= 32 + c * 16
    } else {
        largeFree(a - 32)
    }
    return 1
}

private func smallAlloc(_ c: Int) -> UInt {
    let need = 32 + c * 16
    var block = hClassHeads![c]
    if block != 0 {
        hClassHeads![c] = UnsafeMutableRawPointer(bitPattern: block)!.load(fromByteOffset: 16, as: UInt.self)
    } else if hBump + need <= hEnd {
        block = UInt(hBump)
        hBump += need
    } else {
        block = carveFromLarge(need)
        if block == 0 { return 0 }
    }
    noteArena(need)
    return block + 16
}

@inline(__always) private func noteArena(_ n: Int) {
    heapArenaUsed += n
    if heapArenaUsed > heapArenaPeak { heapArenaPeak = heapArenaUsed }
}

@inline(__always) private func lsize(_ b: UInt) -> Int { UnsafeMutableRawPointer(bitPattern: b)!.load(as: Int.self) }
@inline(__always) private func lnext(_ b: UInt) -> UInt { UnsafeMutableRawPointer(bitPattern: b)!.load(fromByteOffset: 8, as: UInt.self) }
@inline(__always) private func setL(_ b: UInt, _ size: Int, _ next: UInt) {
    let p = UnsafeMutableRawPointer(bitPattern: b)!
    p.storeBytes(of: size, as: Int.self)
    p.storeBytes(of: next, toByteOffset: 8, as: UInt.self)
}

/// First fit over the large free list; returns the payload address or 0.
private func largeAlloc(_ total: Int) -> UInt {
    var prev: UInt = 0
    var b = hLargeHead
    while b != 0 {
        let sz = lsize(b)
        if sz >= total {
            let next = lnext(b)
            var take = sz
            var rest = next
            if sz - total >= 64 {            // split: the tail stays free
                let r = b + UInt(total)
                setL(r, sz - total, next)
                rest = r
                take = total
            }
            if prev == 0 { hLargeHead = rest } else { setL(prev, lsize(prev), rest) }
            setL(b, take, 0)
            noteArena(take)
            return b + 32
        }
        prev = b
        b = lnext(b)
    }
    if hBump + total > hEnd { return 0 }
    let nb = UInt(hBump)
    hBump += total
    setL(nb, total, 0)
    noteArena(total)
    return nb + 32
}

/// Give a small block `need` bytes from the tail of a large free block (bump exhausted).
private func carveFromLarge(_ need: Int) -> UInt {
    var b = hLargeHead
    while b != 0 {
        let sz = lsize(b)
        if sz - need >= 64 {
            setL(b, sz - need, lnext(b))
            return b + UInt(sz - need)
        }
        b = lnext(b)
    }
    return 0
}

/// Insert block `b` (prefix address) into the address-ordered list, merging neighbours.
private func largeFree(_ b: UInt) {
    var size = lsize(b)
    heapArenaUsed -= size
    var prev: UInt = 0
    var cur = hLargeHead
    while cur != 0 && cur < b {
        prev = cur
        cur = lnext(cur)
    }
    // merge with the following block
    var next = cur
    if cur != 0 && b + UInt(size) == cur {
        size += lsize(cur)
        next = lnext(cur)
    }
    // merge with the preceding block
    if prev != 0 && prev + UInt(lsize(prev)) == b {
        setL(prev, lsize(prev) + size, next)
        if prev + UInt(lsize(prev)) == UInt(hBump) { retractBump(prev) }
        return
    }
    setL(b, size, next)
    if prev == 0 { hLargeHead = b } else { setL(prev, lsize(prev), b) }
    if b + UInt(size) == UInt(hBump) { retractBump(b) }
}

/// The free block `b` ends at the bump pointer: unlink it and give it back.
private func retractBump(_ b: UInt) {
    var prev: UInt = 0
    var cur = hLargeHead
    while cur != 0 && cur != b {
        prev = cur
        cur = lnext(cur)
    }
    if cur == 0 { return }
    if prev == 0 { hLargeHead = lnext(b) } else { setL(prev, lsize(prev), lnext(b)) }
    hBump = Int(b)
}

@_semantics("maxlive.ignore")
private func heapFailed(_ size: Int, _ why: StaticString) {
    heapFailures += 1
    kprint("heap: ALLOCATION FAILURE of "); kprintInt(size); kprint(" bytes ("); kprint(why)
    kprint("), live "); kprintInt(heapLive); kprint(", arena used "); kprintInt(heapArenaUsed)
    kprint(" of "); kprintInt(hEnd - hBase); kprint("\n")
    printCurrentCall()
    #if KERNEL_TEST
    halt(3)
    #endif
}

@_semantics("maxlive.ignore")
private func heapBreach(_ a: UnsafeMutablePointer<HeapSlot>) {
    heapBreaches += 1
    kprint("maxlive CONTRACT BREACH: ")
    if let n = a.pointee.name { kprintBytes(n, a.pointee.nameLen) } else { kprint("?") }
    kprint(" reserved "); kprintInt(a.pointee.reservation.reserved)
    kprint(" bytes, live allocations reached "); kprintInt(a.pointee.reservation.charged); kprint("\n")
    printCurrentCall()
    #if KERNEL_TEST
    halt(4)
    #endif
}

// MARK: - used by Reservation, Killer and Proc

@inline(__always) func heapSlot(_ s: Int) -> UnsafeMutablePointer<HeapSlot> { hSlots! + s }

/// Start charging live bytes in `owner`'s slot to process `pid`.
func heapSetOwner(slot: Int, pid: Int) {
    let o = hOwners! + slot
    o.pointee.pid = pid
    o.pointee.bytes = 0
}

func heapOwnerBytes(slot: Int) -> Int { (hOwners! + slot).pointee.bytes }

/// Run `body` with its allocations owned by process `pid` (fork builds the child's objects
/// this way, so the killer sees them as the child's, not the parent's).
func withHeapOwner<T>(_ pid: Int, _ body: () -> T) -> T {
    let saved = heapCurPid
    heapCurPid = pid
    let r = body()
    heapCurPid = saved
    return r
}
