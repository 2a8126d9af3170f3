package io.github.scllm.knime.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.StringValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;

import io.github.scllm.knime.TestPaths;
import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.RecordingExecution;
import io.github.scllm.shim.harness.WorkflowLocation;

/**
 * The committed example workflow, as imported into a workspace: its file-reading nodes run on their committed
 * settings, resolving {@code knime://knime.workflow/data/…} against the workflow folder to the demo data it ships.
 */
class ExampleWorkflowsRunAsImportedTest {

    @AfterEach
    void leaveTheWorkflow() {
        WorkflowLocation.clear();
    }

    @Test
    void readTopGenesAndDescriptionsRunOnTheShippedData() throws Exception {
        Path workspace = TestPaths.pluginRoot().getParent().resolve("test-workflows");
        Path workflow = workspace.resolve(ExampleWorkflows.TRAIN_TEST);
        WorkflowLocation.set(workflow, workspace);
        BufferedDataTable cells = run(workflow, 1);
        assertEquals(1070, cells.size(), "cells of the shipped demo file");
        BufferedDataTable topGenes = run(workflow, 2, cells);
        BufferedDataTable genes = run(workflow, 3, topGenes);
        int status = genes.getDataTableSpec().findColumnIndex("Status");
        int described = 0;
        int all = 0;
        for (DataRow r : genes) {
            all++;
            if (!((StringValue)r.getCell(status)).getStringValue().equals("not found")) {
                described++;
            }
        }
        assertTrue(all > 20 && described == all, described + " of " + all + " genes described by the shipped table");
    }

    /** Executes node {@code id} of the workflow on its committed settings. */
    private static BufferedDataTable run(Path workflow, int id, BufferedDataTable... inputs) throws Exception {
        NodeSettingsRO nodes;
        try (InputStream in = Files.newInputStream(workflow.resolve("workflow.knime"))) {
            nodes = NodeSettings.loadFromXML(in).getNodeSettings("nodes");
        }
        Path settingsXml = workflow.resolve(nodes.getNodeSettings("node_" + id).getString("node_settings_file"));
        String factory;
        try (InputStream in = Files.newInputStream(settingsXml)) {
            factory = NodeSettings.loadFromXML(in).getString("factory");
        }
        NodeModel model = ExampleWorkflows.newModel(factory);
        NodeHarness.loadSettings(model, NodeHarness.modelSettingsOf(settingsXml));
        return NodeHarness.executeTables(model, new RecordingExecution(), inputs)[0];
    }
}
