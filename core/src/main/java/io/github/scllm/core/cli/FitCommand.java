package io.github.scllm.core.cli;

import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.evaluate.CellData;
import io.github.scllm.core.evaluate.FittedMethod;
import io.github.scllm.core.evaluate.Method;
import io.github.scllm.core.evaluate.ModelFile;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.CellMatrixReaders;
import io.github.scllm.core.io.InvalidValuePolicy;
import io.github.scllm.core.io.ReadOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scllm fit}: fit a method on a labelled reference once and write it to a model file for {@code predict}. */
@Command(name = "fit", description = {
    "Fit a method on a labelled reference and write everything labelling needs into one versioned model file: the "
        + "gene list, which genes the expression steps use, the PCA, the gene text vectors of every reference gene, "
        + "the contrastive head, the classifier with its reference vectors and labels, and the reject threshold. "
        + "scllm predict applies it to query files of any size; the same options and seed give the same labels as "
        + "scllm annotate.",
    "With --query-genes FILE the expression steps use only the genes that file has too, as annotate does for its "
        + "query."})
public final class FitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--reference", required = true, paramLabel = "FILE", description = "The labelled reference matrix.")
    Path reference;

    @Option(names = "--query-genes", paramLabel = "FILE",
        description = "A query matrix whose genes the model should share (only its gene list is read).")
    Path queryGenes;

    @Mixin
    MatrixOptions matrixOptions;

    @Mixin
    FitOptions fit = new FitOptions();

    @Option(names = "--out", required = true, paramLabel = "MODEL",
        description = "The model file to write (e.g. reference" + ModelFile.EXTENSION + ").")
    Path out;

    /** Opens the text embedding model; replaceable before the command runs. */
    EmbedderFactory embedders = EmbedderFactory.DEFAULT;

    @Override
    public Integer call() throws IOException {
        RunStats stats = new RunStats();
        Method m = fit.checked();
        if (m == Method.TRANSDUCTIVE_PCA_CENTROID) {
            throw new InvalidInputException("Method " + m.id() + " fits its PCA on the query cells too, so it cannot "
                + "be fitted on a reference alone; choose an inductive method, or label the query with scllm annotate.");
        }
        if (fit.labelColumn == null || fit.labelColumn.isBlank()) {
            throw new InvalidInputException("Give --label-column: the reference's per-cell column of labels.");
        }
        PrintWriter err = spec.commandLine().getErr();
        ReadOptions ro = matrixOptions.toReadOptions(InvalidValuePolicy.REJECT);
        CellData ref = AnnotationSteps.readCells(reference, ro, fit.labelColumn, true, fit.values.scale, err,
            "reading " + reference);
        String[] genes = ref.symbols();
        if (queryGenes != null) {
            try (CellMatrixReader reader = CellMatrixReaders.open(queryGenes, ro)) {
                genes = reader.summary().geneSymbols();
            }
        }
        CellData cells = ref.withGenesOf(genes);
        if (cells.expressionGeneCount() < cells.geneCount()) {
            err.printf("note: %d of the reference's genes are in %s; the expression steps use those%n",
                cells.expressionGeneCount(), queryGenes);
        }
        List<Integer> labelled = new ArrayList<>();
        String[] labels = cells.labels();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != null) {
                labelled.add(i);
            }
        }
        if (labelled.size() < labels.length) {
            err.printf("note: %d reference cells without a label are left out%n", labels.length - labelled.size());
        }
        Map<String, String> about = new LinkedHashMap<>();
        about.put("reference", reference.toAbsolutePath().toString());
        about.put("scllm_version", VersionCommand.version());
        FittedMethod fitted = fit.fit(cells, labelled.stream().mapToInt(Integer::intValue).toArray(), null,
            fit.descriptions, embedders, err).withAbout(about);
        fitted.notes().forEach(n -> err.printf("note: %s%n", n));
        write(fitted, out);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("%s fitted on %d reference cells (%d classes, %d genes) in %.1f s, peak heap %d MB -> %s%n",
            m.id(), labelled.size(), fitted.classes().size(), fitted.symbols().length, stats.wallSeconds(),
            stats.peakHeapBytes() >> 20, out);
        stdout.flush();
        return ExitCodes.OK;
    }

    /** Writes the model beside its final name first, so an interrupted run leaves no model that looks complete. */
    static void write(FittedMethod model, Path target) {
        Path file = target.toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".part");
            try {
                try (OutputStream o = Files.newOutputStream(temp)) {
                    ModelFile.write(model, o);
                }
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the model " + target + ": " + e.getMessage()
                + ". Choose a writable path.", e);
        }
    }
}
