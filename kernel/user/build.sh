#!/usr/bin/env bash
# build.sh — build the user programs: static riscv64 Linux executables with the project's own
# small C library (lib/), no glibc.
#
#   bash kernel/user/build.sh [OUTDIR]      (default kernel/.build-riscv64/user)
#
# clang and ld.lld come with the Swift toolchain. The programs are linked at 0x10000, as
# Linux's static executables are (lib/user.ld).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../.build-riscv64/user}"
obj="$out/.obj"
mkdir -p "$out" "$obj"
cflags=(--target=riscv64-unknown-linux-gnu -march=rv64gc -mabi=lp64d -mcmodel=medany -O2
        -ffreestanding -fno-builtin -nostdlib -static -fno-pic -fno-stack-protector
        -Wall -Wextra -Wno-unused-parameter -Werror
        -I "$here/lib/include" -I "${ABI_INCLUDE:-$here/../include}")
lib=()
for src in "$here"/lib/*.c "$here"/lib/*.S; do
    o="$obj/lib-$(basename "$src").o"
    clang "${cflags[@]}" -c "$src" -o "$o"
    lib+=("$o")
done
for src in "$here"/*.c; do
    name="$(basename "$src" .c)"
    clang "${cflags[@]}" -c "$src" -o "$obj/$name.o"
    ld.lld -T "$here/lib/user.ld" -static --gc-sections -o "$out/$name" "$obj/$name.o" "${lib[@]}"
done
echo "built $(ls "$out" | wc -l) user programs in $out"
