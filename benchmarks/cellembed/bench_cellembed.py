"""Cell Embedding (GenePT-w) with numpy: each cell's weighted mean of its top genes' vectors.

Usage: /usr/bin/python3 bench_cellembed.py make DIR CELLS GENES TOP DIM [SEED]
       /usr/bin/python3 bench_cellembed.py run DIR [PASSES]

`make` writes synthetic inputs as raw little-endian files that the Java side reads too: vectors.f32 (GENES x DIM,
standard normal), genes.i32 (CELLS x TOP gene indices, distinct within a cell), weights.f32 (CELLS x TOP, log1p of
counts drawn from a geometric law, as top-genes writes them) and shape.txt. `run` computes
sum_k w[c,k] * E[g[c,k]] / sum_k w[c,k] for every cell in chunks of 1,024 cells, keeps only
a checksum (the sum of the squared components), and prints cells/s of the best pass of each of three ways a numpy
user would write it (batched matmul, einsum, a multiply-add per rank), then of the fastest.
"""
import os
import sys
import time

import numpy as np

CHUNK = 1024


def make(folder, cells, genes, top, dim, seed=1):
    rng = np.random.default_rng(seed)
    os.makedirs(folder, exist_ok=True)
    rng.standard_normal((genes, dim), dtype=np.float32).tofile(os.path.join(folder, "vectors.f32"))
    # distinct genes per cell: the first TOP of a random permutation of a random window of genes
    idx = np.empty((cells, top), dtype=np.int32)
    for start in range(0, cells, 4096):
        n = min(4096, cells - start)
        keys = rng.random((n, genes), dtype=np.float32)
        idx[start:start + n] = np.argpartition(keys, top, axis=1)[:, :top]
    idx.tofile(os.path.join(folder, "genes.i32"))
    w = np.log1p(rng.geometric(0.05, size=(cells, top))).astype(np.float32)
    w.tofile(os.path.join(folder, "weights.f32"))
    with open(os.path.join(folder, "shape.txt"), "w") as f:
        f.write(f"{cells} {genes} {top} {dim}\n")


def load(folder):
    with open(os.path.join(folder, "shape.txt")) as f:
        cells, genes, top, dim = map(int, f.read().split())
    vectors = np.fromfile(os.path.join(folder, "vectors.f32"), dtype="<f4").reshape(genes, dim)
    idx = np.fromfile(os.path.join(folder, "genes.i32"), dtype="<i4").reshape(cells, top)
    w = np.fromfile(os.path.join(folder, "weights.f32"), dtype="<f4").reshape(cells, top)
    return vectors, idx, w


def _checksum(means):
    return float(np.square(means, dtype=np.float64).sum())


def matmul_pass(vectors, idx, w):
    """Gather each chunk's gene vectors, then one batched (1 x TOP) @ (TOP x DIM) product per cell."""
    checksum = 0.0
    for start in range(0, idx.shape[0], CHUNK):
        g, ww = idx[start:start + CHUNK], w[start:start + CHUNK]
        means = np.matmul(ww[:, None, :], vectors[g])[:, 0, :] / ww.sum(axis=1, keepdims=True)
        checksum += _checksum(means)
    return checksum


def einsum_pass(vectors, idx, w):
    """Gather each chunk's gene vectors, then one einsum over the ranks."""
    checksum = 0.0
    for start in range(0, idx.shape[0], CHUNK):
        g, ww = idx[start:start + CHUNK], w[start:start + CHUNK]
        means = np.einsum("ck,ckd->cd", ww, vectors[g]) / ww.sum(axis=1, keepdims=True)
        checksum += _checksum(means)
    return checksum


def by_rank_pass(vectors, idx, w):
    """For each rank k, add w[:, k] * E[g[:, k]] to the chunk's sums: TOP vectorised multiply-adds per chunk."""
    checksum = 0.0
    for start in range(0, idx.shape[0], CHUNK):
        g, ww = idx[start:start + CHUNK], w[start:start + CHUNK]
        sums = np.zeros((g.shape[0], vectors.shape[1]), dtype=np.float32)
        for k in range(g.shape[1]):
            sums += ww[:, k:k + 1] * vectors[g[:, k]]
        sums /= ww.sum(axis=1, keepdims=True)
        checksum += _checksum(sums)
    return checksum


VARIANTS = {"gather + matmul": matmul_pass, "gather + einsum": einsum_pass, "by-rank multiply-add": by_rank_pass}


def run(folder, passes=3):
    """Times every variant (best of PASSES each) and ends with the fastest, the peer of the comparison."""
    vectors, idx, w = load(folder)
    cells = idx.shape[0]
    fastest = None
    for name, fn in VARIANTS.items():
        best = float("inf")
        checksum = 0.0
        for _ in range(passes):
            t0 = time.perf_counter()
            checksum = fn(vectors, idx, w)
            best = min(best, time.perf_counter() - t0)
        print(f"numpy {np.__version__} {name}: cells={cells} top={idx.shape[1]} dim={vectors.shape[1]} "
              f"seconds={best:.3f} cells_per_s={cells / best:.1f} checksum={checksum:.6e}")
        if fastest is None or best < fastest[1]:
            fastest = (name, best, checksum)
    name, best, checksum = fastest
    print(f"numpy fastest: variant={name.replace(' ', '_')} seconds={best:.3f} cells_per_s={cells / best:.1f} "
          f"checksum={checksum:.6e}")


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], *map(int, sys.argv[3:]))
    else:
        run(sys.argv[2], *(int(a) for a in sys.argv[3:4]))
