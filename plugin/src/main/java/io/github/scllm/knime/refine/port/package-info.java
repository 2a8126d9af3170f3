/**
 * What the learning nodes share: the model ports of Expression PCA and Contrastive Refine (port objects carrying the
 * engine's model bytes and specs carrying the input columns and dimensions a predictor checks in configure), and the
 * adapters between KNIME tables and the engine's arrays (vector columns, expression columns, progress and
 * cancellation).
 */
package io.github.scllm.knime.refine.port;
