/*
 * maxlive_abi.h — the user/kernel ABI of the maxlive kernel.
 *
 * Everything here is Linux's asm-generic ABI as used by riscv64 (lp64): system call
 * numbers, errno values, flag bits and the layouts of the structures that cross the
 * user/kernel boundary. The kernel (Swift, module KernelC) and user programs both read
 * this one file; a later tool reads it with libclang, so keep it plain C: #define
 * integer literals and fixed-layout structs with explicit-width fields only.
 *
 * ENOHEAP is the one non-Linux value: an internal "reservation failed, restart the
 * system call" code (as in Biscuit); user space never sees it.
 */
#ifndef MAXLIVE_ABI_H
#define MAXLIVE_ABI_H

/* ---- system call numbers (asm-generic/unistd.h, riscv64) ---- */
#define SYS_getcwd              17
#define SYS_dup                 23
#define SYS_dup3                24
#define SYS_fcntl               25
#define SYS_ioctl               29
#define SYS_flock               32
#define SYS_mkdirat             34
#define SYS_unlinkat            35
#define SYS_symlinkat           36
#define SYS_linkat              37
#define SYS_truncate            45
#define SYS_ftruncate           46
#define SYS_faccessat           48
#define SYS_chdir               49
#define SYS_fchdir              50
#define SYS_fchmod              52
#define SYS_fchmodat            53
#define SYS_openat              56
#define SYS_close               57
#define SYS_pipe2               59
#define SYS_getdents64          61
#define SYS_lseek               62
#define SYS_read                63
#define SYS_write               64
#define SYS_readv               65
#define SYS_writev              66
#define SYS_pread64             67
#define SYS_pwrite64            68
#define SYS_sendfile            71
#define SYS_ppoll               73
#define SYS_readlinkat          78
#define SYS_newfstatat          79
#define SYS_fstat               80
#define SYS_sync                81
#define SYS_fsync               82
#define SYS_fdatasync           83
#define SYS_utimensat           88
#define SYS_exit                93
#define SYS_exit_group          94
#define SYS_set_tid_address     96
#define SYS_futex               98
#define SYS_set_robust_list     99
#define SYS_nanosleep          101
#define SYS_clock_gettime      113
#define SYS_clock_nanosleep    115
#define SYS_sched_getaffinity  123
#define SYS_sched_yield        124
#define SYS_kill               129
#define SYS_tkill              130
#define SYS_tgkill             131
#define SYS_sigaltstack        132
#define SYS_rt_sigsuspend      133
#define SYS_rt_sigaction       134
#define SYS_rt_sigprocmask     135
#define SYS_rt_sigpending      136
#define SYS_rt_sigreturn       139
#define SYS_setpriority        140
#define SYS_getpriority        141
#define SYS_times              153
#define SYS_setpgid            154
#define SYS_getpgid            155
#define SYS_getsid             156
#define SYS_setsid             157
#define SYS_getgroups          158
#define SYS_setgroups          159
#define SYS_uname              160
#define SYS_getrlimit          163
#define SYS_getrusage          165
#define SYS_umask              166
#define SYS_getcpu             168
#define SYS_getpid             172
#define SYS_getppid            173
#define SYS_getuid             174
#define SYS_geteuid            175
#define SYS_getgid             176
#define SYS_getegid            177
#define SYS_gettid             178
#define SYS_sysinfo            179
#define SYS_socketpair         199
#define SYS_brk                214
#define SYS_munmap             215
#define SYS_mremap             216
#define SYS_clone              220
#define SYS_execve             221
#define SYS_mmap               222
#define SYS_mprotect           226
#define SYS_madvise            233
#define SYS_wait4              260
#define SYS_prlimit64          261
#define SYS_renameat2          276
#define SYS_getrandom          278
#define SYS_faccessat2         439
#define MAXLIVE_SYSCALL_TABLE_SIZE 440   /* dispatch table size (numbers below it) */

