#!/usr/bin/env bash
# build.sh — build third-party programs from Debian's source packages, unmodified, into static
# glibc riscv64 executables, and pack them with this folder's scripts into an initramfs.
#
#   bash kernel/user/ports/build.sh [OUTDIR]      (default kernel/.build-riscv64/ports)
#
# The programs (Debian 12 source packages; the upstream tarball each carries is built with its
# own build system and Debian's riscv64-linux-gnu-gcc, -static, no patches):
#   lua5.4   → /bin/lua      the Lua 5.4 interpreter (make posix)
#   mksh     → /bin/mksh     the MirBSD Korn shell (Build.sh)
#   busybox  → /bin/busybox  a shell and coreutils in one binary (make defconfig, CONFIG_STATIC)
#   bzip2    → /bin/bzip2    the compressor of the bzip2 library (make bzip2)
# Sources are fetched with `apt-get source --download-only` from the deb-src of the Debian
# release this machine runs, through apt state kept under OUTDIR (the system's apt
# configuration is not changed), and kept in OUTDIR/src: a second run builds nothing again.
#
# Writes OUTDIR/root (the tree packed: /bin/PROGRAM, /scripts/* from this folder, generated
# data under /data, an empty /tmp), OUTDIR/initramfs.cpio and OUTDIR/commands.txt (this
# folder's commands.txt, the command lines the tests run on the kernel and on Linux).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../../.build-riscv64/ports}"
cross=riscv64-linux-gnu-
jobs="$(nproc 2>/dev/null || echo 2)"

for tool in "${cross}gcc" apt-get make cpio; do
    command -v "$tool" >/dev/null || {
        echo "ports/build.sh: $tool not found: bash Tests/setup.sh installs what this needs" >&2
        exit 1
    }
done
mkdir -p "$out/src" "$out/bin"
out="$(cd "$out" && pwd)"

# --- sources -------------------------------------------------------------------------------
# A private apt configuration whose only source is deb-src of this machine's Debian release.
fetch_sources() {
    local apt="$out/apt" codename
    codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"
    mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial"
    cat >"$apt/sources.list" <<EOF
deb-src http://deb.debian.org/debian $codename main
EOF
    local opts=(-o "Dir::Etc::SourceList=$apt/sources.list" -o "Dir::Etc::SourceParts=/nonexistent"
                -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache"
                -o "APT::Sandbox::User=root" -o "Debug::NoLocking=1" -qq)
    apt-get "${opts[@]}" update
    (cd "$out/src" && apt-get "${opts[@]}" source --download-only "$@")
}

# The upstream tarball of source package $1 (NAME_VERSION.orig.tar.*), unpacked once into
# OUTDIR/src/$1; prints that folder.
unpack() {
    local pkg="$1" tarball dir="$out/src/$1"
    if [ ! -d "$dir" ]; then
        tarball="$(ls "$out/src/${pkg}"_*.orig.tar.* 2>/dev/null | head -1)"
        [ -n "$tarball" ] || { echo "ports/build.sh: no upstream tarball of $pkg in $out/src" >&2; exit 1; }
        mkdir -p "$dir.tmp"
        tar xf "$tarball" -C "$dir.tmp"
        mv "$dir.tmp" "$dir"
    fi
    # the one top-level folder of the tarball
    find "$dir" -mindepth 1 -maxdepth 1 -type d | head -1
}

packages=(lua5.4 mksh busybox bzip2)
need=()
for pkg in "${packages[@]}"; do
    ls "$out/src/${pkg}"_*.orig.tar.* >/dev/null 2>&1 || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] || fetch_sources "${need[@]}"

# --- builds (each skipped when its program is there) ------------------------------------------
# Run a build step with its output in OUTDIR/PROGRAM.log, shown only if it fails.
logged() {
    local log="$out/$1.log"
    shift
    "$@" >>"$log" 2>&1 || { tail -30 "$log" >&2; echo "ports/build.sh: building failed, see $log" >&2; exit 1; }
}

build_lua() {
    local src; src="$(unpack lua5.4)"
    logged lua make -C "$src" posix CC="${cross}gcc" AR="${cross}ar rcu" RANLIB="${cross}ranlib" MYLDFLAGS=-static
    cp "$src/src/lua" "$out/bin/lua"
}

build_mksh() {
    local src; src="$(unpack mksh)"
    (cd "$src" && CC="${cross}gcc" CFLAGS=-O2 LDFLAGS=-static logged mksh sh ./Build.sh)
    cp "$src/mksh" "$out/bin/mksh"
}

build_busybox() {
    local src; src="$(unpack busybox)"
    logged busybox make -C "$src" defconfig
    sed -i -e 's/^# CONFIG_STATIC is not set$/CONFIG_STATIC=y/' \
           -e "s/^CONFIG_CROSS_COMPILER_PREFIX=.*/CONFIG_CROSS_COMPILER_PREFIX=\"$cross\"/" "$src/.config"
    logged busybox make -C "$src" -j"$jobs"
    cp "$src/busybox" "$out/bin/busybox"
}

build_bzip2() {
    local src; src="$(unpack bzip2)"
    logged bzip2 make -C "$src" CC="${cross}gcc" AR="${cross}ar" RANLIB="${cross}ranlib" LDFLAGS=-static bzip2
    cp "$src/bzip2" "$out/bin/bzip2"
}

for program in lua mksh busybox bzip2; do
    [ -x "$out/bin/$program" ] || "build_$program"
    file_type="$(od -An -tx1 -j18 -N2 "$out/bin/$program" | tr -d ' ')"
    [ "$file_type" = "f300" ] || { echo "ports/build.sh: $program is not a riscv64 ELF" >&2; exit 1; }
done

# --- the tree and its archive ---------------------------------------------------------------
root="$out/root"
rm -rf "$root"
mkdir -p "$root/bin" "$root/tmp" "$root/data"
chmod 1777 "$root/tmp"
cp "$out"/bin/* "$root/bin/"
cp -r "$here/scripts" "$root/scripts"
# 20,000 numbers from a linear congruential generator (exact in awk's doubles: < 2^53)
awk 'BEGIN { x = 12345; for (i = 0; i < 20000; i++) { x = (x * 69069 + 1) % 4294967296; print int(x / 4096) } }' \
    >"$root/data/numbers.txt"
awk '{ printf "%s line %d: the quick brown fox jumps over the lazy dog %d\n", ($1 % 3 ? "even" : "odd"), NR, $1 % 97 }' \
    "$root/data/numbers.txt" >"$root/data/text.txt"
bash "$here/../glibc/mkinitramfs.sh" "$out/initramfs.cpio" "$root"
grep -v '^[[:space:]]*\(#\|$\)' "$here/commands.txt" >"$out/commands.txt"
echo "built ${packages[*]} and initramfs.cpio ($(wc -l <"$out/commands.txt") commands) in $out"
