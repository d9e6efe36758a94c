/* recursion — a deep call stack: 100,000 nested calls, each with a 64-byte frame (48 bytes
   of locals written before the inner call and read back after it returns), so about 6 MiB of
   stack are in use at once (Linux gives a process 8 MiB by default, growing on demand). */
#include <stdio.h>

#define DEPTH 100000

__attribute__((noinline)) static unsigned long dive(unsigned long n) {
    volatile unsigned char frame[48];
    for (int i = 0; i < 48; i++) frame[i] = (unsigned char)(n + i);
    unsigned long below = n ? dive(n - 1) : 0;
    unsigned long sum = below;
    for (int i = 0; i < 48; i++) sum += frame[i];
    return sum;
}

int main(void) {
    unsigned long depth = DEPTH;
    unsigned long got = dive(depth);
    /* frame bytes (n + i) mod 256 summed over n = 0..DEPTH, i = 0..47 */
    unsigned long want = 0;
    for (unsigned long n = 0; n <= depth; n++)
        for (int i = 0; i < 48; i++) want += (unsigned char)(n + i);
    printf("recursion depth %lu: sum %lu, %s\n", depth, got, got == want ? "ok" : "bad");
    return got == want ? 0 : 1;
}
