#!/usr/bin/python3
"""Writes the small synthetic reader fixtures and fixtures/expected.json.

Run from this folder with the system interpreter that has anndata 0.8, h5py and scipy:
    /usr/bin/python3 make_fixtures.py
Every value is synthetic (seeded); the files are tiny on purpose.
"""
import gzip
import json
import os
import shutil

import anndata as ad
import h5py
import numpy as np
import pandas as pd
import scipy.sparse as sp

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "fixtures")
STR = h5py.string_dtype("utf-8")

rng = np.random.default_rng(20261121)
N_CELLS, N_GENES = 12, 8
dense = rng.integers(1, 9, size=(N_CELLS, N_GENES)).astype(np.float32)
dense[rng.random((N_CELLS, N_GENES)) < 0.6] = 0
dense[3, :] = 0  # a cell without any expression
dense[5, 2] = 2.5  # a non-integer value
CELLS = [f"cell{i:02d}" for i in range(N_CELLS)]
GENES = [f"Gene{j}" for j in range(N_GENES)]
ENSEMBL = [f"ENSG{j:011d}" for j in range(N_GENES)]

expected = {}


def attrs(obj, etype, ever):
    obj.attrs["encoding-type"] = etype
    obj.attrs["encoding-version"] = ever


def base_obs():
    return pd.DataFrame({
        "cell_type": pd.Categorical(["T", "B", "NK", "T", "B", "T", "NK", "B", "T", "T", "B", "NK"]),
        "n_counts": np.arange(N_CELLS, dtype=np.int64) * 10,
        "score": np.linspace(0.0, 1.1, N_CELLS),
        "is_doublet": np.array([i % 3 == 0 for i in range(N_CELLS)]),
    }, index=CELLS)


def obs_expect(df):
    out = {}
    for c in df.columns:
        s = df[c]
        if isinstance(s.dtype, pd.CategoricalDtype):
            out[c] = {"type": "categorical", "n_categories": len(s.cat.categories),
                      "values": [None if pd.isna(v) else str(v) for v in s]}
        elif s.dtype == bool:
            out[c] = {"type": "boolean", "values": [bool(v) for v in s]}
        elif np.issubdtype(s.dtype, np.integer):
            out[c] = {"type": "integer", "values": [int(v) for v in s]}
        elif np.issubdtype(s.dtype, np.floating):
            out[c] = {"type": "double", "values": [float(v) for v in s]}
    return out


def record(name, fmt, matrix, cells, symbols, obs=None, nnz=None, extra=None):
    m = np.asarray(matrix, dtype=np.float64)
    expected[name] = {
        "format": fmt, "n_cells": len(cells), "n_genes": len(symbols), "cell_ids": list(cells),
        "gene_symbols": list(symbols), "matrix": m.tolist(),
        "nnz": int(np.count_nonzero(m)) if nnz is None else int(nnz), "sum": float(m.sum()),
        "obs": obs or {},
    }
    if extra:
        expected[name].update(extra)


def add_extra_obs_columns(path):
    """Adds string-array and nullable columns by hand (anndata 0.8 turns strings into categoricals)."""
    with h5py.File(path, "r+") as f:
        obs = f["obs"]
        ds = obs.create_dataset("donor", data=np.array([f"d{i % 4}" for i in range(N_CELLS)], dtype=object),
                                dtype=STR)
        attrs(ds, "string-array", "0.2.0")
        g = obs.create_group("n_genes_nullable")
        attrs(g, "nullable-integer", "0.1.0")
        g.create_dataset("values", data=np.arange(N_CELLS, dtype=np.int32) + 100)
        g.create_dataset("mask", data=np.array([i == 4 for i in range(N_CELLS)]))
        g = obs.create_group("passed_qc")
        attrs(g, "nullable-boolean", "0.1.0")
        g.create_dataset("values", data=np.array([i % 2 == 0 for i in range(N_CELLS)]))
        g.create_dataset("mask", data=np.array([i == 7 for i in range(N_CELLS)]))
        g = obs.create_group("batch_name")
        attrs(g, "nullable-string-array", "0.1.0")
        g.create_dataset("values", data=np.array([f"b{i % 2}" for i in range(N_CELLS)], dtype=object), dtype=STR)
        g.create_dataset("mask", data=np.array([i == 1 for i in range(N_CELLS)]))
        order = list(obs.attrs["column-order"]) + ["donor", "n_genes_nullable", "passed_qc", "batch_name"]
        obs.attrs["column-order"] = np.array(order, dtype=object)


