package io.github.scllm.core.annotate;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.genes.MarkerGene;
import io.github.scllm.core.genes.MarkerResult;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * Runs one annotation method over groups and applies the guardrails every method shares: expert rules on the call
 * ({@link ExpertRules#apply}), with evidence checked against each group's own markers. Also reads marker tables and
 * formats annotations as text for tables.
 */
public final class AnnotateGroups {
    private AnnotateGroups() {
    }

    /**
     * Annotates groups in order.
     *
     * @param groups group name to its markers (best first), in output order
     * @param method the method
     * @param rules expert rules, {@link ExpertRules#NONE} for none
     * @param maxAdjustedP the significance threshold with which rules check markers, in (0, 1]
     * @param cancel checked before each group
     * @param progress told after each group
     * @return one annotation per group, in order
     * @throws io.github.scllm.core.EngineException when the method fails (remote service, embedder)
     */
    public static List<GroupAnnotation> annotateAll(Map<String, List<MarkerGene>> groups, GroupAnnotator method,
        ExpertRules rules, double maxAdjustedP, CancellationToken cancel, ProgressListener progress) {
        List<GroupAnnotation> out = new ArrayList<>();
        int done = 0;
        for (Map.Entry<String, List<MarkerGene>> e : groups.entrySet()) {
            cancel.check();
            out.add(annotate(e.getKey(), e.getValue(), method, rules, maxAdjustedP, cancel));
            done++;
            progress.progress(done / (double) groups.size(), done + " of " + groups.size() + " groups annotated");
        }
        return out;
    }

    /**
     * Annotates one group and applies the expert rules.
     *
     * @param group the group's name
     * @param markers its markers, best first
     * @param method the method
     * @param rules expert rules
     * @param maxAdjustedP the significance threshold of the rules' marker checks
     * @param cancel passed to the method
     * @return the annotation
     */
    public static GroupAnnotation annotate(String group, List<MarkerGene> markers, GroupAnnotator method,
        ExpertRules rules, double maxAdjustedP, CancellationToken cancel) {
        GroupAnnotation call = method.annotate(group, markers, cancel);
        return rules.apply(call, new Grounding(markers, maxAdjustedP));
    }

    /**
     * @param result marker genes of groups
     * @return the tested groups' markers, in grouping order
     */
    public static Map<String, List<MarkerGene>> groups(MarkerResult result) {
        Map<String, List<MarkerGene>> out = new LinkedHashMap<>();
        for (String g : result.testedGroups()) {
            out.put(g, result.markersOf(g));
        }
        return out;
    }

    /**
     * @param genes gene symbols, best first
     * @param group a group name for the records
     * @return the genes as markers without statistics (rank only), for plain gene lists
     * @throws InvalidInputException if the list is empty
     */
    public static List<MarkerGene> plainList(String group, List<String> genes) {
        if (genes.isEmpty()) {
            throw new InvalidInputException("Group '" + group + "' has no marker genes.");
        }
        List<MarkerGene> out = new ArrayList<>();
        for (String g : genes) {
            out.add(new MarkerGene(group, -1, g.trim(), out.size() + 1, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        }
        return out;
    }

    /**
     * Reads a marker table as {@code scllm markers} writes it: tab-separated (optionally gzipped) with a header
     * naming {@code group} and {@code gene}, optionally {@code rank}, {@code score}, {@code logfoldchange},
     * {@code pvalue}, {@code pvalue_adj}, {@code pct_in}, {@code pct_out}, {@code mean_in}, {@code mean_out} (scanpy's
     * {@code names}, {@code scores}, {@code logfoldchanges}, {@code pvals}, {@code pvals_adj} are read too). Rows of a
     * group keep their order unless ranks are given. Missing statistics are NaN: such genes count as plain lists.
     *
     * @param file the table
     * @return group name to markers, best first, groups in order of first appearance
     * @throws InvalidInputException if the file is missing, lacks a column, or a number is malformed (naming the
     *         line and column)
     */
    public static Map<String, List<MarkerGene>> readMarkerTable(Path file) {
        Map<String, List<MarkerGene>> out = new LinkedHashMap<>();
        try (InputStream raw = Files.newInputStream(file);
            BufferedReader in = new BufferedReader(new InputStreamReader(file.toString().endsWith(".gz")
                ? new GZIPInputStream(raw) : raw, StandardCharsets.UTF_8))) {
            String header = in.readLine();
            if (header == null) {
                throw new InvalidInputException("Marker table " + file + " is empty.");
            }
            List<String> names = Arrays.stream(header.replace("\uFEFF", "").split("\t", -1))
                .map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
            int group = first(names, "group", "cluster");
            int gene = first(names, "gene", "names", "symbol");
            if (group < 0 || gene < 0) {
                throw new InvalidInputException("Marker table " + file + " needs the columns 'group' and 'gene' "
                    + "(as scllm markers writes them); its columns are " + names + ".");
            }
            int rank = first(names, "rank");
            int[] stats = {first(names, "score", "scores"), first(names, "logfoldchange", "logfoldchanges",
                "log2fc"), first(names, "pvalue", "pvals"), first(names, "pvalue_adj", "pvals_adj"),
                first(names, "pct_in"), first(names, "pct_out"), first(names, "mean_in"), first(names, "mean_out")};
            int line = 1;
            for (String row = in.readLine(); row != null; row = in.readLine()) {
                line++;
                if (row.isBlank()) {
                    continue;
                }
                String[] f = row.split("\t", -1);
                if (f.length <= Math.max(group, gene)) {
                    throw new InvalidInputException(file + ", line " + line + ": " + f.length + " fields; the table "
                        + "must be tab-separated with " + names.size() + " columns.");
                }
                String g = f[group].strip();
                String symbol = f[gene].strip();
                if (g.isEmpty() || symbol.isEmpty()) {
                    continue;
                }
                double[] v = new double[stats.length];
                for (int k = 0; k < stats.length; k++) {
                    v[k] = number(f, stats[k], file, line, names);
                }
                List<MarkerGene> list = out.computeIfAbsent(g, x -> new ArrayList<>());
                double r = rank >= 0 ? number(f, rank, file, line, names) : Double.NaN;
                int position = Double.isNaN(r) ? list.size() + 1 : (int) r;
                list.add(new MarkerGene(g, -1, symbol, position, v[0], Double.NaN, v[1], v[2], v[3], v[4], v[5], v[6],
                    v[7]));
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("Marker table " + file + " does not exist.");
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read marker table " + file + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("Marker table " + file + " has no marker rows.");
        }
        out.replaceAll((g, list) -> {
            List<MarkerGene> sorted = new ArrayList<>(list);
            sorted.sort((a, b) -> Integer.compare(a.rank(), b.rank()));
            return List.copyOf(sorted);
        });
        return out;
    }

    private static int first(List<String> names, String... candidates) {
        for (String c : candidates) {
            int i = names.indexOf(c);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static double number(String[] f, int col, Path file, int line, List<String> names) {
        if (col < 0 || col >= f.length) {
            return Double.NaN;
        }
        String s = f[col].strip();
        if (s.isEmpty() || s.equalsIgnoreCase("nan") || s.equalsIgnoreCase("na")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file + ", line " + line + ", column '" + names.get(col) + "': '" + s
                + "' is not a number.");
        }
    }

    /** @return evidence as text, e.g. "CD3E (rank 2, log2FC 3.10), FOO (not supported by the data)" */
    public static String formatEvidence(List<EvidenceMarker> evidence) {
        return evidence.stream().map(e -> e.gene() + (e.grounded() ? e.groupRank() > 0 && !Double.isNaN(
            e.logFoldChange()) ? String.format(Locale.ROOT, " (rank %d, log2FC %.2f)", e.groupRank(),
            e.logFoldChange()) : e.groupRank() > 0 ? " (rank " + e.groupRank() + ")" : "" : e.groupRank() > 0
            ? " (not significant or not up-regulated)" : " (not supported by the data)"))
            .collect(Collectors.joining(", "));
    }

    /** @return the met rejection criteria as text, "; "-separated, or an empty string */
    public static String formatRejection(List<RejectionCriterion> criteria) {
        return criteria.stream().filter(RejectionCriterion::met).map(RejectionCriterion::description)
            .collect(Collectors.joining("; "));
    }

    /** @return the alternatives as text, e.g. "CL:0000236 B cell (0.412); 'foo' (not in the ontology)" */
    public static String formatAlternatives(List<Alternative> alternatives) {
        return alternatives.stream().map(a -> (a.termId() == null ? "'" + a.label() + "' (not in the ontology)"
            : a.termId() + " " + a.termName()) + (Double.isNaN(a.score()) ? "" : String.format(Locale.ROOT,
            " (%.3g)", a.score()))).collect(Collectors.joining("; "));
    }
}
