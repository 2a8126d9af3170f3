package io.github.scllm.knime.genes.describe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.CollectionCellFactory;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.workflow.ICredentials;

import io.github.scllm.core.genes.Fallback;
import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.RecordingExecution;
import io.github.scllm.shim.harness.Tables;

class GeneDescriptionLookupNodeModelTest {
    static final String GENE_INFO_HEADER = "#tax_id\tGeneID\tSymbol\tLocusTag\tSynonyms\tdbXrefs\tchromosome\t"
        + "map_location\tdescription\ttype_of_gene\tSymbol_from_nomenclature_authority\t"
        + "Full_name_from_nomenclature_authority\tNomenclature_status\tOther_designations\tModification_date\t"
        + "Feature_type\n";

    static final String CD3E_TEXT = "Encodes the epsilon chain of the CD3 complex of T cells.";
    static final String LYZ_TEXT = "Encodes lysozyme, an enzyme that breaks bacterial cell walls.";

    /** A tiny human gene_info and summary table, written in the test (facts, shaped like NCBI's files). */
    static Path[] files(Path dir) throws Exception {
        Path info = dir.resolve("Homo_sapiens.gene_info");
        Files.writeString(info, GENE_INFO_HEADER
            + gi("916", "CD3E", "T3E|TCRE", "Ensembl:ENSG00000198851", "CD3 epsilon subunit of T-cell receptor complex")
            + gi("4069", "LYZ", "LZM", "Ensembl:ENSG00000090382", "lysozyme")
            + gi("4283", "CXCL9", "CMK|MIG", "Ensembl:ENSG00000138755", "C-X-C motif chemokine ligand 9"));
        Path summaries = dir.resolve("summaries.tsv");
        Files.writeString(summaries, "Symbol\tGeneID\tGene_summary\nCD3E\t916\t" + CD3E_TEXT + "\nLYZ\t4069\t"
            + LYZ_TEXT + "\n");
        return new Path[] {info, summaries};
    }

    static String gi(String id, String symbol, String synonyms, String xrefs, String name) {
        return String.join("\t", "9606", id, symbol, "-", synonyms, xrefs, "1", "-", name, "protein-coding", symbol,
            name, "O", "-", "20220101", "-") + "\n";
    }

    static GeneDescriptionLookupNodeModel model(Object... keyValues) throws InvalidSettingsException {
        GeneDescriptionLookupNodeModel m = new GeneDescriptionLookupNodeModel();
        NodeSettings s = NodeHarness.saveSettings(m);
        for (int i = 0; i < keyValues.length; i += 2) {
            String k = (String) keyValues[i];
            Object v = keyValues[i + 1];
            if (v instanceof Integer n) {
                s.addInt(k, n);
            } else if (v instanceof Boolean b) {
                s.addBoolean(k, b);
            } else {
                s.addString(k, v.toString());
            }
        }
        NodeHarness.loadSettings(m, s);
        return m;
    }

    static DataTableSpec topGenesSpec() {
        return Tables.spec("cell_type", StringCell.TYPE, "Top genes", ListCell.getCollectionType(StringCell.TYPE),
            "Top gene weights", ListCell.getCollectionType(DoubleCell.TYPE));
    }

    static DataCell list(String... symbols) {
        List<DataCell> cells = new ArrayList<>();
        for (String s : symbols) {
            cells.add(s == null ? DataType.getMissingCell() : new StringCell(s));
        }
        return CollectionCellFactory.createListCell(cells);
    }

