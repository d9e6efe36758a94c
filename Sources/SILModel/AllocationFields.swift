// The fields of allocating and storing instructions, typed, so no walk of the analysis reads
// their text:
//
//   %7 = alloc_ref [stack] [tail_elems $Int * %5 : $Builtin.Word] $_ContiguousArrayStorage<Int>
//        onStack ^^^^^^^    elementType ^^^ count ^^              classType ^^^^^^^^^^^^^^^^^^^^^^^^^^
//   %9 = partial_apply [callee_guaranteed] [on_stack] %8(%3) : $…       onStack
//   store %4 to [assign] %6 : $*Int                                     assigns (destroys the old value)
//   copy_addr [take] %2 to [init] %3 : $*T                              initializes (nothing to destroy)

/// One `[tail_elems $T * %n]` group of an `alloc_ref`.
public struct TailElements: Sendable, Equatable {
    /// The element type as printed, `$` included (`$Int`).
    public var elementType: String
    /// The value giving the element count (nil: the instruction has fewer operands than groups).
    public var count: Int32?
}

/// What an `alloc_ref` (or `alloc_ref_dynamic`) says about the object it makes.
public struct AllocRefFields: Sendable, Equatable {
    /// `[stack]`: the optimizer promoted the object to the stack (IRGen may still not).
    public var onStack: Bool
    /// The tail-allocated element groups, in order; nil when one of them cannot be read.
    public var tailElements: [TailElements]?
    /// The class, as printed after the attributes, without `$` (nil: unreadable).
    public var classType: String?
}

extension Module {
    /// The attributes, tail elements and class of an `alloc_ref`.
    public func allocRefFields(of inst: Instruction, in function: Function) -> AllocRefFields {
        let (attributes, remainder) = leadingAttributes(of: inst)
        var tails: [TailElements]? = []
        let operands = function.operands(of: inst)
        var next = operands.startIndex
        for attribute in attributes where attribute.hasPrefix("tail_elems ") {
            // `tail_elems $Int * %50 : $Builtin.Word`: the element type is what comes before the last ` * `.
            let body = Array(attribute.utf8.dropFirst("tail_elems ".count))
            guard let star = (0..<max(0, body.count - 2)).last(where: { body[$0] == 0x20 && body[$0 + 1] == 0x2A && body[$0 + 2] == 0x20 })
            else { tails = nil; break }
            tails?.append(TailElements(elementType: String(decoding: body[..<star], as: UTF8.self),
                                       count: next < operands.endIndex ? operands[next] : nil))
            next += 1
        }
        return AllocRefFields(onStack: attributes.contains("stack"), tailElements: tails, classType: firstType(in: remainder))
    }

    /// `partial_apply [on_stack]`: a closure context the caller keeps on its stack.
    public func isOnStack(_ inst: Instruction) -> Bool {
        leadingAttributes(of: inst).attributes.contains("on_stack")
    }

    /// Whether a `store` or `copy_addr` destroys the value it overwrites: `store … to [assign]`,
    /// or a `copy_addr` without `[init]`.
    public func overwritesValue(_ inst: Instruction) -> Bool {
        switch inst.opcode {
        case .copyAddr: return !contains("[init]", in: inst.text)
        case .store: return contains("to [assign]", in: inst.text)
        default: return false
        }
    }

    /// The first `$Type` in `range`, up to a top-level comma, without `$` and outer spaces.
    public func firstType(in range: ByteRange) -> String? {
        Self.firstType(in: text.bytes[Int(range.start)..<Int(range.end)])
    }

    /// The first `$Type` in `bytes`, up to a top-level comma (`->` is no bracket), without `$`
    /// and outer spaces: `$Node, loc …` → `Node`, `$(Int, Int) -> Bool` → `(Int, Int) -> Bool`.
    public static func firstType(in bytes: ArraySlice<UInt8>) -> String? {
        guard let dollar = bytes.firstIndex(of: UInt8(ascii: "$")) else { return nil }
        let start = dollar + 1
        var depth = 0
        var stop = bytes.endIndex
        var i = start
        scan: while i < bytes.endIndex {
            switch bytes[i] {
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "<"): depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            case UInt8(ascii: ">") where bytes[i - 1] != UInt8(ascii: "-"): depth -= 1
            case UInt8(ascii: ",") where depth <= 0: stop = i; break scan
            default: break
            }
            i += 1
        }
        var lo = start, hi = stop
        while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
        while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }

    private func contains(_ needle: String, in range: ByteRange) -> Bool {
        firstOccurrence(of: Array(needle.utf8), in: range) != nil
    }
}
