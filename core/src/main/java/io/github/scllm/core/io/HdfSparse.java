package io.github.scllm.core.io;

import java.nio.file.Path;

import io.github.scllm.core.InvalidInputException;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;

/**
 * A compressed sparse matrix in an HDF5 group ({@code data}, {@code indices}, {@code indptr}): read cell by cell
 * when the pointer runs over cells (CSR h5ad, Cell Ranger's CSC over barcodes), or emitted entry by entry for a
 * transposition when it runs over genes (CSC h5ad). Index and value widths are taken from the file.
 */
final class HdfSparse {
    /** Entries read per slice when streaming a gene-major matrix. */
    private static final int BLOCK = 1 << 20;

    final Path file;
    final String path;
    final Dataset data;
    final Dataset indices;
    final long[] indptr;
    final int minor;

    /**
     * @param major length of the pointer dimension (cells for CSR, genes for CSC)
     * @param minor length of the other dimension
     */
    HdfSparse(Path file, Group g, long major, int minor) {
        this.file = file;
        String gp = g.getPath();
        this.path = gp.length() > 1 && gp.endsWith("/") ? gp.substring(0, gp.length() - 1) : gp;
        this.data = Hdf5.dataset(file, g, "data");
        this.indices = Hdf5.dataset(file, g, "indices");
        Dataset ptr = Hdf5.dataset(file, g, "indptr");
        Hdf5.checkFilters(file, data);
        Hdf5.checkFilters(file, indices);
        this.indptr = Arrays1d.toLongs(Hdf5.readAll(file, ptr), ptr.getPath());
        this.minor = minor;
        long nnz = Hdf5.length1d(file, data);
        long nIdx = Hdf5.length1d(file, indices);
        if (nIdx != nnz) {
            throw new InvalidInputException(path + " in " + file + " is inconsistent: " + nnz + " values in data but "
                + nIdx + " in indices.");
        }
        if (indptr.length != major + 1) {
            throw new InvalidInputException(path + "/indptr in " + file + " has " + indptr.length
                + " entries; the shape needs " + (major + 1) + ".");
        }
        if (indptr[0] != 0 || indptr[indptr.length - 1] != nnz) {
            throw new InvalidInputException(path + "/indptr in " + file + " runs from " + indptr[0] + " to "
                + indptr[indptr.length - 1] + " but must run from 0 to the number of stored values (" + nnz + ").");
        }
        for (int i = 1; i < indptr.length; i++) {
            if (indptr[i] < indptr[i - 1]) {
                throw new InvalidInputException(path + "/indptr in " + file + " decreases at position " + i + " ("
                    + indptr[i - 1] + " then " + indptr[i] + "); the file is corrupted.");
            }
        }
    }

    long storedValues() {
        return indptr[indptr.length - 1];
    }

    /** Per-cell rows straight from the file; {@code remap} (nullable) maps stored gene index to output index or -1. */
    RowSource cellMajor(int[] remap) {
        return new RowSource() {
            @Override
            public CellChunk rows(long first, int count) {
                long from = indptr[(int) first];
                long to = indptr[(int) first + count];
                if (to - from > Integer.MAX_VALUE - 16) {
                    throw new InvalidInputException("Cells " + first + ".." + (first + count - 1) + " of " + path
                        + " hold more values than fit one chunk; read fewer cells at a time.");
                }
                int n = (int) (to - from);
                int[] offsets = new int[count + 1];
                int[] genes = new int[n];
                float[] values = new float[n];
                if (n > 0) {
                    long[] idx = Arrays1d.toLongs(Hdf5.slice(file, indices, from, n), indices.getPath());
                    Arrays1d.toFloats(Hdf5.slice(file, data, from, n), values, data.getPath());
                    for (int k = 0; k < n; k++) {
                        long g = idx[k];
                        if (g < 0 || g >= minor) {
                            long cell = first + java.util.Arrays.binarySearch(indptr, from + k);
                            throw new InvalidInputException(indices.getPath() + " in " + file + " holds index " + g
                                + " at position " + (from + k) + " (near cell row " + (Math.abs(cell) + 1)
                                + "), outside 0.." + (minor - 1) + " given by the shape; the file is corrupted.");
                        }
                        genes[k] = (int) g;
                    }
                }
                int w = 0;
                for (int i = 0; i < count; i++) {
                    int a = (int) (indptr[(int) first + i] - from);
                    int b = (int) (indptr[(int) first + i + 1] - from);
                    if (remap == null) {
                        w = b;
                    } else {
                        for (int k = a; k < b; k++) {
                            int g = remap[genes[k]];
                            if (g >= 0) {
                                genes[w] = g;
                                values[w] = values[k];
                                w++;
                            }
                        }
                    }
                    offsets[i + 1] = w;
                }
                return new CellChunk(first, offsets, genes, values);
            }

            @Override
            public boolean sparse() {
                return true;
            }

            @Override
            public void close() {
                // the HDF5 file is closed by the reader
            }
        };
    }

    /** Emits (cell, gene, value) for a gene-major matrix, reading the file in blocks. */
    RowSource.EntrySource geneMajor() {
        return sink -> {
            long nnz = storedValues();
            int gene = 0;
            float[] vals = new float[(int) Math.min(BLOCK, Math.max(nnz, 1))];
            for (long from = 0; from < nnz; from += BLOCK) {
                int n = (int) Math.min(BLOCK, nnz - from);
                long[] idx = Arrays1d.toLongs(Hdf5.slice(file, indices, from, n), indices.getPath());
                Arrays1d.toFloats(Hdf5.slice(file, data, from, n), vals, data.getPath());
                for (int k = 0; k < n; k++) {
                    long pos = from + k;
                    while (indptr[gene + 1] <= pos) {
                        gene++;
                    }
                    long cell = idx[k];
                    if (cell < 0 || cell >= minor) {
                        throw new InvalidInputException(indices.getPath() + " in " + file + " holds cell index "
                            + cell + " at position " + pos + ", outside 0.." + (minor - 1)
                            + " given by the shape; the file is corrupted.");
                    }
                    sink.accept((int) cell, gene, vals[k]);
                }
            }
        };
    }
}
