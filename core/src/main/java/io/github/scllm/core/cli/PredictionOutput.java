package io.github.scllm.core.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.scllm.core.classify.AnnotationMetrics;
import io.github.scllm.core.classify.Calibration;
import io.github.scllm.core.classify.ClassScore;
import io.github.scllm.core.classify.Classifier;
import io.github.scllm.core.classify.UnknownPolicy;
import io.github.scllm.core.evaluate.CellBatch;
import io.github.scllm.core.evaluate.EvaluationReport;
import io.github.scllm.core.evaluate.FittedMethod;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The results of labelling query cells, written as the batches arrive: OUT/predictions.csv
 * (cell_id,predicted_label,confidence), optionally OUT/embeddings.tsv (the classifier's input vectors), and at the end
 * OUT/metrics.json (run facts, and the scores when the query carries labels). Files appear only when complete.
 * Besides the open files it keeps per labelled cell its true and predicted label and confidence (for the scores), and
 * the vectors of at most {@link #plotLimit} cells for a picture.
 */
final class PredictionOutput implements AutoCloseable {
    private final Path out;
    private final boolean embeddings;
    private final int plotLimit;
    private final AtomicOutput predictions;
    private AtomicOutput vectors;
    private final StringBuilder line = new StringBuilder();
    private final List<String> truth = new ArrayList<>();
    private final List<String> predicted = new ArrayList<>();
    private final List<String> rawPredicted = new ArrayList<>();
    private final List<Double> confidence = new ArrayList<>();
    private final Map<String, Integer> counts = new TreeMap<>();
    private final List<float[]> plotVectors = new ArrayList<>();
    private final List<String> plotLabels = new ArrayList<>();
    private int cells;
    private int withoutGeneVector;

    /**
     * @param out the output folder
     * @param embeddings whether to write OUT/embeddings.tsv (when the method has vectors)
     * @param plotLimit keep the vectors of the first cells up to this count for a picture (0: none); a query with
     *        more cells gets no picture
     */
    PredictionOutput(Path out, boolean embeddings, int plotLimit) throws IOException {
        this.out = out;
        this.embeddings = embeddings;
        this.plotLimit = plotLimit;
        this.predictions = new AtomicOutput(out.resolve("predictions.csv"));
        predictions.writer().write("cell_id,predicted_label,confidence\n");
    }

    /** Writes one batch's predictions and keeps what the scores and the picture need. */
    void write(CellBatch batch, FittedMethod.BatchPrediction p, String vectorSpace) throws IOException {
        BufferedWriter w = predictions.writer();
        for (int i = 0; i < batch.size(); i++) {
            w.write(csvField(batch.cellId(i)) + ',' + csvField(p.labels()[i]) + ','
                + String.format(Locale.ROOT, "%.6f", p.confidence()[i]) + '\n');
            counts.merge(p.labels()[i], 1, Integer::sum);
            if (batch.label(i) != null) {
                truth.add(batch.label(i));
                predicted.add(p.labels()[i]);
                rawPredicted.add(p.rawLabels()[i]);
                confidence.add(p.confidence()[i]);
            }
        }
        if (p.vectors() != null && embeddings) {
            writeVectors(batch, p.vectors(), vectorSpace);
        }
        if (p.vectors() != null && plotLimit > 0 && cells + batch.size() <= plotLimit) {
            for (int i = 0; i < batch.size(); i++) {
                plotVectors.add(p.vectors()[i]);
                plotLabels.add(p.labels()[i]);
            }
        }
        cells += batch.size();
        withoutGeneVector += p.cellsWithoutGeneVector();
    }

    private void writeVectors(CellBatch batch, float[][] x, String vectorSpace) throws IOException {
        if (vectors == null) {
            vectors = new AtomicOutput(out.resolve("embeddings.tsv"));
            StringBuilder header = new StringBuilder("cell_id");
            int dim = x.length == 0 ? 0 : x[0].length;
            for (int d = 1; d <= dim; d++) {
                header.append('\t').append(vectorSpace.replace('-', '_')).append('_').append(d);
            }
            vectors.writer().write(header + "\n");
        }
        BufferedWriter w = vectors.writer();
        for (int i = 0; i < batch.size(); i++) {
            line.setLength(0);
            line.append(AtomicOutput.field(batch.cellId(i)));
            for (float v : x[i]) {
                line.append('\t').append(v);
            }
            w.write(line.append('\n').toString());
        }
    }

    /** Makes the written files visible under their final names. */
    void commit() throws IOException {
        predictions.commit();
        if (vectors != null) {
            vectors.commit();
        }
    }

    @Override
    public void close() {
        predictions.close();
        if (vectors != null) {
            vectors.close();
        }
    }

    /** @return cells written */
    int cells() {
        return cells;
    }

    /** @return cells none of whose top genes has a gene vector */
    int cellsWithoutGeneVector() {
        return withoutGeneVector;
    }

    /** @return the kept vectors for a picture, or {@code null} when the query has more cells than the limit */
    float[][] plotVectors() {
        return plotVectors.isEmpty() || cells > plotLimit ? null : plotVectors.toArray(float[][]::new);
    }

    /** @return the predicted labels of {@link #plotVectors()} */
    String[] plotLabels() {
        return plotLabels.toArray(String[]::new);
    }

    /**
     * Prints the summary (scores of a labelled query, else the predicted label counts) and writes OUT/metrics.json.
     *
     * @param run what the run was: method, cell counts, … (written first)
     * @param model the fitted method (its reject option is written)
     * @param stats wall time and peak heap
     * @param stdout receives the summary
     * @param err receives notes
     */
    void finish(Map<String, Object> run, FittedMethod model, RunStats stats, PrintWriter stdout, PrintWriter err) {
        Map<String, Object> json = new LinkedHashMap<>(run);
        FittedMethod.Reject held = model.reject();
        if (held != null) {
            int rejected = counts.getOrDefault(Classifier.UNKNOWN, 0);
            stdout.printf(Locale.ROOT, "reject threshold %.4f (target accuracy %.3f on held-out reference cells: "
                + "accuracy %.3f, coverage %.3f); %d of %d query cells labelled %s%n", held.threshold(),
                held.targetAccuracy(), held.accuracy(), held.coverage(), rejected, cells, Classifier.UNKNOWN);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("target_accuracy", held.targetAccuracy());
            r.put("threshold", held.threshold());
            r.put("target_reached", held.targetReached());
            r.put("calibration_cells", held.calibrationCells());
            r.put("fit_cells", held.fitCells());
            r.put("calibration_accuracy", held.accuracy());
            r.put("calibration_coverage", held.coverage());
            r.put("calibration_ece", held.ece());
            json.put("reject", r);
        }
        if (!truth.isEmpty() && predicted.stream().allMatch(Classifier.UNKNOWN::equals)) {
            err.printf("note: every labelled query cell is %s; no metrics to compute%n", Classifier.UNKNOWN);
        } else if (!truth.isEmpty()) {
            AnnotationMetrics metrics = AnnotationMetrics.score(truth.toArray(String[]::new),
                predicted.toArray(String[]::new), UnknownPolicy.EXCLUDE);
            // the classifier's own calibration on the labelled query cells, before any rejection
            Calibration calibration = Calibration.ofPredictions(truth.toArray(String[]::new),
                rawPredicted.toArray(String[]::new), confidence.stream().mapToDouble(Double::doubleValue).toArray(),
                Calibration.DEFAULT_BINS).orElse(null);
            putQueryMetrics(json, metrics, calibration);
            stdout.printf("scored %d labelled query cells%n", truth.size());
            EvaluationReport.Stat[] s = {stat(metrics.accuracy()), stat(metrics.macroF1()),
                stat(metrics.weightedF1()), stat(metrics.kappa())};
            AnnotationSteps.printTable(stdout, List.of(new EvaluationReport.Summary(model.method(), s[0], s[1], s[2],
                s[3])), false);
        } else {
            stdout.printf("predicted labels: %s%n", counts);
        }
        json.put("predicted_counts", counts);
        stats.putInto(json);
        json.put("cells_per_second", Math.round(cells / Math.max(1e-9, stats.wallSeconds()) * 10) / 10.0);
        try (AtomicOutput file = new AtomicOutput(out.resolve("metrics.json"))) {
            file.writer().write(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(json) + "\n");
            file.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + out.resolve("metrics.json") + ": " + e.getMessage(), e);
        }
        stdout.flush();
    }

    private static EvaluationReport.Stat stat(double v) {
        return new EvaluationReport.Stat(v, 0);
    }

    private static void putQueryMetrics(Map<String, Object> json, AnnotationMetrics metrics,
        Calibration calibration) {
        json.put("n_scored", metrics.total());
        json.put("n_unknown", metrics.rejected());
        json.put("coverage", metrics.coverage());
        json.put("accuracy", metrics.accuracy());
        json.put("macro_f1", metrics.macroF1());
        json.put("weighted_f1", metrics.weightedF1());
        json.put("kappa", metrics.kappa());
        List<Map<String, Object>> perClass = new ArrayList<>();
        for (ClassScore c : metrics.perClass()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("label", c.label());
            row.put("precision", c.precision());
            row.put("recall", c.recall());
            row.put("f1", c.f1());
            row.put("support", c.support());
            perClass.add(row);
        }
        json.put("per_class", perClass);
        if (calibration != null) {
            json.put("ece", calibration.ece());
            json.put("mce", calibration.mce());
        }
    }

    /** Quotes a CSV field when it holds a comma, a quote or a line break. */
    static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
