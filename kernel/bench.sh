#!/usr/bin/env bash
# bench.sh — the cost of reservations and the killer's recovery time (issue 5).
#
#   bash kernel/bench.sh [RUNS]          (default 11 runs of each; MESSAGES=10000 by default)
#
# Builds the release kernel, then runs the mail benchmark (`mail MESSAGES 4 8`: 4 clients
# delivering to 8 mailboxes through a server, a reader draining them) RUNS times with
# reservations on and RUNS times with --no-reservations, alternating, and prints the median
# throughput of each and their ratio (the cost of safety; the aim is at least 0.97). Then it
# runs the heap-exhaustion torture program RUNS times and prints the median time from the
# first reservation wait to the system recovered (no thread waiting for memory any more),
# as the kernel measures it.
set -euo pipefail
cd "$(dirname "$0")"
runs="${1:-11}"
messages="${MESSAGES:-10000}"
./build.sh release >/dev/null
K="$(swift build -c release --show-bin-path)/Kernel"

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.1f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
rate() { sed -n 's/.* ms, \([0-9]*\) msg\/s.*/\1/p'; }

on=(); off=(); ratios=()
for i in $(seq "$runs"); do
    a="$("$K" --quiet --run mail "$messages" 4 8 | rate)"
    b="$("$K" --quiet --no-reservations --run mail "$messages" 4 8 | rate)"
    [ -n "$a" ] && [ -n "$b" ] || { echo "bench: a mail run failed" >&2; exit 1; }
    on+=("$a"); off+=("$b")
    ratios+=("$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.4f", a / b }')")
    echo "  run $i: reservations on $a msg/s, off $b msg/s"
done
mon="$(printf '%s\n' "${on[@]}" | median)"
moff="$(printf '%s\n' "${off[@]}" | median)"
mratio="$(printf '%s\n' "${ratios[@]}" | median)"
echo "mail ($messages messages, 4 clients, 8 mailboxes, $runs runs each, median):"
echo "  reservations on   $mon msg/s"
echo "  reservations off  $moff msg/s"
echo "  ratio on/off      $(awk -v a="$mon" -v b="$moff" 'BEGIN { printf "%.3f", a / b }') (of the medians; median of the per-pair ratios $mratio)"

first=(); span=()
for i in $(seq "$runs"); do
    out="$("$K" --heap 64K --check-leaks --run torture 12)"
    grep -q "torture: the system recovered" <<<"$out" || { echo "bench: torture did not recover" >&2; exit 1; }
    line="$(grep "memory-wait episodes" <<<"$out")"
    first+=("$(sed -n 's/.*recovery (first wait to no waiter) first \([0-9]*\) us.*/\1/p' <<<"$line")")
    span+=("$(sed -n 's/.*first wait to last recovery \([0-9]*\) us.*/\1/p' <<<"$line")")
    echo "  torture run $i: $line"
done
echo "killer recovery (torture 12 hogs, --heap 64K, $runs runs, median):"
echo "  first reservation wait to recovered (no waiter left)  $(printf '%s\n' "${first[@]}" | median) us"
echo "  first wait to the last episode's recovery            $(printf '%s\n' "${span[@]}" | median) us"
