package io.github.scllm.core.ontology;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.embed.TextEmbedder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves free-text cell type labels to ontology terms, in this order: a term ID; the name (ignoring case); an exact
 * or related synonym (ignoring case); a normalised form of names and synonyms (punctuation and hyphens as spaces,
 * plural "s" dropped, "CD4+" read as "CD4-positive" and a trailing "CD25-" as "CD25-negative"; then ignoring word
 * order; a missing trailing "cell" added as a last resort; a label "A (B)" is also tried as "B A", "B" and "A B", and a label "A_suffix" as "A"); and, when a {@link TextEmbedder} is given, the term whose name and definition embed
 * nearest to the label. A label that matches several terms equally, or whose nearest term scores below the
 * threshold, is returned unresolved with its candidates: nothing is guessed silently. Obsolete terms are never
 * chosen; an obsolete ID given as label is followed to its single replacement.
 *
 * <p>Thread-safe once built; the term embeddings are computed on first need and kept.
 */
public final class TermResolver {
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9]*[:_]\\d+");
    private static final double SCORE_SYNONYM_EXACT = 0.95;
    private static final double SCORE_SYNONYM_RELATED = 0.8;
    private static final double SCORE_NORMALISED = 0.9;
    private static final double NORMALISED_RELATED_FACTOR = 0.85;
    private static final double ADDED_CELL_FACTOR = 0.9;
    private static final double WORD_ORDER_FACTOR = 0.95;
    private static final double PARENTHESIS_FACTOR = 0.9;
    private static final Pattern PARENTHESIS = Pattern.compile("([^()]+)\\(([^()]+)\\)");
    private static final int CANDIDATES = 3;
    /**
     * The weighted word overlap a fuzzy match needs: 0.8 lets a label differ from a name by about one uncommon word in
     * five of the rarity-weighted total, e.g. "Naive CD4+ T cell" for "naive thymus-derived CD4-positive, alpha-beta T
     * cell" does not pass, "Proximal tubule cell" for "epithelial cell of proximal tubule" does.
     */
    static final double FUZZY_THRESHOLD = 0.8;
    /** A fuzzy match is ambiguous when the runner-up naming another term scores within this of the best. */
    private static final double FUZZY_MARGIN = 0.02;

    private final Ontology ontology;
    private final List<OntologyTerm> candidates;
    private final TextEmbedder embedder;
    private final double minEmbeddingScore;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, List<Hit>> synonyms = new HashMap<>();
    private final Map<String, List<Hit>> normalised = new HashMap<>();
    private final Map<String, List<Hit>> unordered = new HashMap<>();
    private final List<Hit> fuzzyTexts = new ArrayList<>();
    private final List<Set<String>> fuzzyWords = new ArrayList<>();
    private final Map<String, List<Integer>> wordTexts = new HashMap<>();
    private float[][] termVectors;

    private record Hit(String id, double score, String text) {
    }

    /**
     * @param ontology the vocabulary
     * @param root if not null, only {@link Ontology#candidatesUnder(String) the terms a call under it may name} are
     *        candidates, e.g. {@code CL:0000548} (animal cell)
     * @param embedder the text embedder for the last step, or {@code null} to skip it
     * @param minEmbeddingScore the cosine similarity below which an embedding match is reported unresolved, in
     *        [-1, 1]
     * @throws InvalidInputException if the root is not a term of the ontology or the threshold is out of range
     */
    public TermResolver(Ontology ontology, String root, TextEmbedder embedder, double minEmbeddingScore) {
        if (!(minEmbeddingScore >= -1 && minEmbeddingScore <= 1)) {
            throw new InvalidInputException("Minimum embedding score is " + minEmbeddingScore
                + "; a cosine similarity threshold must lie in [-1, 1].");
        }
        this.ontology = ontology;
        this.embedder = embedder;
        this.minEmbeddingScore = minEmbeddingScore;
        Set<String> allowed = root == null || root.isBlank() ? null : ontology.candidatesUnder(root);
        List<OntologyTerm> list = new ArrayList<>();
        for (OntologyTerm t : ontology.terms()) {
            if (!t.obsolete() && !t.name().isEmpty() && (allowed == null || allowed.contains(t.id()))) {
                list.add(t);
            }
        }
        candidates = List.copyOf(list);
        for (OntologyTerm t : candidates) {
            fuzzyText(t.id(), t.name());
            for (Synonym syn : t.synonyms()) {
                if (syn.scope() == Synonym.Scope.EXACT) {
                    fuzzyText(t.id(), syn.text());
                }
            }
            names.putIfAbsent(lower(t.name()), t.id());
            add(normalised, normalise(t.name()), new Hit(t.id(), SCORE_NORMALISED, t.name()));
            add(unordered, sortedWords(normalise(t.name())), new Hit(t.id(), SCORE_NORMALISED, t.name()));
            for (Synonym s : t.synonyms()) {
                if (s.scope() == Synonym.Scope.EXACT || s.scope() == Synonym.Scope.RELATED) {
                    double score = s.scope() == Synonym.Scope.EXACT ? SCORE_SYNONYM_EXACT : SCORE_SYNONYM_RELATED;
                    add(synonyms, lower(s.text()), new Hit(t.id(), score, s.text()));
                    double n = s.scope() == Synonym.Scope.EXACT ? SCORE_NORMALISED : SCORE_NORMALISED
                        * NORMALISED_RELATED_FACTOR;
                    add(normalised, normalise(s.text()), new Hit(t.id(), n, s.text()));
                    add(unordered, sortedWords(normalise(s.text())), new Hit(t.id(), n, s.text()));
                }
            }
        }
    }

    private void fuzzyText(String id, String text) {
        Set<String> words = new LinkedHashSet<>(List.of(normalise(text).split(" ")));
        words.remove("");
        if (!words.isEmpty()) {
            int k = fuzzyTexts.size();
            fuzzyTexts.add(new Hit(id, 0, text));
            fuzzyWords.add(words);
            words.forEach(w -> wordTexts.computeIfAbsent(w, x -> new ArrayList<>()).add(k));
        }
    }

    private static void add(Map<String, List<Hit>> index, String key, Hit hit) {
        if (!key.isEmpty()) {
            index.computeIfAbsent(key, k -> new ArrayList<>()).add(hit);
        }
    }

    /** @return the number of terms a label can resolve to */
    public int candidateCount() {
        return candidates.size();
    }

    /**
     * Resolves one label.
     *
     * @param label a cell type label
     * @return the match, never null
     * @throws io.github.scllm.core.EngineException if the embedder fails
     */
    public TermMatch resolve(String label) {
        return resolveAll(List.of(label), CancellationToken.NONE, ProgressListener.NONE).get(0);
    }

    /**
     * Resolves labels; labels left by the lexical steps are embedded in one batch.
     *
     * @param labels the labels, none null
     * @param cancel passed to the embedder
     * @param progress passed to the embedder
     * @return one match per label, in order
     * @throws io.github.scllm.core.EngineException if the embedder fails
     */
    public List<TermMatch> resolveAll(List<String> labels, CancellationToken cancel, ProgressListener progress) {
        List<TermMatch> out = new ArrayList<>();
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            TermMatch m = lexical(labels.get(i));
            out.add(m);
            if (m == null) {
                pending.add(i);
            }
        }
        if (!pending.isEmpty() && embedder != null) {
            List<String> texts = new ArrayList<>();
            for (int i : pending) {
                texts.add(labels.get(i).strip());
            }
            float[][] vectors = embedder.embed(texts, cancel, progress);
            float[][] terms = termVectors(cancel);
            for (int k = 0; k < pending.size(); k++) {
                out.set(pending.get(k), nearest(labels.get(pending.get(k)), vectors[k], terms));
            }
        } else {
            for (int i : pending) {
                out.set(i, unresolved(labels.get(i), "no term has this name or synonym"
                    + (embedder == null ? " (text-embedding matching is off)" : ""), List.of()));
            }
        }
        return out;
    }

    private TermMatch lexical(String label) {
        TermMatch m = lexicalPlain(label);
        String text = label == null ? "" : label.strip();
        int underscore = text.indexOf('_');
        if (m == null && underscore > 0) {
            // atlas labels such as "B cell_2" or "Fibroblast_EFEMP1 high": the type before the suffix
            TermMatch v = lexicalPlain(text.substring(0, underscore));
            if (v != null && v.resolved()) {
                return new TermMatch(label, v.id(), v.name(), v.method(), v.score() * PARENTHESIS_FACTOR, v.matched(),
                    "read as '" + text.substring(0, underscore).strip() + "'", v.candidates());
            }
        }
        java.util.regex.Matcher paren = PARENTHESIS.matcher(text);
        if (m != null) {
            return m;
        }
        if (!paren.matches()) {
            return fuzzy(label);
        }
        // "Epithelial cell (ciliated)", "Immune (B cell)": the qualifier before the head, the qualifier, the head
        String head = paren.group(1).strip();
        String inner = paren.group(2).strip();
        for (String variant : List.of(inner + " " + head, inner, head + " " + inner)) {
            TermMatch v = lexicalPlain(variant);
            if (v != null && v.resolved()) {
                return new TermMatch(label, v.id(), v.name(), v.method(), v.score() * PARENTHESIS_FACTOR, v.matched(),
                    "read as '" + variant + "'" + (v.note().isEmpty() ? "" : "; " + v.note()), v.candidates());
            }
        }
        return fuzzy(label);
    }

    /**
     * The name or exact synonym with the largest rarity-weighted word overlap (Dice coefficient over normalised words,
     * each word weighted by ln(texts / texts containing it)) among those naming the same markers (CD4, IL17, …) as the
     * label, if it reaches {@link #FUZZY_THRESHOLD} and no other term
     * comes within {@link #FUZZY_MARGIN}; otherwise null, for the embedding step or an unresolved answer.
     */
    private TermMatch fuzzy(String label) {
        Set<String> words = new LinkedHashSet<>(List.of(normalise(label == null ? "" : label).split(" ")));
        words.remove("");
        if (words.isEmpty() || fuzzyTexts.isEmpty()) {
            return null;
        }
        double own = 0;
        Map<Integer, Double> shared = new HashMap<>();
        for (String w : words) {
            double weight = rarity(w);
            own += weight;
            for (int k : wordTexts.getOrDefault(w, List.of())) {
                shared.merge(k, weight, Double::sum);
            }
        }
        double best = 0;
        double runnerUp = 0;
        int bestText = -1;
        Set<String> markers = markerWords(words);
        for (Map.Entry<Integer, Double> e : shared.entrySet()) {
            if (!markerWords(fuzzyWords.get(e.getKey())).equals(markers)) {
                continue; // "CD4" and "CD8" name different cells however much else the labels share
            }
            double other = fuzzyWords.get(e.getKey()).stream().mapToDouble(this::rarity).sum();
            double dice = 2 * e.getValue() / (own + other);
            String id = fuzzyTexts.get(e.getKey()).id();
            if (dice > best || dice == best && bestText >= 0 && e.getKey() < bestText) {
                if (bestText >= 0 && !fuzzyTexts.get(bestText).id().equals(id)) {
                    runnerUp = Math.max(runnerUp, best);
                }
                best = dice;
                bestText = e.getKey();
            } else if (!fuzzyTexts.get(bestText).id().equals(id)) {
                runnerUp = Math.max(runnerUp, dice);
            }
        }
        if (bestText < 0 || best < FUZZY_THRESHOLD || best - runnerUp < FUZZY_MARGIN) {
            return null;
        }
        Hit h = fuzzyTexts.get(bestText);
        return match(label, h.id(), MatchMethod.FUZZY, best * SCORE_NORMALISED, h.text(), String.format(Locale.ROOT,
            "closest name or synonym by word overlap (%.2f)", best));
    }

    private static final Pattern MARKER_WORD = Pattern.compile("[a-z]+[0-9]+[a-z0-9]*");

    /** @return the words that look like gene or antigen names (letters then digits, e.g. cd4, il17) */
    private static Set<String> markerWords(Set<String> words) {
        Set<String> out = new java.util.HashSet<>();
        for (String w : words) {
            if (MARKER_WORD.matcher(w).matches()) {
                out.add(w);
            }
        }
        return out;
    }

    private double rarity(String word) {
        int df = wordTexts.getOrDefault(word, List.of()).size();
        return Math.log((fuzzyTexts.size() + 1.0) / (df + 1.0)) + 1e-3;
    }

    private TermMatch lexicalPlain(String label) {
        String text = label == null ? "" : label.strip();
        if (text.isEmpty()) {
            return unresolved(label, "the label is empty", List.of());
        }
        if (ID.matcher(text).matches()) {
            return byId(label, text.replace('_', ':'));
        }
        String lower = lower(text);
        String id = names.get(lower);
        if (id != null) {
            return match(label, id, MatchMethod.NAME, 1.0, ontology.nameOf(id), "");
        }
        TermMatch m = fromHits(label, synonyms.get(lower), MatchMethod.SYNONYM, 1.0, "");
        if (m != null) {
            return m;
        }
        String key = normalise(text);
        m = fromHits(label, normalised.get(key), MatchMethod.NORMALISED, 1.0, "");
        if (m != null) {
            return m;
        }
        m = fromHits(label, unordered.get(sortedWords(key)), MatchMethod.NORMALISED, WORD_ORDER_FACTOR,
            "matched ignoring word order");
        if (m != null) {
            return m;
        }
        if (!key.isEmpty() && !key.endsWith("cell")) {
            return fromHits(label, normalised.get(key + " cell"), MatchMethod.NORMALISED, ADDED_CELL_FACTOR,
                "matched after adding 'cell' to the label");
        }
        return null;
    }

    /** The best hits decide; several distinct terms with the best score make the label ambiguous. */
    private TermMatch fromHits(String label, List<Hit> hits, MatchMethod method, double factor, String note) {
        if (hits == null || hits.isEmpty()) {
            return null;
        }
        double best = hits.stream().mapToDouble(Hit::score).max().orElse(0);
        Map<String, Hit> top = new LinkedHashMap<>();
        for (Hit h : hits) {
            if (h.score() == best) {
                top.putIfAbsent(h.id(), h);
            }
        }
        if (top.size() > 1) {
            List<TermMatch.Candidate> c = new ArrayList<>();
            for (Hit h : top.values()) {
                c.add(new TermMatch.Candidate(h.id(), ontology.nameOf(h.id()), h.score() * factor));
            }
            return unresolved(label, "ambiguous: '" + top.values().iterator().next().text() + "' names "
                + top.size() + " terms", c.subList(0, Math.min(CANDIDATES, c.size())));
        }
        Hit h = top.values().iterator().next();
        return match(label, h.id(), method, h.score() * factor, h.text(), note);
    }

    private TermMatch byId(String label, String id) {
        var term = ontology.term(id);
        if (term.isEmpty()) {
            return unresolved(label, "the ontology has no term " + id, List.of());
        }
        OntologyTerm t = term.get();
        if (!t.obsolete()) {
            return match(label, t.id(), MatchMethod.ID, 1.0, t.name(), t.id().equals(id) ? "" : id
                + " is an alternative ID of " + t.id());
        }
        if (t.replacedBy().size() == 1 && ontology.term(t.replacedBy().get(0)).filter(r -> !r.obsolete()).isPresent()) {
            String r = t.replacedBy().get(0);
            return match(label, r, MatchMethod.ID, 1.0, ontology.nameOf(r), id + " is obsolete and replaced by " + r);
        }
        List<String> options = new ArrayList<>(t.replacedBy());
        options.addAll(t.consider());
        List<TermMatch.Candidate> c = new ArrayList<>();
        for (String o : options) {
            c.add(new TermMatch.Candidate(o, ontology.nameOf(o), 0));
        }
        return unresolved(label, id + " is obsolete" + (options.isEmpty() ? " without a replacement"
            : "; consider " + options), c.subList(0, Math.min(CANDIDATES, c.size())));
    }

    private TermMatch nearest(String label, float[] v, float[][] terms) {
        double[] sim = new double[terms.length];
        Integer[] order = new Integer[terms.length];
        for (int i = 0; i < terms.length; i++) {
            sim[i] = cosine(v, terms[i]);
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -sim[i]).thenComparingInt(i -> i));
        List<TermMatch.Candidate> c = new ArrayList<>();
        for (int k = 0; k < Math.min(CANDIDATES, order.length); k++) {
            OntologyTerm t = candidates.get(order[k]);
            c.add(new TermMatch.Candidate(t.id(), t.name(), sim[order[k]]));
        }
        if (c.isEmpty() || !(c.get(0).score() >= minEmbeddingScore)) {
            return unresolved(label, "no term's name and definition is similar enough (best "
                + (c.isEmpty() ? "none" : String.format(Locale.ROOT, "%.3f", c.get(0).score())) + ", threshold "
                + minEmbeddingScore + ")", c);
        }
        TermMatch.Candidate best = c.get(0);
        return new TermMatch(label, best.id(), best.name(), MatchMethod.EMBEDDING, Math.max(0, best.score()),
            best.name(), "", c.subList(1, c.size()));
    }

    private synchronized float[][] termVectors(CancellationToken cancel) {
        if (termVectors == null) {
            List<String> texts = new ArrayList<>();
            for (OntologyTerm t : candidates) {
                texts.add(t.definition().isEmpty() ? t.name() : t.name() + ". " + t.definition());
            }
            float[][] v = embedder.embed(texts, cancel, ProgressListener.NONE);
            if (v.length != texts.size()) {
                throw new InvalidInputException("The text embedder " + embedder.identity() + " returned " + v.length
                    + " vectors for " + texts.size() + " ontology terms.");
            }
            termVectors = v;
        }
        return termVectors;
    }

    private static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new InvalidInputException("Label and term embeddings differ in length (" + a.length + " vs "
                + b.length + "); use one embedder for both.");
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
    }

    private TermMatch match(String label, String id, MatchMethod method, double score, String matched, String note) {
        return new TermMatch(label, id, ontology.nameOf(id), method, score, matched, note, List.of());
    }

    private static TermMatch unresolved(String label, String note, List<TermMatch.Candidate> candidates) {
        return new TermMatch(label, null, null, MatchMethod.UNRESOLVED, 0, "", note, candidates);
    }

    private static String lower(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }

    /** @return the words of a normalised key in alphabetical order, so "b cell memory" meets "memory b cell" */
    static String sortedWords(String key) {
        String[] words = key.split(" ");
        java.util.Arrays.sort(words);
        return String.join(" ", words);
    }

    /**
     * The comparison key of a name: lower case; British spellings as American ones ("haem" as "hem", "oesophag" as
     * "esophag"); "+" after a letter or digit read as "-positive", and a "-" ending a marker token as "-negative";
     * every other non-alphanumeric character a space; a plural "s" dropped from words
     * longer than three letters (not after s, u or i).
     */
    static String normalise(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        // British spellings as the Cell Ontology's American ones
        s = s.replace("haem", "hem").replace("oesophag", "esophag").replace("oestr", "estr").replace("aemia", "emia")
            .replace("tumour", "tumor").replace("foetal", "fetal").replace("leucocyte", "leukocyte");
        s = s.replaceAll("(?<=[\\p{L}\\p{N}])\\+", " positive ");
        s = s.replaceAll("(?<=[\\p{L}\\p{N}])[-\u2212](?=$|[\\s/,;)])", " negative ");
        s = s.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        if (s.isEmpty()) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (String w : s.split(" ")) {
            if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
                w = w.substring(0, w.length() - 1);
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(w);
        }
        return sb.toString();
    }
}
