/*
 * heap_shim.c — route the C allocation entry points to the kernel heap (Heap.swift).
 * Swift allocates through posix_memalign/free; defining `free` in Swift draws a
 * "reserved for the Swift runtime" warning, so these one-line forwarders live in C
 * (embedded-kernel.md §6). Compiled on every platform.
 *
 * On the hosted build the C library allocates for itself with its own malloc; such
 * pointers are outside the kernel arena and go back to glibc's __libc_free.
 */
#include <stddef.h>

int kheap_posix_memalign(void **out, size_t align, size_t size);
int kheap_free(void *p);

int posix_memalign(void **out, size_t align, size_t size) { return kheap_posix_memalign(out, align, size); }

#if defined(__linux__)
void __libc_free(void *p);
#endif

void free(void *p) {
    if (!kheap_free(p)) {
#if defined(__linux__)
        __libc_free(p);
#endif
    }
}

/* The kernel heap for the kernel's own C code (lib/): maxlive treats kmalloc's argument as
 * the byte count and kfree as its release (kernel/maxlive-options). */
void *kmalloc(size_t size) {
    void *p = 0;
    if (kheap_posix_memalign(&p, 16, size) != 0) return 0;
    return p;
}

void kfree(void *p) { kheap_free(p); }
