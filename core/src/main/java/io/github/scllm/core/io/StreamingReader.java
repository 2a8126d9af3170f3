package io.github.scllm.core.io;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.Printable;

/**
 * The one {@link CellMatrixReader} implementation: a summary plus a {@link RowSource}. It checks every chunk
 * (gene indices in range, sorted, unique; values finite and non-negative under the policy), drops zeros and turns
 * unexpected failures into {@link InvalidInputException}s naming the file and the cells.
 */
final class StreamingReader implements CellMatrixReader {
    private final MatrixSummary summary;
    private final RowSource rows;
    private final InvalidValuePolicy policy;
    private final boolean genesAreRows;
    private final int skippedFeatures;
    private final int cellsWithoutMetadata;
    private final BitSet seen = new BitSet();
    private final AutoCloseable[] resources;
    private long invalid;
    private long explicitZeros;
    private boolean closed;

    StreamingReader(MatrixSummary summary, RowSource rows, ReadOptions options, int skippedFeatures,
        int cellsWithoutMetadata, AutoCloseable... resources) {
        this.summary = summary;
        this.rows = rows;
        this.policy = options.invalidValues();
        this.genesAreRows = summary.format() != MatrixFormat.H5AD
            && (summary.format() != MatrixFormat.DELIMITED || options.orientation() == Orientation.GENES_BY_CELLS);
        this.skippedFeatures = skippedFeatures;
        this.cellsWithoutMetadata = cellsWithoutMetadata;
        this.resources = resources;
        checkShape(summary);
    }

    /** Rejects empty matrices and duplicate cell IDs. */
    static void checkShape(MatrixSummary s) {
        if (s.cellCount() == 0 || s.geneCount() == 0) {
            throw new InvalidInputException("The matrix " + s.matrix() + " of " + s.source() + " is empty ("
                + s.cellCount() + " cells x " + s.geneCount() + " genes); nothing to read.");
        }
        String[] ids = s.cellIds();
        Map<String, Integer> first = new HashMap<>(ids.length * 2);
        int duplicates = 0;
        String example = null;
        for (int i = 0; i < ids.length; i++) {
            if (first.putIfAbsent(ids[i], i) != null) {
                duplicates++;
                if (example == null) {
                    example = ids[i] + "' (rows " + (first.get(ids[i]) + 1) + " and " + (i + 1) + ")";
                }
            }
        }
        if (duplicates > 0) {
            throw new InvalidInputException(s.source() + " has " + duplicates + " duplicate cell ID(s), e.g. '"
                + example + ". Cell IDs must be unique; make them unique (e.g. anndata's obs_names_make_unique()).");
        }
    }

    @Override
    public MatrixSummary summary() {
        return summary;
    }

    @Override
    public CellChunk read(long firstCell, int count) {
        if (closed) {
            throw new InvalidInputException("The reader of " + summary.source() + " is closed.");
        }
        int n = summary.cellCount();
        if (firstCell < 0 || firstCell >= n || count < 1) {
            throw new InvalidInputException("Cannot read " + count + " cells from cell " + firstCell + " of "
                + summary.source() + ": it has " + n + " cells (0.." + (n - 1) + ").");
        }
        int c = (int) Math.min(count, n - firstCell);
        try {
            CellChunk raw = rows.rows(firstCell, c);
            return clean(raw);
        } catch (EngineException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw OutOfMemory.of(summary.source(), e);
        } catch (RuntimeException e) {
            throw new InvalidInputException("Could not read cells " + firstCell + ".." + (firstCell + c - 1)
                + " of " + summary.matrix() + " in " + summary.source() + ": " + Printable.escape(e.toString(), 300)
                + ". The file may be corrupted.", e);
        }
    }

