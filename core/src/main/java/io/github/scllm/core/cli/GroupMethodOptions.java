package io.github.scllm.core.cli;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.annotate.ChatCache;
import io.github.scllm.core.annotate.ChatClient;
import io.github.scllm.core.annotate.ChatSettings;
import io.github.scllm.core.annotate.ExpertRules;
import io.github.scllm.core.annotate.GeneTexts;
import io.github.scllm.core.annotate.GroupAnnotator;
import io.github.scllm.core.annotate.LlmAnnotator;
import io.github.scllm.core.annotate.LlmOptions;
import io.github.scllm.core.annotate.MarkerWeight;
import io.github.scllm.core.annotate.MarkerDatabase;
import io.github.scllm.core.annotate.MarkerEvidenceOptions;
import io.github.scllm.core.annotate.MarkerEvidenceScorer;
import io.github.scllm.core.annotate.ZeroShotOptions;
import io.github.scllm.core.annotate.ZeroShotScorer;
import io.github.scllm.core.embed.EmbeddingCache;
import io.github.scllm.core.embed.ProviderKind;
import io.github.scllm.core.RetryPolicy;
import io.github.scllm.core.embed.TextEmbedder;
import io.github.scllm.core.embed.local.LocalModels;
import io.github.scllm.core.genes.Organism;
import io.github.scllm.core.ontology.Ontology;
import io.github.scllm.core.ontology.TermResolver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The annotation method of {@code annotate-groups} and {@code benchmark-annotation} with its inputs: reference
 * markers, gene descriptions and text embedder, chat model, expert rules, candidate terms.
 */
final class GroupMethodOptions {
    /** Methods by their command-line names. */
    enum Method {
        reference, embedding, llm
    }

    /** Marker weights by their command-line names. */
    enum Weight {
        score(MarkerWeight.SCORE), logfc(MarkerWeight.LOG_FOLD_CHANGE);

        final MarkerWeight value;

        Weight(MarkerWeight value) {
            this.value = value;
        }
    }

    @Option(names = "--method", required = true, paramLabel = "reference|embedding|llm",
        description = "reference: overlap with --reference-markers; embedding: marker descriptions vs term names and "
            + "definitions (--descriptions, --provider); llm: a chat model (--llm-provider, --llm-model).")
    Method method;

    @Option(names = "--reference-markers", split = ",", paramLabel = "FILE", description = "Marker databases of the "
        + "reference method, layout recognised by the header: PanglaoDB, CellMarker 2.0, Cell Marker Accordion, or a "
        + "plain table ('cell type' name or CL ID, 'marker', optional 'weight', 'species', 'tissue', 'negative').")
    List<Path> referenceMarkers = new ArrayList<>();

    @Option(names = {"--organs", "--reference-tissues"}, split = ",", paramLabel = "TISSUE", description = "Keep only "
        + "the reference markers of these tissues or organs (names, e.g. 'Immune system,Blood', or Uberon IDs); "
        + "default all.")
    List<String> organs = new ArrayList<>();

    @Option(names = "--off-tissue-prior", paramLabel = "W", description = "Reference method: prior weight of a type "
        + "the databases never list in the group's tissue, relative to 1 for those they do (default: "
        + "0.5; 1 ignores the tissue).")
    Double offTissuePrior;

    @Option(names = "--rules", paramLabel = "FILE", description = "Expert rules: TSV or CSV with 'cell type' (name or "
        + "CL ID), 'required markers', 'excluding markers', 'notes'.")
    Path rules;

    @Option(names = "--root", defaultValue = ZeroShotOptions.ANIMAL_CELL_ROOT, paramLabel = "ID",
        description = "Calls are this term or below it (default: ${DEFAULT-VALUE}, animal cell); it and the terms above "
            + "it earn nothing in benchmark-annotation's hierarchical figures.")
    String root;

    @Option(names = "--candidates", split = ",", paramLabel = "ID", description = "Embedding method: only these "
        + "terms and their descendants are candidates.")
    List<String> candidates = new ArrayList<>();

    @Option(names = "--descriptions", split = ",", paramLabel = "PATH", description = "Gene descriptions for the "
        + "embedding method, comma-separated or repeated: NCBI gene_info files and symbol-to-summary tables.")
    List<Path> descriptions = new ArrayList<>();

    @Option(names = "--top-markers", paramLabel = "N", description = "Markers per group the method uses (default: "
        + "reference 100, embedding 20, llm 30).")
    Integer topMarkers;