def extra_obs_expect():
    return {
        "donor": {"type": "string", "n_categories": 4, "values": [f"d{i % 4}" for i in range(N_CELLS)]},
        "n_genes_nullable": {"type": "integer",
                             "values": [None if i == 4 else 100 + i for i in range(N_CELLS)]},
        "passed_qc": {"type": "boolean", "values": [None if i == 7 else i % 2 == 0 for i in range(N_CELLS)]},
        "batch_name": {"type": "string", "n_categories": 2,
                       "values": [None if i == 1 else f"b{i % 2}" for i in range(N_CELLS)]},
    }


def write_anndata_08():
    var = pd.DataFrame({"feature_name": [g.upper() for g in GENES],
                        "highly_variable": [j % 2 == 0 for j in range(N_GENES)]}, index=ENSEMBL)
    # raw has two more genes than X
    raw_genes = ENSEMBL + ["ENSGRAW1", "ENSGRAW2"]
    raw_m = np.hstack([dense * 2, np.ones((N_CELLS, 2), dtype=np.float32)])
    raw = ad.AnnData(X=sp.csr_matrix(raw_m), var=pd.DataFrame(index=raw_genes), obs=pd.DataFrame(index=CELLS))
    for kind in ("csr", "csc", "dense"):
        x = sp.csr_matrix(dense) if kind == "csr" else sp.csc_matrix(dense) if kind == "csc" else dense.copy()
        a = ad.AnnData(X=x, obs=base_obs(), var=var.copy())
        a.layers["counts"] = sp.csr_matrix(dense * 3)
        a.raw = raw
        path = os.path.join(OUT, f"anndata08_{kind}.h5ad")
        a.write_h5ad(path, compression="gzip" if kind == "csr" else None)
        add_extra_obs_columns(path)
        obs = obs_expect(base_obs())
        obs.update(extra_obs_expect())
        record(f"anndata08_{kind}.h5ad", "h5ad", dense, CELLS, ENSEMBL, obs,
               extra={"feature_name": [g.upper() for g in GENES],
                      "layer_counts": (dense * 3).tolist(),
                      "raw": {"gene_symbols": raw_genes, "matrix": raw_m.astype(np.float64).tolist()}})


def csr_group(parent, name, m, etype=True, idx_dtype=np.int32, data_dtype=np.float32):
    m = sp.csr_matrix(m)
    g = parent.create_group(name)
    g.create_dataset("data", data=m.data.astype(data_dtype))
    g.create_dataset("indices", data=m.indices.astype(idx_dtype))
    g.create_dataset("indptr", data=m.indptr.astype(idx_dtype))
    if etype:
        attrs(g, "csr_matrix", "0.1.0")
        g.attrs["shape"] = np.array(m.shape, dtype=np.int64)
    return g


