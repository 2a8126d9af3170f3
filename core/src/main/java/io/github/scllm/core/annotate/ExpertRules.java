package io.github.scllm.core.annotate;

import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ontology.Ontology;
import io.github.scllm.core.ontology.TermMatch;
import io.github.scllm.core.ontology.TermResolver;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Expert rules resolved to ontology terms, applied to the call of every annotation method: a rule binds the call
 * when its term is the predicted term or an ancestor of it. Each required marker that is not among the group's
 * significant up-regulated markers, and each excluding marker that is, is a met {@link RejectionCriterion}; a call
 * with a met criterion is {@link AnnotationStatus#REJECTED} (reported, not asserted). Immutable and thread-safe.
 */
public final class ExpertRules {
    /** No rules at all. */
    public static final ExpertRules NONE = new ExpertRules(List.of(), null);

    /**
     * A rule with the term it resolved to.
     *
     * @param rule the rule as given
     * @param termId the term it binds
     * @param termName that term's name
     */
    public record Resolved(ExpertRule rule, String termId, String termName) {
    }

    private final List<Resolved> rules;
    private final Ontology ontology;

    private ExpertRules(List<Resolved> rules, Ontology ontology) {
        this.rules = List.copyOf(rules);
        this.ontology = ontology;
    }

    /**
     * Resolves rules to terms.
     *
     * @param rules the rules, in table order
     * @param ontology the vocabulary of the calls
     * @param resolver resolves each rule's cell type (ID, name, synonym, ...)
     * @return the resolved rules
     * @throws InvalidInputException if a rule's cell type is not a term: a rule that binds nothing would be silently
     *         ignored, so it is refused (the message names the rule's row and the closest terms)
     */
    public static ExpertRules resolve(List<ExpertRule> rules, Ontology ontology, TermResolver resolver) {
        List<Resolved> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            ExpertRule r = rules.get(i);
            TermMatch m = resolver.resolve(r.cellType());
            if (!m.resolved()) {
                throw new InvalidInputException("Expert rule " + (i + 1) + ": cell type '" + r.cellType()
                    + "' is not a term of the ontology (" + m.note() + ")" + (m.candidates().isEmpty() ? ""
                    : "; closest: " + m.candidates().stream().map(c -> c.id() + " " + c.name()).toList())
                    + ". Write the term's CL ID or its exact name.");
            }
            out.add(new Resolved(r, m.id(), m.name()));
        }
        return new ExpertRules(out, ontology);
    }

    /**
     * Reads a rules table: tab-separated (comma-separated when the file name ends in {@code .csv}, with double
     * quotes around fields holding commas), a header naming a cell type column ({@code cell type}, {@code cell_type},
     * {@code CL ID}, {@code id}, {@code label}) and at least one of {@code required markers} and {@code excluding
     * markers}, optionally {@code notes}. Genes within a field are separated by commas, semicolons, pipes or spaces.
     * Blank lines and lines starting with {@code #} are skipped.
     *
     * @param file the table
     * @return the rules, in file order
     * @throws InvalidInputException if the file is missing or unreadable, a column is missing, or a row is invalid
     *         (the message names the line)
     */
    public static List<ExpertRule> read(Path file) {
        boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        List<ExpertRule> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new InvalidInputException("Expert rules table " + file + " is empty.");
            }
            List<String> names = split(header.replace("\uFEFF", ""), csv);
            List<List<String>> rows = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            int line = 1;
            for (String row = in.readLine(); row != null; row = in.readLine()) {
                line++;
                if (!row.isBlank() && !row.startsWith("#")) {
                    rows.add(split(row, csv));
                    lines.add(line);
                }
            }
            out.addAll(fromRows(names, rows, i -> file + ", line " + lines.get(i)));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("Expert rules table " + file + " does not exist.");
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read expert rules table " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Builds rules from a table's cells (e.g. a KNIME table), with the columns {@link #read} recognises.
     *
     * @param header the column names
     * @param rows the rows' cells as text, in column order (missing cells as empty strings)
     * @param where names the i-th row (0-based) for messages, e.g. "row 3" or "file, line 4"
     * @return the rules, in row order
     * @throws InvalidInputException if a column is missing or a row is invalid
     */
    public static List<ExpertRule> fromRows(List<String> header, List<List<String>> rows,
        java.util.function.IntFunction<String> where) {
        List<String> names = header.stream().map(ExpertRules::column).toList();
        int type = -1;
        for (String c : List.of("cell type", "cl id", "id", "label", "term")) {
            if (type < 0) {
                type = names.indexOf(c);
            }
        }
        int required = names.indexOf("required markers") >= 0 ? names.indexOf("required markers")
            : names.indexOf("required");
        int excluding = names.indexOf("excluding markers") >= 0 ? names.indexOf("excluding markers")
            : names.indexOf("excluding");
        int notes = names.indexOf("notes") >= 0 ? names.indexOf("notes") : names.indexOf("note");
        if (type < 0 || (required < 0 && excluding < 0)) {
            throw new InvalidInputException("The expert rules table needs a 'cell type' (or 'CL ID') column and a "
                + "'required markers' and/or 'excluding markers' column; its columns are " + header + ".");
        }
        List<ExpertRule> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<String> f = rows.get(i);
            try {
                out.add(new ExpertRule(field(f, type), ExpertRule.parseGenes(field(f, required)),
                    ExpertRule.parseGenes(field(f, excluding)), field(f, notes)));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(where.apply(i) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static String column(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replace('_', ' ').replaceAll("\\s+", " ");
    }

    private static String field(List<String> f, int col) {
        return col >= 0 && col < f.size() ? f.get(col).strip() : "";
    }

    /** Splits a TSV line at tabs, or a CSV line at commas outside double quotes ("" inside quotes is a quote). */
    static List<String> split(String line, boolean csv) {
        List<String> out = new ArrayList<>();
        if (!csv) {
            for (String s : line.split("\t", -1)) {
                out.add(s);
            }
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** @return the rules with their terms, in table order */
    public List<Resolved> rules() {
        return rules;
    }

    /** @return whether there is no rule */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * @param termId a term of the ontology the rules were resolved against
     * @return the rules that bind a call of this term: on the term itself or on one of its ancestors
     */
    public List<Resolved> binding(String termId) {
        List<Resolved> out = new ArrayList<>();
        for (Resolved r : rules) {
            if (r.termId().equals(termId) || (ontology.term(termId).isPresent() && ontology.isAncestor(r.termId(),
                termId))) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * @param termId the called term
     * @param grounding the group's markers
     * @return one criterion per required and excluding marker of every binding rule, with whether the data meets it
     */
    public List<RejectionCriterion> criteria(String termId, Grounding grounding) {
        List<RejectionCriterion> out = new ArrayList<>();
        for (Resolved r : binding(termId)) {
            String who = r.termName() + " (expert rule)";
            for (String g : r.rule().required()) {
                out.add(new RejectionCriterion("required marker " + g + " of " + who + " is not among the group's "
                    + "significant up-regulated markers", g, !grounding.grounded(g)));
            }
            for (String g : r.rule().excluding()) {
                out.add(new RejectionCriterion("excluding marker " + g + " of " + who + " is among the group's "
                    + "significant up-regulated markers", g, grounding.grounded(g)));
            }
        }
        return out;
    }

    /**
     * Applies the rules to a call: adds their criteria and rejects a call (accepted or rolled up) that meets one.
     * Unresolved calls are returned unchanged.
     *
     * @param call a method's annotation of a group
     * @param grounding the same group's markers
     * @return the annotation with the rules' criteria, and status and notes changed when a rule rejects it
     */
    public GroupAnnotation apply(GroupAnnotation call, Grounding grounding) {
        if (rules.isEmpty() || call.termId() == null) {
            return call;
        }
        List<RejectionCriterion> added = criteria(call.termId(), grounding);
        if (added.isEmpty()) {
            return call;
        }
        List<RejectionCriterion> criteria = new ArrayList<>(call.rejection());
        criteria.addAll(added);
        List<String> notes = new ArrayList<>(call.notes());
        List<String> met = added.stream().filter(RejectionCriterion::met).map(RejectionCriterion::description)
            .toList();
        AnnotationStatus status = call.status();
        if (!met.isEmpty()) {
            notes.add("rejected by expert rules: " + String.join("; ", met));
            if (status == AnnotationStatus.ACCEPTED || status == AnnotationStatus.ROLLED_UP) {
                status = AnnotationStatus.REJECTED;
            }
        } else {
            notes.add("expert rules for " + call.termName() + " are satisfied");
        }
        return new GroupAnnotation(call.group(), call.method(), status, call.termId(), call.termName(), call.label(),
            call.confidence(), call.evidence(), criteria, call.alternatives(), notes);
    }

    /** @return the rules as prompt lines, one per rule, with the resolved term */
    public List<String> describe() {
        return rules.stream().map(r -> r.termName() + " (" + r.termId() + ")" + r.rule().describe().substring(
            r.rule().cellType().length())).toList();
    }
}
