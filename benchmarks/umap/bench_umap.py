"""UMAP of ROWS synthetic cells (default 100,000 x 50, like 50 principal components of 20 cell types): the engine's
Umap against uwot (Debian's r-cran-uwot) on the same rows with the same settings (15 neighbours, min_dist 0.1,
cosine). Prints both times, their ratio and the trustworthiness (scikit-learn, 15 neighbours, cosine) of both layouts
on the same random 5,000 cells, as a check that the faster side did not buy its speed with a worse layout, and a
BENCH line. Not run in CI. Needs the core module compiled, Rscript with uwot, numpy and scikit-learn.

Usage (from the repository root): /usr/bin/python3 benchmarks/umap/bench_umap.py [ROWS [DIM]]
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
from sklearn.manifold import trustworthiness

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
dim = int(sys.argv[2]) if len(sys.argv) > 2 else 50
rng = np.random.default_rng(7)
centres = rng.normal(0, 3, size=(20, dim))
x = (centres[rng.integers(0, 20, size=rows)] + rng.normal(0, 1, size=(rows, dim))).astype(np.float32)


def values(stdout):
    return dict(line.split("=", 1) for line in stdout.splitlines() if "=" in line)


with tempfile.TemporaryDirectory() as tmp:
    x.astype("<f4").tofile(f"{tmp}/x.f32")
    ours = subprocess.run(["java", "-Xmx4g", "-cp", f"{ROOT}/core/target/classes",
                           f"{ROOT}/benchmarks/umap/UmapBenchmark.java", f"{tmp}/x.f32", str(rows), str(dim),
                           f"{tmp}/ours.f32"], capture_output=True, text=True)
    if ours.returncode != 0:
        sys.exit("engine run failed:\n" + ours.stdout + ours.stderr)
    peer = subprocess.run(["Rscript", f"{ROOT}/benchmarks/umap/bench_umap.R", f"{tmp}/x.f32", str(rows), str(dim),
                           f"{tmp}/uwot.f32"], capture_output=True, text=True)
    if peer.returncode != 0:
        sys.exit("uwot run failed:\n" + peer.stdout + peer.stderr)
    our_layout = np.fromfile(f"{tmp}/ours.f32", dtype="<f4").reshape(rows, 2)
    peer_layout = np.fromfile(f"{tmp}/uwot.f32", dtype="<f4").reshape(rows, 2)

o, p = values(ours.stdout), values(peer.stdout)
ours_s, peer_s = float(o["seconds"]), float(p["seconds"])
sample = rng.choice(rows, size=min(rows, 5000), replace=False)
t_ours = trustworthiness(x[sample], our_layout[sample], n_neighbors=15, metric="cosine")
t_peer = trustworthiness(x[sample], peer_layout[sample], n_neighbors=15, metric="cosine")
print(f"UMAP of {rows} x {dim} synthetic cells (20 clusters), 15 neighbours, min_dist 0.1, cosine; load average "
      f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
print(f"uwot {p['version']} ({p['threads']} threads for the neighbours) {peer_s:.1f} s, trustworthiness {t_peer:.4f}")
print(f"engine ({o['threads']} threads for the neighbours) {ours_s:.1f} s, trustworthiness {t_ours:.4f}")
print(f"ratio uwot/engine {peer_s / ours_s:.2f}")
print("BENCH " + json.dumps({
    "name": "umap", "metric": "seconds", "unit": "s", "ours": round(ours_s, 2), "peer": round(peer_s, 2),
    "peer_name": f"uwot {p['version']} (R)", "ratio": round(peer_s / ours_s, 3), "higher_is_better": False,
    "data": f"synthetic {rows} x {dim}, 20 clusters; trustworthiness ours {t_ours:.4f}, uwot {t_peer:.4f}"}))
