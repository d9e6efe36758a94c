/*
 * crt0.S — program entry. The kernel (ours or Linux) starts a program with sp pointing at
 * argc, then argv[argc] and NULL, then envp[] and NULL, then the auxiliary vector.
 */
    .text
    .globl _start
_start:
    .option push
    .option norelax
    la      gp, __global_pointer$   /* (the linker script defines it) */
    .option pop
    mv      a0, sp                  /* the initial stack: argc, argv, envp, auxv */
    andi    sp, sp, -16
    call    ulib_start              /* ulib.c: main(argc, argv, envp), then exit */
1:  j       1b