    static DataCell weights(int n) {
        List<DataCell> cells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cells.add(new DoubleCell(n - i));
        }
        return CollectionCellFactory.createListCell(cells);
    }

    static BufferedDataTable topGenes() {
        return Tables.table(topGenesSpec(),
            Tables.row("c1", new StringCell("T"), list("cd3e", "LYZ", "TCRE", "ENSG00000090382.5", " ", "NOPE1",
                "CXCL9"), weights(7)),
            Tables.row("c2", new StringCell("B"), list("LYZ", "CD3E", null), weights(3)),
            Tables.row("c3", new StringCell("B"), DataType.getMissingCell(), DataType.getMissingCell()));
    }

    static Map<String, DataRow> byQuery(BufferedDataTable t) {
        Map<String, DataRow> out = new LinkedHashMap<>();
        for (DataRow r : Tables.rows(t)) {
            out.put(r.getKey().getString(), r);
        }
        return out;
    }

    static String text(DataRow r, String column) {
        DataCell c = r.getCell(Arrays.asList(GeneTables.COLUMNS).indexOf(column));
        return c.isMissing() ? null : ((StringValue) c).getStringValue();
    }

    static BufferedDataTable run(GeneDescriptionLookupNodeModel m, BufferedDataTable in) throws Exception {
        return NodeHarness.executeTables(m, new RecordingExecution(), in)[0];
    }

    @Test
    void settingsSurviveAnXmlRoundTripAndNeverHoldAKey() throws Exception {
        GeneDescriptionLookupNodeModel m = model("organism", "other taxon ID", "taxon_id", 10116, "use_ncbi", true,
            "gene_info_file", "/data/Rattus_norvegicus.gene_info.gz", "more_summary_files", "/a.tsv;/b.json",
            "source_order", "NCBI first, then local files", "fallback", "skip", "use_cache", false,
            "ncbi_credentials", "ncbi", "ncbi_email", "me@example.org");
        NodeSettings reloaded = NodeHarness.settingsRoundTrip(m, new GeneDescriptionLookupNodeModel());
        assertEquals(NodeHarness.toXml(NodeHarness.saveSettings(m)), NodeHarness.toXml(reloaded));
        assertEquals(10116, reloaded.getInt("taxon_id"));
        assertEquals("ncbi", reloaded.getString("ncbi_credentials"));
        assertFalse(NodeHarness.toXml(reloaded).toLowerCase().contains("api_key"));
    }

    @Test
    void configureGivesTheGeneTableSpecAndPicksTheListColumn(@TempDir Path dir) throws Exception {
        Path[] f = files(dir);
        GeneDescriptionLookupNodeModel m = model("use_ncbi", false, "summary_file", f[1]);
        DataTableSpec out = NodeHarness.configureTables(m, topGenesSpec())[0];
        assertEquals(List.of("Symbol", "NCBI Gene ID", "Full name", "Summary", "Source", "Status", "Text", "Query",
            "Note"), List.of(out.getColumnNames()));
        assertEquals("Top genes", NodeHarness.saveSettings(m).getString("gene_column"));
        assertEquals(out, run(m, topGenes()).getDataTableSpec());
    }

    @Test
    void everyDistinctSymbolGetsOneRowWithItsStatusSourceAndText(@TempDir Path dir) throws Exception {
        Path[] f = files(dir);
        GeneDescriptionLookupNodeModel m = model("use_ncbi", false, "gene_info_file", f[0], "summary_file", f[1]);
        Map<String, DataRow> rows = byQuery(run(m, topGenes()));
        assertEquals(List.of("cd3e", "LYZ", "TCRE", "ENSG00000090382.5", "NOPE1", "CXCL9"), List.copyOf(rows.keySet()));

        DataRow cd3e = rows.get("cd3e");
        assertEquals("CD3E", text(cd3e, "Symbol"));
        assertEquals("916", text(cd3e, "NCBI Gene ID"));
        assertEquals("CD3 epsilon subunit of T-cell receptor complex", text(cd3e, "Full name"));
        assertEquals(CD3E_TEXT, text(cd3e, "Summary"));
        assertEquals(CD3E_TEXT, text(cd3e, "Text"));
        assertEquals("file", text(cd3e, "Source"));
        assertEquals("found", text(cd3e, "Status"));

        assertEquals("alias", text(rows.get("TCRE"), "Status"));
        assertEquals("CD3E", text(rows.get("TCRE"), "Symbol"));
        assertTrue(text(rows.get("TCRE"), "Note").contains("alias of CD3E"));
        assertEquals("LYZ", text(rows.get("ENSG00000090382.5"), "Symbol"), "Ensembl ID mapped through gene_info");
        assertEquals(LYZ_TEXT, text(rows.get("ENSG00000090382.5"), "Text"));

        assertEquals("not found", text(rows.get("NOPE1"), "Status"));
        assertEquals("fallback", text(rows.get("NOPE1"), "Source"));
        assertEquals(Fallback.FIXED_SENTENCE_TEXT, text(rows.get("NOPE1"), "Text"));
        assertEquals("found", text(rows.get("CXCL9"), "Status"), "identified by gene_info, no summary anywhere");
        assertNull(text(rows.get("CXCL9"), "Summary"));

        String warning = NodeHarness.warning(m).getSummary();
        assertTrue(warning.startsWith("4 of 6 genes described"), warning);
        assertTrue(warning.contains("1 alias") && warning.contains("1 not found") && warning.contains("2 fallback"),
            warning);
        assertTrue(warning.contains("3 empty or missing") && warning.contains("2 repeated"), warning);
    }

    @Test
    void theFallbackDecidesTheTextOfGenesWithoutDescription(@TempDir Path dir) throws Exception {
        Path[] f = files(dir);
        Map<String, String> want = Map.of("fixed sentence", Fallback.FIXED_SENTENCE_TEXT,
            "SYMBOL: full name", "CXCL9: C-X-C motif chemokine ligand 9", "skip", "");
        for (Map.Entry<String, String> e : want.entrySet()) {
            Map<String, DataRow> rows = byQuery(run(model("use_ncbi", false, "gene_info_file", f[0], "summary_file",
                f[1], "fallback", e.getKey()), topGenes()));
            assertEquals(e.getValue(), text(rows.get("CXCL9"), "Text"), e.getKey());
            assertEquals(CD3E_TEXT, text(rows.get("cd3e"), "Text"), e.getKey());
        }
    }

    @Test
    void aPlainStringColumnWorksToo(@TempDir Path dir) throws Exception {
        Path[] f = files(dir);
        BufferedDataTable genes = Tables.table(Tables.spec("Gene symbol", StringCell.TYPE),
            Tables.row("g1", new StringCell("LYZ")), Tables.row("g2", new StringCell("lyz")),
            Tables.row("g3", DataType.getMissingCell()));
        Map<String, DataRow> rows = byQuery(run(model("use_ncbi", false, "summary_file", f[1]), genes));
        assertEquals(List.of("LYZ"), List.copyOf(rows.keySet()));
        assertEquals(LYZ_TEXT, text(rows.get("LYZ"), "Text"));
    }

    @Test
    void errorsNameTheOptionTheFileAndTheFix(@TempDir Path dir) throws Exception {
        Path[] f = files(dir);
        DataTableSpec in = topGenesSpec();
        String noSource = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configureTables(model("use_ncbi", false), in)).getMessage();
        assertTrue(noSource.contains("No source"), noSource);

        Path missing = dir.resolve("nope.tsv");
        String gone = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configureTables(model("use_ncbi", false, "summary_file", missing), in)).getMessage();
        assertTrue(gone.contains(missing.toString()) && gone.contains("summary table"), gone);

        String swapped = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configureTables(model("use_ncbi", false, "summary_file", f[0]), in)).getMessage();
        assertTrue(swapped.contains("gene_info") && swapped.contains(f[0].toString()), swapped);

        String notInfo = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configureTables(model("use_ncbi", false, "gene_info_file", f[1]), in)).getMessage();
        assertTrue(notInfo.contains("#tax_id"), notInfo);

        String rat = assertThrows(InvalidSettingsException.class, () -> NodeHarness.configureTables(model(
            "use_ncbi", false, "organism", "other taxon ID", "taxon_id", 10116, "ortholog_table", f[1],
            "ortholog_summary_file", f[1]), in)).getMessage();
        assertTrue(rat.contains("10116") && rat.contains("human and mouse"), rat);

        String column = assertThrows(InvalidSettingsException.class, () -> NodeHarness.configureTables(
            model("use_ncbi", false, "summary_file", f[1], "gene_column", "Top gene weights"), in)).getMessage();
        assertTrue(column.contains("'Top gene weights'"), column);

        String creds = assertThrows(InvalidSettingsException.class, () -> NodeHarness.configureTables(
            model("ncbi_credentials", "ncbi-key", "use_cache", false), in)).getMessage();
        assertTrue(creds.contains("'ncbi-key'"), creds);

        String wrongTaxon = assertThrows(Exception.class, () -> run(model("use_ncbi", false, "organism",
            "mouse (10090)", "gene_info_file", f[0]), topGenes())).getMessage();
        assertTrue(wrongTaxon.contains("10090") && wrongTaxon.contains("9606"), wrongTaxon);
    }

    /** Workflow credentials as KNIME hands them to a node. */
    record Credentials(String getName, String getLogin, String getPassword) implements ICredentials {
    }
}
