// The annotation vocabulary (interface.md): recognised by `@_semantics` strings,
// never by function names, so any module can declare its own markers.

import SILModel

public enum Annotation {
    public static let entry = "maxlive.entry"
    public static let daemon = "maxlive.daemon"
    public static let loopBound = "maxlive.loop_bound"
    public static let recursionDepth = "maxlive.recursion_depth"
    public static let reserveIteration = "maxlive.reserve_iteration"
    public static let evictable = "maxlive.evictable"
    public static let ignore = "maxlive.ignore"
    public static let maxCount = "maxlive.max_count"

    /// Markers whose calls cost nothing and carry an argument or a meaning for the analysis.
    public static let markers: Set<String> = [loopBound, recursionDepth, reserveIteration, maxCount]
    /// Every `maxlive.*` string the analysis knows; any other is most likely a typo.
    public static let all: Set<String> = [entry, daemon, loopBound, recursionDepth, reserveIteration, evictable, ignore, maxCount]
}

extension Function {
    public func hasSemantics(_ s: String) -> Bool { attributes.semantics.contains(s) }

    /// The name a user wrote: `sys_open`, `Vnode.read`, from the demangled comment
    /// (`sys_open(_:_:)` → `sys_open`). Falls back to the mangled name.
    public var swiftName: String {
        guard var d = demangledName, !d.isEmpty else { return name }
        for prefix in ["@objc ", "static ", "class "] where d.hasPrefix(prefix) { d.removeFirst(prefix.count) }
        if d.hasPrefix("closure #") || d.hasPrefix("implicit closure") { return d }
        if let paren = d.firstIndex(of: "(") { d = String(d[..<paren]) }
        if d.hasSuffix(">"), let angle = d.firstIndex(of: "<") { d = String(d[..<angle]) }
        return d
    }

    /// Specialised, signature-optimised and merged copies carry the original's
    /// attributes; reports use the original.
    public var isCompilerCopy: Bool {
        guard let d = demangledName else { return false }
        return d.hasPrefix("specialized ") || d.hasPrefix("function signature specialization") || d.contains("merged ")
    }
}
