/*
 * user.S — entering and leaving user mode (U-mode ELF programs).
 *
 * A user-mode process has a kernel stack of its own; its top 1 KiB (kUFrameBytes,
 * Exec.swift) is the user frame, where the user's registers live while it is in the kernel.
 * Frame layout (8-byte slots): slot i = x_i for i = 1…31, 32 = sepc, 33 = fcsr,
 * 34…65 = f0…f31, 66 = scause, 67 = stval (UserTrap.swift reads the same layout).
 *
 * While user code runs, stvec points at user_trap_vector and sscratch holds the frame's
 * address; in the kernel, stvec is trap_vector (every kernel trap is fatal) and sscratch
 * the trap stack. The kernel stack of the trap is the frame's own stack: it grows down
 * from just below the frame, so a process that sleeps in a system call keeps its kernel
 * state there while others run.
 *
 * Floating point: sstatus.FS is never Off (boot.S sets it), and the user's f registers and
 * fcsr are saved and restored on every trap, so kernel code and other processes may use
 * them freely in between.
 */
#if defined(__riscv)
    .text
    .balign 4
    .globl user_trap_vector
user_trap_vector:
    csrrw   a0, sscratch, a0        /* a0 = the frame, sscratch = the user's a0 */
    sd      x1, 8(a0)
    sd      x2, 16(a0)
    sd      x3, 24(a0)
    sd      x4, 32(a0)
    sd      x5, 40(a0)
    sd      x6, 48(a0)
    sd      x7, 56(a0)
    sd      x8, 64(a0)
    sd      x9, 72(a0)
    sd      x11, 88(a0)
    sd      x12, 96(a0)
    sd      x13, 104(a0)
    sd      x14, 112(a0)
    sd      x15, 120(a0)
    sd      x16, 128(a0)
    sd      x17, 136(a0)
    sd      x18, 144(a0)
    sd      x19, 152(a0)
    sd      x20, 160(a0)
    sd      x21, 168(a0)
    sd      x22, 176(a0)
    sd      x23, 184(a0)
    sd      x24, 192(a0)
    sd      x25, 200(a0)
    sd      x26, 208(a0)
    sd      x27, 216(a0)
    sd      x28, 224(a0)
    sd      x29, 232(a0)
    sd      x30, 240(a0)
    sd      x31, 248(a0)
    csrr    t0, sscratch
    sd      t0, 80(a0)              /* the user's a0 */
    csrr    t0, sepc
    sd      t0, 256(a0)
    csrr    t0, scause
    sd      t0, 528(a0)
    csrr    t0, stval
    sd      t0, 536(a0)
    fsd     f0, 272(a0)
    fsd     f1, 280(a0)
    fsd     f2, 288(a0)
    fsd     f3, 296(a0)
    fsd     f4, 304(a0)
    fsd     f5, 312(a0)
    fsd     f6, 320(a0)
    fsd     f7, 328(a0)
    fsd     f8, 336(a0)
    fsd     f9, 344(a0)
    fsd     f10, 352(a0)
    fsd     f11, 360(a0)
    fsd     f12, 368(a0)
    fsd     f13, 376(a0)
    fsd     f14, 384(a0)
    fsd     f15, 392(a0)
    fsd     f16, 400(a0)
    fsd     f17, 408(a0)
    fsd     f18, 416(a0)
    fsd     f19, 424(a0)
    fsd     f20, 432(a0)
    fsd     f21, 440(a0)
    fsd     f22, 448(a0)
    fsd     f23, 456(a0)
    fsd     f24, 464(a0)
    fsd     f25, 472(a0)
    fsd     f26, 480(a0)
    fsd     f27, 488(a0)
    fsd     f28, 496(a0)
    fsd     f29, 504(a0)
    fsd     f30, 512(a0)
    fsd     f31, 520(a0)
    csrr    t0, fcsr
    sd      t0, 264(a0)
    la      t0, trap_vector         /* from here on a trap is a kernel fault */
    csrw    stvec, t0
    la      t0, __trap_stack_top
    csrw    sscratch, t0
    mv      sp, a0                  /* the kernel stack grows down from the frame */
    li      s0, 0
    call    rv_user_trap            /* UserTrap.swift; returns to user mode through rv_user_return */
1:  unimp
    j       1b

    /* void rv_user_return(frame): restore the user's registers from the frame and sret to
       its pc in user mode (SPP = 0) with interrupts enabled there (SPIE = 1). */
    .globl rv_user_return
rv_user_return:
    ld      t0, 256(a0)
    csrw    sepc, t0
    li      t0, 0x100               /* SPP: return to user mode */
    csrc    sstatus, t0
    li      t0, 0x20                /* SPIE: interrupts on after sret */
    csrs    sstatus, t0
    li      t0, 0x20                /* sie.STIE: the preemption timer */
    csrs    sie, t0
    ld      t0, 264(a0)
    csrw    fcsr, t0
    fld     f0, 272(a0)
    fld     f1, 280(a0)
    fld     f2, 288(a0)
    fld     f3, 296(a0)
    fld     f4, 304(a0)
    fld     f5, 312(a0)
    fld     f6, 320(a0)
    fld     f7, 328(a0)
    fld     f8, 336(a0)
    fld     f9, 344(a0)
    fld     f10, 352(a0)
    fld     f11, 360(a0)
    fld     f12, 368(a0)
    fld     f13, 376(a0)
    fld     f14, 384(a0)
    fld     f15, 392(a0)
    fld     f16, 400(a0)
    fld     f17, 408(a0)
    fld     f18, 416(a0)
    fld     f19, 424(a0)
    fld     f20, 432(a0)
    fld     f21, 440(a0)
    fld     f22, 448(a0)
    fld     f23, 456(a0)
    fld     f24, 464(a0)
    fld     f25, 472(a0)
    fld     f26, 480(a0)
    fld     f27, 488(a0)
    fld     f28, 496(a0)
    fld     f29, 504(a0)
    fld     f30, 512(a0)
    fld     f31, 520(a0)
    la      t0, user_trap_vector    /* nothing may trap from here to sret */
    csrw    stvec, t0
    csrw    sscratch, a0
    ld      x1, 8(a0)
    ld      x2, 16(a0)
    ld      x3, 24(a0)
    ld      x4, 32(a0)
    ld      x5, 40(a0)
    ld      x6, 48(a0)
    ld      x7, 56(a0)
    ld      x8, 64(a0)
    ld      x9, 72(a0)
    ld      x11, 88(a0)
    ld      x12, 96(a0)
    ld      x13, 104(a0)
    ld      x14, 112(a0)
    ld      x15, 120(a0)
    ld      x16, 128(a0)
    ld      x17, 136(a0)
    ld      x18, 144(a0)
    ld      x19, 152(a0)
    ld      x20, 160(a0)
    ld      x21, 168(a0)
    ld      x22, 176(a0)
    ld      x23, 184(a0)
    ld      x24, 192(a0)
    ld      x25, 200(a0)
    ld      x26, 208(a0)
    ld      x27, 216(a0)
    ld      x28, 224(a0)
    ld      x29, 232(a0)
    ld      x30, 240(a0)
    ld      x31, 248(a0)
    ld      a0, 80(a0)
    sret
#endif
