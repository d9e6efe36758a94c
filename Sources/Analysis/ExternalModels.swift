// Models for functions that have no body in SIL (C library calls, the Embedded
// runtime's C entry points). A model is a trusted statement, so every use is listed
// in the report as an assumption. Anything not listed here is unknown: unbounded.

import SILModel

enum ExternalModels {
    struct Model { var name: String }

    /// C functions that do not allocate from the Swift/kernel heap.
    static let nonAllocating: Set<String> = [
        "memset", "memcpy", "memmove", "memcmp", "bzero", "strlen", "strcmp", "strncmp",
        "write", "read", "_exit", "exit", "abort", "putchar", "puts", "fputs", "fflush",
        "clock_gettime", "nanosleep", "usleep", "sched_yield", "getpid",
        "mmap", "munmap", "mprotect", "arc4random_buf", "arc4random", "ceil", "floor", "sqrt",
        "free", "__libc_free", "swift_retain", "swift_release", "swift_beginAccess", "swift_endAccess",
        "swift_isUniquelyReferenced_nonNull_native", "swift_bridgeObjectRetain", "swift_bridgeObjectRelease",
        "_swift_stdlib_getNormData", "_swift_stdlib_getComposition", "_swift_stdlib_getDecompositionEntry",
        "_swift_stdlib_nfd_decompositions", "_swift_embedded_set_heap_object_metadata_pointer",
        "_swift_embedded_get_heap_object_metadata_pointer", "_swift_embedded_invoke_heap_object_optional_ivardestroyer",
        "_swift_embedded_invoke_heap_object_destroy",
        // The stdlib's Unicode data: lookups in static tables (libswiftUnicodeDataTables.a of
        // Embedded Swift); `getScalarName` writes into the caller's buffer.
        "_swift_stdlib_memcmp", "_swift_stdlib_getGraphemeBreakProperty", "_swift_stdlib_isExtendedPictographic",
        "_swift_stdlib_isInCB_Consonant", "_swift_stdlib_isLinkingConsonant", "_swift_stdlib_getBinaryProperties",
        "_swift_stdlib_getGeneralCategory", "_swift_stdlib_getScalarBitArrayIdx", "_swift_stdlib_getSpecialMapping",
        "_swift_stdlib_getMapping", "_swift_stdlib_getScript", "_swift_stdlib_getScriptExtensions", "_swift_stdlib_getMphIdx",
        "_swift_stdlib_getNameAlias", "_swift_stdlib_getNumericType", "_swift_stdlib_getNumericValue",
        "_swift_stdlib_getScalarName", "_swift_stdlib_getWordBreakProperty", "_swift_stdlib_getAge",
    ]

    /// Those that copy memory from their second argument into their first.
    static let copiesMemory: Set<String> = ["memcpy", "memmove"]

    static func model(for function: Function) -> Model? {
        let symbol = function.attributes.asmName ?? function.name
        if nonAllocating.contains(symbol) { return Model(name: symbol) }
        return nil
    }
}
