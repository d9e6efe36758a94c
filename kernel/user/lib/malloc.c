/* malloc.c — a first-fit free-list allocator over brk. Each block has a 16-byte header (its
   size, and whether it is free); freed neighbours are not merged, but a freed block is reused
   for any request that fits and split when much larger. Enough for these small programs. */
#include "ulib.h"

struct block {
    size_t size;            /* payload bytes */
    struct block *next;     /* next free block (free blocks only) */
};

static struct block *free_list;

void *malloc(size_t n) {
    n = (n + 15) & ~(size_t)15;
    if (n == 0) n = 16;
    struct block **pp = &free_list;
    for (struct block *b = free_list; b; pp = &b->next, b = b->next) {
        if (b->size < n) continue;
        if (b->size >= n + 64) {          /* split: the tail stays free */
            struct block *rest = (struct block *)((char *)(b + 1) + n);
            rest->size = b->size - n - sizeof(struct block);
            rest->next = b->next;
            *pp = rest;
            b->size = n;
        } else {
            *pp = b->next;
        }
        return b + 1;
    }
    struct block *b = sbrk((long)(n + sizeof(struct block)));
    if (b == (void *)-1) return NULL;
    b->size = n;
    return b + 1;
}

void free(void *p) {
    if (!p) return;
    struct block *b = (struct block *)p - 1;
    b->next = free_list;
    free_list = b;
}

void *realloc(void *p, size_t n) {
    if (!p) return malloc(n);
    struct block *b = (struct block *)p - 1;
    if (b->size >= n) return p;
    void *q = malloc(n);
    if (q) {
        memcpy(q, p, b->size);
        free(p);
    }
    return q;
}
