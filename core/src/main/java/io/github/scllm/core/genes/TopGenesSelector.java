package io.github.scllm.core.genes;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.io.CellChunk;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks each cell's top genes: the {@link TopGenesOptions#topN()} largest non-zero values among the genes that are
 * neither excluded nor outside the highly-variable set, ties broken by lower gene index. Uses a bounded heap, so a
 * cell costs O(nnz + N log N) and allocates nothing but its result. Reusable across cells and chunks; not
 * thread-safe (use one selector per thread).
 *
 * <p>Ranking is done on the stored values: every {@link Normalization} is strictly increasing within a cell, so the
 * order is the same as on normalised values, which are computed for the reported weights only.
 */
public final class TopGenesSelector {
    private final TopGenesOptions options;
    private final String[] symbols;
    /** true for genes that may be reported */
    private final boolean[] allowed;
    private final int[] heap;
    private final int[] heapGene;
    private final float[] heapValue;

    /**
     * A selector without highly-variable-gene restriction.
     *
     * @param options settings; {@code highlyVariableGenes()} must be 0
     * @param symbols gene symbols in matrix order
     * @throws InvalidInputException if options ask for highly variable genes (use the other constructor)
     */
    public TopGenesSelector(TopGenesOptions options, String[] symbols) {
        this(options, symbols, null);
    }

    /**
     * A selector, restricted to highly variable genes when the options ask for it.
     *
     * @param options settings
     * @param symbols gene symbols in matrix order
     * @param hvg statistics of a first pass over all cells; required when {@code options.highlyVariableGenes() > 0},
     *        ignored otherwise; its gene count must equal {@code symbols.length}
     * @throws InvalidInputException if the HVG statistics are missing or do not match the gene list
     */
    public TopGenesSelector(TopGenesOptions options, String[] symbols, HighlyVariableGenes hvg) {
        if (options == null || symbols == null) {
            throw new InvalidInputException("Top genes need options and the gene symbols of the matrix.");
        }
        this.options = options;
        this.symbols = symbols.clone();
        boolean[] excluded = options.exclusionMask(symbols);
        allowed = new boolean[symbols.length];
        if (options.highlyVariableGenes() > 0) {
            if (hvg == null) {
                throw new InvalidInputException("Top genes restricted to " + options.highlyVariableGenes()
                    + " highly variable genes need a first pass over all cells; none was given.");
            }
            if (hvg.geneCount() != symbols.length) {
                throw new InvalidInputException("Highly variable gene statistics cover " + hvg.geneCount()
                    + " genes but the matrix has " + symbols.length + "; compute them on the same matrix.");
            }
            boolean[] chosen = hvg.select(options.highlyVariableGenes(), options.hvgFlavor(), excluded);
            System.arraycopy(chosen, 0, allowed, 0, chosen.length);
        } else {
            for (int g = 0; g < symbols.length; g++) {
                allowed[g] = !excluded[g];
            }
        }
        heap = new int[options.topN()];
        heapGene = new int[options.topN()];
        heapValue = new float[options.topN()];
    }

    /** @return the options of this selector */
    public TopGenesOptions options() {
        return options;
    }

    /** @return whether gene {@code g} can be reported at all (not excluded, and highly variable if so restricted) */
    public boolean isAllowed(int g) {
        return allowed[g];
    }

    /**
     * Top genes of cell {@code i} of a chunk, normalised with the sum of all the cell's stored values (all genes,
     * excluded ones included, as scanpy's normalize_total).
     *
     * @param chunk cells in CSR form
     * @param i cell position within the chunk
     * @return the cell's top genes
     * @throws InvalidInputException see {@link #select(long, int[], float[], int, int, double)}
     */
    public TopGenes select(CellChunk chunk, int i) {
        int from = chunk.offsets()[i];
        int to = chunk.offsets()[i + 1];
        double total = 0;
        float[] v = chunk.values();
        for (int k = from; k < to; k++) {
            total += v[k];
        }
        return select(chunk.firstCell() + i, chunk.genes(), v, from, to, total);
    }

