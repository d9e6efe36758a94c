// Keys with few values. A dictionary or a set never holds more elements than its key type has
// values: an insertion of a key already there adds nothing. Only types whose equality is the
// stdlib's count here, so that two keys are equal exactly when their values are (a type with
// its own `==` may call a key unequal to itself, as `Double.nan` is, and add it again and again).

import Layout

enum KeyDomain {
    /// How many values the key type has (nil: too many to matter, or unknown).
    static func size(of key: TypeExpression) -> Int? {
        switch key {
        case .named("Bool", []): return 2
        case .named("UInt8", []), .named("Int8", []): return 256
        case .named("UInt16", []), .named("Int16", []): return 65_536
        default: return nil
        }
    }
}
