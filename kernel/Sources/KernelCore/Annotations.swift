// Annotations.swift — the maxlive vocabulary the kernel uses
// (Sources/MaxliveSupport in the maxlive package; its Annotations reference in the DocC catalog).
//
// The markers `maxliveLoopBound(_:)` and `maxliveRecursionDepth(_:)`, the generated table's
// types and lookups, and a call's reservation arithmetic come from MaxliveSupport, re-exported
// here so every kernel file (and the Kernel executable, which compiles the table in) sees them.
//
// Function attributes used in the kernel:
//   @_semantics("maxlive.entry")              system call handlers, named sys_<name>
//   @_semantics("maxlive.daemon")             kernel thread bodies (one loop iteration is a root)
//   @_semantics("maxlive.reserve_iteration")  Reservation.reserveIteration
//   @_semantics("maxlive.evictable")          functions that fill an evictable cache
//   @_semantics("maxlive.ignore")             debug printing

@_exported import MaxliveSupport
