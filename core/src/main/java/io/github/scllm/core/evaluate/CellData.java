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
 * Log-normalised expression (log1p of counts per 10,000) of a set of cells, one sparse row per cell, their gene
 * symbols and their labels. Holds the non-zero values of every cell in memory (an evaluation re-reads the cells once
 * per split and method), so it suits a labelled reference; query cells stream through {@link QueryCells} instead.
 * Each cell has its own arrays, so no index runs over all non-zero values and the cell count alone bounds the size.
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
    /** Per cell, its genes in ascending order. */
    private final int[][] genes;
    /** Per cell, the log-normalised value of each of its genes (none is zero). */
    private final float[][] values;
    private final String[] labels;

    private CellData(String[] cellIds, String[] symbols, int[] expressionIndex, int[][] genes, float[][] values,
            String[] labels) {
        this.cellIds = cellIds;
        this.symbols = symbols;
        this.expressionIndex = expressionIndex;
        this.expressionGenes = (int) Arrays.stream(expressionIndex).filter(i -> i >= 0).count();
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
        int[][] genes = new int[n][];
        float[][] values = new float[n][];
        for (long c = 0; c < n; c += CHUNK_CELLS) {
            cancel.check();
            CellChunk chunk = reader.read(c, CHUNK_CELLS);
            for (int i = 0; i < chunk.count(); i++) {
                int cell = (int) (c + i);
                int from = chunk.offsets()[i];
                values[cell] = logNormalised(chunk, i, scale, s);
                genes[cell] = new int[values[cell].length];
                int at = 0;
                for (int k = from; k < chunk.offsets()[i + 1]; k++) {
                    if (chunk.values()[k] != 0) {
                        genes[cell][at++] = chunk.genes()[k];
                    }
                }
            }
            progress.progress((double) Math.min(n, c + chunk.count()) / n, "Read " + Math.min(n, c + chunk.count())
                    + " of " + n + " cells");
        }
        return new CellData(s.cellIds().clone(), s.geneSymbols().clone(), identity(s.geneCount()), genes, values,
                labels);
    }

    /**
     * One cell of a chunk, log-normalised: its non-zero values in stored order, counts turned into log1p of counts per
     * 10,000 of the cell's total over every gene of the file.
     *
     * @throws InvalidInputException if a value is negative or not finite; the message names the cell and gene
     */
    static float[] logNormalised(CellChunk chunk, int i, ExpressionScale scale, MatrixSummary s) {
        int from = chunk.offsets()[i];
        int to = chunk.offsets()[i + 1];
        float[] v = chunk.values();
        double total = 0;
        int nonZero = 0;
        for (int k = from; k < to; k++) {
            if (!(v[k] >= 0) || Float.isInfinite(v[k])) {
                throw new InvalidInputException(s.source() + ": cell " + s.cellIds()[(int) chunk.firstCell() + i]
                        + ", gene " + s.geneSymbols()[chunk.genes()[k]] + " holds " + v[k] + "; expression must be "
                        + "non-negative counts or log-normalised values (read raw counts, e.g. --matrix raw).");
            }
            total += v[k];
            nonZero += v[k] != 0 ? 1 : 0;
        }
        float[] out = new float[nonZero];
        int at = 0;
        for (int k = from; k < to; k++) {
            if (v[k] != 0) {
                out[at++] = scale == ExpressionScale.COUNTS ? (float) Math.log1p(v[k] * 10_000.0 / total) : v[k];
            }
        }
        return out;
    }

    private static int[] identity(int n) {
        int[] all = new int[n];
        for (int j = 0; j < n; j++) {
            all[j] = j;
        }
        return all;
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
        int[][] genes = new int[rows.length][];
        float[][] values = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != symbols.length) {
                throw new InvalidInputException("Cell data: row " + (i + 1) + " does not have " + symbols.length
                        + " values.");
            }
            int nonZero = 0;
            for (float x : rows[i]) {
                if (!(x >= 0) || Float.isInfinite(x)) {
                    throw new InvalidInputException("Cell data: row " + (i + 1) + " holds " + x
                            + "; values must be non-negative and finite.");
                }
                nonZero += x != 0 ? 1 : 0;
            }
            genes[i] = new int[nonZero];
            values[i] = new float[nonZero];
            int k = 0;
            for (int j = 0; j < rows[i].length; j++) {
                if (rows[i][j] != 0) {
                    genes[i][k] = j;
                    values[i][k++] = rows[i][j];
                }
            }
        }
        return new CellData(cellIds.clone(), symbols.clone(), identity(symbols.length), genes, values,
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
        int[][] g = new int[n][];
        float[][] v = new float[n][];
        GeneMerger merger = new GeneMerger(symbols.size());
        for (int c = 0; c < n; c++) {
            CellData src = c < n1 ? reference : query;
            int r = c < n1 ? c : c - n1;
            merger.merge(src.genes[r], src.values[r], c < n1 ? refMap : queryMap);
            g[c] = merger.genes();
            v[c] = merger.values();
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
        return new CellData(ids, symbols.toArray(String[]::new), expr, g, v, labels);
    }

    /**
     * These cells in the gene space they would share with a query of the given genes (see {@link #concat}): the
     * genes of both, the expression genes those present in both. Passing this data's own symbols merges repeated
     * symbols and keeps every gene an expression gene.
     *
     * @param querySymbols the gene symbols of the query file, in its order
     * @return the same cells and labels in the joined gene space
     * @throws InvalidInputException if the query shares no gene with these cells
     */
    public CellData withGenesOf(String[] querySymbols) {
        CellData noCells = new CellData(new String[0], querySymbols.clone(), identity(querySymbols.length),
                new int[0][], new float[0][], null);
        return concat(this, noCells);
    }

    /** The key under which a symbol matches across files: case-insensitive, surrounding blanks ignored. */
    static String geneKey(String symbol) {
        return symbol == null ? "" : symbol.strip().toUpperCase(Locale.ROOT);
    }

    private static int[] mapGenes(String[] own, Map<String, Integer> index, List<String> symbols) {
        int[] map = new int[own.length];
        for (int j = 0; j < own.length; j++) {
            String key = geneKey(own[j]);
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
        return new CellData(cellIds, symbols, expressionIndex, genes, values, out);
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
        return new CellData(cellIds, symbols, expressionIndex, genes, values, newLabels.clone());
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

    /** @return per gene, its index among the expression genes or -1 (not copied; for the classes of this package) */
    int[] expressionIndex() {
        return expressionIndex;
    }

    /**
     * Some cells as a batch for a {@link FittedMethod} fitted on this data (the rows are shared, not copied).
     *
     * @param cells 0-based cell indices, in the order of the batch
     * @return the batch, with labels where the cells have them
     */
    public CellBatch batch(int[] cells) {
        int[][] g = new int[cells.length][];
        float[][] v = new float[cells.length][];
        String[] ids = new String[cells.length];
        String[] l = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            g[i] = genes[cells[i]];
            v[i] = values[cells[i]];
            ids[i] = cellIds[cells[i]];
            l[i] = labels == null ? null : labels[cells[i]];
        }
        return new CellBatch(ids, l, g, v);
    }

    /**
     * The expression genes of some cells as rows for the expression PCA and classifiers.
     *
     * @param cells 0-based cell indices, in the order of the rows
     * @return a view (not a copy) over the expression genes
     */
    public ExpressionRows expressionRows(int[] cells) {
        return batch(cells).expressionRows(expressionIndex, expressionGenes);
    }
}
