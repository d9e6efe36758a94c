// Dispatch tables and globals printed after the functions.

/// `sil_vtable C { #Base.f: … : @impl [override] }`.
public struct VTable: Sendable {
    /// The class name as printed (`Derived`, `$_ContiguousArrayStorage<UInt8>`).
    public var className: String
    public var entries: [VTableEntry]
    public init(className: String, entries: [VTableEntry]) {
        self.className = className
        self.entries = entries
    }
}

public struct VTableEntry: Sendable {
    /// The method key, e.g. `#Base.f` or `#Animal.init!allocator`.
    public var key: String
    /// The implementing function's mangled name, or nil for a dead entry.
    public var implementation: String?
    /// `inherited`, `override`, or "".
    public var kind: String
    public init(key: String, implementation: String?, kind: String) {
        self.key = key
        self.implementation = implementation
        self.kind = kind
    }
}

/// `sil_witness_table [linkage] T: P module M { method #P.m: … : @impl }`.
public struct WitnessTable: Sendable {
    public var conformingType: String
    public var protocolName: String
    public var methods: [VTableEntry]
    public init(conformingType: String, protocolName: String, methods: [VTableEntry]) {
        self.conformingType = conformingType
        self.protocolName = protocolName
        self.methods = methods
    }
}

/// `sil_global [attrs] @name : $T` with an optional static initializer block.
public struct Global: Sendable {
    public var name: String
    public var type: String
    /// The static initializer's lines, if any (e.g. an `object` for a static array literal).
    public var initializer: ByteRange?
    public var silLine: Int32
    public init(name: String, type: String, initializer: ByteRange?, silLine: Int32) {
        self.name = name
        self.type = type
        self.initializer = initializer
        self.silLine = silLine
    }
}
