// The marker functions maxlive reads in SIL. maxlive finds every annotation by its
// `@_semantics` string, never by a function's name or module, so a program may also declare
// its own; these are the ones a program gets by depending on MaxliveSupport.
//
// A marker that takes an integer is `@inline(never) @_optimize(none)`: the literal must
// survive optimisation as the argument of a call maxlive can see (SILFacts §11). Across
// modules the attribute travels with the declaration, so a call from another module is
// recognised as well. At run time the markers do nothing.
//
// Function attributes (put them on your own functions):
//   @_semantics("maxlive.entry")              an entry point: a system call handler
//   @_semantics("maxlive.daemon")             a kernel thread body (one loop iteration is a root)
//   @_semantics("maxlive.reserve_iteration")  your per-iteration reservation function
//   @_semantics("maxlive.evictable")          fills an evictable cache (not charged; an assumption)
//   @_semantics("maxlive.ignore")             calls are not analysed (an assumption)

/// The loop whose body calls this runs at most `n` times (an assumption in the report).
@inline(never) @_optimize(none) @_semantics("maxlive.loop_bound")
public func maxliveLoopBound(_ n: Int) {}

/// The recursive function calling this is at most `n` frames deep (an assumption in the report).
@inline(never) @_optimize(none) @_semantics("maxlive.recursion_depth")
public func maxliveRecursionDepth(_ n: Int) {}

/// The global collection passed here never holds more than `bound` elements (an assumption in
/// the report): maxlive takes its count on entry to every call to be at most `bound`, so its
/// growth has a bound although earlier calls left it filled. Call it where the collection
/// grows, after the change, with the global's address (`maxliveMaxCount(&fileTable, 64)`: no
/// copy of it is made); it
/// checks the promise there at run time and stops the program when it is broken.
@inline(never) @_optimize(none) @_semantics("maxlive.max_count")
public func maxliveMaxCount<C: Collection>(_ collection: inout C, _ bound: Int) {
    precondition(collection.count <= bound, "a collection holds more elements than its maxlive.max_count")
}
