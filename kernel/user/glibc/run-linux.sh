#!/usr/bin/env bash
# run-linux.sh — run a glibc test program on Linux under qemu-riscv64, set up the way the
# kernel's init runs it: argv[0] is the bare program name, the environment is just
# PATH=/bin, umask 022, standard input /dev/null, and the current directory is a fresh
# temporary directory (with a tmp/ in it, like the kernel's root) that is removed afterwards.
# The programs' own scratch files go to /tmp/NAME-PID..., which they remove themselves.
#
#   bash kernel/user/glibc/run-linux.sh PROGRAM [ARGS...]      e.g. run-linux.sh hello a b
#
# PROGRAM is one of kernel/.build-riscv64/glibc/* (bash kernel/user/glibc/build.sh builds
# them; GLIBC_BIN=dir overrides). Standard output and standard error both go to standard
# output, in the order the program wrote them; qemu's own "qemu: uncaught target signal"
# line (printed when a process dies of a signal; a kernel prints nothing) is left out.
# Exits with the program's status: 128 + N if signal N killed it, 124 if it ran longer than
# QEMU_TIMEOUT seconds (default 120; SIGKILL 5 s later if it ignores the SIGTERM). QEMU_ARGS
# adds options to qemu-riscv64 (e.g. -strace).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${GLIBC_BIN:-$here/../../.build-riscv64/glibc}"
[ $# -ge 1 ] || { echo "usage: run-linux.sh PROGRAM [ARGS...]" >&2; exit 64; }
name="$1"
shift
prog="$(cd "$bin" 2>/dev/null && pwd)/$name"
[ -x "$prog" ] || { echo "run-linux.sh: $bin/$name not found; run kernel/user/glibc/build.sh first" >&2; exit 64; }
command -v qemu-riscv64 >/dev/null || bash "$here/../../../Tests/setup.sh" >&2
qemu="$(command -v qemu-riscv64)"
read -r -a qemu_args <<<"${QEMU_ARGS:-}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/tmp"
cd "$dir"
umask 022
ulimit -c 0                 # qemu-user writes a core file for a guest killed by SIGABRT etc.
# The program starts as init would start it: no signal blocked or ignored, no descriptor but
# 0-2. (A test runner's worker threads block most signals, and the processes they start
# inherit that mask and any descriptor open at the time: SIGTERM never arrives, a pipe never
# reaches end-of-file.) Perl is in every Debian system (perl-base).
fresh=(/usr/bin/perl -MPOSIX -e 'sigprocmask(SIG_SETMASK, POSIX::SigSet->new) or die "sigprocmask: $!";
    POSIX::close($_) for 3 .. 1023; exec { $ARGV[0] } @ARGV or die "exec $ARGV[0]: $!"')
set +e
# The outer 2>/dev/null only silences bash's own "Aborted"-style job report when the program
# dies of a signal; the program's standard error joins its standard output in the pipe.
{ timeout -k 5 "${QEMU_TIMEOUT:-120}" env -i --default-signal PATH=/bin "${fresh[@]}" \
      "$qemu" ${qemu_args[@]+"${qemu_args[@]}"} -0 "$name" "$prog" "$@" </dev/null 2>&1 \
      | grep -v '^qemu: uncaught target signal'
  status=${PIPESTATUS[0]}; } 2>/dev/null
set -e
exit "$status"
