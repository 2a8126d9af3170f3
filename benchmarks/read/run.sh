#!/bin/sh
# Side-by-side read throughput: our reader (-Xmx1g) against anndata.read_h5ad plus one pass over X.
# Not run in CI. Usage (from the repository root, after `mvn -pl core -am package -DskipTests`):
#   sh benchmarks/read/run.sh [FILE.h5ad]
# A missing FILE is generated first with make_big_h5ad.py (about 1.4 GB; keep it outside the repository).
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
FILE=${1:-$HERE/big.h5ad}
[ -f "$FILE" ] || /usr/bin/python3 "$HERE/make_big_h5ad.py" "$FILE"
JAR=$HERE/../../core/target/scllm.jar
[ -f "$JAR" ] || { echo "missing $JAR: build it with mvn -pl core -am package -DskipTests" >&2; exit 1; }
mkdir -p "$HERE/target"
javac -cp "$JAR" -d "$HERE/target" "$HERE/ReadBenchmark.java"
GC_LOG=$HERE/target/gc.log
rm -f "$GC_LOG"
JAVA_OUT=$(java -Xmx1g -Xlog:gc:file="$GC_LOG" -cp "$JAR:$HERE/target" ReadBenchmark "$FILE")
echo "$JAVA_OUT"
# Largest heap occupancy the GC log saw before a collection ("123M->45M(256M)").
GC_PEAK=$(sed -n 's/.* \([0-9][0-9]*\)M->[0-9][0-9]*M([0-9][0-9]*M).*/\1/p' "$GC_LOG" | sort -n | tail -1)
echo "java gc_log_peak_heap_mb=${GC_PEAK:-none} gc_events=$(grep -c 'Pause' "$GC_LOG" || true)"
PY_OUT=$(/usr/bin/python3 - "$FILE" <<'PY'
import resource, sys, time
import anndata as ad
import numpy as np
t0 = time.perf_counter()
a = ad.read_h5ad(sys.argv[1])
x = a.X
total = 0.0
for s in range(0, x.shape[0], 4096):
    total += float(x[s:s + 4096].sum(dtype=np.float64))
dt = time.perf_counter() - t0
print(f"python nnz={x.nnz} sum={total:.1f} seconds={dt:.2f} nnz_per_s={x.nnz / dt:.0f} "
      f"peak_rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} anndata={ad.__version__} "
      f"cells={x.shape[0]} genes={x.shape[1]}")
PY
)
echo "$PY_OUT"
field() { echo "$1" | sed -n "s/.* $2=\([0-9.]*\).*/\1/p"; }
JN=$(field "$JAVA_OUT" nnz); PN=$(field "$PY_OUT" nnz)
JT=$(field "$JAVA_OUT" nnz_per_s); PT=$(field "$PY_OUT" nnz_per_s)
JH=$(field "$JAVA_OUT" peak_heap_mb); PR=$(field "$PY_OUT" peak_rss_mb)
[ "$JN" = "$PN" ] && echo "nnz match: yes ($JN)" || echo "nnz match: NO (java $JN, python $PN)"
awk -v jh="$JH" -v gc="${GC_PEAK:-0}" 'BEGIN {
    peak = jh > gc ? jh : gc
    printf "check java peak heap under 1 GB (1024 MB): %s (%.0f MB)\n", peak < 1024 ? "PASS" : "FAIL", peak }'
awk -v j="$JT" -v p="$PT" 'BEGIN { printf "throughput ratio java/python: %.2f\n", j / p }'
awk -v j="$JH" -v p="$PR" 'BEGIN { printf "memory ratio java peak heap / python peak RSS: %.2f\n", j / p }'
# Machine-readable figures (benchmarks/README.md): throughput higher is better, memory lower is better.
AV=$(echo "$PY_OUT" | sed -n 's/.* anndata=\([^ ]*\).*/\1/p')
CELLS=$(field "$PY_OUT" cells); GENES=$(field "$PY_OUT" genes)
DATA="synthetic CSR h5ad ${CELLS}x${GENES}, ${PN} nnz"
awk -v j="$JT" -v p="$PT" -v av="$AV" -v d="$DATA" 'BEGIN {
    printf "BENCH {\"name\":\"read_h5ad\",\"metric\":\"nnz_per_s\",\"unit\":\"non-zeros/s\",\"ours\":%.0f,\"peer\":%.0f,", j, p
    printf "\"peer_name\":\"anndata %s read_h5ad + pass over X\",\"ratio\":%.3f,\"higher_is_better\":true,\"data\":\"%s\"}\n", av, j / p, d }'
awk -v j="$JH" -v gc="${GC_PEAK:-0}" -v p="$PR" -v av="$AV" -v d="$DATA" 'BEGIN {
    peak = (j > gc ? j : gc)
    printf "BENCH {\"name\":\"read_h5ad_memory\",\"metric\":\"peak_memory_mb\",\"unit\":\"MB\",\"ours\":%.0f,\"peer\":%.0f,", peak, p
    printf "\"peer_name\":\"anndata %s peak RSS (ours: peak Java heap)\",\"ratio\":%.3f,\"higher_is_better\":false,\"data\":\"%s\"}\n", av, p / peak, d }'
