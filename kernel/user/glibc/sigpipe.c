/* sigpipe — writing to a pipe nobody reads: with SIGPIPE ignored write() fails with EPIPE;
   with the default action the writer is killed by SIGPIPE. Needs signals, so it is built
   with the "later" programs. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    int fds[2];

    /* Default action: a child writing to a reader-less pipe dies of SIGPIPE. The read end is
       closed before the fork, so no process can still be holding it when the child writes. */
    if (pipe(fds) != 0) { perror("pipe"); return 1; }
    close(fds[0]);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        write(fds[1], "x", 1);
        _exit(0);               /* not reached */
    }
    close(fds[1]);
    int status;
    waitpid(p, &status, 0);
    if (WIFSIGNALED(status))
        printf("default: child killed by signal %d (%s)\n", WTERMSIG(status),
               WTERMSIG(status) == SIGPIPE ? "SIGPIPE" : "other");
    else
        printf("default: child exited %d\n", WEXITSTATUS(status));

    /* Ignored: write fails with EPIPE and the process carries on. */
    if (signal(SIGPIPE, SIG_IGN) == SIG_ERR) { perror("signal"); return 1; }
    if (pipe(fds) != 0) { perror("pipe"); return 1; }
    close(fds[0]);
    errno = 0;
    ssize_t w = write(fds[1], "hello", 5);
    printf("ignored: write returned %zd, errno %s\n", w, errno == EPIPE ? "EPIPE" : strerror(errno));
    close(fds[1]);
    puts("still alive");
    return 0;
}
