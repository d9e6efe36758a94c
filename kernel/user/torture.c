/* torture — heap exhaustion from user mode, the C twin of the kernel's built-in `torture`.
     torture [HOGS]        (default 12, at most 40)
   HOGS hog processes each grab up to 200 kernel objects — pipes, socketpairs, created files and
   directories (which fill the dentry cache) — then sleep holding them; one well-behaved child
   creates, writes and closes a file and a pipe 40 times. Booted with a small kernel heap
   (`--heap 64K`), the hogs exhaust it: system calls wait for their reservations while the
   killer evicts caches and kills the biggest process. The good child must finish, every hog
   must be reaped (killed by the killer, stopped here afterwards, or exited), and the system
   must work afterwards. On Linux nothing is exhausted; the run ends the same way. */
#include "ulib.h"

static int hog(int i) {
    int fds[2];
    char name[64];
    struct ml_stat st;
    for (int n = 0; n < 200; n++) {
        long r;
        switch ((i + n) % 4) {
        case 0: r = pipe(fds); break;
        case 1: r = socketpair(AF_UNIX, SOCK_STREAM, 0, fds); break;
        case 2:
            snprintf(name, sizeof name, "/tmp/torture.h%d-%d", i, n);
            r = open(name, O_CREAT | O_RDWR, 0600);
            break;
        default:
            snprintf(name, sizeof name, "/tmp/torture.d%d-%d", i, n);
            r = mkdir(name, 0755);
            if (r == 0) r = stat(name, &st);
            break;
        }
        if (r < 0 && errno == EMFILE) break;
        if (r < 0 && errno != ENFILE && errno != ENOSPC) return 10;
    }
    nanosleep_ms(60000);
    return 0;
}

static int good(void) {
    int fds[2];
    for (int k = 0; k < 40; k++) {
        int fd = open("/tmp/torture.good", O_CREAT | O_RDWR | O_TRUNC, 0600);
        if (fd < 0) return 1;
        if (write(fd, "0123456789", 10) != 10) return 2;
        if (close(fd) != 0) return 3;
        if (pipe(fds) != 0) return 4;
        close(fds[0]);
        close(fds[1]);
        nanosleep_ms(2);
    }
    return 0;
}

static int recovered(void) {
    int fds[2];
    char buf[8];
    if (pipe(fds) != 0) return 0;
    int ok1 = write(fds[1], "alive", 5) == 5 && read(fds[0], buf, 8) == 5;
    close(fds[0]);
    close(fds[1]);
    pid_t c = fork();
    if (c == 0) _exit(7);
    int st = 0;
    waitpid(c, &st, 0);
    int fd = open("/tmp/torture.after", O_CREAT | O_RDWR, 0600);
    int ok2 = fd >= 0 && close(fd) == 0;
    return ok1 && ok2 && WIFEXITED(st) && WEXITSTATUS(st) == 7;
}

/* Remove what the hogs made (on Linux it would stay behind in /tmp). */
static void cleanup(int hogs) {
    char name[64];
    for (int i = 0; i < hogs; i++)
        for (int n = 0; n < 200; n++) {
            snprintf(name, sizeof name, "/tmp/torture.h%d-%d", i, n);
            unlink(name);
            snprintf(name, sizeof name, "/tmp/torture.d%d-%d", i, n);
            rmdir(name);
        }
    unlink("/tmp/torture.good");
    unlink("/tmp/torture.after");
}

int main(int argc, char **argv) {
    int hogs = argc > 1 ? atoi(argv[1]) : 12;
    if (hogs < 1) hogs = 1;
    if (hogs > 40) hogs = 40;
    printf("torture: %d hogs and one well-behaved child (user mode)\n", hogs);
    flush();
    pid_t goodPid = fork();
    if (goodPid == 0) _exit(good());
    pid_t pids[40];
    int started = 0;
    for (int i = 0; i < hogs; i++) {
        pid_t c = fork();
        if (c == 0) _exit(hog(i));
        if (c > 0) pids[started++] = c;
        else printf("torture: fork failed: %d\n", errno);
    }
    int gs = 0;
    pid_t gw = waitpid(goodPid, &gs, 0);
    int goodOK = gw == goodPid && WIFEXITED(gs) && WEXITSTATUS(gs) == 0;
    printf("torture: well-behaved child %s (status %d)\n", goodOK ? "finished cleanly" : "FAILED", gs);
    nanosleep_ms(100);
    for (int i = 0; i < started; i++) kill(pids[i], SIGTERM);   /* the survivors sleep holding their objects */
    int byKiller = 0, byUs = 0, exited = 0;
    for (;;) {
        int st = 0;
        pid_t w = waitpid(-1, &st, 0);
        if (w < 0) break;
        if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL) byKiller++;
        else if (WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM) byUs++;
        else exited++;
    }
    printf("torture: %d hogs: %d killed by the killer, %d stopped afterwards, %d exited\n", started, byKiller, byUs, exited);
    int rec = recovered();
    printf("torture: the system %s\n", rec ? "recovered" : "did NOT recover");
    cleanup(hogs);
    return goodOK && rec && byKiller + byUs + exited == started ? 0 : 1;
}
