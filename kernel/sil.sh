#!/bin/sh
# sil.sh — emit the SIL of KernelCore (the module maxlive analyzes) with the flags of the
# real build, without the generated table (which lives in the Kernel target).
#
#   ./sil.sh [-O|-Osize|-Onone] [--triple T] [-o FILE]      (default: -O, host triple, KernelCore.sil)
#
# KernelCore is compiled at -Osize in debug and release builds (Package.swift) and on riscv64.
set -eu
cd "$(dirname "$0")"
opt=-O
triple=x86_64-unknown-linux-gnu
out=KernelCore.sil
while [ $# -gt 0 ]; do
    case "$1" in
        -O|-Osize|-Onone) opt="$1"; shift ;;
        --triple) triple="$2"; shift 2 ;;
        -o) out="$2"; shift 2 ;;
        *) echo "usage: ./sil.sh [-O|-Osize|-Onone] [--triple T] [-o FILE]" >&2; exit 64 ;;
    esac
done
test=-DKERNEL_TEST
[ -n "${KERNEL_PRODUCTION:-}" ] && test=
# KernelCore imports maxlive's MaxliveSupport: its interface first.
support="$(mktemp -d)"
trap 'rm -rf "$support"' EXIT
swiftc -emit-module -emit-module-path "$support/MaxliveSupport.swiftmodule" "$opt" -target "$triple" \
    -enable-experimental-feature Embedded -wmo -parse-as-library -module-name MaxliveSupport \
    ../Sources/MaxliveSupport/*.swift
swiftc -emit-sil -g "$opt" -target "$triple" -I "$support" \
    -enable-experimental-feature Embedded -enable-experimental-feature Extern \
    -enable-experimental-feature Volatile -wmo -parse-as-library -swift-version 5 \
    -module-name KernelCore $test -Xcc -I -Xcc include -I include \
    Sources/KernelCore/*.swift -o "$out"
echo "$out: $(wc -l < "$out") lines"