    /**
     * Top genes of every cell of a chunk, in order.
     *
     * @param chunk cells in CSR form
     * @param cancel polled once per cell
     * @return one result per cell
     * @throws InvalidInputException see {@link #select(long, int[], float[], int, int, double)}
     * @throws io.github.scllm.core.CancelledException if cancelled
     */
    public List<TopGenes> selectAll(CellChunk chunk, CancellationToken cancel) {
        List<TopGenes> out = new ArrayList<>(chunk.count());
        for (int i = 0; i < chunk.count(); i++) {
            cancel.check();
            out.add(select(chunk, i));
        }
        return out;
    }

    /**
     * Top genes of one cell given as the slice {@code [from, to)} of parallel arrays.
     *
     * @param cell index of the cell, reported in the result and in messages
     * @param genes gene indices (ascending within the slice, as in CSR; not required for correctness)
     * @param values values; zeros and NaN are never reported; with a normalisation they must be non-negative
     * @param from first position of the cell
     * @param to one past its last position
     * @param total the cell's total for normalisation (ignored for {@link Normalization#NONE}); must be positive when
     *        the cell has a non-zero value and a normalisation is chosen
     * @return the top genes, highest value first
     * @throws InvalidInputException if a gene index is outside the gene list, a value is negative under a
     *         normalisation, or the total is not positive
     */
    public TopGenes select(long cell, int[] genes, float[] values, int from, int to, double total) {
        Normalization norm = options.normalization();
        int n = 0;
        int cap = heap.length;
        for (int k = from; k < to; k++) {
            int g = genes[k];
            float x = values[k];
            if (g < 0 || g >= allowed.length) {
                throw new InvalidInputException("Cell " + cell + " has gene index " + g + ", outside the "
                    + allowed.length + " genes of the gene list; the matrix and its gene list do not match.");
            }
            if (x == 0 || Float.isNaN(x) || !allowed[g]) {
                continue;
            }
            if (norm.needsTotal() && x < 0) {
                throw new InvalidInputException("Cell " + cell + ", gene " + symbols[g] + " (index " + g + ") has value "
                    + x + "; counts per 10k need non-negative counts. Choose normalisation 'none' for scaled data.");
            }
            if (n < cap) {
                heapGene[n] = g;
                heapValue[n] = x;
                heap[n] = n;
                siftUp(n);
                n++;
            } else if (better(x, g, heapValue[heap[0]], heapGene[heap[0]])) {
                int slot = heap[0];
                heapGene[slot] = g;
                heapValue[slot] = x;
                siftDown(0, n);
            }
        }
        if (n > 0 && norm.needsTotal() && !(total > 0)) {
            throw new InvalidInputException("Cell " + cell + " has total " + total
                + "; counts per 10k need a positive total. Check the total column or choose normalisation 'none'.");
        }
        // heap sort in place: repeatedly move the worst to the end, leaving best first
        for (int size = n - 1; size > 0; size--) {
            int t = heap[0];
            heap[0] = heap[size];
            heap[size] = t;
            siftDown(0, size);
        }
        int[] outGenes = new int[n];
        String[] outSymbols = new String[n];
        float[] outWeights = new float[n];
        for (int r = 0; r < n; r++) {
            int slot = heap[r];
            outGenes[r] = heapGene[slot];
            outSymbols[r] = symbols[heapGene[slot]];
            outWeights[r] = (float) norm.apply(heapValue[slot], total);
        }
        return new TopGenes(cell, outGenes, outSymbols, outWeights);
    }

    /** Whether (value a, gene ga) ranks above (value b, gene gb): larger value, then lower gene index. */
    private static boolean better(float a, int ga, float b, int gb) {
        return a > b || (a == b && ga < gb);
    }

    /** Min-heap by rank: the root is the worst of the kept genes. */
    private boolean worse(int slotA, int slotB) {
        return better(heapValue[slotB], heapGene[slotB], heapValue[slotA], heapGene[slotA]);
    }

    private void siftUp(int pos) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!worse(heap[pos], heap[parent])) {
                return;
            }
            int t = heap[pos];
            heap[pos] = heap[parent];
            heap[parent] = t;
            pos = parent;
        }
    }

    private void siftDown(int pos, int size) {
        while (true) {
            int l = 2 * pos + 1;
            if (l >= size) {
                return;
            }
            int w = l;
            if (l + 1 < size && worse(heap[l + 1], heap[l])) {
                w = l + 1;
            }
            if (!worse(heap[w], heap[pos])) {
                return;
            }
            int t = heap[pos];
            heap[pos] = heap[w];
            heap[w] = t;
            pos = w;
        }
    }
}
