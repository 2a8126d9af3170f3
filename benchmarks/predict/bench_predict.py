#!/usr/bin/python3
"""The peer of `scllm predict`: scikit-learn's KNeighborsClassifier (k, cosine, brute force) on the reference vectors
of the same fitted model file, after the model's own PCA (gene selection, mean, scale, clip, centre, components)
applied with numpy to the query read in chunks with h5py. Prints seconds, cells/s, peak RSS, accuracy and the share
of cells labelled as scllm labelled them.

Usage: /usr/bin/python3 bench_predict.py MODEL QUERY.h5ad LABEL_COLUMN SCLLM_PREDICTIONS.csv OUT.csv
"""
import io
import json
import resource
import struct
import sys
import time
import zipfile

import h5py
import numpy as np
import sklearn
from sklearn.neighbors import KNeighborsClassifier

model_path, query_path, label_column, ours_csv, out_csv = sys.argv[1:6]
CHUNK = 4096


class Reader:
    """Big-endian values as Java's DataOutputStream writes them."""

    def __init__(self, data):
        self.b = io.BytesIO(data)

    def take(self, fmt):
        size = struct.calcsize(fmt)
        return struct.unpack(fmt, self.b.read(size))

    def int(self):
        return self.take(">i")[0]

    def utf(self):
        n = self.take(">H")[0]
        return self.b.read(n).decode("utf-8")

    def array(self, dtype, n):
        return np.frombuffer(self.b.read(np.dtype(dtype).itemsize * n), dtype=dtype)


t0 = time.perf_counter()
z = zipfile.ZipFile(model_path)
manifest = json.loads(z.read("model.json"))
assert manifest["method"] == "expression_pca_knn", manifest["method"]
g = Reader(z.read("genes.bin"))
symbols, expression_index = [], []
for _ in range(g.int()):
    symbols.append(g.utf())
    expression_index.append(g.int())
expression_index = np.array(expression_index)
p = Reader(z.read(manifest["features"][0]["entry"]))
magic, version, gene_count, m, k = p.take(">iiiii")
clip = p.take(">f")[0]
per_gene = p.array(np.dtype([("gene", ">i4"), ("mean", ">f4"), ("scale", ">f4"), ("centre", ">f8")]), m)
components = p.array(">f8", k * m).reshape(k, m).astype(np.float64)
c = Reader(z.read("classifier.bin"))
assert c.utf() == "KNN"
neighbours = c.int()
c.take(">?"); c.utf(); c.utf(); c.utf(); c.take(">ddi")
classes = [c.utf() for _ in range(c.int())]
k_used = c.int()
row_class = c.array(">i4", c.int())
rows, dim = c.int(), c.int()
assert c.utf() == "COSINE"
reference = np.empty((rows, dim), dtype=np.float32)
for r0 in range(0, rows, 1024):
    width = min(1024, rows - r0)
    reference[r0:r0 + width] = c.array(">f4", dim * width).reshape(dim, width).T
knn = KNeighborsClassifier(n_neighbors=k_used, metric="cosine", algorithm="brute", n_jobs=-1)
knn.fit(reference, np.array(classes, dtype=object)[row_class])

# model gene -> column among the selected PCA genes
selected_model_genes = np.nonzero(expression_index >= 0)[0][per_gene["gene"]]
mean = per_gene["mean"].astype(np.float32)
scale = per_gene["scale"].astype(np.float32)
centre = per_gene["centre"].astype(np.float64)

with h5py.File(query_path, "r") as f:
    var = [s.decode() if isinstance(s, bytes) else s for s in f["var"]["_index"][:]]
    position = {s.upper(): i for i, s in enumerate(var)}
    query_col = np.array([position.get(symbols[gi].upper(), -1) for gi in selected_model_genes])
    col_of = np.full(len(var), -1, dtype=np.int64)
    col_of[query_col[query_col >= 0]] = np.nonzero(query_col >= 0)[0]
    ids = f["obs"]["_index"][:]
    cat = f["obs"][label_column]
    truth = np.array([s.decode() if isinstance(s, bytes) else s for s in cat["categories"][:]],
                     dtype=object)[cat["codes"][:]]
    x = f["X"]
    indptr = x["indptr"][:]
    cells = len(indptr) - 1
    predicted = np.empty(cells, dtype=object)
    for s in range(0, cells, CHUNK):
        e = min(cells, s + CHUNK)
        lo, hi = indptr[s], indptr[e]
        data = x["data"][lo:hi].astype(np.float32)
        idx = x["indices"][lo:hi]
        row = np.repeat(np.arange(e - s), np.diff(indptr[s:e + 1]))
        totals = np.bincount(row, weights=data, minlength=e - s)
        values = np.log1p(data * 10_000.0 / totals[row]).astype(np.float32)
        dense = np.zeros((e - s, m), dtype=np.float32)
        keep = col_of[idx] >= 0
        dense[row[keep], col_of[idx[keep]]] = values[keep]
        zs = np.clip((dense - mean) / scale, -clip, clip)
        pcs = ((zs.astype(np.float64) - centre) @ components.T).astype(np.float32)
        predicted[s:e] = knn.predict(pcs)
seconds = time.perf_counter() - t0
with open(out_csv, "w") as out:
    out.write("cell_id,predicted_label\n")
    for i, l in zip(ids, predicted):
        out.write(f"{i.decode() if isinstance(i, bytes) else i},{l}\n")
ours = {}
with open(ours_csv) as f:
    next(f)
    for line in f:
        cell, label, _ = line.rstrip("\n").split(",")
        ours[cell] = label
agree = np.mean([ours.get(i.decode() if isinstance(i, bytes) else i) == l for i, l in zip(ids, predicted)])
print(f"python cells={cells} seconds={seconds:.2f} cells_per_s={cells / seconds:.0f} "
      f"peak_rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} "
      f"accuracy={np.mean(predicted == truth):.4f} agreement={agree:.4f} sklearn={sklearn.__version__}")
