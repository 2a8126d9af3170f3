/**
 * What every node of the extension shares with KNIME's node lifecycle: a settings class that saves, validates and
 * loads its own keys ({@link io.github.scllm.knime.node.SettingsGroup}, mostly through
 * {@link io.github.scllm.knime.node.ModelSettings}), a node model base
 * ({@link io.github.scllm.knime.node.SettingsNodeModel}) that hands those three calls to it, so that a node model
 * holds only configure and execute, the lookup of an API key in the workflow credentials
 * ({@link io.github.scllm.knime.node.WorkflowCredentials}), and the resolution of file and folder settings (local
 * paths, paths relative to the workflow, knime:// URLs) to local files ({@link io.github.scllm.knime.node.LocalFiles}).
 */
package io.github.scllm.knime.node;
