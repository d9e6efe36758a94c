/*
 * switch_riscv64.S — kernel context switch for riscv64 (LP64 calling convention).
 * kctx layout (include/kernel_arch.h): sp 0, pc 8, regs 16.. (s0…s11), ret 112.
 * A context holds only what a callee must preserve: sp, the return address and s0–s11.
 */
#if defined(__riscv)
    .text
    .globl ctx_switch
ctx_switch:                     /* a0 = save, a1 = load */
    sd      sp, 0(a0)
    sd      ra, 8(a0)           /* resuming `save` returns from this call */
    sd      s0, 16(a0)
    sd      s1, 24(a0)
    sd      s2, 32(a0)
    sd      s3, 40(a0)
    sd      s4, 48(a0)
    sd      s5, 56(a0)
    sd      s6, 64(a0)
    sd      s7, 72(a0)
    sd      s8, 80(a0)
    sd      s9, 88(a0)
    sd      s10, 96(a0)
    sd      s11, 104(a0)
    sd      zero, 112(a0)
    ld      s0, 16(a1)
    ld      s1, 24(a1)
    ld      s2, 32(a1)
    ld      s3, 40(a1)
    ld      s4, 48(a1)
    ld      s5, 56(a1)
    ld      s6, 64(a1)
    ld      s7, 72(a1)
    ld      s8, 80(a1)
    ld      s9, 88(a1)
    ld      s10, 96(a1)
    ld      s11, 104(a1)
    ld      sp, 0(a1)
    ld      t0, 8(a1)
    ld      a0, 112(a1)         /* what ctx_save appears to return (fork's child: 1) */
    jr      t0

    .globl ctx_save
ctx_save:                       /* a0 = ctx; returns 0 now, ctx->ret when loaded later */
    sd      sp, 0(a0)
    sd      ra, 8(a0)
    sd      s0, 16(a0)
    sd      s1, 24(a0)
    sd      s2, 32(a0)
    sd      s3, 40(a0)
    sd      s4, 48(a0)
    sd      s5, 56(a0)
    sd      s6, 64(a0)
    sd      s7, 72(a0)
    sd      s8, 80(a0)
    sd      s9, 88(a0)
    sd      s10, 96(a0)
    sd      s11, 104(a0)
    sd      zero, 112(a0)
    li      a0, 0
    ret

    .globl ctx_trampoline
ctx_trampoline:                 /* first code of a new thread: sp = its stack top */
    andi    sp, sp, -16
    li      s0, 0               /* no caller frame */
    li      ra, 0
    call    kthread_entry
    unimp
#endif
