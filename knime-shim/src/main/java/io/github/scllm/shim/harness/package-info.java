/**
 * Runs KNIME node models in plain unit tests: settings through the XML config format, configure, execute with a
 * recording and cancellable execution context, internals, cell, port object and table round trips, and the workflow
 * folder and mount points that {@code knime://} URLs resolve against. Nothing here is KNIME API; the shim's
 * {@code org.knime} classes hold only what KNIME 5.5.3 declares.
 */
package io.github.scllm.shim.harness;
