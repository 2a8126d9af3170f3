package io.github.scllm.knime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.InvalidSettingsException;

import io.github.scllm.shim.harness.WorkflowLocation;

/**
 * A file setting accepts a local path, a path relative to the workflow and knime:// URLs (resolved by KNIME's
 * FileUtil against the workflow, its mount point or the LOCAL mount point); what cannot be a local file fails with a
 * message naming the setting and the value.
 */
class LocalFilesTest {

    @TempDir
    Path workspace;

    @AfterEach
    void forgetWorkflow() {
        WorkflowLocation.clear();
    }

    private Path workflowWithFile(String relative) throws Exception {
        Path workflow = workspace.resolve("Examples").resolve("my workflow");
        Path file = workflow.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
        WorkflowLocation.set(workflow, workspace);
        return file.toRealPath();
    }

    @Test
    void everyFormOfAValueNamesTheSameLocalFile() throws Exception {
        Path file = workflowWithFile("data/cells 1.h5ad");
        String[] forms = {
            file.toString(),
            file.toUri().toString(),
            "data/cells 1.h5ad",
            "./data/../data/cells 1.h5ad",
            "knime://knime.workflow/data/cells%201.h5ad",
            "knime://knime.workflow/data/cells 1.h5ad",
            "knime://knime.mountpoint/Examples/my%20workflow/data/cells%201.h5ad",
            "knime://LOCAL/Examples/my%20workflow/data/cells%201.h5ad",
            "  knime://knime.workflow/data/cells%201.h5ad  "};
        for (String form : forms) {
            assertEquals(file, LocalFiles.existing(form, "Input file", "Choose a file.").toRealPath(), form);
        }
        assertNull(LocalFiles.optional("  ", "Input file"));
    }

    @Test
    void valuesThatAreNoLocalFileFailNamingSettingAndValue() throws Exception {
        workflowWithFile("data/x.tsv");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> LocalFiles.optional("https://example.org/x.h5ad", "Summary table"));
        assertTrue(e.getMessage().startsWith("Summary table 'https://example.org/x.h5ad' is not a local file"),
            e.getMessage());
        e = assertThrows(InvalidSettingsException.class,
            () -> LocalFiles.optional("knime://My-Hub/Users/x.h5ad", "Input file"));
        assertTrue(e.getMessage().contains("'knime://My-Hub/Users/x.h5ad' cannot be resolved to a local file")
            && e.getMessage().contains("My-Hub") && e.getMessage().contains("knime://knime.workflow/"),
            e.getMessage());
        e = assertThrows(InvalidSettingsException.class,
            () -> LocalFiles.optional("knime://knime.workflow/../../../outside.h5ad", "Input file"));
        assertTrue(e.getMessage().contains("leaves its mount point"), e.getMessage());
        e = assertThrows(InvalidSettingsException.class,
            () -> LocalFiles.existing("data/missing.tsv", "Summary table", "Choose a table."));
        assertTrue(e.getMessage().contains("data/missing.tsv") && e.getMessage().endsWith("Choose a table."),
            e.getMessage());
    }

    @Test
    void withoutARunningWorkflowOnlyAbsoluteValuesResolve() throws Exception {
        Path file = Files.writeString(workspace.resolve("a.txt"), "x");
        assertEquals(file, LocalFiles.optional(file.toString(), "Input file"));
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> LocalFiles.optional("data/a.txt", "Input file"));
        assertTrue(e.getMessage().contains("'data/a.txt' cannot be resolved") && e.getMessage().contains("workflow"),
            e.getMessage());
    }
}
