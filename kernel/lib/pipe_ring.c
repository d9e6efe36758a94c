/*
 * pipe_ring.c — a pipe's ring-buffer bookkeeping, the kernel's C component on the pipe2 and
 * socketpair paths (see include/pipe_ring.h). The only allocation is the ring object itself:
 * kmalloc(sizeof(struct pipe_ring)), which maxlive counts in those system calls' bounds.
 */
#include "pipe_ring.h"

struct pipe_ring *pipe_ring_new(size_t size) {
    struct pipe_ring *ring = kmalloc(sizeof(struct pipe_ring));
    if (!ring) return 0;
    ring->size = size;
    ring->head = 0;
    ring->count = 0;
    ring->bytes_in = 0;
    ring->bytes_out = 0;
    return ring;
}

void pipe_ring_free(struct pipe_ring *ring) {
    kfree(ring);
}

size_t pipe_ring_read_span(const struct pipe_ring *ring, size_t want, size_t *offset) {
    size_t n = ring->count < want ? ring->count : want;
    size_t to_end = ring->size - ring->head;
    *offset = ring->head;
    return n < to_end ? n : to_end;
}

size_t pipe_ring_write_span(const struct pipe_ring *ring, size_t want, size_t *offset) {
    size_t space = ring->size - ring->count;
    size_t n = space < want ? space : want;
    size_t tail = (ring->head + ring->count) % ring->size;
    size_t to_end = ring->size - tail;
    *offset = tail;
    return n < to_end ? n : to_end;
}

void pipe_ring_consume(struct pipe_ring *ring, size_t n) {
    ring->head = (ring->head + n) % ring->size;
    ring->count -= n;
    ring->bytes_out += n;
}

void pipe_ring_produce(struct pipe_ring *ring, size_t n) {
    ring->count += n;
    ring->bytes_in += n;
}

size_t pipe_ring_count(const struct pipe_ring *ring) { return ring->count; }

size_t pipe_ring_space(const struct pipe_ring *ring) { return ring->size - ring->count; }
