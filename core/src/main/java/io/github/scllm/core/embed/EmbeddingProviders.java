package io.github.scllm.core.embed;

import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.embed.local.LocalModels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds any embedding provider from plain {@link ProviderSettings}: the one place the command line and the KNIME
 * node turn settings into a {@link TextEmbedder}.
 *
 * <p>API keys: the key given in the settings wins (KNIME credentials, a command line option); otherwise the
 * environment variable named in the settings, otherwise the kind's default variable ({@value #OPENAI_KEY_ENV},
 * {@value #AZURE_KEY_ENV}). OpenAI and Azure require a key; OpenAI-compatible and TEI servers get one only when
 * given. A key is never logged nor put into a message.
 */
public final class EmbeddingProviders {
    /** Default environment variable of OpenAI's key. */
    public static final String OPENAI_KEY_ENV = "OPENAI_API_KEY";
    /** Default environment variable of Azure OpenAI's key. */
    public static final String AZURE_KEY_ENV = "AZURE_OPENAI_API_KEY";

    private EmbeddingProviders() {
    }

    /** Native vector sizes of OpenAI's embedding models. */
    private static final Map<String, Integer> OPENAI_NATIVE = Map.of("text-embedding-ada-002", 1536,
            "text-embedding-3-small", 1536, "text-embedding-3-large", 3072);

    /**
     * The identity a remote provider built from these settings will have, without building it (no key needed), for
     * output specs before execution. In-process models name themselves only once loaded.
     *
     * @param settings provider settings
     * @return the identity, or empty for the local kinds or when a required name is missing
     */
    public static Optional<EmbedderIdentity> identityOf(ProviderSettings settings) {
        String model = switch (settings.kind()) {
            case OPENAI -> settings.model() == null ? ProviderSettings.DEFAULT_OPENAI_MODEL : settings.model();
            case AZURE -> settings.deployment();
            case OPENAI_COMPATIBLE, TEI -> settings.model();
            case LOCAL -> LocalModels.BUILT_IN_MODEL;
            // a user model's identity includes a hash of its files, known only once they are read
            case ONNX -> null;
        };
        if (model == null) {
            return Optional.empty();
        }
        int dims = settings.kind() == ProviderKind.TEI || settings.kind() == ProviderKind.LOCAL ? 0
                : settings.dimensions();
        return Optional.of(new EmbedderIdentity(settings.kind().id(), model, dims));
    }

    /**
     * @param settings provider settings
     * @return the vector length the provider will return when it is known before any request (requested dimensions,
     *         the native size of an OpenAI model, or the built-in model's size), else 0
     */
    public static int expectedDimension(ProviderSettings settings) {
        if (settings.dimensions() > 0 && settings.kind() != ProviderKind.TEI) {
            return settings.dimensions();
        }
        if (settings.kind() == ProviderKind.LOCAL) {
            return LocalModels.BUILT_IN_DIMENSION;
        }
        if (settings.kind() == ProviderKind.OPENAI) {
            String model = settings.model() == null ? ProviderSettings.DEFAULT_OPENAI_MODEL : settings.model();
            return OPENAI_NATIVE.getOrDefault(model, 0);
        }
        return 0;
    }

    /**
     * Builds the provider the settings describe, reading keys from the process environment.
     *
     * @param settings provider settings
     * @return the embedder; close it when done
     * @throws InvalidInputException when a setting the kind needs is missing or malformed, the key cannot be found,
     *                               or a local model cannot run here (the message says what to install)
     */
    public static TextEmbedder create(ProviderSettings settings) {
        return create(settings, System::getenv);
    }

    /**
     * As {@link #create(ProviderSettings)}, with environment variables looked up by {@code env}.
     *
     * @param settings provider settings
     * @param env      variable name to value, or null when unset
     * @return the embedder
     * @throws InvalidInputException see {@link #create(ProviderSettings)}
     */
    public static TextEmbedder create(ProviderSettings settings, Function<String, String> env) {
        return switch (settings.kind()) {
            case LOCAL -> {
                requireLocalRuntime();
                yield LocalModels.builtIn(settings.threads());
            }
            case ONNX -> {
                requireLocalRuntime();
                Path model = requireFile(settings.modelFile(), "ONNX model file (model.onnx)");
                Path tokenizer = requireFile(settings.tokenizerFile(), "tokenizer file (tokenizer.json)");
                yield LocalModels.onnx(model, tokenizer, settings.pooling(), settings.threads());
            }
            case OPENAI, AZURE, OPENAI_COMPATIBLE -> {
                Key key = resolveKey(settings, env);
                yield new OpenAiEmbedder(settings, key.value(), key.advice());
            }
            case TEI -> {
                Key key = resolveKey(settings, env);
                yield new TeiEmbedder(settings, key.value(), key.advice());
            }
        };
    }

    private static void requireLocalRuntime() {
        LocalModels.unavailableReason().ifPresent(reason -> {
            throw new InvalidInputException(reason);
        });
    }

    private static Path requireFile(Path p, String what) {
        if (p == null) {
            throw new InvalidInputException("No " + what + " given: choose the file of the exported model.");
        }
        if (!Files.isRegularFile(p)) {
            throw new InvalidInputException("The " + what + " " + p + " does not exist or is not a file.");
        }
        return p;
    }

    /** The key (or null) and the advice shown when the server refuses it. */
    record Key(String value, String advice) {
    }

    /**
     * @return the key and where it came from
     * @throws InvalidInputException when a named variable is unset, or OpenAI/Azure has no key at all
     */
    static Key resolveKey(ProviderSettings s, Function<String, String> env) {
        if (s.apiKey() != null) {
            return new Key(s.apiKey(), "Check the API key given to the node (the password of the chosen KNIME "
                    + "credentials) or on the command line.");
        }
        String defaultVar = switch (s.kind()) {
            case OPENAI -> OPENAI_KEY_ENV;
            case AZURE -> AZURE_KEY_ENV;
            default -> null;
        };
        String var = s.apiKeyEnv() != null ? s.apiKeyEnv() : defaultVar;
        if (var == null) {
            return new Key(null, "The server asks for a key: give KNIME credentials or an environment variable "
                    + "holding it.");
        }
        String value = env.apply(var);
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("No API key for " + s.kind().displayName() + ": the environment "
                    + "variable " + var + " is not set. Set it for the process that runs the workflow, or choose "
                    + "KNIME credentials whose password is the key.");
        }
        return new Key(value.strip(), "Check the key in the environment variable " + var + ".");
    }
}
