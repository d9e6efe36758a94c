/* sh — a small shell. `sh -c "COMMANDS"`, `sh SCRIPT`, or commands from standard input.
   A line holds commands separated by ';', each a pipeline of simple commands joined by '|';
   a simple command is words (single or double quotes group, no expansion) with redirections
   '< FILE', '> FILE' and '>> FILE'. Builtins: cd DIR, exit [CODE]. Programs are looked up in
   /bin unless the name contains a '/'. The status is the last pipeline's last command's
   (128 + signal if killed); a missing program prints "sh: NAME: not found" and is 127. */
#include "ulib.h"

#define MAXWORDS 32
#define MAXCMDS 8

struct cmd {
    char *argv[MAXWORDS + 1];
    int argc;
    char *in, *out;
    int append;
};

static int status;

/* The operators, compared by address so that a quoted "|" is an ordinary word. */
static char OP_PIPE[] = "|", OP_IN[] = "<", OP_OUT[] = ">", OP_APPEND[] = ">>";

static int separates(char c) {
    return c == 0 || c == ' ' || c == '\t' || c == ';' || c == '\n' || c == '|' || c == '<' || c == '>';
}

/* The next word of the command at *p (a fresh copy, quotes removed), an operator, or NULL at
   the end of the command (';', a newline or the end of the line). */
static char *word(char **p) {
    char *s = *p;
    while (*s == ' ' || *s == '\t') s++;
    *p = s;
    if (!*s || *s == ';' || *s == '\n') return NULL;
    if (*s == '|') { *p = s + 1; return OP_PIPE; }
    if (*s == '<') { *p = s + 1; return OP_IN; }
    if (*s == '>') {
        if (s[1] == '>') { *p = s + 2; return OP_APPEND; }
        *p = s + 1;
        return OP_OUT;
    }
    char *w = malloc(strlen(s) + 1), *d = w;
    while (!separates(*s)) {
        if (*s == '"' || *s == '\'') {
            char q = *s++;
            while (*s && *s != q) *d++ = *s++;
            if (*s) s++;
        } else {
            *d++ = *s++;
        }
    }
    *d = 0;
    *p = s;
    return w;
}

/* Run a pipeline of n commands; returns its status. */
static int pipeline(struct cmd *c, int n) {
    if (n == 1 && c[0].argc > 0 && !strcmp(c[0].argv[0], "cd")) {
        const char *dir = c[0].argc > 1 ? c[0].argv[1] : "/";
        if (chdir(dir) < 0) { dprintf(2, "sh: cd: %s: %s\n", dir, strerror(errno)); return 1; }
        return 0;
    }
    if (n == 1 && c[0].argc > 0 && !strcmp(c[0].argv[0], "exit")) exit(c[0].argc > 1 ? atoi(c[0].argv[1]) : status);
    pid_t pids[MAXCMDS];
    int prevRead = -1;
    for (int i = 0; i < n; i++) {
        int fds[2] = { -1, -1 };
        if (i + 1 < n && pipe(fds) < 0) { dprintf(2, "sh: pipe: %s\n", strerror(errno)); return 1; }
        pid_t pid = fork();
        if (pid == 0) {
            if (prevRead >= 0) { dup2(prevRead, 0); close(prevRead); }
            if (fds[1] >= 0) { dup2(fds[1], 1); close(fds[1]); close(fds[0]); }
            if (c[i].in) {
                int fd = open(c[i].in, O_RDONLY);
                if (fd < 0) { dprintf(2, "sh: %s: %s\n", c[i].in, strerror(errno)); _exit(1); }
                dup2(fd, 0);
                close(fd);
            }
            if (c[i].out) {
                int fd = open(c[i].out, O_WRONLY | O_CREAT | (c[i].append ? O_APPEND : O_TRUNC), 0666);
                if (fd < 0) { dprintf(2, "sh: %s: %s\n", c[i].out, strerror(errno)); _exit(1); }
                dup2(fd, 1);
                close(fd);
            }
            if (c[i].argc == 0) _exit(0);
            char path[256];
            if (strchr(c[i].argv[0], '/')) snprintf(path, sizeof path, "%s", c[i].argv[0]);
            else snprintf(path, sizeof path, "/bin/%s", c[i].argv[0]);
            execve(path, c[i].argv, environ);
            if (errno == ENOENT) dprintf(2, "sh: %s: not found\n", c[i].argv[0]);
            else dprintf(2, "sh: %s: %s\n", c[i].argv[0], strerror(errno));
            _exit(127);
        }
        if (pid < 0) { dprintf(2, "sh: fork: %s\n", strerror(errno)); return 1; }
        pids[i] = pid;
        if (prevRead >= 0) close(prevRead);
        if (fds[1] >= 0) close(fds[1]);
        prevRead = fds[0];
    }
    int last = 0;
    for (int i = 0; i < n; i++) {
        int st = 0;
        waitpid(pids[i], &st, 0);
        if (i == n - 1) last = WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
    }
    return last;
}

/* Run one line. */
static void runLine(char *line) {
    char *p = line;
    while (*p) {
        struct cmd cmds[MAXCMDS];
        int n = 1, bad = 0;
        memset(cmds, 0, sizeof cmds);
        for (;;) {
            char *w = word(&p);
            if (!w) break;
            struct cmd *c = &cmds[n - 1];
            if (w == OP_PIPE) {
                if (n == MAXCMDS) { bad = 1; break; }
                n++;
            } else if (w == OP_IN || w == OP_OUT || w == OP_APPEND) {
                char *f = word(&p);
                if (!f || f == OP_PIPE || f == OP_IN || f == OP_OUT || f == OP_APPEND) {
                    dprintf(2, "sh: missing file after %s\n", w);
                    bad = 1;
                    break;
                }
                if (w == OP_IN) c->in = f; else { c->out = f; c->append = w == OP_APPEND; }
            } else if (c->argc < MAXWORDS) {
                c->argv[c->argc++] = w;
            }
        }
        if (!bad && (cmds[0].argc > 0 || n > 1)) status = pipeline(cmds, n);
        if (bad) status = 2;
        if (*p == ';' || *p == '\n') p++;
        else if (bad) break;
    }
}

static int runFile(int fd) {
    static char buf[8192];
    long len = 0;
    for (;;) {
        long r = read(fd, buf + len, sizeof buf - 1 - (size_t)len);
        if (r <= 0) break;
        len += r;
        buf[len] = 0;
        char *nl;
        while ((nl = strchr(buf, '\n'))) {
            *nl = 0;
            if (buf[0] != '#') runLine(buf);
            long rest = len - (nl + 1 - buf);
            memmove(buf, nl + 1, (size_t)rest);
            len = rest;
            buf[len] = 0;
        }
        if (len == (long)sizeof buf - 1) len = 0;   /* an over-long line is dropped */
    }
    if (len > 0 && buf[0] != '#') runLine(buf);
    return status;
}

int main(int argc, char **argv) {
    if (argc > 2 && !strcmp(argv[1], "-c")) {
        runLine(argv[2]);
        return status;
    }
    if (argc > 1) {
        int fd = open(argv[1], O_RDONLY);
        if (fd < 0) { dprintf(2, "sh: %s: %s\n", argv[1], strerror(errno)); return 127; }
        return runFile(fd);
    }
    return runFile(0);
}
