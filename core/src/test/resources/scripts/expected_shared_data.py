#!/usr/bin/python3
"""Computes n_cells, n_genes, nnz and sum of the shared real data files, as anndata/h5py/scipy see them.

Usage: /usr/bin/python3 expected_shared_data.py DATA_FOLDER [OUTPUT_JSON]
nnz is scipy's stored-entry count (X.nnz) for sparse matrices and np.count_nonzero for dense ones. For Cell
Ranger files only "Gene Expression" features are kept (the readers' default).
"""
import gzip
import json
import os
import sys

import anndata as ad
import h5py
import numpy as np
import scipy.io
import scipy.sparse as sp


def stats(m):
    if sp.issparse(m):
        return int(m.nnz), float(m.sum(dtype=np.float64))
    m = np.asarray(m)
    return int(np.count_nonzero(m)), float(m.sum(dtype=np.float64))


def h5ad(path):
    a = ad.read_h5ad(path)
    nnz, total = stats(a.X)
    return {"format": "h5ad", "n_cells": a.n_obs, "n_genes": a.n_vars, "nnz": nnz, "sum": total}


def text(b):
    return b.decode() if isinstance(b, bytes) else str(b)


def tenx_h5(path):
    with h5py.File(path, "r") as f:
        g = f["matrix"] if "matrix" in f else f[[k for k in f.keys()][0]]
        shape = tuple(int(x) for x in g["shape"][()])
        m = sp.csc_matrix((g["data"][()], g["indices"][()], g["indptr"][()]), shape=shape)
        if "features" in g:
            keep = np.array([text(t) == "Gene Expression" for t in g["features"]["feature_type"][()]])
            m = m[keep, :]
    nnz, total = stats(m)
    return {"format": "10x_h5", "n_cells": m.shape[1], "n_genes": m.shape[0], "nnz": nnz, "sum": total}


def mtx(folder):
    names = os.listdir(folder)
    mpath = os.path.join(folder, "matrix.mtx.gz" if "matrix.mtx.gz" in names else "matrix.mtx")
    m = scipy.io.mmread(mpath).tocsr()
    fpath = [os.path.join(folder, n) for n in ("features.tsv.gz", "features.tsv", "genes.tsv") if n in names][0]
    opener = gzip.open if fpath.endswith(".gz") else open
    with opener(fpath, "rt") as fh:
        types = [l.rstrip("\n").split("\t") for l in fh]
    keep = np.array([len(t) < 3 or t[2] == "Gene Expression" for t in types])
    m = m[keep, :]
    nnz, total = stats(m)
    return {"format": "10x_mtx", "n_cells": m.shape[1], "n_genes": m.shape[0], "nnz": nnz, "sum": total}


def main():
    root = sys.argv[1]
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        rel = os.path.relpath(dirpath, root)
        for n in sorted(filenames):
            p = os.path.join(dirpath, n)
            key = os.path.normpath(os.path.join(rel, n))
            if n.endswith(".h5ad"):
                out[key] = h5ad(p)
            elif n.endswith(".h5"):
                out[key] = tenx_h5(p)
        if "matrix.mtx" in filenames or "matrix.mtx.gz" in filenames:
            out[os.path.normpath(rel)] = mtx(dirpath)
    text_out = json.dumps(dict(sorted(out.items())), indent=1)
    if len(sys.argv) > 2:
        with open(sys.argv[2], "w") as fh:
            fh.write(text_out + "\n")
    else:
        print(text_out)


if __name__ == "__main__":
    main()
