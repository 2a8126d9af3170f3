package io.github.scllm.core.genes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancelledException;
import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.io.CellChunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MarkerGenesTest {

    /** Cells as dense rows, stored sparsely (zeros dropped) as a reader would deliver them. */
    private static CellChunk cells(double[][] dense) {
        List<Integer> genes = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        int[] offsets = new int[dense.length + 1];
        for (int c = 0; c < dense.length; c++) {
            for (int g = 0; g < dense[c].length; g++) {
                if (dense[c][g] != 0) {
                    genes.add(g);
                    values.add((float) dense[c][g]);
                }
            }
            offsets[c + 1] = genes.size();
        }
        int[] gi = genes.stream().mapToInt(Integer::intValue).toArray();
        float[] vi = new float[values.size()];
        for (int k = 0; k < vi.length; k++) {
            vi[k] = values.get(k);
        }
        return new CellChunk(0, offsets, gi, vi);
    }

    private static MarkerResult run(double[][] dense, String[] labels, MarkerOptions options) {
        String[] symbols = new String[dense[0].length];
        for (int g = 0; g < symbols.length; g++) {
            symbols[g] = "G" + g;
        }
        return MarkerGenes.compute(MarkerSource.of(cells(dense)), symbols, MarkerGroups.fromLabels(labels), options,
            CancellationToken.NONE, ProgressListener.NONE);
    }

    private static MarkerGene gene(MarkerResult r, String group, int gene) {
        return r.markersOf(group).stream().filter(m -> m.gene() == gene).findFirst().orElseThrow();
    }

    private static final MarkerOptions LOGGED = MarkerOptions.DEFAULTS.withNormalization(Normalization.NONE)
        .withTopPerGroup(0);

    @Test
    void zerosFormOneTiedRankBlockAndTheTieCorrectionShrinksTheVariance() {
        // gene 0: group A = 3, 2, 0; group B = 0, 0, 1 -> ranks 0,0,0 -> 2; 1 -> 4; 2 -> 5; 3 -> 6
        double[][] x = {{3, 1}, {2, 1}, {0, 1}, {0, 2}, {0, 2}, {1, 2}};
        MarkerResult r = run(x, new String[] {"A", "A", "A", "B", "B", "B"}, LOGGED);
        MarkerGene a = gene(r, "A", 0);
        assertEquals(13 - 6, a.statistic(), 0, "U = rank sum 13 minus 3*4/2");
        double variance = 3 * 3 / 12.0 * (7 - (27 - 3) / (6.0 * 5));
        assertEquals((7 - 4.5) / Math.sqrt(variance), a.score(), 1e-12);
        assertEquals(MarkerMath.normalTwoSided(a.score()), a.pValue(), 1e-15);
        assertEquals(2 / 3.0, a.fractionIn(), 1e-15);
        assertEquals(1 / 3.0, a.fractionOut(), 1e-15);
        assertEquals(-a.score(), gene(r, "B", 0).score(), 1e-12, "two groups mirror each other");
    }

    @Test
    void negativeValuesRankBelowTheZeroBlock() {
        // A = -1, 0, 2 ; B = 0, 1, -2 -> -2:1, -1:2, 0,0:3.5, 1:5, 2:6 -> rank sum of A = 11.5
        double[][] x = {{-1, 1}, {0, 1}, {2, 1}, {0, 2}, {1, 2}, {-2, 2}};
        MarkerResult r = run(x, new String[] {"A", "A", "A", "B", "B", "B"}, LOGGED);
        assertEquals(11.5 - 6, gene(r, "A", 0).statistic(), 0);
    }

    @Test
    void welchTestUsesUnequalVariancesAndScanpysFoldChange() {
        double[][] x = {{1, 0, 1}, {2, 0, 1}, {4, 0, 1}, {0, 1, 1}, {1, 1, 1}, {0, 1, 1}, {1, 1, 1}};
        MarkerResult r = run(x, new String[] {"A", "A", "A", "B", "B", "B", "B"},
            LOGGED.withTest(MarkerTest.WELCH_T));
        MarkerGene a = gene(r, "A", 0);
        double m1 = 7 / 3.0;
        double m2 = 0.5;
        double v1 = ((1 - m1) * (1 - m1) + (2 - m1) * (2 - m1) + (4 - m1) * (4 - m1)) / 2 / 3;
        double v2 = 4 * 0.25 / 3 / 4;
        double t = (m1 - m2) / Math.sqrt(v1 + v2);
        double df = (v1 + v2) * (v1 + v2) / (v1 * v1 / 2 + v2 * v2 / 3);
        assertEquals(t, a.statistic(), 1e-12);
        assertEquals(MarkerMath.studentTwoSided(t, df), a.pValue(), 1e-15);
        assertEquals(Math.log((Math.expm1(m1) + 1e-9) / (Math.expm1(m2) + 1e-9)) / Math.log(2), a.logFoldChange(),
            1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, gene(r, "A", 1).score(), "constant but different sides: t = -inf");
        assertEquals(0.0, gene(r, "A", 1).pValue(), 0);
        assertEquals(0.0, gene(r, "A", 2).score(), 0, "the same constant on both sides: t undefined");
        assertEquals(1.0, gene(r, "A", 2).pValue(), 0);
    }

    @Test
    void blockedPassesGiveTheSameResultAsOnePass() {
        Random rnd = new Random(5);
        double[][] x = new double[60][25];
        String[] labels = new String[60];
        for (int c = 0; c < 60; c++) {
            labels[c] = String.valueOf(c % 4);
            for (int g = 0; g < 25; g++) {
                x[c][g] = rnd.nextDouble() < 0.4 ? rnd.nextInt(6) + (c % 4 == g % 4 ? 3 : 0) : 0;
            }
        }
        MarkerOptions counts = MarkerOptions.DEFAULTS.withTopPerGroup(0);
        assertEquals(run(x, labels, counts).markers(), run(x, labels, counts.withBufferedValues(1)).markers());
    }

    @Test
    void topGenesAreRankedByScoreWithinEachGroupInNumericGroupOrder() {
        Random rnd = new Random(9);
        double[][] x = new double[40][12];
        String[] labels = new String[40];
        for (int c = 0; c < 40; c++) {
            labels[c] = String.valueOf(c % 2 == 0 ? 10 : 2);
            for (int g = 0; g < 12; g++) {
                x[c][g] = rnd.nextInt(4) + (g == 3 && c % 2 == 0 ? 5 : 0);
            }
        }
        MarkerResult r = run(x, labels, MarkerOptions.DEFAULTS.withTopPerGroup(5));
        assertEquals(List.of("2", "10"), r.testedGroups());
        List<MarkerGene> top = r.markersOf("10");
        assertEquals(5, top.size());
        assertEquals(3, top.get(0).gene(), "the planted marker leads group 10");
        for (int i = 0; i < top.size(); i++) {
            assertEquals(i + 1, top.get(i).rank());
            if (i > 0) {
                assertTrue(top.get(i - 1).score() >= top.get(i).score());
            }
        }
        assertTrue(top.get(0).adjustedPValue() >= top.get(0).pValue());
    }

    @Test
    void tooSmallGroupsAreSkippedWithAReasonAndCellsWithoutAGroupAreLeftOut() {
        double[][] x = {{1, 0}, {2, 0}, {0, 1}, {0, 3}, {5, 5}, {9, 9}};
        MarkerResult r = run(x, new String[] {"A", "A", "B", "B", "C", null}, LOGGED);
        assertEquals(List.of("A", "B"), r.testedGroups());
        assertTrue(r.skipped().get("C").contains("1 cell"), r.skipped().toString());
        assertEquals(1 / 3.0, gene(r, "A", 0).fractionOut(), 1e-15, "rest = B and C, not the unassigned cell");
    }

    @Test
    void inputsThatCannotBeTestedFailWithAMessageNamingTheProblem() {
        double[][] x = {{1, 0}, {2, 0}, {0, 1}};
        InvalidInputException one = assertThrows(InvalidInputException.class,
            () -> run(x, new String[] {"A", "A", "A"}, LOGGED));
        assertTrue(one.getMessage().contains("No group can be tested"), one.getMessage());
        double[][] negative = {{1, 0}, {-2, 0}, {0, 1}, {0, 1}};
        InvalidInputException neg = assertThrows(InvalidInputException.class,
            () -> run(negative, new String[] {"A", "A", "B", "B"}, MarkerOptions.DEFAULTS));
        assertTrue(neg.getMessage().contains("G0") && neg.getMessage().contains("already log-normalised"),
            neg.getMessage());
        assertThrows(InvalidInputException.class, () -> MarkerOptions.DEFAULTS.withNormalization(Normalization.CP10K));
    }

    @Test
    void aCancelledRunStopsWithCancelledException() {
        double[][] x = new double[2000][3];
        String[] labels = new String[2000];
        for (int c = 0; c < x.length; c++) {
            x[c][c % 3] = 1;
            labels[c] = c % 2 == 0 ? "A" : "B";
        }
        String[] symbols = {"a", "b", "c"};
        assertThrows(CancelledException.class, () -> MarkerGenes.compute(MarkerSource.of(cells(x)), symbols,
            MarkerGroups.fromLabels(labels), MarkerOptions.DEFAULTS, () -> true, ProgressListener.NONE));
    }
}
