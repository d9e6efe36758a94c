// Maps opcode spellings (bytes) to `Opcode` without building a String per line.

import SILModel

enum OpcodeTable {
    private static let spellings: [[UInt8]] = Opcode.allCases.map { Array($0.spelling.utf8) }
    private static let byHash: [UInt64: Opcode] = {
        var table: [UInt64: Opcode] = [:]
        for op in Opcode.allCases where op != .other {
            let bytes = Array(op.spelling.utf8)
            let h = bytes.withUnsafeBufferPointer { hash($0, 0, $0.count) }
            precondition(table[h] == nil, "opcode hash collision")
            table[h] = op
        }
        return table
    }()

    @inline(__always)
    static func hash(_ bytes: Bytes, _ start: Int, _ end: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = start
        while i < end {
            h = (h ^ UInt64(bytes[i])) &* 0x100_0000_01b3
            i += 1
        }
        return h
    }

    static func lookup(_ bytes: Bytes, _ start: Int, _ end: Int) -> Opcode {
        guard let op = byHash[hash(bytes, start, end)] else { return .other }
        let spelling = spellings[Int(op.rawValue)]
        guard spelling.count == end - start else { return .other }
        for (k, c) in spelling.enumerated() where bytes[start + k] != c { return .other }
        return op
    }
}
