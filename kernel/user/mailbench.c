/* mailbench — a mail-delivery benchmark in the spirit of Biscuit's CMailbench, the C twin of
   the kernel's built-in `mail` (kernel/Sources/Kernel/Mail.swift).
     mailbench [MESSAGES] [CLIENTS] [USERS]      (defaults 2000, 4, 8)
   clients  CLIENTS processes; each sends its share of MESSAGES over its own socketpair to the
            server (a 16-byte header: user, length, client, sequence; then the body) and waits
            for the one-byte acknowledgement before the next
   server   polls the client sockets; for each message it creates SPOOL/q/<client>-<seq>
            (O_CREAT|O_EXCL), writes it, fsyncs, closes and renames it into the user's mailbox
            SPOOL/u<user>/, then acknowledges
   reader   drains every mailbox: lists it (getdents64), reads and checks each message, unlinks it
   SPOOL is /tmp/mailbench.<pid>, removed at the end. It prints one line — messages, clients,
   mailboxes, milliseconds and msg/s — and exits non-zero if a message was lost, duplicated or
   corrupted. */
#include "ulib.h"

#define MAX_CLIENTS 16
#define HEADER 16

static char spool[64];

static unsigned char body(int c, int seq, int i) { return (unsigned char)(c * 131 + seq * 17 + i * 7); }
static int length(int c, int seq) { return 200 + (c * 37 + seq * 101) % 800; }

static void boxPath(char *buf, int user) {
    if (user < 0) snprintf(buf, 128, "%s/q", spool);
    else snprintf(buf, 128, "%s/u%d", spool, user);
}

static int readFull(int fd, void *buf, int n) {
    for (int done = 0; done < n;) {
        long r = read(fd, (char *)buf + done, (size_t)(n - done));
        if (r <= 0) return 0;
        done += (int)r;
    }
    return 1;
}

static int client(int sock, int c, int count, int users) {
    unsigned char msg[HEADER + 1024];
    char ack;
    for (int seq = 0; seq < count; seq++) {
        int len = length(c, seq);
        unsigned int *h = (unsigned int *)msg;
        h[0] = (unsigned int)((c + seq) % users);
        h[1] = (unsigned int)len;
        h[2] = (unsigned int)c;
        h[3] = (unsigned int)seq;
        for (int i = 0; i < len; i++) msg[HEADER + i] = body(c, seq, i);
        if (write(sock, msg, (size_t)(HEADER + len)) != HEADER + len) return 2;
        if (read(sock, &ack, 1) != 1) return 3;
    }
    close(sock);
    return 0;
}

static int server(int *socks, int clients) {
    struct ml_pollfd pfds[MAX_CLIENTS];
    unsigned char msg[HEADER + 1024];
    char qpath[160], mpath[160], dir[128];
    for (int c = 0; c < clients; c++) {
        pfds[c].fd = socks[2 * c];
        pfds[c].events = POLLIN;
        pfds[c].revents = 0;
    }
    int open_ = clients;
    while (open_ > 0) {
        if (sys5(SYS_ppoll, pfds, clients, 0, 0, 8) < 0) return 10;
        for (int c = 0; c < clients; c++) {
            int fd = pfds[c].fd;
            if (fd < 0 || pfds[c].revents == 0) continue;
            if (!readFull(fd, msg, HEADER)) {       /* the client is done */
                close(fd);
                pfds[c].fd = -1;
                open_--;
                continue;
            }
            unsigned int *h = (unsigned int *)msg;
            int user = (int)h[0], len = (int)h[1], from = (int)h[2], seq = (int)h[3];
            if (len > 1024 || !readFull(fd, msg + HEADER, len)) return 11;
            boxPath(dir, -1);
            snprintf(qpath, sizeof qpath, "%s/%d-%d", dir, from, seq);
            boxPath(dir, user);
            snprintf(mpath, sizeof mpath, "%s/%d-%d", dir, from, seq);
            int f = open(qpath, O_CREAT | O_EXCL | O_WRONLY, 0600);
            if (f < 0) return 12;
            if (write(f, msg, (size_t)(HEADER + len)) != HEADER + len) return 13;
            if (fsync(f) != 0) return 14;
            if (close(f) != 0) return 15;
            if (rename(qpath, mpath) != 0) return 16;
            if (write(fd, "k", 1) != 1) return 17;
        }
    }
    return 0;
}

