package io.github.scllm.core.ontology;

import io.github.scllm.core.InvalidInputException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Figures of predicted against true ontology terms that a vague answer cannot game.
 *
 * <ul>
 * <li>Exact match rate: the share of rows whose asserted term is the true term.</li>
 * <li>Hierarchical precision, recall and F1 (Kiritchenko et al. 2006), micro-averaged: each term stands for the set
 * of itself and its is_a ancestors, without the boundary term ({@link #ANIMAL_CELL} by default) and the terms above it;
 * hP = sum |P ∩ T| / sum |P|, hR = sum |P ∩ T| / sum |T| over the rows. "cell" or "animal cell" therefore contribute
 * nothing, and a row without an asserted term adds its truth to the recall denominator only.</li>
 * <li>Broad-type match rate: the share of rows, among those whose truth lies under a broad term, whose asserted term
 * lies under (or is) the same broad term. A term's broad types are the most specific broad terms among itself and its
 * is_a ancestors ({@link #DEFAULT_BROAD_TYPES} by default).</li>
 * <li>Coverage: the share of rows with an asserted term.</li>
 * <li>Ontology score (kept for comparison only, it rewards vague answers): the mean of 1 for the true term, 0.5 when
 * one term is an ancestor of the other over is_a and part_of, 0 otherwise.</li>
 * </ul>
 *
 * Thread-safe.
 */
public final class OntologyMetrics {
    /** "animal cell": the default boundary; it and the terms above it earn nothing. */
    public static final String ANIMAL_CELL = "CL:0000548";

    /**
     * The default broad types, one level of the Cell Ontology per tissue compartment: hematopoietic cell (immune and
     * blood cells), epithelial cell, endothelial cell (inside epithelial cell in the Cell Ontology, so it counts as
     * its own compartment), connective tissue cell (fibroblasts, stromal cells, pericytes, adipocytes, chondrocytes,
     * osteoblasts), neural cell (neurons and glia), muscle cell, pigment cell (melanocytes), germ line cell and stem
     * cell.
     */
    public static final List<String> DEFAULT_BROAD_TYPES = List.of("CL:0000988", "CL:0000066", "CL:0000115",
        "CL:0002320", "CL:0002319", "CL:0000187", "CL:0000147", "CL:0000039", "CL:0000034");

    private final Ontology ontology;
    private final Set<String> excluded;
    private final List<String> broadTypes;
    private final Map<String, Set<String>> sets = new ConcurrentHashMap<>();

    /**
     * @param ontology the ontology of truths and predictions
     * @param boundary this term and its ancestors are left out of every ancestor set, e.g. {@link #ANIMAL_CELL}
     * @param broadTypes the broad terms, e.g. {@link #defaultBroadTypes}; without any the broad-type rate is NaN
     * @throws InvalidInputException if the boundary or a broad term is not in the ontology
     */
    public OntologyMetrics(Ontology ontology, String boundary, Collection<String> broadTypes) {
        this.ontology = ontology;
        String b = ontology.require(boundary).id();
        Set<String> ex = new LinkedHashSet<>(ontology.ancestors(b, Hierarchy.IS_A));
        ex.add(b);
        this.excluded = Set.copyOf(ex);
        List<String> broad = new ArrayList<>();
        for (String id : broadTypes) {
            broad.add(ontology.require(id.strip()).id());
        }
        this.broadTypes = List.copyOf(broad);
    }

    /** @return the {@link #DEFAULT_BROAD_TYPES} that the ontology defines (all of them in the Cell Ontology) */
    public static List<String> defaultBroadTypes(Ontology ontology) {
        return DEFAULT_BROAD_TYPES.stream().filter(id -> ontology.term(id).isPresent()).toList();
    }

    /** @return the broad terms */
    public List<String> broadTypes() {
        return broadTypes;
    }

    /**
     * @param id a term
     * @return the term and its is_a ancestors without the boundary and the terms above it; empty for an unknown term
     */
    public Set<String> ancestorSet(String id) {
        return sets.computeIfAbsent(id, k -> {
            if (ontology.term(k).isEmpty()) {
                return Set.of();
            }
            String t = ontology.require(k).id();
            Set<String> s = new LinkedHashSet<>();
            s.add(t);
            s.addAll(ontology.ancestors(t, Hierarchy.IS_A));
            s.removeAll(excluded);
            return Set.copyOf(s);
        });
    }

    /** @return the most specific broad terms at or above the term; empty when none */
    public Set<String> broadTypesOf(String id) {
        Set<String> self = ancestorSet(id);
        Set<String> hits = new LinkedHashSet<>();
        for (String b : broadTypes) {
            if (self.contains(b)) {
                hits.add(b);
            }
        }
        Set<String> out = new LinkedHashSet<>(hits);
        for (String b : hits) {
            out.removeAll(ontology.ancestors(b, Hierarchy.IS_A));
        }
        return out;
    }

    /**
     * The figures of one method.
     *
     * @param rows rows scored (true term known)
     * @param exactMatchRate share of rows whose asserted term is the true term
     * @param hierarchicalPrecision micro-averaged hP, NaN when no row has an asserted term below the boundary
     * @param hierarchicalRecall micro-averaged hR
     * @param hierarchicalF1 harmonic mean of hP and hR, 0 when both are 0
     * @param broadTypeMatchRate share of the rows whose truth has a broad type that share it with the assertion
     * @param broadRows rows whose truth has a broad type
     * @param coverage share of rows with an asserted term
     * @param ontologyScore mean of 1 (true term) / 0.5 (ancestor or descendant) / 0, a secondary figure
     */
    public record Figures(int rows, double exactMatchRate, double hierarchicalPrecision, double hierarchicalRecall,
        double hierarchicalF1, double broadTypeMatchRate, int broadRows, double coverage, double ontologyScore) {
    }

    /**
     * @param truths the true term of each row
     * @param predictions the asserted term of each row, {@code null} when the method asserted none
     * @return the figures, NaN rates for no rows
     * @throws InvalidInputException if the lists differ in length
     */
    public Figures score(List<String> truths, List<String> predictions) {
        if (truths.size() != predictions.size()) {
            throw new InvalidInputException(truths.size() + " true terms but " + predictions.size()
                + " predictions; give one prediction per row.");
        }
        int n = truths.size();
        int exact = 0;
        int asserted = 0;
        long shared = 0;
        long predicted = 0;
        long truthSize = 0;
        int broadRows = 0;
        int broadHits = 0;
        double oldScore = 0;
        for (int i = 0; i < n; i++) {
            String t = truths.get(i);
            String p = predictions.get(i);
            Set<String> ts = ancestorSet(t);
            truthSize += ts.size();
            Set<String> tb = broadTypesOf(t);
            broadRows += tb.isEmpty() ? 0 : 1;
            if (p == null) {
                continue;
            }
            asserted++;
            String pid = ontology.term(p).map(OntologyTerm::id).orElse(p);
            String tid = ontology.term(t).map(OntologyTerm::id).orElse(t);
            exact += pid.equals(tid) ? 1 : 0;
            Set<String> ps = ancestorSet(pid);
            predicted += ps.size();
            for (String a : ps) {
                shared += ts.contains(a) ? 1 : 0;
            }
            if (!tb.isEmpty()) {
                Set<String> pb = broadTypesOf(pid);
                broadHits += pb.stream().anyMatch(tb::contains) ? 1 : 0;
            }
            oldScore += ontologyScore(tid, pid);
        }
        double hp = predicted == 0 ? 0 : shared / (double) predicted;
        double hr = truthSize == 0 ? Double.NaN : shared / (double) truthSize;
        double f1 = hp + hr > 0 ? 2 * hp * hr / (hp + hr) : 0;
        return new Figures(n, rate(exact, n), hp, hr, n == 0 ? Double.NaN : f1, rate(broadHits, broadRows),
            broadRows, rate(asserted, n), n == 0 ? Double.NaN : oldScore / n);
    }

    /**
     * The earlier ontology-aware score, kept as a secondary figure: it gives "cell" half marks for every row.
     *
     * @param truthId the true term
     * @param predictedId the asserted term, or null for no call
     * @return 1 when equal, 0.5 when one is an ancestor of the other over is_a and part_of, else 0 (also for no call)
     */
    public double ontologyScore(String truthId, String predictedId) {
        if (predictedId == null || truthId == null) {
            return 0;
        }
        if (predictedId.equals(truthId)) {
            return 1;
        }
        if (ontology.term(truthId).isEmpty() || ontology.term(predictedId).isEmpty()) {
            return 0;
        }
        return ontology.isAncestor(predictedId, truthId) || ontology.isAncestor(truthId, predictedId) ? 0.5 : 0;
    }

    private static double rate(int k, int n) {
        return n == 0 ? Double.NaN : k / (double) n;
    }

    /**
     * The figures of the method and of the two trivial baselines on the same rows.
     *
     * @param method the method's figures
     * @param root answering the root term for every row
     * @param mostFrequent answering the most frequent true term for every row
     * @param mostFrequentId that term
     */
    public record Comparison(Figures method, Figures root, Figures mostFrequent, String mostFrequentId) {
    }

    /**
     * @param truths the true terms
     * @param predictions the assertions, {@code null} for none
     * @param rootId the term the root baseline answers, e.g. the candidate root
     * @return the method beside the baselines
     */
    public Comparison compare(List<String> truths, List<String> predictions, String rootId) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        truths.forEach(t -> counts.merge(t, 1, Integer::sum));
        String frequent = counts.entrySet().stream().max((a, b) -> a.getValue() != b.getValue().intValue()
            ? Integer.compare(a.getValue(), b.getValue()) : b.getKey().compareTo(a.getKey())).map(Map.Entry::getKey)
            .orElse(rootId);
        return new Comparison(score(truths, predictions), score(truths, repeat(rootId, truths.size())),
            score(truths, repeat(frequent, truths.size())), frequent);
    }

    /**
     * {@link #compare} per value of a grouping (e.g. the dataset), in order of first appearance.
     *
     * @param groups the group of each row
     * @param truths the true terms
     * @param predictions the assertions
     * @param rootId the root baseline's term
     * @return group to its comparison
     */
    public Map<String, Comparison> compareByGroup(List<String> groups, List<String> truths, List<String> predictions,
        String rootId) {
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            rows.computeIfAbsent(groups.get(i), g -> new ArrayList<>()).add(i);
        }
        Map<String, Comparison> out = new LinkedHashMap<>();
        rows.forEach((g, idx) -> {
            List<String> t = new ArrayList<>();
            List<String> p = new ArrayList<>();
            idx.forEach(i -> {
                t.add(truths.get(i));
                p.add(predictions.get(i));
            });
            out.put(g, compare(t, p, rootId));
        });
        return out;
    }

    private static List<String> repeat(String id, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(id);
        }
        return out;
    }
}
