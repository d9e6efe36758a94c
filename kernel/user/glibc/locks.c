/* locks — flock(2) between processes: an exclusive lock keeps out other open file
   descriptions (not the same one, shared by fork), a non-blocking request fails with
   EWOULDBLOCK, a waiter gets the lock when it is released, shared locks coexist, close
   releases, and a bad descriptor or operation is refused. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *result(int r) { return r == 0 ? "ok" : strerror(errno); }

int main(void) {
    char path[64];
    snprintf(path, sizeof path, "/tmp/locks-%d", (int)getpid());
    int a = open(path, O_CREAT | O_RDWR, 0600);
    int b = open(path, O_RDWR);
    printf("a: LOCK_EX %s\n", result(flock(a, LOCK_EX)));
    printf("b: LOCK_SH|LOCK_NB %s\n", result(flock(b, LOCK_SH | LOCK_NB)));
    printf("b: LOCK_EX|LOCK_NB %s\n", result(flock(b, LOCK_EX | LOCK_NB)));
    printf("a again: LOCK_EX %s\n", result(flock(a, LOCK_EX)));
    int c = dup(a);
    printf("dup of a: LOCK_EX|LOCK_NB %s\n", result(flock(c, LOCK_EX | LOCK_NB)));
    fflush(stdout);

    int ready[2];
    pipe(ready);
    pid_t child = fork();
    if (child == 0) {
        /* b is inherited: the same description as the parent's b, still unlocked */
        close(ready[0]);
        write(ready[1], "x", 1);
        int r = flock(b, LOCK_EX);                 /* waits for the parent's unlock */
        printf("child: LOCK_EX after the wait %s\n", result(r));
        fflush(stdout);
        _exit(0);
    }
    close(ready[1]);
    char x;
    read(ready[0], &x, 1);
    usleep(200000);
    printf("parent: unlocking a\n");
    fflush(stdout);
    int u = flock(a, LOCK_UN);
    int status;
    waitpid(child, &status, 0);
    /* the child's lock belongs to b's description, which the parent still holds open */
    printf("parent: unlock %s\n", result(u));
    printf("a: LOCK_SH|LOCK_NB while b holds LOCK_EX: %s\n", result(flock(a, LOCK_SH | LOCK_NB)));
    printf("b: LOCK_SH (conversion) %s\n", result(flock(b, LOCK_SH)));
    printf("a: LOCK_SH|LOCK_NB beside it: %s\n", result(flock(a, LOCK_SH | LOCK_NB)));
    printf("a: LOCK_EX|LOCK_NB over b's shared lock: %s\n", result(flock(a, LOCK_EX | LOCK_NB)));
    close(b);
    printf("after closing b: a LOCK_EX|LOCK_NB %s\n", result(flock(a, LOCK_EX | LOCK_NB)));
    printf("bad descriptor: %s\n", result(flock(99, LOCK_SH)));
    printf("bad operation: %s\n", result(flock(a, 3)));
    printf("pipe: LOCK_EX %s\n", result(flock(ready[0], LOCK_EX)));
    close(a);
    close(c);
    unlink(path);
    return 0;
}
