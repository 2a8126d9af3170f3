package io.github.scllm.knime.genes.describe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

import io.github.scllm.core.genes.Fallback;
import io.github.scllm.core.genes.NcbiClient;
import io.github.scllm.core.genes.Organism;
import io.github.scllm.knime.node.ModelSettings;
import io.github.scllm.knime.node.LocalFiles;

/**
 * The settings of Gene Description Lookup, shared by the model and the dialog; the only place that names their keys.
 * The NCBI API key is not among them: only the name of the KNIME credentials holding it is stored.
 */
final class GeneDescriptionLookupNodeSettings extends ModelSettings {
    static final String HUMAN = "human (9606)";
    static final String MOUSE = "mouse (10090)";
    static final String OTHER = "other taxon ID";
    static final List<String> ORGANISMS = List.of(HUMAN, MOUSE, OTHER);
    static final String FILES_FIRST = "local files first, then NCBI";
    static final String NCBI_FIRST = "NCBI first, then local files";
    static final List<String> ORDERS = List.of(FILES_FIRST, NCBI_FIRST);
    static final List<String> FALLBACKS = List.of("fixed sentence", "SYMBOL: full name", "skip");

    private static final String GENE_COLUMN_CFG = "gene_column";
    private static final String ORGANISM_CFG = "organism";
    private static final String TAXON_CFG = "taxon_id";
    private static final String USE_NCBI_CFG = "use_ncbi";
    private static final String GENE_INFO_CFG = "gene_info_file";
    private static final String SUMMARY_CFG = "summary_file";
    private static final String MORE_SUMMARIES_CFG = "more_summary_files";
    private static final String ORTHOLOG_TABLE_CFG = "ortholog_table";
    private static final String ORTHOLOG_SUMMARY_CFG = "ortholog_summary_file";
    private static final String ORDER_CFG = "source_order";
    private static final String FALLBACK_CFG = "fallback";
    private static final String USE_CACHE_CFG = "use_cache";
    private static final String CACHE_FOLDER_CFG = "cache_folder";
    private static final String CREDENTIALS_CFG = "ncbi_credentials";
    private static final String TOOL_CFG = "ncbi_tool";
    private static final String EMAIL_CFG = "ncbi_email";
    private static final String URL_CFG = "ncbi_url";

    private final SettingsModelString geneColumn = new SettingsModelString(GENE_COLUMN_CFG, "");
    private final SettingsModelString organism = new SettingsModelString(ORGANISM_CFG, HUMAN);
    private final SettingsModelIntegerBounded taxon =
        new SettingsModelIntegerBounded(TAXON_CFG, Organism.HUMAN, 1, Integer.MAX_VALUE);
    private final SettingsModelBoolean useNcbi = new SettingsModelBoolean(USE_NCBI_CFG, true);
    private final SettingsModelString geneInfo = new SettingsModelString(GENE_INFO_CFG, "");
    private final SettingsModelString summary = new SettingsModelString(SUMMARY_CFG, "");
    private final SettingsModelString moreSummaries = new SettingsModelString(MORE_SUMMARIES_CFG, "");
    private final SettingsModelString orthologTable = new SettingsModelString(ORTHOLOG_TABLE_CFG, "");
    private final SettingsModelString orthologSummary = new SettingsModelString(ORTHOLOG_SUMMARY_CFG, "");
    private final SettingsModelString order = new SettingsModelString(ORDER_CFG, FILES_FIRST);
    private final SettingsModelString fallback = new SettingsModelString(FALLBACK_CFG, FALLBACKS.get(0));
    private final SettingsModelBoolean useCache = new SettingsModelBoolean(USE_CACHE_CFG, true);
    private final SettingsModelString cacheFolder = new SettingsModelString(CACHE_FOLDER_CFG, "");
    private final SettingsModelString credentials = new SettingsModelString(CREDENTIALS_CFG, "");
    private final SettingsModelString tool =
        new SettingsModelString(TOOL_CFG, NcbiClient.Options.DEFAULTS.tool());
    private final SettingsModelString email = new SettingsModelString(EMAIL_CFG, "");
    private final SettingsModelString url =
        new SettingsModelString(URL_CFG, NcbiClient.Options.NCBI_BASE_URL);

    @Override
    protected List<SettingsModel> models() {
        return List.of(geneColumn, organism, taxon, useNcbi, geneInfo, summary, moreSummaries, orthologTable,
            orthologSummary, order, fallback, useCache, cacheFolder, credentials, tool, email, url);
    }

    SettingsModelString geneColumnModel() {
        return geneColumn;
    }

    SettingsModelString organismModel() {
        return organism;
    }

    SettingsModelIntegerBounded taxonModel() {
        return taxon;
    }