    @Option(names = "--weight", defaultValue = "score", paramLabel = "score|logfc", description = "Embedding method: "
        + "weight of each marker (default: ${DEFAULT-VALUE}).")
    Weight weight;

    @Option(names = "--max-adjusted-p", defaultValue = "0.05", paramLabel = "P", description = "A marker counts as "
        + "expressed when up-regulated with an adjusted p-value at most this (default: ${DEFAULT-VALUE}).")
    double maxAdjustedP;

    @Option(names = "--min-confidence", paramLabel = "C", description = "Below this confidence a call rolls up to a "
        + "common ancestor (default: reference 0.5, the probability a term with its descendants must hold; embedding "
        + "0.2; llm 0.3).")
    Double minConfidence;

    @Mixin
    EmbeddingOptions embedding;

    @Option(names = "--llm-provider", defaultValue = "openai", paramLabel = "NAME", description = "Chat provider: "
        + "openai, azure or openai-compatible (Ollama, vLLM, llama.cpp; default: ${DEFAULT-VALUE}).")
    String llmProvider;

    @Option(names = "--llm-model", paramLabel = "NAME", description = "Chat model, e.g. gpt-4o-mini or llama3.1:8b "
        + "(the deployment for azure).")
    String llmModel;

    @Option(names = "--llm-base-url", paramLabel = "URL", description = "Chat server: azure "
        + "https://RESOURCE.openai.azure.com, openai-compatible e.g. http://localhost:11434/v1.")
    String llmBaseUrl;

    @Option(names = "--llm-api-version", paramLabel = "DATE", description = "Azure OpenAI api-version.")
    String llmApiVersion;

    @Option(names = "--llm-api-key-env", paramLabel = "VAR", description = "Environment variable holding the chat "
        + "API key (default: OPENAI_API_KEY, or AZURE_OPENAI_API_KEY for azure).")
    String llmApiKeyEnv;

    @Option(names = "--llm-max-tokens", defaultValue = "1024", paramLabel = "N", description = "Token limit of an "
        + "answer (default: ${DEFAULT-VALUE}).")
    int llmMaxTokens;

    @Option(names = "--llm-timeout", defaultValue = "300", paramLabel = "SECONDS", description = "Timeout of one "
        + "chat request (default: ${DEFAULT-VALUE}).")
    int llmTimeout;

    @Option(names = "--chat-cache", paramLabel = "DIR", description = "Folder of the chat answer cache (default: "
        + "~/.scllm/cache).")
    Path chatCache;

    @Option(names = "--no-chat-cache", description = "Ask the chat model again instead of reusing cached answers.")
    boolean noChatCache;

    /** The open inputs of one run; close it to release the embedder and caches. */
    final class Session implements AutoCloseable {
        final Ontology ontology;
        final TermResolver resolver;
        final ExpertRules expertRules;
        private final EmbedderFactory embedders;
        private final Map<String, MarkerEvidenceScorer> references = new HashMap<>();
        private final Map<String, String> texts = new HashMap<>();
        private TextEmbedder embedder;
        private ZeroShotScorer zeroShot;
        private ChatCache cache;
        private LlmAnnotator llm;

        Session(Ontology ontology, EmbedderFactory embedders) {
            this.ontology = ontology;
            this.embedders = embedders;
            this.resolver = new TermResolver(ontology, root, null, 1);
            this.expertRules = rules == null ? ExpertRules.NONE : ExpertRules.resolve(ExpertRules.read(rules),
                ontology, resolver);
            if (method == Method.reference && referenceMarkers.isEmpty()) {
                throw new InvalidInputException("--method reference needs --reference-markers FILE[,FILE…] (PanglaoDB, "
                    + "CellMarker 2.0, Cell Marker Accordion or a plain table).");
            }
            if (method == Method.embedding && descriptions.isEmpty()) {
                throw new InvalidInputException("--method embedding needs --descriptions FILE with gene descriptions "
                    + "(an NCBI gene_info file or a symbol-to-summary table).");
            }
            if (!(maxAdjustedP > 0 && maxAdjustedP <= 1)) {
                throw new InvalidInputException("--max-adjusted-p is " + maxAdjustedP + "; use (0, 1].");
            }
        }

        /**
         * Looks up descriptions of the genes the embedding method will see.
         *
         * @param symbols every marker symbol of the run
         * @param species the species of the genes, or blank for human
         */
        void describe(Collection<String> symbols, String species) {
            if (method != Method.embedding) {
                return;
            }
            int taxon = species(species) == null ? Organism.HUMAN : Organism.taxon(species(species));
            texts.putAll(GeneTexts.lookup(descriptions, symbols, taxon));
        }

