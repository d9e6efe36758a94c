/* init — process 1. `init PROGRAM ARGS…` runs /bin/PROGRAM (or PROGRAM if it contains a '/')
   with ARGS, reaps every child (orphans are given to init too) and exits with the program's
   exit status, or 128 + the signal that killed it: the kernel powers off with that status.
   With no argument it runs /bin/sh. */
#include "ulib.h"

int main(int argc, char **argv) {
    char *shell[] = { "sh", NULL };
    char **args = argc > 1 ? argv + 1 : shell;
    char path[256];
    if (strchr(args[0], '/')) snprintf(path, sizeof path, "%s", args[0]);
    else snprintf(path, sizeof path, "/bin/%s", args[0]);
    char *env[] = { "PATH=/bin", NULL };
    pid_t pid = fork();
    if (pid == 0) {
        execve(path, args, env);
        dprintf(2, "init: cannot run %s: %s\n", path, strerror(errno));
        _exit(127);
    }
    if (pid < 0) {
        dprintf(2, "init: fork: %s\n", strerror(errno));
        return 1;
    }
    int code = 0;
    for (;;) {
        int st = 0;
        pid_t w = waitpid(-1, &st, 0);
        if (w < 0) break;           /* ECHILD: everyone is reaped */
        if (w == pid) code = WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
    }
    return code;
}
