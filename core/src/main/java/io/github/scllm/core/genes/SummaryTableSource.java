package io.github.scllm.core.genes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.scllm.core.InvalidInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A local symbol-to-summary table: delimited text with a header (tab-separated or CSV, plain or gzip), or a JSON
 * object mapping symbol to text as GenePT distributes its NCBI descriptions.
 *
 * <p>Delimited columns are found by name, case-insensitively: the symbol in {@code Symbol}, {@code gene_symbol},
 * {@code gene} or {@code gene_name}; the text in {@code Gene_summary}, {@code summary}, {@code description} or
 * {@code text}. Optional: {@code GeneID}, {@code full_name}, {@code Synonyms} (pipe-separated; lets aliases resolve),
 * {@code ensembl} (lets Ensembl IDs resolve), and {@code summary_source}/{@code source_symbol}, which are kept as a
 * note (e.g. that a mouse text was taken from the human ortholog).
 */
public final class SummaryTableSource extends IndexedFileSource {
    private static final List<String> SYMBOL_COLUMNS = List.of("symbol", "gene_symbol", "gene", "gene_name");
    private static final List<String> SUMMARY_COLUMNS = List.of("gene_summary", "summary", "description", "text");


    private SummaryTableSource(String name, GeneIndex index) {
        super(name, index);
    }

    /**
     * Loads a table.
     *
     * @param file a {@code .json} (optionally {@code .json.gz}) object of symbol to text, or a delimited table with
     *        header ({@code .csv} means comma-separated, anything else tab-separated)
     * @return the source
     * @throws InvalidInputException if the file is missing, unreadable, not a JSON object of strings, or lacks a
     *         symbol or summary column
     */
    public static SummaryTableSource load(Path file) {
        String fn = file.getFileName().toString().toLowerCase(Locale.ROOT);
        GeneIndex index = new GeneIndex(file.getFileName().toString());
        if (fn.endsWith(".json") || fn.endsWith(".json.gz")) {
            loadJson(file, index);
        } else {
            loadDelimited(file, fn.endsWith(".csv") || fn.endsWith(".csv.gz") ? ',' : '\t', index);
        }
        if (index.size() == 0) {
            throw new InvalidInputException("Gene summary table " + file + " holds no gene; check the file.");
        }
        return new SummaryTableSource("file:" + file.getFileName(), index);
    }

    private static void loadJson(Path file, GeneIndex index) {
        try (BufferedReader r = TextTables.open(file, "Gene summary file");
             JsonParser p = new ObjectMapper().getFactory().createParser(r)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidInputException("Gene summary file " + file
                    + " is not a JSON object of symbol to text; give e.g. {\"CD3E\": \"...\"}.");
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String symbol = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_STRING) {
                    if (!symbol.isBlank()) {
                        index.add(new GeneIndex.Entry(symbol.trim(), null, null, p.getText(), null), List.of(),
                            List.of());
                    }
                } else if (v == JsonToken.VALUE_NULL) {
                    continue;
                } else {
                    throw new InvalidInputException("Gene summary file " + file + ": the value of '" + symbol
                        + "' (line " + p.currentLocation().getLineNr() + ") is not a text; every value must be a string.");
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("Gene summary file " + file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static void loadDelimited(Path file, char sep, GeneIndex index) {
        long line = 1;
        try (BufferedReader r = TextTables.open(file, "Gene summary table")) {
            List<String> header = TextTables.next(r, sep);
            if (header == null) {
                throw new InvalidInputException("Gene summary table " + file + " is empty.");
            }
            List<String> lower = header.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
            int cSym = first(lower, SYMBOL_COLUMNS);
            int cSum = first(lower, SUMMARY_COLUMNS);
            if (cSym < 0 || cSum < 0) {
                throw new InvalidInputException("Gene summary table " + file + " has columns " + header
                    + "; it needs a symbol column (" + SYMBOL_COLUMNS + ") and a text column (" + SUMMARY_COLUMNS
                    + "), or give a JSON object of symbol to text.");
            }
            int cId = lower.indexOf("geneid");
            int cFull = lower.indexOf("full_name");
            int cSyn = lower.indexOf("synonyms");
            int cEns = lower.indexOf("ensembl");
            int cSrc = lower.indexOf("summary_source");
            int cSrcSym = lower.indexOf("source_symbol");
            for (List<String> f = TextTables.next(r, sep); f != null; f = TextTables.next(r, sep)) {
                line++;
                String symbol = TextTables.value(f, cSym);
                if (symbol == null) {
                    continue;
                }
                String note = null;
                String src = TextTables.value(f, cSrc);
                if (src != null && src.toLowerCase(Locale.ROOT).contains("ortholog")) {
                    String from = TextTables.value(f, cSrcSym);
                    note = "text of the ortholog" + (from == null ? "" : " " + from) + " (" + src + ")";
                }
                String syn = TextTables.value(f, cSyn);
                String ens = TextTables.value(f, cEns);
                index.add(new GeneIndex.Entry(symbol, TextTables.value(f, cId), TextTables.value(f, cFull),
                        TextTables.value(f, cSum), note),
                    syn == null ? List.of() : Arrays.asList(syn.split("\\|")),
                    ens == null || !Organism.isEnsemblGeneId(ens) ? List.of() : List.of(ens));
            }
        } catch (IOException e) {
            throw TextTables.readFailure(file, line, e);
        }
    }

    private static int first(List<String> header, List<String> names) {
        for (String n : names) {
            int c = header.indexOf(n);
            if (c >= 0) {
                return c;
            }
        }
        return -1;
    }
}
