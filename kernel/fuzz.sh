#!/usr/bin/env bash
# fuzz.sh — long fuzzing runs of the hosted kernel (issue 6): many seeds, many calls each.
#
#   bash kernel/fuzz.sh [SEEDS] [CALLS] [FIRST_SEED]     (defaults: 20 seeds, 500000 calls, seed 1)
#
# Each seed runs `Kernel --stats --check-leaks --run fuzz SEED CALLS` twice: with the default
# heap, and under pressure (`--heap 96K --inject-faults`), where reservations wait, the killer
# runs and every deep-reservation stack fails once. A run fails on a contract breach (a call
# outgrew its reservation), an allocation failure, a panic, a leak, a fuzzer anomaly or a
# non-zero status; the script prints the command that replays it and exits 1. At the end it
# prints the total number of system calls made and the worst bound/peak per allocating call.
set -euo pipefail
cd "$(dirname "$0")"
seeds="${1:-20}"
calls="${2:-500000}"
first="${3:-1}"
./build.sh release >/dev/null
K="$(swift build -c release --show-bin-path)/Kernel"

total=0
declare -A peak bound
for seed in $(seq "$first" $((first + seeds - 1))); do
    for mode in plain pressure; do
        args=(--stats --check-leaks)
        [ "$mode" = pressure ] && args=(--heap 96K --inject-faults --stats --check-leaks)
        if ! out="$("$K" "${args[@]}" --run fuzz "$seed" "$calls" 2>&1)" \
           || ! grep -q "0 with anomalies, 0 killed, 0 lost" <<<"$out" \
           || ! grep -q "allocation failures 0; contract breaches 0" <<<"$out" \
           || ! grep -q "(no leak)" <<<"$out"; then
            echo "$out" | tail -40
            echo "fuzz.sh: FAILED: replay with: $K ${args[*]} --run fuzz $seed $calls 4 1" >&2
            exit 1
        fi
        n="$(sed -n 's/^precision: \([0-9]*\) calls;.*/\1/p' <<<"$out")"
        total=$((total + n))
        while read -r name p b; do
            [ "${peak[$name]:-0}" -ge "$p" ] || peak[$name]=$p
            bound[$name]=$b
        done < <(sed -n 's/^  ratio \(sys_[a-z0-9_]*\) .* peak=\([0-9]*\) bound=\([0-9]*\).*/\1 \2 \3/p' <<<"$out")
        echo "seed $seed ($mode): $n calls, clean"
    done
done
echo "fuzz.sh: $total system calls over $seeds seeds x 2 modes, no breach, failure, panic, leak or anomaly"
for name in "${!peak[@]}"; do
    [ "${peak[$name]}" -gt 0 ] && echo "  $name: worst measured peak ${peak[$name]} B, bound ${bound[$name]} B"
done | sort
