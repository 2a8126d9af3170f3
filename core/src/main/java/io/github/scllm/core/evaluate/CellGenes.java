package io.github.scllm.core.evaluate;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.embed.CellEmbedder;
import io.github.scllm.core.genes.TopGenes;
import io.github.scllm.core.genes.TopGenesOptions;
import io.github.scllm.core.genes.TopGenesSelector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Each cell's top genes by log-normalised value (zeros dropped, ties to the lower gene index), with those values as
 * weights: the input of the GenePT-w cell embedding. Labels play no part, so one instance serves every split.
 */
public final class CellGenes {
    private final int topN;
    private final String[][] symbols;
    private final float[][] weights;

    private CellGenes(int topN, String[][] symbols, float[][] weights) {
        this.topN = topN;
        this.symbols = symbols;
        this.weights = weights;
    }

    /**
     * Selects the top genes of every cell.
     *
     * @param cells the cells
     * @param topN genes per cell, at least 1 (the method uses 20)
     * @param cancel polled every 1,024 cells
     * @return the top genes
     * @throws InvalidInputException if {@code topN} is below 1
     */
    public static CellGenes select(CellData cells, int topN, CancellationToken cancel) {
        TopGenesSelector selector = selector(cells.symbols(), topN);
        int n = cells.cellCount();
        int[] every = new int[n];
        for (int c = 0; c < n; c++) {
            every[c] = c;
        }
        CellBatch all = cells.batch(every);
        String[][] symbols = new String[n][];
        float[][] weights = new float[n][];
        for (int c = 0; c < n; c++) {
            if ((c & 1023) == 0) {
                cancel.check();
            }
            TopGenes t = select(selector, all, c);
            symbols[c] = t.symbols();
            weights[c] = t.weights();
        }
        return new CellGenes(topN, symbols, weights);
    }

    /** @return a selector of the {@code topN} highest log-normalised values among genes of these symbols */
    static TopGenesSelector selector(String[] symbols, int topN) {
        return new TopGenesSelector(TopGenesOptions.DEFAULTS.withTopN(topN), symbols);
    }

    /** @return cell {@code i}'s top genes, highest value first, ties to the lower gene index */
    static TopGenes select(TopGenesSelector selector, CellBatch batch, int i) {
        return selector.select(i, batch.genes(i), batch.values(i), 0, batch.genes(i).length, 0);
    }

    /** @return the number of top genes selected per cell */
    public int topN() {
        return topN;
    }

    /** @return number of cells */
    public int cellCount() {
        return symbols.length;
    }

    /** @return cell {@code c}'s top gene symbols, most expressed first (copy) */
    public String[] symbols(int c) {
        return symbols[c].clone();
    }

    /** @return the distinct symbols among all cells' top genes, in order of first appearance */
    public List<String> distinctSymbols() {
        Set<String> out = new LinkedHashSet<>();
        for (String[] s : symbols) {
            for (String g : s) {
                out.add(g);
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * GenePT-w embeddings of some cells: the weighted mean of their top genes' vectors over the genes that have one.
     * A cell none of whose top genes has a vector gets a zero vector (it is then equally far from every cell).
     *
     * @param cells 0-based cell indices
     * @param vectors the gene vectors
     * @return one vector of {@link GeneVectors#dimension()} per cell
     */
    public float[][] embed(int[] cells, GeneVectors vectors) {
        CellEmbedder embedder = vectors.cellEmbedder();
        float[][] out = new float[cells.length][];
        for (int i = 0; i < cells.length; i++) {
            float[] v = embedder.embed(symbols[cells[i]], weights[cells[i]]);
            out[i] = v != null ? v : new float[vectors.dimension()];
        }
        return out;
    }

    /**
     * @param cells 0-based cell indices
     * @param vectors the gene vectors
     * @return how many of these cells have no top gene with a vector
     */
    public int cellsWithoutVector(int[] cells, GeneVectors vectors) {
        int missing = 0;
        for (int c : cells) {
            boolean any = false;
            for (String g : symbols[c]) {
                any |= vectors.has(g);
            }
            missing += any ? 0 : 1;
        }
        return missing;
    }
}
