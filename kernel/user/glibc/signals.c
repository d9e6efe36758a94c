/* signals — sigaction handlers: raise(SIGUSR1) runs the handler before raise returns;
   a blocked signal stays pending (sigpending) until sigprocmask unblocks it; SA_SIGINFO gives
   si_signo; kill() of a child with SIGTERM is seen by waitpid; SIG_IGN really ignores. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t usr1_count, usr2_signo;

static void on_usr1(int sig) { (void)sig; usr1_count++; }

static void on_usr2(int sig, siginfo_t *info, void *ctx) {
    (void)sig; (void)ctx;
    usr2_signo = info->si_signo;
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGUSR1, &sa, NULL) != 0) { perror("sigaction"); return 1; }

    raise(SIGUSR1);
    printf("after raise: handler ran %d time(s)\n", (int)usr1_count);

    sigset_t block, pending, old;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, &old);
    raise(SIGUSR1);
    raise(SIGUSR1);             /* standard signals do not queue: one delivery */
    sigpending(&pending);
    printf("blocked: handler ran %d time(s), pending %d\n", (int)usr1_count,
           sigismember(&pending, SIGUSR1));
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("unblocked: handler ran %d time(s)\n", (int)usr1_count);

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr2;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR2, &sa, NULL);
    kill(getpid(), SIGUSR2);
    printf("SA_SIGINFO: si_signo %d (SIGUSR2 is %d)\n", (int)usr2_signo, SIGUSR2);

    struct sigaction cur;
    sigaction(SIGUSR1, NULL, &cur);
    printf("sigaction query: handler is on_usr1: %s\n", cur.sa_handler == on_usr1 ? "yes" : "no");

    signal(SIGUSR1, SIG_IGN);
    raise(SIGUSR1);
    printf("ignored: handler ran %d time(s)\n", (int)usr1_count);

    int fds[2];
    pipe(fds);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        char c;
        close(fds[1]);
        read(fds[0], &c, 1);    /* blocks until killed */
        _exit(0);
    }
    close(fds[0]);
    kill(p, SIGTERM);
    int status;
    waitpid(p, &status, 0);
    printf("child: signaled %d, signal %d (%s)\n", WIFSIGNALED(status) != 0,
           WIFSIGNALED(status) ? WTERMSIG(status) : 0, strsignal(WTERMSIG(status)));
    close(fds[1]);
    return 0;
}
