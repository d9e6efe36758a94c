// Byte-level helpers. The parser works on UTF-8 bytes, never on `Character`s or
// `Substring` slices, which is what keeps it above 150 MB/s.

@usableFromInline typealias Bytes = UnsafeBufferPointer<UInt8>

enum ASCII {
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let percent = UInt8(ascii: "%")
    static let at = UInt8(ascii: "@")
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let equals = UInt8(ascii: "=")
    static let lparen = UInt8(ascii: "(")
    static let rparen = UInt8(ascii: ")")
    static let lbracket = UInt8(ascii: "[")
    static let rbracket = UInt8(ascii: "]")
    static let lbrace = UInt8(ascii: "{")
    static let rbrace = UInt8(ascii: "}")
    static let langle = UInt8(ascii: "<")
    static let rangle = UInt8(ascii: ">")
    static let dollar = UInt8(ascii: "$")
    static let star = UInt8(ascii: "*")
    static let hash = UInt8(ascii: "#")
    static let minus = UInt8(ascii: "-")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let b = UInt8(ascii: "b")

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= zero && c <= nine }
    @inline(__always) static func isIdentifier(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || isDigit(c) || c == 0x5F || c == dollar
    }
    @inline(__always) static func isOpcodeChar(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || isDigit(c) || c == 0x5F
    }
    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == space || c == tab || c == carriageReturn }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// True when the bytes at `offset` spell `literal`.
    @inline(__always)
    func matches(_ literal: StaticString, at offset: Int, end: Int) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard offset >= 0, offset + n <= end else { return false }
        let p = literal.utf8Start
        var i = 0
        while i < n {
            if self[offset + i] != p[i] { return false }
            i += 1
        }
        return true
    }

    @inline(__always)
    func skipSpaces(from offset: Int, end: Int) -> Int {
        var i = offset
        while i < end, ASCII.isSpace(self[i]) { i += 1 }
        return i
    }

    /// Index of the first occurrence of `literal` in `[from, end)`, or nil.
    func find(_ literal: StaticString, from: Int, end: Int) -> Int? {
        let n = literal.utf8CodeUnitCount
        guard n > 0 else { return from }
        let first = literal.utf8Start[0]
        var i = from
        while i + n <= end {
            if self[i] == first, matches(literal, at: i, end: end) { return i }
            i += 1
        }
        return nil
    }

    /// Index of the last occurrence of `literal` in `[from, end)`, or nil.
    func findLast(_ literal: StaticString, from: Int, end: Int) -> Int? {
        let n = literal.utf8CodeUnitCount
        var i = end - n
        while i >= from {
            if matches(literal, at: i, end: end) { return i }
            i -= 1
        }
        return nil
    }

    /// Parses an optionally negative decimal integer at `offset`; returns value and end.
    func parseInt(at offset: Int, end: Int) -> (value: Int, end: Int)? {
        var i = offset
        var negative = false
        if i < end, self[i] == ASCII.minus { negative = true; i += 1 }
        let digitsStart = i
        var value = 0
        while i < end, ASCII.isDigit(self[i]) {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(self[i] - ASCII.zero))
            if o1 || o2 { return nil }
            value = a
            i += 1
        }
        if i == digitsStart { return nil }
        return (negative ? -value : value, i)
    }

    /// End of a quoted string starting at `offset` (which holds `"`): the index after the closing quote.
    func endOfString(at offset: Int, end: Int) -> Int? {
        var i = offset + 1
        while i < end {
            let c = self[i]
            if c == ASCII.backslash { i += 2; continue }
            if c == ASCII.quote { return i + 1 }
            i += 1
        }
        return nil
    }

    func string(_ from: Int, _ to: Int) -> String {
        guard from < to else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: self[from..<to]), as: UTF8.self)
    }

    /// Trims trailing spaces of `[from, end)`.
    func trimEnd(from: Int, end: Int) -> Int {
        var e = end
        while e > from, ASCII.isSpace(self[e - 1]) { e -= 1 }
        return e
    }
}
