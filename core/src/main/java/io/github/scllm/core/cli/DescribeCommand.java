package io.github.scllm.core.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
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
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.genes.ChainedSource;
import io.github.scllm.core.genes.DescriptionCache;
import io.github.scllm.core.genes.Fallback;
import io.github.scllm.core.genes.GeneDescription;
import io.github.scllm.core.genes.GeneDescriptionLookup;
import io.github.scllm.core.genes.GeneInfoSource;
import io.github.scllm.core.genes.GeneSource;
import io.github.scllm.core.genes.LookupResult;
import io.github.scllm.core.genes.LookupStatus;
import io.github.scllm.core.genes.NcbiClient;
import io.github.scllm.core.genes.NcbiGeneSource;
import io.github.scllm.core.genes.Organism;
import io.github.scllm.core.genes.OrganismMismatch;
import io.github.scllm.core.genes.OrthologSource;
import io.github.scllm.core.genes.SummaryTableSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scllm describe}: NCBI gene descriptions for gene symbols, as the Gene Description Lookup node finds them. */
@Command(name = "describe", description = "Look up the NCBI description of every distinct gene in a TSV column "
    + "(e.g. the genes column of top-genes) in local files and/or NCBI E-utilities, and write one row per gene: "
    + "symbol (as the input spells it, the key that cell-embed joins on), official_symbol, gene_id, full_name, summary, "
    + "source, status, text, note.")
public final class DescribeCommand implements Callable<Integer> {

    /** Fallbacks by their command-line names. */
    enum FallbackName {
        skip(Fallback.SKIP), name(Fallback.SYMBOL_AND_NAME), sentence(Fallback.FIXED_SENTENCE);

        final Fallback value;

        FallbackName(Fallback value) {
            this.value = value;
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--genes", required = true, paramLabel = "FILE.tsv",
        description = "A TSV with a header; the gene column may hold one symbol or a comma-separated list per row.")
    Path genes;

    @Option(names = "--gene-column", defaultValue = "genes", paramLabel = "COL",
        description = "The column holding gene symbols (default: ${DEFAULT-VALUE}).")
    String geneColumn;

    @Option(names = "--organism", defaultValue = "human", paramLabel = "human|mouse|TAXID",
        description = "Organism of the genes (default: ${DEFAULT-VALUE}).")
    String organism;

    @Option(names = "--source", required = true, split = ",", paramLabel = "file:PATH|ncbi",
        description = "Where to look, in order: local files (an NCBI gene_info file, a symbol-to-summary TSV/CSV, or "
            + "a JSON object symbol->text) and/or ncbi (live E-utilities).")
    List<String> sources;

    @Option(names = "--orthologs", paramLabel = "TABLE",
        description = "Human-mouse ortholog table (human symbol, mouse symbol) to fill missing genes from the other "
            + "species' files given by --ortholog-source.")
    Path orthologs;

    @Option(names = "--ortholog-source", split = ",", paramLabel = "file:PATH",
        description = "Description files of the other species, used through --orthologs.")
    List<String> orthologSources = new ArrayList<>();

    @Option(names = "--fallback", defaultValue = "sentence", paramLabel = "skip|name|sentence",
        description = "Text for genes without a description: none, 'SYMBOL: full name', or the method's sentence "
            + "'This gene has no NCBI description.' (default: ${DEFAULT-VALUE}).")
    FallbackName fallback;

    @Option(names = "--cache", paramLabel = "DIR",
        description = "Folder of the persistent cache of NCBI answers (default: ~/.scllm/cache).")
    Path cache;

    @Option(names = "--refresh", description = "Ask NCBI again for genes the cache holds as not found (such answers "
        + "otherwise expire after 30 days).")
    boolean refresh;

    @Option(names = "--email", description = "Your e-mail, sent to NCBI as its usage policy asks.")
    String email;

    @Option(names = "--api-key-env", defaultValue = "NCBI_API_KEY", paramLabel = "VAR",
        description = "Environment variable holding an NCBI API key (10 instead of 3 requests/s; default: "
            + "${DEFAULT-VALUE}). Keys are never accepted on the command line.")
    String apiKeyEnv;

    @Option(names = "--ncbi-url", hidden = true, description = "E-utilities base URL (for tests against a local server).")
    String ncbiUrl;

    @Option(names = "--out", required = true, paramLabel = "FILE.tsv", description = "The TSV to write.")
    Path out;

    @Option(names = "--json", description = "Print counts by status and by source as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        int taxon = Organism.taxon(organism);
        List<String> symbols = readSymbols(genes, geneColumn);
        OrganismMismatch.check(symbols, taxon).ifPresent(m -> {
            spec.commandLine().getErr().println("warning: " + m.message("--organism %s"));
            spec.commandLine().getErr().flush();
        });
        boolean usesNcbi = sources.stream().anyMatch(s -> s.trim().equalsIgnoreCase("ncbi"));
        NcbiClient client = usesNcbi ? new NcbiClient(ncbiOptions()) : null;
        DescriptionCache descriptionCache = usesNcbi
            ? DescriptionCache.open(cache != null ? cache : DescriptionCache.defaultFolder()) : null;
        if (refresh && descriptionCache != null) {
            descriptionCache.refreshNotFound();
        }
        try (AtomicOutput output = new AtomicOutput(out);
             ConsoleProgress progress = ConsoleProgress.forTerminal(spec.commandLine().getErr(), "describe")) {
            List<GeneSource> chain = new ArrayList<>();
            for (String s : sources) {
                chain.add(source(s.trim(), taxon, client));
            }
            if (orthologs != null) {
                if (orthologSources.isEmpty()) {
                    throw new InvalidInputException("--orthologs needs --ortholog-source file:PATH with the other "
                        + "species' descriptions.");
                }
                boolean mouse = taxon == Organism.MOUSE;
                int other = mouse ? Organism.HUMAN : Organism.MOUSE;
                chain.add(OrthologSource.load(orthologs, mouse, new ChainedSource(orthologSources.stream()
                    .map(s -> source(s.trim(), other, null)).toList())));
            }
            LookupResult result = new GeneDescriptionLookup(taxon, chain, fallback.value, descriptionCache)
                .lookup(symbols, CancellationToken.NONE, progress);
            write(output.writer(), result);
            output.commit();
            report(result);
        } finally {
            if (descriptionCache != null) {
                descriptionCache.close();
            }
            if (client != null) {
                client.close();
            }
        }
        return ExitCodes.OK;
    }

