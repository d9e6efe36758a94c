// One SARIF rule per kind of finding: what it means and what to do about it. Code-scanning
// tools show the help next to each result, so it says how to get a bound, in the user's terms.

import Analysis

enum SARIFRules {
    struct Text {
        var name: String
        var summary: String
        var help: String
    }

    /// The level a kind of finding is reported at: reasons and ABI mismatches fail the run,
    /// warnings may hide a mistake, assumptions are notes to review.
    static func level(_ kind: Finding.Kind) -> String {
        switch kind {
        case .unknownAnnotation, .noEntries: return "warning"
        case .loopBound, .recursionDepth, .ignored, .evictable, .externalModel, .deepReservation, .uncheckedSizes, .maxCount, .storedCapacity: return "note"
        default: return "error"
        }
    }

    static func text(_ kind: Finding.Kind) -> Text {
        switch kind {
        case .unboundedLoop:
            return Text(name: "UnboundedLoop", summary: "A loop keeps allocations live across iterations and has no bound.",
                        help: "Bound the loop where the code can state it: a constant or clamped range (`for i in 0..<min(n, 64)`), or a `guard n <= 64` before it. Otherwise call `maxliveLoopBound(N)` in its body (trusted, listed as an assumption), or reserve per iteration with `maxliveReserveIteration()`.")
        case .unboundedRecursion:
            return Text(name: "UnboundedRecursion", summary: "A recursion has no depth bound.",
                        help: "Call `maxliveRecursionDepth(N)` in the recursive function (trusted, listed as an assumption), or turn the recursion into a bounded loop.")
        case .unresolvedCall:
            return Text(name: "UnresolvedCall", summary: "An indirect call whose targets cannot be determined.",
                        help: "Call through a concrete type, a final class, or a closure whose every value the analysis sees (a handler table written in the analysed modules). Protocol and class calls are resolved when every conformance or override is in the analysed modules.")
        case .externalFunction:
            return Text(name: "ExternalFunction", summary: "A call to a function with no body and no model.",
                        help: "Give the analysis the body: Swift in an analysed module (`--dependency`), or C with `--c-source` / `c-sources:`. A function that allocates nothing from the kernel heap can be trusted with `--no-allocation NAME` or `trusted:` in .maxlive.yml (listed as an assumption).")
        case .unknownSize:
            return Text(name: "UnknownSize", summary: "An allocation whose size cannot be derived from the types.",
                        help: "The allocated type has no layout maxlive knows (the message names it). Use types with a fixed layout, or report the type so its layout rule can be added.")
        case .dynamicSize:
            return Text(name: "DynamicSize", summary: "An allocation or a collection's growth depends on a value with no bound.",
                        help: "Clamp the count where it is computed (`min(n, 64)`, `n & 63`, a `guard`), keep the collection local to the call instead of in a global or a field, and do not keep copies of a collection while it still grows.")
        case .coroutineFrame:
            return Text(name: "CoroutineFrame", summary: "A coroutine call whose frame may be on the heap with a size only the LLVM IR shows.",
                        help: "Let maxlive compile the sources (it reads frame sizes from the LLVM IR of the same build), or pass `--llvm-ir` with that IR.")
        case .irreducibleControlFlow:
            return Text(name: "IrreducibleControlFlow", summary: "Control flow that is not made of structured loops.",
                        help: "Restructure the function into `for`/`while` loops; maxlive bounds loops by their headers.")
        case .compilerAllocation:
            return Text(name: "CompilerAllocation", summary: "The compiler's IR allocates on the heap where the SIL shows no allocation.",
                        help: "Usually a closure context or a box the optimizer did not promote to the stack. Make the closure non-escaping, or keep the value in a local that is not captured.")
        case .syscallWithoutHandler:
            return Text(name: "SyscallWithoutHandler", summary: "A system call number in the ABI header has no handler.",
                        help: "Write a `@_semantics(\"maxlive.entry\")` function named `sys_NAME` for it, or remove the number from the header.")
        case .handlerWithoutNumber:
            return Text(name: "HandlerWithoutNumber", summary: "A system call handler has no number in the ABI header.",
                        help: "Add `#define SYS_NAME N` to the ABI header, or rename the handler to match an existing number.")
        case .loopBound:
            return Text(name: "TrustedLoopBound", summary: "A bound relies on a `maxliveLoopBound(N)` marker.",
                        help: "The marker is trusted, not checked: make sure the loop cannot run more often, or replace it with a range the code states.")
        case .recursionDepth:
            return Text(name: "TrustedRecursionDepth", summary: "A bound relies on a `maxliveRecursionDepth(N)` marker.",
                        help: "The marker is trusted, not checked: make sure the recursion cannot go deeper.")
        case .ignored:
            return Text(name: "IgnoredAllocation", summary: "An allocation is left out of the bound by an annotation.",
                        help: "Make sure the memory does not come from the kernel heap the bound protects.")
        case .evictable:
            return Text(name: "EvictableAllocation", summary: "An allocation is counted as evictable (a cache the kernel can free).",
                        help: "Make sure the kernel can free this memory when the heap runs short.")
        case .externalModel:
            return Text(name: "ExternalModel", summary: "A bound relies on maxlive's model of a function it does not analyse, or on a symbol trusted to allocate nothing.",
                        help: "Check the model or the trust against the function's real behaviour; give the analysis its body to remove the assumption.")
        case .deepReservation:
            return Text(name: "DeepReservation", summary: "A loop reserves its body's bound at every iteration.",
                        help: "The kernel must reserve the per-iteration bound each time round the loop, as `maxliveReserveIteration()` asks.")
        case .maxCount:
            return Text(name: "TrustedMaxCount", summary: "A bound relies on a `maxliveMaxCount(collection, N)` marker: the global never holds more than N elements.",
                        help: "The marker checks the promise where it is called; make sure every place that grows the collection calls it, or keeps the count below N by its own checks.")
        case .storedCapacity:
            return Text(name: "StoredCapacity", summary: "A bound relies on the largest array the module ever stores in a stored property or global, found by reading every write to it.",
                        help: "The writes are read from the SIL; what the analysis cannot see is a value of the type forged from raw memory (`unsafeBitCast`, raw pointer stores). Keep the type's arrays out of such code.")
        case .uncheckedSizes:
            return Text(name: "UncheckedSizes", summary: "Sizes and heap-versus-stack decisions were not checked against the compiler's output.",
                        help: "Let maxlive compile the sources, or pass `--irgen` with IRGen's output of the same build, so every allocation is checked.")
        case .unknownAnnotation:
            return Text(name: "UnknownAnnotation", summary: "A `maxlive.*` semantics string maxlive does not know.",
                        help: "Check its spelling: `maxlive.entry`, `maxlive.daemon`, `maxlive.loop_bound`, `maxlive.recursion_depth`, `maxlive.reserve_iteration`, … (see the annotation reference).")
        case .noEntries:
            return Text(name: "NoEntries", summary: "A module has no entries to analyse.",
                        help: "Mark the system call handlers `@_semantics(\"maxlive.entry\")`, or name them with `--entry` / `entries:`.")
        }
    }
}
