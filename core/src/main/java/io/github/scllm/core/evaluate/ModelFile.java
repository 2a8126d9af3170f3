package io.github.scllm.core.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.UnsupportedFormatException;
import io.github.scllm.core.classify.Classifier;
import io.github.scllm.core.classify.Classifiers;
import io.github.scllm.core.refine.ExpressionPca;
import io.github.scllm.core.refine.ProjectionHead;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The file form of a {@link FittedMethod}: a zip archive whose {@code model.json} names the format and its version,
 * the method, the gene count, the feature steps in order (each with its kind and the entry holding it), the
 * projection head and classifier entries, the reject option, the notes and facts about the fit. Binary entries hold
 * the numbers exactly (big-endian), so a read model predicts bit for bit as the written one. The command line and the
 * KNIME model port share this form.
 *
 * <p>Versioning: {@link #FORMAT_VERSION} rises when an existing entry changes meaning; a new method adds feature or
 * classifier kinds without changing the version, and an older reader names the kind it does not know.
 */
public final class ModelFile {
    /** The value of {@code format} in {@code model.json}. */
    public static final String FORMAT = "scllm-fitted-method";
    /** The version this build writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** Usual file name extension. */
    public static final String EXTENSION = ".scllm-model";

    private static final String MANIFEST = "model.json";
    private static final String GENES = "genes.bin";
    private static final String HEAD = "head.bin";
    private static final String CLASSIFIER = "classifier.bin";

    private ModelFile() {
    }

    /**
     * Writes a fitted method.
     *
     * @param model the fitted method
     * @param stream where to write; not closed
     * @throws UncheckedIOException if the stream fails
     */
    public static void write(FittedMethod model, OutputStream stream) {
        try {
            ZipOutputStream zip = new ZipOutputStream(stream);
            List<Map<String, Object>> features = new ArrayList<>();
            for (int i = 0; i < model.features().size(); i++) {
                FittedMethod.Feature f = model.features().get(i);
                String entry = "feature-" + i + "-" + f.kind() + ".bin";
                features.add(Map.of("kind", f.kind(), "entry", entry));
                zip.putNextEntry(new ZipEntry(entry));
                writeFeature(f, new DataOutputStream(zip));
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry(GENES));
            DataOutputStream genes = new DataOutputStream(zip);
            String[] symbols = model.symbols();
            genes.writeInt(symbols.length);
            for (int g = 0; g < symbols.length; g++) {
                genes.writeUTF(symbols[g]);
                genes.writeInt(model.expressionIndex()[g]);
            }
            genes.flush();
            zip.closeEntry();
            if (model.head() != null) {
                zip.putNextEntry(new ZipEntry(HEAD));
                model.head().writeTo(zip);
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry(CLASSIFIER));
            DataOutputStream c = new DataOutputStream(zip);
            Classifiers.write(model.classifier(), c);
            c.flush();
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(manifest(model, features)));
            zip.closeEntry();
            zip.finish();
            zip.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the fitted model: " + e.getMessage(), e);
        }
    }

    /** @return the model as bytes (see {@link #write}) */
    public static byte[] toBytes(FittedMethod model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(model, out);
        return out.toByteArray();
    }

    private static Map<String, Object> manifest(FittedMethod model, List<Map<String, Object>> features) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("format_version", FORMAT_VERSION);
        json.put("method", model.method().id());
        json.put("genes", model.symbols().length);
        json.put("expression_genes", model.expressionGeneCount());
        json.put("classes", model.classes());
        json.put("vector_space", model.vectorSpace());
        json.put("features", features);
        json.put("head", model.head() == null ? null : HEAD);
        json.put("classifier", CLASSIFIER);
        FittedMethod.Reject r = model.reject();
        if (r != null) {
            Map<String, Object> reject = new LinkedHashMap<>();
            reject.put("threshold", r.threshold());
            reject.put("target_accuracy", r.targetAccuracy());
            reject.put("target_reached", r.targetReached());
            reject.put("calibration_cells", r.calibrationCells());
            reject.put("fit_cells", r.fitCells());
            reject.put("calibration_accuracy", r.accuracy());
            reject.put("calibration_coverage", r.coverage());
            reject.put("calibration_ece", r.ece());
            json.put("reject", reject);
        }
        json.put("notes", model.notes());
        json.put("about", new LinkedHashMap<>(model.about()));
        return json;
    }

    private static void writeFeature(FittedMethod.Feature f, DataOutputStream out) throws IOException {
        if (f instanceof FittedMethod.PcaFeature p) {
            p.pca().writeTo(out);
        } else if (f instanceof FittedMethod.ScaledGenesFeature s) {
            out.writeInt(s.genes().length);
            out.writeDouble(s.clip());
            for (int j = 0; j < s.genes().length; j++) {
                out.writeInt(s.genes()[j]);
                out.writeDouble(s.mean()[j]);
                out.writeDouble(s.sd()[j]);
            }
        } else if (f instanceof FittedMethod.GeneEmbeddingFeature t) {
            out.writeInt(t.topN());
            out.writeInt(t.vectors().dimension());
            out.writeInt(t.vectors().size());
            for (Map.Entry<String, float[]> e : t.vectors().bySymbol().entrySet()) {
                out.writeUTF(e.getKey());
                for (float x : e.getValue()) {
                    out.writeFloat(x);
                }
            }
        } else {
            throw new IllegalArgumentException("No file form for feature kind " + f.kind());
        }
        out.flush();
    }

    /**
     * Reads a fitted method.
     *
     * @param stream a stream positioned at a model written by {@link #write}; read to its end, not closed
     * @param source a name of the stream for messages (e.g. the file)
     * @param threads worker threads of the read model's steps, at least 1
     * @return the fitted method
     * @throws UnsupportedFormatException if the stream is not a fitted model, or of another format version, or holds a
     *         step this version does not know
     * @throws InvalidInputException if the model is truncated or inconsistent
     * @throws UncheckedIOException if the stream fails
     */
    public static FittedMethod read(InputStream stream, String source, int threads) {
        Map<String, byte[]> entries = new HashMap<>();
        try {
            ZipInputStream zip = new ZipInputStream(stream);
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (ZipException e) {
            throw notAModel(source, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the fitted model " + source + ": " + e.getMessage(), e);
        }
        byte[] manifest = entries.get(MANIFEST);
        if (manifest == null) {
            throw notAModel(source, null);
        }
        try {
            JsonNode json = new ObjectMapper().readTree(new String(manifest, StandardCharsets.UTF_8));
            if (!FORMAT.equals(json.path("format").asText())) {
                throw notAModel(source, null);
            }
            int version = json.path("format_version").asInt(-1);
            if (version != FORMAT_VERSION) {
                throw new UnsupportedFormatException(source + " is a fitted model of format version " + version
                        + "; this scllm reads version " + FORMAT_VERSION + ". Fit the model again with this version, "
                        + "or use the scllm that wrote it.");
            }
            Method method = Method.parse(json.path("method").asText());
            DataInputStream genes = entry(entries, GENES, source);
            int n = genes.readInt();
            String[] symbols = new String[n];
            int[] expressionIndex = new int[n];
            for (int g = 0; g < n; g++) {
                symbols[g] = genes.readUTF();
                expressionIndex[g] = genes.readInt();
            }
            List<FittedMethod.Feature> features = new ArrayList<>();
            for (JsonNode f : json.path("features")) {
                features.add(readFeature(f.path("kind").asText(), entry(entries, f.path("entry").asText(), source),
                        source));
            }
            ProjectionHead head = json.path("head").isTextual()
                    ? ProjectionHead.readFrom(entry(entries, json.path("head").asText(), source)) : null;
            Classifier classifier = Classifiers.read(entry(entries, json.path("classifier").asText(), source),
                    threads);
            List<String> notes = new ArrayList<>();
            json.path("notes").forEach(t -> notes.add(t.asText()));
            Map<String, String> about = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = json.path("about").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                about.put(e.getKey(), e.getValue().asText());
            }
            JsonNode r = json.path("reject");
            FittedMethod.Reject reject = r.isObject() ? new FittedMethod.Reject(r.path("threshold").asDouble(),
                    r.path("target_accuracy").asDouble(), r.path("target_reached").asBoolean(),
                    r.path("calibration_cells").asInt(), r.path("fit_cells").asInt(),
                    r.path("calibration_accuracy").asDouble(), r.path("calibration_coverage").asDouble(),
                    r.path("calibration_ece").asDouble()) : null;
            String space = json.path("vector_space").isTextual() ? json.path("vector_space").asText() : null;
            return new FittedMethod(method, symbols, expressionIndex, features, head, classifier, space, notes, reject,
                    about);
        } catch (EOFException e) {
            throw new InvalidInputException("The fitted model " + source + " is truncated; write it again.", e);
        } catch (IOException e) {
            throw new InvalidInputException("The fitted model " + source + " is damaged (" + e.getMessage()
                    + "); write it again.", e);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedFormatException("The fitted model " + source + " uses a setting this scllm does not "
                    + "know (" + e.getMessage() + "); update scllm or fit the model again.", e);
        }
    }

    /** @return a model read from {@link #toBytes} output */
    public static FittedMethod fromBytes(byte[] bytes, String source, int threads) {
        return read(new ByteArrayInputStream(bytes), source, threads);
    }

    private static FittedMethod.Feature readFeature(String kind, DataInputStream in, String source)
            throws IOException {
        switch (kind) {
            case FittedMethod.PcaFeature.KIND:
                return new FittedMethod.PcaFeature(ExpressionPca.readFrom(in));
            case FittedMethod.ScaledGenesFeature.KIND: {
                int m = in.readInt();
                double clip = in.readDouble();
                int[] genes = new int[m];
                double[] mean = new double[m];
                double[] sd = new double[m];
                for (int j = 0; j < m; j++) {
                    genes[j] = in.readInt();
                    mean[j] = in.readDouble();
                    sd[j] = in.readDouble();
                }
                return new FittedMethod.ScaledGenesFeature(genes, mean, sd, clip);
            }
            case FittedMethod.GeneEmbeddingFeature.KIND: {
                int topN = in.readInt();
                int dim = in.readInt();
                int count = in.readInt();
                Map<String, float[]> vectors = new LinkedHashMap<>();
                for (int i = 0; i < count; i++) {
                    String symbol = in.readUTF();
                    float[] v = new float[dim];
                    for (int d = 0; d < dim; d++) {
                        v[d] = in.readFloat();
                    }
                    vectors.put(symbol, v);
                }
                return new FittedMethod.GeneEmbeddingFeature(topN, GeneVectors.stored(vectors, dim));
            }
            default:
                throw new UnsupportedFormatException("The fitted model " + source + " has a step of kind '" + kind
                        + "', which this scllm does not know; update scllm to apply it.");
        }
    }

    private static DataInputStream entry(Map<String, byte[]> entries, String name, String source) {
        byte[] b = entries.get(name);
        if (b == null) {
            throw new InvalidInputException("The fitted model " + source + " lacks its entry '" + name + "'; write it "
                    + "again.");
        }
        return new DataInputStream(new ByteArrayInputStream(b));
    }

    private static UnsupportedFormatException notAModel(String source, Exception cause) {
        return new UnsupportedFormatException(source + " is not a fitted scllm model (no " + MANIFEST + " of format "
                + FORMAT + "); write one with scllm fit or KNIME's model writer of an scllm model port.", cause);
    }
}
