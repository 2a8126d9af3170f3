package io.github.scllm.core.embed.local;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.EngineException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.UnsupportedFormatException;
import io.github.scllm.core.embed.EmbedderIdentity;
import io.github.scllm.core.embed.TextEmbedder;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A BERT-family ONNX model run in-process by ONNX Runtime: each text is tokenized, run through one reused session,
 * pooled (CLS or attention-masked mean) and L2-normalised. Texts run one per session call, so a text's vector never
 * depends on the texts embedded with it (quantized models scale activations over the whole input); parallelism comes
 * from ONNX Runtime's intra-op threads or from several texts running at once. Progress is reported every
 * {@link #BATCH_SIZE} texts, cancellation is checked before every text. Thread-safe: ONNX Runtime sessions accept
 * concurrent runs.
 */
final class OnnxTextEmbedder implements TextEmbedder {

    /** Texts between progress reports. */
    static final int BATCH_SIZE = 32;

    private static final String INPUT_IDS = "input_ids";
    private static final String ATTENTION_MASK = "attention_mask";
    private static final String TOKEN_TYPE_IDS = "token_type_ids";
    private static final String PREFERRED_OUTPUT = "last_hidden_state";

    private static volatile OrtEnvironment environment;

    private final EmbedderIdentity identity;
    private final String modelName;
    private final WordPieceTokenizer tokenizer;
    private final Pooling pooling;
    private final OrtSession session;
    /** Model input name → its element type (INT64 or INT32). */
    private final Map<String, OnnxJavaType> inputs;
    private final String output;
    private final int dimension;
    /** Runs texts side by side; null when they run one after the other in the calling thread. */
    private final ExecutorService pool;
    private volatile boolean closed;

    /**
     * @param modelName where the model came from, for messages
     * @param model     the model bytes (class-path resource) or null to read {@code modelPath}
     * @param modelPath the model file, or null when {@code model} is given
     */
    OnnxTextEmbedder(EmbedderIdentity identity, String modelName, byte[] model, String modelPath,
                     WordPieceTokenizer tokenizer, Pooling pooling, int intraOpThreads, int workers) {
        this.identity = identity;
        this.modelName = modelName;
        this.tokenizer = tokenizer;
        this.pooling = pooling;
        OrtEnvironment env = environment();
        OrtSession created;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
            created = model != null ? env.createSession(model, options) : env.createSession(modelPath, options);
        } catch (OrtException e) {
            throw new InvalidInputException("ONNX model " + modelName + " cannot be loaded by ONNX Runtime "
                    + env.getVersion() + ": " + e.getMessage() + ". Choose a model.onnx exported for "
                    + "feature extraction (e.g. optimum-cli export onnx --task feature-extraction).", e);
        }
        this.session = created;
        try {
            this.inputs = checkInputs(session.getInputInfo());
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            this.output = chooseOutput(outputs);
            long hidden = ((TensorInfo) outputs.get(output).getInfo()).getShape()[2];
            this.dimension = hidden > 0 ? (int) hidden : -1;
        } catch (OrtException | RuntimeException e) {
            closeQuietly();
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new InvalidInputException("Cannot read the inputs and outputs of ONNX model " + modelName + ": "
                    + e.getMessage(), e);
        }
        this.pool = workers > 1 ? Executors.newFixedThreadPool(workers, daemonThreads()) : null;
    }

    /** The process-wide ONNX Runtime environment, created on first use with telemetry off. */
    static OrtEnvironment environment() {
        OrtEnvironment env = environment;
        if (env == null) {
            synchronized (OnnxTextEmbedder.class) {
                env = environment;
                if (env == null) {
                    try {
                        env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL, "scllm");
                        // 1.28 collects nothing on Linux and macOS; Windows event tracing is on until switched off
                        env.setTelemetry(false);
                    } catch (OrtException | LinkageError e) {
                        throw new EngineException("ONNX Runtime cannot start on this machine (" + System.getProperty("os.name")
                                + ", " + System.getProperty("os.arch") + "): " + e.getMessage() + ". Use a remote "
                                + "embedding provider instead.", e);
                    }
                    environment = env;
                }
            }
        }
        return env;
    }

    private Map<String, OnnxJavaType> checkInputs(Map<String, NodeInfo> info) {
        Map<String, OnnxJavaType> found = new LinkedHashMap<>();
        List<String> unexpected = new ArrayList<>();
        for (Map.Entry<String, NodeInfo> e : info.entrySet()) {
            String name = e.getKey();
            if (!Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS).contains(name)) {
                unexpected.add(name + " " + describe(e.getValue()));
                continue;
            }
            if (!(e.getValue().getInfo() instanceof TensorInfo t) || t.getShape().length != 2
                    || t.type != OnnxJavaType.INT64 && t.type != OnnxJavaType.INT32) {
                throw new UnsupportedFormatException("ONNX model " + modelName + ": input " + name + " is "
                        + describe(e.getValue()) + ", expected a 2-d int64 or int32 tensor [batch, tokens]. Export "
                        + "the model again for feature extraction.");
            }
            found.put(name, t.type);
        }
        if (!unexpected.isEmpty() || !found.containsKey(INPUT_IDS)) {
            throw new UnsupportedFormatException("ONNX model " + modelName + " has inputs " + describeAll(info)
                    + (unexpected.isEmpty() ? " without input_ids" : "; not a BERT text input: " + unexpected)
                    + ". A BERT-family text model takes input_ids, attention_mask and optionally token_type_ids: "
                    + "export the text model for feature extraction (e.g. optimum-cli export onnx --task "
                    + "feature-extraction) and choose that model.onnx.");
        }
        return found;
    }

    private String chooseOutput(Map<String, NodeInfo> outputs) {
        String chosen = null;
        for (Map.Entry<String, NodeInfo> e : outputs.entrySet()) {
            boolean tokenLevel = e.getValue().getInfo() instanceof TensorInfo t && t.getShape().length == 3;
            if (tokenLevel && (chosen == null || PREFERRED_OUTPUT.equals(e.getKey()))) {
                chosen = e.getKey();
            }
        }
        if (chosen == null) {
            throw new UnsupportedFormatException("ONNX model " + modelName + " has no token-level output (a 3-d "
                    + "[batch, tokens, hidden] tensor such as last_hidden_state); its outputs are "
                    + describeAll(outputs) + ". Export the model for feature extraction (e.g. optimum-cli export "
                    + "onnx --task feature-extraction) so that it returns last_hidden_state.");
        }
        TensorInfo t = (TensorInfo) outputs.get(chosen).getInfo();
        if (t.type != OnnxJavaType.FLOAT) {
            throw new UnsupportedFormatException("ONNX model " + modelName + ": output " + chosen + " holds " + t.type
                    + " values, expected float32. Export the model in float32 (int8-quantized weights are fine).");
        }
        return chosen;
    }

    private static String describe(NodeInfo node) {
        return node.getInfo() instanceof TensorInfo t ? t.type + Arrays.toString(t.getShape()) : node.getInfo().toString();
    }

    private static String describeAll(Map<String, NodeInfo> nodes) {
        List<String> parts = new ArrayList<>();
        nodes.forEach((name, node) -> parts.add(name + " " + describe(node)));
        return parts.toString();
    }

    @Override
    public EmbedderIdentity identity() {
        return identity;
    }

    /** The vector length, or -1 when the model leaves its hidden size symbolic (known after the first run). */
    int dimension() {
        return dimension;
    }

    /** The tokenizer in use. */
    WordPieceTokenizer tokenizer() {
        return tokenizer;
    }

    /** Names of the model inputs that are fed. */
    Set<String> inputNames() {
        return inputs.keySet();
    }

    /** The model output that is pooled. */
    String outputName() {
        return output;
    }

    @Override
    public float[][] embed(List<String> texts, CancellationToken cancel, ProgressListener progress) {
        if (closed) {
            throw new IllegalStateException("The embedder of " + modelName + " is closed");
        }
        int n = texts.size();
        for (int i = 0; i < n; i++) {
            String text = texts.get(i);
            if (text == null || text.isBlank()) {
                throw new InvalidInputException("Text " + (i + 1) + " of " + n + " is " + (text == null ? "missing" : "blank")
                        + ": filter out rows without text before embedding.");
            }
        }
        float[][] result = new float[n][];
        for (int from = 0; from < n; from += BATCH_SIZE) {
            cancel.check();
            int to = Math.min(n, from + BATCH_SIZE);
            if (pool == null) {
                for (int i = from; i < to; i++) {
                    cancel.check();
                    result[i] = run(texts.get(i), i);
                }
            } else {
                List<Future<float[]>> runs = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    final int position = i;
                    runs.add(pool.submit(() -> {
                        cancel.check();
                        return run(texts.get(position), position);
                    }));
                }
                collect(runs, result, from);
            }
            progress.progress((double) to / n, "Embedded " + to + " of " + n + " texts with " + identity.model());
        }
        return result;
    }

    private static void collect(List<Future<float[]>> runs, float[][] result, int from) {
        try {
            for (int k = 0; k < runs.size(); k++) {
                result[from + k] = runs.get(k).get();
            }
        } catch (InterruptedException e) {
            runs.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            runs.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new EngineException("Embedding failed: " + e.getCause(), e.getCause());
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "scllm-onnx-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One text per session run: a dynamically quantized model scales activations over the whole input tensor, so
     * texts run together would change each other's vectors. */
    private float[] run(String text, int position) {
        WordPieceTokenizer.Batch batch = tokenizer.encodeBatch(List.of(text));
        long[] shape = {batch.size(), batch.length()};
        OrtEnvironment env = environment();
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            for (Map.Entry<String, OnnxJavaType> input : inputs.entrySet()) {
                long[] values = switch (input.getKey()) {
                    case INPUT_IDS -> batch.inputIds();
                    case ATTENTION_MASK -> batch.attentionMask();
                    default -> batch.tokenTypeIds();
                };
                feed.put(input.getKey(), tensor(env, values, shape, input.getValue()));
            }
            try (OrtSession.Result result = session.run(feed, Set.of(output))) {
                OnnxValue value = result.get(output).orElseThrow();
                OnnxTensor tensor = (OnnxTensor) value;
                long[] outShape = tensor.getInfo().getShape();
                if (outShape.length != 3 || outShape[0] != batch.size() || outShape[1] != batch.length()) {
                    throw new UnsupportedFormatException("ONNX model " + modelName + ": output " + output + " has shape "
                            + Arrays.toString(outShape) + " for " + batch.size() + " texts of " + batch.length()
                            + " tokens, expected [" + batch.size() + ", " + batch.length() + ", hidden]. Export the model "
                            + "for feature extraction.");
                }
                return pool(tensor.getFloatBuffer(), batch, (int) outShape[2])[0];
            }
        } catch (OrtException e) {
            throw new EngineException("ONNX Runtime failed on text " + (position + 1) + " with model " + modelName + ": "
                    + e.getMessage() + ". Check that the tokenizer belongs to this model (token ids beyond the model's "
                    + "vocabulary fail here).", e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    private static OnnxTensor tensor(OrtEnvironment env, long[] values, long[] shape, OnnxJavaType type)
            throws OrtException {
        if (type == OnnxJavaType.INT32) {
            int[] ints = new int[values.length];
            for (int i = 0; i < ints.length; i++) {
                ints[i] = (int) values[i];
            }
            return OnnxTensor.createTensor(env, IntBuffer.wrap(ints), shape);
        }
        return OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape);
    }

    /** CLS or masked-mean pooling of {@code [size, length, hidden]} token vectors, then L2 normalisation. */
    private float[][] pool(FloatBuffer tokens, WordPieceTokenizer.Batch batch, int hidden) {
        float[][] out = new float[batch.size()][];
        int length = batch.length();
        long[] mask = batch.attentionMask();
        for (int b = 0; b < batch.size(); b++) {
            double[] sum = new double[hidden];
            int base = b * length * hidden;
            if (pooling == Pooling.CLS) {
                for (int d = 0; d < hidden; d++) {
                    sum[d] = tokens.get(base + d);
                }
            } else {
                int count = 0;
                for (int t = 0; t < length; t++) {
                    if (mask[b * length + t] == 0) {
                        continue;
                    }
                    count++;
                    int row = base + t * hidden;
                    for (int d = 0; d < hidden; d++) {
                        sum[d] += tokens.get(row + d);
                    }
                }
                for (int d = 0; d < hidden; d++) {
                    sum[d] /= count;
                }
            }
            double norm = 0;
            for (double v : sum) {
                norm += v * v;
            }
            double scale = norm > 0 ? 1 / Math.sqrt(norm) : 1;
            float[] vector = new float[hidden];
            for (int d = 0; d < hidden; d++) {
                vector[d] = (float) (sum[d] * scale);
            }
            out[b] = vector;
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
        if (pool != null) {
            pool.shutdownNow();
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            session.close();
        } catch (OrtException | IllegalStateException e) {
            // already closed or the native side is gone: nothing left to release
        }
    }

    @Override
    public String toString() {
        return "OnnxTextEmbedder[" + identity + ", " + pooling + ", output " + output + "]";
    }
}
