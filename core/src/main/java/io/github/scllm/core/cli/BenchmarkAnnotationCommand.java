package io.github.scllm.core.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.annotate.AnnotationBenchmark;
import io.github.scllm.core.ontology.Ontology;
import io.github.scllm.core.ontology.TermResolver;

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

/** {@code scllm benchmark-annotation}: the ontology-aware score of a method on marker lists of known cell types. */
@Command(name = "benchmark-annotation", description = "Annotate marker lists whose cell type is known (CSV: True Cell "
    + "Type, Marker List, Tissue, Species[, Dataset]) and print the mean ontology-aware score (1 for the true term, "
    + "0.5 for an ancestor or descendant, 0 otherwise; rejected and unresolved calls score 0) and the exact-match "
    + "rate over the rows whose true label is an ontology term.")
public final class BenchmarkAnnotationCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE.csv", description = "The marker lists.")
    Path input;

    @Option(names = "--ontology", required = true, paramLabel = "FILE.obo", description = "The Cell Ontology.")
    Path ontology;

    @Mixin
    GroupMethodOptions methodOptions;

    @Option(names = "--json", description = "Print the summary and every row as JSON.")
    boolean json;

    /** Opens the embedder of the embedding method; tests may replace it. */
    EmbedderFactory embedders = EmbedderFactory.DEFAULT;

    @Override
    public Integer call() {
        Ontology onto = Ontology.read(ontology);
        List<AnnotationBenchmark.Case> cases = AnnotationBenchmark.read(input);
        AnnotationBenchmark.Summary s;
        try (GroupMethodOptions.Session session = methodOptions.new Session(onto, embedders);
            ConsoleProgress progress = ConsoleProgress.forTerminal(spec.commandLine().getErr(),
                "benchmark-annotation")) {
            List<String> symbols = new ArrayList<>();
            cases.forEach(c -> symbols.addAll(c.markers()));
            session.describe(symbols, cases.isEmpty() ? "" : cases.get(0).species());
            TermResolver truth = new TermResolver(onto, null, null, 1);
            s = AnnotationBenchmark.run(cases, c -> session.method(c.tissue(), c.species()), session.expertRules,
                onto, truth, CancellationToken.NONE, progress::progress);
        }
        if (json) {
            ObjectNode root = AnnotateGroupsCommand.JSON.createObjectNode();
            root.put("method", methodOptions.method.name());
            summary(root, s);
            ArrayNode rows = root.putArray("rows");
            for (AnnotationBenchmark.Outcome o : s.outcomes()) {
                ObjectNode r = rows.addObject();
                r.put("line", o.item().line());
                r.put("truth", o.item().truth());
                r.put("truth_id", o.truth().id());
                r.put("status", o.call().status().name().toLowerCase(Locale.ROOT));
                r.put("predicted_id", o.call().termId());
                r.put("predicted_name", o.call().termName());
                r.put("label", o.call().label());
                r.put("confidence", o.call().confidence());
                if (!Double.isNaN(o.score())) {
                    r.put("score", o.score());
                }
            }
            spec.commandLine().getOut().println(root.toPrettyString());
        } else {
            spec.commandLine().getOut().printf(Locale.ROOT, "method %s: %d marker lists, %d with a true label in the "
                + "ontology%nmean ontology-aware score %.4f%nexact-match rate %.4f%ncalls by status %s%n",
                methodOptions.method, s.cases(), s.scored(), s.meanScore(), s.exactRate(), s.byStatus());
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private static void summary(ObjectNode root, AnnotationBenchmark.Summary s) {
        root.put("cases", s.cases());
        root.put("scored", s.scored());
        root.put("mean_score", s.meanScore());
        root.put("exact_match_rate", s.exactRate());
        ObjectNode counts = root.putObject("by_status");
        s.byStatus().forEach((k, v) -> counts.put(k.name().toLowerCase(Locale.ROOT), v));
    }
}
