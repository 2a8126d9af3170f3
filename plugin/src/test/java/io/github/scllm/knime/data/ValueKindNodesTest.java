package io.github.scllm.knime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.CollectionDataValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;

import io.github.scllm.core.io.ValueKind;
import io.github.scllm.knime.TestPaths;
import io.github.scllm.knime.annotate.markers.MarkerGenesNodeFactory;
import io.github.scllm.knime.genes.topgenes.TopGenesNodeFactory;
import io.github.scllm.knime.io.readscrna.ReadScrnaNodeFactory;
import io.github.scllm.knime.refine.pcalearner.ExpressionPcaLearnerNodeFactory;
import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.RecordingExecution;
import io.github.scllm.shim.harness.Tables;

/**
 * The nodes on the real pbmc68k_reduced file, whose X is scaled and whose raw.X is log-normalised: each node tells the
 * values apart and stops with the option to set instead of normalising twice or working on z-scores.
 */
class ValueKindNodesTest {

    private static NodeModel node(NodeFactory<?> factory, String... keyValues) throws Exception {
        NodeModel m = factory.createNodeModel();
        NodeSettings s = NodeHarness.saveSettings(m);
        for (int i = 0; i < keyValues.length; i += 2) {
            s.addString(keyValues[i], keyValues[i + 1]);
        }
        NodeHarness.loadSettings(m, s);
        return m;
    }

    private static BufferedDataTable run(NodeModel m, BufferedDataTable... in) throws Exception {
        return (BufferedDataTable) NodeHarness.execute(m, new RecordingExecution(), in)[0];
    }

    /** Expression PCA Learner without query cells (its optional second input). */
    private static void fitPca(BufferedDataTable cells) throws Exception {
        NodeHarness.execute(node(new ExpressionPcaLearnerNodeFactory()), new RecordingExecution(), cells, null);
    }

    private static BufferedDataTable read(String... keyValues) throws Exception {
        List<String> kv = new ArrayList<>(List.of("file",
            TestPaths.testData("pbmc68k_reduced/pbmc68k_reduced.h5ad").toString()));
        kv.addAll(List.of(keyValues));
        return run(node(new ReadScrnaNodeFactory(), kv.toArray(String[]::new)));
    }

    @Test
    void logNormalisedCellsAreNeverNormalisedAgainByTheNodes() throws Exception {
        BufferedDataTable cells = read("matrix", "raw");
        assertEquals(ValueKind.LOG_NORMALISED, ExpressionValues.kind(cells, cells.getDataTableSpec()
            .findColumnIndex("Expression")));

        KNIMEException top = assertThrows(KNIMEException.class,
            () -> run(node(new TopGenesNodeFactory(), "normalization", "log1p"), cells));
        assertTrue(top.getMessage().contains("log-normalised") && top.getMessage().contains("Normalisation to none"),
            top.getMessage());
        run(node(new TopGenesNodeFactory()), cells); // no normalisation: the values are the weights

        KNIMEException markers = assertThrows(KNIMEException.class,
            () -> run(node(new MarkerGenesNodeFactory(), "group_column", "bulk_labels"), cells));
        assertTrue(markers.getMessage().contains("Input values to 'already log-normalised'"), markers.getMessage());
        BufferedDataTable found = run(node(new MarkerGenesNodeFactory(), "group_column", "bulk_labels", "values",
            "already log-normalised"), cells);
        assertTrue(found.size() > 0);

        KNIMEException pca = assertThrows(KNIMEException.class,
            () -> fitPca(cells));
        assertTrue(pca.getMessage().contains("Input values to 'log-normalised (log1p CP10k)'"), pca.getMessage());
    }

    @Test
    void scaledCellsStopTheNodesWithTheReadOptionToSet() throws Exception {
        KNIMEException rejected = assertThrows(KNIMEException.class, () -> read());
        assertTrue(rejected.getMessage().contains("Matrix to raw") && rejected.getMessage().contains(
            "'Negative or non-finite values' to warn"), rejected.getMessage());

        BufferedDataTable scaled = read("invalid_values", "warn");
        KNIMEException pca = assertThrows(KNIMEException.class,
            () -> fitPca(scaled));
        assertTrue(pca.getMessage().contains("scaled") && pca.getMessage().contains("Matrix option: raw"),
            pca.getMessage());
    }

    @Test
    void aSymbolOnTwoGenesIsOneGeneAndNeverTwiceAmongTheTopGenes(@TempDir Path dir) throws Exception {
        // two panels concatenated: CD3E and LYZ measured twice, under the same names
        Path table = Files.writeString(dir.resolve("panels.csv"), ",c1,c2,c3\n"
            + "CD3E,5,0,1\nLYZ,0,7,2\nMS4A1,1,1,0\nCD3E,4,0,3\nLYZ,0,1,2\n");
        NodeModel reader = node(new ReadScrnaNodeFactory(), "file", table.toString());
        BufferedDataTable cells = run(reader);
        int expression = cells.getDataTableSpec().findColumnIndex("Expression");
        ExpressionValue c1 = (ExpressionValue) Tables.rows(cells).get(0).getCell(expression);
        assertEquals(3, c1.geneCount());
        assertEquals(9, c1.valueOf(0), "CD3E of c1: 5 + 4");
        String warning = NodeHarness.warning(reader).getSummary();
        assertTrue(warning.contains("summed per cell"), warning);
        BufferedDataTable top = run(node(new TopGenesNodeFactory()), cells);
        int col = top.getDataTableSpec().findColumnIndex("Top genes");
        for (DataRow row : Tables.rows(top)) {
            Set<String> seen = new HashSet<>();
            for (DataCell g : (CollectionDataValue) row.getCell(col)) {
                assertTrue(seen.add(((StringValue) g).getStringValue()), row.getKey() + " lists a symbol twice");
            }
        }
    }
}
