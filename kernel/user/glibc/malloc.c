/* malloc — the glibc allocator at every size from 1 byte to 4 MiB, so it serves small
   requests from the brk heap and large ones (above its mmap threshold) with mmap: fill each
   block with a pattern, checksum it, grow blocks with realloc (contents must survive),
   calloc must give zeroes. Prints the checksums and exits 0. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t sum_bytes(const unsigned char *p, size_t n) {
    uint32_t h = 2166136261u;               /* FNV-1a */
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
    return h;
}

static void fill(unsigned char *p, size_t n, unsigned seed) {
    for (size_t i = 0; i < n; i++) p[i] = (unsigned char)(i * 31 + seed);
}

int main(void) {
    /* Doubling sizes 1 B .. 4 MiB, all alive at once. */
    enum { N = 23 };
    unsigned char *blocks[N];
    size_t sizes[N];
    for (int i = 0; i < N; i++) {
        sizes[i] = (size_t)1 << i;
        blocks[i] = malloc(sizes[i]);
        if (!blocks[i]) { printf("malloc(%zu) failed\n", sizes[i]); return 1; }
        fill(blocks[i], sizes[i], (unsigned)i);
    }
    for (int i = 0; i < N; i++)
        printf("malloc %8zu: %08x\n", sizes[i], (unsigned)sum_bytes(blocks[i], sizes[i]));

    /* realloc every block to three times its size: the old bytes must be kept. */
    int kept = 0;
    for (int i = 0; i < N; i++) {
        uint32_t before = sum_bytes(blocks[i], sizes[i]);
        unsigned char *p = realloc(blocks[i], sizes[i] * 3);
        if (!p) { printf("realloc(%zu) failed\n", sizes[i] * 3); return 1; }
        blocks[i] = p;
        if (sum_bytes(p, sizes[i]) == before) kept++;
        memset(p + sizes[i], 0xA5, sizes[i] * 2);
    }
    printf("realloc kept contents of %d/%d blocks\n", kept, N);
    uint32_t all = 0;
    for (int i = 0; i < N; i++) all ^= sum_bytes(blocks[i], sizes[i] * 3);
    printf("after realloc: %08x\n", (unsigned)all);
    for (int i = 0; i < N; i++) free(blocks[i]);

    /* calloc: zeroed memory, small and large (large reuses freed memory or fresh pages). */
    size_t csizes[] = { 7, 4096, 100000, 1 << 20, 3 << 20 };
    for (size_t k = 0; k < sizeof csizes / sizeof csizes[0]; k++) {
        unsigned char *p = calloc(csizes[k], 1);
        if (!p) { printf("calloc(%zu) failed\n", csizes[k]); return 1; }
        size_t nonzero = 0;
        for (size_t i = 0; i < csizes[k]; i++) nonzero += p[i] != 0;
        printf("calloc %7zu: %zu non-zero bytes\n", csizes[k], nonzero);
        fill(p, csizes[k], 7);
        free(p);
    }

    /* Churn: many small and medium allocations freed in a scrambled order. */
    enum { M = 2000 };
    static unsigned char *live[M];
    static size_t len[M];
    uint32_t seed = 12345, churn = 0;
    for (int round = 0; round < 5; round++) {
        for (int i = 0; i < M; i++) {
            seed = seed * 1103515245u + 12345u;
            len[i] = 1 + (seed >> 16) % (i % 10 == 0 ? 200000 : 600);
            live[i] = malloc(len[i]);
            if (!live[i]) { puts("churn malloc failed"); return 1; }
            fill(live[i], len[i], (unsigned)(i + round));
        }
        for (int i = 0; i < M; i++) {
            int j = (i * 7 + round) % M;    /* 7 is coprime with 2000: every block once */
            churn ^= sum_bytes(live[j], len[j]);
            free(live[j]);
        }
    }
    printf("churn checksum: %08x\n", (unsigned)churn);
    puts("malloc ok");
    return 0;
}
