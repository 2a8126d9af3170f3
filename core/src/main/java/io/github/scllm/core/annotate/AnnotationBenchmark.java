package io.github.scllm.core.annotate;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.ontology.OntologyMetrics;
import io.github.scllm.core.ontology.TermMatch;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Scores an annotation method on marker lists whose cell type is known, in the layout of the CASSIA marker
 * benchmark: a CSV with the columns {@code True Cell Type}, {@code Marker List} (comma-separated genes, best first),
 * {@code Tissue}, {@code Species} and optionally {@code Dataset}.
 *
 * <p>Each true label is resolved to an ontology term without embeddings (ID, name, synonym, normalised forms); a row
 * whose label does not resolve is reported and left out of the scores. A call counts only when asserted ({@link
 * AnnotationStatus#ACCEPTED} or {@link AnnotationStatus#ROLLED_UP}); rejected and unresolved calls assert nothing.
 * The figures ({@link OntologyMetrics}) are given for the method and for two trivial baselines on the same rows
 * (the root term and the most frequent true term for every row), overall and per value of a grouping column.
 */
public final class AnnotationBenchmark {
    private AnnotationBenchmark() {
    }

    /**
     * One marker list with its known cell type.
     *
     * @param line the 1-based line in the file
     * @param truth the true cell type label
     * @param markers the genes, best first
     * @param tissue the tissue, or an empty string
     * @param species the species, or an empty string
     * @param dataset the source dataset, or an empty string
     * @param group the value of the grouping column, or an empty string
     */
    public record Case(int line, String truth, List<String> markers, String tissue, String species, String dataset,
        String group) {
    }

    /**
     * The result of one case.
     *
     * @param item the case
     * @param truth the resolution of its true label
     * @param call the method's annotation
     * @param score the earlier ontology-aware score ({@link OntologyMetrics#ontologyScore}), NaN when the true label
     *        does not resolve
     */
    public record Outcome(Case item, TermMatch truth, GroupAnnotation call, double score) {
        /** @return the asserted term, or null when the call asserts none */
        public String asserted() {
            return AnnotationBenchmark.asserted(call);
        }
    }

    /**
     * @param cases rows read
     * @param scored rows whose true label resolved
     * @param rootId the term of the root baseline
     * @param overall the method and the baselines over the scored rows
     * @param byGroup the same per value of the grouping column, in order of first appearance (empty without one)
     * @param byStatus calls per status over all rows
     * @param outcomes every row's outcome, in file order
     */
    public record Summary(int cases, int scored, String rootId, OntologyMetrics.Comparison overall,
        Map<String, OntologyMetrics.Comparison> byGroup, Map<AnnotationStatus, Integer> byStatus,
        List<Outcome> outcomes) {
    }

    /** @return the term a call asserts (accepted or rolled up), or null */
    public static String asserted(GroupAnnotation call) {
        return call.status() == AnnotationStatus.ACCEPTED || call.status() == AnnotationStatus.ROLLED_UP
            ? call.termId() : null;
    }

    /** @return {@link #read(Path, String, String)} with the tissue column "Tissue" and no grouping */
    public static List<Case> read(Path file) {
        return read(file, "Tissue", null);
    }

    /**
     * Reads the cases.
     *
     * @param file the CSV
     * @param tissueColumn the column naming each row's tissue (ignoring case); rows have no tissue when it is absent
     * @param groupColumn the column whose values group the figures, or null/blank to group by the dataset column
     * @return the cases, in file order
     * @throws InvalidInputException if the file is missing, lacks the columns, or a row has no marker
     */
    public static List<Case> read(Path file, String tissueColumn, String groupColumn) {
        List<Case> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new InvalidInputException("Benchmark table " + file + " is empty.");
            }
            List<String> names = ExpertRules.split(header.replace("\uFEFF", ""), true).stream()
                .map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
            int truth = names.indexOf("true cell type");
            int markers = names.indexOf("marker list");
            if (truth < 0 || markers < 0) {
                throw new InvalidInputException("Benchmark table " + file + " needs the columns 'True Cell Type' and "
                    + "'Marker List' (and optionally 'Tissue', 'Species', 'Dataset'); its columns are " + names
                    + ".");
            }
            int tissue = names.indexOf(tissueColumn == null ? "tissue" : tissueColumn.strip().toLowerCase(Locale.ROOT));
            int group = -1;
            if (groupColumn != null && !groupColumn.isBlank()) {
                group = names.indexOf(groupColumn.strip().toLowerCase(Locale.ROOT));
                if (group < 0) {
                    throw new InvalidInputException("Benchmark table " + file + " has no grouping column '"
                        + groupColumn + "'; its columns are " + names + ".");
                }
            }
            int species = names.indexOf("species");
            int dataset = names.indexOf("dataset");
            int line = 1;
            for (String row = in.readLine(); row != null; row = in.readLine()) {
                line++;
                if (row.isBlank()) {
                    continue;
                }
                List<String> f = ExpertRules.split(row, true);
                List<String> genes = ExpertRule.parseGenes(field(f, markers));
                if (field(f, truth).isEmpty() || genes.isEmpty()) {
                    throw new InvalidInputException(file + ", line " + line + ": the true cell type or the marker "
                        + "list is empty.");
                }
                out.add(new Case(line, field(f, truth), genes, field(f, tissue), field(f, species),
                    field(f, dataset), field(f, group < 0 ? dataset : group)));
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("Benchmark table " + file + " does not exist.");
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read benchmark table " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static String field(List<String> f, int col) {
        return col >= 0 && col < f.size() ? f.get(col).strip() : "";
    }

    /**
     * Runs a method on every case.
     *
     * @param cases the cases
     * @param methodFor the method for a case (e.g. bound to its tissue and species)
     * @param rules expert rules applied to every call
     * @param truthResolver resolves a case's true label (never by embeddings, so truths are never guessed)
     * @param metrics the figures
     * @param rootId the root baseline's term, e.g. the candidate root
     * @param cancel checked before each case
     * @param progress told after each case
     * @return the summary
     */
    public static Summary run(List<Case> cases, Function<Case, GroupAnnotator> methodFor, ExpertRules rules,
        Function<Case, TermMatch> truthResolver, OntologyMetrics metrics, String rootId, CancellationToken cancel,
        ProgressListener progress) {
        List<Outcome> outcomes = new ArrayList<>();
        Map<AnnotationStatus, Integer> byStatus = new EnumMap<>(AnnotationStatus.class);
        List<String> truths = new ArrayList<>();
        List<String> predictions = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (Case c : cases) {
            cancel.check();
            String group = "line " + c.line();
            GroupAnnotation call = AnnotateGroups.annotate(group, ReferenceScorer.plainList(group, c.markers()),
                methodFor.apply(c), rules, 1, cancel);
            TermMatch truth = truthResolver.apply(c);
            double s = Double.NaN;
            if (truth.resolved()) {
                s = metrics.ontologyScore(truth.id(), asserted(call));
                truths.add(truth.id());
                predictions.add(asserted(call));
                groups.add(c.group());
            }
            byStatus.merge(call.status(), 1, Integer::sum);
            outcomes.add(new Outcome(c, truth, call, s));
            progress.progress(outcomes.size() / (double) cases.size(), outcomes.size() + " of " + cases.size()
                + " marker lists annotated");
        }
        boolean grouped = cases.stream().anyMatch(c -> !c.group().isEmpty());
        return new Summary(cases.size(), truths.size(), rootId, metrics.compare(truths, predictions, rootId), grouped
            ? metrics.compareByGroup(groups, truths, predictions, rootId) : Map.of(), byStatus, outcomes);
    }
}
