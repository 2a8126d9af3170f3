package io.github.scllm.core.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scllm.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationTest {
    /** Worked by hand below. */
    static final double[] CONF = {0.95, 0.85, 0.85, 0.62, 0.55, 0.35, 1.0, 0.05};
    static final boolean[] RIGHT = {true, true, false, true, false, false, true, false};

    @Test
    void reliabilityTableAndErrorsMatchAHandWorkedExample() {
        Calibration c = Calibration.of(CONF, RIGHT);
        assertEquals(10, c.bins().size());
        assertEquals(8, c.cells());
        // bin 9: 0.95 and 1.0, both right; bin 8: 0.85 twice, one right; bins 6, 5, 3, 0: one cell each
        int[] counts = {1, 0, 0, 1, 0, 1, 1, 0, 2, 2};
        for (int b = 0; b < 10; b++) {
            assertEquals(counts[b], c.bins().get(b).count(), "bin " + b);
            assertEquals(b / 10.0, c.bins().get(b).lower(), 1e-15);
            assertEquals((b + 1) / 10.0, c.bins().get(b).upper(), 1e-15);
        }
        assertEquals(0.975, c.bins().get(9).meanConfidence(), 1e-12);
        assertEquals(1.0, c.bins().get(9).accuracy(), 1e-12);
        assertEquals(0.85, c.bins().get(8).meanConfidence(), 1e-12);
        assertEquals(0.5, c.bins().get(8).accuracy(), 1e-12);
        assertEquals(0.35, c.bins().get(8).gap(), 1e-12);
        assertEquals(0.0, c.bins().get(5).accuracy(), 1e-12);
        // ECE = (2 * 0.025 + 2 * 0.35 + 0.38 + 0.55 + 0.35 + 0.05) / 8 = 2.08 / 8
        assertEquals(0.26, c.ece(), 1e-12);
        assertEquals(0.55, c.mce(), 1e-12);
        assertEquals(4.0 / 8, c.accuracy(), 1e-12);
        assertEquals((0.95 + 0.85 + 0.85 + 0.62 + 0.55 + 0.35 + 1.0 + 0.05) / 8, c.meanConfidence(), 1e-12);
    }

    @Test
    void emptyBinsHaveNoMeanAndDoNotEnterTheErrors() {
        Calibration c = Calibration.of(new double[] {0.15, 0.15}, new boolean[] {true, false}, 5);
        for (Calibration.Bin b : c.bins()) {
            if (b.index() == 0) {
                assertEquals(2, b.count());
                assertEquals(0.5, b.accuracy(), 1e-12);
            } else {
                assertEquals(0, b.count());
                assertTrue(Double.isNaN(b.accuracy()) && Double.isNaN(b.meanConfidence()) && Double.isNaN(b.gap()));
            }
        }
        assertEquals(0.35, c.ece(), 1e-12);
        assertEquals(0.35, c.mce(), 1e-12);
    }

    @Test
    void allCorrectWithFullConfidenceIsPerfectlyCalibrated() {
        double[] conf = {1.0, 1.0, 1.0};
        Calibration c = Calibration.of(conf, new boolean[] {true, true, true});
        assertEquals(3, c.bins().get(9).count(), "a confidence of exactly 1 falls into the last bin");
        assertEquals(0.0, c.ece(), 0.0);
        assertEquals(0.0, c.mce(), 0.0);
        Calibration under = Calibration.of(new double[] {0.6, 0.6}, new boolean[] {true, true});
        assertEquals(0.4, under.ece(), 1e-12, "all right at 0.6 confidence: under-confident by 0.4");
    }

    @Test
    void voteSharesOnABinEdgeBelongToTheBinStartingThere() {
        for (int k = 0; k <= 10; k++) {
            assertEquals(Math.min(k, 9), Calibration.bin(k / 10.0, 10), "vote share " + k + "/10");
        }
        for (int bins = 1; bins <= 40; bins++) {
            for (int b = 0; b < bins; b++) {
                assertEquals(b, Calibration.bin((double) b / bins, bins), b + "/" + bins);
                assertEquals(b, Calibration.bin(Math.nextDown((double) (b + 1) / bins), bins), b + "/" + bins);
            }
            assertEquals(bins - 1, Calibration.bin(1.0, bins));
        }
    }

    @Test
    void predictionsLeaveUnknownAndMissingConfidencesOut() {
        String[] truth = {"B", "T", "T", "NK", "B"};
        String[] predicted = {"B", "T", "Unknown", "B", "B"};
        double[] conf = {0.9, 0.7, 0.2, 0.8, Double.NaN};
        Calibration c = Calibration.ofPredictions(truth, predicted, conf, 10).orElseThrow();
        assertEquals(Calibration.of(new double[] {0.9, 0.7, 0.8}, new boolean[] {true, true, false}, 10), c);
        assertTrue(Calibration.ofPredictions(new String[] {"B"}, new String[] {"Unknown"}, new double[] {0.9}, 10)
                .isEmpty());
        assertThrows(InvalidInputException.class, () -> Calibration.ofPredictions(truth, predicted,
                new double[] {0.5}, 10));
    }

    @Test
    void invalidInputIsRejectedWithTheReason() {
        assertTrue(assertThrows(InvalidInputException.class, () -> Calibration.of(new double[0], new boolean[0]))
                .getMessage().contains("no cell"));
        assertTrue(assertThrows(InvalidInputException.class, () -> Calibration.of(new double[] {0.5, 1.2},
                new boolean[] {true, false})).getMessage().contains("cell 2 is 1.2"));
        assertTrue(assertThrows(InvalidInputException.class, () -> Calibration.of(new double[] {Double.NaN},
                new boolean[] {true})).getMessage().contains("cell 1 is NaN"));
        assertTrue(assertThrows(InvalidInputException.class, () -> Calibration.of(new double[] {0.5},
                new boolean[] {true, false})).getMessage().contains("1 confidences but 2"));
        assertTrue(assertThrows(InvalidInputException.class, () -> Calibration.of(new double[] {0.5},
                new boolean[] {true}, 0)).getMessage().contains("bins"));
    }

    @Test
    void eceAndMceAgreeWithANumpyComputation(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(PythonOracle.hasModules("numpy"), "the system interpreter has no numpy");
        Random rnd = new Random(7);
        int n = 2000;
        double[] conf = new double[n];
        boolean[] right = new boolean[n];
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            // a skewed, over-confident classifier, with some exact vote shares and some confidences of 1
            conf[i] = i % 10 == 0 ? (i % 11) / 10.0 : Math.sqrt(rnd.nextDouble());
            right[i] = rnd.nextDouble() < conf[i] * 0.8;
            sb.append(String.format(Locale.ROOT, "%.17g,%d%n", conf[i], right[i] ? 1 : 0));
        }
        Path input = Files.writeString(dir.resolve("cells.csv"), sb);
        String script = String.join("\n",
                "import json, sys",
                "import numpy as np",
                "d = np.loadtxt(sys.argv[1], delimiter=',')",
                "conf, right = d[:, 0], d[:, 1]",
                "out = {}",
                "for bins in (10, 15):",
                "    edges = np.arange(bins + 1) / bins",
                "    idx = np.clip(np.searchsorted(edges, conf, side='right') - 1, 0, bins - 1)",
                "    ece, mce = 0.0, 0.0",
                "    for b in range(bins):",
                "        m = idx == b",
                "        if m.any():",
                "            gap = abs(right[m].mean() - conf[m].mean())",
                "            ece += m.sum() / len(conf) * gap",
                "            mce = max(mce, gap)",
                "    out[str(bins)] = {'ece': ece, 'mce': mce, 'counts': np.bincount(idx, minlength=bins).tolist()}",
                "print(json.dumps(out))");
        Process p = new ProcessBuilder(System.getProperty("scllm.python", "/usr/bin/python3"), "-c", script,
                input.toString()).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, stderr);
        JsonNode numpy = new ObjectMapper().readTree(stdout);
        for (int bins : List.of(10, 15)) {
            Calibration c = Calibration.of(conf, right, bins);
            JsonNode expected = numpy.get(String.valueOf(bins));
            assertEquals(expected.get("ece").asDouble(), c.ece(), 1e-12, bins + " bins");
            assertEquals(expected.get("mce").asDouble(), c.mce(), 1e-12, bins + " bins");
            for (int b = 0; b < bins; b++) {
                assertEquals(expected.get("counts").get(b).asInt(), c.bins().get(b).count(), "bin " + b);
            }
            assertTrue(c.ece() > 0.05, "the simulated classifier is over-confident: " + c.ece());
        }
    }
}
