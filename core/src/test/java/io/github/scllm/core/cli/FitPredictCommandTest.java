package io.github.scllm.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scllm.core.evaluate.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A model written by fit and applied by predict labels the query exactly as annotate does in one run. */
class FitPredictCommandTest {
    static Path dir;

    @BeforeAll
    static void writeFiles() throws Exception {
        AnnotateCommandTest.dir = Files.createTempDirectory("scllm-fit-predict");
        AnnotateCommandTest.writeFiles();
        dir = AnnotateCommandTest.dir;
    }

    private static String[] common(String... more) {
        List<String> a = new ArrayList<>(List.of("--orientation", "cells_by_genes", "--metadata",
            AnnotateCommandTest.allLabels.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private static MainTest.Run run(String command, String[] common, String... more) {
        List<String> a = new ArrayList<>(List.of(command));
        a.addAll(List.of(common));
        a.addAll(List.of(more));
        return CommandFixtures.run(a.toArray(String[]::new));
    }

    private static String[] fitOptions(String method, String... more) {
        List<String> a = new ArrayList<>(List.of("--label-column", "cell_type", "--descriptions",
            AnnotateCommandTest.descriptions.toString(), "--threads", "2", "--method", method, "--seed", "7"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @ParameterizedTest
    @ValueSource(strings = {"description_contrastive_knn", "hybrid_contrastive_knn", "logistic_regression",
        "random_vectors_knn", "random_hybrid_contrastive_knn"})
    void predictFromTheModelFileEqualsAnnotateBitForBit(String method) throws Exception {
        Path annotated = dir.resolve("annotate-" + method);
        MainTest.Run a = run("annotate", common(fitOptions(method)), "--reference",
            AnnotateCommandTest.reference.toString(), "--query", AnnotateCommandTest.query.toString(), "--out",
            annotated.toString());
        assertEquals(0, a.code(), a.err());
        Path model = dir.resolve(method + ModelFile.EXTENSION);
        MainTest.Run f = run("fit", common(fitOptions(method)), "--reference",
            AnnotateCommandTest.reference.toString(), "--out", model.toString());
        assertEquals(0, f.code(), f.err());
        assertTrue(Files.size(model) > 0);
        Path predicted = dir.resolve("predict-" + method);
        // a chunk size that divides nothing: batches of every length meet the model
        MainTest.Run p = run("predict", common(), "--model", model.toString(), "--query",
            AnnotateCommandTest.query.toString(), "--label-column", "cell_type", "--chunk-cells", "7", "--embeddings",
            "--threads", "2", "--out", predicted.toString());
        assertEquals(0, p.code(), p.err());
        assertEquals(Files.readString(annotated.resolve("predictions.csv")),
            Files.readString(predicted.resolve("predictions.csv")));
        boolean vectors = Files.exists(annotated.resolve("embeddings.tsv"));
        assertEquals(!method.equals("logistic_regression"), vectors);
        if (vectors) {
            assertEquals(Files.readString(annotated.resolve("embeddings.tsv")),
                Files.readString(predicted.resolve("embeddings.tsv")));
        }
        JsonNode am = new ObjectMapper().readTree(annotated.resolve("metrics.json").toFile());
        JsonNode pm = new ObjectMapper().readTree(predicted.resolve("metrics.json").toFile());
        assertEquals(am.get("accuracy").asDouble(), pm.get("accuracy").asDouble());
        assertEquals(AnnotateCommandTest.queryCells, pm.get("n_labelled").asInt());
        assertTrue(pm.get("wall_seconds").asDouble() > 0 && pm.get("peak_heap_bytes").asLong() > 0, pm.toString());
        assertTrue(am.get("wall_seconds").asDouble() > 0 && am.get("peak_heap_bytes").asLong() > 0, am.toString());
    }

    @Test
    void shardsOfOneChunkSizeCoverTheQueryOnceAndMatchTheWholeRun() throws Exception {
        Path model = dir.resolve("shards" + ModelFile.EXTENSION);
        assertEquals(0, run("fit", common(fitOptions("expression_pca_knn")), "--reference",
            AnnotateCommandTest.reference.toString(), "--out", model.toString()).code());
        Path whole = dir.resolve("whole");
        assertEquals(0, run("predict", common(), "--model", model.toString(), "--query",
            AnnotateCommandTest.query.toString(), "--chunk-cells", "4", "--out", whole.toString()).code());
        List<String> all = Files.readAllLines(whole.resolve("predictions.csv"));
        List<String> union = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path part = dir.resolve("shard" + i);
            MainTest.Run r = run("predict", common(), "--model", model.toString(), "--query",
                AnnotateCommandTest.query.toString(), "--chunk-cells", "4", "--shard", i + "/3", "--out",
                part.toString());
            assertEquals(0, r.code(), r.err());
            List<String> lines = Files.readAllLines(part.resolve("predictions.csv"));
            assertEquals(all.get(0), lines.get(0));
            // shard i holds chunks i-1, i+2, ...: its first cell is the first of chunk i-1
            assertEquals(all.get(1 + 4 * (i - 1)), lines.get(1));
            union.addAll(lines.subList(1, lines.size()));
        }
        assertEquals(AnnotateCommandTest.queryCells, union.size());
        assertEquals(new java.util.TreeSet<>(all.subList(1, all.size())), new java.util.TreeSet<>(union));
    }

    @Test
    void aTransductiveMethodCannotBeFittedWithoutTheQuery() {
        MainTest.Run r = run("fit", common(fitOptions("transductive_pca_centroid")), "--reference",
            AnnotateCommandTest.reference.toString(), "--out", dir.resolve("t.scllm-model").toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("scllm annotate"), r.err());
        assertFalse(Files.exists(dir.resolve("t.scllm-model")));
    }

    @Test
    void aMissingModelOrAFileThatIsNoModelIsNamed() {
        MainTest.Run missing = run("predict", common(), "--model", dir.resolve("none.scllm-model").toString(),
            "--query", AnnotateCommandTest.query.toString(), "--out", dir.resolve("p1").toString());
        assertEquals(ExitCodes.INVALID_INPUT, missing.code(), missing.err());
        assertTrue(missing.err().contains("scllm fit"), missing.err());
        MainTest.Run wrong = run("predict", common(), "--model", AnnotateCommandTest.query.toString(), "--query",
            AnnotateCommandTest.query.toString(), "--out", dir.resolve("p2").toString());
        assertEquals(ExitCodes.UNSUPPORTED_FORMAT, wrong.code(), wrong.err());
        assertTrue(wrong.err().contains("not a fitted scllm model"), wrong.err());
        MainTest.Run shard = run("predict", common(), "--model", AnnotateCommandTest.query.toString(), "--query",
            AnnotateCommandTest.query.toString(), "--shard", "4/3", "--out", dir.resolve("p3").toString());
        assertEquals(ExitCodes.INVALID_INPUT, shard.code(), shard.err());
        assertTrue(shard.err().contains("--shard must be I/N"), shard.err());
    }
}
