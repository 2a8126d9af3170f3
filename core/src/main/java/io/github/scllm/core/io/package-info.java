/**
 * Readers of single-cell expression matrices: AnnData {@code .h5ad} (every on-disk generation), Cell Ranger HDF5
 * (v2 and v3), MatrixMarket folders and dense CSV/TSV tables. {@link io.github.scllm.core.io.CellMatrixReaders}
 * detects the format and opens a {@link io.github.scllm.core.io.CellMatrixReader}, which streams cells in chunks.
 *
 * <p>Cell-major storage (CSR, Cell Ranger's CSC over barcodes, dense rows) is read slice by slice straight from the
 * file: memory grows with the chunk size, not with the matrix. Gene-major storage (CSC h5ad, MatrixMarket,
 * genes-by-cells text) is transposed once, in two passes (count per cell, then scatter), into a memory-mapped
 * temporary file that the reader deletes on close. {@link io.github.scllm.core.io.MatrixStatistics} streams a reader
 * once and reports shape, stored values and their sum.
 */
package io.github.scllm.core.io;
