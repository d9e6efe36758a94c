/*
 * maxlive.h — the maxlive annotations for C, and the heap API of the fixtures.
 *
 * maxlive reads C with libclang and finds these markers by name (C has no @_semantics):
 *   maxlive_loop_bound(n)       in a loop's body: the loop runs at most n times
 *   maxlive_recursion_depth(n)  in a recursive function: at most n frames deep
 * Like the Swift markers they do nothing at run time; each use is listed in the report as
 * an assumption. The arguments must be compile-time constants.
 */
#ifndef MAXLIVE_H
#define MAXLIVE_H
#include <stddef.h>

static inline void maxlive_loop_bound(long n) { (void)n; }
static inline void maxlive_recursion_depth(long n) { (void)n; }

/* The fixtures' kernel-heap API (Support/kalloc.c), analysed with --c-allocator kmalloc:0
 * and --c-deallocator kfree:0: both go through the counting allocator. */
void *kmalloc(size_t size);
void kfree(void *p);

#endif
