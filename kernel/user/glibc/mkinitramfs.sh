#!/usr/bin/env bash
# mkinitramfs.sh — pack a directory tree into an initramfs: a cpio archive in the "newc"
# format (what Linux's initramfs unpacker reads), uncompressed, whose root is SRCDIR's
# contents (SRCDIR/bin/hello becomes /bin/hello), directories included, every entry owned by
# root:root. Uses Debian's cpio (GNU cpio), with --reproducible where it is supported.
#
#   bash kernel/user/glibc/mkinitramfs.sh OUT.cpio SRCDIR
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: mkinitramfs.sh OUT.cpio SRCDIR" >&2; exit 64; }
out="$1"
src="$2"
[ -d "$src" ] || { echo "mkinitramfs.sh: $src is not a directory" >&2; exit 1; }
command -v cpio >/dev/null || {
    echo "mkinitramfs.sh: cpio not found: install Debian's cpio (bash Tests/setup.sh does)" >&2
    exit 1
}
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
flags=(-o -H newc -R 0:0 --quiet)
cpio --help 2>/dev/null | grep -q -- --reproducible && flags+=(--reproducible)
tmp="$out.tmp.$$"
trap 'rm -f "$tmp"' EXIT
# Paths relative to SRCDIR without the "./" prefix, sorted so the archive does not depend on
# the order readdir happens to return; the root directory itself is not an entry.
(cd "$src" && find . -mindepth 1 -printf '%P\n' | LC_ALL=C sort | cpio "${flags[@]}") >"$tmp"
mv "$tmp" "$out"
