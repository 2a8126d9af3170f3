package io.github.scllm.knime.embed.llmembed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.embed.EmbeddingCache;
import io.github.scllm.core.embed.ProviderKind;
import io.github.scllm.core.embed.ProviderSettings;
import io.github.scllm.core.embed.local.Pooling;
import io.github.scllm.knime.node.ModelSettings;
import io.github.scllm.knime.node.LocalFiles;

/**
 * The settings of LLM Embed, shared by the model and the dialog; the only place that names their keys. The API key
 * itself is never a setting: only the name of KNIME credentials or of an environment variable.
 */
final class LlmEmbedNodeSettings extends ModelSettings {
    static final List<String> PROVIDERS = Arrays.stream(ProviderKind.values()).map(ProviderKind::id).toList();
    static final List<String> POOLINGS = List.of("mean", "cls");
    /** Dialog labels that error messages name, so both say the same. */
    static final String TIMEOUT_LABEL = "Request timeout (seconds)";
    static final String ATTEMPTS_LABEL = "Attempts per request";

    private static final String TEXT_COLUMN_CFG = "text_column";
    private static final String OUTPUT_COLUMN_CFG = "output_column";
    private static final String PROVIDER_CFG = "provider";
    private static final String MODEL_CFG = "model";
    private static final String BASE_URL_CFG = "base_url";
    private static final String AZURE_DEPLOYMENT_CFG = "azure_deployment";
    private static final String AZURE_API_VERSION_CFG = "azure_api_version";
    private static final String DIMENSIONS_CFG = "dimensions";
    private static final String CREDENTIALS_CFG = "credentials_name";
    private static final String API_KEY_ENV_CFG = "api_key_env";
    private static final String CONCURRENCY_CFG = "concurrency";
    private static final String BATCH_SIZE_CFG = "batch_size";
    private static final String TIMEOUT_CFG = "request_timeout_seconds";
    private static final String ATTEMPTS_CFG = "attempts";
    private static final String USE_CACHE_CFG = "use_cache";
    private static final String CACHE_FOLDER_CFG = "cache_folder";
    private static final String LOCAL_THREADS_CFG = "local_threads";
    private static final String ONNX_MODEL_CFG = "onnx_model_file";
    private static final String ONNX_TOKENIZER_CFG = "onnx_tokenizer_file";
    private static final String POOLING_CFG = "pooling";

    private final SettingsModelString textColumn = new SettingsModelString(TEXT_COLUMN_CFG, "");
    private final SettingsModelString outputColumn = new SettingsModelString(OUTPUT_COLUMN_CFG, "Embedding");
    private final SettingsModelString provider = new SettingsModelString(PROVIDER_CFG, ProviderKind.LOCAL.id());
    private final SettingsModelString model = new SettingsModelString(MODEL_CFG, "");
    private final SettingsModelString baseUrl = new SettingsModelString(BASE_URL_CFG, "");
    private final SettingsModelString azureDeployment = new SettingsModelString(AZURE_DEPLOYMENT_CFG, "");
    private final SettingsModelString azureApiVersion =
        new SettingsModelString(AZURE_API_VERSION_CFG, ProviderSettings.DEFAULT_AZURE_API_VERSION);
    private final SettingsModelIntegerBounded dimensions =
        new SettingsModelIntegerBounded(DIMENSIONS_CFG, 0, 0, 65_536);
    private final SettingsModelString credentials = new SettingsModelString(CREDENTIALS_CFG, "");
    private final SettingsModelString apiKeyEnv = new SettingsModelString(API_KEY_ENV_CFG, "");
    private final SettingsModelIntegerBounded concurrency =
        new SettingsModelIntegerBounded(CONCURRENCY_CFG, 4, 1, ProviderSettings.MAX_CONCURRENCY);
    private final SettingsModelIntegerBounded batchSize = new SettingsModelIntegerBounded(BATCH_SIZE_CFG, 0, 0, 2048);
    private final SettingsModelIntegerBounded timeoutSeconds = new SettingsModelIntegerBounded(TIMEOUT_CFG,
        (int)ProviderSettings.DEFAULTS.timeout().toSeconds(), 1, 86_400);
    private final SettingsModelIntegerBounded attempts =
        new SettingsModelIntegerBounded(ATTEMPTS_CFG, ProviderSettings.DEFAULTS.retry().maxAttempts(), 1, 100);
    private final SettingsModelBoolean useCache = new SettingsModelBoolean(USE_CACHE_CFG, true);
    private final SettingsModelString cacheFolder = new SettingsModelString(CACHE_FOLDER_CFG, "");
    private final SettingsModelIntegerBounded localThreads =
        new SettingsModelIntegerBounded(LOCAL_THREADS_CFG, 2, 1, 256);
    private final SettingsModelString onnxModel = new SettingsModelString(ONNX_MODEL_CFG, "");
    private final SettingsModelString onnxTokenizer = new SettingsModelString(ONNX_TOKENIZER_CFG, "");
    private final SettingsModelString pooling = new SettingsModelString(POOLING_CFG, POOLINGS.get(0));

    @Override
    protected List<SettingsModel> models() {
        return List.of(textColumn, outputColumn, provider, model, baseUrl, azureDeployment, azureApiVersion,
            dimensions, credentials, apiKeyEnv, concurrency, batchSize, timeoutSeconds, attempts, useCache, cacheFolder,
            localThreads, onnxModel, onnxTokenizer, pooling);
    }

