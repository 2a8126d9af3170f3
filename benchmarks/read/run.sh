#!/bin/sh
# Side-by-side read throughput: our reader (-Xmx1g) against anndata.read_h5ad plus one pass over X.
# Not run in CI. Usage (from the repository root, after `mvn -pl core package -DskipTests`):
#   sh benchmarks/read/run.sh [FILE.h5ad]
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
FILE=${1:-$HERE/big.h5ad}
[ -f "$FILE" ] || /usr/bin/python3 "$HERE/make_big_h5ad.py" "$FILE"
JAR=core/target/scllm.jar
mkdir -p "$HERE/target"
javac -cp "$JAR" -d "$HERE/target" "$HERE/ReadBenchmark.java"
JAVA_OUT=$(java -Xmx1g -Xlog:gc:file="$HERE/target/gc.log" -cp "$JAR:$HERE/target" ReadBenchmark "$FILE")
echo "$JAVA_OUT"
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
      f"peak_rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
PY
)
echo "$PY_OUT"
J=$(echo "$JAVA_OUT" | sed -n 's/.*nnz_per_s=\([0-9]*\).*/\1/p')
P=$(echo "$PY_OUT" | sed -n 's/.*nnz_per_s=\([0-9]*\).*/\1/p')
echo "throughput ratio java/python: $(echo "scale=2; $J / $P" | bc)"
