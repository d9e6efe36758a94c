/* jobstop — job-control stops through glibc: a child stops itself with raise(SIGSTOP) and its
   parent sees it with waitpid(WUNTRACED) (WIFSTOPPED, WSTOPSIG, a SIGCHLD), resumes it with
   kill(SIGCONT) and sees that with waitpid(WCONTINUED), then the child's normal exit; WNOHANG
   after the stop was reported; SIGTSTP's default action stops too, a handler for it runs
   instead; a stop and its SIGCONT under SA_NOCLDSTOP; a handler for SIGCONT runs once the
   child goes on; a child asleep in pause() stopped and resumed from outside; a stopped child
   killed by SIGKILL. Children print nothing: everything shown comes from the parent, so the
   order of the lines does not depend on scheduling.
   (Under qemu-riscv64, the Linux reference, SA_NOCLDSTOP does not reach the host and a
   signal sent to a stopped process waits for SIGCONT even when it is fatal, so neither is
   shown here.) */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t chld, tstp, cont;

static void on_chld(int sig) { (void)sig; chld++; }
static void on_tstp(int sig) { (void)sig; tstp++; }
static void on_cont(int sig) { (void)sig; cont++; }

static const char *name(int sig) {
    switch (sig) {
    case SIGSTOP: return "SIGSTOP";
    case SIGTSTP: return "SIGTSTP";
    case SIGCONT: return "SIGCONT";
    case SIGKILL: return "SIGKILL";
    case SIGTERM: return "SIGTERM";
    default: return "another signal";
    }
}

/* What waitpid returned. */
static void show(const char *what, pid_t child, pid_t r, int st) {
    printf("%-34s ", what);
    if (r == 0) { printf("nothing to report\n"); return; }
    if (r < 0) { printf("%s\n", strerror(errno)); return; }
    if (r != child) { printf("another pid?\n"); return; }
    if (WIFSTOPPED(st)) printf("stopped by %s (status 0x%x)\n", name(WSTOPSIG(st)), (unsigned)st);
    else if (WIFCONTINUED(st)) printf("continued (status 0x%x)\n", (unsigned)st);
    else if (WIFEXITED(st)) printf("exited %d\n", WEXITSTATUS(st));
    else if (WIFSIGNALED(st)) printf("killed by %s\n", name(WTERMSIG(st)));
    else printf("status 0x%x?\n", (unsigned)st);
}

static void handle(int sig, void (*fn)(int), int flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static pid_t spawn(void) {
    fflush(stdout);                 /* nothing buffered for the child to print again */
    pid_t pid = fork();
    if (pid < 0) { perror("fork"); _exit(1); }
    return pid;
}

int main(void) {
    int st = 0;
    pid_t r;
    handle(SIGCHLD, on_chld, SA_RESTART);

    printf("-- a child stops itself, is continued, exits\n");
    int gate[2];                    /* the continued child waits for its end of file */
    pipe(gate);
    pid_t pid = spawn();
    if (pid == 0) {
        char c;
        close(gate[1]);
        raise(SIGSTOP);
        _exit(read(gate[0], &c, 1) == 0 ? 5 : 4);
    }
    close(gate[0]);
    r = waitpid(pid, &st, WUNTRACED);
    int seen = chld;
    show("waitpid WUNTRACED:", pid, r, st);
    printf("%-34s %s\n", "SIGCHLD for the stop:", seen > 0 ? "yes" : "no");
    r = waitpid(pid, &st, WUNTRACED | WNOHANG);
    show("again, WUNTRACED|WNOHANG:", pid, r, st);
    r = waitpid(pid, &st, WNOHANG);
    show("WNOHANG alone:", pid, r, st);
    printf("%-34s %d\n", "kill SIGCONT:", kill(pid, SIGCONT));
    r = waitpid(pid, &st, WCONTINUED);
    show("waitpid WCONTINUED:", pid, r, st);
    close(gate[1]);
    r = waitpid(pid, &st, 0);
    show("waitpid:", pid, r, st);

    printf("-- SIGTSTP's default action stops; a handler runs instead\n");
    pid = spawn();
    if (pid == 0) { raise(SIGTSTP); _exit(6); }
    r = waitpid(pid, &st, WUNTRACED);
    printf("%-34s %s\n", "waitpid WUNTRACED:", r == pid && WIFSTOPPED(st) ? "stopped" : "not stopped?");
    kill(pid, SIGCONT);
    r = waitpid(pid, &st, 0);
    show("after SIGCONT, waitpid:", pid, r, st);
    pid = spawn();
    if (pid == 0) {
        handle(SIGTSTP, on_tstp, 0);
        raise(SIGTSTP);
        _exit(10 + tstp);
    }
    r = waitpid(pid, &st, WUNTRACED);
    show("handled SIGTSTP, waitpid WUNTRACED:", pid, r, st);

    printf("-- SA_NOCLDSTOP\n");
    handle(SIGCHLD, on_chld, SA_RESTART | SA_NOCLDSTOP);
    pid = spawn();
    if (pid == 0) { raise(SIGSTOP); _exit(7); }
    chld = 0;
    r = waitpid(pid, &st, WUNTRACED);
    show("waitpid WUNTRACED:", pid, r, st);
    kill(pid, SIGCONT);
    r = waitpid(pid, &st, 0);
    show("after SIGCONT, waitpid:", pid, r, st);
    printf("%-34s %s\n", "SIGCHLD for the exit:", chld > 0 ? "yes" : "no");
    handle(SIGCHLD, on_chld, SA_RESTART);

    printf("-- a handler for SIGCONT runs after the stop\n");
    pid = spawn();
    if (pid == 0) {
        handle(SIGCONT, on_cont, 0);
        raise(SIGSTOP);
        _exit(20 + cont);
    }
    r = waitpid(pid, &st, WUNTRACED);
    show("waitpid WUNTRACED:", pid, r, st);
    kill(pid, SIGCONT);
    r = waitpid(pid, &st, 0);
    show("after SIGCONT, waitpid:", pid, r, st);

    printf("-- stopped from outside while asleep in pause()\n");
    pid = spawn();
    if (pid == 0) { for (;;) pause(); }
    printf("%-34s %d\n", "kill SIGSTOP:", kill(pid, SIGSTOP));
    r = waitpid(pid, &st, WUNTRACED);
    show("waitpid WUNTRACED:", pid, r, st);
    kill(pid, SIGCONT);
    r = waitpid(pid, &st, WCONTINUED);
    show("waitpid WCONTINUED:", pid, r, st);
    kill(pid, SIGSTOP);
    r = waitpid(pid, &st, WUNTRACED);
    show("stopped again:", pid, r, st);
    kill(pid, SIGCONT);
    printf("%-34s %d\n", "SIGCONT, then SIGTERM:", kill(pid, SIGTERM));
    r = waitpid(pid, &st, 0);
    show("waitpid:", pid, r, st);

    printf("-- a stopped child killed by SIGKILL\n");
    pid = spawn();
    if (pid == 0) { raise(SIGSTOP); _exit(8); }
    r = waitpid(pid, &st, WUNTRACED);
    show("waitpid WUNTRACED:", pid, r, st);
    kill(pid, SIGKILL);
    r = waitpid(pid, &st, 0);
    show("waitpid:", pid, r, st);
    r = waitpid(-1, &st, WNOHANG);
    show("no children left:", -1, r, st);
    return 0;
}
