/* wc — lines, words and bytes of each file (or standard input), with a total for several
   files, in coreutils' layout (right-aligned columns as wide as the largest count). */
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

int main(int argc, char **argv) {
    struct counts all[64], total = { 0, 0, 0 };
    int n = argc - 1 > 64 ? 64 : argc - 1, status = 0;
    if (n == 0) {
        struct counts c = { 0, 0, 0 };
        if (count(0, &c) < 0) return 1;
        printf("%7ld %7ld %7ld\n", c.lines, c.words, c.bytes);
        return 0;
    }
    for (int i = 0; i < n; i++) {
        all[i] = (struct counts){ 0, 0, 0 };
        int fd = open(argv[i + 1], O_RDONLY);
        if (fd < 0 || count(fd, &all[i]) < 0) {
            dprintf(2, "wc: %s: %s\n", argv[i + 1], strerror(errno));
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
    for (int i = 0; i < n; i++)
        if (all[i].bytes >= 0) printf("%*ld %*ld %*ld %s\n", w, all[i].lines, w, all[i].words, w, all[i].bytes, argv[i + 1]);
    if (n > 1) printf("%*ld %*ld %*ld total\n", w, total.lines, w, total.words, w, total.bytes);
    return status;
}
