package io.github.scllm.core.cli;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.classify.VoteWeighting;
import io.github.scllm.core.embed.TextEmbedder;
import io.github.scllm.core.evaluate.CellData;
import io.github.scllm.core.evaluate.ExpressionScale;
import io.github.scllm.core.evaluate.GeneVectors;
import io.github.scllm.core.evaluate.EvaluationReport;
import io.github.scllm.core.genes.Fallback;
import io.github.scllm.core.genes.GeneDescriptionLookup;
import io.github.scllm.core.genes.GeneInfoSource;
import io.github.scllm.core.genes.GeneSource;
import io.github.scllm.core.genes.LookupResult;
import io.github.scllm.core.genes.OrganismMismatch;
import io.github.scllm.core.genes.SummaryTableSource;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.ReadOptions;
import io.github.scllm.core.io.ValueKindDetector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** The steps {@code evaluate} and {@code annotate} share: reading cells and labels, gene texts to vectors, tables. */
final class AnnotationSteps {

    /** What the stored values are, by their command-line names; auto has no scale: it is told from the file. */
    enum Values {
        auto(null), counts(ExpressionScale.COUNTS), lognorm(ExpressionScale.LOG_NORMALIZED);

        final ExpressionScale scale;

        Values(ExpressionScale scale) {
            this.scale = scale;
        }
    }

    /** How the neighbours of the KNN methods vote, by their command-line names. */
    enum Vote {
        uniform(VoteWeighting.UNIFORM), distance(VoteWeighting.DISTANCE), balanced(VoteWeighting.CLASS_BALANCED),
        distance_balanced(VoteWeighting.DISTANCE_CLASS_BALANCED);

        final VoteWeighting weighting;

        Vote(VoteWeighting weighting) {
            this.weighting = weighting;
        }
    }

    /** The description of the --knn-vote option of evaluate and annotate. */
    static final String VOTE_HELP = "How the neighbours of the KNN methods vote: uniform, distance (1/distance), "
            + "balanced (1/size of the neighbour's reference class, so rare classes can win) or distance_balanced "
            + "(default: ${DEFAULT-VALUE}).";

    private AnnotationSteps() {
    }

    static CellData readCells(Path file, ReadOptions options, String labelColumn, boolean labelsRequired,
            ExpressionScale scale, PrintWriter err, String step) {
        try (CellMatrixReader reader = MatrixOptions.open(file, options, err);
             ConsoleProgress progress = ConsoleProgress.forTerminal(err, step)) {
            return CellData.read(reader, labelColumn, labelsRequired, scaleOf(scale, reader, file, err),
                CancellationToken.NONE, progress);
        }
    }

    /** @return the scale given, or, when none was (--values auto), the one told from the file's first cells */
    static ExpressionScale scaleOf(ExpressionScale given, CellMatrixReader reader, Path file, PrintWriter err) {
        return given != null ? given : detectedScale(reader, file, err);
    }

    /** The scale of a file's values told from its first cells; the user hears of log-normalised input. */
    private static ExpressionScale detectedScale(CellMatrixReader reader, Path file, PrintWriter err) {
        switch (ValueKindDetector.detect(reader)) {
            case COUNTS:
                return ExpressionScale.COUNTS;
            case LOG_NORMALISED:
                err.println("values of " + file.getFileName() + ": log-normalised (told from its first cells); used "
                    + "as they are, not normalised again (--values counts to override)");
                err.flush();
                return ExpressionScale.LOG_NORMALIZED;
            default:
                throw new InvalidInputException(file + " holds scaled values (negative numbers), which no method here "
                    + "can use. Read the raw counts with --matrix raw or --matrix layer:NAME.");
        }
    }