    SettingsModelBoolean useNcbiModel() {
        return useNcbi;
    }

    SettingsModelString geneInfoModel() {
        return geneInfo;
    }

    SettingsModelString summaryModel() {
        return summary;
    }

    SettingsModelString moreSummariesModel() {
        return moreSummaries;
    }

    SettingsModelString orthologTableModel() {
        return orthologTable;
    }

    SettingsModelString orthologSummaryModel() {
        return orthologSummary;
    }

    SettingsModelString orderModel() {
        return order;
    }

    SettingsModelString fallbackModel() {
        return fallback;
    }

    SettingsModelBoolean useCacheModel() {
        return useCache;
    }

    SettingsModelString cacheFolderModel() {
        return cacheFolder;
    }

    SettingsModelString credentialsModel() {
        return credentials;
    }

    SettingsModelString toolModel() {
        return tool;
    }

    SettingsModelString emailModel() {
        return email;
    }

    SettingsModelString urlModel() {
        return url;
    }

    @Override
    protected ModelSettings fresh() {
        return new GeneDescriptionLookupNodeSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        taxon();
        fallback();
        ncbiFirst();
    }

    /** @return the chosen gene column, or null when none was chosen yet */
    String geneColumn() {
        return blankToNull(geneColumn.getStringValue());
    }

    /** @return the NCBI taxonomy ID of the chosen organism */
    int taxon() throws InvalidSettingsException {
        String o = organism.getStringValue();
        if (HUMAN.equals(o)) {
            return Organism.HUMAN;
        }
        if (MOUSE.equals(o)) {
            return Organism.MOUSE;
        }
        if (OTHER.equals(o)) {
            return taxon.getIntValue();
        }
        throw new InvalidSettingsException("Unknown organism '" + o + "': use one of " + ORGANISMS + ".");
    }

    Fallback fallback() throws InvalidSettingsException {
        String f = fallback.getStringValue();
        int i = FALLBACKS.indexOf(f);
        if (i < 0) {
            throw new InvalidSettingsException("Unknown fallback '" + f + "': use one of " + FALLBACKS + ".");
        }
        return new Fallback[] {Fallback.FIXED_SENTENCE, Fallback.SYMBOL_AND_NAME, Fallback.SKIP}[i];
    }

    boolean ncbiFirst() throws InvalidSettingsException {
        String o = order.getStringValue();
        if (!ORDERS.contains(o)) {
            throw new InvalidSettingsException("Unknown source order '" + o + "': use one of " + ORDERS + ".");
        }
        return NCBI_FIRST.equals(o);
    }

    boolean useNcbi() {
        return useNcbi.getBooleanValue();
    }

    /** @return the gene_info file, or null for none */
    Path geneInfo() throws InvalidSettingsException {
        return LocalFiles.optional(geneInfo.getStringValue(), "gene_info file");
    }

    /** @return the summary tables in the order given (the single file first, then the further files) */
    List<Path> summaries() throws InvalidSettingsException {
        List<Path> out = new ArrayList<>();
        Path first = LocalFiles.optional(summary.getStringValue(), "Summary table");
        if (first != null) {
            out.add(first);
        }
        String more = moreSummaries.getStringValue();
        if (more != null) {
            for (String p : more.split(";")) {
                if (!p.isBlank()) {
                    out.add(LocalFiles.optional(p, "Further summary table"));
                }
            }
        }
        return out;
    }

    /** @return the ortholog table, or null for none */
    Path orthologTable() throws InvalidSettingsException {
        return LocalFiles.optional(orthologTable.getStringValue(), "Ortholog table");
    }

    /** @return the other species' summary table used through the ortholog table, or null */
    Path orthologSummary() throws InvalidSettingsException {
        return LocalFiles.optional(orthologSummary.getStringValue(), "Ortholog summary table");
    }

    /** @return the cache folder, or null when the cache is off */
    Path cacheFolder() throws InvalidSettingsException {
        if (!useCache.getBooleanValue()) {
            return null;
        }
        Path p = LocalFiles.optional(cacheFolder.getStringValue(), "Cache folder");
        return p != null ? p : io.github.scllm.core.genes.DescriptionCache.defaultFolder();
    }

    /** @return the name of the KNIME credentials holding the NCBI API key as password, or null */
    String credentialsName() {
        return blankToNull(credentials.getStringValue());
    }

    String tool() {
        String t = tool.getStringValue();
        return t == null ? "" : t.trim();
    }

    /** @return the contact address, or null */
    String email() {
        return blankToNull(email.getStringValue());
    }

    String url() {
        String u = url.getStringValue();
        return u == null ? "" : u.trim();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