/* ---- errno (asm-generic/errno-base.h, errno.h) ---- */
#define EPERM            1
#define ENOENT           2
#define ESRCH            3
#define EINTR            4
#define EIO              5
#define ENXIO            6
#define E2BIG            7
#define ENOEXEC          8
#define EBADF            9
#define ECHILD          10
#define EAGAIN          11
#define ENOMEM          12
#define EACCES          13
#define EFAULT          14
#define EBUSY           16
#define EEXIST          17
#define EXDEV           18
#define ENODEV          19
#define ENOTDIR         20
#define EISDIR          21
#define EINVAL          22
#define ENFILE          23
#define EMFILE          24
#define ENOTTY          25
#define EFBIG           27
#define ENOSPC          28
#define ESPIPE          29
#define EROFS           30
#define EMLINK          31
#define EPIPE           32
#define ERANGE          34
#define ENAMETOOLONG    36
#define ENOSYS          38
#define ENOTEMPTY       39
#define ELOOP           40
#define EPROTONOSUPPORT 93
#define EOPNOTSUPP      95
#define EAFNOSUPPORT    97
#define ETIMEDOUT      110
#define ENOHEAP        511   /* internal: reservation failed, restart (never returned to user) */

/* ---- open flags (asm-generic/fcntl.h) ---- */
#define O_ACCMODE     00000003
#define O_RDONLY      00000000
#define O_WRONLY      00000001
#define O_RDWR        00000002
#define O_CREAT       00000100
#define O_EXCL        00000200
#define O_NOCTTY      00000400
#define O_TRUNC       00001000
#define O_APPEND      00002000
#define O_NONBLOCK    00004000
#define O_DIRECTORY   00200000
#define O_NOFOLLOW    00400000
#define O_CLOEXEC     02000000

#define AT_FDCWD            (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR        0x200
#define AT_EACCESS          0x200
#define AT_SYMLINK_FOLLOW   0x400
#define AT_EMPTY_PATH       0x1000

#define F_DUPFD          0
#define F_GETFD          1
#define F_SETFD          2
#define F_GETFL          3
#define F_SETFL          4
#define F_DUPFD_CLOEXEC  1030
#define FD_CLOEXEC       1

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE  2
#define RENAME_WHITEOUT  4

/* ---- file types (st_mode) ---- */
#define S_IFMT   0170000
#define S_IFSOCK 0140000
#define S_IFLNK  0120000
#define S_IFREG  0100000
#define S_IFDIR  0040000
#define S_IFCHR  0020000
#define S_IFIFO  0010000

/* getdents64 d_type */
#define DT_FIFO  1
#define DT_CHR   2
#define DT_DIR   4
#define DT_REG   8
#define DT_LNK  10
#define DT_SOCK 12

/* ---- memory ---- */
#define PROT_NONE      0x0
#define PROT_READ      0x1
#define PROT_WRITE     0x2
#define PROT_EXEC      0x4
#define MAP_SHARED     0x01
#define MAP_PRIVATE    0x02
#define MAP_FIXED      0x10
#define MAP_ANONYMOUS  0x20
#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED   2

/* ---- processes, signals, time ---- */
#define SIGHUP   1
#define SIGINT   2
#define SIGQUIT  3
#define SIGILL   4
#define SIGTRAP  5
#define SIGABRT  6
#define SIGBUS   7
#define SIGFPE   8
#define SIGKILL  9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG  23
#define SIGWINCH 28
#define NSIG    64

/* sigaction flags, sigprocmask's how, sigaltstack flags, si_code values */
#define SIG_DFL       0
#define SIG_IGN       1
#define SA_NOCLDSTOP  0x00000001
#define SA_NOCLDWAIT  0x00000002
#define SA_SIGINFO    0x00000004
#define SA_ONSTACK    0x08000000
#define SA_RESTART    0x10000000
#define SA_NODEFER    0x40000000
#define SA_RESETHAND  0x80000000
#define SIG_BLOCK     0
#define SIG_UNBLOCK   1
#define SIG_SETMASK   2
#define SS_ONSTACK    1
#define SS_DISABLE    2
#define MINSIGSTKSZ   2048
#define SI_USER       0
#define SI_TKILL      (-6)
#define SEGV_MAPERR   1
#define CLD_EXITED    1
#define CLD_KILLED    2