def write_anndata_07():
    path = os.path.join(OUT, "anndata07.h5ad")
    with h5py.File(path, "w") as f:
        csr_group(f, "X", dense, idx_dtype=np.int64, data_dtype=np.float64)
        for name, index, cols in (("obs", CELLS, True), ("var", GENES, False)):
            g = f.create_group(name)
            attrs(g, "dataframe", "0.1.0")
            g.attrs["_index"] = "_index"
            g.create_dataset("_index", data=np.array(index, dtype=object), dtype=STR)
            if cols:
                cats = g.create_group("__categories")
                c = cats.create_dataset("cell_type", data=np.array(["B", "NK", "T"], dtype=object), dtype=STR)
                c.attrs["ordered"] = False
                codes = np.array([2, 0, 1, 2, 0, 2, 1, 0, 2, 2, 0, -1], dtype=np.int8)
                d = g.create_dataset("cell_type", data=codes)
                d.attrs["categories"] = c.ref
                g.create_dataset("sample", data=np.array([f"s{i % 3}" for i in range(N_CELLS)], dtype=object),
                                 dtype=STR)
                g.create_dataset("n_counts", data=np.arange(N_CELLS, dtype=np.int32))
                g.attrs["column-order"] = np.array(["cell_type", "sample", "n_counts"], dtype=object)
            else:
                g.attrs["column-order"] = np.array([], dtype=np.float64)
    names = ["B", "NK", "T"]
    codes = [2, 0, 1, 2, 0, 2, 1, 0, 2, 2, 0, -1]
    record("anndata07.h5ad", "h5ad", dense, CELLS, GENES, {
        "cell_type": {"type": "categorical", "n_categories": 3,
                      "values": [None if c < 0 else names[c] for c in codes]},
        "sample": {"type": "string", "n_categories": 3, "values": [f"s{i % 3}" for i in range(N_CELLS)]},
        "n_counts": {"type": "integer", "values": list(range(N_CELLS))}})


def write_legacy():
    path = os.path.join(OUT, "legacy06.h5ad")
    with h5py.File(path, "w") as f:
        g = csr_group(f, "X", dense, etype=False)
        g.attrs["h5sparse_format"] = "csr"
        g.attrs["h5sparse_shape"] = np.array([N_CELLS, N_GENES])
        codes = np.array([i % 2 for i in range(N_CELLS)], dtype=np.int8)
        obs = np.zeros(N_CELLS, dtype=[("index", "S16"), ("louvain", "i1"), ("n_genes", "<i8"),
                                       ("percent_mito", "<f4")])
        obs["index"] = [c.encode() for c in CELLS]
        obs["louvain"] = codes
        obs["n_genes"] = np.arange(N_CELLS) + 5
        obs["percent_mito"] = np.arange(N_CELLS, dtype=np.float32) / 4
        f.create_dataset("obs", data=obs)
        var = np.zeros(N_GENES, dtype=[("index", "S16"), ("n_cells", "<i8")])
        var["index"] = [g.encode() for g in GENES]
        var["n_cells"] = np.arange(N_GENES)
        f.create_dataset("var", data=var)
        uns = f.create_group("uns")
        uns.create_dataset("louvain_categories", data=np.array([b"Tcells", b"Bcells"], dtype="S6"))
        raw_m = dense + 1
        g = csr_group(f, "raw.X", raw_m, etype=False)
        g.attrs["h5sparse_format"] = "csr"
        g.attrs["h5sparse_shape"] = np.array([N_CELLS, N_GENES])
        rv = np.zeros(N_GENES, dtype=[("index", "S16")])
        rv["index"] = [("raw" + g).encode() for g in GENES]
        f.create_dataset("raw.var", data=rv)
    record("legacy06.h5ad", "h5ad", dense, CELLS, GENES, {
        "louvain": {"type": "categorical", "n_categories": 2,
                    "values": ["Tcells" if c == 0 else "Bcells" for c in codes]},
        "n_genes": {"type": "integer", "values": [int(i + 5) for i in range(N_CELLS)]},
        "percent_mito": {"type": "double", "values": [float(np.float32(i) / 4) for i in range(N_CELLS)]}},
        extra={"raw": {"gene_symbols": ["raw" + g for g in GENES], "matrix": (dense + 1).astype(float).tolist()}})


def tenx_arrays(m_cells_by_features, idx_dtype, data_dtype):
    csc = sp.csc_matrix(m_cells_by_features.T)  # features x barcodes, CSC over barcodes
    return (csc.data.astype(data_dtype), csc.indices.astype(idx_dtype), csc.indptr.astype(idx_dtype),
            np.array(csc.shape, dtype=np.int32))