    private CellChunk clean(CellChunk raw) {
        int[] off = raw.offsets();
        int[] genes = raw.genes();
        float[] vals = raw.values();
        int nGenes = summary.geneCount();
        int count = raw.count();
        int[] outOff = new int[count + 1];
        int w = 0;
        for (int i = 0; i < count; i++) {
            long cell = raw.firstCell() + i;
            boolean firstVisit = !seen.get((int) cell);
            int from = off[i];
            int to = off[i + 1];
            if (from < 0 || to < from || to > genes.length) {
                throw new InvalidInputException("Inconsistent row offsets for cell " + cellLabel(cell) + " of "
                    + summary.matrix() + " in " + summary.source() + ".");
            }
            boolean sorted = true;
            for (int k = from; k < to; k++) {
                int g = genes[k];
                if (g < 0 || g >= nGenes) {
                    throw new InvalidInputException("Cell " + cellLabel(cell) + " of " + summary.matrix() + " in "
                        + summary.source() + " refers to gene index " + g + ", outside 0.." + (nGenes - 1)
                        + ": the matrix indices disagree with its shape; the file is corrupted.");
                }
                if (k > from && genes[k - 1] >= g) {
                    sorted = false;
                }
            }
            if (!sorted) {
                sortRun(genes, vals, from, to);
                for (int k = from + 1; k < to; k++) {
                    if (genes[k - 1] == genes[k]) {
                        throw new InvalidInputException("Cell " + cellLabel(cell) + " of " + summary.matrix()
                            + " in " + summary.source() + " stores gene " + geneLabel(genes[k])
                            + " twice; duplicate entries are not supported (sum them, e.g. scipy's "
                            + "sum_duplicates()).");
                    }
                }
            }
            for (int k = from; k < to; k++) {
                float v = vals[k];
                if (v == 0f) {
                    if (firstVisit && rows.sparse()) {
                        explicitZeros++;
                    }
                    continue;
                }
                if (!(v > 0f) || v == Float.POSITIVE_INFINITY) {
                    if (policy == InvalidValuePolicy.REJECT) {
                        throw new InvalidValueException("Invalid expression value " + v + " for cell "
                            + cellLabel(cell) + ", gene " + geneLabel(genes[k]) + " in " + summary.matrix() + " of "
                            + summary.source() + ": expression values must be finite and non-negative (negative values "
                            + "suggest scaled data, where the raw counts are needed).");
                    }
                    if (firstVisit) {
                        invalid++;
                    }
                }
                genes[w] = genes[k];
                vals[w] = v;
                w++;
            }
            outOff[i + 1] = w;
            seen.set((int) cell);
        }
        int[] g2 = w == genes.length ? genes : java.util.Arrays.copyOf(genes, w);
        float[] v2 = w == vals.length ? vals : java.util.Arrays.copyOf(vals, w);
        return new CellChunk(raw.firstCell(), outOff, g2, v2);
    }

    private static void sortRun(int[] genes, float[] vals, int from, int to) {
        int n = to - from;
        long[] packed = new long[n];
        for (int k = 0; k < n; k++) {
            packed[k] = ((long) genes[from + k] << 32) | (Float.floatToRawIntBits(vals[from + k]) & 0xffffffffL);
        }
        java.util.Arrays.sort(packed);
        for (int k = 0; k < n; k++) {
            genes[from + k] = (int) (packed[k] >>> 32);
            vals[from + k] = Float.intBitsToFloat((int) packed[k]);
        }
    }

    /** Where a cell sits in the file as stored: a row of an h5ad, a column of 10x files and genes x cells tables. */
    private String cellLabel(long cell) {
        return "'" + summary.cellIds()[(int) cell] + "' (" + (genesAreRows ? column(cell) : row(cell)) + ")";
    }

    private String geneLabel(int g) {
        return "'" + summary.geneSymbols()[g] + "' (" + (genesAreRows ? row(g) : column(g)) + ")";
    }

    private String row(long index) {
        return (summary.format() == MatrixFormat.DELIMITED ? "data row " : "row ") + (index + 1);
    }

    /** A table's first column holds the row IDs, so its matrix column k is the file's column k + 2. */
    private String column(long index) {
        return "column " + (index + (summary.format() == MatrixFormat.DELIMITED ? 2 : 1));
    }

    @Override
    public ReadReport report() {
        return new ReadReport(invalid, skippedFeatures, explicitZeros, cellsWithoutMetadata);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        rows.close();
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception ignored) {
                // closing a read-only resource: nothing to recover
            }
        }
    }

    /** A gene-major source transposed lazily on first read. */
    static final class LazySpill implements RowSource {
        private final int cells;
        private final RowSource.EntrySource source;
        private final String what;
        private SpillStore store;

        LazySpill(int cells, RowSource.EntrySource source, String what) {
            this.cells = cells;
            this.source = source;
            this.what = what;
        }

        @Override
        public CellChunk rows(long first, int count) {
            if (store == null) {
                store = SpillStore.build(cells, source, what);
            }
            return store.rows(first, count);
        }

        @Override
        public boolean sparse() {
            return true;
        }

        @Override
        public void close() {
            if (store != null) {
                store.close();
            }
        }
    }

    static Path fileOf(MatrixSummary s) {
        return s.source();
    }
}
