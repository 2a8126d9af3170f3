#!/bin/sh
# KNN classify against scikit-learn and one SupCon epoch against PyTorch, on the same synthetic data, in one run.
# Not run in CI. From the repository root, after `mvn -q -B package -DskipTests`:
#   sh benchmarks/learn/run.sh [--quick] [knn] [supcon]      (no name: both)
# --quick uses small sizes (seconds instead of minutes). Each benchmark prints a BENCH line (benchmarks/README.md).
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
QUICK=0
WHICH=""
for a in "$@"; do
    case "$a" in
        --quick) QUICK=1 ;;
        knn|supcon) WHICH="$WHICH $a" ;;
        *) echo "unknown argument '$a'; use [--quick] [knn] [supcon]" >&2; exit 2 ;;
    esac
done
[ -n "$WHICH" ] || WHICH="knn supcon"
[ -d "$HERE/../../core/target/classes" ] || {
    echo "missing core/target/classes: build with mvn -q -B package -DskipTests" >&2; exit 1; }
for b in $WHICH; do
    case "$b" in
        knn)
            if [ "$QUICK" = 1 ]; then /usr/bin/python3 "$HERE/bench_knn.py" 4000 2000 128
            else
                /usr/bin/python3 "$HERE/bench_knn.py" 20000 10000 128
                /usr/bin/python3 "$HERE/bench_knn.py" 20000 5000 1536
            fi ;;
        supcon)
            if [ "$QUICK" = 1 ]; then /usr/bin/python3 "$HERE/bench_supcon.py" 2048 512
            else
                /usr/bin/python3 "$HERE/bench_supcon.py" 10000 1536
                /usr/bin/python3 "$HERE/bench_supcon.py" 2048 512
            fi ;;
    esac
done
