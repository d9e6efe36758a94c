/* ls — list directories (names sorted, one per line) or name files; -l adds type, links
   and size. */
#include "ulib.h"

static int longForm;
static int sectionsShown;     /* directory sections printed so far (with a header) */

static void show(const char *dir, const char *name) {
    if (!longForm) {
        printf("%s\n", name);
        return;
    }
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    struct ml_stat st;
    if (stat(dir ? path : name, &st) < 0) {
        printf("? %s\n", name);
        return;
    }
    char t = (st.st_mode & S_IFMT) == S_IFDIR ? 'd' : (st.st_mode & S_IFMT) == S_IFCHR ? 'c' : '-';
    printf("%c %3u %8ld %s\n", t, st.st_nlink, (long)st.st_size, name);
}

static int list(const char *path, int header) {
    struct ml_stat st;
    if (stat(path, &st) < 0) {
        dprintf(2, "ls: %s: %s\n", path, strerror(errno));
        return 1;
    }
    if ((st.st_mode & S_IFMT) != S_IFDIR) {
        show(NULL, path);
        return 0;
    }
    int n;
    char **names = list_dir(path, &n);
    if (!names) {
        dprintf(2, "ls: %s: %s\n", path, strerror(errno));
        return 1;
    }
    /* Like coreutils, a blank line separates one directory's section from the previous one. */
    if (header) printf("%s%s:\n", sectionsShown++ ? "\n" : "", path);
    for (int i = 0; i < n; i++) show(path, names[i]);
    free_names(names);
    return 0;
}

int main(int argc, char **argv) {
    int i = 1, status = 0;
    if (argc > 1 && !strcmp(argv[1], "-l")) longForm = 1, i = 2;
    if (i == argc) return list(".", 0);
    for (int first = i; i < argc; i++) status |= list(argv[i], argc - first > 1);
    return status;
}
