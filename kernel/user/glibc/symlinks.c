/* symlinks — symbolic links through glibc: symlink and readlink (no NUL, truncated to the
   buffer), lstat against stat, reading and writing through a link, relative, absolute and
   ".." targets, a link to a directory in the middle of a path and with a trailing slash,
   chains, loops and the 40-link limit (ELOOP), O_NOFOLLOW, a dangling link (ENOENT; O_CREAT
   creates its target), unlink and rename of a link leaving the target alone, a hard link to a
   link, readdir's d_type, and realpath(). Paths are printed with the scratch directory as
   "D" so that no pid shows. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

/* A stat's kind and size (not a directory's: that depends on the file system; a link's
   into the scratch directory as "D+N"), and with `mode` its permissions and, for anything
   but a directory, its link count. */
static void kind_size(const char *path, const struct stat *st, int mode) {
    char target[PATH_MAX];
    printf(" %s", S_ISLNK(st->st_mode) ? "link" : S_ISDIR(st->st_mode) ? "dir " : S_ISREG(st->st_mode) ? "file" : "????");
    ssize_t n = S_ISLNK(st->st_mode) ? readlink(path, target, sizeof target) : -1;
    if (n > 0 && (size_t)n > strlen(dir) && strncmp(target, dir, strlen(dir)) == 0)
        printf(" size D+%lld", (long long)st->st_size - (long long)strlen(dir));
    else if (!S_ISDIR(st->st_mode)) printf(" size %lld", (long long)st->st_size);
    if (mode) {
        printf(" mode %o", (unsigned)(st->st_mode & 07777));
        if (!S_ISDIR(st->st_mode)) printf(" nlink %ld", (long)st->st_nlink);
    }
}

/* The result of a call that returns 0 or -1: "ok" or the errno's name. */
static const char *res(int r) {
    if (r >= 0) return "ok";
    switch (errno) {
    case ENOENT: return "ENOENT";
    case ELOOP: return "ELOOP";
    case EEXIST: return "EEXIST";
    case EINVAL: return "EINVAL";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    default: return strerror(errno);
    }
}

/* A path with the scratch directory shown as "D". */
static const char *shown(const char *path) {
    static char buf[PATH_MAX];
    size_t n = strlen(dir);
    if (strncmp(path, dir, n) == 0) snprintf(buf, sizeof buf, "D%s", path + n);
    else snprintf(buf, sizeof buf, "%s", path);
    return buf;
}

static void show_readlink(const char *path, size_t size) {
    char buf[PATH_MAX];
    memset(buf, 'X', sizeof buf);
    ssize_t n = readlink(path, buf, size);
    if (n < 0) { printf("readlink %s [%zu]: %s\n", path, size, res(-1)); return; }
    char target[PATH_MAX];
    memcpy(target, buf, n);
    target[n] = 0;
    size_t d = strlen(dir);
    if (strncmp(target, dir, d) == 0)       /* the length as the shown text has it */
        printf("readlink %s [%zu]: D+%zd \"%s\" then '%c'\n", path, size, n - (ssize_t)d, shown(target), buf[n]);
    else
        printf("readlink %s [%zu]: %zd \"%s\" then '%c'\n", path, size, n, shown(target), buf[n]);
}

static void show_stat(const char *path) {
    struct stat st, lst;
    int s = stat(path, &st), l = lstat(path, &lst);
    printf("%-12s stat %-7s", path, res(s));
    if (s == 0) kind_size(path, &st, 0);
    printf(" | lstat %s", res(l));
    if (l == 0) kind_size(path, &lst, 1);
    printf("\n");
}

static void show_file(const char *path, int flags) {
    char buf[128];
    int fd = open(path, flags);
    if (fd < 0) { printf("open %s: %s\n", path, res(-1)); return; }
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n < 0 ? 0 : n] = 0;
    printf("open %s: read %zd: %s", path, n, buf);
    if (n <= 0 || buf[n - 1] != '\n') printf("\n");
}

