/**
 * The embedding nodes (LLM Embed, Cell Embedding) and what they share: the embedding column's spec and properties,
 * and the adapters from KNIME's execution monitor to the engine's cancellation and progress.
 */
package io.github.scllm.knime.embed;
