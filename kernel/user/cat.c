/* cat — copy the files (or standard input) to standard output. */
#include "ulib.h"

static int copy(int fd) {
    char buf[4096];
    for (;;) {
        long n = read(fd, buf, sizeof buf);
        if (n < 0) return -1;
        if (n == 0) return 0;
        flush();
        for (long off = 0; off < n;) {
            long w = write(1, buf + off, (size_t)(n - off));
            if (w <= 0) return -1;
            off += w;
        }
    }
}

int main(int argc, char **argv) {
    int status = 0;
    if (argc < 2) return copy(0) < 0;
    for (int i = 1; i < argc; i++) {
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0 || copy(fd) < 0) {
            dprintf(2, "cat: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        }
        if (fd >= 0) close(fd);
    }
    return status;
}
