#!/usr/bin/env bash
# Tests/compare-reports.sh BASE_REV [WORK]: do the reports of the working tree equal those of
# BASE_REV? For changes meant to keep every bound as it is (refactorings, speed-ups).
#
# Emits the SIL of every fixture at -Osize and -Onone and of the kernel at -O, -Osize and
# -Onone once (kept in WORK/sil, default /tmp/maxlive-compare), builds maxlive at BASE_REV in
# WORK/base and the working tree's maxlive, analyses every SIL file and the kernel as
# kernel/analyze.sh does with both, and diffs the JSON and text reports (timings left out).
# Exit 0 when they are identical, 1 with the diff otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
base_rev="${1:?usage: Tests/compare-reports.sh BASE_REV [WORK]}"
work="${2:-/tmp/maxlive-compare}"
mkdir -p "$work/sil"

if [ -z "$(ls "$work/sil" 2>/dev/null)" ]; then
    echo "emitting SIL into $work/sil" >&2
    for f in Fixtures/*.swift; do
        n=$(basename "$f" .swift)
        for o in -Osize -Onone; do
            MAXLIVE_OPT=$o Fixtures/measure --sil "$f" "$work/sil/$n$o.sil" >/dev/null 2>&1 || echo "no SIL for $n $o" >&2
        done
    done
    for o in -O -Osize -Onone; do kernel/sil.sh $o -o "$work/sil/kernel$o.sil" >/dev/null; done
fi

echo "building maxlive at $base_rev and at the working tree" >&2
rm -rf "$work/base"
git worktree prune
git worktree add --detach "$work/base" "$base_rev" >/dev/null
(cd "$work/base" && swift build --product maxlive >/dev/null)
swift build --product maxlive >/dev/null

report() {  # report BIN OUT
    local bin="$1" out="$2"
    rm -rf "$out"; mkdir -p "$out"
    for s in "$work"/sil/*.sil; do
        n=$(basename "$s" .sil)
        "$bin" analyze --sil "$s" --format json 2>/dev/null | grep -v '"seconds"' > "$out/$n.json" || true
        "$bin" analyze --sil "$s" > "$out/$n.txt" 2>/dev/null || true
    done
    "$bin" analyze --embedded --module KernelCore --target x86_64-unknown-linux-gnu \
        --dependency MaxliveSupport=Sources/MaxliveSupport --root "$root" kernel/Sources/KernelCore \
        --format json 2>/dev/null | grep -v '"seconds"' > "$out/kernel-analyze.json" || true
}
report "$work/base/.build/debug/maxlive" "$work/before"
report "$root/.build/debug/maxlive" "$work/after"
git worktree remove --force "$work/base"
if diff -r "$work/before" "$work/after"; then
    echo "identical: $(ls "$work/after" | wc -l) reports" >&2
else
    exit 1
fi
