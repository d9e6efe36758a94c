/*
 * free_shim.c — the real `posix_memalign` and `free` symbols of a fixture executable,
 * forwarding to CountingAllocator.swift (embedded-kernel.md §6: `@_cdecl("free")` in
 * Swift warns, so the two one-line forwarders live in C). Pointers that glibc allocated
 * for itself are outside the counting arena and go back to glibc's __libc_free.
 */
#include <stddef.h>

int kheap_posix_memalign(void **out, size_t align, size_t size);
int kheap_free(void *p);
void __libc_free(void *p);

int posix_memalign(void **out, size_t align, size_t size) { return kheap_posix_memalign(out, align, size); }

void free(void *p) {
    if (!kheap_free(p)) __libc_free(p);
}
