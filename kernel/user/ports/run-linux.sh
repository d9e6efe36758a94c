#!/usr/bin/env bash
# run-linux.sh — run a command line of the ports' initramfs on Linux, set up as the kernel's
# init runs it: the archive's tree is the root (a fresh copy, removed afterwards), the current
# directory is /, the environment is just PATH=/bin, standard input is /dev/null, no signal is
# blocked and no descriptor but 0-2 is open.
#
#   bash kernel/user/ports/run-linux.sh PROGRAM [ARGS...]   e.g. run-linux.sh lua scripts/tables.lua
#
# The riscv64 programs run under qemu-riscv64; proot (Debian's) makes the copied tree the root
# and runs every program a program starts (a shell's pipeline, say) under qemu-riscv64 too, as
# a Linux kernel with binfmt_misc would. Standard output and standard error both go to standard
# output. Exits with the command's status: 128 + N if signal N killed it, 124 if it ran longer
# than QEMU_TIMEOUT seconds (default 120). PORTS_DIR is the build folder (default
# kernel/.build-riscv64/ports, written by build.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
ports="${PORTS_DIR:-$here/../../.build-riscv64/ports}"
[ $# -ge 1 ] || { echo "usage: run-linux.sh PROGRAM [ARGS...]" >&2; exit 64; }
[ -d "$ports/root/bin" ] || { echo "run-linux.sh: $ports/root not found; run kernel/user/ports/build.sh first" >&2; exit 64; }
for tool in proot qemu-riscv64; do
    command -v "$tool" >/dev/null || bash "$here/../../../Tests/setup.sh" >&2
done
qemu="$(command -v qemu-riscv64)"
proot="$(command -v proot)"
program="$1"
shift
case "$program" in /*) ;; *) program="/bin/$program" ;; esac
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
cp -a "$ports/root/." "$dir/"
umask 022
ulimit -c 0
# As in the glibc runner: the test runner's blocked signals and open descriptors must not
# reach the program (perl is in every Debian system).
fresh=(/usr/bin/perl -MPOSIX -e 'sigprocmask(SIG_SETMASK, POSIX::SigSet->new) or die "sigprocmask: $!";
    POSIX::close($_) for 3 .. 1023; exec { $ARGV[0] } @ARGV or die "exec $ARGV[0]: $!"')
set +e
{ timeout -k 5 "${QEMU_TIMEOUT:-120}" env -i --default-signal PATH=/bin "${fresh[@]}" \
      "$proot" -q "$qemu" -r "$dir" -b /dev/null -b /dev/zero -w / "$program" "$@" </dev/null 2>&1 \
      | grep -v '^qemu: uncaught target signal'
  status=${PIPESTATUS[0]}; } 2>/dev/null
set -e
exit "$status"
