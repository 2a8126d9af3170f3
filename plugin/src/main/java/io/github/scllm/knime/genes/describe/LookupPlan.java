package io.github.scllm.knime.genes.describe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.genes.DescriptionCache;
import io.github.scllm.core.genes.GeneDescriptionLookup;
import io.github.scllm.core.genes.GeneInfoSource;
import io.github.scllm.core.genes.GeneSource;
import io.github.scllm.core.genes.NcbiClient;
import io.github.scllm.core.genes.NcbiGeneSource;
import io.github.scllm.core.genes.Organism;
import io.github.scllm.core.genes.OrthologSource;
import io.github.scllm.core.genes.SummaryTableSource;

/**
 * The dialog's sources turned into the engine's lookup: checked in configure (files exist and are of the right kind,
 * NCBI options are valid), opened in execute (files loaded, client and cache created) and closed afterwards.
 *
 * <p>Order: the gene_info file always comes first, because it has no summaries but maps aliases and Ensembl IDs to
 * official symbols for the sources after it; then local summary tables and NCBI in the chosen order; the ortholog
 * table last, since it only fills genes nothing else described.
 */
final class LookupPlan implements AutoCloseable {
    private final GeneDescriptionLookup lookup;
    private final NcbiClient client;
    private final DescriptionCache cache;
    private final List<String> sourceNames;

    private LookupPlan(GeneDescriptionLookup lookup, NcbiClient client, DescriptionCache cache,
        List<String> sourceNames) {
        this.lookup = lookup;
        this.client = client;
        this.cache = cache;
        this.sourceNames = sourceNames;
    }

    /**
     * Checks the settings without loading anything but file headers.
     *
     * @throws InvalidSettingsException naming the option, file and fix
     */
    static void check(GeneDescriptionLookupNodeSettings s) throws InvalidSettingsException {
        int taxon = s.taxon();
        s.fallback();
        s.ncbiFirst();
        if (!s.useNcbi() && s.geneInfo() == null && s.summaries().isEmpty() && s.orthologTable() == null) {
            throw new InvalidSettingsException("No source chosen: tick 'Ask NCBI' or give a gene_info file, a summary "
                + "table or an ortholog table.");
        }
        if (s.geneInfo() != null) {
            existing(s.geneInfo(), "gene_info file");
            if (!isGeneInfo(s.geneInfo())) {
                throw new InvalidSettingsException("The gene_info file " + s.geneInfo() + " has no NCBI gene_info "
                    + "header (#tax_id GeneID Symbol ...). Give a file such as Homo_sapiens.gene_info.gz, or put a "
                    + "symbol-to-summary table in the summary table field.");
            }
        }
        for (Path p : s.summaries()) {
            summaryTable(p, "summary table");
        }
        if (s.orthologTable() != null) {
            existing(s.orthologTable(), "ortholog table");
            if (taxon != Organism.HUMAN && taxon != Organism.MOUSE) {
                throw new InvalidSettingsException("The ortholog table maps human and mouse genes, but the organism is "
                    + "taxon " + taxon + ". Choose human or mouse, or clear the ortholog table.");
            }
            if (s.orthologSummary() == null) {
                throw new InvalidSettingsException("The ortholog table needs the other species' summary table ("
                    + (taxon == Organism.MOUSE ? "human" : "mouse") + " texts). Choose it, or clear the ortholog "
                    + "table.");
            }
            summaryTable(s.orthologSummary(), "ortholog summary table");
        }
        if (s.useNcbi()) {
            ncbiOptions(s, null);
        }
    }

    private static void existing(Path p, String what) throws InvalidSettingsException {
        if (!Files.isRegularFile(p)) {
            throw new InvalidSettingsException("The " + what + " " + p + " does not exist or is not a file. Fix the "
                + "path in the dialog, or clear the field.");
        }
    }

    private static void summaryTable(Path p, String what) throws InvalidSettingsException {
        existing(p, what);
        if (isGeneInfo(p)) {
            throw new InvalidSettingsException("The " + what + " " + p + " is an NCBI gene_info file, which has full "
                + "names but no summaries. Put it in the gene_info field and give a symbol-to-summary table here.");
        }
    }

    private static boolean isGeneInfo(Path p) throws InvalidSettingsException {
        try {
            return GeneInfoSource.isGeneInfo(p);
        } catch (EngineException | java.io.UncheckedIOException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    private static NcbiClient.Options ncbiOptions(GeneDescriptionLookupNodeSettings s, String apiKey)
        throws InvalidSettingsException {
        try {
            return NcbiClient.Options.DEFAULTS.withBaseUrl(s.url()).withContact(s.tool(), s.email()).withApiKey(apiKey);
        } catch (EngineException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    /**
     * Loads the files and opens client and cache.
     *
     * @param s checked settings
     * @param apiKey the NCBI API key from the credentials, or null
     * @return the plan, to be closed after the lookup
     * @throws InvalidSettingsException if the settings are invalid
     * @throws EngineException if a file cannot be loaded or the cache cannot be opened
     */
    static LookupPlan open(GeneDescriptionLookupNodeSettings s, String apiKey) throws InvalidSettingsException {
        check(s);
        int taxon = s.taxon();
        NcbiClient client = s.useNcbi() ? new NcbiClient(ncbiOptions(s, apiKey)) : null;
        DescriptionCache cache = null;
        try {
            cache = client != null && s.cacheFolder() != null ? DescriptionCache.open(s.cacheFolder()) : null;
            List<GeneSource> sources = new ArrayList<>();
            if (s.geneInfo() != null) {
                sources.add(GeneInfoSource.load(s.geneInfo(), taxon));
            }
            List<GeneSource> files = new ArrayList<>();
            for (Path p : s.summaries()) {
                files.add(SummaryTableSource.load(p));
            }
            if (client != null && s.ncbiFirst()) {
                sources.add(new NcbiGeneSource(client, taxon));
            }
            sources.addAll(files);
            if (client != null && !s.ncbiFirst()) {
                sources.add(new NcbiGeneSource(client, taxon));
            }
            if (s.orthologTable() != null) {
                sources.add(OrthologSource.load(s.orthologTable(), taxon == Organism.MOUSE,
                    SummaryTableSource.load(s.orthologSummary())));
            }
            List<String> names = sources.stream().map(GeneSource::name).toList();
            return new LookupPlan(new GeneDescriptionLookup(taxon, sources, s.fallback(), cache), client, cache, names);
        } catch (RuntimeException | InvalidSettingsException e) {
            closeQuietly(cache, client);
            throw e;
        }
    }

    GeneDescriptionLookup lookup() {
        return lookup;
    }

    /** @return the names of the sources in the order they are asked */
    List<String> sourceNames() {
        return sourceNames;
    }

    private static void closeQuietly(DescriptionCache cache, NcbiClient client) {
        if (cache != null) {
            cache.close();
        }
        if (client != null) {
            client.close();
        }
    }

    @Override
    public void close() {
        closeQuietly(cache, client);
    }
}
