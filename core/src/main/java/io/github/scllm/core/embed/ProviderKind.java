package io.github.scllm.core.embed;

import io.github.scllm.core.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;

/** The kinds of embedding provider, with the ids used in settings, column properties and cache keys. */
public enum ProviderKind {
    /** The built-in in-process sentence model: no network, no key. */
    LOCAL("local", "built-in local model", false),
    /** A user-supplied BERT-family ONNX export run in-process. */
    ONNX("onnx", "ONNX model", false),
    /** OpenAI's embeddings endpoint. */
    OPENAI("openai", "OpenAI", true),
    /** An Azure OpenAI deployment. */
    AZURE("azure", "Azure OpenAI", true),
    /** Any server with an OpenAI-style {@code /v1/embeddings} route: Ollama, vLLM, llama.cpp, LM Studio, TEI. */
    OPENAI_COMPATIBLE("openai-compatible", "OpenAI-compatible server", true),
    /** HuggingFace text-embeddings-inference, native {@code /embed} route. */
    TEI("tei", "text-embeddings-inference", true);

    private final String id;
    private final String displayName;
    private final boolean remote;

    ProviderKind(String id, String displayName, boolean remote) {
        this.id = id;
        this.displayName = displayName;
        this.remote = remote;
    }

    /** @return the id used in settings and cache keys, e.g. {@code openai-compatible} */
    public String id() {
        return id;
    }

    /** @return a name for messages, e.g. {@code Azure OpenAI} */
    public String displayName() {
        return displayName;
    }

    /** @return whether texts leave the machine (a network request per batch) */
    public boolean isRemote() {
        return remote;
    }

    /**
     * @param id an id as returned by {@link #id()}, case-insensitive
     * @return the kind
     * @throws InvalidInputException naming the valid ids when the id is unknown
     */
    public static ProviderKind fromId(String id) {
        String wanted = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        for (ProviderKind k : values()) {
            if (k.id.equals(wanted)) {
                return k;
            }
        }
        throw new InvalidInputException("Unknown embedding provider '" + id + "': use one of "
                + Arrays.stream(values()).map(ProviderKind::id).toList() + ".");
    }
}
