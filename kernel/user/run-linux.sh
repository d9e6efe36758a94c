#!/usr/bin/env bash
# run-linux.sh — run a user program on Linux under qemu-riscv64, in a fresh temporary
# directory (usertests' scratch directory stays private), with standard input from /dev/null.
#
#   bash kernel/user/run-linux.sh PROGRAM [ARGS...]      e.g. run-linux.sh usertests
#
# PROGRAM is one of kernel/.build-riscv64/user/* (bash kernel/user/build.sh builds them;
# USER_BIN=dir overrides). Exits with the program's status (124 if it ran longer than
# QEMU_TIMEOUT seconds, default 120). Programs that exec riscv64
# binaries run them under qemu-riscv64 themselves (lib/syscalls.c: no binfmt_misc needed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${USER_BIN:-$here/../.build-riscv64/user}"
[ $# -ge 1 ] || { echo "usage: run-linux.sh PROGRAM [ARGS...]" >&2; exit 64; }
prog="$bin/$1"
shift
[ -x "$prog" ] || { echo "run-linux.sh: $prog not found; run kernel/user/build.sh first" >&2; exit 64; }
command -v qemu-riscv64 >/dev/null || bash "$here/../../Tests/setup.sh" >&2
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
cd "$dir"
status=0
# The program starts as init would start it: no signal blocked or ignored, no descriptor but
# 0-2. (A test runner's worker threads block most signals, and the processes they start
# inherit that mask and any descriptor open at the time: SIGTERM never arrives, a pipe never
# reaches end-of-file.) Perl is in every Debian system (perl-base).
fresh=(/usr/bin/perl -MPOSIX -e 'sigprocmask(SIG_SETMASK, POSIX::SigSet->new) or die "sigprocmask: $!";
    POSIX::close($_) for 3 .. 1023; exec { $ARGV[0] } @ARGV or die "exec $ARGV[0]: $!"')
timeout -k 5 "${QEMU_TIMEOUT:-120}" env --default-signal "${fresh[@]}" "$(command -v qemu-riscv64)" "$prog" "$@" </dev/null || status=$?
exit "$status"
