#!/bin/sh
# UMAP of synthetic cells: the engine against uwot (Debian's r-cran-uwot) on the same rows, in one run.
# Not run in CI. From the repository root, after `mvn -q -B package -DskipTests`:
#   sh benchmarks/umap/run.sh [--quick] [ROWS [DIM]]
# Defaults: 100,000 x 50 (--quick or BENCH_QUICK=1: 10,000 x 50). Prints a BENCH line (benchmarks/README.md).
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
ROWS=100000
if [ "${1:-}" = --quick ]; then shift; ROWS=10000; elif [ "${BENCH_QUICK:-0}" = 1 ]; then ROWS=10000; fi
[ -d "$HERE/../../core/target/classes" ] || {
    echo "missing core/target/classes: build with mvn -q -B package -DskipTests" >&2; exit 1; }
command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(uwot)' >/dev/null 2>&1 || {
    echo "uwot missing: apt-get install r-cran-uwot" >&2; exit 1; }
/usr/bin/python3 "$HERE/bench_umap.py" "${1:-$ROWS}" "${2:-50}"
