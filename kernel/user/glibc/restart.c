/* restart — a handler interrupts a blocking read: with SA_RESTART the read goes on and gets
   the data, without it read fails with EINTR; sigsuspend and nanosleep return EINTR either
   way; SIGCHLD runs a handler when a child exits. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got_usr1, got_chld;
static void on_usr1(int sig) { (void)sig; got_usr1++; }
static void on_chld(int sig) { (void)sig; got_chld++; }

/* A child that signals the parent, waits, then writes one line to the pipe. */
static pid_t helper(int fd) {
    pid_t parent = getpid();
    pid_t c = fork();
    if (c == 0) {
        struct timespec t = { 0, 200 * 1000 * 1000 };    /* the parent is blocked in read by then */
        nanosleep(&t, NULL);
        kill(parent, SIGUSR1);
        nanosleep(&t, NULL);
        write(fd, "data\n", 5);
        _exit(0);
    }
    return c;
}

static void try_read(int restart) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigaction(SIGUSR1, &sa, NULL);
    int fds[2];
    pipe(fds);
    pid_t c = helper(fds[1]);
    char buf[16] = {0};
    ssize_t n = read(fds[0], buf, sizeof buf - 1);
    int e = errno;
    printf("%s: read %zd%s%s, handler ran %d\n", restart ? "SA_RESTART" : "no SA_RESTART", n,
           n < 0 ? " " : "", n < 0 ? strerror(e) : "", (int)got_usr1);
    waitpid(c, NULL, 0);
    close(fds[0]);
    close(fds[1]);
    got_usr1 = 0;
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    try_read(1);
    try_read(0);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_chld;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGCHLD, &sa, NULL);
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, &old);
    pid_t c = fork();
    if (c == 0) _exit(3);
    int r = sigsuspend(&old);
    printf("sigsuspend: %d %s, SIGCHLD handler ran %d\n", r, strerror(errno), (int)got_chld);
    int st;
    waitpid(c, &st, 0);
    printf("child exited %d\n", WEXITSTATUS(st));
    return 0;
}
