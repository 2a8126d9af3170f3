"""Trustworthiness (scikit-learn) of several 2-D layouts of the same vectors, for UmapTrustworthinessTest.

Usage: trustworthiness.py VECTORS.tsv K LAYOUT.tsv... OUT.json  (tab-separated, no header)
"""
import json
import sys

import numpy as np
from sklearn.manifold import trustworthiness

x = np.loadtxt(sys.argv[1], delimiter="\t")
k = int(sys.argv[2])
scores = [trustworthiness(x, np.loadtxt(p, delimiter="\t"), n_neighbors=k) for p in sys.argv[3:-1]]
json.dump(scores, open(sys.argv[-1], "w"))
