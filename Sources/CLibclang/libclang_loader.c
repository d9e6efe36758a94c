/*
 * libclang_loader.c — find libclang at run time and look up the functions CLibclang.h uses.
 *
 * Tried in order: $MAXLIVE_LIBCLANG (a path), the unversioned names a -dev package or a
 * toolchain installs, then the versioned sonames Debian and Ubuntu ship (libclang-N.so.1,
 * libclang-N.so.N, the llvm-N directories), newest first. The first library that has every
 * function wins. Loading happens once (pthread_once: tests and tools parse C files from several
 * threads at a time); its outcome (or why it failed) is kept.
 */
#include "CLibclang.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static MaxliveLibclang table;
static int loaded;                      /* 1 once a library with every function is found */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static char error[512];

/* The symbols, in the order of MaxliveLibclang's fields. */
static const char *const names[] = {
    "clang_Cursor_Evaluate", "clang_Cursor_getArgument", "clang_Cursor_getNumArguments", "clang_Cursor_isNull",
    "clang_EvalResult_dispose", "clang_EvalResult_getAsLongLong", "clang_EvalResult_getKind",
    "clang_Location_isFromMainFile", "clang_createIndex", "clang_disposeDiagnostic", "clang_disposeIndex",
    "clang_disposeString", "clang_disposeTokens", "clang_disposeTranslationUnit", "clang_getCString",
    "clang_getCursorExtent", "clang_getCursorKind", "clang_getCursorLocation", "clang_getCursorReferenced",
    "clang_getCursorSemanticParent", "clang_getCursorType", "clang_getCursorSpelling", "clang_getDiagnostic",
    "clang_getDiagnosticLocation", "clang_getDiagnosticSeverity", "clang_getDiagnosticSpelling",
    "clang_getFileName", "clang_getNumDiagnostics", "clang_getSpellingLocation", "clang_getTokenSpelling",
    "clang_getTranslationUnitCursor", "clang_getTypedefDeclUnderlyingType", "clang_isCursorDefinition", "clang_parseTranslationUnit2",
    "clang_tokenize", "clang_visitChildren", "clang_Type_getAlignOf", "clang_Type_getSizeOf",
};

_Static_assert(sizeof(names) / sizeof(names[0]) == sizeof(MaxliveLibclang) / sizeof(void (*)(void)),
               "one name per function of MaxliveLibclang");

/* Every function of `handle`, or 0 (naming the first one missing). */
static int lookup(void *handle, const char *path) {
    void (**slots)(void) = (void (**)(void))&table;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        void *f = dlsym(handle, names[i]);
        if (!f) {
            snprintf(error, sizeof error, "%s has no %s", path, names[i]);
            return 0;
        }
        memcpy(&slots[i], &f, sizeof f);
    }
    return 1;
}

static int try_path(const char *path) {
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!handle) return 0;
    if (lookup(handle, path)) return 1;
    dlclose(handle);
    return 0;
}

static int find_library(void) {
    const char *env = getenv("MAXLIVE_LIBCLANG");
    if (env && *env) {
        if (try_path(env)) return 1;
        if (!error[0]) snprintf(error, sizeof error, "MAXLIVE_LIBCLANG=%s cannot be loaded: %s", env, dlerror());
        return 0;
    }
    if (try_path("libclang.so") || try_path("libclang.so.1")) return 1;
    char path[128];
    for (int v = 30; v >= 7; v--) {
        snprintf(path, sizeof path, "libclang-%d.so.1", v);
        if (try_path(path)) return 1;
        snprintf(path, sizeof path, "libclang-%d.so.%d", v, v);
        if (try_path(path)) return 1;
        snprintf(path, sizeof path, "libclang-%d.so", v);
        if (try_path(path)) return 1;
        snprintf(path, sizeof path, "/usr/lib/llvm-%d/lib/libclang.so.1", v);
        if (try_path(path)) return 1;
    }
    if (!error[0]) {
        snprintf(error, sizeof error,
                 "libclang was not found (install Debian's libclang1-N or libclang-dev, or set MAXLIVE_LIBCLANG "
                 "to the library's path)");
    }
    return 0;
}

static void load_once(void) { loaded = find_library(); }

int maxlive_libclang_load(void) {
    pthread_once(&once, load_once);
    return loaded;
}

const char *maxlive_libclang_error(void) { return error; }

const MaxliveLibclang *maxlive_libclang(void) { return &table; }
