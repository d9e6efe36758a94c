// Reading LLVM IR text line by line, as bytes: the pieces the IR readers share
// (CoroutineFrames.swift, CompilerAllocations.swift).
//
//   define protected swiftcc i64 @"$e7Fixture9budgetTwoyS2iF"(i64 %0) #5 !dbg !258 {
//     %5 = call noalias ptr @swift_allocObject(ptr @"$e7Fixture7Temp600CN", i64 600, i64 7) #2, !dbg !281
//                           ^ definedName        operand 1 is the constant 600 ^

enum LLVMIRText {
    /// Calls `body` with every line of `bytes` (without its newline), in order.
    static func forEachLine(_ bytes: [UInt8], _ body: (ArraySlice<UInt8>) -> Void) {
        var lineStart = 0
        let n = bytes.count
        while lineStart < n {
            var lineEnd = lineStart
            while lineEnd < n && bytes[lineEnd] != 10 { lineEnd += 1 }
            body(bytes[lineStart..<lineEnd])
            lineStart = lineEnd + 1
        }
    }

    /// `define … @"sym"(` or `define … @sym(`.
    static func definedName(_ line: ArraySlice<UInt8>) -> String? {
        guard var i = line.firstIndex(of: UInt8(ascii: "@")) else { return nil }
        i += 1
        guard i < line.endIndex else { return nil }
        if line[i] == UInt8(ascii: "\"") {
            let start = i + 1
            guard let end = line[start...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
            return String(decoding: line[start..<end], as: UTF8.self)
        }
        let start = i
        let ends: Set<UInt8> = [UInt8(ascii: "("), UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: ")")]
        while i < line.endIndex, !ends.contains(line[i]) { i += 1 }
        return i > start ? String(decoding: line[start..<i], as: UTF8.self) : nil
    }

    static func find(_ needle: [UInt8], in line: ArraySlice<UInt8>) -> Int? {
        guard line.count >= needle.count else { return nil }
        var i = line.startIndex
        while i + needle.count <= line.endIndex {
            if line[i] == needle[0] && line[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// The `k`-th argument of a call (`i64 56`, `ptr %3`), as a constant if it is one.
    static func operand(_ k: Int, of line: ArraySlice<UInt8>, from start: Int) -> Int? {
        var depth = 0
        var index = 0
        var argStart = start
        var i = start
        while i < line.endIndex {
            let c = line[i]
            if c == UInt8(ascii: "(") { depth += 1 }
            if (c == UInt8(ascii: ",") && depth == 0) || (c == UInt8(ascii: ")") && depth == 0) {
                if index == k { return constant(line[argStart..<i]) }
                if c == UInt8(ascii: ")") { return nil }
                index += 1
                argStart = i + 1
            } else if c == UInt8(ascii: ")") {
                depth -= 1
            }
            i += 1
        }
        return nil
    }

    /// `i64 56` (possibly with attributes such as `noundef`) → 56.
    static func constant(_ arg: ArraySlice<UInt8>) -> Int? {
        let words = arg.split(separator: UInt8(ascii: " "))
        guard let last = words.last, !last.isEmpty, last.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(String(decoding: last, as: UTF8.self))
    }
}
