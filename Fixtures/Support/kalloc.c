/*
 * kalloc.c — kmalloc/kfree for the C fixtures: the kernel-heap API, over posix_memalign and
 * free, which the counting allocator (CountingAllocator.swift, free_shim.c) measures.
 */
#include <stdlib.h>
#include "maxlive.h"

void *kmalloc(size_t size) {
    void *p = 0;
    if (posix_memalign(&p, 16, size) != 0) return 0;
    return p;
}

void kfree(void *p) { free(p); }
