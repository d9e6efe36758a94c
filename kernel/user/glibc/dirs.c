/* dirs — the file system through glibc: mkdir a scratch directory under /tmp, create files
   of known sizes, list it with opendir/readdir (names sorted before printing: readdir's order
   is the file system's business), stat sizes and types, rename, unlink, rmdir, getcwd and
   chdir, and strerror(errno) for a missing file. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) { printf("opendir: %s\n", strerror(errno)); return; }
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 64) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp_str);
    printf("listing (%d):", n);
    for (int i = 0; i < n; i++) {
        char path[256];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (stat(path, &st) != 0) printf(" %s(?)", names[i]);
        else if (S_ISDIR(st.st_mode)) printf(" %s/", names[i]);
        else printf(" %s[%lld]", names[i], (long long)st.st_size);
        free(names[i]);
    }
    printf("\n");
}

static void make_file(const char *path, size_t size) {
    FILE *f = fopen(path, "w");
    if (!f) { printf("create %s: %s\n", path, strerror(errno)); exit(1); }
    for (size_t i = 0; i < size; i++) fputc('a' + (int)(i % 26), f);
    fclose(f);
}

int main(void) {
    char dir[64], path[128], path2[128];
    snprintf(dir, sizeof dir, "/tmp/dirs-%ld", (long)getpid());
    if (mkdir(dir, 0755) != 0) { printf("mkdir: %s\n", strerror(errno)); return 1; }

    static const char *names[] = { "zeta", "alpha", "mid", "b.txt", "empty" };
    static const size_t sizes[] = { 5000, 1, 300, 26, 0 };
    for (int i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        make_file(path, sizes[i]);
    }
    snprintf(path, sizeof path, "%s/sub", dir);
    mkdir(path, 0700);
    list(dir);

    struct stat st;
    stat(dir, &st);
    printf("%s is a directory: %s\n", "scratch", S_ISDIR(st.st_mode) ? "yes" : "no");
    snprintf(path, sizeof path, "%s/zeta", dir);
    chmod(path, 0640);
    stat(path, &st);
    printf("zeta: regular %s, size %lld, mode %o\n", S_ISREG(st.st_mode) ? "yes" : "no",
           (long long)st.st_size, (unsigned)(st.st_mode & 07777));

    /* rename within the directory and into the subdirectory. */
    snprintf(path, sizeof path, "%s/alpha", dir);
    snprintf(path2, sizeof path2, "%s/omega", dir);
    printf("rename alpha -> omega: %d\n", rename(path, path2));
    snprintf(path, sizeof path, "%s/mid", dir);
    snprintf(path2, sizeof path2, "%s/sub/mid", dir);
    printf("rename mid -> sub/mid: %d\n", rename(path, path2));
    list(dir);
    snprintf(path, sizeof path, "%s/sub", dir);
    list(path);

    /* chdir into the scratch directory: relative paths now resolve there. */
    char old[4096], cwd[4096];
    if (!getcwd(old, sizeof old)) { printf("getcwd: %s\n", strerror(errno)); return 1; }
    if (chdir(dir) != 0) { printf("chdir: %s\n", strerror(errno)); return 1; }
    printf("getcwd after chdir is the scratch directory: %s\n",
           getcwd(cwd, sizeof cwd) && strcmp(cwd, dir) == 0 ? "yes" : "no");
    printf("relative stat of sub/mid: size %lld\n",
           stat("sub/mid", &st) == 0 ? (long long)st.st_size : -1LL);
    chdir("sub");
    printf("cwd ends in /sub: %s\n",
           getcwd(cwd, sizeof cwd) && strcmp(cwd + strlen(cwd) - 4, "/sub") == 0 ? "yes" : "no");
    chdir("..");

    /* A missing file. */
    errno = 0;
    int fd = open("no-such-file", O_RDONLY);
    printf("open missing: %d, %s\n", fd, strerror(errno));
    errno = 0;
    printf("rmdir non-empty: %d, %s\n", rmdir(dir), strerror(errno));

    /* Clean up: unlink every file, rmdir the directories, back to where we were. */
    static const char *files[] = { "zeta", "omega", "b.txt", "empty", "sub/mid" };
    int unlinked = 0;
    for (int i = 0; i < 5; i++) unlinked += unlink(files[i]) == 0;
    printf("unlinked %d files\n", unlinked);
    printf("rmdir sub: %d\n", rmdir("sub"));
    list(".");
    if (chdir(old) != 0) { printf("chdir back: %s\n", strerror(errno)); return 1; }
    printf("rmdir scratch: %d\n", rmdir(dir));
    errno = 0;
    printf("stat removed: %d, %s\n", stat(dir, &st), strerror(errno));
    return 0;
}
