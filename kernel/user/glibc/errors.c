/* errors — the usual failure paths and their errno values, printed by name through a small
   table: read from a bad descriptor (EBADF), open O_CREAT|O_EXCL twice (EEXIST), close twice
   (EBADF), lseek on a pipe (ESPIPE), mkdir of an existing directory (EEXIST), and a few
   more (ENOENT, ENOTDIR, EISDIR, ENOTEMPTY, EINVAL, ENAMETOOLONG). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct { int num; const char *name; } names[] = {
    { 0, "0" }, { EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { EBADF, "EBADF" },
    { EACCES, "EACCES" }, { EEXIST, "EEXIST" }, { ENOTDIR, "ENOTDIR" }, { EISDIR, "EISDIR" },
    { EINVAL, "EINVAL" }, { ESPIPE, "ESPIPE" }, { ENOTEMPTY, "ENOTEMPTY" }, { EFAULT, "EFAULT" },
    { ENAMETOOLONG, "ENAMETOOLONG" }, { ECHILD, "ECHILD" },
};

static const char *errname(int e) {
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].num == e) return names[i].name;
    return "unknown";
}

static void report(const char *what, long ret) {
    int e = errno;
    printf("%-32s -> %ld, %s (%s)\n", what, ret, errname(e), ret < 0 ? strerror(e) : "-");
    errno = 0;
}

int main(void) {
    char dir[64], file[96], path[160];
    snprintf(dir, sizeof dir, "/tmp/errors-%ld", (long)getpid());
    snprintf(file, sizeof file, "%s/file", dir);
    char buf[16];
    errno = 0;

    report("mkdir scratch", mkdir(dir, 0755));
    report("read(-1)", read(-1, buf, sizeof buf));
    report("read(1000)", read(1000, buf, sizeof buf));

    int fd = open(file, O_CREAT | O_EXCL | O_WRONLY, 0644);
    report("open O_CREAT|O_EXCL", fd < 0 ? -1 : 0);
    report("open O_CREAT|O_EXCL again", open(file, O_CREAT | O_EXCL | O_WRONLY, 0644));
    report("read from a write-only fd", read(fd, buf, sizeof buf));
    report("lseek to offset -1", lseek(fd, -1, SEEK_SET));
    report("close", close(fd));
    report("close again", close(fd));
    report("write to a closed fd", write(fd, "x", 1));

    int fds[2];
    report("pipe", pipe(fds));
    report("lseek on a pipe", lseek(fds[0], 0, SEEK_SET));
    report("write to the read end", write(fds[0], "x", 1));
    close(fds[0]);
    close(fds[1]);

    report("mkdir existing", mkdir(dir, 0755));
    report("open missing", open("/tmp/errors-no-such-file/x", O_RDONLY));
    snprintf(path, sizeof path, "%s/sub", file);
    report("open file/sub (not a dir)", open(path, O_RDONLY));
    report("open a dir for writing", open(dir, O_WRONLY));
    report("rmdir non-empty", rmdir(dir));
    report("unlink a directory", unlink(dir));
    report("dup2 to a bad fd", dup2(0, -5));
    report("chdir to a file", chdir(file));
    memset(path, 'a', sizeof path - 1);
    path[sizeof path - 1] = 0;
    char longname[400];
    snprintf(longname, sizeof longname, "/tmp/%s%s", path, path);
    report("open a 300-char name", open(longname, O_RDONLY));

    report("unlink file", unlink(file));
    report("unlink file again", unlink(file));
    report("rmdir scratch", rmdir(dir));
    return 0;
}
