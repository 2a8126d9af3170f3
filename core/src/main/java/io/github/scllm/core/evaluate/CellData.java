package io.github.scllm.core.evaluate;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.io.AnnotationColumn;
import io.github.scllm.core.io.CellChunk;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.MatrixSummary;
import io.github.scllm.core.refine.ExpressionRows;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Log-normalised expression (log1p of counts per 10,000) of a set of cells in compressed sparse rows, their gene
 * symbols and their labels. Holds the non-zero values of every cell in memory (an evaluation re-reads the cells once
 * per split and method), so it suits the tens of thousands of cells of a labelled reference, not whole atlases.
 *
 * <p>Genes are identified by symbol. {@link #concat} joins a reference and a query file into one gene space (the
 * union of their symbols); the expression methods use only the genes present in every joined file
 * ({@link #expressionGeneCount()}), while the description methods see every gene of each cell. Instances are
 * immutable.
 */
public final class CellData {
    private static final int CHUNK_CELLS = 2048;

    private final String[] cellIds;
    private final String[] symbols;
    /** Index of each gene among the expression genes, or -1 for a gene missing from one of the joined files. */
    private final int[] expressionIndex;
    private final int expressionGenes;
    private final int[] offsets;
    private final int[] genes;
    private final float[] values;
    private final String[] labels;

    private CellData(String[] cellIds, String[] symbols, int[] expressionIndex, int[] offsets, int[] genes,
            float[] values, String[] labels) {
        this.cellIds = cellIds;
        this.symbols = symbols;
        this.expressionIndex = expressionIndex;
        this.expressionGenes = (int) Arrays.stream(expressionIndex).filter(i -> i >= 0).count();
        this.offsets = offsets;
        this.genes = genes;
        this.values = values;
        this.labels = labels;
    }

    /**
     * Reads every cell of an open matrix.
     *
     * @param reader an open reader (not closed here)
     * @param labelColumn the per-cell annotation column holding the labels, or {@code null} for unlabelled cells
     * @param labelsRequired whether a missing label column is an error (otherwise the cells stay unlabelled)
     * @param scale what the stored values are
     * @param cancel polled once per chunk of cells
     * @param progress receives the fraction of cells read
     * @return the cells; missing label values become {@code null}
     * @throws InvalidInputException if the label column is required but absent (the message lists the columns), the
     *         file has no cells or genes, or a stored value is negative or not finite
     */
    public static CellData read(CellMatrixReader reader, String labelColumn, boolean labelsRequired,
            ExpressionScale scale, CancellationToken cancel, ProgressListener progress) {
        MatrixSummary s = reader.summary();
        if (s.cellCount() == 0 || s.geneCount() == 0) {
            throw new InvalidInputException(s.source() + " holds " + s.cellCount() + " cells and " + s.geneCount()
                    + " genes; an evaluation needs both.");
        }
        String[] labels = null;
        if (labelColumn != null) {
            AnnotationColumn column = s.obs().column(labelColumn).orElse(null);
            if (column == null && labelsRequired) {
                throw new InvalidInputException(s.source() + " has no per-cell column '" + labelColumn
                        + "'. Its columns: " + s.obs().columns().stream().map(AnnotationColumn::name).toList()
                        + ". Choose one with --label-column, or give a label table.");
            }
            if (column != null) {
                labels = new String[s.cellCount()];
                for (int i = 0; i < labels.length; i++) {
                    String t = column.text(i);
                    labels[i] = t == null || t.isBlank() ? null : t.trim();
                }
            }
        }
        int n = s.cellCount();
        int[] offsets = new int[n + 1];
        // a dense file reports every cell x gene as stored: start smaller and grow, zeros are dropped below
        int[] geneIdx = new int[(int) Math.max(16, Math.min(1 << 24, s.storedValues()))];
        float[] vals = new float[geneIdx.length];
        int nnz = 0;
        for (long c = 0; c < n; c += CHUNK_CELLS) {
            cancel.check();
            CellChunk chunk = reader.read(c, CHUNK_CELLS);
            float[] v = chunk.values();
            int[] g = chunk.genes();
            for (int i = 0; i < chunk.count(); i++) {
                int cell = (int) (c + i);
                int from = chunk.offsets()[i];
                int to = chunk.offsets()[i + 1];
                double total = 0;
                for (int k = from; k < to; k++) {
                    if (!(v[k] >= 0) || Float.isInfinite(v[k])) {
                        throw new InvalidInputException(s.source() + ": cell " + s.cellIds()[cell] + ", gene "
                                + s.geneSymbols()[g[k]] + " holds " + v[k] + "; expression must be non-negative "
                                + "counts or log-normalised values (read raw counts, e.g. --matrix raw).");
                    }
                    total += v[k];
                }
                if (nnz + (to - from) > geneIdx.length) {
                    int cap = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(2L * geneIdx.length, nnz + (to - from)));
                    geneIdx = Arrays.copyOf(geneIdx, cap);
                    vals = Arrays.copyOf(vals, cap);
                }
                for (int k = from; k < to; k++) {
                    if (v[k] == 0) {
                        continue;
                    }
                    geneIdx[nnz] = g[k];
                    vals[nnz] = scale == ExpressionScale.COUNTS ? (float) Math.log1p(v[k] * 10_000.0 / total) : v[k];
                    nnz++;
                }
                offsets[cell + 1] = nnz;
            }
            progress.progress((double) Math.min(n, c + chunk.count()) / n, "Read " + Math.min(n, c + chunk.count())
                    + " of " + n + " cells");
        }
        int[] all = new int[s.geneCount()];
        for (int j = 0; j < all.length; j++) {
            all[j] = j;
        }
        return new CellData(s.cellIds().clone(), s.geneSymbols().clone(), all, offsets, Arrays.copyOf(geneIdx, nnz),
                Arrays.copyOf(vals, nnz), labels);
    }

    /**
     * Builds cells from dense log-normalised rows (for tests and callers that hold small matrices).
     *
     * @param cellIds one unique ID per row
     * @param symbols one symbol per column
     * @param rows log-normalised values, non-negative, one array of {@code symbols.length} per cell
     * @param labels one label per cell ({@code null} entries are unlabelled), or {@code null} for none
     * @return the cells
     * @throws InvalidInputException if the lengths disagree or a value is negative or not finite
     */
    public static CellData of(String[] cellIds, String[] symbols, float[][] rows, String[] labels) {
        if (cellIds == null || symbols == null || rows == null || cellIds.length != rows.length || rows.length == 0
                || labels != null && labels.length != rows.length) {
            throw new InvalidInputException("Cell data: give one ID, one row and (if any) one label per cell.");
        }
        int[] offsets = new int[rows.length + 1];
        int nnz = 0;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != symbols.length) {
                throw new InvalidInputException("Cell data: row " + (i + 1) + " does not have " + symbols.length
                        + " values.");
            }
            for (float x : rows[i]) {
                if (!(x >= 0) || Float.isInfinite(x)) {
                    throw new InvalidInputException("Cell data: row " + (i + 1) + " holds " + x
                            + "; values must be non-negative and finite.");
                }
                nnz += x != 0 ? 1 : 0;
            }
            offsets[i + 1] = nnz;
        }
        int[] g = new int[nnz];
        float[] v = new float[nnz];
        int k = 0;
        for (float[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                if (row[j] != 0) {
                    g[k] = j;
                    v[k++] = row[j];
                }
            }
        }
        int[] all = new int[symbols.length];
        for (int j = 0; j < all.length; j++) {
            all[j] = j;
        }
        return new CellData(cellIds.clone(), symbols.clone(), all, offsets, g, v,
                labels == null ? null : labels.clone());
    }

    /**
     * Joins a reference and a query into one gene space: the reference's genes in their order, then the query's
     * genes the reference lacks. Symbols match case-insensitively; values of a symbol repeated within a file are
     * summed. Only the genes present in both files are expression genes.
     *
     * @param reference the first cells (rows {@code 0..reference.cellCount()-1} of the result)
     * @param query the following cells
     * @return the joined cells, labels kept where present
     * @throws InvalidInputException if the two files share no gene
     */
    public static CellData concat(CellData reference, CellData query) {
        Map<String, Integer> index = new LinkedHashMap<>();
        List<String> symbols = new java.util.ArrayList<>();
        int[] refMap = mapGenes(reference.symbols, index, symbols);
        int[] queryMap = mapGenes(query.symbols, index, symbols);
        boolean[] inRef = new boolean[symbols.size()];
        boolean[] inQuery = new boolean[symbols.size()];
        for (int j = 0; j < refMap.length; j++) {
            inRef[refMap[j]] |= reference.expressionIndex[j] >= 0;
        }
        for (int j = 0; j < queryMap.length; j++) {
            inQuery[queryMap[j]] |= query.expressionIndex[j] >= 0;
        }
        int[] expr = new int[symbols.size()];
        int e = 0;
        for (int g = 0; g < expr.length; g++) {
            expr[g] = inRef[g] && inQuery[g] ? e++ : -1;
        }
        if (e == 0) {
            throw new InvalidInputException("The reference and the query share no gene symbol; check that both use "
                    + "symbols of one organism (choose the symbol column with --gene-column).");
        }
        int n1 = reference.cellCount();
        int n = n1 + query.cellCount();
        int[] offsets = new int[n + 1];
        int[] g = new int[reference.genes.length + query.genes.length];
        float[] v = new float[g.length];
        int nnz = 0;
        for (int c = 0; c < n; c++) {
            CellData src = c < n1 ? reference : query;
            int[] map = c < n1 ? refMap : queryMap;
            int r = c < n1 ? c : c - n1;
            Map<Integer, Float> row = new java.util.TreeMap<>();
            for (int k = src.offsets[r]; k < src.offsets[r + 1]; k++) {
                row.merge(map[src.genes[k]], src.values[k], Float::sum);
            }
            for (Map.Entry<Integer, Float> en : row.entrySet()) {
                g[nnz] = en.getKey();
                v[nnz++] = en.getValue();
            }
            offsets[c + 1] = nnz;
        }
        String[] ids = new String[n];
        System.arraycopy(reference.cellIds, 0, ids, 0, n1);
        System.arraycopy(query.cellIds, 0, ids, n1, query.cellCount());
        String[] labels = null;
        if (reference.labels != null || query.labels != null) {
            labels = new String[n];
            if (reference.labels != null) {
                System.arraycopy(reference.labels, 0, labels, 0, n1);
            }
            if (query.labels != null) {
                System.arraycopy(query.labels, 0, labels, n1, query.cellCount());
            }
        }
        return new CellData(ids, symbols.toArray(String[]::new), expr, offsets, Arrays.copyOf(g, nnz),
                Arrays.copyOf(v, nnz), labels);
    }

    private static int[] mapGenes(String[] own, Map<String, Integer> index, List<String> symbols) {
        int[] map = new int[own.length];
        for (int j = 0; j < own.length; j++) {
            String key = own[j] == null ? "" : own[j].strip().toUpperCase(Locale.ROOT);
            Integer at = index.get(key);
            if (at == null) {
                at = symbols.size();
                index.put(key, at);
                symbols.add(own[j]);
            }
            map[j] = at;
        }
        return map;
    }

    /**
     * Replaces the labels by those of a table keyed by cell ID.
     *
     * @param byCellId label per cell ID; cells absent from the map become unlabelled
     * @param source the table's name, for the message
     * @return a copy with the new labels
     * @throws InvalidInputException if no cell ID of this data occurs in the table
     */
    public CellData withLabels(Map<String, String> byCellId, String source) {
        String[] out = new String[cellIds.length];
        int found = 0;
        for (int i = 0; i < out.length; i++) {
            String l = byCellId.get(cellIds[i]);
            out[i] = l == null || l.isBlank() ? null : l.trim();
            found += l != null ? 1 : 0;
        }
        if (found == 0) {
            throw new InvalidInputException("None of the " + cellIds.length + " cell IDs (e.g. '" + cellIds[0]
                    + "') occurs in the first column of " + source + "; the label table must be keyed by cell ID.");
        }
        return new CellData(cellIds, symbols, expressionIndex, offsets, genes, values, out);
    }

    /**
     * Replaces the labels (for tests of leakage: scrambled test labels must change nothing that is fitted).
     *
     * @param newLabels one label or {@code null} per cell
     * @return a copy with the new labels
     * @throws InvalidInputException if the length differs from the cell count
     */
    public CellData withLabels(String[] newLabels) {
        if (newLabels == null || newLabels.length != cellIds.length) {
            throw new InvalidInputException("Cell data: give one label per cell (" + cellIds.length + ").");
        }
        return new CellData(cellIds, symbols, expressionIndex, offsets, genes, values, newLabels.clone());
    }

    /** @return number of cells */
    public int cellCount() {
        return cellIds.length;
    }

    /** @return number of genes (all symbols of the joined files) */
    public int geneCount() {
        return symbols.length;
    }

    /** @return number of genes the expression methods use (those present in every joined file) */
    public int expressionGeneCount() {
        return expressionGenes;
    }

    /** @return the cell IDs (copy) */
    public String[] cellIds() {
        return cellIds.clone();
    }

    /** @return the gene symbols (copy) */
    public String[] symbols() {
        return symbols.clone();
    }

    /** @return whether the cells carry labels at all */
    public boolean hasLabels() {
        return labels != null;
    }

    /** @return the label of each cell, {@code null} where missing (copy; all null when the data has no labels) */
    public String[] labels() {
        return labels == null ? new String[cellIds.length] : labels.clone();
    }

    /** Offsets into the packed arrays, for the classes of this package. */
    int from(int cell) {
        return offsets[cell];
    }

    int to(int cell) {
        return offsets[cell + 1];
    }

    int[] packedGenes() {
        return genes;
    }

    float[] packedValues() {
        return values;
    }

    /**
     * The expression genes of some cells as rows for the expression PCA and classifiers.
     *
     * @param cells 0-based cell indices, in the order of the rows
     * @return a view (not a copy) over the expression genes
     */
    public ExpressionRows expressionRows(int[] cells) {
        int[] rows = cells.clone();
        return new ExpressionRows() {
            @Override
            public int rowCount() {
                return rows.length;
            }

            @Override
            public int geneCount() {
                return expressionGenes;
            }

            @Override
            public void copyRow(int row, float[] target) {
                Arrays.fill(target, 0, expressionGenes, 0f);
                int c = rows[row];
                for (int k = offsets[c]; k < offsets[c + 1]; k++) {
                    int e = expressionIndex[genes[k]];
                    if (e >= 0) {
                        target[e] = values[k];
                    }
                }
            }
        };
    }
}
