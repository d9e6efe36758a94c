/* memory — what a program does with its address space beyond malloc: a guard page made with
   mprotect(PROT_NONE) whose touch raises SIGSEGV, caught by a handler on an alternate stack
   that siglongjmps out; a read-only page; madvise(MADV_DONTNEED) zero-fills; mremap grows a
   mapping and keeps its content; a thousand small mappings. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf back;
static volatile sig_atomic_t faults;
static volatile void *fault_addr;

static void on_segv(int sig, siginfo_t *info, void *ctx) {
    (void)sig; (void)ctx;
    faults++;
    fault_addr = info->si_addr;
    siglongjmp(back, 1);
}

static int touch(volatile char *p, int write) {
    if (sigsetjmp(back, 1) == 0) {
        if (write) *p = 1; else (void)*p;
        return 0;
    }
    return 1;                   /* faulted */
}

int main(void) {
    long page = sysconf(_SC_PAGESIZE);
    printf("page size %ld\n", page);

    static char altstack[64 * 1024];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 };
    if (sigaltstack(&ss, NULL) != 0) { perror("sigaltstack"); return 1; }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGSEGV, &sa, NULL);

    char *m = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) { perror("mmap"); return 1; }
    memset(m, 'x', 4 * page);
    printf("guard: mprotect %d\n", mprotect(m + page, page, PROT_NONE));
    printf("guard: write before %d, write in guard %d, read in guard %d, write after %d\n",
           touch(m, 1), touch(m + page + 10, 1), touch(m + page + 20, 0), touch(m + 2 * page, 1));
    printf("guard: si_addr right %s, faults %d\n", fault_addr == m + page + 20 ? "yes" : "no", (int)faults);
    printf("read-only: mprotect %d, read %d, write %d\n", mprotect(m + 3 * page, page, PROT_READ),
           touch(m + 3 * page, 0), touch(m + 3 * page, 1));
    printf("writable again: mprotect %d, write %d\n", mprotect(m + page, page, PROT_READ | PROT_WRITE), touch(m + page, 1));

    memset(m, 'y', page);
    printf("madvise DONTNEED %d, byte after %d\n", madvise(m, page, MADV_DONTNEED), m[100]);

    /* one mapping with two protections is two mappings: mremap of both fails */
    char *g = mremap(m, 4 * page, 64 * page, MREMAP_MAYMOVE);
    printf("mremap across protections: %s\n", g == MAP_FAILED ? strerror(errno) : "moved");
    mprotect(m + 3 * page, page, PROT_READ | PROT_WRITE);
    g = mremap(m, 4 * page, 64 * page, MREMAP_MAYMOVE);
    if (g == MAP_FAILED) { perror("mremap"); return 1; }
    g[64 * page - 1] = 'z';
    printf("mremap: kept %c %c, end %c\n", g[2 * page], g[page + 5], g[64 * page - 1]);
    printf("munmap %d\n", munmap(g, 64 * page));
    printf("mprotect of unmapped memory: %d\n", mprotect(g, page, PROT_READ));

    /* many small mappings with alternating protections: as many separate mappings */
    enum { N = 1000 };
    static char *maps[N];
    int made = 0, right = 0;
    for (int i = 0; i < N; i++) {
        maps[i] = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (maps[i] == MAP_FAILED) break;
        maps[i][0] = (char)i;
        if (i % 2 && mprotect(maps[i], page, PROT_READ) != 0) break;
        made++;
    }
    for (int i = 0; i < made; i++) right += maps[i][0] == (char)i;
    for (int i = 0; i < made; i++) munmap(maps[i], page);
    printf("%d mappings made, %d read back\n", made, right);
    return 0;
}
