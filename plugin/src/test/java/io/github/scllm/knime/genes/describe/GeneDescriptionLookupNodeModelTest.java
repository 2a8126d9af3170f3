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
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.workflow.ICredentials;

import io.github.scllm.core.genes.Fallback;
import io.github.scllm.knime.TestPaths;
import io.github.scllm.knime.genes.topgenes.TopGenesNodeFactory;
import io.github.scllm.knime.io.readscrna.ReadScrnaNodeFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
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
    void theDialogSavesExactlyWhatTheModelLoads() throws Exception {
        System.setProperty("java.awt.headless", "true");
        GeneDescriptionLookupNodeModel m = model("gene_column", "Top genes", "organism", "mouse (10090)",
            "summary_file", "/x/summaries.tsv", "fallback", "SYMBOL: full name", "ncbi_credentials", "ncbi",
            "cache_folder", "/x/cache");
        NodeSettings saved = NodeHarness.saveSettings(m);
        GeneDescriptionLookupNodeDialog dialog = new GeneDescriptionLookupNodeDialog();
        dialog.loadSettingsFrom(saved, new PortObjectSpec[] {topGenesSpec()});
        NodeSettings fromDialog = new NodeSettings(NodeHarness.SETTINGS_KEY);
        dialog.saveSettingsTo(fromDialog);
        GeneDescriptionLookupNodeModel fresh = new GeneDescriptionLookupNodeModel();
        NodeHarness.loadSettings(fresh, fromDialog);
        assertEquals(NodeHarness.toXml(saved), NodeHarness.toXml(NodeHarness.saveSettings(fresh)));
    }

    @Test
    void configureGivesTheGeneTableSpecAndPicksTheListColumn(@TempDir Path dir) throws Exception {
        Path[] f = files(dir);
        GeneDescriptionLookupNodeModel m = model("use_ncbi", false, "summary_file", f[1]);
        DataTableSpec out = NodeHarness.configureTables(m, topGenesSpec())[0];
        assertEquals(List.of("Symbol", "Official symbol", "NCBI Gene ID", "Full name", "Summary", "Source", "Status",
            "Text", "Note"), List.of(out.getColumnNames()));
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
        assertEquals("CD3E", text(cd3e, "Official symbol"));
        assertEquals("916", text(cd3e, "NCBI Gene ID"));
        assertEquals("CD3 epsilon subunit of T-cell receptor complex", text(cd3e, "Full name"));
        assertEquals(CD3E_TEXT, text(cd3e, "Summary"));
        assertEquals(CD3E_TEXT, text(cd3e, "Text"));
        assertEquals("file", text(cd3e, "Source"));
        assertEquals("found", text(cd3e, "Status"));

        assertEquals("alias", text(rows.get("TCRE"), "Status"));
        assertEquals("CD3E", text(rows.get("TCRE"), "Official symbol"));
        assertTrue(text(rows.get("TCRE"), "Note").contains("alias of CD3E"));
        assertEquals("LYZ", text(rows.get("ENSG00000090382.5"), "Official symbol"), "Ensembl ID mapped through gene_info");
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

    /**
     * A stand-in for E-utilities on a local port: esearch and esummary answered in NCBI's JSON shapes from a few
     * genes, every request recorded; optionally cancels an execution when the first request arrives.
     */
    static final class Eutils extends Dispatcher {
        final Map<String, List<String>> ids = new HashMap<>();
        final Map<String, String> records = new HashMap<>();
        final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
        volatile RecordingExecution cancelOnRequest;

        Eutils gene(String uid, String symbol, String name, String summary, String aliases, int status,
            String current, String... searchedAs) {
            for (String q : searchedAs) {
                ids.computeIfAbsent(q, k -> new ArrayList<>()).add(uid);
            }
            records.put(uid, "{\"uid\":\"" + uid + "\",\"name\":\"" + symbol + "\",\"description\":\"" + name
                + "\",\"status\":" + status + ",\"currentid\":\"" + current + "\",\"otheraliases\":\"" + aliases
                + "\",\"summary\":\"" + summary + "\",\"organism\":{\"scientificname\":\"Homo sapiens\","
                + "\"taxid\":9606}}");
            return this;
        }

        List<String> searched() {
            synchronized (requests) {
                return requests.stream().filter(r -> r.getUrl().encodedPath().endsWith("esearch.fcgi"))
                    .map(r -> r.getUrl().queryParameter("term")).toList();
            }
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            requests.add(request);
            if (cancelOnRequest != null) {
                cancelOnRequest.cancel();
            }
            String path = request.getUrl().encodedPath();
            String body;
            if (path.endsWith("esearch.fcgi")) {
                String term = request.getUrl().queryParameter("term");
                List<String> found = ids.getOrDefault(term.substring(0, term.indexOf('[')).toUpperCase(), List.of());
                body = "{\"header\":{\"type\":\"esearch\",\"version\":\"0.3\"},\"esearchresult\":{\"count\":\""
                    + found.size() + "\",\"retmax\":\"20\",\"retstart\":\"0\",\"idlist\":" + quoted(found) + "}}";
            } else if (path.endsWith("esummary.fcgi")) {
                List<String> wanted = List.of(request.getUrl().queryParameter("id").split(","));
                StringBuilder b = new StringBuilder("{\"header\":{\"type\":\"esummary\",\"version\":\"0.3\"},"
                    + "\"result\":{\"uids\":" + quoted(wanted));
                for (String id : wanted) {
                    b.append(",\"").append(id).append("\":").append(records.get(id));
                }
                body = b.append("}}").toString();
            } else {
                return new MockResponse.Builder().code(404).build();
            }
            return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
        }

        private static String quoted(List<String> l) {
            return "[" + String.join(",", l.stream().map(x -> "\"" + x + "\"").toList()) + "]";
        }
    }

    static Eutils eutils() {
        return new Eutils()
            .gene("916", "CD3E", "CD3 epsilon subunit of T-cell receptor complex", CD3E_TEXT, "T3E, TCRE", 0, "",
                "CD3E", "TCRE")
            .gene("4069", "LYZ", "lysozyme", LYZ_TEXT, "LZM", 0, "", "LYZ")
            .gene("4283", "CXCL9", "C-X-C motif chemokine ligand 9", "Encodes a chemokine that attracts T cells.",
                "CMK, MIG", 0, "", "CXCL9")
            .gene("999", "OLDSYM", "retired record", "", "", 1, "4283", "OLDSYM");
    }

    static BufferedDataTable symbols(String... s) {
        return Tables.table(topGenesSpec(), Tables.row("c1", new StringCell("T"), list(s), weights(s.length)));
    }

    @Test
    void ncbiAnswersAreCachedSoASecondExecutionAsksNothing(@TempDir Path dir) throws Exception {
        Eutils ncbi = eutils();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(ncbi);
            server.start();
            Object[] settings = {"ncbi_url", server.url("/entrez/eutils/").toString(), "cache_folder",
                dir.resolve("cache").toString(), "ncbi_email", "dev@example.org"};
            BufferedDataTable in = symbols("CD3E", "tcre", "LYZ", "NOPE1", "OLDSYM");
            GeneDescriptionLookupNodeModel first = model(settings);
            Map<String, DataRow> rows = byQuery(run(first, in));
            assertEquals("found", text(rows.get("CD3E"), "Status"));
            assertEquals("ncbi", text(rows.get("CD3E"), "Source"));
            assertEquals("916", text(rows.get("CD3E"), "NCBI Gene ID"));
            assertEquals(CD3E_TEXT, text(rows.get("CD3E"), "Text"));
            assertEquals("alias", text(rows.get("tcre"), "Status"));
            assertEquals("CD3E", text(rows.get("tcre"), "Official symbol"));
            assertEquals("replaced", text(rows.get("OLDSYM"), "Status"));
            assertEquals("CXCL9", text(rows.get("OLDSYM"), "Official symbol"));
            assertEquals("not found", text(rows.get("NOPE1"), "Status"));
            assertEquals(Fallback.FIXED_SENTENCE_TEXT, text(rows.get("NOPE1"), "Text"));
            assertEquals("CD3E[sym] AND txid9606[orgn] AND alive[prop]", ncbi.searched().get(0));
            for (RecordedRequest r : ncbi.requests) {
                assertEquals("dev@example.org", r.getUrl().queryParameter("email"));
                assertEquals("scllm", r.getUrl().queryParameter("tool"));
            }
            int asked = ncbi.requests.size();
            assertTrue(asked >= 6, "5 searches and the summaries: " + asked);

            GeneDescriptionLookupNodeModel second = model(settings);
            Map<String, DataRow> again = byQuery(run(second, in));
            assertEquals(asked, ncbi.requests.size(), "the second execution asked NCBI again");
            assertEquals("cache", text(again.get("CD3E"), "Source"));
            assertEquals(CD3E_TEXT, text(again.get("CD3E"), "Text"));
            assertEquals("not found", text(again.get("NOPE1"), "Status"));
            String warning = NodeHarness.warning(second).getSummary();
            assertTrue(warning.contains("5 answers from the cache"), warning);
        }
    }

    @Test
    void localFilesFirstLeaveNcbiOnlyTheGenesTheyDoNotDescribe(@TempDir Path dir) throws Exception {
        Path[] f = files(dir);
        Eutils ncbi = eutils();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(ncbi);
            server.start();
            Map<String, DataRow> rows = byQuery(run(model("ncbi_url", server.url("/entrez/eutils/"), "use_cache",
                false, "gene_info_file", f[0], "summary_file", f[1]), symbols("CD3E", "LYZ", "CXCL9")));
            assertEquals(List.of("CXCL9[sym] AND txid9606[orgn] AND alive[prop]"), ncbi.searched());
            assertEquals("file", text(rows.get("CD3E"), "Source"));
            assertEquals("ncbi", text(rows.get("CXCL9"), "Source"));
            assertEquals("Encodes a chemokine that attracts T cells.", text(rows.get("CXCL9"), "Text"));

            ncbi.requests.clear();
            Map<String, DataRow> ncbiFirst = byQuery(run(model("ncbi_url", server.url("/entrez/eutils/"), "use_cache",
                false, "summary_file", f[1], "source_order", "NCBI first, then local files"), symbols("CD3E", "LYZ")));
            assertEquals(2, ncbi.searched().size());
            assertEquals("ncbi", text(ncbiFirst.get("LYZ"), "Source"));
        }
    }

    @Test
    void theApiKeyComesFromTheCredentialsAndIsNeverStored() throws Exception {
        Eutils ncbi = eutils();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(ncbi);
            server.start();
            GeneDescriptionLookupNodeModel m = model("ncbi_url", server.url("/entrez/eutils/"), "use_cache", false,
                "ncbi_credentials", "ncbi");
            NodeHarness.setCredentials(m, new Credentials("ncbi", "me", "SECRET-KEY-123"));
            run(m, symbols("LYZ"));
            assertFalse(ncbi.requests.isEmpty());
            for (RecordedRequest r : ncbi.requests) {
                assertEquals("SECRET-KEY-123", r.getUrl().queryParameter("api_key"));
            }
            assertFalse(NodeHarness.toXml(NodeHarness.saveSettings(m)).contains("SECRET"));
            assertFalse(NodeHarness.warning(m).getSummary().contains("SECRET"));
        }
    }

    @Test
    void cancelStopsTheNcbiLookup() throws Exception {
        Eutils ncbi = eutils();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(ncbi);
            server.start();
            String[] many = new String[40];
            for (int i = 0; i < many.length; i++) {
                many[i] = "GENE" + i;
            }
            RecordingExecution exec = new RecordingExecution();
            ncbi.cancelOnRequest = exec;
            GeneDescriptionLookupNodeModel m = model("ncbi_url", server.url("/entrez/eutils/"), "use_cache", false);
            assertThrows(CanceledExecutionException.class, () -> NodeHarness.executeTables(m, exec, symbols(many)));
            assertTrue(ncbi.requests.size() <= 2, "went on after cancel: " + ncbi.requests.size() + " requests");
        }
    }

    /** Runs a node of another package through its factory with the given settings. */
    static BufferedDataTable runNode(NodeFactory<?> factory, BufferedDataTable in, String... keyValues)
        throws Exception {
        NodeModel m = factory.createNodeModel();
        NodeSettings s = NodeHarness.saveSettings(m);
        for (int i = 0; i < keyValues.length; i += 2) {
            s.addString(keyValues[i], keyValues[i + 1]);
        }
        NodeHarness.loadSettings(m, s);
        return in == null ? NodeHarness.executeTables(m, new RecordingExecution())[0]
            : NodeHarness.executeTables(m, new RecordingExecution(), in)[0];
    }

    /** Read scRNA, then Top Genes (top 20, no normalisation), as a workflow would run them. */
    static BufferedDataTable topGenesOf(Path matrix) throws Exception {
        return runNode(new TopGenesNodeFactory(), runNode(new ReadScrnaNodeFactory(), null, "file", matrix.toString()));
    }

    static Set<String> distinctTopGenes(BufferedDataTable top) {
        Set<String> out = new LinkedHashSet<>();
        int col = top.getDataTableSpec().findColumnIndex("Top genes");
        for (DataRow r : Tables.rows(top)) {
            List<String> l = new ArrayList<>();
            GeneTables.symbolsOf(r.getCell(col), l);
            l.forEach(g -> out.add(g.toUpperCase()));
        }
        return out;
    }

    static long count(BufferedDataTable t, String column, String value) {
        return Tables.rows(t).stream().filter(r -> value.equals(text(r, column))).count();
    }

    @Test
    void realPbmcTopGenesAreDescribedFromTheHumanFiles() throws Exception {
        BufferedDataTable top = topGenesOf(TestPaths.testData("pbmc68k_reduced/counts_10x_mtx"));
        Path genes = TestPaths.testData("gene_summaries");
        GeneDescriptionLookupNodeModel m = model("use_ncbi", false,
            "gene_info_file", genes.resolve("Homo_sapiens.gene_info.gz"),
            "summary_file", genes.resolve("refseq_gene_summary_human.tsv.gz"));
        BufferedDataTable out = run(m, top);
        Set<String> distinct = distinctTopGenes(top);
        assertEquals(distinct.size(), out.size(), "one row per distinct top gene");
        Set<String> queries = new LinkedHashSet<>();
        Tables.rows(out).forEach(r -> queries.add(r.getKey().getString().toUpperCase()));
        assertEquals(distinct, queries);
        long described = Tables.rows(out).stream().filter(r -> text(r, "Summary") != null).count();
        System.out.printf("pbmc68k_reduced top-20 genes described by human gene_info + RefSeq summaries: %d / %d%n",
            described, out.size());
        System.out.println("  " + NodeHarness.warning(m).getSummary());
        System.out.println("  without summary: " + Tables.rows(out).stream().filter(r -> text(r, "Summary") == null)
            .map(r -> text(r, "Official symbol")).toList());
        // the RefSeq table lacks some well-known genes (NKG7, CD52: no RefSeq summary), so about 80% is what it
        // can give; a clear drop below means the symbol matching broke
        assertTrue(described >= 0.75 * out.size(), described + " of " + out.size());
        assertTrue(count(out, "Status", "not found") <= 0.01 * out.size(), "gene_info identifies nearly every gene");
        assertEquals(out.size() - described, count(out, "Source", "fallback"));
    }

    @Test
    void realMouseLungGenesGainTextsThroughHumanOrthologs() throws Exception {
        BufferedDataTable top = topGenesOf(TestPaths.testData("mouse_lung_aec2/mouse_lung_aec2_counts.h5ad"));
        Path genes = TestPaths.testData("gene_summaries");
        Object[] mouseFiles = {"use_ncbi", false, "organism", "mouse (10090)",
            "gene_info_file", genes.resolve("Mus_musculus.gene_info.gz"),
            "summary_file", genes.resolve("refseq_gene_summary_mouse.tsv.gz")};
        BufferedDataTable own = run(model(mouseFiles), top);
        Object[] withOrthologs = Arrays.copyOf(mouseFiles, mouseFiles.length + 4);
        withOrthologs[mouseFiles.length] = "ortholog_table";
        withOrthologs[mouseFiles.length + 1] = genes.resolve("Ensembl105_Human2Mouse_Genes.csv");
        withOrthologs[mouseFiles.length + 2] = "ortholog_summary_file";
        withOrthologs[mouseFiles.length + 3] = genes.resolve("refseq_gene_summary_human.tsv.gz");
        BufferedDataTable both = run(model(withOrthologs), top);
        long ownDescribed = own.size() - count(own, "Source", "fallback");
        long bothDescribed = both.size() - count(both, "Source", "fallback");
        long viaOrtholog = count(both, "Source", "ortholog");
        System.out.printf("mouse_lung_aec2 top-20 genes described: mouse files %d / %d, with human orthologs %d / %d "
            + "(%d through orthologs)%n", ownDescribed, own.size(), bothDescribed, both.size(), viaOrtholog);
        assertEquals(distinctTopGenes(top).size(), both.size());
        assertTrue(viaOrtholog > 0, "no gene described through its human ortholog");
        assertEquals(ownDescribed + viaOrtholog, bothDescribed, "orthologs only fill genes the mouse files lack");
        Tables.rows(both).stream().filter(r -> "ortholog".equals(text(r, "Source"))).forEach(
            r -> assertTrue(text(r, "Note").contains("ortholog"), r.getKey() + ": " + text(r, "Note")));
    }

    /** Workflow credentials as KNIME hands them to a node. */
    record Credentials(String getName, String getLogin, String getPassword) implements ICredentials {
    }
}
