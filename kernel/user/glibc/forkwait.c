/* forkwait — processes: fork several children that exit with different codes, waitpid for
   each in a fixed order and print WIFEXITED/WEXITSTATUS; wait() for whichever ends first
   (collected, then printed sorted); a child that leaves with _exit() (its unflushed stdio
   buffer is dropped); waitpid with WNOHANG; ECHILD when there is nobody left. Only exit
   codes are printed, never pids. stdout is flushed before every fork so no buffered line is
   inherited (and printed twice) by a child. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static int cmp_int(const void *a, const void *b) {
    return *(const int *)a - *(const int *)b;
}

int main(void) {
    enum { N = 5 };
    static const int codes[N] = { 0, 1, 7, 42, 255 };
    pid_t pids[N];

    fflush(stdout);
    for (int i = 0; i < N; i++) {
        pids[i] = fork();
        if (pids[i] < 0) { perror("fork"); return 1; }
        if (pids[i] == 0) exit(codes[i]);
    }
    /* Reap in reverse order of creation: waitpid names one child, whatever ended first. */
    for (int i = N - 1; i >= 0; i--) {
        int status;
        pid_t w = waitpid(pids[i], &status, 0);
        if (w != pids[i]) { perror("waitpid"); return 1; }
        printf("child %d: WIFEXITED=%d WEXITSTATUS=%d\n", i, WIFEXITED(status) != 0,
               WEXITSTATUS(status));
    }

    /* wait() for any child: collect the codes, print them sorted. */
    fflush(stdout);
    for (int i = 0; i < N; i++) {
        pid_t p = fork();
        if (p < 0) { perror("fork"); return 1; }
        if (p == 0) exit(10 + (i * 3) % N);
    }
    int got[N];
    for (int i = 0; i < N; i++) {
        int status;
        if (wait(&status) < 0) { perror("wait"); return 1; }
        got[i] = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    qsort(got, N, sizeof got[0], cmp_int);
    printf("wait() collected:");
    for (int i = 0; i < N; i++) printf(" %d", got[i]);
    printf("\n");

    /* _exit() skips stdio: the child's buffered text never appears. */
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        printf("this line is buffered and lost");
        _exit(7);
    }
    int status;
    waitpid(p, &status, 0);
    printf("child exited %d\n", WEXITSTATUS(status));

    /* exit() does flush: the child's line is printed before the parent's next one. */
    fflush(stdout);
    p = fork();
    if (p == 0) {
        printf("child says hello before exit(9)\n");
        exit(9);
    }
    waitpid(p, &status, 0);
    printf("child exited %d\n", WEXITSTATUS(status));

    /* WNOHANG on a child that is still blocked on a pipe, then release it. */
    int fds[2];
    if (pipe(fds) != 0) { perror("pipe"); return 1; }
    fflush(stdout);
    p = fork();
    if (p == 0) {
        char c;
        close(fds[1]);
        ssize_t r = read(fds[0], &c, 1);
        _exit(r == 1 ? c : 99);
    }
    close(fds[0]);
    printf("WNOHANG while running: %d\n", (int)waitpid(p, &status, WNOHANG));
    char c = 5;
    write(fds[1], &c, 1);
    close(fds[1]);
    waitpid(p, &status, 0);
    printf("child exited %d\n", WEXITSTATUS(status));

    errno = 0;
    pid_t w = wait(&status);
    printf("wait with no children: %d %s\n", (int)w, errno == ECHILD ? "ECHILD" : strerror(errno));
    return 0;
}
