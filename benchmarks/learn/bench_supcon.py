"""One SupCon training epoch: the engine against PyTorch CPU with the same model and batch size.

10,000 x 1536 random float32 rows with 20 labels (seeded), rows L2-normalised as the engine does for one block;
head Linear(1536->512, no bias) -> BatchNorm1d -> ReLU -> Linear(512->128) -> L2-normalise, SupCon (temperature
0.07), Adam (lr 1e-3, weight decay 1e-6), batch 256, shuffled. PyTorch runs in float32 with all CPU threads; the
engine computes in double precision. Each side: fastest of two epochs (the engine's time includes input
preparation). Prints both times and the ratio. Not run in CI. Needs the core module compiled and python3-torch.

Usage (from the repository root): /usr/bin/python3 benchmarks/learn/bench_supcon.py [ROWS DIM]
"""
import os
import subprocess
import sys
import tempfile
import time

import json

import numpy as np
import torch

rows, dim = (int(a) for a in sys.argv[1:3]) if len(sys.argv) >= 3 else (10000, 1536)
torch.set_num_threads(os.cpu_count())
rng = np.random.default_rng(3)
x = rng.normal(0, 1, size=(rows, dim)).astype(np.float32)
y = rng.integers(0, 20, size=rows)


def supcon(z, labels, t=0.07):
    n = z.shape[0]
    logits = (z @ z.T / t).masked_fill(torch.eye(n, dtype=torch.bool), float("-inf"))
    log_prob = logits - torch.logsumexp(logits, dim=1, keepdim=True)
    pos = (labels[:, None] == labels[None, :]) & ~torch.eye(n, dtype=torch.bool)
    n_pos = pos.sum(1)
    valid = n_pos > 0
    return (-(log_prob.masked_fill(~pos, 0.0)).sum(1)[valid] / n_pos[valid]).mean()


head = torch.nn.Sequential(torch.nn.Linear(dim, 512, bias=False), torch.nn.BatchNorm1d(512), torch.nn.ReLU(),
                           torch.nn.Linear(512, 128))
opt = torch.optim.Adam(head.parameters(), lr=1e-3, weight_decay=1e-6)
xt = torch.nn.functional.normalize(torch.tensor(x), dim=1)
yt = torch.tensor(y)
best = float("inf")
for _ in range(2):
    t0 = time.perf_counter()
    perm = torch.randperm(rows)
    for start in range(0, rows, 256):
        idx = perm[start:start + 256]
        if len(idx) < 2:
            continue
        loss = supcon(torch.nn.functional.normalize(head(xt[idx]), dim=1), yt[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
    best = min(best, time.perf_counter() - t0)

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
with tempfile.TemporaryDirectory() as tmp:
    x.astype("<f4").tofile(f"{tmp}/x.f32")
    with open(f"{tmp}/labels.txt", "w") as f:
        f.write("\n".join(f"class{c:02d}" for c in y) + "\n")
    out = subprocess.run(["java", "-cp", f"{root}/core/target/classes",
                          f"{root}/benchmarks/learn/SupconBenchmark.java", tmp, str(rows), str(dim)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("engine run failed:\n" + out.stdout + out.stderr)
    java_seconds = float([l for l in out.stdout.splitlines() if l.startswith("seconds=")][0].split("=")[1])

print(f"SupCon epoch, {rows} x {dim}, batch 256, head 512/128, {os.cpu_count()} CPUs")
print(f"PyTorch {best:.3f} s   engine {java_seconds:.3f} s   ratio engine/PyTorch {java_seconds / best:.2f}")
print("BENCH " + json.dumps({
    "name": "supcon_epoch", "metric": "seconds", "unit": "s", "ours": round(java_seconds, 4), "peer": round(best, 4),
    "peer_name": f"PyTorch {torch.__version__} CPU float32",
    "ratio": round(best / java_seconds, 3), "higher_is_better": False,
    "data": f"synthetic {rows} x {dim}, 20 classes, batch 256, head 512/128"}))
