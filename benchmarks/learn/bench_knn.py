"""KNN classify: the engine against scikit-learn's brute-force KNeighborsClassifier on the same data.

Random float32 data (seeded): reference with 20 class labels, query; cosine metric, k = 10, uniform weights,
n_jobs=-1. Each side: fastest of three runs of fit + predict. Prints both times, the ratio and how many predicted
labels agree. A second figure compares the engine's whole fit + predict with numpy's float32 matrix product of the
normalised query and reference matrices alone (OpenBLAS sgemm when numpy uses it): the dot products a BLAS-based
search would have to compute before any selection, so a ratio above 1 means the engine's pure-Java kernel is faster
than such a search could be. Not run in CI. Needs the core module compiled (mvn -o -q -pl core compile) and
python3-sklearn.

Usage (from the repository root): /usr/bin/python3 benchmarks/learn/bench_knn.py [REF QUERY DIM]
"""
import os
import subprocess
import sys
import tempfile
import time

import json

import numpy as np
import sklearn
from sklearn.neighbors import KNeighborsClassifier

n_ref, n_query, dim = (int(a) for a in sys.argv[1:4]) if len(sys.argv) >= 4 else (20000, 10000, 128)
k = 10
rng = np.random.default_rng(1)
centres = rng.normal(0, 1, size=(20, dim)).astype(np.float32)
y_ref = rng.integers(0, 20, size=n_ref)
ref = (centres[y_ref] + rng.normal(0, 2.0, size=(n_ref, dim))).astype(np.float32)
query = (centres[rng.integers(0, 20, size=n_query)] + rng.normal(0, 2.0, size=(n_query, dim))).astype(np.float32)
labels = np.array([f"class{c:02d}" for c in y_ref])

best = float("inf")
for _ in range(3):
    t0 = time.perf_counter()
    model = KNeighborsClassifier(n_neighbors=k, metric="cosine", algorithm="brute", n_jobs=-1).fit(ref, labels)
    sk_pred = model.predict(query)
    best = min(best, time.perf_counter() - t0)

qn = query / np.maximum(np.linalg.norm(query, axis=1, keepdims=True), 1e-30)
rn = ref / np.maximum(np.linalg.norm(ref, axis=1, keepdims=True), 1e-30)
gemm = float("inf")
for _ in range(3):
    t0 = time.perf_counter()
    for start in range(0, n_query, 1000):
        qn[start:start + 1000] @ rn.T
    gemm = min(gemm, time.perf_counter() - t0)
del qn, rn

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
with tempfile.TemporaryDirectory() as tmp:
    ref.astype("<f4").tofile(f"{tmp}/ref.f32")
    query.astype("<f4").tofile(f"{tmp}/query.f32")
    with open(f"{tmp}/ref_labels.txt", "w") as f:
        f.write("\n".join(labels) + "\n")
    out = subprocess.run(["java", "-cp", f"{root}/core/target/classes", f"{root}/benchmarks/learn/KnnBenchmark.java",
                          tmp, str(n_ref), str(n_query), str(dim), str(k)], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("engine run failed:\n" + out.stdout + out.stderr)
    java_seconds = float([l for l in out.stdout.splitlines() if l.startswith("seconds=")][0].split("=")[1])
    with open(f"{tmp}/java_pred.txt") as f:
        java_pred = np.array(f.read().split("\n")[:-1])

print(f"KNN {n_ref} ref x {n_query} query x {dim} dims, k={k}, cosine, {os.cpu_count()} CPUs")
print(f"scikit-learn {best:.3f} s   engine {java_seconds:.3f} s   ratio sklearn/engine {best / java_seconds:.2f}")
print(f"identical predictions: {np.mean(java_pred == sk_pred):.4f}")
print(f"numpy float32 matrix product of the normalised query x reference alone {gemm:.3f} s "
      f"({2.0 * n_ref * n_query * dim / gemm / 1e9:.1f} GFLOP/s)   ratio matmul/engine {gemm / java_seconds:.2f}")
name = "knn_classify" if dim == 128 else f"knn_classify_{dim}d"
print("BENCH " + json.dumps({
    "name": name, "metric": "seconds", "unit": "s", "ours": round(java_seconds, 4), "peer": round(best, 4),
    "peer_name": f"scikit-learn {sklearn.__version__} KNeighborsClassifier brute, n_jobs=-1",
    "ratio": round(best / java_seconds, 3), "higher_is_better": False,
    "data": f"synthetic {n_ref} ref x {n_query} query x {dim} dims, 20 classes, k={k} cosine; "
            f"identical predictions {np.mean(java_pred == sk_pred):.4f}"}))
print("BENCH " + json.dumps({
    "name": name + "_vs_matmul", "metric": "seconds", "unit": "s", "ours": round(java_seconds, 4),
    "peer": round(gemm, 4), "peer_name": f"numpy {np.__version__} float32 matmul of the normalised matrices only",
    "ratio": round(gemm / java_seconds, 3), "higher_is_better": False,
    "data": f"synthetic {n_ref} ref x {n_query} query x {dim} dims; ours is the whole fit + predict, "
            f"the peer only the dot products"}))