static void show_realpath(const char *path) {
    char buf[PATH_MAX];
    if (realpath(path, buf)) printf("realpath %s = %s\n", path, shown(buf));
    else printf("realpath %s: %s\n", path, res(-1));
}

static void write_file(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
        printf("write %s: %s\n", path, strerror(errno));
        exit(1);
    }
    close(fd);
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every entry of the current directory, sorted, with its d_type. */
static void list(void) {
    DIR *d = opendir(".");
    char *names[128];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 128) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char *s = malloc(strlen(e->d_name) + 3);
        char t = e->d_type == DT_LNK ? 'l' : e->d_type == DT_DIR ? 'd' : e->d_type == DT_REG ? 'f' : '?';
        sprintf(s, "%s:%c", e->d_name, t);
        names[n++] = s;
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp_str);
    printf("entries (%d):", n);
    for (int i = 0; i < n; i++) { printf(" %s", names[i]); free(names[i]); }
    printf("\n");
}

int main(void) {
    char path[PATH_MAX], cwd[PATH_MAX];
    snprintf(dir, sizeof dir, "/tmp/symlinks-%ld", (long)getpid());
    if (mkdir(dir, 0755) != 0 || chdir(dir) != 0) { printf("scratch: %s\n", strerror(errno)); return 1; }
    write_file("file", "hello, links\n");
    mkdir("sub", 0755);
    write_file("sub/inner", "inside sub\n");

    printf("-- making links\n");
    printf("symlink rel: %s\n", res(symlink("file", "rel")));
    snprintf(path, sizeof path, "%s/file", dir);
    printf("symlink abs: %s\n", res(symlink(path, "abs")));
    printf("symlink dlink: %s\n", res(symlink("sub", "dlink")));
    printf("symlink sub/up: %s\n", res(symlink("../file", "sub/up")));
    printf("symlink over a file: %s\n", res(symlink("x", "file")));
    printf("symlink over a link: %s\n", res(symlink("x", "rel")));
    printf("symlink to \"\": %s\n", res(symlink("", "empty")));
    printf("symlink in a missing directory: %s\n", res(symlink("file", "nodir/l")));

    printf("-- readlink\n");
    show_readlink("rel", sizeof path);
    show_readlink("rel", 2);
    show_readlink("abs", sizeof path);
    show_readlink("dlink", 3);
    show_readlink("sub/up", sizeof path);
    show_readlink("dlink/up", sizeof path);
    show_readlink("file", sizeof path);
    show_readlink("sub", sizeof path);
    show_readlink("missing", sizeof path);
    printf("readlink size 0: %zd %s\n", readlink("rel", path, 0), res(-1));

    printf("-- stat and lstat\n");
    show_stat("file");
    show_stat("rel");
    show_stat("abs");
    show_stat("dlink");
    show_stat("dlink/");
    show_stat("rel/");
    show_stat("dlink/inner");
    show_stat("dlink/up");

    printf("-- through links\n");
    show_file("rel", O_RDONLY);
    show_file("abs", O_RDONLY);
    show_file("dlink/inner", O_RDONLY);
    show_file("dlink/up", O_RDONLY);
    show_file("dlink/inner", O_RDONLY | O_NOFOLLOW);
    show_file("rel", O_RDONLY | O_NOFOLLOW);
    show_file("dlink", O_RDONLY | O_DIRECTORY);
    int fd = open("rel", O_WRONLY | O_APPEND);
    printf("append through rel: %zd\n", write(fd, "more\n", 5));
    close(fd);
    show_file("file", O_RDONLY);
    printf("O_CREAT|O_EXCL on a link: %s\n", res(open("rel", O_WRONLY | O_CREAT | O_EXCL, 0644)));
    printf("chmod through abs: %s\n", res(chmod("abs", 0600)));
    show_stat("abs");
    chmod("file", 0644);
    printf("access dlink/inner: %s\n", res(access("dlink/inner", R_OK)));
    printf("chdir dlink: %s\n", res(chdir("dlink")));
    printf("getcwd: %s\n", getcwd(cwd, sizeof cwd) ? shown(cwd) : strerror(errno));
    show_file("up", O_RDONLY);
    printf("chdir ..: %s\n", res(chdir("..")));
    printf("getcwd: %s\n", getcwd(cwd, sizeof cwd) ? shown(cwd) : strerror(errno));

    printf("-- chains and loops\n");
    symlink("rel", "c1");
    symlink("c1", "c2");
    symlink("c2", "c3");
    show_stat("c3");
    show_readlink("c3", sizeof path);
    show_file("c3", O_RDONLY);
    symlink("loopb", "loopa");
    symlink("loopa", "loopb");
    symlink("self", "self");
    show_stat("loopa");
    show_stat("self");
    show_stat("loopa/x");
    show_file("loopb", O_RDONLY);
    printf("open loopa O_CREAT: %s\n", res(open("loopa", O_WRONLY | O_CREAT, 0644)));
    /* n0 -> file, n1 -> n0, ... : reaching file from nK follows K + 1 links */
    symlink("file", "n0");
    for (int i = 1; i <= 40; i++) {
        char name[16], target[16];
        snprintf(name, sizeof name, "n%d", i);
        snprintf(target, sizeof target, "n%d", i - 1);
        symlink(target, name);
    }
    show_stat("n38");
    show_stat("n39");
    show_stat("n40");
    show_file("n39", O_RDONLY);
    show_file("n40", O_RDONLY);

    printf("-- dangling links\n");
    symlink("made", "dang");
    symlink("nodir/made", "dang2");
    show_stat("dang");
    printf("access dang: %s\n", res(access("dang", F_OK)));
    show_file("dang", O_RDONLY);
    printf("open dang O_CREAT|O_EXCL: %s\n", res(open("dang", O_WRONLY | O_CREAT | O_EXCL, 0644)));
    printf("open dang2 O_CREAT: %s\n", res(open("dang2", O_WRONLY | O_CREAT, 0644)));
    printf("mkdir dang: %s\n", res(mkdir("dang", 0755)));
    fd = open("dang", O_WRONLY | O_CREAT, 0640);
    printf("open dang O_CREAT: %s\n", res(fd));
    printf("write: %zd\n", write(fd, "made via a link\n", 16));
    close(fd);
    show_stat("made");
    show_stat("dang");
    show_file("dang", O_RDONLY);

    printf("-- names\n");
    printf("link abs -> hard: %s\n", res(link("abs", "hard")));
    show_stat("hard");
    printf("rename c1 -> c1new: %s\n", res(rename("c1", "c1new")));
    show_stat("c2");
    show_stat("c1new");
    printf("rmdir dlink: %s\n", res(rmdir("dlink")));
    printf("unlink dlink: %s\n", res(unlink("dlink")));
    show_stat("sub");
    printf("unlink rel: %s\n", res(unlink("rel")));
    show_stat("rel");
    show_stat("file");
    show_stat("c1new");
    printf("unlink hard: %s\n", res(unlink("hard")));
    show_stat("abs");
    symlink("sub", "dlink");
    list();

    printf("-- realpath\n");
    show_realpath(".");
    show_realpath("abs");
    show_realpath("c3");
    show_realpath("dlink");
    show_realpath("dlink/up");
    show_realpath("dlink/../file");
    show_realpath("sub/./inner");
    show_realpath("dang");
    show_realpath("dang2");
    show_realpath("loopa");
    show_realpath("missing");
    show_realpath("file/x");

    /* Clean up: every entry of the scratch directory and its subdirectory. */
    unlink("sub/inner");
    unlink("sub/up");
    rmdir("sub");
    DIR *d = opendir(".");
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) unlink(e->d_name);
    closedir(d);
    chdir("/");
    printf("rmdir scratch: %s\n", res(rmdir(dir)));
    return 0;
}
