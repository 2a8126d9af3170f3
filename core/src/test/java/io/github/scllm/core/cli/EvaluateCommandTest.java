package io.github.scllm.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scllm.core.embed.local.LocalModels;
import io.github.scllm.core.evaluate.Method;
import io.github.scllm.core.evaluate.Synthetic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
    @TempDir
    static Path dir;
    static Path matrix;
    static Path metadata;
    static Path descriptions;

    @BeforeAll
    static void writeFiles() {
        Synthetic s = Synthetic.generate(new int[] {30, 25, 20, 15}, 30, 11);
        matrix = dir.resolve("counts.csv");
        metadata = dir.resolve("meta.csv");
        descriptions = dir.resolve("genes.tsv");
        s.writeCsv(matrix, metadata, "cell_type");
        s.writeDescriptions(descriptions, 3);
    }

    static List<String> args(String... more) {
        List<String> a = new ArrayList<>(List.of("evaluate", "--input", matrix.toString(), "--orientation",
            "cells_by_genes", "--metadata", metadata.toString(), "--label-column", "cell_type", "--threads", "2"));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void jsonHasOneEntryPerMethodWithMeanAndSdOverSeeds() throws Exception {
        MainTest.Run r = CommandFixtures.run(args("--descriptions", descriptions.toString(), "--seeds", "1,2",
            "--json").toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(List.of("n_train", "n_test", "methods", "set_aside_classes", "wall_seconds", "peak_heap_bytes",
            "max_heap_bytes"), names(json));
        assertTrue(json.get("wall_seconds").asDouble() > 0, json.toString());
        assertTrue(json.get("peak_heap_bytes").asLong() > 0, json.toString());
        assertEquals(18, json.get("n_test").asInt(), "ceil(0.2 * 90)");
        assertEquals(72, json.get("n_train").asInt());
        JsonNode methods = json.get("methods");
        assertEquals(Method.values().length, methods.size());
        for (Method m : Method.values()) {
            JsonNode node = methods.get(m.id());
            assertEquals(List.of("accuracy", "accuracy_sd", "macro_f1", "macro_f1_sd", "weighted_f1",
                "weighted_f1_sd", "kappa", "kappa_sd", "ece", "ece_sd"), names(node), m.id());
            assertTrue(node.get("ece").asDouble() >= 0 && node.get("ece").asDouble() < 0.5, m.id() + ": " + node);
            assertTrue(node.get("accuracy").asDouble() > 0.85, m.id() + ": " + node);
        }
        assertTrue(r.err().contains("distinct texts embedded"), r.err());
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void tablePrintsEveryChosenMethodWithMeanAndSd() {
        MainTest.Run r = CommandFixtures.run(args("--methods", "logistic_regression,expression_pca_knn", "--seeds",
            "3,4,5").toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("logistic_regression"), r.out());
        assertTrue(r.out().contains("expression_pca_knn"), r.out());
        assertTrue(r.out().contains(" ± "), r.out());
        assertTrue(r.out().indexOf("logistic_regression") < r.out().indexOf("expression_pca_knn"), r.out());
        assertTrue(r.out().contains("72 training / 18 test cells"), r.out());
        String calibration = r.out().substring(r.out().indexOf("expected calibration error"));
        assertTrue(calibration.lines().anyMatch(l -> l.matches("logistic_regression +0\\.\\d{3} ± 0\\.\\d{3}")),
            calibration);
        assertTrue(calibration.lines().anyMatch(l -> l.matches("expression_pca_knn +0\\.\\d{3} ± 0\\.\\d{3}")),
            calibration);
    }

    @Test
    void fewLabelsPerClassAndALabelTableWork() {
        MainTest.Run r = CommandFixtures.run("evaluate", "--input", matrix.toString(), "--orientation",
            "cells_by_genes", "--labels", metadata.toString(), "--label-column", "cell_type", "--train-per-class",
            "5", "--methods", "transductive_pca_centroid", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"n_train\" : 20"), r.out());
        assertTrue(r.out().contains("\"n_test\" : 70"), r.out());
    }

    @Test
    void missingLabelColumnIsAnInputErrorListingTheColumns() {
        List<String> a = args("--methods", "expression_pca_knn");
        a.set(a.indexOf("cell_type"), "celltype");
        MainTest.Run r = CommandFixtures.run(a.toArray(String[]::new));
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("'celltype'") && r.err().contains("cell_type"), r.err());
    }

    @Test
    void unknownMethodIsAnInputErrorListingTheMethods() {
        MainTest.Run r = CommandFixtures.run(args("--methods", "expression_pca_knn,scgpt").toArray(String[]::new));
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("'scgpt'") && r.err().contains("random_vectors_knn"), r.err());
    }

    @Test
    void descriptionMethodsWithoutDescriptionFilesAreAnInputError() {
        MainTest.Run r = CommandFixtures.run(args().toArray(String[]::new));
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("--descriptions"), r.err());
    }

    @Test
    void classesWithOneCellAreSetAsideAndReported() throws Exception {
        Path meta = dir.resolve("meta_rare.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(metadata));
        lines.set(1, lines.get(1).split(",")[0] + ",rare cell");
        Files.write(meta, lines);
        MainTest.Run r = CommandFixtures.run("evaluate", "--input", matrix.toString(), "--orientation",
            "cells_by_genes", "--metadata", meta.toString(), "--label-column", "cell_type", "--methods",
            "expression_pca_knn", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(1, json.get("set_aside_classes").get("rare cell").asInt(), r.out());
        assertEquals(89, json.get("n_train").asInt() + json.get("n_test").asInt());
        assertTrue(r.err().contains("rare cell"), r.err());
    }

    @Test
    void exclusiveSplitOptionsCannotBeCombined() {
        MainTest.Run r = CommandFixtures.run(args("--test-fraction", "0.3", "--train-per-class", "3")
            .toArray(String[]::new));
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.err());
    }

    @Test
    void unavailableLocalModelFailsWithAMessageNotABug() {
        Assumptions.assumeTrue(LocalModels.unavailableReason().isPresent(), "the local model runs in this build");
        MainTest.Run r = MainTest.run(args("--descriptions", descriptions.toString(), "--methods", "description_knn")
            .toArray(String[]::new));
        assertEquals(ExitCodes.FAILURE, r.code(), r.err());
        assertTrue(r.err().contains("expression methods"), r.err());
    }
}
