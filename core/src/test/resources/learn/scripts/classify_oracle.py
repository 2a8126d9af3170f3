"""Expected values of the classify tests, computed with scikit-learn from the committed fixtures.

Usage: /usr/bin/python3 classify_oracle.py FIXTURE_DIR OUTPUT_JSON
Metrics: accuracy, macro/weighted F1, Cohen's kappa, per-class precision/recall/F1/support and the confusion matrix,
once with 'Unknown' predictions excluded and once with them counted as wrong.
Logistic regression: StandardScaler + LogisticRegression(C=0.5, multinomial, lbfgs) driven to a tight optimum;
predicted probabilities of the query rows.
"""
import csv
import warnings
import json
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (accuracy_score, cohen_kappa_score, confusion_matrix, f1_score,
                             precision_recall_fscore_support)
from sklearn.preprocessing import StandardScaler

warnings.filterwarnings("ignore")
fixtures, out = sys.argv[1], sys.argv[2]

with open(f"{fixtures}/metrics_labels.csv") as f:
    rows = list(csv.DictReader(f))
truth = np.array([r["truth"] for r in rows])
pred = np.array([r["predicted"] for r in rows])


def score(t, p):
    labels = sorted(set(t) | (set(p) - {"Unknown"}))
    prec, rec, f1, sup = precision_recall_fscore_support(t, p, labels=labels, zero_division=0)
    columns = labels + (["Unknown"] if "Unknown" in set(p) else [])
    cm = confusion_matrix(t, p, labels=columns)[: len(labels)]
    return {
        "accuracy": accuracy_score(t, p),
        "macro_f1": f1_score(t, p, labels=labels, average="macro", zero_division=0),
        "weighted_f1": f1_score(t, p, labels=labels, average="weighted", zero_division=0),
        "kappa": cohen_kappa_score(t, p),
        "classes": labels,
        "columns": columns,
        "precision": prec.tolist(), "recall": rec.tolist(), "f1": f1.tolist(), "support": sup.tolist(),
        "confusion": cm.tolist(),
    }


keep = pred != "Unknown"
result = {
    "metrics_exclude": score(truth[keep], pred[keep]),
    "metrics_count_as_wrong": score(truth, pred),
}


def load(name):
    with open(f"{fixtures}/{name}") as f:
        r = list(csv.reader(f))[1:]
    return np.array([x[0] for x in r]), np.array([[float(v) for v in x[1:]] for x in r], dtype=np.float32)


ytr, xtr = load("logreg_train.csv")
_, xq = load("logreg_query.csv")
scaler = StandardScaler().fit(xtr.astype(np.float64))
model = LogisticRegression(C=0.5, multi_class="multinomial", solver="lbfgs", tol=1e-12, max_iter=100000,
                           warm_start=True)
ztr = scaler.transform(xtr.astype(np.float64))
# scipy's L-BFGS also stops on a small relative decrease of the objective (gradient still ~1e-4 here); warm
# restarts continue from the last coefficients until they stop moving, reaching the optimum to ~1e-9
previous = None
for _ in range(100):
    model.fit(ztr, ytr)
    if previous is not None and np.max(np.abs(model.coef_ - previous)) < 1e-13:
        break
    previous = model.coef_.copy()
result["logreg"] = {
    "C": 0.5,
    "classes": model.classes_.tolist(),
    "probabilities": model.predict_proba(scaler.transform(xq.astype(np.float64))).tolist(),
}
with open(out, "w") as f:
    json.dump(result, f, indent=1)
