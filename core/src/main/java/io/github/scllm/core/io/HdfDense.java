package io.github.scllm.core.io;

import java.nio.file.Path;

import io.github.scllm.core.InvalidInputException;
import io.jhdf.api.Dataset;

/** A dense 2-D cells x genes dataset, read a block of rows at a time. */
final class HdfDense implements RowSource {
    private final Path file;
    private final Dataset ds;
    private final int genes;

    HdfDense(Path file, Dataset ds, int cells, int genes) {
        this.file = file;
        this.ds = ds;
        this.genes = genes;
        long[] dims = ds.getDimensionsAsLong();
        if (dims.length != 2 || dims[0] != cells || dims[1] != genes) {
            throw new InvalidInputException("The dense matrix " + ds.getPath() + " in " + file + " has shape "
                + java.util.Arrays.toString(dims) + ", expected [" + cells + ", " + genes + "] from obs and var.");
        }
        Hdf5.checkFilters(file, ds);
    }

    @Override
    public CellChunk rows(long first, int count) {
        Object block;
        try {
            block = ds.getData(new long[] {first, 0}, new int[] {count, genes});
        } catch (io.jhdf.exceptions.HdfFilterException e) {
            throw Hdf5.filterFailure(file, ds, e);
        } catch (RuntimeException e) {
            throw new InvalidInputException("Could not read rows " + first + ".." + (first + count - 1) + " of "
                + ds.getPath() + " in " + file + ": " + e.getMessage() + ". The file may be corrupted.", e);
        }
        Object[] rowsArr = (Object[]) block;
        float[] row = new float[genes];
        int nz = 0;
        int[] offsets = new int[count + 1];
        int[] g = new int[Math.max(16, count * 16)];
        float[] v = new float[g.length];
        for (int i = 0; i < count; i++) {
            Arrays1d.toFloats(rowsArr[i], row, ds.getPath());
            for (int j = 0; j < genes; j++) {
                if (row[j] != 0f) {
                    if (nz == g.length) {
                        int cap = (int) Math.min(Integer.MAX_VALUE - 16, (long) g.length * 2);
                        g = java.util.Arrays.copyOf(g, cap);
                        v = java.util.Arrays.copyOf(v, cap);
                    }
                    g[nz] = j;
                    v[nz] = row[j];
                    nz++;
                }
            }
            offsets[i + 1] = nz;
        }
        return new CellChunk(first, offsets, java.util.Arrays.copyOf(g, nz), java.util.Arrays.copyOf(v, nz));
    }

    @Override
    public boolean sparse() {
        return false;
    }

    @Override
    public void close() {
        // the HDF5 file is closed by the reader
    }
}
