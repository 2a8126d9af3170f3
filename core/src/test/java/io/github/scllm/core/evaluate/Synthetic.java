package io.github.scllm.core.evaluate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic labelled counts with known structure: every class raises its own marker genes above a shared background,
 * so the labels are recoverable from expression and from which genes are most expressed.
 */
public final class Synthetic {
    public final String[] cellIds;
    public final String[] symbols;
    public final int[][] counts;
    public final String[] labels;

    private Synthetic(String[] cellIds, String[] symbols, int[][] counts, String[] labels) {
        this.cellIds = cellIds;
        this.symbols = symbols;
        this.counts = counts;
        this.labels = labels;
    }

    /**
     * @param classSizes cells per class; class c is named "type_c" and raises genes MARKc_0..MARKc_4
     * @param background further genes BG0.. expressed in every cell
     * @param seed random seed
     */
    public static Synthetic generate(int[] classSizes, int background, long seed) {
        Random rnd = new Random(seed);
        int markersPerClass = 5;
        List<String> genes = new ArrayList<>();
        for (int c = 0; c < classSizes.length; c++) {
            for (int m = 0; m < markersPerClass; m++) {
                genes.add("MARK" + c + "_" + m);
            }
        }
        for (int b = 0; b < background; b++) {
            genes.add("BG" + b);
        }
        double[] base = new double[genes.size()];
        for (int g = 0; g < base.length; g++) {
            base[g] = 0.5 + 3 * rnd.nextDouble();
        }
        int n = 0;
        for (int s : classSizes) {
            n += s;
        }
        String[] ids = new String[n];
        String[] labels = new String[n];
        int[][] counts = new int[n][genes.size()];
        int i = 0;
        for (int c = 0; c < classSizes.length; c++) {
            for (int k = 0; k < classSizes[c]; k++, i++) {
                ids[i] = "cell" + i;
                labels[i] = "type_" + c;
                double size = Math.exp(0.3 * rnd.nextGaussian());
                for (int g = 0; g < genes.size(); g++) {
                    boolean marker = g >= c * markersPerClass && g < (c + 1) * markersPerClass;
                    counts[i][g] = poisson(rnd, size * (base[g] + (marker ? 12 : 0)));
                }
            }
        }
        return new Synthetic(ids, genes.toArray(String[]::new), counts, labels);
    }

    private static int poisson(Random rnd, double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }

    /** @return log1p(CP10k) rows */
    public float[][] logNormalised() {
        float[][] out = new float[counts.length][symbols.length];
        for (int i = 0; i < counts.length; i++) {
            double total = 0;
            for (int x : counts[i]) {
                total += x;
            }
            for (int g = 0; g < symbols.length; g++) {
                out[i][g] = (float) Math.log1p(counts[i][g] * 1e4 / total);
            }
        }
        return out;
    }

    public CellData cells() {
        return CellData.of(cellIds, symbols, logNormalised(), labels);
    }

    /** Writes a cells-by-genes CSV of counts (first column cell_id) and a metadata CSV (cell_id, the label column). */
    public void writeCsv(Path matrix, Path metadata, String labelColumn) {
        try {
            StringBuilder sb = new StringBuilder("cell_id");
            for (String s : symbols) {
                sb.append(',').append(s);
            }
            sb.append('\n');
            StringBuilder meta = new StringBuilder("cell_id," + labelColumn + "\n");
            for (int i = 0; i < counts.length; i++) {
                sb.append(cellIds[i]);
                for (int x : counts[i]) {
                    sb.append(',').append(x);
                }
                sb.append('\n');
                meta.append(cellIds[i]).append(',').append(labels[i]).append('\n');
            }
            Files.writeString(matrix, sb);
            Files.writeString(metadata, meta);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a description table (symbol, full_name, summary). Background genes BG0..BG(k-1) with k = undescribed get
     * no summary, one more gets neither summary nor full name when {@code unknownGene} is set.
     */
    public void writeDescriptions(Path file, int undescribed) {
        StringBuilder sb = new StringBuilder("symbol\tfull_name\tsummary\n");
        for (String s : symbols) {
            if (s.startsWith("BG") && Integer.parseInt(s.substring(2)) < undescribed) {
                continue;
            }
            sb.append(s).append('\t').append("protein ").append(s.toLowerCase()).append('\t')
                    .append("This gene encodes the protein ").append(s).append(", expressed in some blood cells.\n");
        }
        try {
            Files.writeString(file, sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
