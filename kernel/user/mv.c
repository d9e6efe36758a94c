/* mv — rename: mv FROM TO, or mv FILE... DIR (into an existing directory). */
#include "ulib.h"

int main(int argc, char **argv) {
    if (argc < 3) { dprintf(2, "usage: mv FROM TO | mv FILE... DIR\n"); return 2; }
    struct ml_stat st;
    const char *dest = argv[argc - 1];
    int intoDir = stat(dest, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR;
    if (argc > 3 && !intoDir) { dprintf(2, "mv: %s: %s\n", dest, strerror(ENOTDIR)); return 1; }
    int status = 0;
    for (int i = 1; i < argc - 1; i++) {
        char to[512];
        if (intoDir) {
            const char *base = strrchr(argv[i], '/');
            snprintf(to, sizeof to, "%s/%s", dest, base ? base + 1 : argv[i]);
        } else {
            snprintf(to, sizeof to, "%s", dest);
        }
        if (rename(argv[i], to) < 0) {
            dprintf(2, "mv: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        }
    }
    return status;
}
