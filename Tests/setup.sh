#!/usr/bin/env bash
# Installs what maxlive's tests and kernel runs need and a fresh machine may lack:
# Debian's libclang-dev (the C front end loads libclang at run time; its header is
# used by a test that checks maxlive's declarations against it), qemu-system-misc (the bare-metal kernel),
# qemu-user (qemu-riscv64: the kernel's C user programs run on Linux for comparison),
# gcc-riscv64-linux-gnu and libc6-dev-riscv64-cross (the cross compiler and static glibc for
# the glibc test programs, kernel/user/glibc), cpio (packs their initramfs), make and
# proot (build the third-party programs of kernel/user/ports from Debian's source packages, and
# run them on Linux with their own root), and PyPI's sarif-pydantic
# (validates SARIF reports in the tests).
# Safe to run again: it only installs missing packages.
set -euo pipefail
missing=()
for pkg in libclang-dev qemu-system-misc qemu-user gcc-riscv64-linux-gnu libc6-dev-riscv64-cross \
           cpio make proot; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "setup: swift is not on PATH (Swift 6.3 toolchain needed)" >&2; exit 1; }
# The SARIF test validates reports with the SARIF 2.1.0 object model from PyPI.
if ! python3 -c "import sarif_pydantic" >/dev/null 2>&1; then
  echo "setup: installing sarif-pydantic (PyPI)"
  python3 -m pip install -q --disable-pip-version-check sarif-pydantic >/dev/null 2>&1 \
    || python3 -m pip install -q --disable-pip-version-check --break-system-packages sarif-pydantic >/dev/null
fi
