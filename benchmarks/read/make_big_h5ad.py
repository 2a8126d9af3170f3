#!/usr/bin/python3
"""Writes a synthetic 200,000-cell x 30,000-gene CSR h5ad (anndata 0.8 layout) in slices, about 1 GB.

Usage: /usr/bin/python3 make_big_h5ad.py OUTPUT.h5ad [CELLS] [GENES] [NNZ_PER_CELL]
"""
import sys

import h5py
import numpy as np

out = sys.argv[1]
cells = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
genes = int(sys.argv[3]) if len(sys.argv) > 3 else 30_000
per_cell = int(sys.argv[4]) if len(sys.argv) > 4 else 600  # 120 M non-zeros, 8 bytes each
block = 5_000
rng = np.random.default_rng(7)
STR = h5py.string_dtype("utf-8")


def enc(o, t, v):
    o.attrs["encoding-type"] = t
    o.attrs["encoding-version"] = v


with h5py.File(out, "w") as f:
    enc(f, "anndata", "0.1.0")
    for name, n, prefix in (("obs", cells, "cell"), ("var", genes, "gene")):
        g = f.create_group(name)
        enc(g, "dataframe", "0.2.0")
        g.attrs["_index"] = "_index"
        g.attrs["column-order"] = np.array([], dtype=np.float64)
        g.create_dataset("_index", data=np.array([f"{prefix}{i}" for i in range(n)], dtype=object), dtype=STR)
    x = f.create_group("X")
    enc(x, "csr_matrix", "0.1.0")
    x.attrs["shape"] = np.array([cells, genes], dtype=np.int64)
    nnz = cells * per_cell
    data = x.create_dataset("data", shape=(nnz,), dtype=np.float32, chunks=(min(1 << 18, nnz),))
    indices = x.create_dataset("indices", shape=(nnz,), dtype=np.int32, chunks=(min(1 << 18, nnz),))
    x.create_dataset("indptr", data=np.arange(cells + 1, dtype=np.int64) * per_cell)
    for start in range(0, cells, block):
        n = min(block, cells - start)
        # one gene per bin of width genes // per_cell: sorted and unique without sorting
        width = genes // per_cell
        idx = (np.arange(per_cell) * width + rng.integers(0, width, size=(n, per_cell))).astype(np.int32)
        vals = rng.poisson(2.0, size=(n, per_cell)).astype(np.float32) + 1
        data[start * per_cell:(start + n) * per_cell] = vals.ravel()
        indices[start * per_cell:(start + n) * per_cell] = idx.ravel()
print("wrote", out)
