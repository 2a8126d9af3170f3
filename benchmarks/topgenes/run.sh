#!/bin/sh
# Side-by-side top-genes throughput: the Java selector (TopGenesSelector over chunks of CellMatrixReaders) against
# numpy (per-row argpartition over the scipy CSR that anndata reads), same file, same N, same selected genes.
# Not run in CI. Usage (from the repository root, after `mvn -q -B package -DskipTests`):
#   sh benchmarks/topgenes/run.sh [FILE.h5ad] [N]
# Without FILE a synthetic 50,000-cell raw-count file is generated first with make_counts_h5ad.py (about 400 MB,
# written to $TMPDIR or /tmp, outside the repository).
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
FILE=${1:-${TMPDIR:-/tmp}/scllm_topgenes_synthetic.h5ad}
N=${2:-20}
if [ ! -f "$FILE" ]; then
    [ -z "$1" ] || { echo "missing $FILE" >&2; exit 1; }
    /usr/bin/python3 "$HERE/make_counts_h5ad.py" "$FILE"
fi
JAR=$HERE/../../core/target/scllm.jar
[ -f "$JAR" ] || { echo "missing $JAR: build it with mvn -q -B package -DskipTests" >&2; exit 1; }
mkdir -p "$HERE/target"
javac -cp "$JAR" -d "$HERE/target" "$HERE/TopGenesBenchmark.java"
JAVA_OUT=$(java -Xmx2g -cp "$JAR:$HERE/target" TopGenesBenchmark "$FILE" "$N")
echo "$JAVA_OUT"
PY_OUT=$(/usr/bin/python3 "$HERE/bench_topgenes.py" "$FILE" "$N")
echo "$PY_OUT"
field() { echo "$1" | sed -n "s/.* $2=\([0-9.]*\).*/\1/p"; }
JC=$(field "$JAVA_OUT" checksum); PC=$(field "$PY_OUT" checksum)
JL=$(field "$JAVA_OUT" listed); PL=$(field "$PY_OUT" listed)
if [ "$JC" = "$PC" ] && [ "$JL" = "$PL" ]; then
    echo "same genes selected: yes ($JL genes, checksum $JC)"
else
    echo "same genes selected: NO (java $JL/$JC, numpy $PL/$PC)"
fi
CELLS=$(field "$JAVA_OUT" cells)
PEER="numpy $(/usr/bin/python3 -c 'import numpy; print(numpy.__version__)') argpartition"
DATA="$(basename "$FILE") ${CELLS} cells N=$N"
for KIND in select e2e; do
    J=$(field "$JAVA_OUT" ${KIND}_cells_per_s); P=$(field "$PY_OUT" ${KIND}_cells_per_s)
    NAME=top_genes; [ "$KIND" = e2e ] && NAME=top_genes_read_and_select
    [ "$KIND" = e2e ] && PEER_K="$PEER (anndata read + select)" || PEER_K="$PEER"
    awk -v j="$J" -v p="$P" -v k="$KIND" 'BEGIN { printf "%s cells/s ratio java/numpy: %.2f\n", k, j / p }'
    awk -v j="$J" -v p="$P" -v n="$NAME" -v peer="$PEER_K" -v data="$DATA" 'BEGIN {
        printf "BENCH {\"name\":\"%s\",\"metric\":\"cells_per_s\",\"unit\":\"cells/s\",\"ours\":%.1f,\"peer\":%.1f,", n, j, p
        printf "\"peer_name\":\"%s\",\"ratio\":%.2f,\"higher_is_better\":true,\"data\":\"%s\"}\n", peer, j / p, data }'
done