def write_tenx():
    feats = GENES + ["CD3_TotalSeqB"]
    types = ["Gene Expression"] * N_GENES + ["Antibody Capture"]
    ids = ENSEMBL + ["CD3"]
    counts = np.floor(dense)  # Cell Ranger stores integer counts
    full = np.hstack([counts, np.full((N_CELLS, 1), 7, dtype=np.float32)]).astype(np.int32)
    barcodes = [f"AAAC{i:04d}-1" for i in range(N_CELLS)]
    path = os.path.join(OUT, "tenx_v3.h5")
    with h5py.File(path, "w") as f:
        m = f.create_group("matrix")
        data, indices, indptr, shape = tenx_arrays(full, np.int64, np.int32)
        m.create_dataset("data", data=data, compression="gzip", shuffle=True, chunks=True)
        m.create_dataset("indices", data=indices, compression="gzip", chunks=True)
        m.create_dataset("indptr", data=indptr)
        m.create_dataset("shape", data=shape)
        m.create_dataset("barcodes", data=np.array(barcodes, dtype="S12"))
        fg = m.create_group("features")
        fg.create_dataset("id", data=np.array(ids, dtype="S16"))
        fg.create_dataset("name", data=np.array(feats, dtype="S16"))
        fg.create_dataset("feature_type", data=np.array(types, dtype="S16"))
        fg.create_dataset("genome", data=np.array(["GRCh38"] * len(ids), dtype="S6"))
        fg.create_dataset("_all_tag_keys", data=np.array(["genome"], dtype="S6"))
    record("tenx_v3.h5", "10x_h5", counts, barcodes, GENES, extra={"skipped_features": 1, "all_features": {
        "gene_symbols": feats, "matrix": full.astype(float).tolist()}})
    path = os.path.join(OUT, "tenx_v2.h5")
    with h5py.File(path, "w") as f:
        g = f.create_group("GRCh38")
        data, indices, indptr, shape = tenx_arrays(counts.astype(np.int32), np.int32, np.int32)
        for k, v in (("data", data), ("indices", indices), ("indptr", indptr), ("shape", shape)):
            g.create_dataset(k, data=v)
        g.create_dataset("barcodes", data=np.array(barcodes, dtype="S12"))
        g.create_dataset("genes", data=np.array(ENSEMBL, dtype="S16"))
        g.create_dataset("gene_names", data=np.array(GENES, dtype="S16"))
    record("tenx_v2.h5", "10x_h5", counts, barcodes, GENES)
    # MatrixMarket folders are not generated: the tests read the real Cell Ranger v2/v3 folders of the shared test
    # data instead.


def write_delimited():
    def table(rows, cols, m, sep):
        lines = [sep.join([""] + cols)]
        for name, row in zip(rows, m):
            lines.append(sep.join([name] + [("%g" % v) for v in row]))
        return "\n".join(lines) + "\n"
    with open(os.path.join(OUT, "genes_by_cells.csv"), "w") as fh:
        fh.write(table(GENES, CELLS, dense.T, ","))
    with gzip.open(os.path.join(OUT, "cells_by_genes.tsv.gz"), "wt") as fh:
        fh.write(table(CELLS, GENES, dense, "\t"))
    with open(os.path.join(OUT, "cells_metadata.csv"), "w") as fh:
        fh.write("cell,cluster,purity,label,kept\n")
        for i, c in enumerate(CELLS):
            if i == 10:
                continue  # cell10 has no metadata
            fh.write(f"{c},{i % 3},{i / 8},{'type' + str(i % 2)},{'TRUE' if i % 2 else 'FALSE'}\n")
    meta = {
        "cluster": {"type": "integer", "values": [None if i == 10 else i % 3 for i in range(N_CELLS)]},
        "purity": {"type": "double", "values": [None if i == 10 else i / 8 for i in range(N_CELLS)]},
        "label": {"type": "string", "n_categories": 2,
                  "values": [None if i == 10 else "type" + str(i % 2) for i in range(N_CELLS)]},
        "kept": {"type": "boolean", "values": [None if i == 10 else i % 2 == 1 for i in range(N_CELLS)]}}
    record("genes_by_cells.csv", "delimited", dense, CELLS, GENES, meta, extra={"cells_without_metadata": 1})
    record("cells_by_genes.tsv.gz", "delimited", dense, CELLS, GENES)


