#!/usr/bin/python3
"""Writes a synthetic raw-count h5ad (CSR, float32) shaped like a droplet experiment, for the top-genes benchmark.

Genes have lognormal popularity; each cell expresses a Poisson number of distinct genes drawn by popularity, with
counts 1 + Poisson(popularity-dependent rate), so small counts and ties are common, as in real UMI data.

Usage: /usr/bin/python3 make_counts_h5ad.py OUTPUT.h5ad [CELLS] [GENES] [GENES_PER_CELL]
"""
import sys

import anndata as ad
import numpy as np
import pandas as pd
import scipy.sparse as sp

out = sys.argv[1]
cells = int(sys.argv[2]) if len(sys.argv) > 2 else 50_000
genes = int(sys.argv[3]) if len(sys.argv) > 3 else 20_000
per_cell = int(sys.argv[4]) if len(sys.argv) > 4 else 1_000
rng = np.random.default_rng(11)
popularity = rng.lognormal(0.0, 1.5, genes)
p = popularity / popularity.sum()
rate = 0.3 * popularity / popularity.mean()

indptr = np.zeros(cells + 1, dtype=np.int64)
parts_i, parts_v = [], []
for c in range(cells):
    k = max(50, rng.poisson(per_cell))
    g = np.unique(rng.choice(genes, size=k, p=p))
    v = 1 + rng.poisson(rate[g])
    parts_i.append(g.astype(np.int32))
    parts_v.append(v.astype(np.float32))
    indptr[c + 1] = indptr[c] + g.shape[0]
x = sp.csr_matrix((np.concatenate(parts_v), np.concatenate(parts_i), indptr), shape=(cells, genes))
obs = pd.DataFrame(index=[f"cell{c}" for c in range(cells)])
var = pd.DataFrame(index=[f"GENE{g}" for g in range(genes)])
ad.AnnData(X=x, obs=obs, var=var).write_h5ad(out)
print(f"wrote {out}: {cells} cells x {genes} genes, {x.nnz} non-zeros")
