/*
 * cpu.S — the privileged instructions Swift cannot express: the time CSR, wfi, the SBI
 * timer call, satp and sfence.vma. Each is a leaf function with the C calling convention,
 * declared in RiscvPlatform.swift / UserWindowSv39.swift with @_extern(c).
 */
#if defined(__riscv)
    .text

    /* uint64_t rv_time(void): the time CSR (QEMU virt: 10 MHz). */
    .globl rv_time
rv_time:
    csrr    a0, time
    ret

    /* void rv_wait_for_timer(uint64_t deadline): arm the SBI timer for `deadline` (time
       ticks), wait until the clock passes it, disarm. Interrupts stay globally disabled
       (sstatus.SIE = 0): with sie.STIE set, wfi still wakes when the timer interrupt
       becomes pending, and no trap is taken. */
    .globl rv_wait_for_timer
rv_wait_for_timer:
    mv      t2, a0
    li      a7, 0x54494D45          /* SBI TIME extension */
    li      a6, 0                   /* sbi_set_timer */
    ecall
    li      t0, 0x20
    csrs    sie, t0                 /* STIE */
1:  csrr    t1, time
    bgeu    t1, t2, 2f
    wfi
    j       1b
2:  li      t0, 0x20
    csrc    sie, t0
    li      a0, -1                  /* disarm: this also clears the pending timer interrupt */
    li      a7, 0x54494D45
    li      a6, 0
    ecall
    ret

    /* void rv_set_timer(uint64_t deadline): arm the SBI timer for `deadline` (time ticks);
       the interrupt it raises (sie.STIE, taken only in user mode) preempts user code. */
    .globl rv_set_timer
rv_set_timer:
    li      a7, 0x54494D45          /* SBI TIME extension */
    li      a6, 0                   /* sbi_set_timer */
    ecall
    ret

    /* void rv_satp_write(uint64_t satp): switch the page table and flush the TLB. */
    .globl rv_satp_write
rv_satp_write:
    sfence.vma zero, zero
    csrw    satp, a0
    sfence.vma zero, zero
    ret

    /* void rv_sfence_vma(void): the page-table entries changed; flush the TLB. */
    .globl rv_sfence_vma
rv_sfence_vma:
    sfence.vma zero, zero
    ret
#endif
