// Annotations.swift — the maxlive marker vocabulary (Sources/Analysis/Analysis.docc/Annotations.md).
//
// maxlive finds these by their @_semantics string in SIL, never by name. Markers that take
// an integer are `@inline(never) @_optimize(none)` so the literal survives optimisation
// (SILFacts §11). They do nothing at run time.
//
// Function attributes used elsewhere in the kernel:
//   @_semantics("maxlive.entry")              system call handlers, named sys_<name>
//   @_semantics("maxlive.daemon")             kernel thread bodies (one loop iteration is a root)
//   @_semantics("maxlive.reserve_iteration")  Reservation.reserveIteration
//   @_semantics("maxlive.evictable")          functions that fill an evictable cache
//   @_semantics("maxlive.ignore")             debug printing

/// The loop whose body calls this runs at most `n` times.
@inline(never) @_optimize(none) @_semantics("maxlive.loop_bound")
public func maxliveLoopBound(_ n: Int) {}

/// The recursive function calling this is at most `n` frames deep.
@inline(never) @_optimize(none) @_semantics("maxlive.recursion_depth")
public func maxliveRecursionDepth(_ n: Int) {}
