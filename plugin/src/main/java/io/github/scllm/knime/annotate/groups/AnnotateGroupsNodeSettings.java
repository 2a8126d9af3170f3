package io.github.scllm.knime.annotate.groups;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.annotate.ChatSettings;
import io.github.scllm.core.annotate.ZeroShotOptions;
import io.github.scllm.core.embed.EmbeddingCache;
import io.github.scllm.core.embed.ProviderKind;
import io.github.scllm.core.embed.ProviderSettings;
import io.github.scllm.core.RetryPolicy;
import io.github.scllm.knime.node.ModelSettings;
import io.github.scllm.knime.node.LocalFiles;

/**
 * The settings of Annotate Groups, shared by the model and the dialog; the only place that names their keys. The API
 * key is never a setting: only the name of KNIME credentials or of an environment variable.
 */
final class AnnotateGroupsNodeSettings extends ModelSettings {
    static final String REFERENCE = "reference";
    static final String EMBEDDING = "embedding";
    static final String LLM = "llm";
    static final List<String> METHODS = List.of(REFERENCE, EMBEDDING, LLM);
    static final List<String> SPECIES = List.of("human", "mouse", "any");
    static final List<String> PROVIDERS = List.of(ProviderKind.OPENAI.id(), ProviderKind.AZURE.id(),
        ProviderKind.OPENAI_COMPATIBLE.id(), ProviderKind.TEI.id(), ProviderKind.LOCAL.id());

    private static final String METHOD_CFG = "method";
    private static final String ONTOLOGY_CFG = "ontology_file";
    private static final String ROOT_CFG = "root";
    private static final String TISSUE_CFG = "tissue";
    private static final String SPECIES_CFG = "species";
    private static final String ORGANS_CFG = "organs";
    private static final String DESCRIPTIONS_CFG = "descriptions_file";
    private static final String TOP_MARKERS_CFG = "top_markers";
    private static final String MAX_P_CFG = "max_adjusted_p";
    private static final String MIN_CONFIDENCE_CFG = "min_confidence";
    private static final String PROVIDER_CFG = "provider";
    private static final String MODEL_CFG = "model";
    private static final String BASE_URL_CFG = "base_url";
    private static final String DEPLOYMENT_CFG = "azure_deployment";
    private static final String API_VERSION_CFG = "azure_api_version";
    private static final String CREDENTIALS_CFG = "credentials_name";
    private static final String API_KEY_ENV_CFG = "api_key_env";
    private static final String MAX_TOKENS_CFG = "max_tokens";
    private static final String USE_CACHE_CFG = "use_cache";
    private static final String CACHE_FOLDER_CFG = "cache_folder";

    private final SettingsModelString method = new SettingsModelString(METHOD_CFG, REFERENCE);
    private final SettingsModelString ontology = new SettingsModelString(ONTOLOGY_CFG, "");
    private final SettingsModelString root = new SettingsModelString(ROOT_CFG, ZeroShotOptions.ANIMAL_CELL_ROOT);
    private final SettingsModelString tissue = new SettingsModelString(TISSUE_CFG, "");
    private final SettingsModelString species = new SettingsModelString(SPECIES_CFG, "human");
    private final SettingsModelString organs = new SettingsModelString(ORGANS_CFG, "");
    private final SettingsModelString descriptions = new SettingsModelString(DESCRIPTIONS_CFG, "");
    private final SettingsModelIntegerBounded topMarkers = new SettingsModelIntegerBounded(TOP_MARKERS_CFG, 0, 0,
        10_000);
    private final SettingsModelDoubleBounded maxP = new SettingsModelDoubleBounded(MAX_P_CFG, 0.05, 1e-300, 1);
    private final SettingsModelDoubleBounded minConfidence = new SettingsModelDoubleBounded(MIN_CONFIDENCE_CFG, 0.2,
        0, 1);
    private final SettingsModelString provider = new SettingsModelString(PROVIDER_CFG, ProviderKind.OPENAI.id());
    private final SettingsModelString model = new SettingsModelString(MODEL_CFG, "");
    private final SettingsModelString baseUrl = new SettingsModelString(BASE_URL_CFG, "");
    private final SettingsModelString deployment = new SettingsModelString(DEPLOYMENT_CFG, "");
    private final SettingsModelString apiVersion = new SettingsModelString(API_VERSION_CFG,
        ChatSettings.DEFAULT_AZURE_API_VERSION);
    private final SettingsModelString credentials = new SettingsModelString(CREDENTIALS_CFG, "");
    private final SettingsModelString apiKeyEnv = new SettingsModelString(API_KEY_ENV_CFG, "");
    private final SettingsModelIntegerBounded maxTokens = new SettingsModelIntegerBounded(MAX_TOKENS_CFG,
        ChatSettings.DEFAULT_MAX_TOKENS, 64, 1_000_000);
    private final SettingsModelBoolean useCache = new SettingsModelBoolean(USE_CACHE_CFG, true);
    private final SettingsModelString cacheFolder = new SettingsModelString(CACHE_FOLDER_CFG, "");

    @Override
    protected List<SettingsModel> models() {
        return List.of(method, ontology, root, tissue, species, organs, descriptions, topMarkers, maxP, minConfidence,
            provider, model, baseUrl, deployment, apiVersion, credentials, apiKeyEnv, maxTokens, useCache,
            cacheFolder);
    }

    SettingsModelString methodModel() {
        return method;
    }

    SettingsModelString ontologyModel() {
        return ontology;
    }

    SettingsModelString rootModel() {
        return root;
    }

    SettingsModelString tissueModel() {
        return tissue;
    }

    SettingsModelString speciesModel() {
        return species;
    }

