package io.github.scllm.knime.annotate.groups;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.knime.core.node.InvalidSettingsException;

import io.github.scllm.core.annotate.ChatCache;
import io.github.scllm.core.annotate.ChatClient;
import io.github.scllm.core.annotate.ExpertRules;
import io.github.scllm.core.annotate.GeneTexts;
import io.github.scllm.core.annotate.GroupAnnotator;
import io.github.scllm.core.annotate.LlmAnnotator;
import io.github.scllm.core.annotate.LlmOptions;
import io.github.scllm.core.annotate.MarkerDatabase;
import io.github.scllm.core.annotate.MarkerEvidenceOptions;
import io.github.scllm.core.annotate.MarkerEvidenceScorer;
import io.github.scllm.core.annotate.ZeroShotOptions;
import io.github.scllm.core.annotate.ZeroShotScorer;
import io.github.scllm.core.embed.CachedEmbedder;
import io.github.scllm.core.embed.EmbeddingCache;
import io.github.scllm.core.embed.EmbeddingProviders;
import io.github.scllm.core.embed.TextEmbedder;
import io.github.scllm.core.genes.Organism;
import io.github.scllm.core.ontology.Ontology;
import io.github.scllm.core.ontology.TermResolver;

/** The chosen method, built from the settings and the inputs; closing it releases embedder and caches. */
final class MethodSetup implements AutoCloseable {
    final GroupAnnotator method;
    private final List<AutoCloseable> resources = new ArrayList<>();

    /**
     * @param settings the node settings
     * @param ontology the ontology
     * @param resolver resolves labels under the root
     * @param rules the expert rules (stated in the llm prompt)
     * @param reference the reference table (header and rows), or null
     * @param symbols every marker symbol of the input
     * @param apiKey the key from KNIME credentials, or null
     */
    MethodSetup(AnnotateGroupsNodeSettings settings, Ontology ontology, TermResolver resolver, ExpertRules rules,
        Table reference, Collection<String> symbols, String apiKey) throws InvalidSettingsException {
        String species = settings.species();
        switch (settings.method()) {
            case AnnotateGroupsNodeSettings.REFERENCE -> {
                if (reference == null) {
                    throw new InvalidSettingsException("The reference method needs the reference marker table at "
                        + "the third input port (PanglaoDB, CellMarker 2.0, Cell Marker Accordion or plain layout).");
                }
                MarkerEvidenceOptions d = MarkerEvidenceOptions.DEFAULTS;
                MarkerDatabase db = MarkerDatabase.fromTable("the reference marker table", reference.header(),
                    reference.rows(), species, settings.organs());
                method = new MarkerEvidenceScorer(List.of(db), ontology, resolver, d.withRoot(settings.root())
                    .withTopMarkers(settings.topMarkers(d.topMarkers())).withMaxAdjustedP(settings.maxAdjustedP()))
                    .withTissue(settings.tissue());
            }
            case AnnotateGroupsNodeSettings.EMBEDDING -> {
                Map<String, String> texts = GeneTexts.lookup(List.of(settings.descriptionsFile()), symbols,
                    species == null || species.equals("human") ? Organism.HUMAN : Organism.MOUSE);
                TextEmbedder embedder = EmbeddingProviders.create(settings.embeddingSettings(apiKey));
                if (settings.cacheFolder() != null) {
                    embedder = CachedEmbedder.owningCache(embedder, EmbeddingCache.open(settings.cacheFolder()));
                }
                resources.add(embedder);
                ZeroShotOptions d = ZeroShotOptions.DEFAULTS;
                method = new ZeroShotScorer(ontology, embedder, s -> texts.get(s.toUpperCase(java.util.Locale.ROOT)),
                    new ZeroShotOptions(settings.root(), java.util.Set.of(), settings.topMarkers(d.topMarkers()),
                        d.weight(), settings.maxAdjustedP(), d.temperature(), settings.minConfidence(),
                        d.siblingMargin()));
            }
            default -> {
                ChatClient client = new ChatClient(settings.chatSettings(apiKey), System::getenv);
                ChatCache cache = settings.cacheFolder() == null ? null : ChatCache.open(settings.cacheFolder());
                if (cache != null) {
                    resources.add(cache);
                }
                LlmOptions d = LlmOptions.DEFAULTS;
                method = new LlmAnnotator(client, cache, ontology, resolver, rules, new LlmOptions(
                    settings.topMarkers(d.topMarkers()), settings.maxAdjustedP(), settings.minConfidence(),
                    d.siblingConfidence(), settings.tissue(), species == null ? "" : species));
            }
        }
    }

    /** A table as text: column names and each row's cells. */
    record Table(List<String> header, List<List<String>> rows) {
    }

    @Override
    public void close() {
        for (AutoCloseable c : resources) {
            try {
                c.close();
            } catch (Exception e) {
                // releasing a cache or connection pool cannot change the finished result
            }
        }
    }
}
