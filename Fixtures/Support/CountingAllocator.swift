// CountingAllocator.swift — the heap of a hosted Embedded Swift fixture executable
// (x86_64-unknown-linux-gnu), counting requested bytes exactly.
//
// Every Embedded Swift allocation (objects, boxes, closure contexts, array and string
// storage) goes through posix_memalign and every release through free (SILFacts §6);
// heap coroutine frames come from malloc, which the shim counts too.
// This file provides them as `kheap_posix_memalign` / `kheap_free`; the C shim
// free_shim.c defines the real `posix_memalign` and `free` symbols and forwards to them
// (`@_cdecl("free")` in Swift draws a "reserved for the Swift runtime" warning,
// embedded-kernel.md §6). With `-use-ld=lld` the executable's definitions win for the
// whole process.
//
// The heap is a bump allocator over one lazily mmap'ed 1 GiB arena (MAP_NORESERVE):
// nothing is ever reused, which keeps it trivially correct. Each block has a 16-byte
// header (requested size + magic) right before the payload. Pointers outside the arena
// (glibc's own malloc'ed memory reaching our `free`) are handed back to glibc by the shim.
//
// Counters: `countingLive` = requested bytes currently live, `countingPeak` = max of
// live since the last `countingResetPeak()`.

@_extern(c, "mmap")
func c_mmap(_ addr: UnsafeMutableRawPointer?, _ len: Int, _ prot: Int32, _ flags: Int32,
            _ fd: Int32, _ off: Int) -> UnsafeMutableRawPointer?

@_extern(c, "write")
func c_write(_ fd: Int32, _ buf: UnsafeRawPointer?, _ n: Int) -> Int

@_extern(c, "_exit")
func c_exit(_ code: Int32)

@_extern(c, "getenv")
func c_getenv(_ name: UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>?

nonisolated(unsafe) var caBase: UInt = 0
nonisolated(unsafe) var caEnd: UInt = 0
nonisolated(unsafe) var caBump: UInt = 0
nonisolated(unsafe) public var countingLive: Int = 0
nonisolated(unsafe) public var countingPeak: Int = 0
nonisolated(unsafe) public var countingAllocs: Int = 0
/// MAXLIVE_TRACE set in the environment: every allocation and free is written to stderr as
/// "+<bytes>" / "-<bytes>" (one line each), for deriving a fixture's numbers.
nonisolated(unsafe) var caTrace = false

let caArenaBytes = 1 << 30
let caMagic: UInt64 = 0x4D41_584C_4956_4521  // "MAXLIVE!"
let caFreed: UInt64 = 0x4652_4545_4445_4421  // "FREEDED!"

func caFail(_ msg: StaticString) {
    _ = c_write(2, msg.utf8Start, msg.utf8CodeUnitCount)
    c_exit(99)
}

/// Writes "<sign><|n|>\n" to stderr without allocating.
func caTraceLine(_ sign: UInt8, _ n: Int) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buf in
        var i = 23
        buf[i] = 10  // newline
        var v = n.magnitude
        repeat {
            i -= 1
            buf[i] = UInt8(truncatingIfNeeded: 48 + v % 10)
            v /= 10
        } while v > 0
        i -= 1
        buf[i] = sign
        _ = c_write(2, buf.baseAddress! + i, 24 - i)
    }
}

func caInit() {
    // PROT_READ|PROT_WRITE = 3; MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE = 0x2|0x20|0x4000
    let p = c_mmap(nil, caArenaBytes, 3, 0x4022, -1, 0)
    guard let p, UInt(bitPattern: p) != UInt.max else {
        caFail("CountingAllocator: mmap failed\n")
        return
    }
    caBase = UInt(bitPattern: p)
    caEnd = caBase + UInt(caArenaBytes)
    caBump = caBase
    // A StaticString's bytes: a String literal passed as a C string is copied into a fresh
    // array at -Onone, an allocation from inside the allocator's own start-up.
    let name: StaticString = "MAXLIVE_TRACE"
    caTrace = name.utf8Start.withMemoryRebound(to: CChar.self, capacity: name.utf8CodeUnitCount + 1) { c_getenv($0) } != nil
}

@_cdecl("kheap_posix_memalign")
public func kheapPosixMemalign(_ out: UnsafeMutablePointer<UnsafeMutableRawPointer?>,
                               _ align: Int, _ size: Int) -> Int32 {
    if caBase == 0 { caInit() }
    let a = UInt(align < 16 ? 16 : align)
    if a & (a - 1) != 0 || size < 0 { return 22 }  // EINVAL
    let payload = (caBump + 16 + a - 1) & ~(a - 1)
    let next = payload + UInt(size)
    if next > caEnd {
        caFail("CountingAllocator: arena exhausted\n")
        return 12
    }
    caBump = next
    let h = UnsafeMutableRawPointer(bitPattern: payload - 16)!
    h.storeBytes(of: UInt64(size), toByteOffset: 0, as: UInt64.self)
    h.storeBytes(of: caMagic, toByteOffset: 8, as: UInt64.self)
    countingLive += size
    countingAllocs += 1
    if countingLive > countingPeak { countingPeak = countingLive }
    if caTrace { caTraceLine(43, size) }  // "+"
    out.pointee = UnsafeMutableRawPointer(bitPattern: payload)
    return 0
}

/// Frees `p` if it lies in the arena and returns 1; returns 0 for a foreign pointer
/// (the C shim passes those to glibc's `__libc_free`).
@_cdecl("kheap_free")
public func kheapFree(_ p: UnsafeMutableRawPointer?) -> Int32 {
    guard let p else { return 1 }
    let a = UInt(bitPattern: p)
    if a < caBase || a >= caEnd { return 0 }
    let h = UnsafeMutableRawPointer(bitPattern: a - 16)!
    if h.load(fromByteOffset: 8, as: UInt64.self) != caMagic {
        caFail("CountingAllocator: free of a block that is not live\n")
    }
    h.storeBytes(of: caFreed, toByteOffset: 8, as: UInt64.self)
    let size = Int(h.load(fromByteOffset: 0, as: UInt64.self))
    countingLive -= size
    if caTrace { caTraceLine(45, size) }  // "-"
    return 1
}

/// The requested size of a live block of the arena, or -1 (as size_t: all ones) for a
/// pointer outside it (the shim's realloc hands those to glibc).
@_cdecl("kheap_size")
public func kheapSize(_ p: UnsafeMutableRawPointer?) -> UInt {
    guard let p else { return UInt.max }
    let a = UInt(bitPattern: p)
    if a < caBase || a >= caEnd { return UInt.max }
    return UInt(UnsafeMutableRawPointer(bitPattern: a - 16)!.load(fromByteOffset: 0, as: UInt64.self))
}

/// Start a new measurement: the peak becomes the current live count.
public func countingResetPeak() { countingPeak = countingLive }
