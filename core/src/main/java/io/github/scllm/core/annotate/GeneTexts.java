package io.github.scllm.core.annotate;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.genes.Fallback;
import io.github.scllm.core.genes.GeneDescription;
import io.github.scllm.core.genes.GeneDescriptionLookup;
import io.github.scllm.core.genes.GeneInfoSource;
import io.github.scllm.core.genes.GeneSource;
import io.github.scllm.core.genes.SummaryTableSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Gene description texts for the text-embedding method, read from local description files. */
public final class GeneTexts {
    private GeneTexts() {
    }

    /**
     * Looks up the description of every symbol in local files, in order: NCBI gene_info files (recognised by their
     * {@code #tax_id} header) and symbol-to-summary tables ({@link SummaryTableSource}). Genes without a description
     * are left out.
     *
     * @param files description files, at least one
     * @param symbols gene symbols (any case, duplicates allowed)
     * @param taxon NCBI taxonomy ID of the genes (9606 human, 10090 mouse)
     * @return upper-case symbol (as given) to description text
     * @throws InvalidInputException if no file is given or a file cannot be read
     */
    public static Map<String, String> lookup(List<Path> files, Collection<String> symbols, int taxon) {
        if (files.isEmpty()) {
            throw new InvalidInputException("The embedding method needs a gene description file: an NCBI gene_info "
                + "file or a symbol-to-summary table.");
        }
        List<GeneSource> sources = new ArrayList<>();
        for (Path p : files) {
            sources.add(isGeneInfo(p) ? GeneInfoSource.load(p, taxon) : SummaryTableSource.load(p));
        }
        List<String> distinct = new ArrayList<>();
        for (String s : new LinkedHashSet<>(symbols)) {
            if (s != null && !s.isBlank()) {
                distinct.add(s);
            }
        }
        Map<String, String> out = new HashMap<>();
        List<GeneDescription> found = new GeneDescriptionLookup(taxon, sources, Fallback.SKIP, null)
            .lookup(distinct, CancellationToken.NONE, (f, m) -> { }).genes();
        for (GeneDescription d : found) {
            if (d.text() != null && !d.text().isBlank()) {
                out.put(d.query().toUpperCase(Locale.ROOT), d.text());
            }
        }
        return out;
    }

    private static boolean isGeneInfo(Path file) {
        try (InputStream raw = Files.newInputStream(file);
            BufferedReader r = new BufferedReader(new InputStreamReader(file.toString().endsWith(".gz")
                ? new GZIPInputStream(raw) : raw, StandardCharsets.UTF_8))) {
            String first = r.readLine();
            return first != null && first.startsWith("#tax_id");
        } catch (IOException e) {
            return false; // the table loader reports the unreadable file with its own message
        }
    }
}
