package io.github.scllm.core.cli;

import io.github.scllm.core.ontology.Hierarchy;
import io.github.scllm.core.ontology.Ontology;
import io.github.scllm.core.ontology.OntologyTerm;
import io.github.scllm.core.ontology.Synonym;
import io.github.scllm.core.ontology.TermMatch;
import io.github.scllm.core.ontology.TermResolver;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scllm ontology}: the terms of an OBO ontology, or the terms that labels resolve to. */
@Command(name = "ontology", description = "Write the terms of an OBO ontology (id, name, definition, synonyms, "
    + "parents, obsolete, replaced_by) to a TSV, or with --resolve the term each label resolves to (label, id, name, "
    + "method, score, note).")
public final class OntologyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--obo", required = true, paramLabel = "FILE.obo", description = "The ontology, e.g. cl-basic.obo.")
    Path obo;

    @Option(names = "--root", paramLabel = "ID", description = "Only this term and its descendants (e.g. CL:0000000).")
    String root;

    @Option(names = "--include-obsolete", description = "List obsolete terms too.")
    boolean includeObsolete;

    @Option(names = "--resolve", split = "\\|", paramLabel = "LABEL", description = "Labels to resolve to terms "
        + "instead of listing terms (repeatable, or separated by '|').")
    List<String> labels = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "FILE.tsv", description = "The TSV to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
        Ontology ontology = Ontology.read(obo);
        try (AtomicOutput output = new AtomicOutput(out)) {
            BufferedWriter w = output.writer();
            if (!labels.isEmpty()) {
                TermResolver resolver = new TermResolver(ontology, root, null, 1);
                w.write("label\tid\tname\tmethod\tscore\tnote\n");
                for (TermMatch m : resolver.resolveAll(labels, () -> false, (f, s) -> { })) {
                    w.write(AtomicOutput.field(m.label()) + '\t' + (m.resolved() ? m.id() : "") + '\t'
                        + AtomicOutput.field(m.resolved() ? m.name() : "") + '\t' + m.method() + '\t'
                        + String.format(Locale.ROOT, "%.3f", m.score()) + '\t' + AtomicOutput.field(m.note()) + '\n');
                }
            } else {
                Set<String> keep = null;
                if (root != null && !root.isBlank()) {
                    keep = ontology.descendants(root);
                    keep.add(ontology.require(root).id());
                }
                w.write("id\tname\tdefinition\tsynonyms\tparents\tobsolete\treplaced_by\n");
                for (OntologyTerm t : ontology.terms()) {
                    if ((t.obsolete() && !includeObsolete) || (keep != null && !keep.contains(t.id()))) {
                        continue;
                    }
                    List<String> synonyms = t.synonyms().stream().filter(s -> s.scope() == Synonym.Scope.EXACT
                        || s.scope() == Synonym.Scope.RELATED).map(Synonym::text).toList();
                    w.write(t.id() + '\t' + AtomicOutput.field(t.name()) + '\t' + AtomicOutput.field(t.definition())
                        + '\t' + AtomicOutput.field(String.join("|", synonyms)) + '\t'
                        + String.join("|", t.parents(Hierarchy.IS_A_AND_PART_OF)) + '\t' + t.obsolete() + '\t'
                        + String.join("|", t.replacedBy()) + '\n');
                }
            }
            output.commit();
        }
        spec.commandLine().getErr().printf("wrote %s (%s, %,d terms)%n", out, ontology.dataVersion(),
            ontology.size());
        spec.commandLine().getErr().flush();
        return ExitCodes.OK;
    }
}