        /**
         * @param tissue the tissue (llm prompt), or blank
         * @param species human, mouse, or blank
         * @return the method for groups of this tissue and species
         */
        GroupAnnotator method(String tissue, String species) {
            String sp = species(species);
            return switch (method) {
                case reference -> references.computeIfAbsent(sp == null ? "" : sp, s -> {
                    List<MarkerDatabase> dbs = new ArrayList<>();
                    referenceMarkers.forEach(f -> dbs.add(MarkerDatabase.read(f, sp, new LinkedHashSet<>(organs))));
                    return new MarkerEvidenceScorer(dbs, ontology, resolver, referenceOptions());
                }).withTissue(tissue);
                case embedding -> {
                    if (zeroShot == null) {
                        ProviderKind kind = ProviderKind.fromId(embedding.provider);
                        LocalModels.unavailableReason().filter(r -> !kind.isRemote()
                            && embedders == EmbedderFactory.DEFAULT).ifPresent(r -> {
                            throw new EngineException("The " + kind.displayName() + " cannot run: " + r + " Choose a "
                                + "remote --provider (openai, azure, openai-compatible, tei) for the embedding "
                                + "method.");
                        });
                        embedder = embedders.open(embedding, Math.max(1, Runtime.getRuntime()
                            .availableProcessors()));
                        ZeroShotOptions o = new ZeroShotOptions(root, new LinkedHashSet<>(candidates), topMarkers
                            == null ? ZeroShotOptions.DEFAULTS.topMarkers() : topMarkers, weight.value, maxAdjustedP,
                            ZeroShotOptions.DEFAULTS.temperature(), minConfidence == null
                            ? ZeroShotOptions.DEFAULTS.minConfidence() : minConfidence,
                            ZeroShotOptions.DEFAULTS.siblingMargin());
                        zeroShot = new ZeroShotScorer(ontology, embedder, s -> texts.get(s.toUpperCase(Locale.ROOT)),
                            o);
                    }
                    yield zeroShot;
                }
                case llm -> {
                    if (llm == null) {
                        ChatClient client = new ChatClient(chatSettings(), System::getenv);
                        cache = noChatCache ? null : ChatCache.open(chatCache != null ? chatCache
                            : EmbeddingCache.defaultFolder());
                        LlmOptions o = LlmOptions.DEFAULTS;
                        o = new LlmOptions(topMarkers == null ? o.topMarkers() : topMarkers, maxAdjustedP,
                            minConfidence == null ? o.minConfidence() : minConfidence, o.siblingConfidence(), "", "");
                        llm = new LlmAnnotator(client, cache, ontology, resolver, expertRules, o);
                    }
                    yield llm.withContext(tissue, sp == null ? species : sp);
                }
            };
        }

        private MarkerEvidenceOptions referenceOptions() {
            MarkerEvidenceOptions o = MarkerEvidenceOptions.DEFAULTS.withRoot(root).withMaxAdjustedP(maxAdjustedP);
            o = topMarkers == null ? o : o.withTopMarkers(topMarkers);
            o = minConfidence == null ? o : o.withMinProbability(minConfidence);
            return offTissuePrior == null ? o : o.withOffTissuePrior(offTissuePrior);
        }

        private ChatSettings chatSettings() {
            ProviderKind kind = ProviderKind.fromId(llmProvider);
            boolean azure = kind == ProviderKind.AZURE;
            return new ChatSettings(kind, azure ? null : llmModel, llmBaseUrl, azure ? llmModel : null,
                llmApiVersion, null, llmApiKeyEnv, Duration.ofSeconds(Math.max(1, llmTimeout)), RetryPolicy.DEFAULTS,
                llmMaxTokens);
        }

        @Override
        public void close() {
            if (embedder != null) {
                embedder.close();
            }
            if (cache != null) {
                cache.close();
            }
        }
    }

    /** @return "human", "mouse" or null for a species text such as "Human", "Mouse Atlas", "mm" or blank */
    static String species(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.contains("human") || s.equals("hs") || s.contains("homo sapiens")) {
            return "human";
        }
        if (s.contains("mouse") || s.equals("mm") || s.contains("mus musculus")) {
            return "mouse";
        }
        throw new InvalidInputException("Unknown species '" + text + "': use human or mouse.");
    }
}
