/* rm — remove files; -r removes directories and what they hold. */
#include "ulib.h"

static int removeTree(const char *path) {
    struct ml_stat st;
    if (stat(path, &st) < 0) return -1;
    if ((st.st_mode & S_IFMT) != S_IFDIR) return unlink(path);
    int n;
    char **names = list_dir(path, &n);
    if (!names) return -1;
    int r = 0;
    for (int i = 0; i < n && r == 0; i++) {
        char sub[512];
        snprintf(sub, sizeof sub, "%s/%s", path, names[i]);
        r = removeTree(sub);
    }
    free_names(names);
    return r == 0 ? rmdir(path) : r;
}

int main(int argc, char **argv) {
    int i = 1, recursive = 0, status = 0;
    if (argc > 1 && !strcmp(argv[1], "-r")) recursive = 1, i = 2;
    if (i == argc) { dprintf(2, "usage: rm [-r] FILE...\n"); return 2; }
    for (; i < argc; i++) {
        if ((recursive ? removeTree(argv[i]) : unlink(argv[i])) < 0) {
            dprintf(2, "rm: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        }
    }
    return status;
}
