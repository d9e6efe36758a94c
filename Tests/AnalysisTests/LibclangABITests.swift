// maxlive declares the part of libclang's C API it uses itself and loads the library at run
// time (Sources/CLibclang). Those declarations must be libclang's: the constants and the sizes
// of the structures passed by value are compared with what the installed clang-c/Index.h says
// (Debian's libclang-dev, which Tests/setup.sh installs), compiled with the system's clang.

import CLibclang
import Foundation
import Testing
import TestSupport

@Suite("libclang, loaded at run time")
struct LibclangABITests {
    /// The directory holding clang-c/Index.h (the newest /usr/lib/llvm-N/include).
    static func headerDirectory() -> String? {
        let dirs = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib")) ?? []
        let versions = dirs.compactMap { $0.hasPrefix("llvm-") ? Int($0.dropFirst(5)) : nil }.sorted(by: >)
        return versions.map { "/usr/lib/llvm-\($0)/include" }
            .first { FileManager.default.fileExists(atPath: $0 + "/clang-c/Index.h") }
    }

    /// What the installed header says, one "name value" line each.
    static let expected: [(String, Int)] = [
        ("CXCursor_StructDecl", Int(CXCursor_StructDecl.rawValue)), ("CXCursor_UnionDecl", Int(CXCursor_UnionDecl.rawValue)),
        ("CXCursor_EnumDecl", Int(CXCursor_EnumDecl.rawValue)), ("CXCursor_TypedefDecl", Int(CXCursor_TypedefDecl.rawValue)),
        ("CXCursor_FunctionDecl", Int(CXCursor_FunctionDecl.rawValue)), ("CXCursor_VarDecl", Int(CXCursor_VarDecl.rawValue)),
        ("CXCursor_ParmDecl", Int(CXCursor_ParmDecl.rawValue)), ("CXCursor_UnexposedExpr", Int(CXCursor_UnexposedExpr.rawValue)),
        ("CXCursor_DeclRefExpr", Int(CXCursor_DeclRefExpr.rawValue)), ("CXCursor_CallExpr", Int(CXCursor_CallExpr.rawValue)),
        ("CXCursor_ParenExpr", Int(CXCursor_ParenExpr.rawValue)), ("CXCursor_UnaryOperator", Int(CXCursor_UnaryOperator.rawValue)),
        ("CXCursor_BinaryOperator", Int(CXCursor_BinaryOperator.rawValue)),
        ("CXCursor_CompoundAssignOperator", Int(CXCursor_CompoundAssignOperator.rawValue)),
        ("CXCursor_CStyleCastExpr", Int(CXCursor_CStyleCastExpr.rawValue)), ("CXCursor_CompoundStmt", Int(CXCursor_CompoundStmt.rawValue)),
        ("CXCursor_IfStmt", Int(CXCursor_IfStmt.rawValue)), ("CXCursor_WhileStmt", Int(CXCursor_WhileStmt.rawValue)),
        ("CXCursor_DoStmt", Int(CXCursor_DoStmt.rawValue)), ("CXCursor_ForStmt", Int(CXCursor_ForStmt.rawValue)),
        ("CXCursor_DeclStmt", Int(CXCursor_DeclStmt.rawValue)), ("CXCursor_AnnotateAttr", Int(CXCursor_AnnotateAttr.rawValue)),
        ("CXCursor_MacroDefinition", Int(CXCursor_MacroDefinition.rawValue)),
        ("CXChildVisit_Continue", Int(CXChildVisit_Continue.rawValue)), ("CXChildVisit_Recurse", Int(CXChildVisit_Recurse.rawValue)),
        ("CXError_Success", Int(CXError_Success.rawValue)), ("CXDiagnostic_Error", Int(CXDiagnostic_Error.rawValue)),
        ("CXEval_Int", Int(CXEval_Int.rawValue)), ("CXTranslationUnit_None", Int(CXTranslationUnit_None.rawValue)),
        ("CXTranslationUnit_DetailedPreprocessingRecord", Int(CXTranslationUnit_DetailedPreprocessingRecord.rawValue)),
        ("sizeof(CXCursor)", MemoryLayout<CXCursor>.size), ("sizeof(CXString)", MemoryLayout<CXString>.size),
        ("sizeof(CXSourceLocation)", MemoryLayout<CXSourceLocation>.size),
        ("sizeof(CXSourceRange)", MemoryLayout<CXSourceRange>.size), ("sizeof(CXToken)", MemoryLayout<CXToken>.size),
        ("sizeof(CXType)", MemoryLayout<CXType>.size),
    ]

    @Test("The constants and structure sizes maxlive declares are the installed libclang header's")
    func declarationsMatchTheHeader() throws {
        let include = try #require(Self.headerDirectory(), "no /usr/lib/llvm-N/include/clang-c/Index.h (Tests/setup.sh installs libclang-dev)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("maxlive-libclang-abi-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var program = "#include <clang-c/Index.h>\n#include <stdio.h>\nint main(void) {\n"
        for (name, _) in Self.expected {
            let value = name.hasPrefix("sizeof(") ? name : "(long)\(name)"
            program += "    printf(\"%s %ld\\n\", \"\(name)\", (long)\(value));\n"
        }
        program += "    return 0;\n}\n"
        let source = dir.appendingPathComponent("abi.c"), binary = dir.appendingPathComponent("abi")
        try program.write(to: source, atomically: true, encoding: .utf8)
        let compile = try SILTestSupport.run("/usr/bin/env", ["clang", "-I", include, source.path, "-o", binary.path])
        #expect(compile.status == 0, "\(compile.output)")
        let out = try SILTestSupport.run(binary.path, [])
        let got = Dictionary(uniqueKeysWithValues: out.output.split(separator: "\n").map { line -> (String, Int) in
            let w = line.split(separator: " ")
            return (String(w[0]), Int(w[1]) ?? -1)
        })
        for (name, value) in Self.expected {
            #expect(got[name] == value, "\(name): the header says \(got[name].map(String.init) ?? "nothing"), maxlive declares \(value)")
        }
    }

    @Test("The library is found without any configuration")
    func loading() {
        #expect(maxlive_libclang_load() == 1, "\(String(cString: maxlive_libclang_error()))")
    }
}
