/*
 * trap.S — the S-mode trap vector (stvec, direct mode).
 *
 * In this slice the kernel runs only in S-mode with interrupts disabled (sstatus.SIE = 0;
 * idling waits for the timer with wfi, which needs no trap), so every trap is a fault in
 * kernel code: a Swift runtime check (`unimp`, illegal instruction), a page fault in the
 * user window, a misaligned or bad access. The handler reports it and stops the machine;
 * it never returns, so nothing is restored.
 *
 * The frame is built on the trap stack (sscratch, set at boot), not on the faulting stack,
 * which may be the very thing that overflowed. Frame layout (36 × 8 bytes): slot i = x_i
 * for i = 1…31 (slot 2 = the interrupted sp), 32 = sepc, 33 = scause, 34 = stval,
 * 35 = sstatus.
 */
#if defined(__riscv)
    .text
    .balign 4
    .globl trap_vector
trap_vector:
    csrrw   sp, sscratch, sp        /* sp = trap stack, sscratch = interrupted sp */
    addi    sp, sp, -288
    sd      x1, 8(sp)
    sd      x3, 24(sp)
    sd      x4, 32(sp)
    sd      x5, 40(sp)
    sd      x6, 48(sp)
    sd      x7, 56(sp)
    sd      x8, 64(sp)
    sd      x9, 72(sp)
    sd      x10, 80(sp)
    sd      x11, 88(sp)
    sd      x12, 96(sp)
    sd      x13, 104(sp)
    sd      x14, 112(sp)
    sd      x15, 120(sp)
    sd      x16, 128(sp)
    sd      x17, 136(sp)
    sd      x18, 144(sp)
    sd      x19, 152(sp)
    sd      x20, 160(sp)
    sd      x21, 168(sp)
    sd      x22, 176(sp)
    sd      x23, 184(sp)
    sd      x24, 192(sp)
    sd      x25, 200(sp)
    sd      x26, 208(sp)
    sd      x27, 216(sp)
    sd      x28, 224(sp)
    sd      x29, 232(sp)
    sd      x30, 240(sp)
    sd      x31, 248(sp)
    csrr    t0, sscratch
    sd      t0, 16(sp)
    la      t0, __trap_stack_top    /* a fault while reporting this one gets a good stack too */
    csrw    sscratch, t0
    csrr    t0, sepc
    sd      t0, 256(sp)
    csrr    t0, scause
    sd      t0, 264(sp)
    csrr    t0, stval
    sd      t0, 272(sp)
    csrr    t0, sstatus
    sd      t0, 280(sp)
    mv      a0, sp
    call    rv_trap                 /* RiscvPlatform.swift; does not return */
1:  wfi
    j       1b
#endif
