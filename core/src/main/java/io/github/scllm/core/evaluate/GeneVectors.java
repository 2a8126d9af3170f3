package io.github.scllm.core.evaluate;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.embed.CellEmbedder;
import io.github.scllm.core.embed.TextEmbedder;
import io.github.scllm.core.genes.GeneDescription;
import io.github.scllm.core.genes.LookupResult;
import io.github.scllm.core.genes.LookupStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One unit-length vector per gene symbol: the embedding of the gene's text, or (for the control) a seeded random
 * direction. Genes whose text is only a fallback sentence get the embedding of that sentence; genes unknown to every
 * description source get no vector and are skipped by the cell embedding. Immutable.
 */
public final class GeneVectors {
    private final Map<String, float[]> bySymbol;
    private final int dimension;
    private final int described;
    private final int withoutText;
    private final int distinctTexts;
    private CellEmbedder cellEmbedder;

    private GeneVectors(Map<String, float[]> bySymbol, int dimension, int described, int withoutText,
            int distinctTexts) {
        this.bySymbol = Collections.unmodifiableMap(bySymbol);
        this.dimension = dimension;
        this.described = described;
        this.withoutText = withoutText;
        this.distinctTexts = distinctTexts;
    }

    /**
     * Embeds the texts of looked-up genes, each distinct text once.
     *
     * @param lookup the descriptions of the genes (e.g. of {@link CellGenes#distinctSymbols()})
     * @param embedder the text embedding model
     * @param cancel passed to the embedder
     * @param progress receives the fraction of texts embedded
     * @return the vectors, L2-normalised, keyed by the symbol as asked
     * @throws InvalidInputException if no gene has a text to embed, or the embedder returns vectors of unequal or
     *         zero length or not one per text
     * @throws io.github.scllm.core.EngineException as thrown by the embedder
     */
    public static GeneVectors embed(LookupResult lookup, TextEmbedder embedder, CancellationToken cancel,
            ProgressListener progress) {
        Map<String, Integer> textIndex = new LinkedHashMap<>();
        Map<String, Integer> symbolText = new LinkedHashMap<>();
        int described = 0;
        int withoutText = 0;
        for (GeneDescription g : lookup.genes()) {
            boolean known = g.summary() != null
                    || g.status() != LookupStatus.NOT_FOUND && g.status() != LookupStatus.AMBIGUOUS;
            if (!known || g.text() == null || g.text().isBlank()) {
                withoutText++;
                continue;
            }
            described += g.summary() != null ? 1 : 0;
            Integer t = textIndex.computeIfAbsent(g.text(), k -> textIndex.size());
            symbolText.put(g.query(), t);
        }
        if (textIndex.isEmpty()) {
            throw new InvalidInputException("None of the " + lookup.genes().size() + " genes has a description or a "
                    + "full name in the description files; check the files and the organism.");
        }
        List<String> texts = new ArrayList<>(textIndex.keySet());
        float[][] vectors = embedder.embed(texts, cancel, progress);
        if (vectors == null || vectors.length != texts.size()) {
            throw new InvalidInputException("The embedding model " + embedder.identity() + " returned "
                    + (vectors == null ? "nothing" : vectors.length + " vectors") + " for " + texts.size() + " texts.");
        }
        int dim = -1;
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i] == null || vectors[i].length == 0 || dim >= 0 && vectors[i].length != dim) {
                throw new InvalidInputException("The embedding model " + embedder.identity() + " returned a vector of "
                        + (vectors[i] == null ? 0 : vectors[i].length) + " dimensions for text " + (i + 1)
                        + "; all vectors must have one non-zero length.");
            }
            dim = vectors[i].length;
        }
        Map<String, float[]> bySymbol = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : symbolText.entrySet()) {
            bySymbol.put(e.getKey(), unit(vectors[e.getValue()]));
        }
        return new GeneVectors(bySymbol, dim, described, withoutText, texts.size());
    }

    /**
     * Gene vectors given directly (e.g. from a table of precomputed embeddings).
     *
     * @param bySymbol symbol to vector, all of one non-zero length; vectors are L2-normalised here
     * @return the vectors
     * @throws InvalidInputException if the map is empty or the lengths differ
     */
    public static GeneVectors of(Map<String, float[]> bySymbol) {
        if (bySymbol == null || bySymbol.isEmpty()) {
            throw new InvalidInputException("No gene vectors given.");
        }
        int dim = -1;
        Map<String, float[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : bySymbol.entrySet()) {
            float[] v = e.getValue();
            if (v == null || v.length == 0 || dim >= 0 && v.length != dim) {
                throw new InvalidInputException("Gene '" + e.getKey() + "' has a vector of another length than the "
                        + "others; use one embedding model for all genes.");
            }
            dim = v.length;
            copy.put(e.getKey(), unit(v));
        }
        return new GeneVectors(copy, dim, copy.size(), 0, copy.size());
    }

    /** Vectors read back from a fitted model: kept exactly as stored (already unit length). */
    static GeneVectors stored(Map<String, float[]> bySymbol, int dimension) {
        return new GeneVectors(new LinkedHashMap<>(bySymbol), dimension, bySymbol.size(), 0, 0);
    }

    /** @return every symbol's vector, in insertion order (not copied; for writing a fitted model) */
    Map<String, float[]> bySymbol() {
        return bySymbol;
    }

    /**
     * The control: the same genes, each with a random direction (a standard Gaussian vector scaled to unit length)
     * drawn from the seed and the upper-cased symbol, so a gene's vector does not depend on which other genes exist.
     *
     * @param seed the seed
     * @return vectors of the same genes and dimension
     */
    public GeneVectors randomControl(long seed) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String symbol : bySymbol.keySet()) {
            long mixed = seed * 0x9E3779B97F4A7C15L ^ symbol.strip().toUpperCase(Locale.ROOT).hashCode();
            SplittableRandom rnd = new SplittableRandom(mixed);
            float[] v = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                v[d] = (float) gaussian(rnd);
            }
            out.put(symbol, unit(v));
        }
        return new GeneVectors(out, dimension, described, withoutText, 0);
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static float[] unit(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        float[] out = v.clone();
        if (s > 0) {
            float inv = (float) (1 / Math.sqrt(s));
            for (int d = 0; d < out.length; d++) {
                out[d] *= inv;
            }
        }
        return out;
    }

    /** @return the vector length */
    public int dimension() {
        return dimension;
    }

    /** @return number of genes with a vector */
    public int size() {
        return bySymbol.size();
    }

    /** @return genes whose text is a real description (not a fallback) */
    public int described() {
        return described;
    }

    /** @return genes asked for that got no vector (unknown to every source) */
    public int withoutText() {
        return withoutText;
    }

    /** @return distinct texts sent to the embedding model (0 for the random control) */
    public int distinctTexts() {
        return distinctTexts;
    }

    /** @return whether the symbol (case-insensitive) has a vector */
    public boolean has(String symbol) {
        return cellEmbedder().hasGene(symbol);
    }

    /** @return the vector of a symbol as stored (case-sensitive key), or {@code null} (copy) */
    public float[] vector(String symbol) {
        float[] v = bySymbol.get(symbol);
        return v == null ? null : v.clone();
    }

    synchronized CellEmbedder cellEmbedder() {
        if (cellEmbedder == null) {
            cellEmbedder = new CellEmbedder(bySymbol, CellEmbedder.Options.DEFAULT);
        }
        return cellEmbedder;
    }
}
