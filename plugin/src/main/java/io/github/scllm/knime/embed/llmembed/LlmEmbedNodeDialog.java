package io.github.scllm.knime.embed.llmembed;

import javax.swing.JFileChooser;

import org.knime.core.data.StringValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** The dialog of LLM Embed: wraps the settings models, declares no keys. */
final class LlmEmbedNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    LlmEmbedNodeDialog() {
        LlmEmbedNodeSettings s = new LlmEmbedNodeSettings();
        createNewGroup("Texts");
        addDialogComponent(new DialogComponentColumnNameSelection(s.textColumnModel(), "Text column", 0,
            StringValue.class));
        addDialogComponent(new DialogComponentString(s.outputColumnModel(), "Output column"));
        closeCurrentGroup();

        createNewGroup("Provider");
        addDialogComponent(new DialogComponentStringSelection(s.providerModel(), "Provider",
            LlmEmbedNodeSettings.PROVIDERS));
        addDialogComponent(new DialogComponentString(s.modelModel(), "Model"));
        addDialogComponent(new DialogComponentString(s.baseUrlModel(), "Base URL (Azure: resource endpoint)"));
        addDialogComponent(new DialogComponentNumber(s.dimensionsModel(), "Dimensions (0: model's size)", 64));
        closeCurrentGroup();

        createNewGroup("API key");
        addDialogComponent(new DialogComponentString(s.credentialsModel(), "Credentials name"));
        addDialogComponent(new DialogComponentString(s.apiKeyEnvModel(), "Environment variable"));
        closeCurrentGroup();

        createNewTab("Azure");
        addDialogComponent(new DialogComponentString(s.azureDeploymentModel(), "Deployment"));
        addDialogComponent(new DialogComponentString(s.azureApiVersionModel(), "API version"));

        createNewTab("Performance");
        addDialogComponent(new DialogComponentNumber(s.concurrencyModel(), "Concurrent requests", 1));
        addDialogComponent(new DialogComponentNumber(s.batchSizeModel(), "Texts per request (0: provider limit)",
            16));
        addDialogComponent(new DialogComponentNumber(s.timeoutSecondsModel(), LlmEmbedNodeSettings.TIMEOUT_LABEL, 10));
        addDialogComponent(new DialogComponentNumber(s.attemptsModel(), LlmEmbedNodeSettings.ATTEMPTS_LABEL, 1));
        addDialogComponent(new DialogComponentBoolean(s.useCacheModel(), "Use the embedding cache"));
        createNewGroup("Cache folder");
        addDialogComponent(new DialogComponentFileChooser(s.cacheFolderModel(), "scllm.embed.cache",
            JFileChooser.OPEN_DIALOG, true));
        closeCurrentGroup();

        createNewTab("Local model");
        addDialogComponent(new DialogComponentNumber(s.localThreadsModel(), "Threads", 1));
        createNewGroup("ONNX model file");
        addDialogComponent(new DialogComponentFileChooser(s.onnxModelModel(), "scllm.embed.onnx",
            JFileChooser.OPEN_DIALOG, false, ".onnx"));
        closeCurrentGroup();
        createNewGroup("Tokenizer file");
        addDialogComponent(new DialogComponentFileChooser(s.onnxTokenizerModel(), "scllm.embed.tokenizer",
            JFileChooser.OPEN_DIALOG, false, ".json"));
        closeCurrentGroup();
        addDialogComponent(new DialogComponentStringSelection(s.poolingModel(), "Pooling",
            LlmEmbedNodeSettings.POOLINGS));
    }
}
