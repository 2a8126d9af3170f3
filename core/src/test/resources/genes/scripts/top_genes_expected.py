#!/usr/bin/python3
"""Expected top genes per cell of the pbmc68k_reduced counts, computed with numpy/scipy.

Usage: /usr/bin/python3 top_genes_expected.py DATA_DIR OUT_TSV
DATA_DIR is the test data folder (the one given to the tests as scllm.testdata).

For every cell: counts per 10k with the cell's total, ln(1+x), then np.argsort(-values, kind='stable') over the
dense row, so equal values keep gene order; zeros dropped; the first 20 kept. Written twice: over all genes, and
with mitochondrial and ribosomal genes (^MT-, ^mt-, ^RP[SL], ^Rp[sl]) removed from the candidates.
"""
import gzip
import re
import sys

import numpy as np
import scipy.io

N = 20
EXCLUDE = re.compile(r"^(MT-|mt-|RP[SL]|Rp[sl])")


def top(row, allowed):
    order = np.argsort(-row, kind="stable")
    keep = [int(g) for g in order if row[g] != 0 and allowed[g]]
    return keep[:N]


def main(data_dir, out):
    base = data_dir + "/pbmc68k_reduced/counts_10x_mtx/"
    m = scipy.io.mmread(base + "matrix.mtx.gz").T.tocsr().astype(np.float64)  # cells x genes
    with gzip.open(base + "features.tsv.gz", "rt") as f:
        symbols = [line.rstrip("\n").split("\t")[1] for line in f]
    everything = np.ones(len(symbols), dtype=bool)
    not_excluded = np.array([EXCLUDE.search(s) is None for s in symbols])
    totals = np.asarray(m.sum(axis=1)).ravel()
    with open(out, "w") as w:
        w.write("cell\ttop_all\tlog1p_cp10k_weights\ttop_without_mito_ribo\n")
        for c in range(m.shape[0]):
            row = m[c].toarray().ravel()
            norm = np.log1p(row * 1e4 / totals[c])
            a = top(norm, everything)
            b = top(norm, not_excluded)
            w.write("%d\t%s\t%s\t%s\n" % (c, ",".join(map(str, a)), ",".join("%.6f" % norm[g] for g in a),
                                          ",".join(map(str, b))))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
