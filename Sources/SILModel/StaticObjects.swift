// Objects the compiler builds at compile time. An array literal of constants becomes a global
// whose static initializer ends in an `object`, read with `global_value`:
//
//   sil_global private [let] @$e7Fixture7portSetySbSiFTv_ : $_ContiguousArrayStorage<UInt16> = {
//     …
//     %initval = object $_ContiguousArrayStorage<UInt16> (%5, [tail_elems] %7, %9, %11)
//   }
//   %2 = global_value @$e7Fixture7portSetySbSiFTv_ : $_ContiguousArrayStorage<UInt16>
//
// Such an object is never freed and never changed in place (its reference count is immortal,
// so a mutation copies it first): its tail elements are the array's elements for good.

extension Module {
    /// The number of tail elements of the object global `name` is statically initialized to
    /// (the operands after `[tail_elems]`); nil when it has no such initializer.
    public func staticTailElementCount(ofGlobal name: String) -> Int? {
        guard let g = globalIndex[name], let range = globals[g].initializer else { return nil }
        let bytes = text.bytes
        let end = min(Int(range.end), bytes.count)
        guard let object = firstOccurrence(of: Array("object $".utf8), in: Int(range.start)..<end),
              let tail = firstOccurrence(of: Array("[tail_elems]".utf8), in: object..<end) else { return nil }
        var i = tail + "[tail_elems]".utf8.count
        var count = 0
        var sawOperand = false
        while i < end, bytes[i] != UInt8(ascii: ")"), bytes[i] != UInt8(ascii: "\n") {
            if bytes[i] == UInt8(ascii: "%") { sawOperand = true; count += 1 }
            i += 1
        }
        guard i < end, bytes[i] == UInt8(ascii: ")"), sawOperand else { return nil }
        return count
    }

    private func firstOccurrence(of needle: [UInt8], in range: Range<Int>) -> Int? {
        let bytes = text.bytes
        guard !needle.isEmpty, range.count >= needle.count else { return nil }
        var i = range.lowerBound
        while i + needle.count <= range.upperBound {
            if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
