/* uname — who and where: uname()'s sysname and machine (not the release or host name, which
   differ from system to system), the user and group ids, umask (the previous mask comes
   back), getpid/getppid without printing them. */
#include <stdio.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(void) {
    struct utsname u;
    if (uname(&u) != 0) { perror("uname"); return 1; }
    printf("sysname: %s\n", u.sysname);
    printf("machine: %s\n", u.machine);
    printf("release non-empty: %s\n", u.release[0] ? "yes" : "no");

    printf("uid %d euid %d gid %d egid %d\n", (int)getuid(), (int)geteuid(), (int)getgid(),
           (int)getegid());

    mode_t old = umask(022);
    printf("umask(022) returned %03o\n", (unsigned)old);
    old = umask(077);
    printf("umask(077) returned %03o\n", (unsigned)old);
    umask(022);

    pid_t pid = getpid(), again = getpid();
    printf("getpid: %s\n", pid > 0 && pid == again ? "ok" : "bad");
    printf("getppid: %s\n", getppid() >= 0 && getppid() != pid ? "ok" : "bad");
    long page = sysconf(_SC_PAGESIZE);
    printf("page size: %ld\n", page);
    return 0;
}
