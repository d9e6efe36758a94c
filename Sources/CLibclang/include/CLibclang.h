/*
 * CLibclang.h — the part of libclang's C API maxlive's C front end uses, loaded at run time.
 *
 * maxlive reads C with libclang (the stable C API of LLVM's clang), but does not link it: the
 * library is found when a C file is first read (libclang_loader.c), so building maxlive — or a
 * package that depends on it — needs neither libclang's headers nor a pkg-config file, and a
 * machine without libclang can still analyse Swift. The declarations below are the ABI of the
 * functions, types and constants used, as libclang documents them (clang-c/Index.h, stable
 * since LLVM 3.x); Tests/CFrontEndTests checks the constants against the installed header.
 * Each function is a static inline forwarder through the loaded library's symbol table.
 */
#ifndef MAXLIVE_CLIBCLANG_H
#define MAXLIVE_CLIBCLANG_H

/* ---- types ---- */
typedef void *CXIndex;
typedef struct CXTranslationUnitImpl *CXTranslationUnit;
typedef void *CXClientData;
typedef void *CXFile;
typedef void *CXDiagnostic;
typedef void *CXEvalResult;

typedef struct {
    const void *data;
    unsigned private_flags;
} CXString;

typedef struct {
    const void *ptr_data[2];
    unsigned int_data;
} CXSourceLocation;

typedef struct {
    const void *ptr_data[2];
    unsigned begin_int_data;
    unsigned end_int_data;
} CXSourceRange;

typedef struct {
    unsigned int_data[4];
    void *ptr_data;
} CXToken;

enum CXCursorKind {
    CXCursor_StructDecl = 2,
    CXCursor_UnionDecl = 3,
    CXCursor_EnumDecl = 5,
    CXCursor_FunctionDecl = 8,
    CXCursor_VarDecl = 9,
    CXCursor_ParmDecl = 10,
    CXCursor_TypedefDecl = 20,
    CXCursor_UnexposedExpr = 100,
    CXCursor_DeclRefExpr = 101,
    CXCursor_CallExpr = 103,
    CXCursor_ParenExpr = 111,
    CXCursor_UnaryOperator = 112,
    CXCursor_BinaryOperator = 114,
    CXCursor_CompoundAssignOperator = 115,
    CXCursor_CStyleCastExpr = 117,
    CXCursor_CompoundStmt = 202,
    CXCursor_IfStmt = 205,
    CXCursor_WhileStmt = 207,
    CXCursor_DoStmt = 208,
    CXCursor_ForStmt = 209,
    CXCursor_DeclStmt = 231,
    CXCursor_AnnotateAttr = 406,
    CXCursor_MacroDefinition = 501
};

typedef struct {
    enum CXCursorKind kind;
    int xdata;
    const void *data[3];
} CXCursor;

/* A type; only its size and alignment are asked for (negative: incomplete, dependent, …). */
typedef struct {
    int kind;
    void *data[2];
} CXType;

enum CXChildVisitResult { CXChildVisit_Break = 0, CXChildVisit_Continue = 1, CXChildVisit_Recurse = 2 };
typedef enum CXChildVisitResult (*CXCursorVisitor)(CXCursor cursor, CXCursor parent, CXClientData client_data);

typedef enum { CXError_Success = 0, CXError_Failure = 1, CXError_Crashed = 2, CXError_InvalidArguments = 3,
               CXError_ASTReadError = 4 } CXErrorCode;
enum CXDiagnosticSeverity { CXDiagnostic_Ignored = 0, CXDiagnostic_Note = 1, CXDiagnostic_Warning = 2,
                            CXDiagnostic_Error = 3, CXDiagnostic_Fatal = 4 };
typedef enum { CXEval_Int = 1, CXEval_Float = 2, CXEval_ObjCStrLiteral = 3, CXEval_StrLiteral = 4,
               CXEval_CFStr = 5, CXEval_Other = 6, CXEval_UnExposed = 0 } CXEvalResultKind;
enum CXTranslationUnit_Flags { CXTranslationUnit_None = 0, CXTranslationUnit_DetailedPreprocessingRecord = 1 };

struct CXUnsavedFile;

/* ---- the library, loaded on first use ---- */

