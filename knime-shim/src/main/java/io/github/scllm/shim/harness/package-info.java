/**
 * Runs KNIME node models in plain unit tests: settings through the XML config format, configure, execute with a
 * recording and cancellable execution context, internals, cell, port object and table round trips.
 */
package io.github.scllm.shim.harness;
