// The functions of a C file, read with libclang into the analysis's ForeignFunction form
// (Sources/Analysis/ForeignCode.swift): allocations (with clang's own constant evaluation
// for sizes: `sizeof(struct ring)`, `4 * sizeof *p`), frees, calls, loops and branches.
//
//   for (int i = 0; i < NSEG; i++) {...}    a counting loop: NSEG - 0 trips, if the body
//                                           never writes i
//   while (n) { maxlive_loop_bound(8); …}   the annotation bounds any loop (an assumption)
//   void walk(struct node *n) {             recursion needs a depth
//       maxlive_recursion_depth(16); … walk(n->left); }
//
// Only functions defined in the file itself are read (not those of included headers).

import Analysis
import CLibclang

public enum CFunctionReader {
    /// Reads every function defined in `path`. `arguments` are clang's (`-I include`, `-D…`).
    public static func read(path: String, arguments: [String] = [], api: ForeignAllocatorAPI = ForeignAllocatorAPI()) throws -> [ForeignFunction] {
        let unit = try ClangTranslationUnit(path: path, arguments: ["-x", "c", "-std=gnu11"] + arguments)
        var reader = Reader(unit: unit, api: api)
        var result: [ForeignFunction] = []
        unit.visit(recurse: false) { cursor in
            guard clang_getCursorKind(cursor) == CXCursor_FunctionDecl, clang_isCursorDefinition(cursor) != 0,
                  clang_Location_isFromMainFile(clang_getCursorLocation(cursor)) != 0 else { return }
            result.append(reader.function(cursor))
        }
        return result
    }
}

private struct Reader {
    let unit: ClangTranslationUnit
    let api: ForeignAllocatorAPI
    /// `maxlive_recursion_depth(n)` seen in the function being read.
    var recursionDepth: (depth: Int, site: ForeignSite)?

    init(unit: ClangTranslationUnit, api: ForeignAllocatorAPI) {
        self.unit = unit
        self.api = api
    }

    mutating func function(_ cursor: CXCursor) -> ForeignFunction {
        recursionDepth = nil
        let kids = children(cursor)
        let body = kids.last { clang_getCursorKind($0) == CXCursor_CompoundStmt }
        let statements = body.map { self.statements($0) } ?? []
        // `__attribute__((annotate("maxlive.entry")))`
        let annotations = kids.filter { clang_getCursorKind($0) == CXCursor_AnnotateAttr }.map { ClangTranslationUnit.name($0) }
        return ForeignFunction(symbol: ClangTranslationUnit.name(cursor), site: site(cursor), body: statements,
                               recursionDepth: recursionDepth, annotations: annotations)
    }

    // MARK: statements

    mutating func statements(_ c: CXCursor) -> [ForeignStatement] {
        let kind = clang_getCursorKind(c)
        let kids = children(c)
        switch kind {
        case CXCursor_IfStmt:
            guard kids.count >= 2 else { return kids.flatMap { statements($0) } }
            let condition = statements(kids[0])
            let then = statements(kids[1])
            let otherwise = kids.count > 2 ? statements(kids[2]) : []
            return condition + [.branch([then, otherwise])]
        case CXCursor_ForStmt, CXCursor_WhileStmt, CXCursor_DoStmt:
            // The header's expressions run with every iteration (counting them there is safe),
            // and the condition once more when it fails: the header's effects are repeated
            // after the loop. (A bound counts iterations of the body, not tests of the condition.)
            let header = (kind == CXCursor_DoStmt ? kids.dropFirst() : kids.dropLast()).flatMap { statements($0) }
            let body = kids.flatMap { statements($0) }
            var bound: Int? = nil
            var annotated = false
            if let marked = annotation(in: kids.last) {
                bound = marked
                annotated = true
            } else if kind == CXCursor_ForStmt {
                bound = countingLoopTrips(kids)
            }
            return [.loop(bound: bound, annotated: annotated, site: site(c), body: body)] + header
        case CXCursor_CallExpr:
            return call(c)
        case CXCursor_BinaryOperator, CXCursor_CompoundAssignOperator:
            guard kids.count == 2 else { return kids.flatMap { statements($0) } }
            let lhsTokens = unit.tokens(of: kids[0]).count
            let tokens = unit.tokens(of: c)
            let op = lhsTokens < tokens.count ? tokens[lhsTokens] : ""
            var effects = statements(kids[1]) + statements(kids[0])
            if ["=", "+=", "-=", "|=", "&=", "^="].contains(op), let v = localVariable(kids[0]) {
                if op == "=", case .allocate(let bytes, nil, let s, let f)? = effects.last {
                    effects[effects.count - 1] = .allocate(bytes: bytes, into: v, site: s, function: f)
                } else {
                    effects.append(.assign(variable: v))
                }
            }
            return effects
        case CXCursor_UnaryOperator:
            let tokens = unit.tokens(of: c)
            var effects = kids.flatMap { statements($0) }
            if let first = tokens.first, ["&", "++", "--"].contains(first) || ["++", "--"].contains(tokens.last ?? ""),
               let operand = kids.first, let v = localVariable(operand) {
                effects.append(.assign(variable: v))
            }
            return effects
        case CXCursor_VarDecl:
            var effects = kids.flatMap { statements($0) }
            if case .allocate(let bytes, nil, let s, let f)? = effects.last {
                effects[effects.count - 1] = .allocate(bytes: bytes, into: ClangTranslationUnit.name(c), site: s, function: f)
            }
            return effects
        default:
            return kids.flatMap { statements($0) }
        }
    }