#define CSIGNAL              0x000000ff
#define CLONE_VM             0x00000100
#define CLONE_FS             0x00000200
#define CLONE_FILES          0x00000400
#define CLONE_SIGHAND        0x00000800
#define CLONE_VFORK          0x00004000
#define CLONE_THREAD         0x00010000
#define CLONE_SYSVSEM        0x00040000
#define CLONE_SETTLS         0x00080000

#define FUTEX_WAIT            0
#define FUTEX_WAKE            1
#define FUTEX_WAIT_BITSET     9
#define FUTEX_WAKE_BITSET    10
#define FUTEX_PRIVATE_FLAG  128
#define FUTEX_CLOCK_REALTIME 256
#define CLONE_PARENT_SETTID  0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID   0x01000000

#define WNOHANG    1
#define WUNTRACED  2
#define WCONTINUED 8
#define WNOTHREAD  0x20000000  /* __WNOTHREAD */
#define WALL       0x40000000  /* __WALL */
#define WCLONE     0x80000000  /* __WCLONE */

#define CLOCK_REALTIME           0
#define CLOCK_MONOTONIC          1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID  3
#define CLOCK_BOOTTIME           7
#define TIMER_ABSTIME            1

#define RLIMIT_DATA    2
#define RLIMIT_STACK   3
#define RLIMIT_NOFILE  7
#define RLIM_NLIMITS  16
#define RLIM_INFINITY (-1)

#define RUSAGE_SELF      0
#define RUSAGE_CHILDREN  (-1)
#define RUSAGE_THREAD    1
#define MADV_NORMAL      0
#define MADV_RANDOM      1
#define MADV_SEQUENTIAL  2
#define MADV_WILLNEED    3
#define MADV_DONTNEED    4
#define MADV_FREE        8
#define UTIME_NOW     0x3fffffff
#define UTIME_OMIT    0x3ffffffe

#define PRIO_PROCESS   0
#define PRIO_PGRP      1
#define PRIO_USER      2

/* flock(2) */
#define LOCK_SH        1
#define LOCK_EX        2
#define LOCK_NB        4
#define LOCK_UN        8
#define GRND_NONBLOCK  1
#define GRND_RANDOM    2
#define GRND_INSECURE  4

/* ---- terminal ioctls (asm-generic/ioctls.h) ---- */
#define TCGETS     0x5401
#define TCSETS     0x5402
#define TCSETSW    0x5403
#define TCSETSF    0x5404
#define TIOCGPGRP  0x540F
#define TIOCSPGRP  0x5410
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414

/* ---- poll, sockets ---- */
#define POLLIN    0x001
#define POLLPRI   0x002
#define POLLOUT   0x004
#define POLLERR   0x008
#define POLLHUP   0x010
#define POLLNVAL  0x020

#define AF_UNIX       1
#define SOCK_STREAM   1
#define SOCK_NONBLOCK 00004000
#define SOCK_CLOEXEC  02000000

/* ---- structures (asm-generic layouts, lp64) ---- */
typedef struct ml_timespec {
    long long tv_sec;
    long long tv_nsec;
} ml_timespec;                          /* 16 bytes */

typedef struct ml_stat {                /* asm-generic struct stat, 128 bytes */
    unsigned long long st_dev;
    unsigned long long st_ino;
    unsigned int       st_mode;
    unsigned int       st_nlink;
    unsigned int       st_uid;
    unsigned int       st_gid;
    unsigned long long st_rdev;
    unsigned long long __pad1;
    long long          st_size;
    int                st_blksize;
    int                __pad2;
    long long          st_blocks;
    long long          st_atime_sec;
    unsigned long long st_atime_nsec;
    long long          st_mtime_sec;
    unsigned long long st_mtime_nsec;
    long long          st_ctime_sec;
    unsigned long long st_ctime_nsec;
    unsigned int       __unused4;
    unsigned int       __unused5;
} ml_stat;

