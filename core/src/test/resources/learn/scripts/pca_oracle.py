"""Fixture and expected values of the expression PCA test.

Writes pca_train.csv and pca_query.csv (synthetic log1p(CP10k) rows from seeded Poisson counts driven by ten
latent factors of decreasing strength, and some rarely expressed genes, so clipping matters) unless they exist, then computes with
scikit-learn: per-gene z-score with the training mean and population sd, clip at +-10, PCA(6 components,
svd_solver='full') fitted on the training rows; explained variance (ratio), components and the projection of the
query rows (z-scored with the training statistics).
Usage: /usr/bin/python3 pca_oracle.py FIXTURE_DIR OUTPUT_JSON
"""
import json
import os
import sys

import numpy as np
from sklearn.decomposition import PCA

fixtures, out = sys.argv[1], sys.argv[2]
# six latent factors stand clear of the noise (eigenvalue gaps >= 25%); later components are noise whose order
# no truncated method can be expected to reproduce
COMPONENTS = 6
train_path, query_path = f"{fixtures}/pca_train.csv", f"{fixtures}/pca_query.csv"
if not os.path.exists(train_path):
    rng = np.random.default_rng(7)
    genes, factors = 60, 10
    loadings = rng.normal(0, 1, size=(factors, genes))
    factor_sd = 1.5 * 0.72 ** np.arange(factors)
    base = rng.normal(1.0, 0.5, size=genes)
    base[:5] = -7.5  # rarely expressed genes: a single expressing cell exceeds the clip
    for path, n in ((train_path, 240), (query_path, 60)):
        scores = rng.normal(0, 1, size=(n, factors)) * factor_sd
        counts = rng.poisson(np.exp(base + scores @ loadings * 0.7) * 40)
        totals = np.maximum(counts.sum(1, keepdims=True), 1)
        x = np.log1p(counts / totals * 1e4).astype(np.float32)
        with open(path, "w") as f:
            f.write(",".join(f"g{j + 1}" for j in range(genes)) + "\n")
            for row in x:
                f.write(",".join(repr(float(v)) for v in row) + "\n")

train = np.loadtxt(train_path, delimiter=",", skiprows=1, dtype=np.float32).astype(np.float64)
query = np.loadtxt(query_path, delimiter=",", skiprows=1, dtype=np.float32).astype(np.float64)
mean = train.mean(0)
sd = train.std(0)
sd[sd <= 1e-12] = 1.0


def prep(x):
    return np.clip((x - mean) / sd, -10, 10)


pca = PCA(n_components=COMPONENTS, svd_solver="full").fit(prep(train))
result = {
    "components": COMPONENTS,
    "clipped_values": int((np.abs((train - mean) / sd) > 10).sum()),
    "explained_variance": pca.explained_variance_.tolist(),
    "explained_variance_ratio": pca.explained_variance_ratio_.tolist(),
    "loadings": pca.components_.tolist(),
    "query_projection": pca.transform(prep(query)).tolist(),
}
with open(out, "w") as f:
    json.dump(result, f)
