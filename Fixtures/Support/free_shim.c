/*
 * free_shim.c — the real allocation symbols of a fixture executable, forwarding to
 * CountingAllocator.swift (embedded-kernel.md §6: `@_cdecl("free")` in Swift warns, so the
 * one-line forwarders live in C).
 *
 * Embedded Swift allocates objects through posix_memalign, and a coroutine whose frame does
 * not fit the caller's buffer gets it from malloc (CoroutineFrames.swift), so malloc, calloc
 * and realloc are counted too: with -use-ld=lld these definitions win for the whole process,
 * glibc's own callers included. Pointers that glibc allocated before the arena existed are
 * outside it and go back to glibc's __libc_free / __libc_realloc.
 */
#include <stddef.h>

/* Declared here rather than through <string.h>: the 32-bit build is freestanding. */
void *memcpy(void *dst, const void *src, size_t n);

int kheap_posix_memalign(void **out, size_t align, size_t size);
int kheap_free(void *p);
size_t kheap_size(void *p);
void __libc_free(void *p);
void *__libc_realloc(void *p, size_t size);

int posix_memalign(void **out, size_t align, size_t size) { return kheap_posix_memalign(out, align, size); }

void *malloc(size_t size) {
    void *p = NULL;
    return kheap_posix_memalign(&p, 16, size) == 0 ? p : NULL;
}

void *calloc(size_t n, size_t size) {
    /* The arena is fresh anonymous memory that is never reused: already zero. */
    if (size != 0 && n > (size_t)-1 / size) return NULL;
    return malloc(n * size);
}

void *realloc(void *old, size_t size) {
    if (old == NULL) return malloc(size);
    size_t had = kheap_size(old);
    if (had == (size_t)-1) return __libc_realloc(old, size);
    void *p = malloc(size);
    if (p == NULL) return NULL;
    memcpy(p, old, had < size ? had : size);
    kheap_free(old);
    return p;
}

void free(void *p) {
    if (!kheap_free(p)) __libc_free(p);
}
