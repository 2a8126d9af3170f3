package io.github.scllm.core.io;

/** The on-disk layouts a {@link CellMatrixReader} understands. */
public enum MatrixFormat {
    /** AnnData {@code .h5ad}: anndata >= 0.8, 0.7 and the legacy (< 0.7) layout. */
    H5AD,
    /** Cell Ranger HDF5: v3 ({@code /matrix} with {@code features}) and v2 (one group per genome). */
    TENX_H5,
    /** A MatrixMarket folder: {@code matrix.mtx[.gz]}, {@code features.tsv[.gz]} or {@code genes.tsv}, barcodes. */
    TENX_MTX,
    /** A dense CSV or TSV table, optionally gzipped. */
    DELIMITED;

    /** @return the lowercase name used in machine-readable output: h5ad, 10x_h5, 10x_mtx, delimited */
    public String id() {
        return switch (this) {
            case H5AD -> "h5ad";
            case TENX_H5 -> "10x_h5";
            case TENX_MTX -> "10x_mtx";
            case DELIMITED -> "delimited";
        };
    }
}
