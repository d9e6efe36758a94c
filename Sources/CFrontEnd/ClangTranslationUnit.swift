// One C file parsed by libclang, with its errors turned into located maxlive errors.
// A file that does not parse (a syntax error, a missing header) is an error naming the
// file, line and column, never a crash or a silently empty result.

import CLibclang

public final class ClangTranslationUnit {
    let index: CXIndex
    let unit: CXTranslationUnit
    public let path: String

    /// Parses `path` with `arguments` (e.g. `-I include`); keeps macro definitions when asked.
    public init(path: String, arguments: [String] = [], keepMacros: Bool = false) throws {
        self.path = path
        guard maxlive_libclang_load() != 0 else {
            throw CFrontEndError(file: path, line: 0, column: 0,
                                 message: "cannot read C: " + String(cString: maxlive_libclang_error()))
        }
        let index = clang_createIndex(0, 0)!
        self.index = index
        var options = CXTranslationUnit_None.rawValue
        if keepMacros { options |= CXTranslationUnit_DetailedPreprocessingRecord.rawValue }
        var parsed: CXTranslationUnit? = nil
        let code: CXErrorCode = withCStringArray(arguments) { argv in
            clang_parseTranslationUnit2(index, path, argv, Int32(arguments.count), nil, 0, options, &parsed)
        }
        guard code == CXError_Success, let tu = parsed else {
            clang_disposeIndex(index)
            throw CFrontEndError(file: path, line: 0, column: 0,
                                 message: "libclang could not read the file (error \(code.rawValue)); does it exist?")
        }
        unit = tu
        // The first error-or-worse diagnostic becomes the error.
        for i in 0..<clang_getNumDiagnostics(tu) {
            let diagnostic = clang_getDiagnostic(tu, i)
            defer { clang_disposeDiagnostic(diagnostic) }
            guard clang_getDiagnosticSeverity(diagnostic).rawValue >= CXDiagnostic_Error.rawValue else { continue }
            let (file, line, column) = Self.location(clang_getDiagnosticLocation(diagnostic))
            let message = Self.string(clang_getDiagnosticSpelling(diagnostic))
            // Every stored property is set, so deinit runs and disposes the unit and the index.
            throw CFrontEndError(file: file ?? path, line: line, column: column, message: message)
        }
    }

    deinit {
        clang_disposeTranslationUnit(unit)
        clang_disposeIndex(index)
    }

    /// Visits every cursor of the file, depth first (`recurse` false: top level only).
    func visit(recurse: Bool, _ body: (CXCursor) -> Void) {
        final class Box {
            let body: (CXCursor) -> Void
            let recurse: Bool
            init(_ body: @escaping (CXCursor) -> Void, _ recurse: Bool) { self.body = body; self.recurse = recurse }
        }
        withoutActuallyEscaping(body) { escapable in
            let box = Box(escapable, recurse)
            let context = Unmanaged.passUnretained(box).toOpaque()
            clang_visitChildren(clang_getTranslationUnitCursor(unit), { cursor, _, data in
                let box = Unmanaged<Box>.fromOpaque(data!).takeUnretainedValue()
                box.body(cursor)
                return box.recurse ? CXChildVisit_Recurse : CXChildVisit_Continue
            }, context)
        }
    }

    /// The direct children of a cursor, in source order.
    static func children(of cursor: CXCursor) -> [CXCursor] {
        final class Box { var list: [CXCursor] = [] }
        let box = Box()
        clang_visitChildren(cursor, { child, _, data in
            Unmanaged<Box>.fromOpaque(data!).takeUnretainedValue().list.append(child)
            return CXChildVisit_Continue
        }, Unmanaged.passUnretained(box).toOpaque())
        return box.list
    }

    /// The spellings of the tokens a cursor covers (a macro definition: its name, then its body).
    func tokens(of cursor: CXCursor) -> [String] {
        var tokens: UnsafeMutablePointer<CXToken>? = nil
        var count: UInt32 = 0
        clang_tokenize(unit, clang_getCursorExtent(cursor), &tokens, &count)
        defer { if let tokens { clang_disposeTokens(unit, tokens, count) } }
        guard let tokens else { return [] }
        return (0..<Int(count)).map { Self.string(clang_getTokenSpelling(unit, tokens[$0])) }
    }

    static func string(_ s: CXString) -> String {
        defer { clang_disposeString(s) }
        guard let c = clang_getCString(s) else { return "" }
        return String(cString: c)
    }

    static func location(_ location: CXSourceLocation) -> (file: String?, line: Int, column: Int) {
        var file: CXFile? = nil
        var line: UInt32 = 0, column: UInt32 = 0, offset: UInt32 = 0
        clang_getSpellingLocation(location, &file, &line, &column, &offset)
        return (file.map { string(clang_getFileName($0)) }, Int(line), Int(column))
    }

    static func name(_ cursor: CXCursor) -> String { string(clang_getCursorSpelling(cursor)) }
}

/// Calls `body` with a C `argv` for `strings`.
func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { for p in pointers { free(p) } }
    return pointers.withUnsafeMutableBufferPointer { buffer in
        buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: max(1, strings.count)) { body($0) }
    }
}

#if canImport(Glibc)
import Glibc
#endif
