#!/usr/bin/python3
"""Writes a synthetic labelled atlas-like CSR h5ad (anndata 0.8 layout) in slices, with bounded memory.

The 30,000 genes form 2,000 bins of 15 neighbouring genes; every cell expresses one gene per bin, so it has 2,000
non-zeros, stored sorted without a sort. Its count is 1 + a negative binomial draw whose mean falls with the bin's
rank (Zipf-like: most values 1-3, a heavy tail in the first bins), as in UMI data. Classes differ in 150 marker bins,
where a cell of the class picks its class's gene with probability 0.7 (else one at random) and its count is raised
3x; elsewhere genes are picked at random, so classes overlap and accuracy is below 1. The class profiles depend
only on PROFILE_SEED, so a reference and a query written with different CELL_SEEDs share their classes.

Usage: /usr/bin/python3 make_atlas_h5ad.py OUTPUT.h5ad CELLS CELL_SEED [GENES] [CLASSES] [PROFILE_SEED]
"""
import sys

import h5py
import numpy as np

out = sys.argv[1]
cells = int(sys.argv[2])
cell_seed = int(sys.argv[3])
genes = int(sys.argv[4]) if len(sys.argv) > 4 else 30_000
classes = int(sys.argv[5]) if len(sys.argv) > 5 else 20
profile_seed = int(sys.argv[6]) if len(sys.argv) > 6 else 11
block = 5_000
STR = h5py.string_dtype("utf-8")

prof = np.random.default_rng(profile_seed)
per_cell = 2000
width = genes // per_cell
bin_mean = 0.3 + 12.0 / (1.0 + np.arange(per_cell) / 20.0) ** 0.8  # mean count above 1, by bin rank
marker_bins = [prof.choice(per_cell, 150, replace=False) for _ in range(classes)]
marker_gene = [prof.integers(0, width, size=150) for _ in range(classes)]
rng = np.random.default_rng(cell_seed)


def enc(o, t, v):
    o.attrs["encoding-type"] = t
    o.attrs["encoding-version"] = v


with h5py.File(out, "w") as f:
    enc(f, "anndata", "0.1.0")
    label = rng.integers(0, classes, size=cells)
    obs = f.create_group("obs")
    enc(obs, "dataframe", "0.2.0")
    obs.attrs["_index"] = "_index"
    obs.attrs["column-order"] = np.array(["cell_type"], dtype=object).astype(STR)
    obs.create_dataset("_index", data=np.array([f"s{cell_seed}c{i}" for i in range(cells)], dtype=object), dtype=STR)
    ct = obs.create_group("cell_type")
    enc(ct, "categorical", "0.2.0")
    ct.attrs["ordered"] = False
    ct.create_dataset("categories", data=np.array([f"type_{c:02d}" for c in range(classes)], dtype=object), dtype=STR)
    ct.create_dataset("codes", data=label.astype(np.int8))
    var = f.create_group("var")
    enc(var, "dataframe", "0.2.0")
    var.attrs["_index"] = "_index"
    var.attrs["column-order"] = np.array([], dtype=np.float64)
    var.create_dataset("_index", data=np.array([f"G{g}" for g in range(genes)], dtype=object), dtype=STR)
    x = f.create_group("X")
    enc(x, "csr_matrix", "0.1.0")
    x.attrs["shape"] = np.array([cells, genes], dtype=np.int64)
    data = x.create_dataset("data", shape=(0,), maxshape=(None,), dtype=np.float32, chunks=(1 << 18,))
    indices = x.create_dataset("indices", shape=(0,), maxshape=(None,), dtype=np.int32, chunks=(1 << 18,))
    indptr = np.zeros(cells + 1, dtype=np.int64)
    nnz = 0
    for start in range(0, cells, block):
        n = min(block, cells - start)
        offset = rng.integers(0, width, size=(n, per_cell))
        mean = np.broadcast_to(bin_mean, (n, per_cell)).copy()
        for c in range(classes):
            members = np.nonzero(label[start:start + n] == c)[0]
            hit = rng.random((len(members), 150)) < 0.7
            rows = np.repeat(members, 150).reshape(-1, 150)
            cols = np.broadcast_to(marker_bins[c], rows.shape)
            offset[rows[hit], cols[hit]] = np.broadcast_to(marker_gene[c], rows.shape)[hit]
            mean[rows[hit], cols[hit]] *= 3
        # negative binomial with 2 successes and this mean: p = 2 / (2 + mean)
        counts = 1 + rng.negative_binomial(2, 2.0 / (2.0 + mean))
        idx = (np.arange(per_cell) * width + offset).astype(np.int32)
        indptr[start + 1:start + n + 1] = nnz + per_cell * np.arange(1, n + 1)
        uniq_len = n * per_cell
        data.resize((nnz + uniq_len,))
        indices.resize((nnz + uniq_len,))
        data[nnz:] = counts.astype(np.float32).ravel()
        indices[nnz:] = idx.ravel()
        nnz += uniq_len
        print(f"{start + n} cells, {nnz / (start + n):.0f} non-zeros per cell", file=sys.stderr, flush=True)
    x.create_dataset("indptr", data=indptr)
print("wrote", out, cells, "cells", nnz, "non-zeros")
