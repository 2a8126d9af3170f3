package io.github.scllm.shim.harness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnDomainCreator;
import org.knime.core.data.DataColumnProperties;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.collection.CollectionCellFactory;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.vector.doublevector.DoubleVectorCellFactory;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.workflow.ICredentials;

class NodeHarnessTest {

    private static final DataTableSpec IN = Tables.spec("cell", StringCell.TYPE, "x", DoubleCell.TYPE);

    private static BufferedDataTable input(final int rows) {
        List<DataRow> r = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            DataCell x = i == 1 ? DataType.getMissingCell() : new DoubleCell(i);
            r.add(Tables.row("c" + i, new StringCell("cell" + i), x));
        }
        return Tables.table(IN, r);
    }

    private static ScaleNodeModel configured() {
        ScaleNodeModel m = new ScaleNodeModel();
        m.m_column.setStringValue("x");
        m.m_factor.setDoubleValue(3.0);
        return m;
    }

    @Test
    void settingsSurviveTheXmlRoundTripIntoAFreshModel() throws Exception {
        ScaleNodeModel source = configured();
        ScaleNodeModel fresh = new ScaleNodeModel();
        NodeSettings reloaded = NodeHarness.settingsRoundTrip(source, fresh);
        assertEquals("x", fresh.m_column.getStringValue());
        assertEquals(3.0, fresh.m_factor.getDoubleValue());
        assertEquals(NodeHarness.toXml(NodeHarness.saveSettings(source)), NodeHarness.toXml(reloaded));
    }

    @Test
    void outOfRangeSettingsAreRejectedByTheFreshModel() throws Exception {
        NodeSettings s = NodeHarness.saveSettings(configured());
        s.addDouble("factor", 1000.0);
        ScaleNodeModel fresh = new ScaleNodeModel();
        assertThrows(InvalidSettingsException.class, () -> NodeHarness.loadSettings(fresh, s));
        assertEquals(2.0, fresh.m_factor.getDoubleValue());
    }

    @Test
    void modelSettingsAreReadFromANodeSettingsFile(@TempDir final Path dir) throws Exception {
        NodeSettings file = new NodeSettings("settings.xml");
        file.addString("factory", "io.github.scllm.knime.ScaleNodeFactory");
        NodeHarness.saveSettings(configured()).copyTo(file.addNodeSettings("model"));
        Path xml = dir.resolve("settings.xml");
        Files.writeString(xml, NodeHarness.toXml(file), StandardCharsets.UTF_8);
        NodeSettings model = NodeHarness.modelSettingsOf(xml);
        ScaleNodeModel fresh = new ScaleNodeModel();
        NodeHarness.loadSettings(fresh, model);
        assertEquals(3.0, fresh.m_factor.getDoubleValue());
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> NodeHarness.modelSettingsOf(
            new ByteArrayInputStream(NodeHarness.toXml(new NodeSettings("x")).getBytes(StandardCharsets.UTF_8)),
            "empty.xml"));
        assertTrue(e.getMessage().contains("empty.xml"), e.getMessage());
    }

    @Test
    void configureDerivesTheOutputSpecAndRejectsAMissingColumn() throws Exception {
        DataTableSpec[] out = NodeHarness.configureTables(configured(), IN);
        assertEquals(List.of("cell", "x", "scaled"), List.of(out[0].getColumnNames()));
        ScaleNodeModel wrong = configured();
        wrong.m_column.setStringValue("y");
        InvalidSettingsException e =
            assertThrows(InvalidSettingsException.class, () -> NodeHarness.configureTables(wrong, IN));
        assertTrue(e.getMessage().contains("\"y\""), e.getMessage());
    }

    @Test
    void executeProducesTheConfiguredSpecRecordsProgressAndWarns() throws Exception {
        ScaleNodeModel m = configured();
        RecordingExecution exec = new RecordingExecution();
        BufferedDataTable out = NodeHarness.executeTables(m, exec, input(4))[0];
        assertEquals(NodeHarness.configureTables(m, IN)[0], out.getDataTableSpec());
        List<DataRow> rows = Tables.rows(out);
        assertEquals(new DoubleCell(9.0), rows.get(3).getCell(2));
        assertTrue(rows.get(1).getCell(2).isMissing());
        assertEquals(4, exec.progressHistory().size());
        assertEquals(1.0, exec.progressHistory().get(3));
        assertNotNull(NodeHarness.warning(m));
        assertTrue(NodeHarness.warning(m).getSummary().startsWith("1 missing"));
    }

    @Test
    void executeStopsWithCanceledExecutionAfterCancelWasRequested() {
        RecordingExecution exec = new RecordingExecution();
        exec.cancelAfterProgressReports(2);
        assertThrows(CanceledExecutionException.class,
            () -> NodeHarness.executeTables(configured(), exec, input(10)));
        assertEquals(2, exec.progressHistory().size());
    }

    /** Loops until cancelled, reporting progress; signals its first progress report. */
    private static final class LoopUntilCanceled extends SettingslessModel {
        final CountDownLatch m_started = new CountDownLatch(1);

        LoopUntilCanceled() {
            super(0, 1);
        }

        @Override
        protected DataTableSpec[] configure(final DataTableSpec[] in) {
            return new DataTableSpec[]{IN};
        }

        @Override
        protected BufferedDataTable[] execute(final BufferedDataTable[] in, final ExecutionContext exec)
            throws Exception {
            long i = 0;
            while (true) {
                exec.checkCanceled();
                exec.setProgress(0.5, "iteration " + i++);
                m_started.countDown();
                Thread.onSpinWait();
            }
        }
    }

    @Test
    void cancelFromAnotherThreadStopsARunningExecute() throws Exception {
        LoopUntilCanceled m = new LoopUntilCanceled();
        RecordingExecution exec = new RecordingExecution();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<BufferedDataTable[]> run = pool.submit(() -> NodeHarness.executeTables(m, exec));
            assertTrue(m.m_started.await(60, TimeUnit.SECONDS), "execute never reported progress");
            exec.cancel();
            ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(60, TimeUnit.SECONDS));
            assertInstanceOf(CanceledExecutionException.class, e.getCause());
            assertTrue(exec.isCanceled());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void internalsAreSavedAndLoadedThroughAFolder(@TempDir final Path dir) throws Exception {
        ScaleNodeModel m = configured();
        NodeHarness.executeTables(m, new RecordingExecution(), input(3));
        NodeHarness.saveInternals(m, dir);
        assertTrue(Files.exists(dir.resolve(ScaleNodeModel.INTERNALS_FILE)));
        ScaleNodeModel fresh = new ScaleNodeModel();
        NodeHarness.loadInternals(fresh, dir);
        assertEquals(1, fresh.m_missing);
        NodeHarness.reset(fresh);
        assertEquals(-1, fresh.m_missing);
    }

    /** Reads a credential during configure and reports its login as the output table name. */
    private static final class NeedsCredentials extends SettingslessModel {
        NeedsCredentials() {
            super(0, 1);
        }

        @Override
        protected DataTableSpec[] configure(final DataTableSpec[] in) throws InvalidSettingsException {
            try {
                return new DataTableSpec[]{new DataTableSpec(getCredentialsProvider().get("api").getLogin())};
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingsException(e.getMessage(), e);
            }
        }
    }

    @Test
    void configureSeesTheCredentialsSetByTheTestAndFailsWithoutThem() throws Exception {
        NeedsCredentials m = new NeedsCredentials();
        InvalidSettingsException e =
            assertThrows(InvalidSettingsException.class, () -> NodeHarness.configureTables(m));
        assertTrue(e.getMessage().contains("\"api\""), e.getMessage());
        NodeHarness.setCredentials(m, new ICredentials() {
            @Override
            public String getName() {
                return "api";
            }

            @Override
            public String getLogin() {
                return "alice";
            }

            @Override
            public String getPassword() {
                return "secret";
            }
        });
        assertEquals("alice", NodeHarness.configureTables(m)[0].getName());
    }

    @Test
    void wrongNumberOfInputsIsRejected() {
        assertThrows(IllegalArgumentException.class,
            () -> NodeHarness.executeTables(configured(), new RecordingExecution()));
    }

    @Test
    void credentialsAndFlowVariablesReachTheModel() {
        ScaleNodeModel m = configured();
        NodeHarness.setCredentials(m, new ICredentials() {
            @Override
            public String getName() {
                return "openai";
            }

            @Override
            public String getLogin() {
                return "user";
            }

            @Override
            public String getPassword() {
                return "key";
            }
        });
        NodeHarness.setFlowVariable(m, "seed", 42);
        assertEquals(42, NodeHarness.flowVariables(m).get("seed"));
        assertThrows(IllegalArgumentException.class, () -> NodeHarness.setFlowVariable(m, "bad", List.of()));
    }

    @Test
    void customCellSurvivesTheSerializerRoundTrip() throws Exception {
        GeneCountsCell cell = new GeneCountsCell(new int[]{3, 17}, new float[]{2f, 5.5f});
        GeneCountsCell copy = new CellSerializers().roundTrip(cell, new GeneCountsCell.Serializer());
        assertNotSame(cell, copy);
        assertEquals(cell, copy);
        ListCell list = CollectionCellFactory.createListCell(List.of(new StringCell("a"), DataType.getMissingCell()));
        assertEquals(list, new CellSerializers().roundTrip(list, new ListCell.ListCellSerializer()));
    }

    @Test
    void unregisteredNestedCellClassFailsNamingTheClass() {
        ListCell list = CollectionCellFactory.createListCell(List.of(new GeneCountsCell(new int[0], new float[0])));
        IOException e = assertThrows(IOException.class,
            () -> new CellSerializers().roundTrip(list, new ListCell.ListCellSerializer()));
        assertTrue(e.getMessage().contains("GeneCountsCell"), e.getMessage());
    }

    @Test
    void portObjectAndSpecSurviveModelContentAndSerializerRoundTrips() throws Exception {
        LabelModel.LabelModelSpec spec = new LabelModel.LabelModelSpec(1536, "embedding");
        LabelModel model = new LabelModel(spec, "B cell", "CD4 T cell");

        LabelModel.LabelModelSpec specCopy = PortObjects.specRoundTrip(spec);
        assertArrayEquals(new String[]{"embedding"}, specCopy.columns());
        assertEquals(1536, specCopy.dimension());
        assertEquals(spec, specCopy);
        assertTrue(PortObjects.specXml(spec).contains("<entry key=\"dimension\" type=\"xint\" value=\"1536\"/>"));

        LabelModel copy = PortObjects.objectRoundTrip(model);
        assertArrayEquals(new String[]{"B cell", "CD4 T cell"}, copy.labels());
        assertEquals(model, copy);

        assertEquals(spec, PortObjects.serializerRoundTrip(spec, new LabelModel.LabelModelSpec.Serializer()));
        LabelModel viaZip = PortObjects.serializerRoundTrip(model, new LabelModel.Serializer());
        assertArrayEquals(model.labels(), viaZip.labels());
        assertEquals(spec, viaZip.getSpec());
    }

    @Test
    void tableWithCustomCellsReopensIntactFromDisk(@TempDir final Path dir) throws Exception {
        DataColumnSpecCreator counts = new DataColumnSpecCreator("counts", GeneCountsCell.TYPE);
        counts.setProperties(new DataColumnProperties(java.util.Map.of("genes", "33538")));
        DataColumnSpecCreator label = new DataColumnSpecCreator("label", StringCell.TYPE);
        label.setDomain(new DataColumnDomainCreator(
            new java.util.LinkedHashSet<>(List.of(new StringCell("B"), new StringCell("T")))).createDomain());
        DataColumnSpecCreator emb = new DataColumnSpecCreator("emb", DoubleVectorCellFactory.TYPE);
        emb.setElementNames(new String[]{"d0", "d1"});
        DataColumnSpecCreator top = new DataColumnSpecCreator("top", ListCell.getCollectionType(StringCell.TYPE));
        DataTableSpec spec = new DataTableSpec(counts.createSpec(), label.createSpec(), emb.createSpec(),
            top.createSpec());
        BufferedDataTable t = Tables.table(spec,
            Tables.row("AAAC-1", new GeneCountsCell(new int[]{1, 9}, new float[]{1f, 4f}), new StringCell("B"),
                DoubleVectorCellFactory.createCell(new double[]{0.1, 0.2}),
                CollectionCellFactory.createListCell(List.of(new StringCell("MS4A1")))),
            Tables.row("AAAG-1", new GeneCountsCell(new int[0], new float[0]), DataType.getMissingCell(),
                DoubleVectorCellFactory.createCell(new double[]{-1, 1}),
                CollectionCellFactory.createListCell(List.of())));
        CellSerializers ser = new CellSerializers().register(GeneCountsCell.class, new GeneCountsCell.Serializer());
        Path file = dir.resolve("port_1.table");
        TableFiles.write(t, file, ser);

        BufferedDataTable back = TableFiles.read(file, ser);
        assertEquals(spec, back.getDataTableSpec());
        assertEquals(Tables.rows(t).toString(), Tables.rows(back).toString());
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(Tables.rows(t).get(r).getCell(c), Tables.rows(back).get(r).getCell(c));
            }
        }
        IOException e = assertThrows(IOException.class, () -> TableFiles.read(file, new CellSerializers()));
        assertTrue(e.getMessage().contains("GeneCountsCell"), e.getMessage());
        assertNull(back.getDataTableSpec().getColumnSpec("missing"));
    }
}
