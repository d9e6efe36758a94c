import Foundation

// A first guess at the shape of a (reduced) violating program, from its source: which of
// the known unsound shapes it shows, or "unclassified" (look at it: possibly new).

enum ShapeTagger {
    static func tags(_ source: String) -> [String] {
        let lines = source.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        var tags: [String] = []
        // Stack promotion past IRGen's 1024-byte budget: large local InlineArrays or
        // several large temporaries in one function.
        let bigLocals = lines.filter { $0.hasPrefix("var buf") && $0.contains("InlineArray<") }.count
        let bigTemps = lines.filter { $0.hasPrefix("let tmp") }.count
        if bigLocals > 0 || bigTemps > 1 { tags.append("stack-promotion-budget") }
        // An error thrown inside a loop and kept.
        if source.contains("maxliveLoopBound") && (source.contains("throw ") || source.contains("try ")) && source.contains("= error") {
            tags.append("error-in-loop-kept")
        }
        if lines.filter({ $0.hasPrefix("maxliveRecursionDepth(") }).count >= 2 && source.contains("func ping") {
            tags.append("mutual-recursion-markers")
        }
        if source.contains("ManagedBuffer") { tags.append("managedbuffer") }
        if source.contains("unowned(unsafe)") || source.contains("Unmanaged.passUnretained") {
            tags.append("closure-unowned-or-unmanaged")
        }
        return tags.isEmpty ? ["unclassified"] : tags
    }
}
