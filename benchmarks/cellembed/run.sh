#!/bin/sh
# Side-by-side Cell Embedding throughput (GenePT-w: each cell's expression-weighted mean of its top genes' vectors):
# the Java CellEmbedder, as the Cell Embedding node and `scllm cell-embed` use it, against numpy doing the same
# weighted means (three vectorised variants; the fastest is the peer), on the same synthetic inputs held in memory.
# Not run in CI. Usage (from the repository root, after `mvn -q -B package -DskipTests`):
#   sh benchmarks/cellembed/run.sh [--quick] [CELLS [GENES [TOP [DIM]]]]
# Defaults: 100,000 cells x 20 top genes of 2,000 genes x 1,536 dimensions (--quick or BENCH_QUICK=1: 10,000
# cells). The inputs (about 30 MB at the defaults) are generated into $TMPDIR or /tmp, outside the repository.
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
PY=/usr/bin/python3
CELLS=100000
if [ "$1" = --quick ]; then shift; CELLS=10000; elif [ "${BENCH_QUICK:-0}" = 1 ]; then CELLS=10000; fi
CELLS=${1:-$CELLS}
GENES=${2:-2000}
TOP=${3:-20}
DIM=${4:-1536}
JAR=$HERE/../../core/target/scllm.jar
[ -f "$JAR" ] || { echo "missing $JAR: build it with mvn -q -B package -DskipTests" >&2; exit 1; }
"$PY" -c 'import numpy' 2>/dev/null || { echo "numpy missing: apt-get install python3-numpy" >&2; exit 1; }
DATA=$(mktemp -d "${TMPDIR:-/tmp}/scllm-cellembed.XXXXXX")
trap 'rm -rf "$DATA"' EXIT INT TERM
"$PY" "$HERE/bench_cellembed.py" make "$DATA" "$CELLS" "$GENES" "$TOP" "$DIM"
mkdir -p "$HERE/target"
javac -cp "$JAR" -d "$HERE/target" "$HERE/CellEmbedBenchmark.java"
JAVA_OUT=$(java -Xmx2g -cp "$JAR:$HERE/target" CellEmbedBenchmark "$DATA")
echo "$JAVA_OUT"
PY_ALL=$("$PY" "$HERE/bench_cellembed.py" run "$DATA")
echo "$PY_ALL"
PY_OUT=$(echo "$PY_ALL" | tail -1)
field() { echo "$1" | sed -n "s/.* $2=\([^ ]*\).*/\1/p"; }
JC=$(field "$JAVA_OUT" checksum); PC=$(field "$PY_OUT" checksum)
awk -v j="$JC" -v p="$PC" 'BEGIN { d = (j - p) / p; if (d < 0) d = -d;
    printf "same cell vectors: %s (checksums %s and %s, relative difference %.1e)\n", (d < 1e-5 ? "yes" : "NO"), j, p, d }'
J=$(field "$JAVA_OUT" cells_per_s); P=$(field "$PY_OUT" cells_per_s)
PEER="numpy $("$PY" -c 'import numpy; print(numpy.__version__)') $(field "$PY_OUT" variant | tr _ ' ')"
awk -v j="$J" -v p="$P" 'BEGIN { printf "cells/s ratio java/numpy: %.2f\n", j / p }'
awk -v j="$J" -v p="$P" -v peer="$PEER" -v data="synthetic $CELLS cells x $TOP of $GENES genes x $DIM dims" 'BEGIN {
    printf "BENCH {\"name\":\"cell_embedding\",\"metric\":\"cells_per_s\",\"unit\":\"cells/s\",\"ours\":%.1f,\"peer\":%.1f,", j, p
    printf "\"peer_name\":\"%s\",\"ratio\":%.2f,\"higher_is_better\":true,\"data\":\"%s\"}\n", peer, j / p, data }'
