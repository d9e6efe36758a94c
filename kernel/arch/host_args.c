/*
 * host_args.c — the hosted build's command line. Embedded Swift has no CommandLine, so
 * an ELF constructor (glibc passes it argc, argv, envp) keeps them for Entry.swift.
 */
#include "kernel_arch.h"

#if defined(__linux__)
static int saved_argc;
static char **saved_argv;

__attribute__((constructor)) static void host_args_capture(int argc, char **argv, char **envp) {
    (void)envp;
    saved_argc = argc;
    saved_argv = argv;
}

int boot_argc(void) { return saved_argc; }
char **boot_argv(void) { return saved_argv; }
#endif
