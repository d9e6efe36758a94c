/* pipes — pipe(2) between processes: a child writes N KiB in odd-sized pieces, the parent
   reads and counts bytes and a checksum; read returns 0 at EOF once every writer has closed;
   a child dup2()s the pipe onto its stdout and printf()s into it; a pipe is full after some
   KiB (non-blocking write gives EAGAIN). No exec, no signals (see sigpipe.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define KIB 256

static int child_status(pid_t p) {
    int status;
    if (waitpid(p, &status, 0) != p) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int main(void) {
    int fds[2];
    if (pipe(fds) != 0) { perror("pipe"); return 1; }
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        close(fds[0]);
        char buf[1000];
        size_t total = (size_t)KIB * 1024, sent = 0;
        while (sent < total) {
            size_t n = total - sent < sizeof buf ? total - sent : sizeof buf;
            for (size_t i = 0; i < n; i++) buf[i] = (char)((sent + i) % 251);
            ssize_t w = write(fds[1], buf, n);
            if (w <= 0) _exit(2);
            sent += (size_t)w;
        }
        _exit(0);
    }
    close(fds[1]);
    char buf[4096];
    size_t total = 0;
    unsigned long sum = 0;
    int bad = 0;
    ssize_t r;
    while ((r = read(fds[0], buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < r; i++) {
            if ((unsigned char)buf[i] != (total + (size_t)i) % 251) bad++;
            sum += (unsigned char)buf[i];
        }
        total += (size_t)r;
    }
    printf("read %zu bytes (%zu KiB), sum %lu, %d out of order\n", total, total / 1024, sum, bad);
    printf("final read returned %zd (EOF)\n", r);
    printf("read again at EOF: %zd\n", read(fds[0], buf, sizeof buf));
    close(fds[0]);
    printf("writer exited %d\n", child_status(p));

    /* A child with the pipe as its stdout: its printf output arrives through the pipe. */
    if (pipe(fds) != 0) { perror("pipe"); return 1; }
    fflush(stdout);
    p = fork();
    if (p == 0) {
        close(fds[0]);
        if (dup2(fds[1], STDOUT_FILENO) < 0) _exit(3);
        close(fds[1]);
        for (int i = 1; i <= 3; i++) printf("message %d from the child\n", i);
        exit(0);
    }
    close(fds[1]);
    FILE *in = fdopen(fds[0], "r");
    char line[128];
    while (fgets(line, sizeof line, in)) printf("parent got: %s", line);
    fclose(in);
    printf("stdout child exited %d\n", child_status(p));

    /* Both ends in one process: data in order, EOF after the write end closes. */
    if (pipe(fds) != 0) { perror("pipe"); return 1; }
    write(fds[1], "abc", 3);
    write(fds[1], "defg", 4);
    close(fds[1]);
    memset(buf, 0, sizeof buf);
    r = read(fds[0], buf, sizeof buf);
    printf("same process: %zd bytes \"%s\", then %zd\n", r, buf, read(fds[0], buf, 1));
    close(fds[0]);

    /* Fill a pipe without blocking: the capacity is at least 4 KiB (POSIX PIPE_BUF). */
    if (pipe(fds) != 0) { perror("pipe"); return 1; }
    fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK);
    memset(buf, 'x', sizeof buf);
    size_t filled = 0;
    for (;;) {
        ssize_t w = write(fds[1], buf, 512);
        if (w < 0) break;
        filled += (size_t)w;
        if (filled > (64u << 20)) break;
    }
    printf("full pipe: %s, capacity >= 4 KiB: %s\n", errno == EAGAIN ? "EAGAIN" : strerror(errno),
           filled >= 4096 ? "yes" : "no");
    close(fds[0]);
    close(fds[1]);
    return 0;
}
