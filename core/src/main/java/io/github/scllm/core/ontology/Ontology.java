package io.github.scllm.core.ontology;

import io.github.scllm.core.InvalidInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * An ontology read from an OBO file: its terms and the hierarchy over is_a (and optionally part_of) edges.
 * Immutable and thread-safe. Edges to IDs without a stanza in the file (other ontologies) are kept as IDs; such IDs
 * can appear among ancestors but have no {@link #term(String)}.
 */
public final class Ontology {
    private final String source;
    private final String dataVersion;
    private final String name;
    private final Map<String, OntologyTerm> terms;
    private final Map<String, String> altIds = new HashMap<>();
    private final Map<Hierarchy, Map<String, List<String>>> children = new HashMap<>();

    private Ontology(String source, OboParser.Parsed parsed) {
        this.source = source;
        this.dataVersion = parsed.dataVersion();
        this.name = parsed.ontology();
        this.terms = Collections.unmodifiableMap(parsed.terms());
        for (OntologyTerm t : terms.values()) {
            for (String alt : t.altIds()) {
                altIds.putIfAbsent(alt, t.id());
            }
        }
        for (Hierarchy h : Hierarchy.values()) {
            Map<String, List<String>> down = new HashMap<>();
            for (OntologyTerm t : terms.values()) {
                for (String p : t.parents(h)) {
                    down.computeIfAbsent(p, k -> new ArrayList<>()).add(t.id());
                }
            }
            children.put(h, down);
        }
    }

    /**
     * Reads an OBO file (optionally gzipped, by the {@code .gz} suffix).
     *
     * @param file the file
     * @return the ontology
     * @throws InvalidInputException if the file cannot be read or is not valid OBO; the message names the file and
     *         line
     */
    public static Ontology read(Path file) {
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("Ontology file " + file + " does not exist. Download an OBO release, "
                + "e.g. cl-basic.obo of the Cell Ontology, and give its path.");
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read ontology file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses OBO text.
     *
     * @param reader the text; not closed
     * @param source a name for messages (e.g. the file name)
     * @return the ontology
     * @throws InvalidInputException if the text is not valid OBO or has no term
     */
    public static Ontology parse(Reader reader, String source) {
        try {
            BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
            return new Ontology(source, OboParser.parse(in, source));
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + source + " failed: " + e.getMessage(), e);
        }
    }

    /** @return where the ontology was read from */
    public String source() {
        return source;
    }

    /** @return the header's {@code data-version} (e.g. {@code cl/releases/2022-12-15/cl-basic.owl}), or empty */
    public String dataVersion() {
        return dataVersion;
    }

    /** @return the header's {@code ontology} name, or empty */
    public String name() {
        return name;
    }

    /** @return every term, obsolete ones included, in file order */
    public Collection<OntologyTerm> terms() {
        return terms.values();
    }

    /** @return the number of terms, obsolete ones included */
    public int size() {
        return terms.size();
    }

    /**
     * @param id a term ID or one of its alternative IDs
     * @return the term, if the file defines it
     */
    public Optional<OntologyTerm> term(String id) {
        OntologyTerm t = terms.get(id);
        if (t == null && altIds.containsKey(id)) {
            t = terms.get(altIds.get(id));
        }
        return Optional.ofNullable(t);
    }

    /**
     * @param id a term ID
     * @return the term
     * @throws InvalidInputException if the ontology has no such term
     */
    public OntologyTerm require(String id) {
        return term(id).orElseThrow(() -> new InvalidInputException("The ontology " + source + " has no term " + id
            + ". Check the ID, or use a newer release of the ontology."));
    }

    /** @return the name of a term, or the ID itself when the file does not define it */
    public String nameOf(String id) {
        return term(id).map(OntologyTerm::name).filter(n -> !n.isEmpty()).orElse(id);
    }

    /**
     * @param id a term ID
     * @param hierarchy which edges to follow
     * @return all ancestors, nearest first (breadth-first), without the term itself
     * @throws InvalidInputException if the ontology has no such term
     */
    public Set<String> ancestors(String id, Hierarchy hierarchy) {
        String start = require(id).id();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String t = queue.poll();
            for (String p : term(t).map(x -> x.parents(hierarchy)).orElse(List.of())) {
                if (!p.equals(start) && seen.add(p)) {
                    queue.add(p);
                }
            }
        }
        return seen;
    }

    /** @return {@link #ancestors(String, Hierarchy)} over is_a and part_of */
    public Set<String> ancestors(String id) {
        return ancestors(id, Hierarchy.IS_A_AND_PART_OF);
    }

    /**
     * @param id a term ID
     * @param hierarchy which edges to follow
     * @return all descendants, nearest first, without the term itself
     * @throws InvalidInputException if the ontology has no such term
     */
    public Set<String> descendants(String id, Hierarchy hierarchy) {
        String start = require(id).id();
        Map<String, List<String>> down = children.get(hierarchy);
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            for (String c : down.getOrDefault(queue.poll(), List.of())) {
                if (!c.equals(start) && seen.add(c)) {
                    queue.add(c);
                }
            }
        }
        return seen;
    }

    /** @return {@link #descendants(String, Hierarchy)} over is_a and part_of */
    public Set<String> descendants(String id) {
        return descendants(id, Hierarchy.IS_A_AND_PART_OF);
    }

    /**
     * @return whether {@code ancestor} is a proper ancestor of {@code id} over is_a and part_of
     * @throws InvalidInputException if the ontology has no term {@code id}
     */
    public boolean isAncestor(String ancestor, String id) {
        return ancestors(id).contains(term(ancestor).map(OntologyTerm::id).orElse(ancestor));
    }

    /**
     * The terms a call under a root may name: the root and the terms below it (over is_a and part_of), and every
     * other term that descends from the root's top term but from no sibling of the root (another child of one of its
     * is_a parents) and is not above it; a root without parents admits only itself and the terms below it. With the Cell Ontology's "animal cell" as root this keeps melanocytes, germ cells and myoblasts, which
     * the ontology places beside "animal cell", and leaves out fungal cells.
     *
     * @param root a term ID
     * @return the admitted term IDs, obsolete terms excluded
     * @throws InvalidInputException if the ontology has no such term
     */
    public Set<String> candidatesUnder(String root) {
        String r = require(root).id();
        Set<String> under = new java.util.HashSet<>(descendants(r));
        under.add(r);
        Set<String> siblings = new java.util.HashSet<>();
        for (String parent : require(r).isA()) {
            for (String child : children.get(Hierarchy.IS_A).getOrDefault(parent, List.of())) {
                if (!child.equals(r)) {
                    siblings.add(child);
                }
            }
        }
        Set<String> above = ancestors(r);
        // outside terms must still descend from the root's own top term (e.g. "cell"), not from another ontology's
        Set<String> tops = new java.util.HashSet<>();
        for (String a : ancestors(r, Hierarchy.IS_A)) {
            if (term(a).map(x -> x.isA().isEmpty()).orElse(false)) {
                tops.add(a);
            }
        }
        Set<String> out = new java.util.HashSet<>();
        for (OntologyTerm t : terms.values()) {
            if (t.obsolete() || above.contains(t.id())) {
                continue;
            }
            if (under.contains(t.id())) {
                out.add(t.id());
                continue;
            }
            Set<String> anc = ancestors(t.id(), Hierarchy.IS_A);
            if (!siblings.contains(t.id()) && anc.stream().noneMatch(siblings::contains) && anc.stream()
                .anyMatch(tops::contains)) {
                out.add(t.id());
            }
        }
        return out;
    }

    /**
     * The lowest common ancestors of some terms: the shared ancestors (a term counts as its own ancestor) that are
     * not an ancestor of another shared ancestor. Usually one term; several when the hierarchy is a DAG with
     * multiple inheritance.
     *
     * @param ids at least one term ID
     * @param hierarchy which edges to follow
     * @return the lowest common ancestors, sorted by ID; empty when the terms share none
     * @throws InvalidInputException if ids is empty or a term is unknown
     */
    public List<String> lowestCommonAncestors(Collection<String> ids, Hierarchy hierarchy) {
        if (ids.isEmpty()) {
            throw new InvalidInputException("Lowest common ancestor of no terms is undefined; give at least one ID.");
        }
        Set<String> common = null;
        for (String id : ids) {
            Set<String> self = new LinkedHashSet<>();
            self.add(require(id).id());
            self.addAll(ancestors(id, hierarchy));
            if (common == null) {
                common = self;
            } else {
                common.retainAll(self);
            }
        }
        Set<String> notLowest = new LinkedHashSet<>();
        for (String c : common) {
            if (terms.containsKey(c)) {
                notLowest.addAll(ancestors(c, hierarchy));
            }
        }
        TreeSet<String> lowest = new TreeSet<>(common);
        lowest.removeAll(notLowest);
        return List.copyOf(lowest);
    }

    /** @return {@link #lowestCommonAncestors(Collection, Hierarchy)} of two terms over is_a and part_of */
    public List<String> lowestCommonAncestors(String a, String b) {
        return lowestCommonAncestors(List.of(a, b), Hierarchy.IS_A_AND_PART_OF);
    }
}
