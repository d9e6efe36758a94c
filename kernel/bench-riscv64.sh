#!/usr/bin/env bash
# bench-riscv64.sh — figures for the bare-metal riscv64 kernel (issue 8).
#
#   bash kernel/bench-riscv64.sh [RUNS]        (default 7 runs of each; MESSAGES=2000 by default)
#
# Builds kernel.elf (build-riscv64.sh, with the C user programs), then prints medians of:
#   - boot time: wall time from starting qemu-system-riscv64 to power-off for `true` (OpenSBI,
#     the kernel's boot, init and one exec included);
#   - the C mail benchmark (`mailbench MESSAGES`, user mode on our kernel) with reservations on
#     and off, and their ratio;
#   - as a reference point only, the same mailbench binary on Linux under qemu-riscv64: not
#     like for like, because there every system call is served natively by the host's kernel.
# A run that fails stops the script with status 1.
set -euo pipefail
cd "$(dirname "$0")"
runs="${1:-7}"
messages="${MESSAGES:-2000}"
./build-riscv64.sh >/dev/null

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.1f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
# the number just before "msg/s" on mailbench's result line
rate() { grep -o '[0-9.]* msg/s' | tail -n 1 | awk '{ print $1 }'; }
now_ms() { date +%s%3N; }

boots=()
for i in $(seq "$runs"); do
    t0=$(now_ms)
    ./qemu.sh --quiet true >/dev/null || { echo "bench: boot failed" >&2; exit 1; }
    boots+=("$(( $(now_ms) - t0 ))")
done
echo "boot to power-off (\`true\`, $runs runs): median $(printf '%s\n' "${boots[@]}" | median) ms"

on=(); off=(); linux=()
for i in $(seq "$runs"); do
    a="$(./qemu.sh --quiet mailbench "$messages" | rate)"
    b="$(./qemu.sh --quiet --no-reservations mailbench "$messages" | rate)"
    c="$(bash user/run-linux.sh mailbench "$messages" | rate)"
    [ -n "$a" ] && [ -n "$b" ] && [ -n "$c" ] || { echo "bench: a mailbench run failed" >&2; exit 1; }
    on+=("$a"); off+=("$b"); linux+=("$c")
    echo "  run $i: reservations on $a msg/s, off $b msg/s; Linux (qemu-riscv64) $c msg/s"
done
mon="$(printf '%s\n' "${on[@]}" | median)"
moff="$(printf '%s\n' "${off[@]}" | median)"
echo "mailbench ($messages messages, user mode on QEMU riscv64, $runs runs each, median):"
echo "  reservations on   $mon msg/s"
echo "  reservations off  $moff msg/s"
echo "  ratio on/off      $(awk -v a="$mon" -v b="$moff" 'BEGIN { printf "%.3f", a / b }')"
echo "  reference only: Linux under qemu-riscv64  $(printf '%s\n' "${linux[@]}" | median) msg/s"
