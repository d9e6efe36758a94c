// Which stdlib functions the models know, looked up once per function name.
//
// The growth models and call models recognise stdlib functions by their demangled names
// (`_NativeDictionary._copyOrMoveAndResize(capacity:moveElements:)`, …). Matching names at
// every call site, in every pass, costs more than the whole rest of the analysis on large
// modules, so each name is classified once, on first use, and remembered.

import SILModel

/// What a string-changing stdlib call does to the `_StringGuts` passed `@inout` last.
enum StringSiteKind { case grow, reserve, append }

/// A stdlib call that makes a new string of a length the model knows.
enum MadeStringKind { case integerDescription, repeated }

final class StdlibCallIndex {
    struct Entry {
        // What the growth models know (GrowthModels.swift: each model sets its own fields).
        /// On a foreign-string path of the Embedded stdlib (EmbeddedStrings.swift).
        var foreignStringPath = false
        /// Converts an index marked UTF-16, which only foreign strings make (EmbeddedStrings.swift).
        var utf16IndexConversion = false
        /// The comparison of strings that are not both NFC: it normalises them (EmbeddedStrings.swift).
        var normalizingComparison = false
        /// `_ContiguousArrayBuffer._consumeAndCreateNew(…)` (ArrayGrowth.swift).
        var arrayReallocation = false
        /// `ContiguousArray._createNewBuffer(…)` and `Array._createNewBuffer(…)`: the reallocation
        /// of an array in memory, the last argument its address (ArrayGrowth.swift).
        var arraySlotReallocation = false
        /// `_ContiguousArrayBuffer._consumeAndCreateNew()`: the copy-on-write copy, capacity = count.
        var arrayCopy = false
        /// `static Array._allocateBufferUninitialized(minimumCapacity:)`: a new buffer and nothing else.
        var arrayAllocation = false
        /// `Array.init(repeating:count:)`: a new buffer of exactly `count` elements.
        var arrayRepeating = false
        /// A dictionary or set function the hashed model prices (HashedCollectionGrowth.swift).
        var hashedCall: (table: HashedTables.Table, role: HashedTables.Role)?
        /// Makes a dictionary or set from an array literal, or an empty one (`Dictionary()`).
        var hashedMaker = false
        var hashedEmptyMaker = false
        /// Changes a string's buffer (StringGrowth.swift).
        var stringSite: StringSiteKind?
        /// `_SmallString.init(_:appending:)`.
        var smallStringAppending = false
        /// Makes a new string of known length (an Embedded stdlib body).
        var madeString: MadeStringKind?
        /// `Array.append(_:)` of the Embedded stdlib, `[_semantics "array.append_element"]`
        /// (ArraySlotGrowth.swift).
        var arrayAppendElement = false
        /// `Array.append(contentsOf:)` of another array, `[_semantics "array.append_contentsOf"]`:
        /// adds that array's count (ArraySlotGrowth.swift).
        var arrayAppendContentsOf = false
        /// `_allocateUninitializedArray(_:)`, `_finalizeUninitializedArray(_:)` and `Array()`:
        /// how an array literal or an empty array is made.
        var arrayUninitialized = false
        var arrayFinalize = false
        var arrayInitEmpty = false
    }

    private let module: Module
    private var entries: [String: Entry] = [:]

    init(module: Module) { self.module = module }

    func entry(_ name: String) -> Entry {
        if let e = entries[name] { return e }
        let e = classify(name)
        entries[name] = e
        return e
    }

    private func classify(_ name: String) -> Entry {
        var e = Entry()
        // Only the stdlib's own functions are modelled: `$es…` and `$eS<type>…` (String `SS`,
        // Dictionary `SD`, BinaryInteger `Sz`, …) in Embedded modules, `$ss…`/`$sS…` otherwise;
        // a user module's symbols start with the length of its name (`$e7Fixture…`).
        guard name.hasPrefix("$es") || name.hasPrefix("$eS") || name.hasPrefix("$ss") || name.hasPrefix("$sS"),
              let f = module.function(named: name) else { return e }
        let d = f.demangledName ?? f.swiftName
        let embedded = name.hasPrefix("$e")
        for model in GrowthModels.all { model.classify(f, demangled: d, embedded: embedded, into: &e) }
        return e
    }
}
