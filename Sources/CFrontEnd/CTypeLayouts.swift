// The sizes of the C types a Swift module imports, read with libclang. SIL declares no
// imported type, so an array of C structs (`[ml_iovec]`) or a class holding one needs them:
// each struct, union or enum with a definition, and each typedef, by the name Swift imports it
// under (`typedef struct ml_pollfd {…} ml_pollfd` and `struct ml_pollfd` are both
// `ml_pollfd`). The header is parsed for the analysed target, so sizes are that target's.

import CLibclang
import Foundation

public struct CTypeLayout: Sendable, Equatable {
    public var size: Int
    public var alignment: Int
    public init(size: Int, alignment: Int) { self.size = size; self.alignment = alignment }
}

public enum CTypeLayouts {
    /// Every complete named type declared in `header` or the headers it includes.
    public static func read(header: String, arguments: [String] = []) throws -> [String: CTypeLayout] {
        let unit = try ClangTranslationUnit(path: header, arguments: ["-x", "c"] + arguments)
        var result: [String: CTypeLayout] = [:]
        unit.visit(recurse: false) { cursor in
            switch clang_getCursorKind(cursor) {
            case CXCursor_StructDecl, CXCursor_UnionDecl, CXCursor_EnumDecl:
                guard clang_isCursorDefinition(cursor) != 0 else { return }
            case CXCursor_TypedefDecl:
                break
            default:
                return
            }
            let name = ClangTranslationUnit.name(cursor)
            // anonymous records are spelt "struct (unnamed at …)" or are empty
            guard !name.isEmpty, !name.contains(" "), !name.contains("(") else { return }
            let type = clang_getCursorType(cursor)
            let size = clang_Type_getSizeOf(type), alignment = clang_Type_getAlignOf(type)
            guard size >= 0, alignment > 0 else { return }      // incomplete, or not a sized type
            result[name] = CTypeLayout(size: Int(size), alignment: Int(alignment))
        }
        return result
    }

    /// The headers of the Clang modules in `directories` (each `header "…"` line of a
    /// module.modulemap there), as paths.
    public static func moduleMapHeaders(in directories: [String]) -> [String] {
        var headers: [String] = []
        for dir in directories {
            guard let text = try? String(contentsOfFile: dir + "/module.modulemap", encoding: .utf8) else { continue }
            for line in text.split(whereSeparator: \.isNewline) {
                let words = line.split(whereSeparator: \.isWhitespace)
                guard let k = words.firstIndex(of: "header"), k + 1 < words.count, !words[..<k].contains("exclude") else { continue }
                let quoted = words[k + 1]
                guard quoted.count > 2, quoted.first == "\"", quoted.last == "\"" else { continue }
                headers.append(dir + "/" + quoted.dropFirst().dropLast())
            }
        }
        return headers
    }
}
