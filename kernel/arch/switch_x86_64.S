/*
 * switch_x86_64.S — kernel context switch for the hosted x86_64 build (SysV ABI).
 * kctx layout (include/kernel_arch.h): sp 0, pc 8, regs 16.. (rbx rbp r12 r13 r14 r15), ret 112.
 */
#if defined(__x86_64__)
    .text
    .globl ctx_switch
    .type ctx_switch, @function
ctx_switch:                     /* rdi = save, rsi = load */
    movq (%rsp), %rax
    movq %rax, 8(%rdi)          /* pc = our return address */
    leaq 8(%rsp), %rax
    movq %rax, 0(%rdi)          /* sp as seen after return */
    movq %rbx, 16(%rdi)
    movq %rbp, 24(%rdi)
    movq %r12, 32(%rdi)
    movq %r13, 40(%rdi)
    movq %r14, 48(%rdi)
    movq %r15, 56(%rdi)
    movq $0, 112(%rdi)
    movq 16(%rsi), %rbx
    movq 24(%rsi), %rbp
    movq 32(%rsi), %r12
    movq 40(%rsi), %r13
    movq 48(%rsi), %r14
    movq 56(%rsi), %r15
    movq 112(%rsi), %rax
    movq 0(%rsi), %rsp
    jmpq *8(%rsi)
    .size ctx_switch, .-ctx_switch

    .globl ctx_save
    .type ctx_save, @function
ctx_save:                       /* rdi = ctx */
    movq (%rsp), %rax
    movq %rax, 8(%rdi)
    leaq 8(%rsp), %rax
    movq %rax, 0(%rdi)
    movq %rbx, 16(%rdi)
    movq %rbp, 24(%rdi)
    movq %r12, 32(%rdi)
    movq %r13, 40(%rdi)
    movq %r14, 48(%rdi)
    movq %r15, 56(%rdi)
    movq $0, 112(%rdi)
    xorl %eax, %eax
    ret
    .size ctx_save, .-ctx_save

    .globl ctx_trampoline
    .type ctx_trampoline, @function
ctx_trampoline:
    andq $-16, %rsp
    xorl %ebp, %ebp
    call kthread_entry
    ud2
    .size ctx_trampoline, .-ctx_trampoline
    .section .note.GNU-stack,"",@progbits
#endif
