package io.github.scllm.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scllm.core.evaluate.Synthetic;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.CellMatrixReaders;
import io.github.scllm.core.io.ReadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnotateCommandTest {
    @TempDir
    static Path dir;
    static Path reference;
    static Path query;
    static Path allLabels;
    static Path referenceLabels;
    static Path descriptions;
    static int queryCells;

    /** Splits one synthetic set into a reference file (every 4th cell to the query) and a query file. */
    @BeforeAll
    static void writeFiles() throws Exception {
        Synthetic s = Synthetic.generate(new int[] {30, 25, 20, 15}, 30, 12);
        Path matrix = dir.resolve("all.csv");
        allLabels = dir.resolve("labels.csv");
        s.writeCsv(matrix, allLabels, "cell_type");
        descriptions = dir.resolve("genes.tsv");
        s.writeDescriptions(descriptions, 3);
        List<String> lines = Files.readAllLines(matrix);
        List<String> labels = Files.readAllLines(allLabels);
        List<String> ref = new ArrayList<>(List.of(lines.get(0)));
        List<String> qry = new ArrayList<>(List.of(lines.get(0)));
        List<String> refLabels = new ArrayList<>(List.of(labels.get(0)));
        for (int i = 1; i < lines.size(); i++) {
            if (i % 4 == 0) {
                qry.add(lines.get(i));
            } else {
                ref.add(lines.get(i));
                refLabels.add(labels.get(i));
            }
        }
        reference = Files.write(dir.resolve("reference.csv"), ref);
        query = Files.write(dir.resolve("query.csv"), qry);
        referenceLabels = Files.write(dir.resolve("reference_labels.csv"), refLabels);
        queryCells = qry.size() - 1;
    }

    static String[] args(Path labels, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("annotate", "--reference", reference.toString(), "--query",
            query.toString(), "--orientation", "cells_by_genes", "--metadata", labels.toString(), "--label-column",
            "cell_type", "--descriptions", descriptions.toString(), "--threads", "2", "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void labelledQueryGetsPredictionsRefinedEmbeddingsAndMetrics() throws Exception {
        Path out = dir.resolve("out1");
        MainTest.Run r = CommandFixtures.run(args(allLabels, out));
        assertEquals(0, r.code(), r.err());
        List<String> predictions = Files.readAllLines(out.resolve("predictions.csv"));
        assertEquals("cell_id,predicted_label,confidence", predictions.get(0));
        assertEquals(queryCells, predictions.size() - 1);
        assertTrue(predictions.get(1).startsWith("cell3,type_"), predictions.get(1));
        List<String> embeddings = Files.readAllLines(out.resolve("embeddings.tsv"));
        assertEquals(queryCells + 1, embeddings.size());
        String[] header = embeddings.get(0).split("\t");
        assertEquals(129, header.length, "cell_id and 128 refined components");
        assertEquals("supcon_128_1", header[1]);
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals("description_contrastive_knn", metrics.get("method").asText());
        assertEquals(queryCells, metrics.get("n_query").asInt());
        assertTrue(metrics.get("accuracy").asDouble() > 0.85, metrics.toString());
        assertEquals(4, metrics.get("per_class").size());
        assertTrue(r.out().contains("description_contrastive_knn") && r.out().contains("accuracy"), r.out());
    }

    @Test
    void unlabelledQueryGetsNoScoresButAPredictionCount() throws Exception {
        Path out = dir.resolve("out2");
        MainTest.Run r = CommandFixtures.run(args(referenceLabels, out, "--method", "expression_pca_knn"));
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out.resolve("predictions.csv")));
        assertTrue(Files.exists(out.resolve("embeddings.tsv")));
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertFalse(metrics.has("accuracy"), "no scores without query labels: " + metrics);
        assertEquals(queryCells, metrics.get("predicted_counts").get("type_0").asInt()
            + metrics.get("predicted_counts").get("type_1").asInt() + metrics.get("predicted_counts").get("type_2")
            .asInt() + metrics.get("predicted_counts").get("type_3").asInt());
        assertTrue(r.out().contains("predicted labels: {type_0="), r.out());
    }

    @Test
    void logisticRegressionSaysWhyItWritesNoEmbeddings() {
        Path out = dir.resolve("out3");
        MainTest.Run r = CommandFixtures.run(args(allLabels, out, "--method", "logistic_regression"));
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(out.resolve("embeddings.tsv")));
        assertTrue(r.err().contains("no embeddings.tsv"), r.err());
    }

    @Test
    void unknownMethodIsAnInputError() {
        MainTest.Run r = CommandFixtures.run(args(allLabels, dir.resolve("out4"), "--method", "best_knn"));
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("hybrid_contrastive_knn"), r.err());
    }

    @Test
    void referenceWithoutTheLabelColumnIsAnInputError() {
        MainTest.Run r = CommandFixtures.run("annotate", "--reference", reference.toString(), "--query",
            query.toString(), "--orientation", "cells_by_genes", "--label-column", "cell_type", "--method",
            "expression_pca_knn", "--out", dir.resolve("out5").toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("'cell_type'"), r.err());
        assertFalse(Files.exists(dir.resolve("out5").resolve("predictions.csv")));
    }

    @Test
    void demoRunsOfflineOnThePackagedDataAndDrawsTheQueryCells() throws Exception {
        Path demoTexts = dir.resolve("demo_genes.tsv");
        writeDemoDescriptions(demoTexts);
        Path out = dir.resolve("demo");
        List<Integer> plotted = new ArrayList<>();
        Set<String> plottedLabels = new HashSet<>();
        MainTest.Run r = CommandFixtures.run((png, vectors, labels, seed) -> {
            plotted.add(vectors.length);
            plottedLabels.addAll(List.of(labels));
            assertEquals("query_umap.png", png.getFileName().toString());
        }, "annotate", "--demo", "--descriptions", demoTexts.toString(), "--threads", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("SYNTHETIC"), r.err());
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        int n = metrics.get("n_query").asInt();
        assertEquals(214, n, "20% of the 1070 demo cells");
        assertEquals(List.of(n), plotted);
        assertEquals(8, plottedLabels.size(), "the eight demo cell types");
        assertTrue(metrics.get("accuracy").asDouble() > 0.8, metrics.toString());
        assertEquals(n + 1, Files.readAllLines(out.resolve("predictions.csv")).size());
    }

    @Test
    void demoWithoutItsDescriptionFileAsksForOne() {
        Assumptions.assumeTrue(AnnotateCommand.class.getResource(AnnotateCommand.DEMO_RESOURCE
            + AnnotateCommand.DEMO_DESCRIPTIONS) == null, "the demo description file is packaged");
        MainTest.Run r = CommandFixtures.run("annotate", "--demo", "--out", dir.resolve("out6").toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("--descriptions"), r.err());
    }

    /**
     * Labels where about a third of the reference cells carry a wrong class (so the held-out accuracy is below 1 and
     * a threshold has something to do), and the query cells carry {@code query(cell, trueLabel)}, or none when null.
     */
    private static Path noisyLabels(String name, java.util.function.BinaryOperator<String> query) throws Exception {
        List<String> lines = Files.readAllLines(allLabels);
        java.util.Random rnd = new java.util.Random(5);
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (i % 4 == 0) {
                String l = query.apply(f[0], f[1]);
                if (l != null) {
                    out.add(f[0] + "," + l);
                }
            } else {
                out.add(f[0] + "," + (rnd.nextDouble() < 0.35 ? "type_" + rnd.nextInt(4) : f[1]));
            }
        }
        return Files.write(dir.resolve(name), out);
    }

    private static JsonNode rejectRun(Path labels, String out) throws Exception {
        MainTest.Run r = CommandFixtures.run(args(labels, dir.resolve(out), "--method", "expression_pca_knn",
            "--reject-target-accuracy", "0.9", "--seed", "3"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("reject threshold"), r.out());
        return new ObjectMapper().readTree(dir.resolve(out).resolve("metrics.json").toFile()).get("reject");
    }

    @Test
    void rejectTargetAccuracyChoosesTheThresholdOnHeldOutReferenceCellsAndAppliesItToTheQuery() throws Exception {
        Path labels = noisyLabels("noisy_true_query.csv", (cell, truth) -> truth);
        JsonNode reject = rejectRun(labels, "reject1");
        int referenceCells = Files.readAllLines(reference).size() - 1;
        assertEquals(referenceCells, reject.get("calibration_cells").asInt() + reject.get("fit_cells").asInt());
        assertEquals(Math.ceil(0.2 * referenceCells), reject.get("calibration_cells").asInt(), 1.0);
        double t = reject.get("threshold").asDouble();
        assertTrue(t > 0 && t <= 1, "the noisy reference needs a real threshold: " + reject);
        assertEquals(0.9, reject.get("target_accuracy").asDouble(), 0.0);
        assertTrue(!reject.get("target_reached").asBoolean() || reject.get("calibration_accuracy").asDouble() >= 0.9,
            reject.toString());
        assertTrue(reject.get("calibration_coverage").asDouble() > 0, reject.toString());
        int unknown = 0;
        List<String> predictions = Files.readAllLines(dir.resolve("reject1").resolve("predictions.csv"));
        for (String line : predictions.subList(1, predictions.size())) {
            String[] f = line.split(",");
            boolean below = Double.parseDouble(f[2]) < t;
            assertEquals(below, f[1].equals("Unknown"), line);
            unknown += below ? 1 : 0;
        }
        JsonNode metrics = new ObjectMapper().readTree(dir.resolve("reject1").resolve("metrics.json").toFile());
        assertEquals(unknown, metrics.get("n_unknown").asInt());
        assertEquals(1 - (double) unknown / queryCells, metrics.get("coverage").asDouble(), 1e-12);
        assertTrue(metrics.get("ece").asDouble() >= 0 && metrics.get("ece").asDouble() <= metrics.get("mce")
            .asDouble(), metrics.toString());
    }

    @Test
    void queryLabelsNeverInfluenceTheRejectThreshold() throws Exception {
        JsonNode truthful = rejectRun(noisyLabels("noisy_a.csv", (cell, truth) -> truth), "reject2");
        // every query label moved to the next class: all wrong
        JsonNode scrambled = rejectRun(noisyLabels("noisy_b.csv",
            (cell, truth) -> "type_" + ((truth.charAt(5) - '0' + 1) % 4)), "reject3");
        JsonNode unlabelled = rejectRun(noisyLabels("noisy_c.csv", (cell, truth) -> null), "reject4");
        assertEquals(truthful, scrambled);
        assertEquals(truthful, unlabelled);
        assertEquals(Files.readAllLines(dir.resolve("reject2").resolve("predictions.csv")),
            Files.readAllLines(dir.resolve("reject3").resolve("predictions.csv")));
        assertEquals(Files.readAllLines(dir.resolve("reject2").resolve("predictions.csv")),
            Files.readAllLines(dir.resolve("reject4").resolve("predictions.csv")));
        JsonNode metricsA = new ObjectMapper().readTree(dir.resolve("reject2").resolve("metrics.json").toFile());
        JsonNode metricsB = new ObjectMapper().readTree(dir.resolve("reject3").resolve("metrics.json").toFile());
        assertTrue(metricsA.get("accuracy").asDouble() > metricsB.get("accuracy").asDouble(),
            "the scrambled query labels do reach the scoring: " + metricsA + " vs " + metricsB);
        assertFalse(new ObjectMapper().readTree(dir.resolve("reject4").resolve("metrics.json").toFile())
            .has("accuracy"), "an unlabelled query gets the threshold but no query metrics");
    }

    @Test
    void rejectTargetAccuracyOutsideTheUnitIntervalIsAnInputError() {
        MainTest.Run r = CommandFixtures.run(args(allLabels, dir.resolve("reject5"), "--method", "expression_pca_knn",
            "--reject-target-accuracy", "90"));
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("--reject-target-accuracy must lie in (0, 1]"), r.err());
    }

    /** A description table (symbol, full_name, summary) for the demo genes; the real one is written separately. */
    private static void writeDemoDescriptions(Path file) throws Exception {
        Path h5ad = Path.of(AnnotateCommand.class.getResource(AnnotateCommand.DEMO_RESOURCE
            + AnnotateCommand.DEMO_MATRIX).toURI());
        StringBuilder sb = new StringBuilder("symbol\tfull_name\tsummary\n");
        try (CellMatrixReader reader = CellMatrixReaders.open(h5ad, ReadOptions.DEFAULTS)) {
            for (String g : reader.summary().geneSymbols()) {
                sb.append(g).append('\t').append("gene ").append(g).append('\t').append("Test text about ")
                    .append(g).append(".\n");
            }
        }
        Files.writeString(file, sb);
    }
}
