"""Writes the pbmc68k_reduced raw counts three ways, as a user's files come: counts, log-normalised (log1p of counts
per 10,000, what scanpy's normalize_total + log1p and Seurat's LogNormalize store) and scaled (those values z-scored
per gene, as scanpy's scale and Seurat's ScaleData store). Each h5ad carries the bulk_labels of the cells.

usage: write_value_kinds.py COUNTS_MTX_FOLDER CELL_LABELS.tsv OUTPUT_FOLDER
"""
import gzip
import os
import sys

import anndata
import numpy as np
import pandas as pd
import scipy.io
import scipy.sparse as sp


def main(mtx_folder, labels_path, out):
    counts = scipy.io.mmread(os.path.join(mtx_folder, "matrix.mtx.gz")).T.tocsr().astype(np.float32)
    with gzip.open(os.path.join(mtx_folder, "features.tsv.gz"), "rt") as f:
        genes = [line.rstrip("\n").split("\t")[1] for line in f]
    with gzip.open(os.path.join(mtx_folder, "barcodes.tsv.gz"), "rt") as f:
        cells = [line.strip() for line in f]
    labels = pd.read_csv(labels_path, sep="\t", index_col=0).loc[cells, ["bulk_labels"]]
    labels["bulk_labels"] = labels["bulk_labels"].astype("category")
    var = pd.DataFrame(index=genes)

    def write(name, x):
        anndata.AnnData(X=x, obs=labels.copy(), var=var.copy()).write_h5ad(os.path.join(out, name))

    write("counts.h5ad", counts)
    totals = np.asarray(counts.sum(axis=1)).ravel()
    lognorm = sp.diags(1e4 / totals).dot(counts).tocsr()
    lognorm.data = np.log1p(lognorm.data).astype(np.float32)
    write("lognorm.h5ad", lognorm)
    dense = lognorm.toarray()
    sd = dense.std(axis=0)
    sd[sd == 0] = 1
    write("scaled.h5ad", ((dense - dense.mean(axis=0)) / sd).astype(np.float32))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
