package io.github.scllm.core.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.annotate.AnnotationBenchmark;
import io.github.scllm.core.ontology.Ontology;
import io.github.scllm.core.ontology.OntologyMetrics;
import io.github.scllm.core.ontology.TermResolver;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scllm benchmark-annotation}: figures of a method on marker lists of known cell types that a vague answer
 * cannot game, beside two trivial baselines.
 */
@Command(name = "benchmark-annotation", description = "Annotate marker lists whose cell type is known (CSV: True Cell "
    + "Type, Marker List, Tissue, Species[, Dataset]) and print, over the rows whose true label is an ontology term: "
    + "exact-match rate, hierarchical precision/recall/F1 over is_a ancestor sets (without the root, by default "
    + "'animal cell', and the terms above it), broad-type match rate, coverage, and the earlier 1/0.5/0 ontology "
    + "score as a secondary figure; each "
    + "for the method, for answering the root term and for answering the most frequent true term, overall and per "
    + "group.")
public final class BenchmarkAnnotationCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE.csv", description = "The marker lists.")
    Path input;

    @Option(names = "--ontology", required = true, paramLabel = "FILE.obo", description = "The Cell Ontology.")
    Path ontology;

    @Option(names = "--tissue-column", defaultValue = "Tissue", paramLabel = "COL", description = "Column with each "
        + "row's tissue (default: ${DEFAULT-VALUE}).")
    String tissueColumn;

    @Option(names = "--group-column", paramLabel = "COL", description = "Column whose values the figures are also "
        + "given for (default: Dataset).")
    String groupColumn;

    @Option(names = "--broad-types", split = ",", paramLabel = "ID", description = "Broad cell types of the "
        + "broad-type match (default: hematopoietic, epithelial, endothelial, connective tissue, neural, muscle, "
        + "pigment, germ line and stem cell: " + "CL:0000988,CL:0000066,CL:0000115,CL:0002320,CL:0002319,CL:0000187,"
        + "CL:0000147,CL:0000039,CL:0000034).")
    List<String> broadTypes = new ArrayList<>();

    @Mixin
    GroupMethodOptions methodOptions;

    @Option(names = "--json", description = "Print the figures and every row as JSON.")
    boolean json;

    /** Opens the embedder of the embedding method; tests may replace it. */
    EmbedderFactory embedders = EmbedderFactory.DEFAULT;

    @Override
    public Integer call() {
        Ontology onto = Ontology.read(ontology);
        // the candidate root and the terms above it earn nothing, so answering the root cannot score
        OntologyMetrics metrics = new OntologyMetrics(onto, methodOptions.root, broadTypes.isEmpty()
            ? OntologyMetrics.defaultBroadTypes(onto) : broadTypes);
        List<AnnotationBenchmark.Case> cases = AnnotationBenchmark.read(input, tissueColumn, groupColumn);
        AnnotationBenchmark.Summary s;
        try (GroupMethodOptions.Session session = methodOptions.new Session(onto, embedders);
            ConsoleProgress progress = ConsoleProgress.forTerminal(spec.commandLine().getErr(),
                "benchmark-annotation")) {
            List<String> symbols = new ArrayList<>();
            cases.forEach(c -> symbols.addAll(c.markers()));
            session.describe(symbols, cases.isEmpty() ? "" : cases.get(0).species());
            TermResolver truth = new TermResolver(onto, null, null, 1);
            s = AnnotationBenchmark.run(cases, c -> session.method(c.tissue(), c.species()), session.expertRules,
                c -> truth.resolve(c.truth()), metrics, onto.require(methodOptions.root).id(), CancellationToken.NONE,
                progress::progress);
        }
        if (json) {
            ObjectNode root = AnnotateGroupsCommand.JSON.createObjectNode();
            root.put("method", methodOptions.method.name());
            root.put("cases", s.cases());
            root.put("scored", s.scored());
            comparison(root, s.overall(), s.rootId());
            ObjectNode groups = root.putObject("by_group");
            s.byGroup().forEach((g, c) -> comparison(groups.putObject(g), c, s.rootId()));
            ObjectNode counts = root.putObject("by_status");
            s.byStatus().forEach((k, v) -> counts.put(k.name().toLowerCase(Locale.ROOT), v));
            ArrayNode rows = root.putArray("rows");
            for (AnnotationBenchmark.Outcome o : s.outcomes()) {
                rows.add(row(o));
            }
            spec.commandLine().getOut().println(root.toPrettyString());
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "method %s: %d marker lists, %d with a true label in the ontology; calls by status "
                + "%s%n", methodOptions.method, s.cases(), s.scored(), s.byStatus());
            table(out, "all rows", s.overall(), onto, s.rootId());
            s.byGroup().forEach((g, c) -> table(out, "group " + g, c, onto, s.rootId()));
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private static ObjectNode row(AnnotationBenchmark.Outcome o) {
        ObjectNode r = AnnotateGroupsCommand.JSON.createObjectNode();
        r.put("line", o.item().line());
        r.put("dataset", o.item().dataset());
        r.put("group", o.item().group());
        r.put("tissue", o.item().tissue());
        r.put("truth", o.item().truth());
        r.put("truth_id", o.truth().id());
        r.put("truth_name", o.truth().name());
        r.put("prediction", o.asserted());
        r.put("status", o.call().status().name().toLowerCase(Locale.ROOT));
        r.put("predicted_id", o.call().termId());
        r.put("predicted_name", o.call().termName());
        r.put("label", o.call().label());
        AnnotateGroupsCommand.putConfidence(r, o.call());
        r.put("note", o.truth().resolved() ? String.join("; ", o.call().notes()) : "true label not scored: "
            + o.truth().note() + (o.call().notes().isEmpty() ? "" : "; " + String.join("; ", o.call().notes())));
        if (!Double.isNaN(o.score())) {
            r.put("ontology_score", o.score());
        }
        return r;
    }

    private static void comparison(ObjectNode node, OntologyMetrics.Comparison c, String rootId) {
        figures(node, c.method());
        ObjectNode baselines = node.putObject("baselines");
        figures(baselines.putObject("root"), c.root()).put("term", rootId);
        figures(baselines.putObject("most_frequent"), c.mostFrequent()).put("term", c.mostFrequentId());
    }

    private static ObjectNode figures(ObjectNode node, OntologyMetrics.Figures f) {
        node.put("rows", f.rows());
        node.put("exact_match_rate", f.exactMatchRate());
        node.put("hierarchical_precision", f.hierarchicalPrecision());
        node.put("hierarchical_recall", f.hierarchicalRecall());
        node.put("hierarchical_f1", f.hierarchicalF1());
        node.put("broad_type_match_rate", f.broadTypeMatchRate());
        node.put("broad_type_rows", f.broadRows());
        node.put("coverage", f.coverage());
        node.put("secondary_ontology_score", f.ontologyScore());
        return node;
    }

    private static void table(PrintWriter out, String title, OntologyMetrics.Comparison c, Ontology onto,
        String rootId) {
        out.printf(Locale.ROOT, "%s (%d rows)%n  %-34s %6s %6s %6s %6s %6s %6s %9s%n", title, c.method().rows(), "",
            "exact", "hP", "hR", "hF1", "broad", "cover", "old score");
        line(out, "method", c.method());
        line(out, "baseline root (" + onto.nameOf(rootId) + ")", c.root());
        line(out, "baseline most frequent (" + onto.nameOf(c.mostFrequentId()) + ")", c.mostFrequent());
    }

    private static void line(PrintWriter out, String name, OntologyMetrics.Figures f) {
        out.printf(Locale.ROOT, "  %-34.34s %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f %9.3f%n", name, f.exactMatchRate(),
            f.hierarchicalPrecision(), f.hierarchicalRecall(), f.hierarchicalF1(), f.broadTypeMatchRate(),
            f.coverage(), f.ontologyScore());
    }
}
