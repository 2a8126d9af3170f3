package io.github.scllm.core.evaluate;

import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.io.AnnotationColumn;
import io.github.scllm.core.io.CellChunk;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.MatrixSummary;
import java.util.HashMap;
import java.util.Map;

/**
 * The cells of a query file read in batches in the gene space of a {@link FittedMethod}: each cell log-normalised
 * within its own file (as {@link CellData#read} does), its genes matched to the model's by symbol (case-insensitive;
 * values of a symbol repeated in the file summed), genes the model does not know dropped. Only one batch is held at a
 * time besides the reader's per-cell IDs and annotation. Not thread-safe (one reader).
 */
public final class QueryCells {
    private final CellMatrixReader reader;
    private final MatrixSummary summary;
    private final ExpressionScale scale;
    private final AnnotationColumn labels;
    private final int[] toModel;
    private final int unmatchedGenes;
    private final int missingExpressionGenes;
    private final GeneMerger merger;

    /**
     * @param reader an open query reader (not closed here)
     * @param model the fitted method whose gene space the batches use
     * @param labelColumn the per-cell column of known labels (for scoring), or {@code null}; a file without it is
     *        unlabelled
     * @param scale what the stored values are
     * @throws InvalidInputException if the query shares no gene with the model
     */
    public QueryCells(CellMatrixReader reader, FittedMethod model, String labelColumn, ExpressionScale scale) {
        this.reader = reader;
        this.summary = reader.summary();
        this.scale = scale;
        this.labels = labelColumn == null ? null : summary.obs().column(labelColumn).orElse(null);
        String[] modelSymbols = model.symbols();
        Map<String, Integer> index = new HashMap<>();
        for (int g = 0; g < modelSymbols.length; g++) {
            index.putIfAbsent(CellData.geneKey(modelSymbols[g]), g);
        }
        String[] own = summary.geneSymbols();
        toModel = new int[own.length];
        boolean[] present = new boolean[modelSymbols.length];
        int unmatched = 0;
        for (int j = 0; j < own.length; j++) {
            Integer g = index.get(CellData.geneKey(own[j]));
            toModel[j] = g == null ? -1 : g;
            unmatched += g == null ? 1 : 0;
            if (g != null) {
                present[g] = true;
            }
        }
        if (unmatched == own.length) {
            throw new InvalidInputException(summary.source() + " shares no gene symbol with the fitted model (e.g. "
                    + (own.length > 0 ? "'" + own[0] + "'" : "no genes") + " vs '" + modelSymbols[0] + "'); check the "
                    + "organism and choose the symbol column with --gene-column.");
        }
        int missing = 0;
        for (int g = 0; g < modelSymbols.length; g++) {
            missing += model.isExpressionGene(g) && !present[g] ? 1 : 0;
        }
        this.unmatchedGenes = unmatched;
        this.missingExpressionGenes = missing;
        this.merger = new GeneMerger(modelSymbols.length);
    }

    /** @return number of cells of the query */
    public int cellCount() {
        return summary.cellCount();
    }

    /** @return whether the query carries the label column */
    public boolean hasLabels() {
        return labels != null;
    }

    /** @return genes of the query the model does not know (they are ignored) */
    public int unmatchedGenes() {
        return unmatchedGenes;
    }

    /** @return expression genes of the model the query lacks (they count as zero) */
    public int missingExpressionGenes() {
        return missingExpressionGenes;
    }

    /**
     * Reads a batch.
     *
     * @param firstCell 0-based index of its first cell
     * @param count cells, clipped at the end of the file
     * @return the cells in the model's gene space
     * @throws InvalidInputException if a value is negative or not finite (the message names the cell and gene)
     */
    public CellBatch read(long firstCell, int count) {
        CellChunk chunk = reader.read(firstCell, count);
        int n = chunk.count();
        String[] ids = summary.cellIds();
        String[] batchIds = new String[n];
        String[] batchLabels = new String[n];
        int[][] genes = new int[n][];
        float[][] values = new float[n][];
        for (int i = 0; i < n; i++) {
            int cell = (int) (firstCell + i);
            batchIds[i] = ids[cell];
            if (labels != null) {
                String t = labels.text(cell);
                batchLabels[i] = t == null || t.isBlank() ? null : t.trim();
            }
            float[] normalised = CellData.logNormalised(chunk, i, scale, summary);
            int[] nonZero = new int[normalised.length];
            int at = 0;
            for (int k = chunk.offsets()[i]; k < chunk.offsets()[i + 1]; k++) {
                if (chunk.values()[k] != 0) {
                    nonZero[at++] = chunk.genes()[k];
                }
            }
            merger.merge(nonZero, normalised, toModel);
            genes[i] = merger.genes();
            values[i] = merger.values();
        }
        return new CellBatch(batchIds, batchLabels, genes, values);
    }
}
