/* abort — abort() kills the process with SIGABRT even when a SIGABRT handler returns; the
   parent sees WIFSIGNALED with WTERMSIG 6. assert() failing aborts too (its message goes to
   stderr). abort() does not flush stdio, so the children flush before aborting. */
#include <assert.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void on_abrt(int sig) {
    static const char msg[] = "SIGABRT handler ran\n";
    write(STDOUT_FILENO, msg, sizeof msg - 1);
    (void)sig;
}

static void report(const char *what, pid_t p) {
    int status;
    if (waitpid(p, &status, 0) != p) { perror("waitpid"); exit(1); }
    if (WIFSIGNALED(status))
        printf("%s: killed by signal %d (%s)\n", what, WTERMSIG(status), strsignal(WTERMSIG(status)));
    else
        printf("%s: exited %d\n", what, WEXITSTATUS(status));
    fflush(stdout);
}

int main(int argc, char *argv[]) {
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        printf("child 1 calls abort()\n");
        fflush(stdout);
        abort();
    }
    report("plain abort", p);

    p = fork();
    if (p == 0) {
        signal(SIGABRT, on_abrt);
        printf("child 2 has a handler that returns\n");
        fflush(stdout);
        abort();
    }
    report("abort with a handler", p);

    p = fork();
    if (p == 0) {
        fclose(stderr);     /* assert's message names this file and line: keep it out */
        assert(argc > 100 && argv != NULL);
        _exit(0);
    }
    report("failed assert", p);
    return 0;
}
