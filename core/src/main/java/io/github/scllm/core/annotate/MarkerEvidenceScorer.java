package io.github.scllm.core.annotate;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.genes.MarkerGene;
import io.github.scllm.core.ontology.Hierarchy;
import io.github.scllm.core.ontology.Ontology;
import io.github.scllm.core.ontology.OntologyTerm;
import io.github.scllm.core.ontology.TermMatch;
import io.github.scllm.core.ontology.TermResolver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Annotates a group by how well its ranked markers match the marker knowledge of cell types from one or more marker
 * databases ({@link MarkerDatabase}); works for a short ranked list (10 genes) as well as for a long marker table.
 *
 * <p>Knowledge: every database row names a type by Cell Ontology ID (or by a label resolved to one) and a gene with
 * its evidence {@code e}; evidence of the same type and gene is summed over rows and databases and saturates as
 * {@code e / (e + 1)}. A gene's specificity is {@code ln(T / n)}, with {@code T} types in the knowledge and {@code n}
 * of them listing the gene, so a marker listed for many types counts little. A type is the vector of its markers'
 * saturated evidence times specificity.
 *
 * <p>Score: the group's first {@link MarkerEvidenceOptions#topMarkers()} grounded markers form a vector with rank
 * weights {@code 1 / log2(rank + 1)} (the discount of ranked retrieval: the best markers count most, later ones still
 * count); a type's similarity is the cosine of the two vectors, minus the same for the type's negative markers found
 * in the group. Probabilities: a softmax of the similarities divided by the best one (so a short and a long list are
 * alike) at {@link MarkerEvidenceOptions#temperature()}, times a
 * tissue prior ({@link MarkerEvidenceOptions#offTissuePrior()} for types the databases never list in the group's
 * tissue, when they list some type there).
 *
 * <p>Aggregation up the ontology: a term's probability is the sum over itself and its is_a descendants. The call is
 * the most specific term whose probability reaches {@link MarkerEvidenceOptions#minProbability()} — the best type
 * itself when it holds that much ({@link AnnotationStatus#ACCEPTED}), else the ancestor that collects enough of its
 * close competitors ({@link AnnotationStatus#ROLLED_UP}, with a note saying why). When no term below the root
 * reaches it, the call is the term below the root with the largest probability, rolled up with a note. The
 * confidence is the probability of the called term. {@link AnnotationStatus#UNRESOLVED} only when no grounded marker
 * of the group is a marker of any candidate type.
 *
 * <p>Candidates: terms at or below the root (over is_a and part_of), and terms outside it that descend from no sibling
 * of the root (with the default root "animal cell": melanocytes and germ cells, which the Cell Ontology does not place
 * under "animal cell", stay; fungal cells go). Thread-safe.
 */
public final class MarkerEvidenceScorer implements GroupAnnotator {
    private static final int ALTERNATIVES = 3;
    private static final int EVIDENCE = 8;
    private static final double NEGLIGIBLE = 1e-6;

    private final Ontology ontology;
    private final MarkerEvidenceOptions options;
    private final String root;
    private final String tissue;
    private final Knowledge knowledge;

    /** The aggregated marker knowledge, shared by the tissue-bound copies of a scorer. */
    private record Knowledge(List<String> types, Map<String, Double> prevalence,
        Map<String, Map<String, Double>> positive,
        Map<String, Map<String, Double>> negative, Map<String, Double> norms, Map<String, Double> specificity,
        Map<String, Set<String>> tissues, Map<String, Set<String>> uberon, Map<String, List<String>> byGene,
        List<String> notes) {
    }

    /**
     * @param databases the marker databases
     * @param ontology the vocabulary of calls
     * @param resolver resolves database labels without a Cell Ontology ID
     * @param options the options
     * @throws InvalidInputException if the root is not a term or no database row names a candidate type
     */
    public MarkerEvidenceScorer(List<MarkerDatabase> databases, Ontology ontology, TermResolver resolver,
        MarkerEvidenceOptions options) {
        this(ontology, options, "", build(databases, ontology, resolver, options.root()));
    }

    private MarkerEvidenceScorer(Ontology ontology, MarkerEvidenceOptions options, String tissue, Knowledge k) {
        this.ontology = ontology;
        this.options = options;
        this.root = ontology.require(options.root()).id();
        this.tissue = tissue;
        this.knowledge = k;
    }

    /**
     * @param groupTissue the tissue of the groups (a name or an Uberon ID), or blank for none
     * @return this scorer for groups of that tissue
     */
    public MarkerEvidenceScorer withTissue(String groupTissue) {
        return new MarkerEvidenceScorer(ontology, options, groupTissue == null ? "" : groupTissue.strip(), knowledge);
    }

    /** @return the number of candidate types with markers */
    public int typeCount() {
        return knowledge.types().size();
    }

    /** @return what the user should know about the knowledge (labels that did not resolve, types outside the root) */
    public List<String> knowledgeNotes() {
        return knowledge.notes();
    }

    private static Knowledge build(List<MarkerDatabase> databases, Ontology ontology, TermResolver resolver,
        String rootId) {
        String root = ontology.require(rootId).id();
        Set<String> admitted = ontology.candidatesUnder(root);
        Map<String, String> labelTerms = new HashMap<>();
        Map<String, Map<String, Double>> pos = new LinkedHashMap<>();
        Map<String, Map<String, Double>> neg = new HashMap<>();
        Map<String, Set<String>> tissues = new HashMap<>();
        Map<String, Set<String>> uberon = new HashMap<>();
        Set<String> unresolved = new java.util.TreeSet<>();
        Set<String> outside = new java.util.TreeSet<>();
        for (MarkerDatabase db : databases) {
            for (MarkerDatabase.Entry e : db.entries()) {
                String id = e.termId() != null ? current(ontology, e.termId()) : null;
                if (id == null) {
                    id = labelTerms.computeIfAbsent(e.label(), l -> {
                        TermMatch m = resolver.resolve(l);
                        return m.resolved() ? m.id() : "";
                    });
                }
                if (id.isEmpty()) {
                    unresolved.add(e.label());
                    continue;
                }
                if (!admitted.contains(id) || id.equals(root)) {
                    outside.add(id);
                    continue;
                }
                (e.negative() ? neg : pos).computeIfAbsent(id, x -> new HashMap<>()).merge(e.gene(), e.evidence(),
                    Double::sum);
                if (!e.tissue().isEmpty()) {
                    tissues.computeIfAbsent(id, x -> new HashSet<>()).add(e.tissue());
                }
                if (!e.uberonId().isEmpty()) {
                    uberon.computeIfAbsent(id, x -> new HashSet<>()).add(e.uberonId());
                }
            }
        }
        if (pos.isEmpty()) {
            throw new InvalidInputException("No marker of " + databases.stream().map(MarkerDatabase::source).toList()
                + " names a cell type at or below " + root + " (" + ontology.nameOf(root) + ") of "
                + ontology.source() + "; check the root, the species and tissue filters, and the databases' labels.");
        }
        Map<String, List<String>> byGene = new HashMap<>();
        pos.forEach((t, genes) -> genes.keySet().forEach(g -> byGene.computeIfAbsent(g, x -> new ArrayList<>())
            .add(t)));
        neg.forEach((t, genes) -> genes.keySet().forEach(g -> {
            List<String> l = byGene.computeIfAbsent(g, x -> new ArrayList<>());
            if (!l.contains(t)) {
                l.add(t);
            }
        }));
        int types = pos.size();
        Map<String, Double> specificity = new HashMap<>();
        byGene.forEach((g, list) -> {
            long listing = list.stream().filter(t -> pos.containsKey(t) && pos.get(t).containsKey(g)).count();
            specificity.put(g, Math.log(types / (double) Math.max(1, listing)));
        });
        Map<String, Double> norms = new HashMap<>();
        pos.forEach((t, genes) -> {
            double sum = 0;
            for (Map.Entry<String, Double> e : genes.entrySet()) {
                double v = saturate(e.getValue()) * specificity.get(e.getKey());
                sum += v * v;
            }
            norms.put(t, Math.sqrt(sum));
        });
        List<String> notes = new ArrayList<>();
        if (!unresolved.isEmpty()) {
            notes.add(unresolved.size() + " database labels are no ontology term and were left out, e.g. "
                + unresolved.stream().limit(5).toList());
        }
        if (!outside.isEmpty()) {
            notes.add(outside.size() + " database types lie outside " + ontology.nameOf(root) + " and were left out");
        }
        Map<String, Double> prevalence = new HashMap<>();
        pos.forEach((t, genes) -> prevalence.put(t, Math.log1p(genes.values().stream().mapToDouble(Double::doubleValue)
            .sum())));
        return new Knowledge(List.copyOf(pos.keySet()), prevalence, pos, neg, norms, specificity, tissues, uberon, byGene,
            List.copyOf(notes));
    }

    /** @return the term itself, its single replacement when obsolete, or null when unknown or obsolete */
    private static String current(Ontology ontology, String id) {
        return ontology.term(id).map(t -> !t.obsolete() ? t.id() : t.replacedBy().size() == 1
            ? ontology.term(t.replacedBy().get(0)).filter(r -> !r.obsolete()).map(OntologyTerm::id).orElse(null)
            : null).orElse(null);
    }

    private static double saturate(double evidence) {
        return evidence / (evidence + 1);
    }

    private record Scored(String id, double similarity, double probability) {
    }

    @Override
    public GroupAnnotation annotate(String group, List<MarkerGene> markers, CancellationToken cancel) {
        Grounding grounding = new Grounding(markers, options.maxAdjustedP());
        Map<String, Double> query = new LinkedHashMap<>();
        for (MarkerGene m : markers) {
            if (query.size() >= options.topMarkers()) {
                break;
            }
            String key = Grounding.key(m.symbol());
            if (grounding.grounded(m.symbol()) && !query.containsKey(key)) {
                query.put(key, 1 / (Math.log(query.size() + 2) / Math.log(2)));
            }
        }
        List<String> notes = new ArrayList<>();
        if (query.isEmpty()) {
            notes.add("the group has no significant up-regulated marker");
            return unresolved(group, notes);
        }
        double queryNorm = Math.sqrt(query.values().stream().mapToDouble(w -> w * w).sum());
        Map<String, Double> similarity = new HashMap<>();
        Map<String, Map<String, Double>> contributions = new HashMap<>();
        query.forEach((gene, w) -> {
            for (String t : knowledge.byGene().getOrDefault(gene, List.of())) {
                double spec = knowledge.specificity().get(gene);
                double norm = knowledge.norms().getOrDefault(t, 0.0);
                if (!(norm > 0)) {
                    continue;
                }
                Double p = knowledge.positive().getOrDefault(t, Map.of()).get(gene);
                Double n = knowledge.negative().getOrDefault(t, Map.of()).get(gene);
                double c = ((p == null ? 0 : saturate(p)) - (n == null ? 0 : saturate(n))) * spec * w
                    / (norm * queryNorm);
                similarity.merge(t, c, Double::sum);
                if (c > 0) {
                    contributions.computeIfAbsent(t, x -> new HashMap<>()).put(gene, c);
                }
            }
        });
        if (similarity.values().stream().noneMatch(s -> s > 0)) {
            notes.add("none of the group's " + query.size() + " markers is a marker of a candidate cell type in the "
                + "databases");
            return unresolved(group, notes);
        }
        Set<String> inTissue = typesInTissue();
        List<Scored> ranked = probabilities(similarity, inTissue);
        Map<String, Double> mass = new HashMap<>();
        for (Scored s : ranked) {
            if (s.probability() < NEGLIGIBLE) {
                break;
            }
            mass.merge(s.id(), s.probability(), Double::sum);
            for (String a : ontology.ancestors(s.id(), Hierarchy.IS_A)) {
                mass.merge(a, s.probability(), Double::sum);
            }
        }
        Set<String> aboveRoot = ontology.ancestors(root);
        aboveRoot.add(root);
        mass.keySet().removeAll(aboveRoot);
        Scored best = ranked.get(0);
        String call = null;
        double callMass = -1;
        int callDepth = -1;
        for (Map.Entry<String, Double> e : mass.entrySet()) {
            if (e.getValue() + 1e-12 < options.minProbability()) {
                continue;
            }
            int depth = ontology.ancestors(e.getKey(), Hierarchy.IS_A).size();
            if (depth > callDepth || depth == callDepth && e.getValue() > callMass) {
                call = e.getKey();
                callMass = e.getValue();
                callDepth = depth;
            }
        }
        boolean weak = call == null;
        if (weak) {
            // nothing reaches the threshold: the broadest well-supported term, said to be uncertain
            for (Map.Entry<String, Double> e : mass.entrySet()) {
                if (e.getValue() > callMass || e.getValue() == callMass && e.getKey().compareTo(call) < 0) {
                    call = e.getKey();
                    callMass = e.getValue();
                }
            }
        }
        String top = String.format(Locale.ROOT, "best type %s (similarity %.3f, probability %.2f)%s",
            ontology.nameOf(best.id()), best.similarity(), best.probability(), ranked.size() > 1
            ? String.format(Locale.ROOT, ", runner-up %s (%.3f, %.2f)", ontology.nameOf(ranked.get(1).id()),
            ranked.get(1).similarity(), ranked.get(1).probability()) : "");
        notes.add(query.size() + " markers weighted by rank; " + top);
        if (!inTissue.isEmpty()) {
            notes.add(String.format(Locale.ROOT, "%d types are listed in tissue '%s'; the others count %.2f", inTissue
                .size(), tissue, options.offTissuePrior()));
        }
        AnnotationStatus status = AnnotationStatus.ACCEPTED;
        if (call == null) {
            notes.add("no term below " + ontology.nameOf(root) + " collects any probability");
            return unresolved(group, notes);
        }
        if (!call.equals(best.id())) {
            status = AnnotationStatus.ROLLED_UP;
            notes.add(String.format(Locale.ROOT, "rolled up from %s to %s because %s", ontology.nameOf(best.id()),
                ontology.nameOf(call), weak ? String.format(Locale.ROOT, "no term reaches probability %.2f; %s holds "
                    + "the most (%.2f), an uncertain call", options.minProbability(), ontology.nameOf(call), callMass)
                    : String.format(Locale.ROOT, "the best type's probability %.2f is below %.2f and %s with its "
                    + "descendants holds %.2f", best.probability(), options.minProbability(), ontology.nameOf(call),
                    callMass)));
        }
        List<Alternative> alternatives = new ArrayList<>();
        for (Scored s : ranked) {
            if (alternatives.size() >= ALTERNATIVES) {
                break;
            }
            if (!s.id().equals(call)) {
                alternatives.add(new Alternative(s.id(), ontology.nameOf(s.id()), ontology.nameOf(s.id()),
                    s.probability(), Double.NaN));
            }
        }
        return new GroupAnnotation(group, AnnotationMethod.REFERENCE, status, call, ontology.nameOf(call),
            ontology.nameOf(best.id()), Guardrails.unit(callMass), evidence(call, contributions, grounding),
            List.of(), alternatives, notes);
    }

    /** @return the group's markers that support the call or its descendants, most supporting first */
    private List<EvidenceMarker> evidence(String call, Map<String, Map<String, Double>> contributions,
        Grounding grounding) {
        Map<String, Double> support = new HashMap<>();
        contributions.forEach((t, genes) -> {
            if (t.equals(call) || ontology.ancestors(t, Hierarchy.IS_A).contains(call)) {
                genes.forEach((g, c) -> support.merge(g, c, Math::max));
            }
        });
        return support.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey())).limit(EVIDENCE).map(e -> grounding.check(e.getKey()))
            .toList();
    }

    private Set<String> typesInTissue() {
        if (tissue.isEmpty() || options.offTissuePrior() >= 1) {
            return Set.of();
        }
        String wanted = tissue.toLowerCase(Locale.ROOT).replace('_', ':');
        Set<String> out = new LinkedHashSet<>();
        for (String t : knowledge.types()) {
            boolean hit = wanted.startsWith("uberon:")
                ? knowledge.uberon().getOrDefault(t, Set.of()).contains(wanted.toUpperCase(Locale.ROOT))
                : knowledge.tissues().getOrDefault(t, Set.of()).stream()
                    .anyMatch(x -> MarkerDatabase.tissueNameMatches(x, wanted));
            if (hit) {
                out.add(t);
            }
        }
        return out;
    }

    private List<Scored> probabilities(Map<String, Double> similarity, Set<String> inTissue) {
        double max = similarity.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        Map<String, Double> weight = new HashMap<>();
        double z = 0;
        for (String t : knowledge.types()) {
            double s = similarity.getOrDefault(t, 0.0);
            double prior = (inTissue.isEmpty() || inTissue.contains(t) ? 1 : options.offTissuePrior())
                * knowledge.prevalence().get(t);
            // relative to the best similarity, so short and long marker lists share one temperature
            double w = prior * Math.exp((s - max) / (max * options.temperature()));
            weight.put(t, w);
            z += w;
        }
        List<Scored> out = new ArrayList<>();
        for (String t : knowledge.types()) {
            out.add(new Scored(t, similarity.getOrDefault(t, 0.0), weight.get(t) / z));
        }
        out.sort(Comparator.comparingDouble((Scored s) -> -s.probability()).thenComparing(Scored::id));
        return out;
    }

    private static GroupAnnotation unresolved(String group, List<String> notes) {
        return new GroupAnnotation(group, AnnotationMethod.REFERENCE, AnnotationStatus.UNRESOLVED, null, null, "", 0,
            List.of(), List.of(), List.of(), notes);
    }
}
