package io.github.scllm.core.annotate;

import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.genes.MarkerGene;
import io.github.scllm.core.genes.MarkerResult;
import io.github.scllm.core.ontology.Ontology;
import io.github.scllm.core.ontology.OntologyTerm;
import io.github.scllm.core.ontology.TermMatch;
import io.github.scllm.core.ontology.TermResolver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Annotates groups by the overlap of their top markers with reference cell types' markers.
 *
 * <p>For each reference type, with {@code N} genes in the universe (the dataset's genes, or when unknown every gene
 * of the reference and of the group), {@code K} of the type's markers among them, the group's {@code n} markers and
 * {@code k} of them shared: the hypergeometric p-value {@code P(X >= k)}, Benjamini–Hochberg adjusted over the types,
 * and the weighted overlap {@code sum over shared genes of wGroup * wRef / sum over the type's K markers of wRef},
 * in [0, 1], where {@code wGroup = (n - rank + 1) / n} favours the group's best markers and {@code wRef} is the
 * reference weight ({@link ReferenceMarkers.Gene#weight()}). Candidates are ordered by p-value (which accounts for
 * the sizes of both marker lists), then weighted overlap.
 *
 * <p>Confidence = significance x separation, with L = -log10 of a raw p-value: significance = min(1, -log10(adjusted
 * p of the best) / 10), separation = 0.5 + 0.5 x (L(best) - L(runner-up)) / max(1, L(best)). A best type whose
 * adjusted p-value exceeds {@link ReferenceOptions#maxAdjustedP()} is reported but not asserted ({@link
 * AnnotationStatus#UNRESOLVED}). Guardrails: the best label must resolve to an ontology term (else {@link
 * AnnotationStatus#UNRESOLVED}); when at least {@link ReferenceOptions#minCanonicalForRejection()} canonical markers of
 * the type are measured and none is among the group's markers the call is {@link AnnotationStatus#REJECTED}; when
 * confidence is below {@link ReferenceOptions#minConfidence()}, or the best and the next candidate naming another
 * term are ontology siblings (sharing an is_a parent) whose L values differ by at most the fraction {@link
 * ReferenceOptions#rollUpMargin()}, the call rolls up to their lowest common ancestor.
 */
public final class ReferenceScorer {
    private static final int ALTERNATIVES = 3;

    private final ReferenceMarkers reference;
    private final Ontology ontology;
    private final TermResolver resolver;
    private final ReferenceOptions options;
    private final Map<String, TermMatch> resolved = new HashMap<>();

    /**
     * @param reference the reference markers
     * @param ontology the vocabulary of predictions
     * @param resolver resolves reference labels to terms of {@code ontology}
     * @param options the options
     */
    public ReferenceScorer(ReferenceMarkers reference, Ontology ontology, TermResolver resolver,
        ReferenceOptions options) {
        this.reference = reference;
        this.ontology = ontology;
        this.resolver = resolver;
        this.options = options;
    }

    /** @return how the reference label resolved to the ontology (cached per label) */
    public synchronized TermMatch resolution(String label) {
        return resolved.computeIfAbsent(label, resolver::resolve);
    }

    /**
     * Annotates every tested group of a marker result.
     *
     * @param result the marker genes
     * @param datasetGenes the symbols of every gene of the dataset (the universe), or {@code null} if unknown
     * @return one annotation per tested group, in group order
     */
    public List<GroupAnnotation> annotateAll(MarkerResult result, Collection<String> datasetGenes) {
        List<GroupAnnotation> out = new ArrayList<>();
        for (String g : result.testedGroups()) {
            out.add(annotate(g, result.markersOf(g), datasetGenes));
        }
        return out;
    }

    private record Candidate(String label, int overlap, int size, double score, double p, List<String> shared) {
    }

    /**
     * Annotates one group.
     *
     * @param group the group's name
     * @param markers the group's markers, best first; statistics may be NaN for a plain gene list
     * @param datasetGenes the symbols of every gene of the dataset, or {@code null} if unknown
     * @return the annotation
     */
    public GroupAnnotation annotate(String group, List<MarkerGene> markers, Collection<String> datasetGenes) {
        Grounding grounding = new Grounding(markers, options.maxAdjustedP());
        Map<String, Integer> rank = new LinkedHashMap<>();
        for (MarkerGene m : markers) {
            if (rank.size() >= options.topMarkers()) {
                break;
            }
            if (grounding.grounded(m.symbol())) {
                rank.putIfAbsent(Grounding.key(m.symbol()), rank.size());
            }
        }
        List<String> notes = new ArrayList<>();
        if (rank.isEmpty()) {
            notes.add("the group has no significant up-regulated marker");
            return unresolved(group, notes, List.of());
        }
        Set<String> universe = new LinkedHashSet<>();
        if (datasetGenes != null) {
            datasetGenes.forEach(s -> universe.add(Grounding.key(s)));
        } else {
            universe.addAll(reference.genes());
            notes.add("dataset genes unknown: the universe is the reference's and the group's genes");
        }
        universe.addAll(rank.keySet());
        int bigN = universe.size();
        int n = rank.size();
        Hypergeometric hyper = new Hypergeometric(bigN);

        List<Candidate> all = new ArrayList<>();
        for (String type : reference.cellTypes()) {
            double total = 0;
            double hit = 0;
            int size = 0;
            List<String> shared = new ArrayList<>();
            for (ReferenceMarkers.Gene g : reference.markers(type)) {
                if (!universe.contains(g.symbol())) {
                    continue;
                }
                size++;
                total += g.weight();
                Integer r = rank.get(g.symbol());
                if (r != null) {
                    hit += g.weight() * (n - r) / (double) n;
                    shared.add(g.symbol());
                }
            }
            if (size == 0) {
                continue;
            }
            double p = shared.isEmpty() ? 1 : hyper.upperTail(shared.size(), bigN, size, n);
            shared.sort((a, b) -> Integer.compare(rank.get(a), rank.get(b)));
            all.add(new Candidate(type, shared.size(), size, total > 0 ? hit / total : 0, p, shared));
        }
        double[] adjusted = adjust(all);
        Map<String, Double> padj = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            padj.put(all.get(i).label(), adjusted[i]);
        }
        List<Candidate> ranked = all.stream().filter(c -> c.overlap() > 0)
            .sorted((a, b) -> a.p() != b.p() ? Double.compare(a.p(), b.p())
                : a.score() != b.score() ? Double.compare(b.score(), a.score()) : a.label().compareTo(b.label()))
            .toList();
        if (ranked.isEmpty()) {
            notes.add("no reference cell type shares a marker with the group");
            return unresolved(group, notes, List.of());
        }
        Candidate best = ranked.get(0);
        Candidate second = ranked.size() > 1 ? ranked.get(1) : null;
        Candidate runnerUp = second;
        List<Alternative> alternatives = new ArrayList<>();
        for (Candidate c : ranked.subList(1, Math.min(ranked.size(), 1 + ALTERNATIVES))) {
            TermMatch m = resolution(c.label());
            alternatives.add(new Alternative(m.id(), m.name(), c.label(), c.score(), c.p()));
        }
        double significance = Math.min(1, minusLog10(padj.get(best.label())) / 10);
        double separation = runnerUp == null ? 1
            : 0.5 + 0.5 * Math.max(0, minusLog10(best.p()) - minusLog10(runnerUp.p())) / Math.max(1,
                minusLog10(best.p()));
        double confidence = Math.max(0, Math.min(1, significance * separation));

        List<EvidenceMarker> evidence = new ArrayList<>();
        for (String g : best.shared()) {
            evidence.add(grounding.check(g));
        }
        List<RejectionCriterion> rejection = new ArrayList<>();
        int canonical = 0;
        int present = 0;
        for (ReferenceMarkers.Gene g : reference.markers(best.label())) {
            if (g.canonical() && universe.contains(g.symbol())) {
                canonical++;
                boolean absent = !rank.containsKey(g.symbol());
                present += absent ? 0 : 1;
                rejection.add(new RejectionCriterion("canonical marker " + g.symbol() + " of " + best.label()
                    + " is not among the group's markers", g.symbol(), absent));
            }
        }
        TermMatch term = resolution(best.label());
        notes.add(String.format(Locale.ROOT, "%d of the group's %d markers are among the %d markers of %s "
            + "(hypergeometric p = %.3g, adjusted %.3g, weighted overlap %.3f)", best.overlap(), n, best.size(),
            best.label(), best.p(), padj.get(best.label()), best.score()));
        if (padj.get(best.label()) > options.maxAdjustedP()) {
            notes.add("no reference cell type is significantly over-represented among the group's markers (best "
                + "adjusted p above " + options.maxAdjustedP() + "); nothing is asserted");
            return new GroupAnnotation(group, AnnotationMethod.REFERENCE, AnnotationStatus.UNRESOLVED, null, null,
                best.label(), confidence, evidence, rejection, alternatives, notes);
        }
        if (!term.resolved()) {
            notes.add("the reference label '" + best.label() + "' is not an ontology term (" + term.note()
                + "); nothing is asserted");
            return new GroupAnnotation(group, AnnotationMethod.REFERENCE, AnnotationStatus.UNRESOLVED, null, null,
                best.label(), confidence, evidence, rejection, alternatives, notes);
        }
        if (canonical >= options.minCanonicalForRejection() && present == 0) {
            notes.add("none of the " + canonical + " measured canonical markers of " + best.label()
                + " is among the group's markers");
            return new GroupAnnotation(group, AnnotationMethod.REFERENCE, AnnotationStatus.REJECTED, term.id(),
                term.name(), best.label(), confidence, evidence, rejection, alternatives, notes);
        }
        String id = term.id();
        String name = term.name();
        AnnotationStatus status = AnnotationStatus.ACCEPTED;
        // the runner-up is the next candidate that names a different ontology term
        TermMatch secondTerm = null;
        for (Candidate c : ranked.subList(1, ranked.size())) {
            TermMatch m = resolution(c.label());
            if (m.resolved() && !m.id().equals(id)) {
                secondTerm = m;
                second = c;
                break;
            }
        }
        if (secondTerm != null) {
            boolean lowConfidence = confidence < options.minConfidence();
            boolean closeSiblings = siblings(id, secondTerm.id())
                && minusLog10(second.p()) >= (1 - options.rollUpMargin()) * minusLog10(best.p());
            if (lowConfidence || closeSiblings) {
                List<String> lca = ontology.lowestCommonAncestors(id, secondTerm.id());
                if (!lca.isEmpty()) {
                    notes.add("rolled up from " + name + " and " + secondTerm.name() + " to their lowest common "
                        + "ancestor because " + (lowConfidence ? String.format(Locale.ROOT, "the confidence %.2f is "
                        + "below %.2f", confidence, options.minConfidence()) : "they are siblings with close scores"));
                    id = lca.get(0);
                    name = ontology.nameOf(id);
                    status = AnnotationStatus.ROLLED_UP;
                }
            }
        }
        return new GroupAnnotation(group, AnnotationMethod.REFERENCE, status, id, name, best.label(), confidence,
            evidence, rejection, alternatives, notes);
    }

    private static double minusLog10(double p) {
        return -Math.log10(Math.max(p, 1e-300));
    }

    private boolean siblings(String a, String b) {
        List<String> pa = ontology.term(a).map(OntologyTerm::isA).orElse(List.of());
        List<String> pb = ontology.term(b).map(OntologyTerm::isA).orElse(List.of());
        return pa.stream().anyMatch(pb::contains);
    }

    private static double[] adjust(List<Candidate> all) {
        int n = all.size();
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (i, j) -> Double.compare(all.get(i).p(), all.get(j).p()));
        double[] out = new double[n];
        double running = 1;
        for (int k = n - 1; k >= 0; k--) {
            running = Math.min(running, all.get(order[k]).p() * n / (k + 1));
            out[order[k]] = running;
        }
        return out;
    }

    private static GroupAnnotation unresolved(String group, List<String> notes, List<Alternative> alternatives) {
        return new GroupAnnotation(group, AnnotationMethod.REFERENCE, AnnotationStatus.UNRESOLVED, null, null, "", 0,
            List.of(), List.of(), alternatives, notes);
    }

    /**
     * @param genes gene symbols, best first
     * @param group a group name for the records
     * @return the genes as markers without statistics (rank only), for plain gene lists
     * @throws InvalidInputException if the list is empty
     */
    public static List<MarkerGene> plainList(String group, List<String> genes) {
        if (genes.isEmpty()) {
            throw new InvalidInputException("Group '" + group + "' has no marker genes.");
        }
        List<MarkerGene> out = new ArrayList<>();
        for (String g : genes) {
            out.add(new MarkerGene(group, -1, g.trim(), out.size() + 1, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        }
        return out;
    }
}