    mutating func call(_ c: CXCursor) -> [ForeignStatement] {
        let argumentCount = Int(max(0, clang_Cursor_getNumArguments(c)))
        let arguments = (0..<argumentCount).map { clang_Cursor_getArgument(c, UInt32($0)) }
        var effects = arguments.flatMap { statements($0) }
        let referenced = clang_getCursorReferenced(c)
        guard clang_Cursor_isNull(referenced) == 0, clang_getCursorKind(referenced) == CXCursor_FunctionDecl else {
            // Through a function pointer (the callee expression is a variable or a field).
            let callee = children(c).first.map { self.statements($0) } ?? []
            return callee + effects + [.call(symbol: nil, site: site(c))]
        }
        let name = ClangTranslationUnit.name(referenced)
        if name == ForeignMarkers.recursionDepth, let first = arguments.first, let n = evaluate(first), n >= 0 {
            recursionDepth = (n, site(c))
        }
        if let k = api.allocators[name] {
            var bytes: Int? = k < arguments.count ? evaluate(arguments[k]) : nil
            if name == "calloc" {
                bytes = arguments.count == 2 ? evaluate(arguments[0]).flatMap { a in evaluate(arguments[1]).map { a * $0 } } : nil
            }
            // posix_memalign(&p, …): the pointer lands in p.
            var into: String? = nil
            if name == "posix_memalign", let out = arguments.first { into = addressOfLocal(out) }
            effects.removeAll { if case .assign(let v) = $0 { return v == into } else { return false } }
            return effects + [.allocate(bytes: bytes, into: into, site: site(c), function: name)]
        }
        if let k = api.deallocators[name] {
            let variable = k < arguments.count ? localVariable(arguments[k]) : nil
            return effects + [.release(variable: variable, site: site(c))]
        }
        return effects + [.call(symbol: name, site: site(c))]
    }

    // MARK: loop bounds

    /// `maxlive_loop_bound(n)` directly in this loop's body (not in a nested loop).
    func annotation(in body: CXCursor?) -> Int? {
        guard let body else { return nil }
        var found: Int? = nil
        var work = [body]
        while let c = work.popLast() {
            let kind = clang_getCursorKind(c)
            if kind == CXCursor_ForStmt || kind == CXCursor_WhileStmt || kind == CXCursor_DoStmt { continue }
            if kind == CXCursor_CallExpr {
                let r = clang_getCursorReferenced(c)
                if clang_Cursor_isNull(r) == 0, ClangTranslationUnit.name(r) == ForeignMarkers.loopBound,
                   clang_Cursor_getNumArguments(c) == 1, let n = evaluate(clang_Cursor_getArgument(c, 0)), n >= 0 {
                    found = min(found ?? n, n)
                }
            }
            work.append(contentsOf: children(c))
        }
        return found
    }

