package io.github.scllm.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.scllm.core.SharedTestData;
import io.github.scllm.core.classify.PythonOracle;

/**
 * Real PBMC counts written by anndata as counts, log-normalised and scaled: every command tells them apart, uses
 * log-normalised values as they are, and stops on scaled ones with the option that reads counts.
 */
class ValueKindsTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void writeFiles() throws Exception {
        assumeTrue(PythonOracle.hasModules("anndata", "scipy", "pandas"), "python3-anndata not installed");
        Process p = new ProcessBuilder("/usr/bin/python3", "src/test/resources/scripts/write_value_kinds.py",
            SharedTestData.path("pbmc68k_reduced/counts_10x_mtx").toString(),
            SharedTestData.file("pbmc68k_reduced/cell_labels.tsv").toString(), dir.toString())
            .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0, log);
    }

    private static String file(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void inspectNamesTheKindOfEachFile() throws Exception {
        for (String[] c : List.of(new String[] {"counts.h5ad", "counts"},
            new String[] {"lognorm.h5ad", "log-normalised"}, new String[] {"scaled.h5ad", "scaled"})) {
            MainTest.Run r = MainTest.run("inspect", file(c[0]), "--json");
            assertEquals(0, r.code(), r.err());
            assertEquals(c[1], new ObjectMapper().readTree(r.out()).get("values").asText(), c[0]);
        }
        MainTest.Run text = MainTest.run("inspect", file("scaled.h5ad"));
        assertTrue(text.out().contains("values:        scaled") && text.out().contains("--matrix raw"), text.out());
    }

    private static double accuracy(String input, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("evaluate", "--input", input, "--label-column",
            "bulk_labels", "--methods", "expression_pca_knn", "--seeds", "1", "--threads", "2", "--json"));
        args.addAll(List.of(more));
        MainTest.Run r = MainTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        return json.get("methods").get("expression_pca_knn").get("accuracy").asDouble();
    }

    @Test
    void evaluateUsesLogNormalisedValuesAsTheyAreInsteadOfNormalisingThemAgain() throws Exception {
        double fromCounts = accuracy(file("counts.h5ad"));
        double detected = accuracy(file("lognorm.h5ad"));
        double normalisedTwice = accuracy(file("lognorm.h5ad"), "--values", "counts");
        System.out.printf("pbmc68k expression_pca_knn accuracy, seed 1: counts %.3f, log-normalised detected %.3f, "
            + "log-normalised normalised again %.3f%n", fromCounts, detected, normalisedTwice);
        assertEquals(fromCounts, detected, 1e-9, "the same cells, the same values after normalisation");
        assertNotEquals(fromCounts, normalisedTwice, "normalising twice changes the values");
    }

    @Test
    void topGenesAndMarkersRefuseOrRespectLogNormalisedValues() throws Exception {
        MainTest.Run top = MainTest.run("top-genes", "--input", file("lognorm.h5ad"), "--normalize", "log1p", "--out",
            dir.resolve("top.tsv").toString());
        assertEquals(ExitCodes.INVALID_INPUT, top.code(), top.err());
        assertTrue(top.err().contains("log-normalised") && top.err().contains("--normalize none"), top.err());

        Path fromCounts = dir.resolve("markers_counts.tsv");
        Path fromLog = dir.resolve("markers_log.tsv");
        assertEquals(0, MainTest.run("markers", "--input", file("counts.h5ad"), "--group-column", "bulk_labels",
            "--n", "5", "--out", fromCounts.toString()).code());
        MainTest.Run log = MainTest.run("markers", "--input", file("lognorm.h5ad"), "--group-column", "bulk_labels",
            "--n", "5", "--out", fromLog.toString());
        assertEquals(0, log.code(), log.err());
        assertTrue(log.err().contains("log-normalised"), log.err());
        List<String> a = Files.readAllLines(fromCounts);
        List<String> b = Files.readAllLines(fromLog);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            // group, rank and gene agree: the same markers from the same values
            assertEquals(List.of(a.get(i).split("\t")).subList(0, 3), List.of(b.get(i).split("\t")).subList(0, 3));
        }

        MainTest.Run scaled = MainTest.run("markers", "--input", file("scaled.h5ad"), "--group-column", "bulk_labels",
            "--out", dir.resolve("m.tsv").toString());
        assertEquals(ExitCodes.INVALID_INPUT, scaled.code(), scaled.err());
        assertTrue(scaled.err().contains("--matrix raw"), scaled.err());
    }
}
