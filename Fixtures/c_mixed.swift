// Fixture: c_mixed — Swift entries whose heap use is in C (c_mixed.c, read with libclang),
// and C that calls back into Swift. C allocates with kmalloc/kfree (Support/kalloc.c, over
// the counting allocator); maxlive is told so with --c-allocator kmalloc:0 --c-deallocator
// kfree:0. What C does not free in the same block it allocated counts as kept (C has no
// ownership maxlive could prove), so a list freed by another function stays in the bound.
//
// cScratch: c_scratch allocates 24 + 40 and frees both in the same block: 64.
// cList: c_list keeps n <= 5 nodes of 16 B (loop marker): 80; c_list_sum_free frees them
//   afterwards (not credited, but the peak is reached before): 80.
// cCounted: a `for (i = 0; i < 8; i++)` loop, each iteration's record freed in it: 24.
// cCallsSwift: C calls the Swift @_cdecl fixture_box_new (a Box: 16 + 8 = 24 B, returned
//   retained), reads it, drops it through Swift again (not credited: the release is in C's
//   callee): 24.
// cDepth: recursion of depth 4 (marker), 24 B per frame freed on return: 96.
// cUnbounded: a C loop that keeps its nodes and has no bound: unbounded, with the C line.
//
// expect: cScratch peak 64
// expect: cList peak 80
// expect: cCounted peak 24
// expect: cCallsSwift peak 24
// expect: cDepth peak 96
// expect: cUnbounded unbounded
// inputs: cScratch 0 3
// inputs: cList 0 1 5
// inputs: cCounted 0 2
// inputs: cCallsSwift 0 7
// inputs: cDepth 0 1 4
// inputs: cUnbounded 0 1 6

@_extern(c, "c_scratch") func cScratchC(_ n: Int) -> Int
@_extern(c, "c_list") func cListC(_ n: Int) -> UnsafeMutableRawPointer?
@_extern(c, "c_list_sum_free") func cListSumFreeC(_ head: UnsafeMutableRawPointer?) -> Int
@_extern(c, "c_counted") func cCountedC(_ n: Int) -> Int
@_extern(c, "c_calls_swift") func cCallsSwiftC(_ n: Int) -> Int
@_extern(c, "c_depth") func cDepthC(_ d: Int) -> Int
@_extern(c, "c_unbounded") func cUnboundedC(_ n: Int) -> UnsafeMutableRawPointer?

final class Box {
    var value: Int
    init(_ v: Int) { value = v }
}

@_cdecl("fixture_box_new")
public func fixtureBoxNew(_ v: Int) -> UnsafeMutableRawPointer {
    Unmanaged.passRetained(Box(v)).toOpaque()
}

@_cdecl("fixture_box_value")
public func fixtureBoxValue(_ p: UnsafeMutableRawPointer) -> Int {
    Unmanaged<Box>.fromOpaque(p).takeUnretainedValue().value
}

@_cdecl("fixture_box_drop")
public func fixtureBoxDrop(_ p: UnsafeMutableRawPointer) {
    Unmanaged<Box>.fromOpaque(p).release()
}

@_semantics("maxlive.entry")
public func cScratch(_ n: Int) -> Int { cScratchC(n) }

@_semantics("maxlive.entry")
public func cList(_ n: Int) -> Int {
    let head = cListC(n)
    return cListSumFreeC(head)
}

@_semantics("maxlive.entry")
public func cCounted(_ n: Int) -> Int { cCountedC(n) }

@_semantics("maxlive.entry")
public func cCallsSwift(_ n: Int) -> Int { cCallsSwiftC(n) }

@_semantics("maxlive.entry")
public func cDepth(_ n: Int) -> Int { cDepthC(n) }

@_semantics("maxlive.entry")
public func cUnbounded(_ n: Int) -> Int { cListSumFreeC(cUnboundedC(n)) }
