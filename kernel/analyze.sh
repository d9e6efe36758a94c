#!/usr/bin/env bash
# The main job: analyze the bundled kernel's system calls and print the bounds report.
#
#   bash kernel/analyze.sh [maxlive analyze options, e.g. --format json]
#
# It installs what a fresh machine lacks, builds maxlive, compiles MaxliveSupport and KernelCore
# to Embedded SIL with the kernel's own flags, and prints one row per system call, kernel thread and
# deep-reservation loop. Exit status as maxlive's: 0 all bounded, 2 something unbounded.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/Tests/setup.sh"
cd "$root"
swift build --product maxlive >/dev/null
bin="$(swift build --show-bin-path)"
exec "$bin/maxlive" analyze --embedded --module KernelCore --target x86_64-unknown-linux-gnu \
  --dependency MaxliveSupport=Sources/MaxliveSupport \
  --root "$root" kernel/Sources/KernelCore "$@"
