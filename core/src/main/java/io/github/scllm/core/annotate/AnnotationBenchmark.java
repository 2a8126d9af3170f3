package io.github.scllm.core.annotate;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
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
 * AnnotationStatus#ACCEPTED} or {@link AnnotationStatus#ROLLED_UP}); rejected and unresolved calls score 0. The
 * ontology-aware score ({@link #score}) is 1 for the true term, 0.5 when one term is an ancestor of the other (over
 * is_a and part_of), 0 otherwise.
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
     */
    public record Case(int line, String truth, List<String> markers, String tissue, String species, String dataset) {
    }

    /**
     * The result of one case.
     *
     * @param item the case
     * @param truth the resolution of its true label
     * @param call the method's annotation
     * @param score the ontology-aware score, NaN when the true label does not resolve
     */
    public record Outcome(Case item, TermMatch truth, GroupAnnotation call, double score) {
        /** @return whether the asserted term is the true term */
        public boolean exact() {
            return score == 1;
        }
    }

    /**
     * @param cases rows read
     * @param scored rows whose true label resolved
     * @param meanScore the mean ontology-aware score over the scored rows, NaN when none
     * @param exactRate the fraction of scored rows whose asserted term is the true term, NaN when none
     * @param byStatus calls per status over all rows
     * @param outcomes every row's outcome, in file order
     */
    public record Summary(int cases, int scored, double meanScore, double exactRate,
        Map<AnnotationStatus, Integer> byStatus, List<Outcome> outcomes) {
    }

    /**
     * @param ontology the ontology
     * @param truthId the true term
     * @param predictedId the asserted term, or null for no call
     * @return 1 when equal, 0.5 when one is an ancestor of the other, else 0 (also for no call)
     */
    public static double score(Ontology ontology, String truthId, String predictedId) {
        if (predictedId == null || truthId == null) {
            return 0;
        }
        if (predictedId.equals(truthId)) {
            return 1;
        }
        return ontology.isAncestor(predictedId, truthId) || ontology.isAncestor(truthId, predictedId) ? 0.5 : 0;
    }

    /**
     * Reads the cases.
     *
     * @param file the CSV
     * @return the cases, in file order
     * @throws InvalidInputException if the file is missing, lacks the columns, or a row has no marker
     */
    public static List<Case> read(Path file) {
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
            int tissue = names.indexOf("tissue");
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
                    field(f, dataset)));
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
     * @param ontology the ontology of truths and calls
     * @param truthResolver resolves true labels (give it no embedder, so truths are never guessed)
     * @param cancel checked before each case
     * @param progress told after each case
     * @return the summary
     */
    public static Summary run(List<Case> cases, Function<Case, GroupAnnotator> methodFor, ExpertRules rules,
        Ontology ontology, TermResolver truthResolver, CancellationToken cancel, ProgressListener progress) {
        List<Outcome> outcomes = new ArrayList<>();
        Map<AnnotationStatus, Integer> byStatus = new EnumMap<>(AnnotationStatus.class);
        double sum = 0;
        int exact = 0;
        int scored = 0;
        for (Case c : cases) {
            cancel.check();
            String group = "line " + c.line();
            GroupAnnotation call = AnnotateGroups.annotate(group, ReferenceScorer.plainList(group, c.markers()),
                methodFor.apply(c), rules, 1, cancel);
            TermMatch truth = truthResolver.resolve(c.truth());
            boolean asserted = call.status() == AnnotationStatus.ACCEPTED
                || call.status() == AnnotationStatus.ROLLED_UP;
            double s = Double.NaN;
            if (truth.resolved()) {
                s = score(ontology, truth.id(), asserted ? call.termId() : null);
                sum += s;
                exact += s == 1 ? 1 : 0;
                scored++;
            }
            byStatus.merge(call.status(), 1, Integer::sum);
            outcomes.add(new Outcome(c, truth, call, s));
            progress.progress(outcomes.size() / (double) cases.size(), outcomes.size() + " of " + cases.size()
                + " marker lists annotated");
        }
        return new Summary(cases.size(), scored, scored == 0 ? Double.NaN : sum / scored,
            scored == 0 ? Double.NaN : exact / (double) scored, byStatus, outcomes);
    }
}
