/* wc — lines, words and bytes of each file (or standard input), with a total for several
   files, in coreutils' layout (right-aligned columns as wide as the largest count).
   -l, -w, -c (combinable, e.g. -lw) select the columns; with one column and one input the
   number is printed unpadded, as coreutils does. */
#include "ulib.h"

struct counts { long lines, words, bytes; };

static int count(int fd, struct counts *c) {
    char buf[4096];
    int inWord = 0;
    for (;;) {
        long n = read(fd, buf, sizeof buf);
        if (n < 0) return -1;
        if (n == 0) return 0;
        c->bytes += n;
        for (long i = 0; i < n; i++) {
            char ch = buf[i];
            if (ch == '\n') c->lines++;
            int space = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f';
            if (!space && !inWord) c->words++;
            inWord = !space;
        }
    }
}

static int digits(long v) {
    int d = 1;
    while (v >= 10) v /= 10, d++;
    return d;
}

/* Which columns to print: bit 0 lines, bit 1 words, bit 2 bytes. */
static int want = 7;

static void show(const struct counts *c, int w, const char *name) {
    long v[3] = { c->lines, c->words, c->bytes };
    int first = 1;
    for (int k = 0; k < 3; k++) {
        if (!(want & (1 << k))) continue;
        printf(first ? "%*ld" : " %*ld", w, v[k]);
        first = 0;
    }
    if (name) printf(" %s", name);
    printf("\n");
}

int main(int argc, char **argv) {
    struct counts all[64], total = { 0, 0, 0 };
    int a = 1, status = 0;
    /* Options first: any mix of -l -w -c; none means all three. */
    int sel = 0;
    for (; a < argc && argv[a][0] == '-' && argv[a][1]; a++) {
        for (const char *o = argv[a] + 1; *o; o++) {
            if (*o == 'l') sel |= 1;
            else if (*o == 'w') sel |= 2;
            else if (*o == 'c') sel |= 4;
            else { dprintf(2, "wc: invalid option -- '%c'\n", *o); return 1; }
        }
    }
    if (sel) want = sel;
    int columns = (want & 1) + ((want >> 1) & 1) + ((want >> 2) & 1);
    int n = argc - a > 64 ? 64 : argc - a;
    char **names = argv + a;
    if (n == 0) {
        struct counts c = { 0, 0, 0 };
        if (count(0, &c) < 0) return 1;
        /* Standard input's size is unknown in advance, so coreutils pads to 7, except for a
           single column. */
        show(&c, columns == 1 ? 1 : 7, NULL);
        return 0;
    }
    for (int i = 0; i < n; i++) {
        all[i] = (struct counts){ 0, 0, 0 };
        int fd = open(names[i], O_RDONLY);
        if (fd < 0 || count(fd, &all[i]) < 0) {
            dprintf(2, "wc: %s: %s\n", names[i], strerror(errno));
            status = 1;
            all[i].bytes = -1;
        }
        if (fd >= 0) close(fd);
        if (all[i].bytes >= 0) {
            total.lines += all[i].lines;
            total.words += all[i].words;
            total.bytes += all[i].bytes;
        }
    }
    int w = digits(n > 1 ? total.bytes : all[0].bytes < 0 ? 0 : all[0].bytes);
    if (columns == 1 && n == 1) w = 1;
    for (int i = 0; i < n; i++)
        if (all[i].bytes >= 0) show(&all[i], w, names[i]);
    if (n > 1) show(&total, w, "total");
    return status;
}
