// The system call table of a kernel's ABI header, read with libclang: every
// `#define SYS_openat 56` (or `__NR_openat`) is a system call named `openat` with
// number 56. maxlive joins them to the `maxlive.entry` handlers named `sys_openat`.

import CLibclang

public struct SyscallNumber: Sendable, Equatable {
    public var name: String
    public var number: Int
    public var file: String
    public var line: Int
}

public enum SyscallABI {
    /// Macro prefixes that name system call numbers.
    public static let prefixes = ["SYS_", "__NR_"]

    public static func read(header: String, arguments: [String] = []) throws -> [SyscallNumber] {
        let unit = try ClangTranslationUnit(path: header, arguments: ["-x", "c"] + arguments, keepMacros: true)
        var result: [SyscallNumber] = []
        unit.visit(recurse: false) { cursor in
            guard clang_getCursorKind(cursor) == CXCursor_MacroDefinition else { return }
            let (file, line, _) = ClangTranslationUnit.location(clang_getCursorLocation(cursor))
            guard let file else { return } // built-in macros have no file
            let macro = ClangTranslationUnit.name(cursor)
            guard let prefix = prefixes.first(where: { macro.hasPrefix($0) }) else { return }
            let tokens = unit.tokens(of: cursor)
            // `SYS_openat 56`, possibly parenthesised: the first integer literal after the name.
            guard let literal = tokens.dropFirst().first(where: { Int($0) != nil }), let number = Int(literal) else { return }
            result.append(SyscallNumber(name: String(macro.dropFirst(prefix.count)), number: number, file: file, line: line))
        }
        return result
    }
}
