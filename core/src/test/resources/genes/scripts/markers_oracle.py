"""Reference statistics for MarkerGenesTest, computed with SciPy (one group versus all other cells).

Usage: /usr/bin/python3 markers_oracle.py FILE.h5ad MATRIX GROUP_COLUMN NORMALISATION OUT.json
  MATRIX         X or raw
  NORMALISATION  none (values used as stored) or log1p_cp10k (counts scaled to 1e4 per cell, then log1p)

Per group with at least two cells inside and outside: scipy.stats.mannwhitneyu (two-sided, asymptotic, no continuity
correction), its z from scipy.stats.tiecorrect, scipy.stats.ttest_ind (equal_var=False), Benjamini-Hochberg adjusted
p-values, scanpy's log2 fold change of expm1 means, fraction of non-zero cells in and out. NaN is written as null.
"""
import json
import sys

import anndata
import numpy as np
from scipy import sparse, stats


def bh(p):
    p = np.where(np.isnan(p), 1.0, p)
    n = len(p)
    order = np.argsort(p, kind="stable")
    scaled = p[order] * n / np.arange(1, n + 1)
    adjusted = np.minimum.accumulate(scaled[::-1])[::-1]
    out = np.empty(n)
    out[order] = np.minimum(adjusted, 1.0)
    return out


def clean(a):
    return [None if not np.isfinite(v) else float(v) for v in np.asarray(a, dtype=np.float64)]


def main(path, matrix, column, normalisation, out):
    ad = anndata.read_h5ad(path)
    m = ad.raw.X if matrix == "raw" else ad.X
    m = m.toarray() if sparse.issparse(m) else np.asarray(m)
    x = m.astype(np.float64)
    if normalisation == "log1p_cp10k":
        total = x.sum(axis=1)
        # value * 1e4 / total, rounded once, so equal fractions of two cells are exactly tied
        x = np.log1p(x * 1e4 / np.where(total > 0, total, 1.0)[:, None])
    labels = ad.obs[column].astype(str).to_numpy()
    names = sorted(set(labels))
    n = len(labels)
    result = {"genes": [str(g) for g in (ad.raw.var_names if matrix == "raw" else ad.var_names)], "groups": {}}
    for name in names:
        inside = labels == name
        n1 = int(inside.sum())
        if n1 < 2 or n - n1 < 2:
            continue
        a, b = x[inside], x[~inside]
        mwu = stats.mannwhitneyu(a, b, use_continuity=False, alternative="two-sided", method="asymptotic", axis=0)
        n2 = n - n1
        tie = np.array([stats.tiecorrect(stats.rankdata(x[:, j])) for j in range(x.shape[1])])
        sd = np.sqrt(tie * n1 * n2 * (n + 1) / 12.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            z = (mwu.statistic - n1 * n2 / 2.0) / sd
            welch = stats.ttest_ind(a, b, equal_var=False, axis=0)
        mean_in, mean_out = a.mean(axis=0), b.mean(axis=0)
        lfc = np.log2((np.expm1(mean_in) + 1e-9) / (np.expm1(mean_out) + 1e-9))
        result["groups"][name] = {
            "n": n1,
            "U": clean(mwu.statistic), "z": clean(z), "p_wilcoxon": clean(mwu.pvalue),
            "padj_wilcoxon": clean(bh(np.asarray(mwu.pvalue))),
            "t": clean(welch.statistic), "p_t": clean(welch.pvalue), "padj_t": clean(bh(np.asarray(welch.pvalue))),
            "lfc": clean(lfc), "mean_in": clean(mean_in), "mean_out": clean(mean_out),
            "pct_in": clean((a != 0).mean(axis=0)), "pct_out": clean((b != 0).mean(axis=0)),
        }
    with open(out, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main(*sys.argv[1:6])
