// The stdlib's array methods the optimizer may leave out of line, named by what they do to the
// count (used by FunctionChanges to classify calls on a counted array's address).

import Foundation
import SILModel

/// The stdlib's mutating array methods the optimizer may leave out of line, by what they do to
/// the count. Each changes the array behind its `self` address in place and keeps no copy of it
/// elsewhere (trusted: their bodies are the stdlib's).
enum ArrayMutators {
    enum Kind { case addsNothing, addsOne }

    static func kind(of callee: Function, text: SourceText) -> Kind? {
        var method = callee.demangledName ?? callee.name
        if method.hasPrefix("specialized ") { method.removeFirst("specialized ".count) }
        if addsNothing.contains(where: { method.hasPrefix($0) }) { return .addsNothing }
        if addsOne.contains(where: { method.hasPrefix($0) }) { return .addsOne }
        if method.hasPrefix("Array.replaceSubrange") {
            // `insert(_:at:)` and `removeFirst()`: one new element, or none, for a range of any length.
            switch replacement(of: callee, text: text) {
            case .one?: return .addsOne
            case .nothing?: return .addsNothing
            case nil: return nil
            }
        }
        return nil
    }

    /// What a specialized `replaceSubrange(_:with:)` puts where the range was.
    enum Replacement { case nothing, one }

    /// The replacement's type: the second parameter (`(Range<Int>, @owned EmptyCollection<Int>,
    /// @inout Array<Int>)`), or, where -O dropped that parameter as dead (its value carries no
    /// data), the specialization's last generic argument in the symbol (`…_s15EmptyCollectionVySiGTg5…`).
    static func replacement(of callee: Function, text: SourceText) -> Replacement? {
        let parameters = FunctionSignature(text.string(callee.type)).parameterTypes
        if parameters.count == 3 {
            if parameters[1].hasPrefix("CollectionOfOne<") { return .one }
            if parameters[1].hasPrefix("EmptyCollection<") { return .nothing }
            return nil
        }
        guard parameters.count == 2 else { return nil }
        if callee.name.range(of: #"_s15CollectionOfOneVy[^_]*GTg5"#, options: .regularExpression) != nil { return .one }
        if callee.name.range(of: #"_s15EmptyCollectionVy[^_]*GTg5"#, options: .regularExpression) != nil { return .nothing }
        return nil
    }

    /// Those that never add elements (by demangled name).
    static let addsNothing = [
        "Array._makeUniqueAndReserveCapacityIfNotUnique()", "Array._reserveCapacityAssumingUniqueBuffer(oldCount:)",
        "Array._makeMutableAndUnique()", "Array.remove(at:)", "Array._customRemoveLast()", "Array.removeLast()",
        "Array.removeAll(keepingCapacity:)", "Array.popLast()", "Array.swapAt(", "MutableCollection<>.sort()",
        "MutableCollection.sort(by:)", "MutableCollection<>.sort(by:)", "MutableCollection.swapAt(",
        "RangeReplaceableCollection.removeFirst()", "RangeReplaceableCollection<>.removeLast()",
        "RangeReplaceableCollection.removeAll(where:)", "RangeReplaceableCollection<>.removeAll(where:)",
        "MutableCollection<>.removeAll(where:)", "RangeReplaceableCollection<>.removeFirst()",
    ]
    /// Those that add exactly one.
    static let addsOne = ["Array.append(_:)", "Array.insert(_:at:)"]

    /// What a method that adds nothing takes away, when that is known: one element (the
    /// methods trap on an empty array; `popLast` leaves an empty one empty), or all of them.
    static func removal(by callee: Function) -> FunctionChanges.RemovalKind? {
        var method = callee.demangledName ?? callee.name
        if method.hasPrefix("specialized ") { method.removeFirst("specialized ".count) }
        if removesOne.contains(where: { method.hasPrefix($0) }) { return .one }
        if method.hasPrefix("Array.removeAll(keepingCapacity:)") { return .all }
        return nil
    }
    static let removesOne = [
        "Array.remove(at:)", "Array._customRemoveLast()", "Array.removeLast()", "Array.popLast()",
        "RangeReplaceableCollection.removeFirst()", "RangeReplaceableCollection<>.removeLast()",
        "RangeReplaceableCollection<>.removeFirst()",
    ]
}
