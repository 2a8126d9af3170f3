#!/bin/sh
# Atlas-scale labelling: `scllm fit` on a 100,000-cell reference once, then `scllm predict` (-Xmx8g) on synthetic
# queries of growing size (30,000 genes, ~2,000 non-zeros per cell, 20 classes), each against scikit-learn's PCA
# transform + KNeighborsClassifier on the same model inputs (bench_predict.py reads the model file) in the same run.
# Not run in CI. Usage (from the repository root, after `mvn -B -pl core -am package -DskipTests`):
#   sh benchmarks/predict/run.sh [QUERY_CELLS ...]      (default: 100000 300000)
# Data are generated once by make_atlas_h5ad.py into $SCLLM_BENCH_DATA (default ${TMPDIR:-/tmp}/scllm-bench-predict;
# 100k cells take about 1.6 GB, keep them outside the repository).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=$HERE/../../core/target/scllm.jar
DATA=${SCLLM_BENCH_DATA:-${TMPDIR:-/tmp}/scllm-bench-predict}
[ -f "$JAR" ] || { echo "missing $JAR: build it with mvn -B -pl core -am package -DskipTests" >&2; exit 1; }
[ $# -gt 0 ] || set -- 100000 300000
if [ "${BENCH_QUICK:-0}" = 1 ]; then REF=5000; set -- 5000 10000; else REF=100000; fi
mkdir -p "$DATA"
make() { # NAME CELLS SEED
    [ -f "$DATA/$1.h5ad" ] || { /usr/bin/python3 "$HERE/make_atlas_h5ad.py" "$DATA/$1.h5ad.part" "$2" "$3" \
        && mv "$DATA/$1.h5ad.part" "$DATA/$1.h5ad"; }
}
make "reference_$REF" "$REF" 1
MODEL=$DATA/reference_$REF.scllm-model
# the model is fitted once per reference file (delete it to fit again)
[ "$MODEL" -nt "$DATA/reference_$REF.h5ad" ] || java -Xmx8g -jar "$JAR" fit --reference "$DATA/reference_$REF.h5ad" \
    --label-column cell_type --method expression_pca_knn --out "$MODEL"
json() { /usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1" "$2"; }
seed=2
for n in "$@"; do
    make "query_$n" "$n" "$seed"
    seed=$((seed + 1))
    OUT=$DATA/predict_$n
    GC_LOG=$DATA/gc_$n.log
    java -Xmx8g -Xlog:gc:file="$GC_LOG" -jar "$JAR" predict --model "$MODEL" --query "$DATA/query_$n.h5ad" \
        --label-column cell_type --out "$OUT"
    M=$OUT/metrics.json
    # largest heap left after a collection ("123M->45M(256M)"): the live data, which should not grow with the query
    LIVE=$(sed -n 's/.*M->\([0-9][0-9]*\)M([0-9][0-9]*M).*/\1/p' "$GC_LOG" | sort -n | tail -1)
    OURS=$(json "$M" cells_per_second)
    echo "java cells=$n seconds=$(json "$M" wall_seconds) cells_per_s=$OURS peak_heap_mb=$(( $(json "$M" peak_heap_bytes) / 1048576 )) live_heap_after_gc_mb=${LIVE:-none} accuracy=$(json "$M" accuracy)"
    PY_OUT=$(/usr/bin/python3 "$HERE/bench_predict.py" "$MODEL" "$DATA/query_$n.h5ad" cell_type \
        "$OUT/predictions.csv" "$DATA/sklearn_$n.csv")
    echo "$PY_OUT"
    PEER=$(echo "$PY_OUT" | sed -n 's/.* cells_per_s=\([0-9.]*\).*/\1/p')
    SK=$(echo "$PY_OUT" | sed -n 's/.* sklearn=\([0-9.]*\).*/\1/p')
    RATIO=$(/usr/bin/python3 -c "print(round($OURS / $PEER, 2))")
    echo "ratio (ours / scikit-learn, cells/s) for $n query cells: $RATIO"
    echo "BENCH {\"name\":\"predict_$n\",\"metric\":\"cells_per_second\",\"unit\":\"cells/s\",\"ours\":$OURS,\"peer\":$PEER,\"peer_name\":\"scikit-learn $SK PCA transform + KNeighborsClassifier (numpy/h5py chunks)\",\"ratio\":$RATIO,\"higher_is_better\":true,\"data\":\"synthetic $REF reference x $n query cells, 30000 genes, ~2000 non-zeros per cell\"}"
done
