package io.github.scllm.core.annotate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.genes.MarkerGene;
import io.github.scllm.core.ontology.Ontology;
import io.github.scllm.core.ontology.TermMatch;
import io.github.scllm.core.ontology.TermResolver;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Annotation by a language model: the group's significant up-regulated markers, the tissue, the species and the
 * expert rules go into a prompt; the model answers through a chat completion at temperature 0 with a strict JSON
 * schema ({@link #schema()}: cell type, CL ID, confidence, evidence markers, rejection markers, alternatives,
 * reasoning; every field required, no other field allowed). Answers are cached by model and request ({@link
 * ChatCache}) when a cache is given.
 *
 * <p>The answer is never taken on trust. Its label must resolve to an ontology term (the CL ID when it exists and
 * agrees with the label, else the label; otherwise {@link AnnotationStatus#UNRESOLVED}). Each evidence marker is
 * checked against the group's statistics; a call that none of them supports is rejected ("no claimed marker is
 * supported by the data"), otherwise the stated confidence (which must lie in [0, 1]) is multiplied by the fraction
 * of evidence markers the data supports. Each rejection marker the model names is a criterion met when the gene is
 * among the group's significant up-regulated markers, which rejects the call ({@link AnnotationStatus#REJECTED}). A
 * call below {@link LlmOptions#minConfidence()}, or below {@link LlmOptions#siblingConfidence()} when the model's first
 * alternative is a sibling, rolls up to the lowest common ancestor of the two. A refusal, a truncated answer
 * ({@code finish_reason} {@code length}) or an answer that is not the schema's JSON (including a confidence outside
 * [0, 1]) is asked once more with the same prompt; when the second answer fails too the group is unresolved with a
 * note. Such answers are never cached. Thread-safe.
 */
public final class LlmAnnotator implements GroupAnnotator {
    /** The name of the response schema sent to the service. */
    public static final String SCHEMA_NAME = "cell_type_annotation";
    private static final int ALTERNATIVES = 3;
    /** Asks per group when the answer is a refusal, cut off or malformed: the first and one retry. */
    private static final int ATTEMPTS = 2;
    /** The note of a call that none of the model's evidence markers supports. */
    static final String NO_SUPPORTED_MARKER = "no claimed marker is supported by the data";
    private static final String SYSTEM = "You are an expert in single-cell transcriptomics who annotates clusters of "
        + "cells with Cell Ontology (CL) cell types. You receive the marker genes of one cluster, ranked by "
        + "differential expression against all other cells. Name the most specific cell type the markers support, "
        + "with its CL ID if you know it (else an empty string). evidence_markers: genes from the given list that "
        + "support your answer; never name a gene that is not in the list. rejection_markers: genes whose strong "
        + "expression in this cluster would contradict your answer. confidence: a number from 0 to 1. alternatives: "
        + "up to three other plausible cell types, most likely first. Follow the expert rules when given. Answer "
        + "only with JSON that matches the schema.";

    private final ChatClient client;
    private final ChatCache cache;
    private final Ontology ontology;
    private final TermResolver resolver;
    private final ExpertRules rules;
    private final LlmOptions options;

    /**
     * @param client the chat service
     * @param cache the answer cache, or null for none
     * @param ontology the vocabulary of calls
     * @param resolver resolves the model's labels to terms of {@code ontology} (e.g. rooted at CL:0000000)
     * @param rules expert rules to state in the prompt ({@link AnnotateGroups} checks them on the call)
     * @param options the options
     */
    public LlmAnnotator(ChatClient client, ChatCache cache, Ontology ontology, TermResolver resolver,
        ExpertRules rules, LlmOptions options) {
        this.client = client;
        this.cache = cache;
        this.ontology = ontology;
        this.resolver = resolver;
        this.rules = rules;
        this.options = options;
    }

    /** @return an annotator for another tissue and species, sharing client, cache and resolver */
    public LlmAnnotator withContext(String tissue, String species) {
        return new LlmAnnotator(client, cache, ontology, resolver, rules, options.withContext(tissue, species));
    }

    /** @return the JSON schema of the answer, in the strict subset (every property required, nothing else) */
    public static ObjectNode schema() {
        ObjectNode alt = object();
        ObjectNode altProps = alt.putObject("properties");
        altProps.putObject("cell_type").put("type", "string");
        altProps.putObject("cl_id").put("type", "string");
        alt.putArray("required").add("cell_type").add("cl_id");
        alt.put("additionalProperties", false);

        ObjectNode s = object();
        ObjectNode p = s.putObject("properties");
        p.putObject("cell_type").put("type", "string");
        p.putObject("cl_id").put("type", "string");
        p.putObject("confidence").put("type", "number");
        stringArray(p.putObject("evidence_markers"));
        stringArray(p.putObject("rejection_markers"));
        ObjectNode alts = p.putObject("alternatives");
        alts.put("type", "array");
        alts.set("items", alt);
        p.putObject("reasoning").put("type", "string");
        ArrayNode required = s.putArray("required");
        p.fieldNames().forEachRemaining(required::add);
        s.put("additionalProperties", false);
        return s;
    }

    private static ObjectNode object() {
        ObjectNode o = ChatClient.JSON.createObjectNode();
        o.put("type", "object");
        return o;
    }

    private static void stringArray(ObjectNode node) {
        node.put("type", "array");
        node.putObject("items").put("type", "string");
    }

    /** @return the markers that go into the prompt: significant, up-regulated, best first, at most topMarkers */
    List<MarkerGene> promptMarkers(List<MarkerGene> markers, Grounding grounding) {
        List<MarkerGene> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (MarkerGene m : markers) {
            if (out.size() < options.topMarkers() && grounding.grounded(m.symbol())
                && seen.add(Grounding.key(m.symbol()))) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * @param group the group's name
     * @param markers the prompt markers
     * @return the request body without model and token limit (see {@link ChatClient#prepare})
     */
    ObjectNode request(String group, List<MarkerGene> markers) {
        StringBuilder user = new StringBuilder();
        user.append("Species: ").append(options.species().isEmpty() ? "not given" : options.species()).append('\n');
        user.append("Tissue: ").append(options.tissue().isEmpty() ? "not given" : options.tissue()).append('\n');
        user.append("Marker genes of cluster '").append(group).append("', best first");
        boolean stats = markers.stream().anyMatch(m -> !Double.isNaN(m.logFoldChange()));
        user.append(stats ? " (gene: log2 fold change, adjusted p-value):\n" : ":\n");
        for (MarkerGene m : markers) {
            user.append(m.symbol());
            if (stats) {
                user.append(String.format(Locale.ROOT, ": %.2f, %.2g", m.logFoldChange(), m.adjustedPValue()));
            }
            user.append('\n');
        }
        if (!rules.isEmpty()) {
            user.append("Expert rules (a cell type requires its required markers among the cluster's markers and "
                + "is excluded by any of its excluding markers):\n");
            rules.describe().forEach(r -> user.append("- ").append(r).append('\n'));
        }
        ObjectNode body = ChatClient.JSON.createObjectNode();
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", SYSTEM);
        messages.addObject().put("role", "user").put("content", user.toString());
        body.put("temperature", 0);
        ObjectNode format = body.putObject("response_format");
        format.put("type", "json_schema");
        ObjectNode js = format.putObject("json_schema");
        js.put("name", SCHEMA_NAME);
        js.put("strict", true);
        js.set("schema", schema());
        return body;
    }

    /** The parsed answer. */
    private record Answer(String cellType, String clId, double confidence, List<String> evidence,
        List<String> rejection, List<String[]> alternatives, String reasoning) {
    }

    @Override
    public GroupAnnotation annotate(String group, List<MarkerGene> markers, CancellationToken cancel) {
        Grounding grounding = new Grounding(markers, options.maxAdjustedP());
        List<MarkerGene> prompt = promptMarkers(markers, grounding);
        List<String> notes = new ArrayList<>();
        if (prompt.isEmpty()) {
            notes.add("the group has no significant up-regulated marker; the model was not asked");
            return unresolved(group, "", notes);
        }
        ObjectNode body = client.prepare(request(group, prompt));
        String key = ChatCache.key(client.identity(), body.toString());
        String cached = cache == null ? null : cache.get(key);
        if (cached != null) {
            try {
                Answer answer = parse(cached);
                notes.add("answer from the local cache");
                return judge(group, answer, grounding, notes);
            } catch (IllegalArgumentException e) {
                // stored before today's checks: ask again rather than trust it
                notes.add("the cached answer fails the current checks (" + e.getMessage() + "); asked again");
            }
        }
        String problem = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            ChatReply reply = client.send(body, cancel);
            try {
                Answer answer = read(reply);
                if (cache != null) {
                    cache.put(key, reply.content());
                }
                if (problem != null) {
                    notes.add("the first answer was unusable (" + problem + "); the same prompt was asked again");
                }
                return judge(group, answer, grounding, notes);
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        notes.add(problem + "; the same prompt was asked " + ATTEMPTS + " times");
        return unresolved(group, "", notes);
    }

    /** @return the reply's answer; throws with the note to show when the reply is not a usable answer */
    private static Answer read(ChatReply reply) {
        if (reply.refusal() != null && !reply.refusal().isBlank()) {
            throw new IllegalArgumentException("the model refused to answer: " + reply.refusal().strip());
        }
        if ("length".equals(reply.finishReason())) {
            throw new IllegalArgumentException("the model's answer was cut off at the token limit (finish_reason "
                + "length); raise the maximum answer tokens");
        }
        if ("content_filter".equals(reply.finishReason())) {
            throw new IllegalArgumentException("the service's content filter stopped the answer");
        }
        try {
            return parse(reply.content());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the model's answer is not the requested JSON (" + e.getMessage()
                + ")", e);
        }
    }

    private GroupAnnotation judge(String group, Answer a, Grounding grounding, List<String> notes) {
        List<EvidenceMarker> evidence = new ArrayList<>();
        for (String g : a.evidence()) {
            evidence.add(grounding.check(g));
        }
        long supported = evidence.stream().filter(EvidenceMarker::grounded).count();
        double stated = a.confidence();
        double confidence = supported == 0 ? 0 : stated * supported / evidence.size();
        List<String> unsupported = evidence.stream().filter(e -> !e.grounded()).map(EvidenceMarker::gene).toList();
        if (supported > 0 && !unsupported.isEmpty()) {
            notes.add(String.format(Locale.ROOT, "confidence lowered from %.2f to %.2f: %s not supported by the "
                + "data", stated, confidence, String.join(", ", unsupported)));
        }
        List<RejectionCriterion> rejection = new ArrayList<>();
        for (String g : a.rejection()) {
            rejection.add(new RejectionCriterion("rejection marker " + g.strip() + " named by the model is among the "
                + "group's significant up-regulated markers", g.strip(), grounding.grounded(g)));
        }
        List<Alternative> alternatives = new ArrayList<>();
        List<TermMatch> altTerms = new ArrayList<>();
        for (String[] alt : a.alternatives()) {
            if (alternatives.size() >= ALTERNATIVES) {
                break;
            }
            TermMatch m = resolve(alt[0], alt[1], new ArrayList<>());
            altTerms.add(m);
            alternatives.add(new Alternative(m.id(), m.name(), alt[0], Double.NaN, Double.NaN));
        }
        if (!a.reasoning().isBlank()) {
            notes.add("model: " + a.reasoning().strip());
        }
        TermMatch term = resolve(a.cellType(), a.clId(), notes);
        if (!term.resolved()) {
            notes.add("the model's label '" + a.cellType() + "'" + (a.clId().isBlank() ? "" : " (" + a.clId() + ")")
                + " is not an ontology term (" + term.note() + "); nothing is asserted");
            return new GroupAnnotation(group, AnnotationMethod.LLM, AnnotationStatus.UNRESOLVED, null, null,
                a.cellType(), confidence, evidence, rejection, alternatives, notes);
        }
        if (supported == 0) {
            notes.add(NO_SUPPORTED_MARKER + (unsupported.isEmpty() ? " (the model named none)" : " ("
                + String.join(", ", unsupported) + ")"));
            return new GroupAnnotation(group, AnnotationMethod.LLM, AnnotationStatus.REJECTED, term.id(),
                term.name(), a.cellType(), confidence, evidence, rejection, alternatives, notes);
        }
        List<String> met = rejection.stream().filter(RejectionCriterion::met).map(RejectionCriterion::gene).toList();
        if (!met.isEmpty()) {
            notes.add("the model's own rejection markers " + met + " are expressed in the group");
            return new GroupAnnotation(group, AnnotationMethod.LLM, AnnotationStatus.REJECTED, term.id(),
                term.name(), a.cellType(), confidence, evidence, rejection, alternatives, notes);
        }
        String id = term.id();
        String name = term.name();
        AnnotationStatus status = AnnotationStatus.ACCEPTED;
        TermMatch second = altTerms.stream().filter(m -> m.resolved() && !m.id().equals(term.id())).findFirst()
            .orElse(null);
        if (second != null) {
            boolean low = confidence < options.minConfidence();
            boolean hesitant = Guardrails.siblings(ontology, id, second.id())
                && confidence < options.siblingConfidence();
            if (low || hesitant) {
                var lca = Guardrails.lowestCommonAncestor(ontology, id, second.id());
                if (lca.isPresent()) {
                    notes.add(String.format(Locale.ROOT, "rolled up from %s and %s to their lowest common ancestor "
                        + "because %s", name, second.name(), low ? String.format(Locale.ROOT, "the confidence %.2f "
                        + "is below %.2f", confidence, options.minConfidence()) : String.format(Locale.ROOT, "they "
                        + "are siblings and the confidence %.2f is below %.2f", confidence,
                        options.siblingConfidence())));
                    id = lca.get();
                    name = ontology.nameOf(id);
                    status = AnnotationStatus.ROLLED_UP;
                }
            }
        }
        return new GroupAnnotation(group, AnnotationMethod.LLM, status, id, name, a.cellType(), confidence, evidence,
            rejection, alternatives, notes);
    }

    /** The CL ID when it names a term that agrees with the label (or the label names none); else the label. */
    private TermMatch resolve(String label, String clId, List<String> notes) {
        TermMatch byLabel = resolver.resolve(label);
        if (clId == null || clId.isBlank()) {
            return byLabel;
        }
        TermMatch byId = resolver.resolve(clId.strip());
        if (!byId.resolved()) {
            if (byLabel.resolved()) {
                notes.add("the model's ID " + clId.strip() + " is not a candidate term; its label '" + label
                    + "' resolved to " + byLabel.id());
            }
            return byLabel;
        }
        if (byLabel.resolved() && !byLabel.id().equals(byId.id())) {
            notes.add("the model's ID " + byId.id() + " names '" + byId.name() + "', not its label '" + label
                + "'; the label's term " + byLabel.id() + " is used");
            return byLabel;
        }
        return byId;
    }

    private static Answer parse(String content) {
        if (content == null || content.isBlank()) {
            throw new IllegalArgumentException("empty content");
        }
        JsonNode root;
        try {
            root = ChatClient.JSON.readTree(content);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String cellType = string(root, "cell_type");
        if (cellType.isBlank()) {
            throw new IllegalArgumentException("cell_type is empty");
        }
        JsonNode conf = root.get("confidence");
        if (conf == null || !conf.isNumber()) {
            throw new IllegalArgumentException("confidence is not a number");
        }
        if (!(conf.asDouble() >= 0 && conf.asDouble() <= 1)) {
            throw new IllegalArgumentException("confidence " + conf.asText() + " is outside [0, 1]");
        }
        List<String[]> alts = new ArrayList<>();
        for (JsonNode alt : array(root, "alternatives")) {
            if (!alt.isObject()) {
                throw new IllegalArgumentException("an alternative is not an object");
            }
            alts.add(new String[] {string(alt, "cell_type"), string(alt, "cl_id")});
        }
        return new Answer(cellType.strip(), string(root, "cl_id").strip(), conf.asDouble(), strings(root,
            "evidence_markers"), strings(root, "rejection_markers"), alts, string(root, "reasoning"));
    }

    private static String string(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(field + " is missing or not a string");
        }
        return v.asText();
    }

    private static JsonNode array(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException(field + " is missing or not an array");
        }
        return v;
    }

    private static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : array(node, field)) {
            if (!v.isTextual()) {
                throw new IllegalArgumentException(field + " holds a non-string");
            }
            if (!v.asText().isBlank()) {
                out.add(v.asText().strip());
            }
        }
        return out;
    }

    private static GroupAnnotation unresolved(String group, String label, List<String> notes) {
        return new GroupAnnotation(group, AnnotationMethod.LLM, AnnotationStatus.UNRESOLVED, null, null, label,
            Double.NaN,
            List.of(), List.of(), List.of(), notes);
    }
}
