/* strings — the C library's string and number routines: snprintf of ints and doubles,
   strtol/strtod, memcmp/strcmp/strchr/strstr, qsort of strings and of 10,000 pseudo-random
   ints (a fixed LCG) with a checksum, and libm's sqrt and pow (linked with -lm). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void) {
    char buf[128];
    snprintf(buf, sizeof buf, "%d %x %ld %.3f %g", -42, 48879, 1234567890123L, 3.14159265, 0.0001);
    printf("snprintf: [%s]\n", buf);
    snprintf(buf, sizeof buf, "%5d|%-5d|%05d|%+d|%o|%X|%#x", 42, 42, 42, 42, 8, 255, 255);
    printf("widths:   [%s]\n", buf);
    snprintf(buf, sizeof buf, "%g %g %g %e %.10f", 1e20, 123456789.0, 0.5, 12345.678, 1.0 / 3);
    printf("doubles:  [%s]\n", buf);
    volatile int big = 1234567890;
    int n = snprintf(buf, 8, "%d", big);
    printf("truncation: returned %d, kept \"%s\"\n", n, buf);
    printf("length only: %d\n", snprintf(NULL, 0, "%s-%d", "label", 2024));

    char *end;
    printf("strtol: %ld %ld %ld\n", strtol("12345", NULL, 10), strtol("-ff", NULL, 16),
           strtol("0x7fz", &end, 0));
    printf("strtol stopped at \"%s\"\n", end);
    printf("strtoul: %lu\n", strtoul("4294967296", NULL, 10));
    double d = strtod("2.5e3xyz", &end);
    printf("strtod: %.1f, rest \"%s\"\n", d, end);
    printf("atoi: %d\n", atoi("  -77 apples"));

    const char a[] = "abcdef", b[] = "abcxef";
    printf("memcmp: %d %d %d\n", memcmp(a, b, 3) == 0, memcmp(a, b, 6) < 0, memcmp(b, a, 6) > 0);
    printf("strchr: %s, strrchr: %s, strstr: %s\n", strchr("hello", 'l'), strrchr("hello", 'l'),
           strstr("haystack with needle", "needle"));
    printf("strlen: %zu, strncmp: %d\n", strlen("twelve chars"), strncmp("apple", "apricot", 2));
    char copy[32];
    strcpy(copy, "con");
    strcat(copy, "catenate");
    printf("strcat: %s\n", copy);

    char *words[] = { "pear", "apple", "fig", "banana", "cherry", "date" };
    qsort(words, 6, sizeof words[0], cmp_str);
    printf("sorted words:");
    for (int i = 0; i < 6; i++) printf(" %s", words[i]);
    printf("\n");

    enum { N = 10000 };
    static int v[N];
    unsigned seed = 1;
    for (int i = 0; i < N; i++) {
        seed = seed * 1664525u + 1013904223u;
        v[i] = (int)(seed >> 8) - (1 << 23);
    }
    qsort(v, N, sizeof v[0], cmp_int);
    int sorted = 1;
    unsigned long long check = 0;
    for (int i = 0; i < N; i++) {
        if (i && v[i - 1] > v[i]) sorted = 0;
        check = check * 31 + (unsigned)v[i];
    }
    printf("sorted %d ints: %s, min %d, max %d, checksum %llx\n", N, sorted ? "yes" : "no",
           v[0], v[N - 1], check);

    volatile double two = 2.0, x = 1.5;     /* volatile: computed by libm, not the compiler */
    printf("sqrt(2) = %.15f\n", sqrt(two));
    printf("pow(1.5, 10) = %.6f\n", pow(x, 10.0));
    printf("pow(2, 0.5) = %.15f\n", pow(two, 0.5));
    printf("floor/ceil: %.1f %.1f\n", floor(x), ceil(x));
    return 0;
}
