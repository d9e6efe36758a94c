#!/usr/bin/env bash
# qemu.sh — boot the riscv64 kernel (./build-riscv64.sh) on QEMU's virt machine and run a
# built-in program; exits with the kernel's status (through the SiFive test device).
#
#   ./qemu.sh [KERNEL OPTIONS] PROGRAM [ARGS...]
#   ./qemu.sh --heap 64K --check-leaks torture 12
#   ./qemu.sh --stats --check-leaks smoke
#   ./qemu.sh --list
#   ./qemu.sh --initrd glibc.cpio hello    # unpack a newc cpio archive into / first (QEMU's -initrd)
#
# KERNEL OPTIONS are the hosted Kernel's (--heap/--arena/--mem SIZE, --stats, --check-leaks,
# --quiet, --no-reservations, --inject-faults); they and `--run PROGRAM ARGS` reach the
# kernel as its command line through QEMU's -append (the device tree's /chosen/bootargs),
# so arguments cannot contain spaces. The console is the UART on stdout; OpenSBI's banner
# is printed before the kernel's output.
# Environment: KERNEL_ELF (default .build-riscv64/kernel.elf), QEMU_MEM (default 256M: the
# default --mem 64M of frames plus the heap arena fit with room to spare), QEMU_TIMEOUT in
# seconds (default 120; a hang exits 124).
set -euo pipefail
cd "$(dirname "$0")"
elf="${KERNEL_ELF:-.build-riscv64/kernel.elf}"
if [ ! -f "$elf" ]; then echo "qemu.sh: $elf not found; run ./build-riscv64.sh first" >&2; exit 64; fi
command -v qemu-system-riscv64 >/dev/null || bash ../Tests/setup.sh >&2
args=()
initrd=()
while [ $# -gt 0 ]; do
    case "$1" in
        --initrd)
            [ $# -ge 2 ] && [ -f "$2" ] || { echo "qemu.sh: --initrd needs an existing FILE (a newc cpio archive)" >&2; exit 64; }
            initrd=(-initrd "$2"); shift 2 ;;
        --heap|--arena|--mem)
            [ $# -ge 2 ] || { echo "qemu.sh: $1 needs a SIZE" >&2; exit 64; }
            args+=("$1" "$2"); shift 2 ;;
        --list|--help|-h) args+=("$1"); shift ;;
        --*) args+=("$1"); shift ;;
        *) args+=(--run "$@"); break ;;
    esac
done
[ ${#args[@]} -gt 0 ] || { echo "usage: ./qemu.sh [KERNEL OPTIONS] PROGRAM [ARGS...] | --list" >&2; exit 64; }
for a in "${args[@]}"; do
    case "$a" in *" "*|"") echo "qemu.sh: arguments cannot be empty or contain spaces: '$a'" >&2; exit 64 ;; esac
done
exec timeout "${QEMU_TIMEOUT:-120}" qemu-system-riscv64 -machine virt -bios default -nographic -no-reboot \
    -m "${QEMU_MEM:-256M}" -kernel "$elf" "${initrd[@]}" -append "${args[*]}" </dev/null
