// The bytes of a SIL file, shared by every part of the model.
//
// Instructions keep byte ranges into this buffer instead of copying strings, so a
// 13 MB module costs one copy of its text plus compact records (SILFacts §14).

public final class SourceText: @unchecked Sendable {
    /// Path the text was read from (for messages).
    public let path: String
    public let bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public subscript(range: ByteRange) -> Substring {
        Substring(string(range))
    }

    /// Decodes a byte range as UTF-8 (invalid sequences are repaired, never trapped on).
    public func string(_ range: ByteRange) -> String {
        let lo = Int(range.start), hi = Int(range.end)
        guard lo >= 0, hi <= bytes.count, lo <= hi else { return "" }
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[lo..<hi]), as: UTF8.self)
        }
    }
}

/// A half-open range of byte offsets into a `SourceText`.
public struct ByteRange: Hashable, Sendable {
    public var start: Int32
    public var end: Int32
    public init(start: Int32, end: Int32) {
        self.start = start
        self.end = end
    }
    public init(_ start: Int, _ end: Int) {
        self.start = Int32(start)
        self.end = Int32(end)
    }
    public static let empty = ByteRange(start: 0, end: 0)
    public var isEmpty: Bool { start >= end }
    public var count: Int { Int(end - start) }
}
