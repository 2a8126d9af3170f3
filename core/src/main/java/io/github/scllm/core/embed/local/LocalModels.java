package io.github.scllm.core.embed.local;

import io.github.scllm.core.embed.TextEmbedder;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Entry point to in-process embedding models. Contract shared by the command line and the KNIME nodes;
 * the implementation is being written.
 */
public final class LocalModels {

    private LocalModels() {
    }

    /**
     * @return why local models cannot run here (ONNX Runtime or the built-in model missing, with what to install),
     *         or empty when they can
     */
    public static Optional<String> unavailableReason() {
        return Optional.of("The local model runtime is not part of this build yet.");
    }

    /**
     * The built-in sentence embedding model: no network, no key.
     *
     * @param threads intra-op threads for ONNX Runtime, at least 1
     */
    public static TextEmbedder builtIn(int threads) {
        throw new IllegalStateException(unavailableReason().orElseThrow());
    }

    /**
     * A user-supplied BERT-family ONNX export.
     *
     * @param model     the model.onnx file
     * @param tokenizer its tokenizer.json (HuggingFace fast-tokenizer format, WordPiece)
     * @param pooling   how token vectors are pooled
     * @param threads   intra-op threads, at least 1
     */
    public static TextEmbedder onnx(Path model, Path tokenizer, Pooling pooling, int threads) {
        throw new IllegalStateException(unavailableReason().orElseThrow());
    }
}
