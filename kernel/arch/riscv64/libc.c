/*
 * libc.c — the C library functions Embedded Swift calls on bare metal (embedded-kernel.md
 * §5): memset, memcpy, memmove, memcmp and arc4random_buf. The hosted build takes glibc's.
 * Compiled with -ffreestanding -fno-builtin so the loops are not turned back into calls to
 * themselves.
 */
#if defined(__riscv)
#include <stddef.h>

void *memset(void *dst, int c, size_t n) {
    unsigned char *d = dst;
    while (n > 0 && ((size_t)d & 7)) { *d++ = (unsigned char)c; n--; }
    unsigned long long w = (unsigned char)c * 0x0101010101010101ull;
    while (n >= 8) { *(unsigned long long *)d = w; d += 8; n -= 8; }
    while (n > 0) { *d++ = (unsigned char)c; n--; }
    return dst;
}

void *memcpy(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    if ((((size_t)d | (size_t)s) & 7) == 0) {
        while (n >= 8) { *(unsigned long long *)d = *(const unsigned long long *)s; d += 8; s += 8; n -= 8; }
    }
    while (n > 0) { *d++ = *s++; n--; }
    return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d <= s || d >= s + n) return memcpy(dst, src, n);
    while (n > 0) { n--; d[n] = s[n]; }        /* overlapping, destination above: copy backwards */
    return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
    const unsigned char *x = a, *y = b;
    for (size_t i = 0; i < n; i++) {
        if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
    }
    return 0;
}

unsigned long long rv_time(void);

/* Hasher seeds. The kernel hashes nothing an adversary chooses, so a seed from the clock
   (a splitmix64 stream) is enough; it only has to vary. */
void arc4random_buf(void *buf, size_t n) {
    static unsigned long long state;
    if (state == 0) state = rv_time() | 1;
    unsigned char *p = buf;
    while (n > 0) {
        unsigned long long z = (state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        z ^= z >> 31;
        for (int i = 0; i < 8 && n > 0; i++, n--) { *p++ = (unsigned char)z; z >>= 8; }
    }
}
#endif
