/*
 * boot_info.c — what the riscv64 kernel learns from the device tree at boot: its command
 * line (/chosen/bootargs, which QEMU fills from `-append`) and the extent of RAM (the
 * first /memory node's reg). The flattened device tree is walked once, before anything
 * can overwrite it (QEMU puts it near the top of RAM, where the frames will go).
 *
 * boot_argc/boot_argv (include/kernel_arch.h) give Entry.swift the same argv the hosted
 * build gets from the process: argv[0] = "kernel", then the bootargs split at spaces.
 */
#if defined(__riscv)
#include "kernel_arch.h"

#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE 2u
#define FDT_PROP 3u
#define FDT_NOP 4u
#define FDT_END 9u

#define MAX_ARGS 64
#define ARGS_BYTES 1024

static char arg_bytes[ARGS_BYTES];
static char *arg_vector[MAX_ARGS + 1];
static int arg_count;
static char arg0[] = "kernel";

static unsigned long long ram_base, ram_size, dtb_addr;
static unsigned long long initrd_start, initrd_end;

static unsigned int be32(const unsigned char *p) {
    return ((unsigned int)p[0] << 24) | ((unsigned int)p[1] << 16) | ((unsigned int)p[2] << 8) | p[3];
}

static unsigned long long be64(const unsigned char *p) {
    return ((unsigned long long)be32(p) << 32) | be32(p + 4);
}

static int starts_with(const char *s, const char *prefix) {
    while (*prefix) {
        if (*s++ != *prefix++) return 0;
    }
    return 1;
}

static int str_eq(const char *a, const char *b) {
    while (*a && *a == *b) { a++; b++; }
    return *a == *b;
}

/* Copy the bootargs and split them at spaces into arg_vector (after argv[0]). */
static void take_bootargs(const char *s, unsigned int len) {
    unsigned int n = 0;
    while (n < len && n + 1 < ARGS_BYTES && s[n]) { arg_bytes[n] = s[n]; n++; }
    arg_bytes[n] = 0;
    char *p = arg_bytes;
    while (*p && arg_count < MAX_ARGS) {
        while (*p == ' ') *p++ = 0;
        if (!*p) break;
        arg_vector[arg_count++] = p;
        while (*p && *p != ' ') p++;
    }
    arg_vector[arg_count] = 0;
}

/* Called from boot.S with the device tree's address (a1 at entry). */
void rv_boot_info(const unsigned char *fdt) {
    arg_vector[0] = arg0;
    arg_count = 1;
    arg_vector[1] = 0;
    if (!fdt || be32(fdt) != FDT_MAGIC) return;
    dtb_addr = (unsigned long long)fdt;
    const unsigned char *structs = fdt + be32(fdt + 8);
    const char *strings = (const char *)fdt + be32(fdt + 12);
    unsigned int size = be32(fdt + 36);              /* size_dt_struct */
    unsigned int off = 0;
    int depth = 0;
    int in_chosen = 0, in_memory = 0;
    while (off + 4 <= size) {
        unsigned int tag = be32(structs + off);
        off += 4;
        if (tag == FDT_BEGIN_NODE) {
            const char *name = (const char *)structs + off;
            unsigned int k = 0;
            while (name[k]) k++;
            off += (k + 1 + 3) & ~3u;
            depth++;
            if (depth == 2) {                          /* children of the root */
                in_chosen = str_eq(name, "chosen");
                in_memory = starts_with(name, "memory") && ram_size == 0;
            }
        } else if (tag == FDT_END_NODE) {
            if (depth == 2) { in_chosen = 0; in_memory = 0; }
            depth--;
        } else if (tag == FDT_PROP) {
            unsigned int len = be32(structs + off);
            const char *pname = strings + be32(structs + off + 4);
            const unsigned char *value = structs + off + 8;
            off += 8 + ((len + 3) & ~3u);
            if (depth != 2) continue;
            if (in_chosen && str_eq(pname, "bootargs")) take_bootargs((const char *)value, len);
            /* QEMU's -initrd: 64-bit values (32-bit ones from older device trees) */
            if (in_chosen && str_eq(pname, "linux,initrd-start")) initrd_start = len == 8 ? be64(value) : be32(value);
            if (in_chosen && str_eq(pname, "linux,initrd-end")) initrd_end = len == 8 ? be64(value) : be32(value);
            /* virt: #address-cells = #size-cells = 2 */
            if (in_memory && str_eq(pname, "reg") && len >= 16) {
                ram_base = be64(value);
                ram_size = be64(value + 8);
            }
        } else if (tag == FDT_NOP) {
            continue;
        } else {
            break;                                     /* FDT_END or garbage */
        }
    }
}

int boot_argc(void) { return arg_count; }
char **boot_argv(void) { return arg_vector; }

/* The first byte past usable RAM: the end of the memory node, but below the device tree
   if QEMU placed it inside RAM (it is read only at boot, but nothing must land on it first).
   0 if the device tree named no memory. */
unsigned long long rv_ram_end(void) {
    unsigned long long end = ram_base + ram_size;
    if (ram_size == 0) return 0;
    if (dtb_addr >= ram_base && dtb_addr < end) end = dtb_addr & ~0xfffull;
    return end;
}

/* The boot archive QEMU loaded (-initrd), or NULL. Its bytes stay where QEMU put them:
   rv_initrd_hole tells the RAM allocator to step over them. */
const void *plat_initramfs(long *size) {
    if (initrd_end <= initrd_start || initrd_start == 0) { *size = 0; return 0; }
    *size = (long)(initrd_end - initrd_start);
    return (const void *)initrd_start;
}

int host_initrd_load(const char *path) { (void)path; return -1; }

/* The page-aligned RAM range the boot archive occupies (both 0 if there is none). */
unsigned long long rv_initrd_hole_start(void) { return initrd_end > initrd_start ? initrd_start & ~0xfffull : 0; }
unsigned long long rv_initrd_hole_end(void) { return initrd_end > initrd_start ? (initrd_end + 0xfff) & ~0xfffull : 0; }

/* The first byte after the kernel image, its .bss and its stacks (kernel.ld). */
unsigned long long rv_kernel_end(void) {
    extern char __kernel_end[];
    return (unsigned long long)__kernel_end;
}
#endif
