/*
 * host_args.c — the hosted build's command line. Embedded Swift has no CommandLine, so
 * an ELF constructor (glibc passes it argc, argv, envp) keeps them for Entry.swift.
 */
#include "kernel_arch.h"

#if defined(__linux__)
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int saved_argc;
static char **saved_argv;

__attribute__((constructor)) static void host_args_capture(int argc, char **argv, char **envp) {
    (void)envp;
    saved_argc = argc;
    saved_argv = argv;
}

int boot_argc(void) { return saved_argc; }
char **boot_argv(void) { return saved_argv; }

static const void *initrd_data;
static long initrd_size;

int host_initrd_load(const char *path) {
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        fprintf(stderr, "kernel: --initrd %s: %s\n", path, strerror(errno));
        if (fd >= 0) close(fd);
        return -1;
    }
    if (st.st_size > 0) {
        void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            fprintf(stderr, "kernel: --initrd %s: %s\n", path, strerror(errno));
            close(fd);
            return -1;
        }
        initrd_data = p;
        initrd_size = (long)st.st_size;
    }
    close(fd);
    return 0;
}

const void *plat_initramfs(long *size) {
    *size = initrd_size;
    return initrd_data;
}
#endif
