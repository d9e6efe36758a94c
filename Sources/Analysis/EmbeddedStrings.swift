// A fact of Embedded Swift the analysis relies on: there are no foreign strings.
//
// A `String` is foreign when its storage is a bridged `NSString`; only the Objective-C runtime
// makes such strings (`_StringObject(cocoa:…)` exists under `#if _runtime(_ObjC)` only). The
// Embedded stdlib still carries the foreign paths (`_StringGuts._foreignGrow`,
// `String.UTF8View._foreignIndex(after:)`, …), behind tests of the string's discriminator that
// are always false there. Following them makes every string operation look recursive and
// unbounded, so in Embedded modules (stdlib symbols mangled `$e…`) calls to them are not
// followed, and the report says so as an assumption.
//
// `_StringGuts._slowEnsureMatchingEncoding` is a path of the same kind: it converts an index
// marked UTF-16 for a UTF-8 string (walking the string's UTF-16 view, whose breadcrumbs it
// allocates). Only a foreign string's guts mark indices UTF-16 (`markEncoding`), so every index
// of a native string matches it, unless the program forges one with `unsafeBitCast`. It is not
// followed either, under an assumption of its own that says so.

// Comparing strings (`==`, `<`, `hasPrefix`, `hasSuffix`) compares bytes when both are NFC (all
// ASCII strings are), and otherwise normalises both; hashing one normalises it likewise: the NFD normaliser keeps a run of combining
// marks in an array to sort them, so its size follows the input, which no code bounds. These
// paths are not followed; a call to one makes the entry unbounded with one reason, which names
// the remedy: comparing the bytes (`a.utf8.elementsEqual(b.utf8)`), which allocates nothing.

enum EmbeddedStrings {
    /// The comparison paths taken for strings that are not both NFC.
    static let normalizingComparisons = [
        "_stringCompareSlow(_:_:expecting:)", "_stringCompareFastUTF8Abnormal(_:_:expecting:)",
        "_StringGutsSlice._slowCompare(with:expecting:)", "_StringGutsSlice._normalizedHash(into:)",
    ]
    /// Why a normalising path is unbounded, and what to do instead.
    static let normalizingReason = "comparing or hashing strings that may not be ASCII (==, <, hasPrefix, hasSuffix, a String in a Dictionary or Set key) normalises them through a buffer as long as their longest run of combining marks, which nothing bounds: compare or hash their bytes instead (a.utf8.elementsEqual(b.utf8), a.utf8.starts(with: b.utf8), hasher.combine(bytes:) over s.utf8)"

    /// Member prefixes of the stdlib's foreign-string paths.
    static let foreignMarkers = [
        "_StringGuts._foreign", "_StringGuts.foreign", "String.UTF8View._foreign", "String.UTF16View._foreign",
        "String.UnicodeScalarView._foreign", "String._foreign", "Substring._foreign", "_StringObject._foreign",
    ]
    /// The conversion of an index marked UTF-16.
    static let utf16IndexConversion = "_StringGuts._slowEnsureMatchingEncoding"
}
