/*
 * kernel_arch.h — the assembly half of the platform layer: saving and switching kernel
 * contexts. Each architecture provides struct kctx and these three functions (x86_64 in
 * arch/switch_x86_64.S, riscv64 in arch/riscv64/switch_riscv64.S). A context holds only callee-saved state: the
 * switch is an ordinary function call on both sides.
 */
#ifndef KERNEL_ARCH_H
#define KERNEL_ARCH_H

typedef struct kctx {
    unsigned long long sp;
    unsigned long long pc;
    unsigned long long regs[12];   /* callee-saved registers (x86_64 uses 6, riscv64 12) */
    unsigned long long ret;        /* value ctx_save appears to return when this context is loaded */
} kctx;

/* Save the current context in *save (resuming it returns from ctx_switch), then load *load. */
void ctx_switch(kctx *save, const kctx *load);
/* setjmp-like: saves the caller's context in *c and returns 0; loading *c later makes this
   call return c->ret. Used by fork: the child resumes here with ret = 1. */
long ctx_save(kctx *c);
/* Entry of a new kernel thread: aligns the stack and calls kthread_entry() (Swift). */
void ctx_trampoline(void);


/* The kernel's command line, argv[0] first: the hosted process's (arch/host_args.c) or, on
   riscv64, the device tree's bootargs after "kernel" (arch/riscv64/boot_info.c). */
int boot_argc(void);
char **boot_argv(void);

/* The boot archive (a newc cpio: KernelCore/Initramfs.swift) and its size in *size, or NULL:
   on riscv64 what QEMU's -initrd loaded (the device tree's /chosen/linux,initrd-start and
   -end); on the host the file `Kernel --initrd FILE` named (host_initrd_load). */
const void *plat_initramfs(long *size);
/* Host only: map FILE read-only as the boot archive. 0, or -1 with a message on stderr. */
int host_initrd_load(const char *path);

#endif
