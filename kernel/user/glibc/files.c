/* files — descriptor and file calls beyond open/read/write: fchdir, utimensat and futimens,
   fdatasync, umask's effect on new files' modes, chmod, readlink of a regular file, /dev/null
   and /dev/zero, readv/writev, times and getrusage. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/times.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void) {
    char dir[64], file[80];
    snprintf(dir, sizeof dir, "/tmp/files-%d", (int)getpid());
    snprintf(file, sizeof file, "%s/f", dir);
    mkdir(dir, 0777);

    umask(027);
    int fd = open(file, O_CREAT | O_WRONLY, 0666);
    struct stat st;
    fstat(fd, &st);
    printf("umask 027, open 0666: mode %o\n", st.st_mode & 0777);
    struct iovec v[3] = { { "ab", 2 }, { "", 0 }, { "cdef", 4 } };
    printf("writev %zd, fdatasync %d\n", writev(fd, v, 3), fdatasync(fd));
    struct timespec ts[2] = { { 0, UTIME_OMIT }, { 1000000000, 0 } };
    printf("futimens %d\n", futimens(fd, ts));
    close(fd);
    stat(file, &st);
    printf("mtime %lld, size %lld\n", (long long)st.st_mtime, (long long)st.st_size);
    ts[1].tv_sec = 1234567890;
    printf("utimensat %d\n", utimensat(AT_FDCWD, file, ts, 0));
    stat(file, &st);
    printf("mtime %lld\n", (long long)st.st_mtime);
    printf("chmod %d\n", chmod(file, 0600));
    stat(file, &st);
    printf("mode %o\n", st.st_mode & 0777);

    fd = open(file, O_RDONLY);
    char a[3] = {0}, b[4] = {0};
    struct iovec r[2] = { { a, 2 }, { b, 3 } };
    printf("readv %zd: %s %s\n", readv(fd, r, 2), a, b);
    close(fd);

    char link[16];
    printf("readlink of a file: %zd (%s)\n", readlink(file, link, sizeof link), strerror(errno));

    int d = open(dir, O_RDONLY | O_DIRECTORY);
    printf("fchdir %d\n", fchdir(d));
    close(d);
    printf("relative open after fchdir: %s\n", access("f", R_OK) == 0 ? "found" : "missing");
    chdir("/");

    int null = open("/dev/null", O_RDWR), zero = open("/dev/zero", O_RDONLY);
    char buf[8] = "xxxxxxx";
    printf("/dev/null: write %zd, read %zd\n", write(null, "hello", 5), read(null, buf, sizeof buf));
    printf("/dev/zero: read %zd, first byte %d\n", read(zero, buf, sizeof buf), buf[0]);
    close(null);
    close(zero);

    volatile unsigned long spin = 0;
    for (unsigned long i = 0; i < 20000000; i++) spin += i;
    struct tms t;
    clock_t now = times(&t);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("times: ticks %s, user time %s; getrusage: %s\n", now > 0 ? "ok" : "bad",
           t.tms_utime >= 0 ? "ok" : "bad", ru.ru_utime.tv_sec >= 0 && ru.ru_utime.tv_usec < 1000000 ? "ok" : "bad");

    unlink(file);
    rmdir(dir);
    return 0;
}