def minimal_h5ad(name, x_writer, cells=CELLS, genes=GENES):
    """A hand-written anndata 0.8 file whose X is written by x_writer(file)."""
    with h5py.File(os.path.join(OUT, name), "w") as f:
        attrs(f, "anndata", "0.1.0")
        for df, index in (("obs", cells), ("var", genes)):
            g = f.create_group(df)
            attrs(g, "dataframe", "0.2.0")
            g.attrs["_index"] = "_index"
            g.attrs["column-order"] = np.array([], dtype=np.float64)
            g.create_dataset("_index", data=np.array(index, dtype=object), dtype=STR)
        x_writer(f)


def write_broken():
    m = sp.csr_matrix(dense)

    def bad_indptr(f):
        g = csr_group(f, "X", dense)
        p = m.indptr.copy()
        p[4], p[5] = p[5], p[4] - 1
        del g["indptr"]
        g.create_dataset("indptr", data=p)
    minimal_h5ad("broken_indptr.h5ad", bad_indptr)

    def bad_index(f):
        g = csr_group(f, "X", dense)
        i = m.indices.copy()
        i[-1] = N_GENES + 3
        del g["indices"]
        g.create_dataset("indices", data=i)
    minimal_h5ad("broken_index.h5ad", bad_index)

    def bad_lengths(f):
        g = csr_group(f, "X", dense)
        del g["data"]
        g.create_dataset("data", data=m.data[:-2])
    minimal_h5ad("broken_lengths.h5ad", bad_lengths)

    def negative(f):
        d = dense.copy()
        d[2, 1] = -4
        d[6, 0] = np.nan
        csr_group(f, "X", d)
    minimal_h5ad("invalid_values.h5ad", negative)
    minimal_h5ad("duplicate_cells.h5ad", lambda f: csr_group(f, "X", dense),
                 cells=CELLS[:5] + ["cell01"] + CELLS[6:9] + ["cell02"] + CELLS[10:])
    minimal_h5ad("empty.h5ad", lambda f: csr_group(f, "X", np.zeros((0, N_GENES), dtype=np.float32)), cells=[])

    def unknown_encoding(f):
        g = csr_group(f, "X", dense)
        attrs(g, "coo_matrix", "0.9.0")
    minimal_h5ad("unknown_encoding.h5ad", unknown_encoding)

    def blosc(f):
        # an optional filter that the writer skips when unavailable still appears in the pipeline
        g = f.create_group("X")
        attrs(g, "csr_matrix", "0.1.0")
        g.attrs["shape"] = np.array(dense.shape, dtype=np.int64)
        dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
        dcpl.set_chunk((16,))
        dcpl.set_filter(32001, h5py.h5z.FLAG_OPTIONAL, (2, 2, 4, 0, 4, 1, 1))
        data = m.data.astype(np.float32)
        sid = h5py.h5s.create_simple((len(data),))
        dsid = h5py.h5d.create(g.id, b"data", h5py.h5t.NATIVE_FLOAT, sid, dcpl)
        dsid.write(h5py.h5s.ALL, h5py.h5s.ALL, data)
        g.create_dataset("indices", data=m.indices)
        g.create_dataset("indptr", data=m.indptr)
    minimal_h5ad("blosc_filter.h5ad", blosc)
    with open(os.path.join(OUT, "not_a_matrix.bin"), "wb") as fh:
        fh.write(bytes(range(256)) * 4)


if __name__ == "__main__":
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    write_anndata_08()
    write_anndata_07()
    write_legacy()
    write_tenx()
    write_delimited()
    write_broken()
    with open(os.path.join(OUT, "expected.json"), "w") as fh:
        json.dump(expected, fh, indent=1, allow_nan=False)
    print("wrote", sorted(os.listdir(OUT)))
