/* print.c — formatted output: %d %i %u %ld %lu %x %lx %s %c %p %%, with a width (or '*'), '-'
   and '0'.
   stdout is buffered (flushed by a newline-free 4 KiB buffer filling, by flush(), before fork
   and exec, and at exit) so that a program's lines are not split across writes. */
#include "ulib.h"

static char outbuf[4096];
static size_t outlen;

void flush(void) {
    size_t off = 0;
    while (off < outlen) {
        long r = sys3(SYS_write, 1, outbuf + off, outlen - off);
        if (r <= 0) break;
        off += (size_t)r;
    }
    outlen = 0;
}

static void out_stdout(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (outlen == sizeof outbuf) flush();
        outbuf[outlen++] = s[i];
    }
}

/* A sink: stdout, a file descriptor (collected, then written once) or a string. */
struct sink {
    char *buf;
    size_t cap, len;
};

static void put(struct sink *k, char c) {
    if (k->len + 1 < k->cap) k->buf[k->len] = c;
    k->len++;
}

static void put_num(struct sink *k, unsigned long v, int base, int neg, int width, int zero, int left) {
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    if (neg) tmp[n++] = '-';
    int pad = width > n ? width - n : 0;
    if (!left && !zero) while (pad-- > 0) put(k, ' ');
    if (!left && zero) {
        if (neg) put(k, tmp[--n]);
        while (pad-- > 0) put(k, '0');
    }
    while (n) put(k, tmp[--n]);
    if (left) while (pad-- > 0) put(k, ' ');
}

static void format(struct sink *k, const char *f, __builtin_va_list ap) {
    for (; *f; f++) {
        if (*f != '%') {
            put(k, *f);
            continue;
        }
        f++;
        int left = 0, zero = 0, width = 0, lng = 0;
        if (*f == '-') left = 1, f++;
        if (*f == '0') zero = 1, f++;
        if (*f == '*') {
            width = __builtin_va_arg(ap, int);
            f++;
        }
        while (*f >= '0' && *f <= '9') width = width * 10 + (*f++ - '0');
        while (*f == 'l') lng = 1, f++;
        switch (*f) {
        case 'd': case 'i': {
            long v = lng ? __builtin_va_arg(ap, long) : __builtin_va_arg(ap, int);
            put_num(k, v < 0 ? -(unsigned long)v : (unsigned long)v, 10, v < 0, width, zero, left);
            break;
        }
        case 'u': {
            unsigned long v = lng ? __builtin_va_arg(ap, unsigned long) : __builtin_va_arg(ap, unsigned int);
            put_num(k, v, 10, 0, width, zero, left);
            break;
        }
        case 'x': case 'p': {
            unsigned long v = (lng || *f == 'p') ? __builtin_va_arg(ap, unsigned long) : __builtin_va_arg(ap, unsigned int);
            put_num(k, v, 16, 0, width, zero, left);
            break;
        }
        case 's': {
            const char *s = __builtin_va_arg(ap, const char *);
            if (!s) s = "(null)";
            int n = (int)strlen(s);
            if (!left) for (int i = n; i < width; i++) put(k, ' ');
            while (*s) put(k, *s++);
            if (left) for (int i = n; i < width; i++) put(k, ' ');
            break;
        }
        case 'c': put(k, (char)__builtin_va_arg(ap, int)); break;
        case '%': put(k, '%'); break;
        default: put(k, '%'); put(k, *f); break;
        }
    }
}

int snprintf(char *buf, size_t n, const char *fmt, ...) {
    struct sink k = { buf, n, 0 };
    __builtin_va_list ap;
    __builtin_va_start(ap, fmt);
    format(&k, fmt, ap);
    __builtin_va_end(ap);
    if (n) buf[k.len < n ? k.len : n - 1] = 0;
    return (int)k.len;
}

/* Format into a line buffer, then to stdout's buffer (fd 1) or straight to `fd`. */
static int vdprintf(int fd, const char *fmt, __builtin_va_list ap) {
    char buf[1024];
    struct sink k = { buf, sizeof buf, 0 };
    format(&k, fmt, ap);
    size_t n = k.len < sizeof buf ? k.len : sizeof buf - 1;
    if (fd == 1) {
        out_stdout(buf, n);
    } else {
        if (fd == 2) flush();       /* keep stdout and stderr in order on a console */
        write(fd, buf, n);
    }
    return (int)n;
}

int printf(const char *fmt, ...) {
    __builtin_va_list ap;
    __builtin_va_start(ap, fmt);
    int n = vdprintf(1, fmt, ap);
    __builtin_va_end(ap);
    return n;
}

int dprintf(int fd, const char *fmt, ...) {
    __builtin_va_list ap;
    __builtin_va_start(ap, fmt);
    int n = vdprintf(fd, fmt, ap);
    __builtin_va_end(ap);
    return n;
}

int puts(const char *s) { return printf("%s\n", s); }

const char *strerror(int e) {
    switch (e) {
    case ENOENT: return "No such file or directory";
    case EACCES: return "Permission denied";
    case EEXIST: return "File exists";
    case ENOTDIR: return "Not a directory";
    case EISDIR: return "Is a directory";
    case ENOTEMPTY: return "Directory not empty";
    case ENOMEM: return "Out of memory";
    case EINVAL: return "Invalid argument";
    case EBADF: return "Bad file descriptor";
    case ENOEXEC: return "Exec format error";
    case EMFILE: return "Too many open files";
    case ENOSPC: return "No space left on device";
    case EXDEV: return "Invalid cross-device link";
    case ENAMETOOLONG: return "File name too long";
    default: return "error";
    }
}
