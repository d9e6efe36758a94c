/*
 * boot.S — the first instructions of the riscv64 kernel.
 *
 * OpenSBI enters _start in S-mode at 0x80200000 with a0 = hart id and a1 = the device
 * tree's physical address, paging off and interrupts disabled. We set up the boot stack,
 * zero .bss (the Swift globals with zero initialisers live there), point stvec at the trap
 * vector and sscratch at the trap stack, read the command line and RAM size from the device
 * tree, and call Swift's `main` (Sources/Kernel/Entry.swift, the same entry as the hosted
 * build). main never returns: the kernel stops through the SiFive test device.
 */
#if defined(__riscv)
    .section .text.boot, "ax"
    .globl _start
_start:
    la      sp, __stack_top
    mv      s0, a1                  /* keep the device tree pointer across the bss loop */
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:  li      t0, (1 << 13) | (1 << 18)
    csrs    sstatus, t0             /* FS = Initial (floating point on), SUM (kernel reaches user pages) */
    la      t0, trap_vector
    csrw    stvec, t0
    la      t0, __trap_stack_top
    csrw    sscratch, t0
    mv      a0, s0
    call    rv_boot_info            /* boot_info.c: bootargs and the RAM size from the device tree */
    li      a0, 0
    li      a1, 0
    call    main
    /* main does not return; if it does, stop with status 70 (kernel panic). */
    li      t0, 0x100000
    li      t1, (70 << 16) | 0x3333
    sw      t1, 0(t0)
3:  wfi
    j       3b
#endif
