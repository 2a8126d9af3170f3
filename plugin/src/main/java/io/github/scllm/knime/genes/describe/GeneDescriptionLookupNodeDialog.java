package io.github.scllm.knime.genes.describe;

import javax.swing.JFileChooser;

import org.knime.core.data.StringValue;
import org.knime.core.data.collection.CollectionDataValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** The dialog of Gene Description Lookup: wraps the settings models, declares no keys. */
final class GeneDescriptionLookupNodeDialog extends DefaultNodeSettingsPane {
    private static final String[] TABLES = {".tsv", ".tsv.gz", ".csv", ".csv.gz", ".txt", ".txt.gz", ".json",
        ".json.gz"};

    GeneDescriptionLookupNodeDialog() {
        GeneDescriptionLookupNodeSettings s = new GeneDescriptionLookupNodeSettings();
        addDialogComponent(new DialogComponentColumnNameSelection(s.geneColumnModel(), "Gene column", 0,
            StringValue.class, CollectionDataValue.class));
        addDialogComponent(new DialogComponentStringSelection(s.organismModel(), "Organism",
            GeneDescriptionLookupNodeSettings.ORGANISMS));
        addDialogComponent(new DialogComponentNumber(s.taxonModel(), "Taxon ID (other organism)", 1));
        addDialogComponent(new DialogComponentStringSelection(s.fallbackModel(), "Fallback text",
            GeneDescriptionLookupNodeSettings.FALLBACKS));

        createNewTab("Sources");
        addDialogComponent(new DialogComponentBoolean(s.useNcbiModel(), "Ask NCBI (live)"));
        addDialogComponent(new DialogComponentStringSelection(s.orderModel(), "Source order",
            GeneDescriptionLookupNodeSettings.ORDERS));
        createNewGroup("gene_info file");
        addDialogComponent(new DialogComponentFileChooser(s.geneInfoModel(), "scllm.describe.geneinfo",
            JFileChooser.OPEN_DIALOG, false, ".gene_info", ".gene_info.gz", ".gz"));
        closeCurrentGroup();
        createNewGroup("Summary table");
        addDialogComponent(new DialogComponentFileChooser(s.summaryModel(), "scllm.describe.summary",
            JFileChooser.OPEN_DIALOG, false, TABLES));
        addDialogComponent(new DialogComponentString(s.moreSummariesModel(), "Further summary tables (separated by ;)"));
        closeCurrentGroup();
        createNewGroup("Ortholog table");
        addDialogComponent(new DialogComponentFileChooser(s.orthologTableModel(), "scllm.describe.orthologs",
            JFileChooser.OPEN_DIALOG, false, ".csv", ".csv.gz", ".tsv", ".tsv.gz"));
        closeCurrentGroup();
        createNewGroup("Ortholog summary table");
        addDialogComponent(new DialogComponentFileChooser(s.orthologSummaryModel(), "scllm.describe.orthologsummary",
            JFileChooser.OPEN_DIALOG, false, TABLES));
        closeCurrentGroup();

        createNewTab("NCBI and cache");
        addDialogComponent(new DialogComponentString(s.credentialsModel(), "NCBI credentials (API key as password)"));
        addDialogComponent(new DialogComponentString(s.toolModel(), "Tool name"));
        addDialogComponent(new DialogComponentString(s.emailModel(), "E-mail"));
        addDialogComponent(new DialogComponentString(s.urlModel(), "E-utilities URL"));
        addDialogComponent(new DialogComponentBoolean(s.useCacheModel(), "Use cache"));
        addDialogComponent(new DialogComponentString(s.cacheFolderModel(), "Cache folder (empty: ~/.scllm/cache)"));
    }
}
