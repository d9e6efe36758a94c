/*
 * pipe_ring.h — the ring-buffer state of a pipe (kernel/lib/pipe_ring.c), in C.
 *
 * A pipe's bytes live in one page frame that the Swift side owns (Pipe.swift); this C
 * component keeps where they are: the read position, the byte count and the traffic
 * counters, in a small object allocated from the kernel heap with kmalloc. It is on the
 * pipe2 and socketpair paths, so maxlive reads it with libclang and its allocation is part
 * of those system calls' bounds (kernel/maxlive-options).
 */
#ifndef PIPE_RING_H
#define PIPE_RING_H
#include <stddef.h>

struct pipe_ring {
    size_t size;            /* capacity in bytes (the page size) */
    size_t head;            /* offset of the first unread byte */
    size_t count;           /* bytes stored */
    unsigned long long bytes_in, bytes_out;
};

/* A new empty ring of `size` bytes (NULL if the heap refused: reservations make that a bug). */
struct pipe_ring *pipe_ring_new(size_t size);
void pipe_ring_free(struct pipe_ring *ring);

/* Where the next read may take up to `want` bytes from: returns the contiguous length
 * (0 when empty) and stores its offset in *offset. */
size_t pipe_ring_read_span(const struct pipe_ring *ring, size_t want, size_t *offset);
/* Where the next write may put up to `want` bytes: the contiguous free length and offset. */
size_t pipe_ring_write_span(const struct pipe_ring *ring, size_t want, size_t *offset);
/* Record that n bytes were taken / stored (n at most the span returned). */
void pipe_ring_consume(struct pipe_ring *ring, size_t n);
void pipe_ring_produce(struct pipe_ring *ring, size_t n);

size_t pipe_ring_count(const struct pipe_ring *ring);
size_t pipe_ring_space(const struct pipe_ring *ring);

/* The kernel heap for C (arch/heap_shim.c): posix_memalign and free on the kernel heap. */
void *kmalloc(size_t size);
void kfree(void *p);

#endif
