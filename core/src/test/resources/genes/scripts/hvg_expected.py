#!/usr/bin/python3
"""Expected highly variable genes of the pbmc68k_reduced counts, seurat flavour, computed with numpy/pandas.

Usage: /usr/bin/python3 hvg_expected.py DATA_DIR OUT_TSV

Follows the steps of scanpy's highly_variable_genes(flavor='seurat') on log1p(counts per 10k): back to counts per
10k, per-gene mean and variance (ddof 1), dispersion var/mean (mean 0 -> 1e-12, dispersion 0 -> NaN), ln of it,
ln(1+mean) cut into 20 equal-width bins with pandas.cut, dispersion z-scored per bin (a bin with one gene: divided by
its own mean). Genes are then ranked by normalised dispersion, highest first, equal values by gene order, NaN never.
Also writes the plain variance of log1p(counts per 10k) ranking the same way.
"""
import sys

import numpy as np
import pandas as pd
import scipy.io

TOP = 100


def ranked(scores):
    idx = [g for g in np.argsort(-np.nan_to_num(scores, nan=-np.inf), kind="stable") if not np.isnan(scores[g])]
    return sorted(int(g) for g in idx[:TOP])


def main(data_dir, out):
    m = scipy.io.mmread(data_dir + "/pbmc68k_reduced/counts_10x_mtx/matrix.mtx.gz").T.tocsr().astype(np.float64)
    totals = np.asarray(m.sum(axis=1)).ravel()
    cp = np.asarray(m.multiply(1e4 / totals[:, None]).todense())
    lg = np.log1p(cp)
    x = np.expm1(lg)
    mean = x.mean(axis=0)
    var = x.var(axis=0, ddof=1)
    mean[mean == 0] = 1e-12
    disp = var / mean
    disp[disp == 0] = np.nan
    disp = np.log(disp)
    mean = np.log1p(mean)
    df = pd.DataFrame({"means": mean, "dispersions": disp})
    df["mean_bin"] = pd.cut(df["means"], bins=20)
    grouped = df.groupby("mean_bin")["dispersions"]
    bin_mean = grouped.mean()
    bin_std = grouped.std(ddof=1)
    single = bin_std.isnull().values
    bin_std[single] = bin_mean[single].values
    bin_mean[single] = 0
    norm = ((df["dispersions"].values - bin_mean[df["mean_bin"].values].values)
            / bin_std[df["mean_bin"].values].values)
    logvar = lg.var(axis=0, ddof=1)
    logvar[logvar == 0] = np.nan
    with open(out, "w") as w:
        w.write("flavor\tgenes\n")
        w.write("SEURAT_DISPERSION\t%s\n" % ",".join(map(str, ranked(norm))))
        w.write("LOG_VARIANCE\t%s\n" % ",".join(map(str, ranked(logvar))))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
