package io.github.scllm.knime.embed.llmembed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.vector.doublevector.DoubleVectorValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.workflow.ICredentials;

import io.github.scllm.core.embed.local.LocalModels;
import io.github.scllm.knime.embed.EmbeddingColumns;
import io.github.scllm.knime.embed.LocalEmbeddingServer;
import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.RecordingExecution;
import io.github.scllm.shim.harness.Tables;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

class LlmEmbedNodeModelTest {
    private static final String KEY = "sk-node-test-SECRET-31337";

    @TempDir
    Path cache;

    private LocalEmbeddingServer server;

    @BeforeEach
    void start() throws Exception {
        server = new LocalEmbeddingServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static final DataTableSpec SPEC = Tables.spec("Gene", StringCell.TYPE, "Description", StringCell.TYPE,
        "Rank", IntCell.TYPE);

    private static BufferedDataTable genes() {
        return Tables.table(SPEC,
            Tables.row("r1", new StringCell("CD3E"), new StringCell("T-cell receptor epsilon chain."), new IntCell(1)),
            Tables.row("r2", new StringCell("CD3D"), new StringCell("T-cell receptor delta chain."), new IntCell(2)),
            Tables.row("r3", new StringCell("CD3E2"), new StringCell("T-cell receptor epsilon chain."), new IntCell(3)),
            Tables.row("r4", new StringCell("XYZ"), DataType.getMissingCell(), new IntCell(4)),
            Tables.row("r5", new StringCell("BLANK"), new StringCell("   "), new IntCell(5)),
            Tables.row("r6", new StringCell("ALB"), new StringCell("Albumin, the main plasma protein."),
                new IntCell(6)));
    }

    private LlmEmbedNodeModel model(String... keyValues) throws InvalidSettingsException {
        LlmEmbedNodeModel m = new LlmEmbedNodeModel();
        NodeSettings s = NodeHarness.saveSettings(m);
        s.addString("provider", "openai");
        s.addString("base_url", server.baseUrl());
        s.addString("model", "text-embedding-3-small");
        s.addInt("dimensions", 6);
        s.addString("credentials_name", "openai");
        s.addString("cache_folder", cache.toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            switch (keyValues[i]) {
                case "dimensions", "concurrency", "batch_size", "request_timeout_seconds", "attempts" -> s.addInt(keyValues[i],
                    Integer.parseInt(keyValues[i + 1]));
                case "use_cache" -> s.addBoolean(keyValues[i], Boolean.parseBoolean(keyValues[i + 1]));
                default -> s.addString(keyValues[i], keyValues[i + 1]);
            }
        }
        NodeHarness.loadSettings(m, s);
        NodeHarness.setCredentials(m, credentials("openai", KEY));
        return m;
    }

    static ICredentials credentials(String name, String password) {
        return new ICredentials() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public String getLogin() {
                return "";
            }

            @Override
            public String getPassword() {
                return password;
            }
        };
    }

    @Test
    void eachDistinctTextIsEmbeddedOnceAndMissingTextsGetMissingCells() throws Exception {
        LlmEmbedNodeModel m = model("text_column", "Description");
        DataTableSpec configured = NodeHarness.configureTables(m, SPEC)[0];
        BufferedDataTable out = NodeHarness.executeTables(m, new RecordingExecution(), genes())[0];
        assertEquals(configured, out.getDataTableSpec());

        assertEquals(3, server.textsEmbedded(), "three distinct texts among six rows");
        assertEquals(List.of("Bearer " + KEY), server.authorizations());
        List<DataRow> rows = Tables.rows(out);
        int col = out.getDataTableSpec().findColumnIndex("Embedding");
        assertArrayEquals(LocalEmbeddingServer.vectorOf("T-cell receptor epsilon chain.", 6), values(rows.get(0)
            .getCell(col)), 1e-7);
        assertArrayEquals(values(rows.get(0).getCell(col)), values(rows.get(2).getCell(col)));
        assertTrue(rows.get(3).getCell(col).isMissing());
        assertTrue(rows.get(4).getCell(col).isMissing());
        assertArrayEquals(LocalEmbeddingServer.vectorOf("Albumin, the main plasma protein.", 6),
            values(rows.get(5).getCell(col)), 1e-7);
        assertEquals("CD3D", ((StringCell)rows.get(1).getCell(0)).getStringValue(), "input columns pass through");
        assertTrue(NodeHarness.warning(m).getSummary().contains("2 rows have a missing or blank text"),
            NodeHarness.warning(m).getSummary());

        DataColumnSpec c = out.getDataTableSpec().getColumnSpec(col);
        assertEquals("openai", c.getProperties().getProperty(EmbeddingColumns.PROVIDER));
        assertEquals("text-embedding-3-small", c.getProperties().getProperty(EmbeddingColumns.MODEL));
        assertEquals("6", c.getProperties().getProperty(EmbeddingColumns.DIMENSION));
    }

