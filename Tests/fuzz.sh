#!/usr/bin/env bash
# Tests/fuzz.sh [COUNT] [SEED] — a long soundness-fuzzing batch: builds maxlive and
# maxlive-fuzz in release, then checks COUNT random programs (default 200) from SEED
# (default: the date) against measured peaks. Violations (and their reductions) go to
# /tmp/maxlive-fuzz-failures. Exit 1 when any bound is exceeded. Extra arguments after
# SEED go to maxlive-fuzz (e.g. --no-reduce, --max-reductions 20).
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-200}"
SEED="${2:-$(date +%Y%m%d)}"
shift $(( $# < 2 ? $# : 2 ))
swift build -c release --product maxlive
swift build -c release --product maxlive-fuzz
exec .build/release/maxlive-fuzz --seed "$SEED" --count "$COUNT" --maxlive .build/release/maxlive "$@"
