package io.github.scllm.core.genes;

import io.github.scllm.core.InvalidInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An NCBI {@code gene_info} file (plain or gzip): official symbols, synonyms, full names and Ensembl cross
 * references of one organism. It has no summaries, so it identifies genes (and maps aliases and Ensembl IDs to
 * official symbols for the sources after it) but never supplies a description.
 */
public final class GeneInfoSource extends IndexedFileSource {

    private GeneInfoSource(String name, GeneIndex index) {
        super(name, index);
    }

    /**
     * Loads the rows of one organism.
     *
     * @param file a gene_info file with NCBI's header line ({@code #tax_id GeneID Symbol ... dbXrefs ...})
     * @param taxon NCBI taxonomy ID whose rows are kept
     * @return the source
     * @throws InvalidInputException if the file is missing, unreadable, lacks the expected columns, or has no row of
     *         the taxon
     */
    public static GeneInfoSource load(Path file, int taxon) {
        String name = "file:" + file.getFileName();
        GeneIndex index = new GeneIndex(file.getFileName().toString());
        Map<Integer, Integer> otherTaxa = new HashMap<>();
        long line = 1;
        try (BufferedReader r = TextTables.open(file, "NCBI gene_info file")) {
            List<String> header = TextTables.next(r, '\t');
            if (header == null) {
                throw new InvalidInputException("NCBI gene_info file " + file + " is empty.");
            }
            int cTax = col(header, file, "#tax_id");
            int cId = col(header, file, "GeneID");
            int cSym = col(header, file, "Symbol");
            int cSyn = col(header, file, "Synonyms");
            int cX = col(header, file, "dbXrefs");
            int cDesc = col(header, file, "description");
            int cFull = header.indexOf("Full_name_from_nomenclature_authority");
            String wanted = Integer.toString(taxon);
            for (List<String> f = TextTables.next(r, '\t'); f != null; f = TextTables.next(r, '\t')) {
                line++;
                if (f.size() < header.size()) {
                    continue;
                }
                String tax = f.get(cTax);
                if (!tax.equals(wanted)) {
                    otherTaxa.merge(parse(tax), 1, Integer::sum);
                    continue;
                }
                String symbol = TextTables.value(f, cSym);
                if (symbol == null) {
                    continue;
                }
                String full = TextTables.value(f, cFull);
                if (full == null) {
                    full = TextTables.value(f, cDesc);
                }
                List<String> ens = new ArrayList<>();
                String x = TextTables.value(f, cX);
                if (x != null) {
                    for (String ref : x.split("\\|")) {
                        if (ref.startsWith("Ensembl:")) {
                            ens.add(ref.substring("Ensembl:".length()));
                        }
                    }
                }
                String syn = TextTables.value(f, cSyn);
                index.add(new GeneIndex.Entry(symbol, TextTables.value(f, cId), full, null, null),
                    syn == null ? List.of() : Arrays.asList(syn.split("\\|")), ens);
            }
        } catch (IOException e) {
            throw TextTables.readFailure(file, line, e);
        }
        if (index.size() == 0) {
            throw new InvalidInputException("NCBI gene_info file " + file + " has no gene of taxon " + taxon
                + (otherTaxa.isEmpty() ? "" : " (it holds taxa " + otherTaxa.keySet() + ")")
                + "; choose the file of the organism looked up.");
        }
        return new GeneInfoSource(name, index);
    }

    /**
     * Tells an NCBI gene_info file from other gene tables by its header, so that callers can refuse it where a summary
     * table is expected (its {@code description} column holds full names, not summaries).
     *
     * @param file a readable file, plain or gzip
     * @return whether its first line starts with NCBI's gene_info header {@code #tax_id}
     * @throws InvalidInputException if the file is missing or cannot be opened
     * @throws java.io.UncheckedIOException if reading its first line fails
     */
    public static boolean isGeneInfo(Path file) {
        try (BufferedReader r = TextTables.open(file, "Gene table")) {
            String first = r.readLine();
            return first != null && first.startsWith("#tax_id");
        } catch (IOException e) {
            throw TextTables.readFailure(file, 1, e);
        }
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int col(List<String> header, Path file, String name) {
        int c = header.indexOf(name);
        if (c < 0) {
            throw new InvalidInputException("NCBI gene_info file " + file + " has no column '" + name + "' (columns: "
                + header + "); give a gene_info file as distributed by NCBI.");
        }
        return c;
    }
}
