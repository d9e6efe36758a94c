/*
 * ulib.h — the user programs' own small C library: Linux riscv64 system calls (ecall), strings,
 * formatted output, a brk-based malloc and directory reading. Statically linked into every
 * program; no glibc. The same binaries run on the maxlive kernel and on Linux (qemu-riscv64).
 */
#ifndef ULIB_H
#define ULIB_H

#include "maxlive_abi.h"   /* the kernel's ABI header: system call numbers, errno, flags, structs */

typedef unsigned long size_t;
typedef long ssize_t;
typedef long off_t;
typedef int pid_t;
#define NULL ((void *)0)

/* ---- system calls: -errno results become -1 with errno set ---- */
extern int errno;
long syscall6(long n, long a0, long a1, long a2, long a3, long a4, long a5);
#define sys0(n) syscall6((n), 0, 0, 0, 0, 0, 0)
#define sys1(n, a) syscall6((n), (long)(a), 0, 0, 0, 0, 0)
#define sys2(n, a, b) syscall6((n), (long)(a), (long)(b), 0, 0, 0, 0)
#define sys3(n, a, b, c) syscall6((n), (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define sys4(n, a, b, c, d) syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define sys5(n, a, b, c, d, e) syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)
#define sys6(n, a, b, c, d, e, f) syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))
long ret(long r);   /* r < 0: errno = -r, -1; else r */

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
ssize_t pread(int fd, void *buf, size_t n, off_t off);
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off);
int open(const char *path, int flags, ...);
int close(int fd);
off_t lseek(int fd, off_t off, int whence);
int dup(int fd);
int dup2(int fd, int to);
int dup3(int fd, int to, int flags);
int fcntl(int fd, int cmd, long arg);
int pipe(int fds[2]);
int pipe2(int fds[2], int flags);
int socketpair(int domain, int type, int protocol, int fds[2]);
int mkdir(const char *path, int mode);
int rmdir(const char *path);
int unlink(const char *path);
int link(const char *from, const char *to);
int rename(const char *from, const char *to);
int chdir(const char *path);
char *getcwd(char *buf, size_t n);
int truncate(const char *path, off_t len);
int ftruncate(int fd, off_t len);
int access(const char *path, int mode);
int stat(const char *path, struct ml_stat *st);
int fstat(int fd, struct ml_stat *st);
int fsync(int fd);
int getdents64(int fd, void *buf, size_t n);
pid_t fork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
pid_t waitpid(pid_t pid, int *status, int options);
void _exit(int code) __attribute__((noreturn));
void exit(int code) __attribute__((noreturn));
pid_t getpid(void);
pid_t getppid(void);
int kill(pid_t pid, int sig);
int sched_yield(void);
int nanosleep_ms(long ms);
long now_ns(void);      /* CLOCK_MONOTONIC */
void *sbrk(long inc);
long brk_raw(long addr);  /* the brk system call's raw result */
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
#define MAP_FAILED ((void *)-1)

#define WIFEXITED(s) (((s) & 0x7f) == 0)
#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WIFSIGNALED(s) (((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)
#define WTERMSIG(s) ((s) & 0x7f)

/* ---- strings and memory ---- */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *d, const char *s);
char *strcat(char *d, const char *s);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strdup(const char *s);
long atol(const char *s);
int atoi(const char *s);

/* ---- output: buffered stdout (flushed at exit and before fork/exec), unbuffered fd writes ---- */
int printf(const char *fmt, ...);
int dprintf(int fd, const char *fmt, ...);
int snprintf(char *buf, size_t n, const char *fmt, ...);
void flush(void);
int puts(const char *s);
const char *strerror(int e);

/* ---- memory ---- */
void *malloc(size_t n);
void free(void *p);
void *realloc(void *p, size_t n);

/* ---- directories: the names in a directory, sorted; NULL-terminated, free with free_names ---- */
char **list_dir(const char *path, int *count);
void free_names(char **names);
void sort_strings(char **v, int n);

/* the environment main was called with */
extern char **environ;

#endif
