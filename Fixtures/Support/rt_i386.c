/*
 * rt_i386.c — a freestanding i386 Linux runtime for fixtures measured on a 32-bit target
 * (`// target: i686-unknown-none-elf`): Embedded Swift for i686 has no libc here, so this
 * provides _start, write and _exit (Linux's int $0x80 system calls), mmap over a static
 * arena (CountingAllocator.swift's heap), the few string functions the code calls, and the
 * stack protector's symbols. The executable runs under qemu-i386.
 */
typedef unsigned int size_t;
static long sys3(long n, long a, long b, long c) {
    long r;
    __asm__ volatile ("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c) : "memory");
    return r;
}
long write(int fd, const void *buf, size_t n) { return sys3(4, fd, (long)buf, (long)n); }
void _exit(int code) { for (;;) sys3(1, code, 0, 0); }
static char arena[64 << 20] __attribute__((aligned(4096)));
void *mmap(void *addr, size_t len, int prot, int flags, int fd, long off) { return arena; }
char *getenv(const char *name) { return 0; }
void *memcpy(void *d, const void *s, size_t n) { char *a = d; const char *b = s; while (n--) *a++ = *b++; return d; }
void *memmove(void *d, const void *s, size_t n) {
    char *a = d; const char *b = s;
    if (a < b) { while (n--) *a++ = *b++; } else { a += n; b += n; while (n--) *--a = *--b; }
    return d;
}
void *memset(void *d, int c, size_t n) { char *a = d; while (n--) *a++ = (char)c; return d; }
int memcmp(const void *x, const void *y, size_t n) { const unsigned char *a = x, *b = y; for (; n; n--, a++, b++) if (*a != *b) return *a - *b; return 0; }
size_t strlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }
void __libc_free(void *p) {}
void *__libc_realloc(void *p, size_t n) { return 0; }
int main(int, char **);
void _start_c(void) { _exit(main(0, 0)); }
__asm__(".globl _start\n_start:\n andl $-16, %esp\n call _start_c\n");
unsigned long __stack_chk_guard = 0x5a17e0c3;
void __stack_chk_fail(void) { _exit(98); }
/* 64-bit helpers LLVM calls on i386 (compiler-rt's builtins, which this toolchain lacks for
   i386), written on 32-bit halves so they never call themselves. */
typedef unsigned long long u64;
typedef union { u64 all; struct { unsigned lo, hi; } s; } dw;
u64 __ashldi3(u64 a, int b) {
    dw x = { a }, r;
    if (b == 0) return a;
    if (b >= 32) { r.s.lo = 0; r.s.hi = x.s.lo << (b - 32); }
    else { r.s.lo = x.s.lo << b; r.s.hi = (x.s.hi << b) | (x.s.lo >> (32 - b)); }
    return r.all;
}
u64 __lshrdi3(u64 a, int b) {
    dw x = { a }, r;
    if (b == 0) return a;
    if (b >= 32) { r.s.hi = 0; r.s.lo = x.s.hi >> (b - 32); }
    else { r.s.hi = x.s.hi >> b; r.s.lo = (x.s.lo >> b) | (x.s.hi << (32 - b)); }
    return r.all;
}
static int lt(dw a, dw b) { return a.s.hi < b.s.hi || (a.s.hi == b.s.hi && a.s.lo < b.s.lo); }
static dw sub(dw a, dw b) { dw r; r.s.lo = a.s.lo - b.s.lo; r.s.hi = a.s.hi - b.s.hi - (a.s.lo < b.s.lo); return r; }
static dw shl1(dw a, unsigned bit) { dw r; r.s.hi = (a.s.hi << 1) | (a.s.lo >> 31); r.s.lo = (a.s.lo << 1) | bit; return r; }
u64 __udivdi3(u64 a, u64 b) {
    dw n = { a }, d = { b }, q = { 0 }, r = { 0 };
    for (int i = 63; i >= 0; i--) {
        unsigned bit = i >= 32 ? (n.s.hi >> (i - 32)) & 1 : (n.s.lo >> i) & 1;
        r = shl1(r, bit);
        q = shl1(q, 0);
        if (!lt(r, d)) { r = sub(r, d); q.s.lo |= 1; }
    }
    return q.all;
}
