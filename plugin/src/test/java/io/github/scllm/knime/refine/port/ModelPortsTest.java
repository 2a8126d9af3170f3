package io.github.scllm.knime.refine.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContent;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.refine.ExpressionRows;
import io.github.scllm.shim.harness.PortObjects;

class ModelPortsTest {

    @Test
    void pcaModelSurvivesBothSaveFormatsAndTransformsIdentically() throws Exception {
        PcaModelPortObject original = PortSamples.pca();
        PcaModelPortObject viaXml = PortObjects.objectRoundTrip(original);
        PcaModelPortObject viaZip = PortObjects.serializerRoundTrip(original, new PcaModelPortObject.Serializer());
        ExpressionRows rows = ExpressionRows.dense(LearnTestData.clusters(5, 12, 3, 1.0, 9));
        float[][] expected = original.pca().transform(rows);
        assertArrayEquals(expected, viaXml.pca().transform(rows));
        assertArrayEquals(expected, viaZip.pca().transform(rows));
        assertEquals(original, viaXml);
        assertEquals(original.getSummary(), viaZip.getSummary());
    }

    @Test
    void pcaSpecCarriesColumnGenesAndComponentsThroughARoundTrip() throws Exception {
        PcaModelPortObjectSpec spec = PortSamples.pca().getSpec();
        for (PcaModelPortObjectSpec copy : List.of(PortObjects.specRoundTrip(spec),
            PortObjects.serializerRoundTrip(spec, new PcaModelPortObjectSpec.Serializer()))) {
            assertEquals("Expression", copy.column());
            assertArrayEquals(LearnTestData.geneNames(12), copy.genes());
            assertEquals(12, copy.geneCount());
            assertEquals(3, copy.components());
            assertEquals(ExpressionInput.LOG_NORMALISED, copy.inputValues());
            assertEquals(spec, copy);
        }
    }

    @Test
    void pcaSummaryNamesComponentsGenesCellsAndExplainedVariance() {
        String s = PortSamples.pca().getSummary();
        assertTrue(s.contains("3 components of 12 genes (of 12)"), s);
        assertTrue(s.contains("40 training cells"), s);
        assertTrue(s.matches(".*Explained variance: \\d+\\.\\d% in total, \\d+\\.\\d% by PC1\\..*"), s);
    }

    @Test
    void refineModelSurvivesBothSaveFormatsAndAppliesIdentically() throws Exception {
        RefineModelPortObject original = PortSamples.refine();
        RefineModelPortObject viaXml = PortObjects.objectRoundTrip(original);
        RefineModelPortObject viaZip = PortObjects.serializerRoundTrip(original,
            new RefineModelPortObject.Serializer());
        List<float[][]> blocks = List.of(LearnTestData.clusters(7, 6, 3, 2.0, 3),
            LearnTestData.clusters(7, 4, 3, 1.0, 4));
        float[][] expected = original.head().apply(blocks, CancellationToken.NONE, ProgressListener.NONE);
        assertArrayEquals(expected, viaXml.head().apply(blocks, CancellationToken.NONE, ProgressListener.NONE));
        assertArrayEquals(expected, viaZip.head().apply(blocks, CancellationToken.NONE, ProgressListener.NONE));
        assertEquals(original, viaZip);
    }

    @Test
    void refineSpecCarriesInputColumnsAndDimensions() throws Exception {
        RefineModelPortObjectSpec copy = PortObjects.serializerRoundTrip(PortSamples.refine().getSpec(),
            new RefineModelPortObjectSpec.Serializer());
        assertArrayEquals(new String[] {"a", "b"}, copy.columns());
        assertArrayEquals(new int[] {6, 4}, copy.dimensions());
        assertEquals(4, copy.outputDimension());
        assertEquals("label", copy.labelColumn());
    }

    @Test
    void refineSummaryNamesLayersBestEpochAndLosses() {
        RefineModelPortObject m = PortSamples.refine();
        String s = m.getSummary();
        assertTrue(s.startsWith("Contrastive projection head 10 -> 8 -> 4 on columns [a, b]"), s);
        assertTrue(s.contains("trained on 48 rows"), s);
        assertTrue(s.contains("kept epoch " + m.head().bestEpoch()), s);
        assertTrue(s.contains("temperature 0.07"), s);
    }

    @Test
    void damagedModelBytesFailWithAMessageToReExecute() throws Exception {
        PcaModelPortObject broken = new PcaModelPortObject();
        ModelContent content = new ModelContent("model");
        content.addString("model", "AAAA");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> {
            java.lang.reflect.Method load = PcaModelPortObject.class.getDeclaredMethod("load",
                org.knime.core.node.ModelContentRO.class, org.knime.core.node.port.PortObjectSpec.class,
                org.knime.core.node.ExecutionMonitor.class);
            load.setAccessible(true);
            try {
                load.invoke(broken, content, PortSamples.pca().getSpec(), new org.knime.core.node.ExecutionMonitor());
            } catch (java.lang.reflect.InvocationTargetException ex) {
                throw ex.getCause();
            }
        });
        assertTrue(e.getMessage().contains("Re-execute the Expression PCA Learner"), e.getMessage());
    }
}
