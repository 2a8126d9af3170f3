package io.github.scllm.core.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.annotate.AnnotateGroups;
import io.github.scllm.core.annotate.AnnotationStatus;
import io.github.scllm.core.annotate.EvidenceMarker;
import io.github.scllm.core.annotate.GroupAnnotation;
import io.github.scllm.core.annotate.RejectionCriterion;
import io.github.scllm.core.genes.MarkerGene;
import io.github.scllm.core.ontology.Ontology;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scllm annotate-groups}: one Cell Ontology call per group of a marker table, as Annotate Groups makes it. */
@Command(name = "annotate-groups", description = "Annotate each group of a marker table (as scllm markers writes "
    + "it) with a Cell Ontology term by reference markers, text embeddings or a language model; every call is "
    + "checked against the group's markers and the expert rules. Writes a TSV (group, method, status, cl_id, cl_name, "
    + "label, confidence, evidence, rejection, alternatives, notes).")
public final class AnnotateGroupsCommand implements Callable<Integer> {
    static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--markers", required = true, paramLabel = "FILE.tsv", description = "Marker table: group, gene "
        + "and optionally rank, score, logfoldchange, pvalue_adj (scllm markers output).")
    Path markers;

    @Option(names = "--ontology", required = true, paramLabel = "FILE.obo", description = "The Cell Ontology, e.g. "
        + "cl-basic.obo.")
    Path ontology;

    @Mixin
    GroupMethodOptions methodOptions;

    @Option(names = "--tissue", defaultValue = "", paramLabel = "T", description = "Tissue of the cells (llm "
        + "prompt).")
    String tissue;

    @Option(names = "--species", defaultValue = "", paramLabel = "human|mouse", description = "Species of the cells "
        + "(reference rows, gene descriptions, llm prompt).")
    String species;

    @Option(names = "--json", description = "Print the annotations as JSON on standard output.")
    boolean json;

    @Option(names = "--out", required = true, paramLabel = "FILE.tsv", description = "The TSV to write.")
    Path out;

    /** Opens the embedder of the embedding method; tests may replace it. */
    EmbedderFactory embedders = EmbedderFactory.DEFAULT;

    @Override
    public Integer call() throws IOException {
        Ontology onto = Ontology.read(ontology);
        Map<String, List<MarkerGene>> groups = AnnotateGroups.readMarkerTable(markers);
        List<GroupAnnotation> result;
        try (GroupMethodOptions.Session session = methodOptions.new Session(onto, embedders);
            ConsoleProgress progress = ConsoleProgress.forTerminal(spec.commandLine().getErr(), "annotate-groups")) {
            List<String> symbols = new ArrayList<>();
            groups.values().forEach(l -> l.forEach(m -> symbols.add(m.symbol())));
            session.describe(symbols, species);
            result = AnnotateGroups.annotateAll(groups, session.method(tissue, species), session.expertRules,
                methodOptions.maxAdjustedP, CancellationToken.NONE, progress::progress);
        }
        try (AtomicOutput output = new AtomicOutput(out)) {
            BufferedWriter w = output.writer();
            w.write("group\tmethod\tstatus\tcl_id\tcl_name\tlabel\tconfidence\tevidence\trejection\talternatives\t"
                + "notes\n");
            for (GroupAnnotation a : result) {
                w.write(String.join("\t", AtomicOutput.field(a.group()), a.method().name().toLowerCase(Locale.ROOT),
                    a.status().name().toLowerCase(Locale.ROOT), a.termId() == null ? "" : a.termId(),
                    AtomicOutput.field(a.termName() == null ? "" : a.termName()), AtomicOutput.field(a.label()),
                    a.hasConfidence() ? String.format(Locale.ROOT, "%.4f", a.confidence()) : "",
                    AtomicOutput.field(AnnotateGroups.formatEvidence(a.evidence())),
                    AtomicOutput.field(AnnotateGroups.formatRejection(a.rejection())),
                    AtomicOutput.field(AnnotateGroups.formatAlternatives(a.alternatives())),
                    AtomicOutput.field(String.join("; ", a.notes()))) + "\n");
            }
            output.commit();
        }
        Map<AnnotationStatus, Integer> byStatus = new EnumMap<>(AnnotationStatus.class);
        result.forEach(a -> byStatus.merge(a.status(), 1, Integer::sum));
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            root.put("groups", result.size());
            ObjectNode counts = root.putObject("by_status");
            byStatus.forEach((s, n) -> counts.put(s.name().toLowerCase(Locale.ROOT), n));
            ArrayNode list = root.putArray("annotations");
            result.forEach(a -> list.add(toJson(a)));
            spec.commandLine().getOut().println(root.toPrettyString());
            spec.commandLine().getOut().flush();
        }
        spec.commandLine().getErr().printf("annotated %d groups (%s) -> %s%n", result.size(), byStatus, out);
        spec.commandLine().getErr().flush();
        return ExitCodes.OK;
    }

    /** Writes the call's confidence, JSON null when the call is unresolved or rejected. */
    static void putConfidence(ObjectNode o, GroupAnnotation a) {
        if (a.hasConfidence()) {
            o.put("confidence", a.confidence());
        } else {
            o.putNull("confidence");
        }
    }

    static ObjectNode toJson(GroupAnnotation a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("group", a.group());
        o.put("method", a.method().name().toLowerCase(Locale.ROOT));
        o.put("status", a.status().name().toLowerCase(Locale.ROOT));
        o.put("cl_id", a.termId());
        o.put("cl_name", a.termName());
        o.put("label", a.label());
        putConfidence(o, a);
        ArrayNode ev = o.putArray("evidence");
        for (EvidenceMarker e : a.evidence()) {
            ObjectNode x = ev.addObject().put("gene", e.gene()).put("grounded", e.grounded()).put("rank",
                e.groupRank());
            if (!Double.isNaN(e.logFoldChange())) {
                x.put("log2fc", e.logFoldChange());
            }
        }
        ArrayNode rej = o.putArray("rejection");
        for (RejectionCriterion r : a.rejection()) {
            rej.addObject().put("description", r.description()).put("gene", r.gene()).put("met", r.met());
        }
        ArrayNode alt = o.putArray("alternatives");
        a.alternatives().forEach(x -> alt.addObject().put("cl_id", x.termId()).put("cl_name", x.termName())
            .put("label", x.label()));
        ArrayNode notes = o.putArray("notes");
        a.notes().forEach(notes::add);
        return o;
    }
}
