#!/usr/bin/env bash
# CI, after the tests: build the Linux bundle and tarball, report their sizes, install the tarball
# into a scratch prefix and run the installed app's --self-test (all in packaging/build.py).
# About a minute on 2 cores; PyInstaller comes from PyPI on first use.
set -euo pipefail
cd "$(dirname "$0")/.."

# PyInstaller reads shared-library dependencies with objdump (Debian: binutils).
if ! command -v objdump >/dev/null 2>&1; then
    echo "ci_package: objdump not found; install binutils" >&2
    exit 1
fi
export TESTIMONIA_BUNDLE_BUDGET_MB=${TESTIMONIA_BUNDLE_BUDGET_MB:-300}
started=$(date +%s)
make package
echo "ci_package: build, packaging and self-test took $(( $(date +%s) - started )) s"