    /// `for (i = a; i < b; i++)` (or `<=`, `!=`, `++i`, `i += 1`) with constant a and b and a
    /// body that never writes i: b − a trips (b − a + 1 for `<=`).
    func countingLoopTrips(_ kids: [CXCursor]) -> Int? {
        guard kids.count == 4 else { return nil }
        let (initial, condition, increment, body) = (kids[0], kids[1], kids[2], kids[3])
        // init: `int i = a` or `i = a`
        var variable: String
        var start: Int
        if clang_getCursorKind(initial) == CXCursor_DeclStmt {
            let decls = children(initial)
            guard decls.count == 1, let value = children(decls[0]).last, let a = evaluate(value) else { return nil }
            variable = ClangTranslationUnit.name(decls[0])
            start = a
        } else {
            let parts = children(initial)
            guard clang_getCursorKind(initial) == CXCursor_BinaryOperator, parts.count == 2, let v = localVariable(parts[0]),
                  let a = evaluate(parts[1]) else { return nil }
            variable = v
            start = a
        }
        // condition: `i < b`
        let sides = children(condition)
        guard clang_getCursorKind(condition) == CXCursor_BinaryOperator, sides.count == 2, localVariable(sides[0]) == variable,
              let end = evaluate(sides[1]) else { return nil }
        let conditionTokens = unit.tokens(of: condition)
        let leftCount = unit.tokens(of: sides[0]).count
        guard leftCount < conditionTokens.count else { return nil }
        let op = conditionTokens[leftCount]
        // increment: `i++`, `++i`, `i += 1`
        let inc = unit.tokens(of: increment)
        guard inc == [variable, "++"] || inc == ["++", variable] || inc == [variable, "+=", "1"] else { return nil }
        // the body must not write i
        let b = unit.tokens(of: body)
        for (k, t) in b.enumerated() where t == variable {
            let next = k + 1 < b.count ? b[k + 1] : ""
            let previous = k > 0 ? b[k - 1] : ""
            if ["=", "+=", "-=", "*=", "/=", "++", "--", "<<=", ">>=", "|=", "&="].contains(next) || ["++", "--", "&"].contains(previous) {
                return nil
            }
        }
        switch op {
        case "<", "!=": return max(0, end - start)
        case "<=": return max(0, end - start + 1)
        default: return nil
        }
    }

    // MARK: helpers

    func children(_ c: CXCursor) -> [CXCursor] { ClangTranslationUnit.children(of: c) }

    func site(_ c: CXCursor) -> ForeignSite {
        let (file, line, column) = ClangTranslationUnit.location(clang_getCursorLocation(c))
        return ForeignSite(file: file ?? unit.path, line: line, column: column)
    }

    /// The value of a constant expression, as clang computes it.
    func evaluate(_ c: CXCursor) -> Int? {
        guard let result = clang_Cursor_Evaluate(c) else { return nil }
        defer { clang_EvalResult_dispose(result) }
        guard clang_EvalResult_getKind(result) == CXEval_Int else { return nil }
        return Int(clang_EvalResult_getAsLongLong(result))
    }

    /// The local variable (or parameter) an expression names, through casts and parentheses.
    func localVariable(_ c: CXCursor) -> String? {
        var x = c
        for _ in 0..<8 {
            let kind = clang_getCursorKind(x)
            if kind == CXCursor_DeclRefExpr {
                let r = clang_getCursorReferenced(x)
                let rk = clang_getCursorKind(r)
                guard rk == CXCursor_VarDecl || rk == CXCursor_ParmDecl else { return nil }
                // Only function-local storage: a global's value can change behind our back.
                guard clang_getCursorKind(clang_getCursorSemanticParent(r)) == CXCursor_FunctionDecl else { return nil }
                return ClangTranslationUnit.name(r)
            }
            guard kind == CXCursor_UnexposedExpr || kind == CXCursor_ParenExpr || kind == CXCursor_CStyleCastExpr,
                  let inner = children(x).last else { return nil }
            x = inner
        }
        return nil
    }

    /// `&v` for a local v.
    func addressOfLocal(_ c: CXCursor) -> String? {
        var x = c
        while clang_getCursorKind(x) == CXCursor_UnexposedExpr || clang_getCursorKind(x) == CXCursor_ParenExpr, let inner = children(x).last { x = inner }
        guard clang_getCursorKind(x) == CXCursor_UnaryOperator, unit.tokens(of: x).first == "&", let operand = children(x).first else { return nil }
        return localVariable(operand)
    }
}