static int reader(int messages, int clients, int users) {
    unsigned char *seen = malloc((size_t)messages + 64);
    unsigned char msg[HEADER + 1024 + 64];
    char box[128], file[256];
    memset(seen, 0, (size_t)messages + 64);
    int got = 0;
    long idle = 0;
    while (got < messages) {
        int found = 0;
        for (int k = 0; k < users; k++) {
            boxPath(box, k);
            int n;
            char **names = list_dir(box, &n);
            if (!names) return 20;
            for (int i = 0; i < n; i++) {
                snprintf(file, sizeof file, "%s/%s", box, names[i]);
                int f = open(file, O_RDONLY);
                if (f < 0) return 21;
                long r = read(f, msg, sizeof msg);
                close(f);
                if (r < HEADER) return 22;
                unsigned int *h = (unsigned int *)msg;
                int user = (int)h[0], len = (int)h[1], c = (int)h[2], seq = (int)h[3];
                if (user != k || r != HEADER + len || c >= clients || len != length(c, seq)) return 23;
                for (int j = 0; j < len; j++)
                    if (msg[HEADER + j] != body(c, seq, j)) return 24;
                int slot = seq * clients + c;
                if (slot >= messages + 64 || seen[slot]) return 25;     /* a duplicate */
                seen[slot] = 1;
                if (unlink(file) != 0) return 26;
                got++;
                found++;
            }
            free_names(names);
        }
        if (found == 0) {
            if (++idle > 2000000) return 27;
            sched_yield();
        }
    }
    return 0;
}

int main(int argc, char **argv) {
    int messages = argc > 1 ? atoi(argv[1]) : 2000;
    int clients = argc > 2 ? atoi(argv[2]) : 4;
    int users = argc > 3 ? atoi(argv[3]) : 8;
    if (messages < 1) messages = 1;
    if (clients < 1) clients = 1;
    if (clients > MAX_CLIENTS) clients = MAX_CLIENTS;
    if (users < 1) users = 1;
    if (users > 64) users = 64;
    char dir[128];
    snprintf(spool, sizeof spool, "/tmp/mailbench.%d", getpid());
    if (mkdir(spool, 0755) < 0) { dprintf(2, "mailbench: %s: %s\n", spool, strerror(errno)); return 1; }
    for (int k = -1; k < users; k++) {
        boxPath(dir, k);
        if (mkdir(dir, 0755) < 0) { dprintf(2, "mailbench: %s: %s\n", dir, strerror(errno)); return 1; }
    }
    int socks[2 * MAX_CLIENTS];
    for (int c = 0; c < clients; c++)
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, socks + 2 * c) < 0) { dprintf(2, "mailbench: socketpair: %s\n", strerror(errno)); return 1; }
    long t0 = now_ns();
    pid_t srv = fork();
    if (srv == 0) {
        for (int c = 0; c < clients; c++) close(socks[2 * c + 1]);
        _exit(server(socks, clients));
    }
    int started = 0;
    for (int c = 0; c < clients; c++) {
        pid_t pid = fork();
        if (pid == 0) {
            for (int k = 0; k < clients; k++) {
                close(socks[2 * k]);
                if (k != c) close(socks[2 * k + 1]);
            }
            _exit(client(socks[2 * c + 1], c, messages / clients + (c < messages % clients), users));
        }
        if (pid > 0) started++;
    }
    for (int c = 0; c < 2 * clients; c++) close(socks[c]);
    pid_t rd = fork();
    if (rd == 0) _exit(reader(messages, clients, users));
    int bad = 0;
    for (;;) {
        int st;
        pid_t w = waitpid(-1, &st, 0);
        if (w < 0) break;
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            bad++;
            dprintf(2, "mailbench: %s %d failed, status %d\n", w == srv ? "server" : w == rd ? "reader" : "client", w, st);
        }
    }
    long us = (now_ns() - t0) / 1000;
    if (us < 1) us = 1;
    for (int k = -1; k < users; k++) {
        boxPath(dir, k);
        rmdir(dir);
    }
    rmdir(spool);
    int ok = bad == 0 && started == clients;
    printf("mailbench: %d messages, %d clients, %d mailboxes: %ld ms, %ld msg/s%s\n", messages, clients, users,
           us / 1000, (long)messages * 1000000 / us, ok ? "; every message delivered and read back intact" : "; FAILED");
    return ok ? 0 : 1;
}
