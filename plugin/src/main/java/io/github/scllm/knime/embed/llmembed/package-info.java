/** The LLM Embed node: a text column to an embedding column with any embedding provider, cached. */
package io.github.scllm.knime.embed.llmembed;
