/* start.c — what runs before and after main, and directory listing. */
#include "ulib.h"

char **environ;
int main(int argc, char **argv, char **envp);

/* Called by crt0.S with the initial stack: argc, argv…, NULL, envp…, NULL, auxv. */
void ulib_start(long *sp) {
    int argc = (int)sp[0];
    char **argv = (char **)(sp + 1);
    environ = argv + argc + 1;
    exit(main(argc, argv, environ));
}

/* The names in directory `path` (without "." and ".."), sorted. NULL on error (errno set). */
char **list_dir(const char *path, int *count) {
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    if (fd < 0) return NULL;
    int cap = 16, n = 0;
    char **names = malloc(sizeof(char *) * (size_t)cap);
    char buf[1024];
    for (;;) {
        int got = getdents64(fd, buf, sizeof buf);
        if (got <= 0) break;
        for (int off = 0; off < got;) {
            struct ml_dirent64 *d = (struct ml_dirent64 *)(buf + off);
            const char *name = buf + off + ML_DIRENT64_NAME_OFFSET;
            off += d->d_reclen;
            if (!strcmp(name, ".") || !strcmp(name, "..")) continue;
            if (n + 1 >= cap) {
                cap *= 2;
                names = realloc(names, sizeof(char *) * (size_t)cap);
            }
            names[n++] = strdup(name);
        }
    }
    close(fd);
    names[n] = NULL;
    sort_strings(names, n);
    *count = n;
    return names;
}

void free_names(char **names) {
    for (int i = 0; names && names[i]; i++) free(names[i]);
    free(names);
}