    private NcbiClient.Options ncbiOptions() {
        NcbiClient.Options o = NcbiClient.Options.DEFAULTS.withContact("scllm", email);
        String key = System.getenv(apiKeyEnv);
        if (key != null && !key.isBlank()) {
            o = o.withApiKey(key.trim());
        }
        return ncbiUrl == null ? o : o.withBaseUrl(ncbiUrl);
    }

    private static GeneSource source(String spec, int taxon, NcbiClient client) {
        if (spec.equalsIgnoreCase("ncbi")) {
            if (client == null) {
                throw new InvalidInputException("ncbi is not available as an ortholog source; use file:PATH.");
            }
            return new NcbiGeneSource(client, taxon);
        }
        if (!spec.regionMatches(true, 0, "file:", 0, 5) || spec.length() == 5) {
            throw new InvalidInputException("Unknown source '" + spec + "': use file:PATH or ncbi.");
        }
        Path file = Path.of(spec.substring(5));
        return isGeneInfo(file) ? GeneInfoSource.load(file, taxon) : SummaryTableSource.load(file);
    }

    /** NCBI gene_info files start with the header {@code #tax_id GeneID Symbol ...}. */
    private static boolean isGeneInfo(Path file) {
        try (BufferedReader r = reader(file)) {
            String first = r.readLine();
            return first != null && first.startsWith("#tax_id");
        } catch (IOException e) {
            return false; // let the table loader report the unreadable file with its own message
        }
    }

    private static BufferedReader reader(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    static List<String> readSymbols(Path file, String column) {
        try (BufferedReader r = reader(file)) {
            String header = r.readLine();
            if (header == null) {
                throw new InvalidInputException("Gene table " + file + " is empty; it needs a header row.");
            }
            List<String> names = Arrays.asList(header.split("\t", -1));
            int col = names.indexOf(column);
            if (col < 0) {
                throw new InvalidInputException("Gene table " + file + " has no column '" + column + "'. Columns: "
                    + names + ". Choose one with --gene-column.");
            }
            List<String> symbols = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] fields = line.split("\t", -1);
                if (col < fields.length) {
                    symbols.addAll(Arrays.asList(fields[col].split(",", -1)));
                }
            }
            return symbols;
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("Gene table " + file + " does not exist.", e);
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read gene table " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(BufferedWriter w, LookupResult result) throws IOException {
        w.write("symbol\tofficial_symbol\tgene_id\tfull_name\tsummary\tsource\tstatus\ttext\tnote\n");
        for (GeneDescription g : result.genes()) {
            // keyed by the input symbol: the cells' top genes call the gene so, whatever its official symbol
            w.write(String.join("\t", AtomicOutput.field(g.query()), AtomicOutput.field(g.symbol()),
                AtomicOutput.field(g.geneId()),
                AtomicOutput.field(g.fullName()), AtomicOutput.field(g.summary()),
                g.source().name().toLowerCase(java.util.Locale.ROOT), g.status().name().toLowerCase(java.util.Locale.ROOT),
                AtomicOutput.field(g.text()), AtomicOutput.field(g.note())) + "\n");
        }
    }

    private void report(LookupResult result) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("genes", result.genes().size());
        m.put("described", result.described());
        m.put("input_symbols", result.inputCount());
        m.put("blank", result.blankCount());
        m.put("duplicates", result.duplicateCount());
        m.put("cache_hits", result.cacheHits());
        m.put("resolved_as_alias", result.byStatus().get(LookupStatus.ALIAS));
        m.put("alias_refused_official_symbol", result.aliasesRefused());
        Map<String, Integer> status = new LinkedHashMap<>();
        result.byStatus().forEach((k, v) -> status.put(k.name().toLowerCase(java.util.Locale.ROOT), v));
        Map<String, Integer> source = new LinkedHashMap<>();
        result.bySource().forEach((k, v) -> source.put(k.name().toLowerCase(java.util.Locale.ROOT), v));
        m.put("by_status", status);
        m.put("by_source", source);
        if (json) {
            spec.commandLine().getOut().println(
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
            spec.commandLine().getOut().flush();
        } else {
            spec.commandLine().getErr().printf("described %d of %d genes (%s by status, %s by source; %d official "
                + "symbols not taken as another gene's alias) -> %s%n", result.described(), result.genes().size(),
                status, source, result.aliasesRefused(), out);
            spec.commandLine().getErr().flush();
        }
    }
}