/* The functions used, in the order libclang_loader.c looks them up. */
typedef struct {
    CXEvalResult (*Cursor_Evaluate)(CXCursor);
    CXCursor (*Cursor_getArgument)(CXCursor, unsigned);
    int (*Cursor_getNumArguments)(CXCursor);
    int (*Cursor_isNull)(CXCursor);
    void (*EvalResult_dispose)(CXEvalResult);
    long long (*EvalResult_getAsLongLong)(CXEvalResult);
    CXEvalResultKind (*EvalResult_getKind)(CXEvalResult);
    int (*Location_isFromMainFile)(CXSourceLocation);
    CXIndex (*createIndex)(int, int);
    void (*disposeDiagnostic)(CXDiagnostic);
    void (*disposeIndex)(CXIndex);
    void (*disposeString)(CXString);
    void (*disposeTokens)(CXTranslationUnit, CXToken *, unsigned);
    void (*disposeTranslationUnit)(CXTranslationUnit);
    const char *(*getCString)(CXString);
    CXSourceRange (*getCursorExtent)(CXCursor);
    enum CXCursorKind (*getCursorKind)(CXCursor);
    CXSourceLocation (*getCursorLocation)(CXCursor);
    CXCursor (*getCursorReferenced)(CXCursor);
    CXCursor (*getCursorSemanticParent)(CXCursor);
    CXType (*getCursorType)(CXCursor);
    CXString (*getCursorSpelling)(CXCursor);
    CXDiagnostic (*getDiagnostic)(CXTranslationUnit, unsigned);
    CXSourceLocation (*getDiagnosticLocation)(CXDiagnostic);
    enum CXDiagnosticSeverity (*getDiagnosticSeverity)(CXDiagnostic);
    CXString (*getDiagnosticSpelling)(CXDiagnostic);
    CXString (*getFileName)(CXFile);
    unsigned (*getNumDiagnostics)(CXTranslationUnit);
    void (*getSpellingLocation)(CXSourceLocation, CXFile *, unsigned *, unsigned *, unsigned *);
    CXString (*getTokenSpelling)(CXTranslationUnit, CXToken);
    CXCursor (*getTranslationUnitCursor)(CXTranslationUnit);
    CXType (*getTypedefDeclUnderlyingType)(CXCursor);
    unsigned (*isCursorDefinition)(CXCursor);
    CXErrorCode (*parseTranslationUnit2)(CXIndex, const char *, const char *const *, int, struct CXUnsavedFile *,
                                         unsigned, unsigned, CXTranslationUnit *);
    void (*tokenize)(CXTranslationUnit, CXSourceRange, CXToken **, unsigned *);
    unsigned (*visitChildren)(CXCursor, CXCursorVisitor, CXClientData);
    long long (*Type_getAlignOf)(CXType);
    long long (*Type_getSizeOf)(CXType);
} MaxliveLibclang;

/* Load libclang if that has not been tried yet: 1 if it is there, else 0. */
int maxlive_libclang_load(void);
/* Why it could not be loaded (empty if it was). */
const char *maxlive_libclang_error(void);
/* The loaded functions (only after maxlive_libclang_load returned 1). */
const MaxliveLibclang *maxlive_libclang(void);

#define MAXLIVE_CLANG_CALL(name) (maxlive_libclang()->name)

