"""One SupCon training epoch: the engine against PyTorch CPU with the same model, data and batch size.

ROWS x DIM random float32 rows (default 10,000 x 1536) with 20 labels (seeded), rows L2-normalised as the engine
does for one block; head Linear(DIM->512, no bias) -> BatchNorm1d -> ReLU -> Linear(512->128) -> L2-normalise, SupCon
(temperature 0.07), Adam (lr 1e-3, weight decay 1e-6), batch 256, shuffled. Both sides train in float32, once on
one thread and once on all CPU threads (PyTorch's intra-op threads and OpenBLAS's threads set alike); each side's
figure is its fastest of EPOCHS one-epoch trainings of a fresh head (both times include the
head's initialisation; the engine's also its input preparation and thread pool start).

PyTorch's dense products run in the BLAS it was built with (OpenBLAS for Debian's python3-torch), whose kernel choice
follows the environment variable OPENBLAS_CORETYPE when it is set. So PyTorch is timed once per setting in a fresh
process (the variable as set in the environment, unset, and each kernel family in CORETYPES) and the fastest setting
is the peer. Prints every time with the CPU time of the same epoch (all threads of the process; on a busy machine
the wall times mostly measure the share of the CPUs each side got), both mean training losses of the timed epoch (a check that both learn the same thing)
and a BENCH line. Not run in CI. Needs the core module compiled and python3-torch.

Usage (from the repository root): /usr/bin/python3 benchmarks/learn/bench_supcon.py [ROWS DIM [EPOCHS]]
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

CORETYPES = ("Haswell", "SkylakeX", "Zen")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def torch_epochs(data, rows, dim, epochs, threads):
    """Child process: trains in PyTorch and prints the fastest epoch as JSON."""
    import torch

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    x = torch.nn.functional.normalize(torch.from_numpy(np.fromfile(f"{data}/x.f32", dtype="<f4").reshape(rows, dim)),
                                      dim=1)
    y = torch.from_numpy(np.fromfile(f"{data}/y.i32", dtype="<i4").astype(np.int64))

    def supcon(z, labels, t=0.07):
        n = z.shape[0]
        eye = torch.eye(n, dtype=torch.bool)
        logits = (z @ z.T / t).masked_fill(eye, float("-inf"))
        log_prob = logits - torch.logsumexp(logits, dim=1, keepdim=True)
        pos = (labels[:, None] == labels[None, :]) & ~eye
        n_pos = pos.sum(1)
        valid = n_pos > 0
        return (-(log_prob.masked_fill(~pos, 0.0)).sum(1)[valid] / n_pos[valid]).mean()

    best, best_loss, best_cpu = float("inf"), float("nan"), float("nan")
    for _ in range(epochs):
        # a fresh head each time, as the engine's timing, so both losses are those of a first epoch
        t0, c0 = time.perf_counter(), time.process_time()
        head = torch.nn.Sequential(torch.nn.Linear(dim, 512, bias=False), torch.nn.BatchNorm1d(512),
                                   torch.nn.ReLU(), torch.nn.Linear(512, 128))
        opt = torch.optim.Adam(head.parameters(), lr=1e-3, weight_decay=1e-6)
        perm = torch.randperm(rows)
        losses = []
        for start in range(0, rows, 256):
            idx = perm[start:start + 256]
            if len(idx) < 2:
                continue
            loss = supcon(torch.nn.functional.normalize(head(x[idx]), dim=1), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        if seconds < best:
            best, best_loss, best_cpu = seconds, sum(losses) / len(losses), cpu
    print(json.dumps({"seconds": best, "cpu": best_cpu, "loss": best_loss, "version": torch.__version__,
                      "threads": torch.get_num_threads()}))


def timed_torch(data, rows, dim, epochs, threads, coretype):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads))
    if coretype is None:
        env.pop("OPENBLAS_CORETYPE", None)
        label = "OPENBLAS_CORETYPE unset"
    else:
        env["OPENBLAS_CORETYPE"] = coretype
        label = "OPENBLAS_CORETYPE=" + coretype
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--torch", data, str(rows), str(dim),
                          str(epochs), str(threads)], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        sys.exit(f"PyTorch run ({label}) failed:\n" + out.stdout + out.stderr)
    return label, json.loads(out.stdout.strip().splitlines()[-1])


def timed_engine(data, rows, dim, epochs, threads):
    out = subprocess.run(["java", "-cp", f"{ROOT}/core/target/classes", f"{ROOT}/benchmarks/learn/SupconBenchmark.java",
                          data, str(rows), str(dim), str(epochs), str(threads)], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("engine run failed:\n" + out.stdout + out.stderr)
    values = dict(line.split("=", 1) for line in out.stdout.splitlines() if "=" in line)
    return float(values["seconds"]), float(values["cpu"]), float(values["loss"])


def main():
    args = sys.argv[1:]
    rows, dim = (int(a) for a in args[0:2]) if len(args) >= 2 else (10000, 1536)
    epochs = int(args[2]) if len(args) >= 3 else 3
    rng = np.random.default_rng(3)
    x = rng.normal(0, 1, size=(rows, dim)).astype(np.float32)
    y = rng.integers(0, 20, size=rows)
    # the variable's value in this environment first, then the alternatives
    coretypes = list(dict.fromkeys([os.environ.get("OPENBLAS_CORETYPE"), None, *CORETYPES]))
    print(f"SupCon epoch, {rows} x {dim}, batch 256, head 512/128, fastest of {epochs} epochs; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        x.astype("<f4").tofile(f"{tmp}/x.f32")
        y.astype("<i4").tofile(f"{tmp}/y.i32")
        with open(f"{tmp}/labels.txt", "w") as f:
            f.write("\n".join(f"class{c:02d}" for c in y) + "\n")
        for threads in dict.fromkeys([1, os.cpu_count()]):
            peers = [timed_torch(tmp, rows, dim, epochs, threads, c) for c in coretypes]
            ours, our_cpu, our_loss = timed_engine(tmp, rows, dim, epochs, threads)
            for label, r in peers:
                print(f"  {threads} thread(s): PyTorch {r['version']} ({label}) {r['seconds']:.3f} s (CPU time "
                      f"{r['cpu']:.3f} s), mean loss {r['loss']:.4f}")
            label, peer = min(peers, key=lambda p: p[1]["seconds"])
            print(f"  {threads} thread(s): engine (float32) {ours:.3f} s (CPU time {our_cpu:.3f} s), mean loss "
                  f"{our_loss:.4f}; ratio "
                  f"PyTorch/engine {peer['seconds'] / ours:.2f} against the fastest PyTorch setting ({label})")
            print("BENCH " + json.dumps({
                "name": "supcon_epoch" if threads == os.cpu_count() else f"supcon_epoch_{threads}thread",
                "metric": "seconds", "unit": "s", "ours": round(ours, 4), "peer": round(peer["seconds"], 4),
                "peer_name": f"PyTorch {peer['version']} CPU float32, {label}",
                "ratio": round(peer["seconds"] / ours, 3), "higher_is_better": False,
                "data": f"synthetic {rows} x {dim}, 20 classes, batch 256, head 512/128, {threads} thread(s)"}))
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--torch"]:
        torch_epochs(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]))
    else:
        main()
