"""Leiden by leidenalg on graphs written by the Java test, the reference for LeidenAgreementTest.

Usage: leiden_oracle.py OTHER.txt CASE... OUT.json
CASE: EDGES.tsv,N,QUALITY,RESOLUTION,OURS.txt with EDGES.tsv one undirected edge per line (i, j, weight), OURS.txt
the Java membership (one per line), QUALITY modularity or cpm. OTHER.txt: further labels per node (e.g. the file's
louvain column) to compare both partitions with. Writes one result object per case, in order.
"""
import json
import sys

import igraph
import leidenalg
from sklearn.metrics import adjusted_rand_score

other = open(sys.argv[1]).read().split()
results = []
for case in sys.argv[2:-1]:
    edges_path, n, quality, resolution, ours_path = case.split(",")
    resolution = float(resolution)
    edges, weights = [], []
    with open(edges_path) as f:
        for line in f:
            i, j, w = line.split("\t")
            edges.append((int(i), int(j)))
            weights.append(float(w))
    g = igraph.Graph(n=int(n), edges=edges, directed=False)
    g.es["weight"] = weights
    kind = leidenalg.RBConfigurationVertexPartition if quality == "modularity" else leidenalg.CPMVertexPartition
    theirs = leidenalg.find_partition(g, kind, weights="weight", resolution_parameter=resolution, seed=0,
                                      n_iterations=-1)
    ours = [int(x) for x in open(ours_path).read().split()]

    def score(membership):
        if quality == "modularity":
            return g.modularity(membership, weights="weight", resolution=resolution)
        return kind(g, initial_membership=membership, weights="weight", resolution_parameter=resolution).quality()

    results.append({
        "leidenalg_quality": score(theirs.membership),
        "our_quality_by_igraph": score(ours),
        "leidenalg_communities": len(set(theirs.membership)),
        "ari_ours_vs_leidenalg": adjusted_rand_score(theirs.membership, ours),
        "ari_ours_vs_other": adjusted_rand_score(other, ours),
        "ari_leidenalg_vs_other": adjusted_rand_score(other, theirs.membership),
    })
json.dump(results, open(sys.argv[-1], "w"))
