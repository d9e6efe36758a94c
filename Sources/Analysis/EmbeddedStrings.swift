// A fact of Embedded Swift the analysis relies on: there are no foreign strings.
//
// A `String` is foreign when its storage is a bridged `NSString`; only the Objective-C runtime
// makes such strings (`_StringObject(cocoa:…)` exists under `#if _runtime(_ObjC)` only). The
// Embedded stdlib still carries the foreign paths (`_StringGuts._foreignGrow`,
// `String.UTF8View._foreignIndex(after:)`, …), behind tests of the string's discriminator that
// are always false there. Following them makes every string operation look recursive and
// unbounded, so in Embedded modules (stdlib symbols mangled `$e…`) calls to them are not
// followed, and the report says so as an assumption.

enum EmbeddedStrings {
    /// Member prefixes of the stdlib's foreign-string paths.
    static let foreignMarkers = [
        "_StringGuts._foreign", "_StringGuts.foreign", "String.UTF8View._foreign", "String.UTF16View._foreign",
        "String.UnicodeScalarView._foreign", "String._foreign", "Substring._foreign", "_StringObject._foreign",
    ]
}
