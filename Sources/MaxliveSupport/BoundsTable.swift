// The reservation table maxlive generates (`maxlive table`, or the MaxliveTablePlugin build
// step) and the lookups a kernel makes in it. Everything here works in Embedded Swift: names
// are `StaticString`s compared byte by byte, and the table is a plain array.

/// What a table entry bounds.
public enum MaxliveBoundKind: Sendable {
    /// A system call handler (`@_semantics("maxlive.entry")`).
    case entry
    /// One iteration of a kernel thread's outermost loop (`@_semantics("maxlive.daemon")`).
    case daemon
    /// One iteration of a loop that calls the per-iteration reservation function; its name is
    /// `function@Module/File.swift:LINE`, LINE being the loop's first line.
    case iteration
}

/// One generated bound: the most heap bytes `name` can hold live at once.
public struct MaxliveBound: Sendable {
    public let name: StaticString
    public let kind: MaxliveBoundKind
    public let bytes: Int
    /// The system call number read from the ABI header (`--abi-header`), or -1.
    public let number: Int

    public init(name: StaticString, kind: MaxliveBoundKind, bytes: Int, number: Int = -1) {
        self.name = name
        self.kind = kind
        self.bytes = bytes
        self.number = number
    }
}

/// The generated reservation table.
public struct MaxliveBoundsTable: Sendable {
    public let entries: [MaxliveBound]

    public init(entries: [MaxliveBound]) { self.entries = entries }

    /// The bound of the entry or daemon named `name` (its Swift base name, or the name with its
    /// parameter types for an overload), or nil when the table has none.
    public func bound(named name: StaticString, kind: MaxliveBoundKind = .entry) -> Int? {
        for e in entries where e.kind == kind && maxliveEquals(e.name, name.utf8Start, name.utf8CodeUnitCount) {
            return e.bytes
        }
        return nil
    }

    /// The bound of system call `number` (tables generated with `--abi-header`), or nil.
    public func bound(syscall number: Int) -> Int? {
        for e in entries where e.kind == .entry && e.number == number && number >= 0 { return e.bytes }
        return nil
    }

    /// The bound of one iteration of the loop a per-iteration reservation is made from, given
    /// the reserving call's `#function`, `#fileID` and `#line`: the iteration entry of the same
    /// function and file whose loop starts last at or before `line`. Nil when there is none.
    public func iterationBound(function: StaticString, file: StaticString, line: Int) -> Int? {
        let name = function.utf8Start
        var nameLength = 0
        while nameLength < function.utf8CodeUnitCount && name[nameLength] != 0x28 { nameLength += 1 }   // up to "("
        var best: (line: Int, bytes: Int)? = nil
        for e in entries where e.kind == .iteration {
            guard let site = MaxliveIterationName(e.name) else { continue }
            guard site.line <= line, site.line > (best?.line ?? -1) else { continue }
            guard maxliveEquals(file, site.file, site.fileLength),
                  site.functionLength == nameLength,
                  maxliveEquals(site.function, name, nameLength) else { continue }
            best = (site.line, e.bytes)
        }
        return best?.bytes
    }
}

/// The parts of an iteration entry's name, `Type.function@Module/File.swift:LINE`.
struct MaxliveIterationName {
    var function: UnsafePointer<UInt8>
    var functionLength: Int
    var file: UnsafePointer<UInt8>
    var fileLength: Int
    var line: Int

    init?(_ name: StaticString) {
        let p = name.utf8Start
        let n = name.utf8CodeUnitCount
        var at = 0
        while at < n && p[at] != 0x40 { at += 1 }                         // "@"
        var colon = n - 1
        while colon > at && p[colon] != 0x3A { colon -= 1 }               // the last ":"
        guard at < n, colon > at, colon + 1 < n else { return nil }
        var line = 0
        for i in (colon + 1)..<n {
            guard p[i] >= 0x30 && p[i] <= 0x39 else { return nil }
            line = line * 10 + Int(p[i] - 0x30)
        }
        var start = at
        while start > 0 && p[start - 1] != 0x2E { start -= 1 }           // after the last "."
        self.function = p + start
        self.functionLength = at - start
        self.file = p + at + 1
        self.fileLength = colon - at - 1
        self.line = line
    }
}

/// Whether `a` holds exactly the `n` bytes at `p`.
func maxliveEquals(_ a: StaticString, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    guard a.utf8CodeUnitCount == n else { return false }
    return maxliveEquals(a.utf8Start, p, n)
}

func maxliveEquals(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    var i = 0
    while i < n {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}