    SettingsModelString organsModel() {
        return organs;
    }

    SettingsModelString descriptionsModel() {
        return descriptions;
    }

    SettingsModelIntegerBounded topMarkersModel() {
        return topMarkers;
    }

    SettingsModelDoubleBounded maxAdjustedPModel() {
        return maxP;
    }

    SettingsModelDoubleBounded minConfidenceModel() {
        return minConfidence;
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

    SettingsModelString deploymentModel() {
        return deployment;
    }

    SettingsModelString apiVersionModel() {
        return apiVersion;
    }

    SettingsModelString credentialsModel() {
        return credentials;
    }

    SettingsModelString apiKeyEnvModel() {
        return apiKeyEnv;
    }

    SettingsModelIntegerBounded maxTokensModel() {
        return maxTokens;
    }

    SettingsModelBoolean useCacheModel() {
        return useCache;
    }

    SettingsModelString cacheFolderModel() {
        return cacheFolder;
    }

    @Override
    protected ModelSettings fresh() {
        return new AnnotateGroupsNodeSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        method();
        if (!SPECIES.contains(species.getStringValue())) {
            throw new InvalidSettingsException("Unknown species '" + species.getStringValue() + "': choose one "
                + "of " + SPECIES + ".");
        }
    }

    /** @return the method: reference, embedding or llm */
    String method() throws InvalidSettingsException {
        String m = method.getStringValue();
        if (!METHODS.contains(m)) {
            throw new InvalidSettingsException("Unknown method '" + m + "': choose one of " + METHODS + ".");
        }
        return m;
    }

    /** @return the OBO file, which must exist */
    Path ontologyFile() throws InvalidSettingsException {
        return existing(ontology.getStringValue(), "ontology file", "Choose the OBO file of the Cell Ontology "
            + "(e.g. cl-basic.obo).");
    }

    /** @return the gene description file, which must exist */
    Path descriptionsFile() throws InvalidSettingsException {
        return existing(descriptions.getStringValue(), "gene description file", "The embedding method needs an NCBI "
            + "gene_info file or a symbol-to-summary table.");
    }

    private static Path existing(String value, String what, String advice) throws InvalidSettingsException {
        Path p = LocalFiles.optional(value, what);
        if (p == null) {
            throw new InvalidSettingsException("No " + what + " selected. " + advice);
        }
        if (!Files.isRegularFile(p)) {
            throw new InvalidSettingsException("The " + what + " " + p + " does not exist. " + advice);
        }
        return p;
    }

    String root() {
        String r = root.getStringValue();
        return r == null || r.isBlank() ? ZeroShotOptions.ANIMAL_CELL_ROOT : r.strip();
    }

    String tissue() {
        return tissue.getStringValue() == null ? "" : tissue.getStringValue().strip();
    }

    /** @return human, mouse, or null for any */
    String species() {
        String s = species.getStringValue();
        return "any".equals(s) ? null : s;
    }

    /** @return the organs of the reference table to keep, empty for all */
    Set<String> organs() {
        Set<String> out = new LinkedHashSet<>();
        String text = organs.getStringValue() == null ? "" : organs.getStringValue();
        for (String o : text.split(",")) {
            if (!o.isBlank()) {
                out.add(o.strip());
            }
        }
        return out;
    }

    /** @return the markers per group, or the method's default when 0 */
    int topMarkers(int methodDefault) {
        return topMarkers.getIntValue() == 0 ? methodDefault : topMarkers.getIntValue();
    }

    double maxAdjustedP() {
        return maxP.getDoubleValue();
    }

    double minConfidence() {
        return minConfidence.getDoubleValue();
    }

    /** @return the credentials name, or null when the key comes from an environment variable */
    String credentialsName() {
        String c = credentials.getStringValue();
        return c == null || c.isBlank() ? null : c.strip();
    }

    /** @return the cache folder, or null when caching is off */
    Path cacheFolder() throws InvalidSettingsException {
        if (!useCache.getBooleanValue()) {
            return null;
        }
        Path f = LocalFiles.optional(cacheFolder.getStringValue(), "Cache folder");
        return f == null ? EmbeddingCache.defaultFolder() : f;
    }

    private ProviderKind kind() throws InvalidSettingsException {
        try {
            return ProviderKind.fromId(provider.getStringValue());
        } catch (EngineException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    /**
     * @param apiKey the key from the chosen credentials, or null
     * @return the chat service of the llm method
     * @throws InvalidSettingsException when the provider cannot chat or a name it needs is missing
     */
    ChatSettings chatSettings(String apiKey) throws InvalidSettingsException {
        try {
            ProviderKind k = kind();
            return new ChatSettings(k, model.getStringValue(), baseUrl.getStringValue(), deployment.getStringValue(),
                apiVersion.getStringValue(), apiKey, apiKeyEnv.getStringValue(), ChatSettings.DEFAULT_TIMEOUT,
                RetryPolicy.DEFAULTS, maxTokens.getIntValue());
        } catch (EngineException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    /**
     * @param apiKey the key from the chosen credentials, or null
     * @return the text embedder of the embedding method
     * @throws InvalidSettingsException when a value is out of range or the provider is unknown
     */
    ProviderSettings embeddingSettings(String apiKey) throws InvalidSettingsException {
        try {
            return ProviderSettings.builder(kind()).model(model.getStringValue()).baseUrl(baseUrl.getStringValue())
                .deployment(deployment.getStringValue()).apiVersion(apiVersion.getStringValue()).apiKey(apiKey)
                .apiKeyEnv(apiKeyEnv.getStringValue()).timeout(Duration.ofSeconds(120)).build();
        } catch (EngineException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
