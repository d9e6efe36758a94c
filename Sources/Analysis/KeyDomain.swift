// Keys with few values. A dictionary or a set never holds more elements than its key type has
// values: an insertion of a key already there adds nothing. Only types whose equality is the
// stdlib's count here, so that two keys are equal exactly when their values are (a type with
// its own `==` may call a key unequal to itself, as `Double.nan` is, and add it again and again).

import Layout

//
// A 16-bit key would bound a table too, at 65536 elements: hundreds of kilobytes, which no
// kernel would reserve per call. Such a table is left to the code's own checks, whose absence
// is a reason the user can act on.

enum KeyDomain {
    /// How many values the key type has (nil: too many to charge, or unknown).
    static func size(of key: TypeExpression) -> Int? {
        switch key {
        case .named("Bool", []): return 2
        case .named("UInt8", []), .named("Int8", []): return 256
        default: return nil
        }
    }
}
