package io.github.scllm.core.annotate;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.embed.TextEmbedder;
import io.github.scllm.core.genes.MarkerGene;
import io.github.scllm.core.ontology.Ontology;
import io.github.scllm.core.ontology.OntologyTerm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Text-embedding zero-shot annotation: a group's embedding is the weighted mean of its best markers' description
 * embeddings, compared by cosine similarity with the embedding of each candidate term's name and definition.
 *
 * <p>Markers: the group's first {@link ZeroShotOptions#topMarkers()} markers, best first, that are grounded (adjusted
 * p at most {@link ZeroShotOptions#maxAdjustedP()}, positive log fold change), have a positive weight ({@link
 * ZeroShotOptions#weight()}) and a description. A plain gene list without statistics is weighted by rank, {@code (n -
 * i) / n} for the i-th of n genes. Each description vector is L2-normalised before averaging, so a long description
 * does not outweigh a short one.
 *
 * <p>Candidates: non-obsolete terms at or below {@link ZeroShotOptions#root()}, optionally only those at or below
 * the terms of {@link ZeroShotOptions#restrictTo()}; each embedded once as {@code "name. definition"}, the same text
 * that {@link io.github.scllm.core.ontology.TermResolver} embeds, so a caching embedder shares the vectors.
 *
 * <p>Confidence: the softmax over all candidates' cosine similarities at {@link ZeroShotOptions#temperature()}, taken
 * at the best term. Evidence: the markers contributing most to the best term's similarity (weight x cosine of the
 * marker's description with the term), at most five. Roll-up: when the confidence is below {@link
 * ZeroShotOptions#minConfidence()}, or the top two terms are siblings whose similarities differ by at most {@link
 * ZeroShotOptions#siblingMargin()}, the call is their lowest common ancestor ({@link AnnotationStatus#ROLLED_UP}).
 * Expert rules are applied afterwards by {@link AnnotateGroups}. Thread-safe.
 */
public final class ZeroShotScorer implements GroupAnnotator {
    private static final int ALTERNATIVES = 3;
    private static final int EVIDENCE = 5;

    private final Ontology ontology;
    private final TextEmbedder embedder;
    private final ZeroShotOptions options;
    private final Function<String, String> descriptions;
    private final List<OntologyTerm> candidates;
    private final Map<String, float[]> geneVectors = new ConcurrentHashMap<>();
    private float[][] termVectors;

    /**
     * @param ontology the vocabulary of calls
     * @param embedder embeds gene descriptions and term texts; one model for both
     * @param descriptions a gene symbol (as in the marker list) to its description text, or null when it has none
     * @param options the options
     * @throws InvalidInputException if the root or a restricting term is not in the ontology, a restricting term
     *         lies outside the root, or no candidate is left
     */
    public ZeroShotScorer(Ontology ontology, TextEmbedder embedder, Function<String, String> descriptions,
        ZeroShotOptions options) {
        this.ontology = ontology;
        this.embedder = embedder;
        this.descriptions = descriptions;
        this.options = options;
        String root = ontology.require(options.root()).id();
        Set<String> allowed = new LinkedHashSet<>(ontology.descendants(root));
        allowed.add(root);
        if (!options.restrictTo().isEmpty()) {
            Set<String> within = new LinkedHashSet<>();
            for (String id : options.restrictTo()) {
                String t = ontology.require(id.strip()).id();
                if (!allowed.contains(t)) {
                    throw new InvalidInputException("Candidate term " + t + " (" + ontology.nameOf(t) + ") is not "
                        + "below the root " + root + " (" + ontology.nameOf(root) + "); choose terms under the root.");
                }
                within.add(t);
                within.addAll(ontology.descendants(t));
            }
            allowed.retainAll(within);
        }
        List<OntologyTerm> list = new ArrayList<>();
        for (String id : allowed) {
            ontology.term(id).filter(t -> !t.obsolete() && !t.name().isEmpty()).ifPresent(list::add);
        }
        list.sort(Comparator.comparing(OntologyTerm::id));
        if (list.isEmpty()) {
            throw new InvalidInputException("No candidate term is left under " + root + " in " + ontology.source()
                + "; check the root and the restriction.");
        }
        this.candidates = List.copyOf(list);
    }

    /** @return the text embedded for a term: its name, and its definition after a full stop when it has one */
    public static String termText(OntologyTerm t) {
        return t.definition().isEmpty() ? t.name() : t.name() + ". " + t.definition();
    }

    /** @return the number of candidate terms */
    public int candidateCount() {
        return candidates.size();
    }

    private record Used(String symbol, String text, double weight) {
    }

    @Override
    public GroupAnnotation annotate(String group, List<MarkerGene> markers, CancellationToken cancel) {
        Grounding grounding = new Grounding(markers, options.maxAdjustedP());
        List<Used> used = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int undescribed = 0;
        boolean plain = true;
        for (MarkerGene m : markers) {
            if (used.size() >= options.topMarkers()) {
                break;
            }
            if (!grounding.grounded(m.symbol()) || !seen.add(Grounding.key(m.symbol()))) {
                continue;
            }
            boolean hasStats = !Double.isNaN(m.score()) || !Double.isNaN(m.logFoldChange());
            double w = !hasStats ? 1 : options.weight() == MarkerWeight.SCORE ? m.score() : m.logFoldChange();
            if (!(w > 0)) {
                continue;
            }
            plain &= !hasStats;
            String text = descriptions.apply(m.symbol());
            if (text == null || text.isBlank()) {
                undescribed++;
                continue;
            }
            used.add(new Used(m.symbol(), text.strip(), w));
        }
        if (used.isEmpty()) {
            notes.add(undescribed > 0 ? "none of the group's significant up-regulated markers has a description"
                : "the group has no significant up-regulated marker");
            return new GroupAnnotation(group, AnnotationMethod.EMBEDDING, AnnotationStatus.UNRESOLVED, null, null, "",
                0, List.of(), List.of(), List.of(), notes);
        }
        if (plain) {
            // no statistics: earlier genes of the list weigh more
            for (int i = 0; i < used.size(); i++) {
                Used u = used.get(i);
                used.set(i, new Used(u.symbol(), u.text(), (used.size() - i) / (double) used.size()));
            }
        }
        float[][] genes = geneVectors(used, cancel);
        int dims = genes[0].length;
        double[] g = new double[dims];
        double total = 0;
        for (int i = 0; i < used.size(); i++) {
            double w = used.get(i).weight();
            total += w;
            for (int d = 0; d < dims; d++) {
                g[d] += w * genes[i][d];
            }
        }
        for (int d = 0; d < dims; d++) {
            g[d] /= total;
        }
        float[][] terms = termVectors(cancel);
        if (terms[0].length != dims) {
            throw new InvalidInputException("Gene and term embeddings differ in length (" + dims + " vs "
                + terms[0].length + "); use one embedder for both.");
        }
        double gNorm = Math.sqrt(dot(g, g));
        double[] sim = new double[terms.length];
        Integer[] order = new Integer[terms.length];
        for (int t = 0; t < terms.length; t++) {
            sim[t] = gNorm > 0 ? dot(g, terms[t]) / gNorm : 0;
            order[t] = t;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer t) -> -sim[t]).thenComparingInt(t -> t));
        double max = sim[order[0]];
        double z = 0;
        for (double s : sim) {
            z += Math.exp((s - max) / options.temperature());
        }
        double confidence = Guardrails.unit(1 / z);
        OntologyTerm best = candidates.get(order[0]);
        List<Alternative> alternatives = new ArrayList<>();
        for (int k = 1; k < Math.min(order.length, 1 + ALTERNATIVES); k++) {
            OntologyTerm t = candidates.get(order[k]);
            alternatives.add(new Alternative(t.id(), t.name(), t.name(), sim[order[k]], Double.NaN));
        }
        List<EvidenceMarker> evidence = evidence(used, genes, terms[order[0]], grounding);
        notes.add(String.format(Locale.ROOT, "group embedding from %d markers weighted by %s; best term %s "
            + "(cosine %.4f)%s", used.size(), plain ? "rank (no statistics)" : options.weight() == MarkerWeight.SCORE
            ? "score" : "log fold change", best.name(), max, order.length > 1 ? String.format(Locale.ROOT,
            ", runner-up %s (%.4f)", candidates.get(order[1]).name(), sim[order[1]]) : ""));
        if (undescribed > 0) {
            notes.add(undescribed + " significant marker(s) without a description were left out");
        }
        String id = best.id();
        String name = best.name();
        AnnotationStatus status = AnnotationStatus.ACCEPTED;
        if (order.length > 1) {
            OntologyTerm second = candidates.get(order[1]);
            boolean low = confidence < options.minConfidence();
            boolean close = Guardrails.siblings(ontology, best.id(), second.id())
                && max - sim[order[1]] <= options.siblingMargin();
            if (low || close) {
                var lca = Guardrails.lowestCommonAncestor(ontology, best.id(), second.id());
                if (lca.isPresent()) {
                    notes.add("rolled up from " + best.name() + " and " + second.name() + " to their lowest common "
                        + "ancestor because " + (low ? String.format(Locale.ROOT, "the confidence %.2f is below %.2f",
                        confidence, options.minConfidence()) : "they are siblings with close similarities"));
                    id = lca.get();
                    name = ontology.nameOf(id);
                    status = AnnotationStatus.ROLLED_UP;
                }
            }
        }
        return new GroupAnnotation(group, AnnotationMethod.EMBEDDING, status, id, name, best.name(), confidence,
            evidence, List.of(), alternatives, notes);
    }

    private List<EvidenceMarker> evidence(List<Used> used, float[][] genes, float[] term, Grounding grounding) {
        Integer[] idx = new Integer[used.size()];
        double[] contribution = new double[used.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
            contribution[i] = used.get(i).weight() * dot(genes[i], term);
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> -contribution[i]).thenComparingInt(i -> i));
        List<EvidenceMarker> out = new ArrayList<>();
        for (int i : idx) {
            if (out.size() >= EVIDENCE || !(contribution[i] > 0)) {
                break;
            }
            out.add(grounding.check(used.get(i).symbol()));
        }
        return out;
    }

    private float[][] geneVectors(List<Used> used, CancellationToken cancel) {
        List<String> missing = new ArrayList<>();
        for (Used u : used) {
            if (!geneVectors.containsKey(u.text()) && !missing.contains(u.text())) {
                missing.add(u.text());
            }
        }
        if (!missing.isEmpty()) {
            float[][] v = embedder.embed(missing, cancel, ProgressListener.NONE);
            check(v, missing.size(), "gene descriptions");
            for (int i = 0; i < v.length; i++) {
                geneVectors.put(missing.get(i), normalised(v[i]));
            }
        }
        float[][] out = new float[used.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = geneVectors.get(used.get(i).text());
        }
        return out;
    }

    private synchronized float[][] termVectors(CancellationToken cancel) {
        if (termVectors == null) {
            List<String> texts = candidates.stream().map(ZeroShotScorer::termText).toList();
            float[][] v = embedder.embed(texts, cancel, ProgressListener.NONE);
            check(v, texts.size(), "ontology terms");
            for (int i = 0; i < v.length; i++) {
                v[i] = normalised(v[i]);
            }
            termVectors = v;
        }
        return termVectors;
    }

    private void check(float[][] v, int expected, String what) {
        if (v.length != expected) {
            throw new InvalidInputException("The text embedder " + embedder.identity() + " returned " + v.length
                + " vectors for " + expected + " " + what + ".");
        }
    }

    private static float[] normalised(float[] v) {
        double n = 0;
        for (float x : v) {
            n += (double) x * x;
        }
        float[] out = v.clone();
        if (n > 0) {
            double s = 1 / Math.sqrt(n);
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (out[i] * s);
            }
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double dot(double[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
