#!/usr/bin/env bash
# build-riscv64.sh — build the bare-metal riscv64 kernel for QEMU's virt machine.
#
#   ./build-riscv64.sh            → .build-riscv64/kernel.elf   (boot it with ./qemu.sh)
#
# The same KernelCore and built-in programs as the hosted build (Sources/), with the riscv64
# platform layer (arch/riscv64/) in place of HostPlatform.swift and arch/*.{c,S}:
#   1. build maxlive (release) and compute the reservation table from KernelCore's SIL for
#      THIS target and these flags (riscv64-none-none-eabi, -Osize, the same -D and -I);
#      an unbounded system call fails the build here, as it does in the plugin
#   2. swiftc KernelCore (a module of its own, as in the package), then the Kernel module:
#      Sources/Kernel + arch/riscv64/*.swift + the generated MaxliveBounds.swift
#   3. clang the assembly and C (boot stub, trap vector, context switch, device tree, libc
#      functions, the heap forwarders), ld.lld with arch/riscv64/kernel.ld
# Environment: KERNEL_PRODUCTION=1 builds without the test-build checks (as the package);
# MAXLIVE=/path/to/maxlive uses that analyzer instead of building it.
set -euo pipefail
cd "$(dirname "$0")"
kernel="$PWD"
root="$(cd .. && pwd)"
out="$kernel/.build-riscv64"
mkdir -p "$out"
bash "$root/Tests/setup.sh" >&2      # libclang for maxlive, qemu-system-misc for qemu.sh

target=riscv64-none-none-eabi
test_define=(-DKERNEL_TEST)
[ -n "${KERNEL_PRODUCTION:-}" ] && test_define=()
# The flags that shape KernelCore's SIL: the analysis and the compile must agree on them.
swift_flags=(-target "$target" -enable-experimental-feature Embedded -enable-experimental-feature Extern
             -enable-experimental-feature Volatile -wmo -Osize -parse-as-library -swift-version 5
             "${test_define[@]}" -Xcc -I -Xcc "$kernel/include" -I "$kernel/include"
             -Xfrontend -disable-stack-protector)
# Object-code only (no effect on SIL): lets ld.lld --gc-sections drop unused functions.
object_flags=(-Xfrontend -function-sections)
c_flags=(--target=riscv64-unknown-elf -march=rv64imac_zicsr -mabi=lp64 -mcmodel=medany
         -ffreestanding -fno-builtin -O2 -I "$kernel/include")

# 1. the reservation table (the kernel's C is read for riscv64's LP64 layout: libclang's
#    bare-metal riscv64 driver finds no stddef.h, the Linux one does; the layouts are the same)
if [ -z "${MAXLIVE:-}" ]; then
    (cd "$root" && swift build -c release --product maxlive >&2)
    MAXLIVE="$(cd "$root" && swift build -c release --show-bin-path)/maxlive"
fi
analysis_flags=()
for f in "${test_define[@]}" -Xfrontend -disable-stack-protector; do analysis_flags+=(--Xswiftc "$f"); done
echo "build-riscv64: maxlive table for $target -Osize" >&2
"$MAXLIVE" table --embedded --Osize --target "$target" --module KernelCore --import KernelCore \
    --options-file "$kernel/maxlive-options" --Xswiftc -I --Xswiftc "$kernel/include" "${analysis_flags[@]}" \
    --c-flag --target=riscv64-linux-gnu \
    --root "$root" --output "$out/MaxliveBounds.swift" "$kernel/Sources/KernelCore"

# 2. Swift
echo "build-riscv64: swiftc KernelCore" >&2
swiftc "${swift_flags[@]}" "${object_flags[@]}" -module-name KernelCore \
    -emit-module -emit-module-path "$out/KernelCore.swiftmodule" \
    -c "$kernel"/Sources/KernelCore/*.swift -o "$out/KernelCore.o"
echo "build-riscv64: swiftc Kernel" >&2
swiftc "${swift_flags[@]}" "${object_flags[@]}" -module-name Kernel -I "$out" \
    -c "$kernel"/Sources/Kernel/*.swift "$kernel"/arch/riscv64/*.swift "$out/MaxliveBounds.swift" \
    -o "$out/Kernel.o"

# 3. assembly and C, link
objects=("$out/KernelCore.o" "$out/Kernel.o")
for src in "$kernel"/arch/riscv64/*.S "$kernel"/arch/riscv64/*.c "$kernel/arch/heap_shim.c" "$kernel"/lib/*.c; do
    obj="$out/$(basename "$src").o"
    clang "${c_flags[@]}" -c "$src" -o "$obj"
    objects+=("$obj")
done
ld.lld -T "$kernel/arch/riscv64/kernel.ld" --gc-sections -o "$out/kernel.elf" "${objects[@]}"
echo "built $out/kernel.elf"
