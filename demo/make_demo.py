"""Writes demo/pbmc_demo.h5ad: a SYNTHETIC single-cell dataset (no real measurements) with real human gene symbols
and the marker structure of blood immune cell types, for running scllm and the example workflows offline.

Counts are drawn from negative binomial distributions: every gene has a cell-type-independent baseline, and each
cell type raises its marker genes. Run with /usr/bin/python3 (Debian python3-anndata, numpy, scipy).
"""
import os

import anndata
import numpy as np
import pandas as pd
import scipy.sparse as sp

SEED = 20261121
CELLS_PER_TYPE = {
    "CD4 T cell": 260, "CD8 T cell": 180, "B cell": 160, "NK cell": 120,
    "CD14 monocyte": 200, "FCGR3A monocyte": 80, "dendritic cell": 40, "platelet": 30,
}
MARKERS = {
    "CD4 T cell": ["CD3D", "CD3E", "IL7R", "CD4", "LTB", "CCR7", "TCF7", "MAL"],
    "CD8 T cell": ["CD3D", "CD3E", "CD8A", "CD8B", "GZMK", "CCL5", "CD2", "LAG3"],
    "B cell": ["MS4A1", "CD79A", "CD79B", "CD19", "BANK1", "HLA-DRA", "CD74", "TCL1A"],
    "NK cell": ["GNLY", "NKG7", "KLRD1", "PRF1", "GZMB", "FCGR3A", "KLRF1", "CTSW"],
    "CD14 monocyte": ["CD14", "LYZ", "S100A8", "S100A9", "VCAN", "FCN1", "CST3", "LGALS2"],
    "FCGR3A monocyte": ["FCGR3A", "MS4A7", "LST1", "AIF1", "IFITM3", "CST3", "FCER1G", "LYZ"],
    "dendritic cell": ["FCER1A", "CST3", "CLEC10A", "CD1C", "HLA-DQA1", "HLA-DRA", "CD74", "ITGAX"],
    "platelet": ["PPBP", "PF4", "GP9", "ITGA2B", "TUBB1", "SPARC", "GNG11", "CLU"],
}
HOUSEKEEPING = ["ACTB", "GAPDH", "B2M", "TMSB4X", "MALAT1", "EEF1A1", "TPT1", "FTL", "FTH1", "UBB",
                "RPL3", "RPL13", "RPS3", "RPS6", "RPS27A", "RPL32", "MT-CO1", "MT-ND1", "MT-CYB", "MT-ATP6"]
BACKGROUND = ["ACTG1", "ALDOA", "ANXA1", "ARHGDIB", "ATP5F1E", "BTG1", "CALM1", "CALM2", "CD37", "CD52",
              "CD53", "CFL1", "COTL1", "CORO1A", "CXCR4", "CYBA", "DDX5", "DUSP1", "EIF1", "EMP3",
              "ENO1", "FAU", "FOS", "FXYD5", "GMFG", "GNAI2", "H3-3B", "HCST", "HINT1", "HNRNPA1",
              "HSP90AA1", "HSPA8", "IFITM2", "ISG15", "JUN", "JUNB", "KLF2", "KLF6", "LAPTM5", "LCP1",
              "LDHB", "MYL6", "MYL12A", "NACA", "NPM1", "OAZ1", "PFN1", "PPIA", "PTMA", "PTPRC",
              "RAC2", "RACK1", "S100A4", "S100A6", "S100A10", "S100A11", "SAT1", "SERF2", "SH3BGRL3", "SRGN",
              "SRSF5", "TMSB10", "TXNIP", "TYROBP", "UBA52", "UBC", "VIM", "YBX1", "ZFP36", "ZFP36L2",
              "ARPC1B", "ARPC2", "ARPC3", "CAP1", "CST7", "CTSS", "DUSP2", "EVL", "FYB1", "GIMAP4",
              "GIMAP7", "GLIPR2", "GZMA", "GZMH", "HLA-A", "HLA-B", "HLA-C", "HLA-DPA1", "HLA-DPB1", "HLA-E",
              "IL32", "ITM2B", "LIMD2", "LSP1", "LY6E", "MNDA", "MYO1G", "PLAC8", "PSAP", "SELL",
              "SEPTIN7", "SPI1", "STK17A", "TAGLN2", "TNFAIP3", "TRAC", "TRBC1", "TRBC2", "XIST", "ZNF331"]


def main():
    rng = np.random.default_rng(SEED)
    genes = list(dict.fromkeys(HOUSEKEEPING + [g for m in MARKERS.values() for g in m] + BACKGROUND))
    index = {g: i for i, g in enumerate(genes)}
    baseline = rng.gamma(shape=0.6, scale=0.6, size=len(genes))
    for g in HOUSEKEEPING:
        baseline[index[g]] = rng.uniform(3, 20)
    labels, donors, rows = [], [], []
    for cell_type, n in CELLS_PER_TYPE.items():
        mean = baseline.copy()
        for rank, g in enumerate(MARKERS[cell_type]):
            mean[index[g]] += 12.0 / (1 + 0.25 * rank)
        for _ in range(n):
            size = rng.lognormal(0, 0.35)  # library size varies between cells
            mu = mean * size
            counts = rng.negative_binomial(2, 2 / (2 + mu))
            rows.append(counts.astype(np.float32))
            labels.append(cell_type)
            donors.append(f"donor{rng.integers(1, 4)}")
    order = rng.permutation(len(rows))
    X = sp.csr_matrix(np.vstack(rows)[order])
    obs = pd.DataFrame({
        "cell_type": pd.Categorical(np.array(labels)[order]),
        "donor": pd.Categorical(np.array(donors)[order]),
    }, index=[f"cell{i:05d}" for i in range(len(rows))])
    obs["n_counts"] = np.asarray(X.sum(axis=1)).ravel()
    var = pd.DataFrame(index=genes)
    var["is_marker"] = [any(g in m for m in MARKERS.values()) for g in genes]
    adata = anndata.AnnData(X=X, obs=obs, var=var)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pbmc_demo.h5ad")
    adata.write_h5ad(out, compression="gzip")
    print(f"wrote {out}: {adata.n_obs} cells x {adata.n_vars} genes, nnz={X.nnz}, sum={X.sum():.1f}")


if __name__ == "__main__":
    main()
