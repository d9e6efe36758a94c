// Markers.swift — the maxlive marker vocabulary for the fixture corpus
// (Sources/Analysis/Analysis.docc/Annotations.md). Compiled together with every fixture.
//
// maxlive finds markers by their @_semantics string, never by name. Markers that take an
// integer are `@inline(never) @_optimize(none)` so the literal survives optimisation
// (SILFacts §11). They do nothing at run time and allocate nothing.

/// The loop whose body calls this runs at most `n` times.
@inline(never) @_optimize(none) @_semantics("maxlive.loop_bound")
public func maxliveLoopBound(_ n: Int) {}

/// The recursive function calling this is at most `n` frames deep.
@inline(never) @_optimize(none) @_semantics("maxlive.recursion_depth")
public func maxliveRecursionDepth(_ n: Int) {}

/// Deep reservation: the loop calling this reserves its body's bound at every iteration.
@inline(never) @_optimize(none) @_semantics("maxlive.reserve_iteration")
public func maxliveReserveIteration() {}

/// The global collection passed here never holds more than `bound` elements; checked here.
@inline(never) @_optimize(none) @_semantics("maxlive.max_count")
public func maxliveMaxCount<C: Collection>(_ collection: inout C, _ bound: Int) {
    precondition(collection.count <= bound, "a collection holds more elements than its maxlive.max_count")
}
