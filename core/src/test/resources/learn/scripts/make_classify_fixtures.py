"""Writes the synthetic fixtures of the classify tests (seeded; re-running gives the same files).

metrics_labels.csv: truth,predicted with some 'Unknown' predictions.
logreg_train.csv / logreg_query.csv: label,x1..x6 from three overlapping Gaussian clusters.
Usage: /usr/bin/python3 make_classify_fixtures.py OUTPUT_DIR
"""
import sys
import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(20261121)

classes = ["B cell", "CD4 T", "CD8 T", "Monocyte", "NK"]
truth = rng.choice(classes, size=200, p=[0.3, 0.25, 0.2, 0.15, 0.1])
pred = []
for t in truth:
    u = rng.random()
    if u < 0.7:
        pred.append(t)
    elif u < 0.85:
        pred.append(rng.choice(classes[:4]))
    else:
        pred.append("Unknown")
with open(f"{out}/metrics_labels.csv", "w") as f:
    f.write("truth,predicted\n")
    for t, p in zip(truth, pred):
        f.write(f"{t},{p}\n")

centres = rng.normal(0, 1.0, size=(3, 6))
scales = np.array([1.0, 3.0, 0.5, 10.0, 1.0, 0.2])


def draw(n):
    y = rng.integers(0, 3, size=n)
    x = (centres[y] + rng.normal(0, 1.2, size=(n, 6))) * scales + 5.0
    return y, x


for name, n in (("logreg_train.csv", 150), ("logreg_query.csv", 40)):
    y, x = draw(n)
    with open(f"{out}/{name}", "w") as f:
        f.write("label," + ",".join(f"x{j + 1}" for j in range(6)) + "\n")
        for yi, xi in zip(y, x):
            f.write(f"class{yi}," + ",".join(repr(float(np.float32(v))) for v in xi) + "\n")
