/** The Cell Embedding node: a cell's embedding as the weighted mean of its top genes' embeddings (GenePT-w). */
package io.github.scllm.knime.embed.cellembed;
