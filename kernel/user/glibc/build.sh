#!/usr/bin/env bash
# build.sh — build the glibc test programs: ordinary C programs, compiled and linked the usual
# way with Debian's riscv64 cross compiler into static glibc executables, then packed into an
# initramfs with every program under /bin/.
#
#   bash kernel/user/glibc/build.sh [OUTDIR]      (default kernel/.build-riscv64/glibc)
#
# Writes OUTDIR/NAME for every program, OUTDIR/programs.txt (the programs expected to pass
# on the kernel now, one per line), OUTDIR/later.txt (built too, not expected to pass yet)
# and OUTDIR/initramfs.cpio. The compiler comes from Debian's gcc-riscv64-linux-gnu and
# libc6-dev-riscv64-cross (Tests/setup.sh installs them).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../../.build-riscv64/glibc}"
cc=riscv64-linux-gnu-gcc

# NAME[:extra flags]: the programs expected to pass now, then the ones for later.
programs=(hello stdio malloc forkwait pipes dirs strings:-lm env clock errors uname recursion
          signals sigpipe abort system memory files restart threads:-pthread workers:-pthread locks
          symlinks jobstop)
later=()

if ! command -v "$cc" >/dev/null; then
    echo "build.sh: $cc not found: install Debian's gcc-riscv64-linux-gnu and" \
         "libc6-dev-riscv64-cross (bash Tests/setup.sh does)" >&2
    exit 1
fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"

build() {
    local spec="$1" name flags=()
    name="${spec%%:*}"
    [ "$spec" != "$name" ] && read -r -a flags <<<"${spec#*:}"
    "$cc" -static -O2 -Wall -Werror -o "$out/$name" "$here/$name.c" ${flags[@]+"${flags[@]}"}
    echo "$name"
}

: >"$out/programs.txt"
: >"$out/later.txt"
for spec in "${programs[@]}"; do build "$spec" >>"$out/programs.txt"; done
for spec in "${later[@]}"; do build "$spec" >>"$out/later.txt"; done

# The initramfs: every program as /bin/NAME (plus an empty /tmp).
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/tmp"
chmod 1777 "$root/tmp"
while read -r name; do
    cp "$out/$name" "$root/bin/$name"
done < <(cat "$out/programs.txt" "$out/later.txt")
bash "$here/mkinitramfs.sh" "$out/initramfs.cpio" "$root"
echo "built $(cat "$out/programs.txt" "$out/later.txt" | wc -l) glibc programs" \
     "($(wc -l <"$out/programs.txt") now, $(wc -l <"$out/later.txt") later) and" \
     "initramfs.cpio in $out"