typedef struct ml_pollfd {              /* 8 bytes */
    int   fd;
    short events;
    short revents;
} ml_pollfd;

typedef struct ml_dirent64 {            /* header of a linux_dirent64 record; d_name follows */
    unsigned long long d_ino;
    long long          d_off;
    unsigned short     d_reclen;
    unsigned char      d_type;
} ml_dirent64;
#define ML_DIRENT64_NAME_OFFSET 19

typedef struct ml_sigaction {           /* rt_sigaction: riscv64 has no sa_restorer; 24 bytes */
    unsigned long long sa_handler;
    unsigned long long sa_flags;
    unsigned long long sa_mask;         /* the kernel's sigset: 64 bits */
} ml_sigaction;

typedef struct ml_stack {               /* sigaltstack's stack_t, 24 bytes */
    unsigned long long ss_sp;
    int                ss_flags;
    int                __pad;
    unsigned long long ss_size;
} ml_stack;

/* The signal frame a handler finds on its stack (Linux riscv64's rt_sigframe, 1088 bytes):
   siginfo (128 bytes) then the ucontext: uc_flags, uc_link, uc_stack (ml_stack) at 16,
   uc_sigmask at 40 (128 bytes for glibc's sigset_t), then the 16-aligned mcontext at 176:
   sc_regs (pc, x1…x31) and the floating-point state (f0…f31, fcsr; 528 bytes reserved). */
#define ML_SIGFRAME_SIZE      1088
#define ML_SIGFRAME_UCONTEXT   128
#define ML_UC_STACK             16
#define ML_UC_SIGMASK           40
#define ML_UC_MCONTEXT         176
#define ML_MCONTEXT_SIZE       784
#define ML_SI_PID               16
#define ML_SI_UID               20
#define ML_SI_STATUS            24
#define ML_SI_ADDR              16

typedef struct ml_rusage {              /* getrusage, 144 bytes: two timevals, then 14 counters */
    long long ru_utime_sec;
    long long ru_utime_usec;
    long long ru_stime_sec;
    long long ru_stime_usec;
    long long counters[14];
} ml_rusage;

typedef struct ml_tms {                 /* times, in clock ticks (USER_HZ = 100) */
    long long tms_utime;
    long long tms_stime;
    long long tms_cutime;
    long long tms_cstime;
} ml_tms;

typedef struct ml_iovec {               /* readv/writev, 16 bytes */
    unsigned long long iov_base;
    unsigned long long iov_len;
} ml_iovec;
#define IOV_MAX 1024

typedef struct ml_rlimit {              /* prlimit64, 16 bytes */
    unsigned long long rlim_cur;
    unsigned long long rlim_max;
} ml_rlimit;

typedef struct ml_utsname {             /* uname: six 65-byte fields, 390 bytes */
    char sysname[65];
    char nodename[65];
    char release[65];
    char version[65];
    char machine[65];
    char domainname[65];
} ml_utsname;

typedef struct ml_sysinfo {             /* 112 bytes */
    long long          uptime;
    unsigned long long loads[3];
    unsigned long long totalram;
    unsigned long long freeram;
    unsigned long long sharedram;
    unsigned long long bufferram;
    unsigned long long totalswap;
    unsigned long long freeswap;
    unsigned short     procs;
    unsigned short     pad;
    unsigned int       pad2;
    unsigned long long totalhigh;
    unsigned long long freehigh;
    unsigned int       mem_unit;
    unsigned int       pad3;
} ml_sysinfo;

typedef struct ml_termios {             /* the kernel's struct termios (TCGETS), 36 bytes */
    unsigned int  c_iflag;
    unsigned int  c_oflag;
    unsigned int  c_cflag;
    unsigned int  c_lflag;
    unsigned char c_line;
    unsigned char c_cc[19];
} ml_termios;

typedef struct ml_winsize {             /* TIOCGWINSZ, 8 bytes */
    unsigned short ws_row;
    unsigned short ws_col;
    unsigned short ws_xpixel;
    unsigned short ws_ypixel;
} ml_winsize;

#endif /* MAXLIVE_ABI_H */