    @Test
    void aSecondExecutionIsAnsweredFromTheCache() throws Exception {
        LlmEmbedNodeModel m = model("text_column", "Description");
        NodeHarness.executeTables(m, new RecordingExecution(), genes());
        int requests = server.inputs().size();
        BufferedDataTable again = NodeHarness.executeTables(model("text_column", "Description"),
            new RecordingExecution(), genes())[0];
        assertEquals(requests, server.inputs().size(), "no request on the re-run");
        assertEquals(6, again.size());

        NodeHarness.executeTables(model("text_column", "Description", "use_cache", "false"), new RecordingExecution(),
            genes());
        assertEquals(6, server.textsEmbedded(), "without the cache the texts are sent again");
    }

    @Test
    void theTextColumnIsGuessedWhenNotSet() throws Exception {
        LlmEmbedNodeModel m = model();
        NodeHarness.configureTables(m, SPEC);
        assertEquals("Description", NodeHarness.saveSettings(m).getString("text_column"));
    }

    @Test
    void settingsRoundTripThroughXmlAndNeverHoldTheKey() throws Exception {
        LlmEmbedNodeModel m = model("text_column", "Description", "concurrency", "2", "azure_deployment", "emb");
        NodeHarness.executeTables(m, new RecordingExecution(), genes());
        NodeSettings reloaded = NodeHarness.settingsRoundTrip(m, new LlmEmbedNodeModel());
        String xml = NodeHarness.toXml(reloaded);
        assertEquals(NodeHarness.toXml(NodeHarness.saveSettings(m)), xml);
        assertEquals(2, reloaded.getInt("concurrency"));
        assertEquals("openai", reloaded.getString("credentials_name"));
        assertFalse(xml.contains(KEY), "the API key must never be saved");
    }

    @Test
    void timeoutAndAttemptsRoundTripAndSettingsWithoutThemLoadWithTheCommandLineDefaults() throws Exception {
        LlmEmbedNodeModel m = model("text_column", "Description", "request_timeout_seconds", "7", "attempts", "3",
            "batch_size", "5");
        NodeSettings reloaded = NodeHarness.settingsRoundTrip(m, new LlmEmbedNodeModel());
        assertEquals(7, reloaded.getInt("request_timeout_seconds"));
        assertEquals(3, reloaded.getInt("attempts"));
        assertEquals(5, reloaded.getInt("batch_size"));

        NodeSettings legacy = NodeHarness.fromXml(NodeHarness.toXml(NodeHarness.saveSettings(m)).replaceAll(
            "\\s*<entry key=\"(request_timeout_seconds|attempts)\"[^>]*/>", ""));
        assertFalse(legacy.containsKey("request_timeout_seconds") || legacy.containsKey("attempts"));
        LlmEmbedNodeModel loaded = new LlmEmbedNodeModel();
        NodeHarness.loadSettings(loaded, legacy);
        NodeSettings after = NodeHarness.saveSettings(loaded);
        assertEquals(120, after.getInt("request_timeout_seconds"), "the default of --timeout");
        assertEquals(6, after.getInt("attempts"), "the default of --attempts");
        assertEquals(5, after.getInt("batch_size"), "the saved values are kept");
    }

