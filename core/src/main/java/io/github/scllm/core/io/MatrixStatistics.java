package io.github.scllm.core.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;

/**
 * Streams a matrix once and summarises it, for {@code scllm inspect}.
 *
 * @param format the format's lowercase id ({@link MatrixFormat#id()})
 * @param nCells number of cells
 * @param nGenes number of genes
 * @param nnz stored values: for sparse storage the entries the file stores, explicit zeros included (as scipy's
 *        {@code X.nnz}); for dense storage and delimited text the non-zero values (as {@code np.count_nonzero})
 * @param sum sum of all values
 * @param values what the values are, judged from all of them
 * @param obsColumns per obs column: its type and, for categoricals and strings, the number of categories
 */
public record MatrixStatistics(String format, int nCells, int nGenes, long nnz, double sum, ValueKind values,
    Map<String, ObsColumn> obsColumns) {

    /** Cells read per chunk. */
    public static final int CHUNK_CELLS = 4096;

    /**
     * @param type {@code categorical}, {@code string}, {@code integer}, {@code double} or {@code boolean}
     * @param nCategories number of categories (categoricals) or distinct values (strings); {@code null} otherwise
     */
    public record ObsColumn(String type, Integer nCategories) {
    }

    /**
     * Opens, streams and closes a matrix.
     *
     * @param path what to read
     * @param options how to read it
     * @return the statistics
     * @throws io.github.scllm.core.InvalidInputException for unreadable or inconsistent input
     * @throws io.github.scllm.core.UnsupportedFormatException for unsupported formats or encodings
     */
    public static MatrixStatistics of(Path path, ReadOptions options) {
        try (CellMatrixReader r = CellMatrixReaders.open(path, options)) {
            return of(r, CancellationToken.NONE, ProgressListener.NONE);
        }
    }

    /**
     * Streams an open reader from its first cell to its last.
     *
     * @param reader an open reader (not closed here)
     * @param cancel polled between chunks
     * @param progress receives the fraction of cells read
     * @return the statistics
     * @throws io.github.scllm.core.CancelledException when cancelled
     * @throws io.github.scllm.core.InvalidInputException for inconsistent data
     */
    public static MatrixStatistics of(CellMatrixReader reader, CancellationToken cancel, ProgressListener progress) {
        MatrixSummary s = reader.summary();
        long nz = 0;
        double sum = 0;
        ValueKindDetector kind = new ValueKindDetector();
        for (long c = 0; c < s.cellCount(); c += CHUNK_CELLS) {
            cancel.check();
            CellChunk chunk = reader.read(c, CHUNK_CELLS);
            float[] v = chunk.values();
            int n = chunk.offsets()[chunk.count()];
            nz += n;
            for (int k = 0; k < n; k++) {
                sum += v[k];
            }
            kind.add(chunk);
            progress.progress(Math.min(1.0, (c + chunk.count()) / (double) s.cellCount()), "Reading cells");
        }
        nz += reader.report().explicitZeros();
        Map<String, ObsColumn> cols = new LinkedHashMap<>();
        for (AnnotationColumn col : s.obs().columns()) {
            String type = col.categorical() ? "categorical" : col.type().name().toLowerCase(java.util.Locale.ROOT);
            Integer cats = col.type() == ColumnType.STRING ? col.categoryCount() : null;
            cols.put(col.name(), new ObsColumn(type, cats));
        }
        return new MatrixStatistics(s.format().id(), s.cellCount(), s.geneCount(), nz, sum, kind.kind(), cols);
    }
}