    /**
     * Fills in the request timeout and attempts, added after the first version, so older workflows still load.
     *
     * @param saved settings as saved
     * @return {@code saved} itself when complete, else a copy with the defaults of the missing keys
     */
    @Override
    protected NodeSettingsRO completed(NodeSettingsRO saved) {
        if (saved.containsKey(TIMEOUT_CFG) && saved.containsKey(ATTEMPTS_CFG)) {
            return saved;
        }
        NodeSettings copy = new NodeSettings(saved.getKey());
        saved.copyTo(copy);
        LlmEmbedNodeSettings defaults = new LlmEmbedNodeSettings();
        if (!saved.containsKey(TIMEOUT_CFG)) {
            defaults.timeoutSeconds.saveSettingsTo(copy);
        }
        if (!saved.containsKey(ATTEMPTS_CFG)) {
            defaults.attempts.saveSettingsTo(copy);
        }
        return copy;
    }

    SettingsModelString textColumnModel() {
        return textColumn;
    }

    SettingsModelString outputColumnModel() {
        return outputColumn;
    }

    SettingsModelString providerModel() {
        return provider;
    }

    SettingsModelString modelModel() {
        return model;
    }

    SettingsModelString baseUrlModel() {
        return baseUrl;
    }

    SettingsModelString azureDeploymentModel() {
        return azureDeployment;
    }

    SettingsModelString azureApiVersionModel() {
        return azureApiVersion;
    }

    SettingsModelIntegerBounded dimensionsModel() {
        return dimensions;
    }

    SettingsModelString credentialsModel() {
        return credentials;
    }

    SettingsModelString apiKeyEnvModel() {
        return apiKeyEnv;
    }

    SettingsModelIntegerBounded concurrencyModel() {
        return concurrency;
    }

    SettingsModelIntegerBounded batchSizeModel() {
        return batchSize;
    }

    SettingsModelIntegerBounded timeoutSecondsModel() {
        return timeoutSeconds;
    }

    SettingsModelIntegerBounded attemptsModel() {
        return attempts;
    }

    SettingsModelBoolean useCacheModel() {
        return useCache;
    }

    SettingsModelString cacheFolderModel() {
        return cacheFolder;
    }

    SettingsModelIntegerBounded localThreadsModel() {
        return localThreads;
    }

    SettingsModelString onnxModelModel() {
        return onnxModel;
    }

    SettingsModelString onnxTokenizerModel() {
        return onnxTokenizer;
    }

    SettingsModelString poolingModel() {
        return pooling;
    }

    @Override
    protected ModelSettings fresh() {
        return new LlmEmbedNodeSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        // the model files are resolved in configure and execute, where the workflow is known
        providerSettings(null, null, null);
        if (outputColumn.getStringValue().isBlank()) {
            throw new InvalidSettingsException("The output column name is empty: give the embedding column a name.");
        }
    }

    /** @return the provider kind */
    ProviderKind kind() throws InvalidSettingsException {
        try {
            return ProviderKind.fromId(provider.getStringValue());
        } catch (EngineException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    /** @return the credentials name, or null when the key comes from an environment variable */
    String credentialsName() {
        String c = credentials.getStringValue();
        return c == null || c.isBlank() ? null : c.strip();
    }

    /** @return the cache folder, or null when the cache is off */
    Path cacheFolder() throws InvalidSettingsException {
        if (!useCache.getBooleanValue()) {
            return null;
        }
        Path f = LocalFiles.optional(cacheFolder.getStringValue(), "Cache folder");
        return f == null ? EmbeddingCache.defaultFolder() : f;
    }

    /**
     * @param apiKey the key from the chosen credentials, or null
     * @return the engine's provider settings
     * @throws InvalidSettingsException when a value is out of range or the provider is unknown
     */
    ProviderSettings toProviderSettings(String apiKey) throws InvalidSettingsException {
        if (kind() != ProviderKind.ONNX) {
            return providerSettings(apiKey, null, null);
        }
        return providerSettings(apiKey, LocalFiles.optional(onnxModel.getStringValue(), "ONNX model file"),
            LocalFiles.optional(onnxTokenizer.getStringValue(), "Tokenizer file"));
    }

    private ProviderSettings providerSettings(String apiKey, Path onnx, Path tok) throws InvalidSettingsException {
        try {
            return ProviderSettings.builder(kind()).model(model.getStringValue()).baseUrl(baseUrl.getStringValue())
                .deployment(azureDeployment.getStringValue()).apiVersion(azureApiVersion.getStringValue())
                .dimensions(dimensions.getIntValue()).apiKey(apiKey).apiKeyEnv(apiKeyEnv.getStringValue())
                .concurrency(concurrency.getIntValue()).batchSize(batchSize.getIntValue())
                .timeout(Duration.ofSeconds(timeoutSeconds.getIntValue()))
                .retry(ProviderSettings.DEFAULTS.retry().withMaxAttempts(attempts.getIntValue()))
                .threads(localThreads.getIntValue())
                .modelFile(onnx).tokenizerFile(tok)
                .pooling(Pooling.valueOf(pooling.getStringValue().toUpperCase(Locale.ROOT))).build();
        } catch (EngineException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("Unknown pooling '" + pooling.getStringValue() + "': use one of "
                + POOLINGS + ".", e);
        }
    }
}
