// Type declarations re-printed in Swift syntax at the top of a SIL file. They are
// where class, struct and enum layouts come from (SILFacts §5.1): stored properties
// carry `@_hasStorage` and appear in layout order.

public enum TypeDeclarationKind: String, Sendable {
    case `class`, `struct`, `enum`, `protocol`
}

public struct StoredProperty: Sendable, Equatable {
    public var name: String
    /// The property's type as spelled in source, e.g. `[Int]`, `Int?`.
    public var type: String
    public init(name: String, type: String) {
        self.name = name
        self.type = type
    }
}

public struct EnumCase: Sendable, Equatable {
    public var name: String
    /// Payload as spelled, e.g. `(Int, String)` or `Int`, nil for no payload.
    public var payload: String?
    public var isIndirect: Bool
    public init(name: String, payload: String?, isIndirect: Bool) {
        self.name = name
        self.payload = payload
        self.isIndirect = isIndirect
    }
}

public struct TypeDeclaration: Sendable {
    public var kind: TypeDeclarationKind
    /// The qualified name (`Outer.Inner` for nested declarations).
    public var name: String
    public var genericParameters: [String]
    /// Names after `:` (superclass first for classes, when it is a class).
    public var inherited: [String]
    public var storedProperties: [StoredProperty]
    public var cases: [EnumCase]
    /// `indirect enum`.
    public var isIndirect: Bool
    public var silLine: Int32
    public init(kind: TypeDeclarationKind, name: String, genericParameters: [String], inherited: [String],
                storedProperties: [StoredProperty], cases: [EnumCase], isIndirect: Bool, silLine: Int32) {
        self.kind = kind
        self.name = name
        self.genericParameters = genericParameters
        self.inherited = inherited
        self.storedProperties = storedProperties
        self.cases = cases
        self.isIndirect = isIndirect
        self.silLine = silLine
    }
}