static inline CXEvalResult clang_Cursor_Evaluate(CXCursor c) { return MAXLIVE_CLANG_CALL(Cursor_Evaluate)(c); }
static inline CXCursor clang_Cursor_getArgument(CXCursor c, unsigned i) { return MAXLIVE_CLANG_CALL(Cursor_getArgument)(c, i); }
static inline int clang_Cursor_getNumArguments(CXCursor c) { return MAXLIVE_CLANG_CALL(Cursor_getNumArguments)(c); }
static inline int clang_Cursor_isNull(CXCursor c) { return MAXLIVE_CLANG_CALL(Cursor_isNull)(c); }
static inline void clang_EvalResult_dispose(CXEvalResult e) { MAXLIVE_CLANG_CALL(EvalResult_dispose)(e); }
static inline long long clang_EvalResult_getAsLongLong(CXEvalResult e) { return MAXLIVE_CLANG_CALL(EvalResult_getAsLongLong)(e); }
static inline CXEvalResultKind clang_EvalResult_getKind(CXEvalResult e) { return MAXLIVE_CLANG_CALL(EvalResult_getKind)(e); }
static inline int clang_Location_isFromMainFile(CXSourceLocation l) { return MAXLIVE_CLANG_CALL(Location_isFromMainFile)(l); }
static inline CXIndex clang_createIndex(int excludePCH, int display) { return MAXLIVE_CLANG_CALL(createIndex)(excludePCH, display); }
static inline void clang_disposeDiagnostic(CXDiagnostic d) { MAXLIVE_CLANG_CALL(disposeDiagnostic)(d); }
static inline void clang_disposeIndex(CXIndex i) { MAXLIVE_CLANG_CALL(disposeIndex)(i); }
static inline void clang_disposeString(CXString s) { MAXLIVE_CLANG_CALL(disposeString)(s); }
static inline void clang_disposeTokens(CXTranslationUnit tu, CXToken *t, unsigned n) { MAXLIVE_CLANG_CALL(disposeTokens)(tu, t, n); }
static inline void clang_disposeTranslationUnit(CXTranslationUnit tu) { MAXLIVE_CLANG_CALL(disposeTranslationUnit)(tu); }
static inline const char *clang_getCString(CXString s) { return MAXLIVE_CLANG_CALL(getCString)(s); }
static inline CXSourceRange clang_getCursorExtent(CXCursor c) { return MAXLIVE_CLANG_CALL(getCursorExtent)(c); }
static inline enum CXCursorKind clang_getCursorKind(CXCursor c) { return MAXLIVE_CLANG_CALL(getCursorKind)(c); }
static inline CXSourceLocation clang_getCursorLocation(CXCursor c) { return MAXLIVE_CLANG_CALL(getCursorLocation)(c); }
static inline CXCursor clang_getCursorReferenced(CXCursor c) { return MAXLIVE_CLANG_CALL(getCursorReferenced)(c); }
static inline CXCursor clang_getCursorSemanticParent(CXCursor c) { return MAXLIVE_CLANG_CALL(getCursorSemanticParent)(c); }
static inline CXType clang_getCursorType(CXCursor c) { return MAXLIVE_CLANG_CALL(getCursorType)(c); }
static inline CXType clang_getTypedefDeclUnderlyingType(CXCursor c) { return MAXLIVE_CLANG_CALL(getTypedefDeclUnderlyingType)(c); }
static inline long long clang_Type_getAlignOf(CXType t) { return MAXLIVE_CLANG_CALL(Type_getAlignOf)(t); }
static inline long long clang_Type_getSizeOf(CXType t) { return MAXLIVE_CLANG_CALL(Type_getSizeOf)(t); }
static inline CXString clang_getCursorSpelling(CXCursor c) { return MAXLIVE_CLANG_CALL(getCursorSpelling)(c); }
static inline CXDiagnostic clang_getDiagnostic(CXTranslationUnit tu, unsigned i) { return MAXLIVE_CLANG_CALL(getDiagnostic)(tu, i); }
static inline CXSourceLocation clang_getDiagnosticLocation(CXDiagnostic d) { return MAXLIVE_CLANG_CALL(getDiagnosticLocation)(d); }
static inline enum CXDiagnosticSeverity clang_getDiagnosticSeverity(CXDiagnostic d) { return MAXLIVE_CLANG_CALL(getDiagnosticSeverity)(d); }
static inline CXString clang_getDiagnosticSpelling(CXDiagnostic d) { return MAXLIVE_CLANG_CALL(getDiagnosticSpelling)(d); }
static inline CXString clang_getFileName(CXFile f) { return MAXLIVE_CLANG_CALL(getFileName)(f); }
static inline unsigned clang_getNumDiagnostics(CXTranslationUnit tu) { return MAXLIVE_CLANG_CALL(getNumDiagnostics)(tu); }
static inline void clang_getSpellingLocation(CXSourceLocation l, CXFile *f, unsigned *line, unsigned *column, unsigned *offset) {
    MAXLIVE_CLANG_CALL(getSpellingLocation)(l, f, line, column, offset);
}
static inline CXString clang_getTokenSpelling(CXTranslationUnit tu, CXToken t) { return MAXLIVE_CLANG_CALL(getTokenSpelling)(tu, t); }
static inline CXCursor clang_getTranslationUnitCursor(CXTranslationUnit tu) { return MAXLIVE_CLANG_CALL(getTranslationUnitCursor)(tu); }
static inline unsigned clang_isCursorDefinition(CXCursor c) { return MAXLIVE_CLANG_CALL(isCursorDefinition)(c); }
static inline CXErrorCode clang_parseTranslationUnit2(CXIndex index, const char *path, const char *const *args, int nargs,
                                                      struct CXUnsavedFile *unsaved, unsigned nunsaved, unsigned options,
                                                      CXTranslationUnit *out) {
    return MAXLIVE_CLANG_CALL(parseTranslationUnit2)(index, path, args, nargs, unsaved, nunsaved, options, out);
}
static inline void clang_tokenize(CXTranslationUnit tu, CXSourceRange r, CXToken **tokens, unsigned *n) {
    MAXLIVE_CLANG_CALL(tokenize)(tu, r, tokens, n);
}
static inline unsigned clang_visitChildren(CXCursor parent, CXCursorVisitor visitor, CXClientData data) {
    return MAXLIVE_CLANG_CALL(visitChildren)(parent, visitor, data);
}

#endif
