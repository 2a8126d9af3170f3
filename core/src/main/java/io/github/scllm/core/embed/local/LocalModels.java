package io.github.scllm.core.embed.local;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.embed.EmbedderIdentity;
import io.github.scllm.core.embed.TextEmbedder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Entry point to in-process embedding models, shared by the command line and the KNIME nodes.
 *
 * <p>ONNX Runtime and the built-in model are optional: the command line's jar carries them, a KNIME installation
 * gets them from the "scLLM Local Embedding Model" feature. Call {@link #unavailableReason()} (or
 * {@link #onnxUnavailableReason()} for user models) before {@link #builtIn(int)} / {@link #onnx}: this class refers to
 * no ONNX Runtime type, so the checks work when the runtime is missing.
 *
 * <p>Every vector is L2-normalised. Telemetry of ONNX Runtime is off and nothing is downloaded.
 */
public final class LocalModels {

    /** Provider id of the built-in model in {@link EmbedderIdentity}. */
    public static final String BUILT_IN_PROVIDER = "local";
    /** Model name of the built-in model in {@link EmbedderIdentity}. */
    public static final String BUILT_IN_MODEL = "bge-small-en-v1.5-q";
    /** Vector length of the built-in model. */
    public static final int BUILT_IN_DIMENSION = 384;
    /** Provider id of user-supplied ONNX models in {@link EmbedderIdentity}. */
    public static final String ONNX_PROVIDER = "onnx";

    /**
     * ONNX Runtime threads per text. Texts run one per session call (see {@link OnnxTextEmbedder}); on short inputs
     * spreading one text over several intra-op threads gained nothing on a busy 2-core machine (4.9 texts/s with 2
     * intra-op threads against 14 with one), so {@code threads} texts run side by side instead, one thread each.
     */
    private static final int INTRA_OP_THREADS = 1;

    private LocalModels() {
    }

    /**
     * @return why the built-in model cannot run here (ONNX Runtime or the built-in model missing, with what to
     *         install), or empty when it can
     */
    public static Optional<String> unavailableReason() {
        return OnnxRuntimeSupport.builtInUnavailableReason();
    }

    /**
     * @return why user-supplied ONNX models cannot run here (ONNX Runtime missing, with what to install, or no
     *         native library for this platform), or empty when they can
     */
    public static Optional<String> onnxUnavailableReason() {
        return OnnxRuntimeSupport.runtimeUnavailableReason();
    }

    /**
     * The built-in sentence embedding model, BAAI's bge-small-en-v1.5 (int8-quantized ONNX export): 384 dimensions,
     * CLS pooling, texts truncated to 512 tokens. No network, no key. The returned embedder owns a native session:
     * close it.
     *
     * @param threads texts embedded at the same time, each on one thread; at least 1
     * @throws IllegalArgumentException when {@code threads < 1}
     * @throws EngineException          when {@link #unavailableReason()} is not empty or ONNX Runtime cannot start
     */
    public static TextEmbedder builtIn(int threads) {
        checkThreads(threads);
        Optional<String> reason = unavailableReason();
        if (reason.isPresent()) {
            throw new EngineException(reason.get());
        }
        ClassLoader loader = LocalModels.class.getClassLoader();
        WordPieceTokenizer tokenizer;
        byte[] model;
        try (InputStream t = loader.getResourceAsStream(OnnxRuntimeSupport.BUILT_IN_TOKENIZER);
             InputStream m = loader.getResourceAsStream(OnnxRuntimeSupport.BUILT_IN_MODEL)) {
            if (t == null || m == null) {
                throw new EngineException("The built-in embedding model disappeared from the class path: reinstall "
                        + "\"scLLM Local Embedding Model\".");
            }
            tokenizer = WordPieceTokenizer.read(t, OnnxRuntimeSupport.BUILT_IN_TOKENIZER,
                    WordPieceTokenizer.DEFAULT_MAX_LENGTH);
            model = m.readAllBytes();
        } catch (IOException e) {
            throw new EngineException("Cannot read the built-in embedding model from the class path: " + e.getMessage()
                    + ". Reinstall \"scLLM Local Embedding Model\".", e);
        }
        return new OnnxTextEmbedder(new EmbedderIdentity(BUILT_IN_PROVIDER, BUILT_IN_MODEL, 0),
                "built-in " + OnnxRuntimeSupport.BUILT_IN_MODEL, model, null, tokenizer, Pooling.CLS, INTRA_OP_THREADS, threads);
    }

    /**
     * A user-supplied BERT-family ONNX export (BioBERT, SciBERT, MiniLM, ...). The model must take
     * {@code input_ids} (and usually {@code attention_mask}, optionally {@code token_type_ids}) and return token
     * vectors ({@code last_hidden_state}, or else its first 3-d output). Texts are truncated to the tokenizer file's
     * truncation length, or 512 tokens. The identity's model name holds the file name, a hash of both files and the
     * pooling, so vectors of different exports never share cache entries. Close the returned embedder.
     *
     * @param model     the model.onnx file
     * @param tokenizer its tokenizer.json (HuggingFace fast-tokenizer format, WordPiece)
     * @param pooling   how token vectors are pooled
     * @param threads   texts embedded at the same time, each on one thread; at least 1
     * @throws IllegalArgumentException when {@code threads < 1}
     * @throws InvalidInputException    when a file is missing or unreadable, or the model cannot be loaded
     * @throws io.github.scllm.core.UnsupportedFormatException when the tokenizer is not WordPiece or the model's
     *                                  inputs or outputs are not those of a BERT text model
     * @throws EngineException          when {@link #onnxUnavailableReason()} is not empty
     */
    public static TextEmbedder onnx(Path model, Path tokenizer, Pooling pooling, int threads) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(pooling, "pooling");
        checkThreads(threads);
        if (!Files.isRegularFile(model)) {
            throw new InvalidInputException("ONNX model file " + model + (Files.isDirectory(model) ? " is a folder" : " does not exist")
                    + ": choose the model.onnx of a BERT-family model exported for feature extraction.");
        }
        if (!Files.isRegularFile(tokenizer)) {
            throw new InvalidInputException("Tokenizer file " + tokenizer + (Files.isDirectory(tokenizer) ? " is a folder" : " does not exist")
                    + ": choose the tokenizer.json exported with " + model.getFileName() + ".");
        }
        Optional<String> reason = onnxUnavailableReason();
        if (reason.isPresent()) {
            throw new EngineException(reason.get());
        }
        WordPieceTokenizer words = WordPieceTokenizer.load(tokenizer, WordPieceTokenizer.DEFAULT_MAX_LENGTH);
        String name = displayName(model) + "#" + fingerprint(model, tokenizer) + ":" + pooling.name().toLowerCase(Locale.ROOT);
        return new OnnxTextEmbedder(new EmbedderIdentity(ONNX_PROVIDER, name, 0), model.toString(), null,
                model.toAbsolutePath().toString(), words, pooling, INTRA_OP_THREADS, threads);
    }

    private static void checkThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
    }

    /** {@code folder/model.onnx}: exports are usually all called model.onnx, their folder tells them apart. */
    private static String displayName(Path model) {
        Path parent = model.toAbsolutePath().getParent();
        String file = model.getFileName().toString();
        return parent != null && parent.getFileName() != null ? parent.getFileName() + "/" + file : file;
    }

    /** First 12 hex digits of SHA-256 over the model and the tokenizer file. */
    private static String fingerprint(Path model, Path tokenizer) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (Path file : new Path[] {model, tokenizer}) {
                try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                    while (in.read(buffer) >= 0) {
                        // the digest stream consumes the bytes
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read " + model + " or " + tokenizer + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