    @Test
    void aHangingServerFailsWithinTimeoutTimesAttemptsNamingTheSettings() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        MockWebServer hanging = new MockWebServer();
        try {
            hanging.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                    release.await(60, TimeUnit.SECONDS);
                    return new MockResponse.Builder().code(503).build();
                }
            });
            hanging.start(0);
            LlmEmbedNodeModel m = model("text_column", "Description", "provider", "openai-compatible", "base_url",
                hanging.url("/v1").toString(), "model", "test-embedder", "credentials_name", "", "dimensions", "0",
                "use_cache", "false", "request_timeout_seconds", "1", "attempts", "2", "batch_size", "2",
                "concurrency", "1");
            long start = System.nanoTime();
            KNIMEException x = assertThrows(KNIMEException.class,
                () -> NodeHarness.executeTables(m, new RecordingExecution(), genes()));
            double seconds = (System.nanoTime() - start) / 1e9;
            // 2 attempts of 1 s and one backoff of at most 0.5 s, plus the slack of a loaded machine
            assertTrue(seconds < 15, seconds + " s");
            assertTrue(x.getMessage().contains("failed after 2 attempts"), x.getMessage());
            assertTrue(x.getMessage().contains("OpenAI-compatible") || x.getMessage().contains("openai-compatible"),
                x.getMessage());
            assertTrue(x.getMessage().contains("\"Request timeout (seconds)\""), x.getMessage());
            assertTrue(x.getMessage().contains("\"Attempts per request\""), x.getMessage());
            assertEquals(2, hanging.getRequestCount(), "the second batch is never sent after the first failed");
        } finally {
            release.countDown(); // before close, which waits for the dispatcher
            hanging.close();
        }
    }

    @Test
    void missingCredentialsFailConfigureWithWhatToDo() throws Exception {
        LlmEmbedNodeModel m = model("text_column", "Description", "credentials_name", "other");
        InvalidSettingsException x = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configureTables(m, SPEC));
        assertTrue(x.getMessage().contains("No workflow credentials named 'other'"), x.getMessage());
    }

    @Test
    void aKeyVariableUnsetHereOnlyWarnsAtConfigureButFailsExecution() throws Exception {
        String unset = "SCLLM_TEST_KEY_THAT_IS_NOT_SET";
        assumeTrue(System.getenv(unset) == null);
        LlmEmbedNodeModel m = model("text_column", "Description", "credentials_name", "", "api_key_env", unset);
        NodeHarness.configureTables(m, SPEC);
        assertTrue(NodeHarness.warning(m).getSummary().contains(unset), NodeHarness.warning(m).getSummary());
        KNIMEException x = assertThrows(KNIMEException.class,
            () -> NodeHarness.executeTables(m, new RecordingExecution(), genes()));
        assertTrue(x.getMessage().contains(unset), x.getMessage());
        assertEquals(0, server.inputs().size());
    }

    @Test
    void aRefusedKeyFailsExecutionWithoutShowingTheKey() throws Exception {
        server.failWith(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ".\",\"type\":"
            + "\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}");
        LlmEmbedNodeModel m = model("text_column", "Description");
        KNIMEException x = assertThrows(KNIMEException.class,
            () -> NodeHarness.executeTables(m, new RecordingExecution(), genes()));
        assertTrue(x.getMessage().contains("refused the API key"), x.getMessage());
        for (Throwable t = x; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(KEY), "key leaked: " + t.getMessage());
        }
    }

    @Test
    void anOpenAiCompatibleServerNeedsNoKey() throws Exception {
        LlmEmbedNodeModel m = model("text_column", "Description", "provider", "openai-compatible", "model",
            "nomic-embed-text", "credentials_name", "", "dimensions", "0", "use_cache", "false");
        BufferedDataTable out = NodeHarness.executeTables(m, new RecordingExecution(), genes())[0];
        assertEquals(List.of(""), server.authorizations());
        DataColumnSpec c = out.getDataTableSpec().getColumnSpec("Embedding");
        assertEquals("openai-compatible", c.getProperties().getProperty(EmbeddingColumns.PROVIDER));
        assertEquals("4", c.getProperties().getProperty(EmbeddingColumns.DIMENSION));
    }

    @Test
    void theDefaultLocalProviderFailsConfigureWithWhatToInstallWhenItIsMissing() throws Exception {
        String reason = LocalModels.unavailableReason().orElse(null);
        assumeTrue(reason != null, "the local model runtime is installed");
        LlmEmbedNodeModel m = new LlmEmbedNodeModel();
        assertEquals("local", NodeHarness.saveSettings(m).getString("provider"));
        InvalidSettingsException x = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configureTables(m, SPEC));
        assertEquals(reason, x.getMessage());
    }

    @Test
    void anExistingOutputColumnNameIsRejected() throws Exception {
        LlmEmbedNodeModel m = model("text_column", "Description", "output_column", "Gene");
        InvalidSettingsException x = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configureTables(m, SPEC));
        assertTrue(x.getMessage().contains("'Gene'"), x.getMessage());
    }

    private static double[] values(DataCell cell) {
        DoubleVectorValue v = (DoubleVectorValue)cell;
        double[] d = new double[v.getLength()];
        for (int i = 0; i < d.length; i++) {
            d[i] = v.getValue(i);
        }
        return d;
    }
}