    /**
     * Reads a table keyed by cell ID (first column) and returns one of its columns.
     *
     * @throws InvalidInputException if the file is missing, empty, or lacks the column
     */
    static Map<String, String> readLabelTable(Path file, String column) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String sep = name.endsWith(".csv") || name.endsWith(".csv.gz") ? "," : "\t";
        try (BufferedReader r = open(file)) {
            String header = r.readLine();
            if (header == null) {
                throw new InvalidInputException("Label table " + file + " is empty; it needs a header row.");
            }
            List<String> names = fields(header, sep);
            int col = names.indexOf(column);
            if (col < 1) {
                throw new InvalidInputException("Label table " + file + " has no column '" + column + "' after its "
                        + "cell ID column. Columns: " + names + ". Choose one with --label-column.");
            }
            Map<String, String> out = new HashMap<>();
            int row = 1;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                row++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> f = fields(line, sep);
                if (f.size() <= col) {
                    throw new InvalidInputException("Label table " + file + ", row " + row + " has " + f.size()
                            + " fields but column '" + column + "' is field " + (col + 1) + ".");
                }
                out.putIfAbsent(f.get(0), f.get(col));
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("Label table " + file + " does not exist.", e);
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read label table " + file + ": " + e.getMessage(), e);
        }
    }

    /** Splits a line; fields wrapped in double quotes lose them (no separators inside quotes expected). */
    private static List<String> fields(String line, String sep) {
        List<String> out = new ArrayList<>();
        for (String f : line.split(sep, -1)) {
            String t = f.trim();
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1).replace("\"\"", "\"");
            }
            out.add(t);
        }
        return out;
    }

    private static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** Description files: NCBI gene_info files (header {@code #tax_id}) or symbol-to-summary tables/JSON. */
    static List<GeneSource> descriptionSources(List<Path> files, int taxon) {
        List<GeneSource> out = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new InvalidInputException("Description file " + f + " does not exist; give gene_info files or "
                        + "symbol-to-summary tables with --descriptions.");
            }
            out.add(isGeneInfo(f) ? GeneInfoSource.load(f, taxon) : SummaryTableSource.load(f));
        }
        return out;
    }

    private static boolean isGeneInfo(Path file) {
        try (BufferedReader r = open(file)) {
            String first = r.readLine();
            return first != null && first.startsWith("#tax_id");
        } catch (IOException e) {
            return false; // the table loader reports the unreadable file with its own message
        }
    }

    /** Looks up the texts of the genes and embeds each distinct text once, reporting counts on err. */
    static GeneVectors geneVectors(List<String> symbols, List<Path> descriptions, int taxon, TextEmbedder embedder,
            PrintWriter err) {
        OrganismMismatch.check(symbols, taxon).ifPresent(m -> err.println("warning: " + m.message("--organism %s")));
        LookupResult lookup;
        try (ConsoleProgress progress = ConsoleProgress.forTerminal(err, "gene descriptions")) {
            lookup = new GeneDescriptionLookup(taxon, descriptionSources(descriptions, taxon),
                    Fallback.SYMBOL_AND_NAME, null).lookup(symbols, CancellationToken.NONE, progress);
        }
        GeneVectors vectors;
        try (ConsoleProgress progress = ConsoleProgress.forTerminal(err, "embedding gene texts")) {
            vectors = GeneVectors.embed(lookup, embedder, CancellationToken.NONE, progress);
        }
        err.printf("gene texts: %d genes, %d with a description, %d with only a name, %d without text; "
                + "%d distinct texts embedded with %s (%d dimensions)%n", symbols.size(), vectors.described(),
                vectors.size() - vectors.described(), vectors.withoutText(), vectors.distinctTexts(),
                embedder.identity(), vectors.dimension());
        err.flush();
        return vectors;
    }

    /** Prints one row per method: mean (and sd with several seeds) of accuracy, macro F1, weighted F1, kappa. */
    static void printTable(PrintWriter out, List<EvaluationReport.Summary> rows, boolean withSd) {
        int width = "method".length();
        for (EvaluationReport.Summary s : rows) {
            width = Math.max(width, s.method().id().length());
        }
        String cell = withSd ? "%-15s" : "%-13s";
        out.printf("%-" + (width + 2) + "s" + cell + cell + cell + "%s%n", "method", "accuracy", "macro_f1",
                "weighted_f1", "kappa");
        for (EvaluationReport.Summary s : rows) {
            out.printf("%-" + (width + 2) + "s" + cell + cell + cell + "%s%n", s.method().id(),
                    stat(s.accuracy(), withSd), stat(s.macroF1(), withSd), stat(s.weightedF1(), withSd),
                    stat(s.kappa(), withSd));
        }
        out.flush();
    }

    private static String stat(EvaluationReport.Stat s, boolean withSd) {
        return withSd ? String.format(Locale.ROOT, "%.3f ± %.3f", s.mean(), s.sd())
                : String.format(Locale.ROOT, "%.3f", s.mean());
    }
}
