/**
 * The scLLM engine: plain Java, no KNIME imports. One sub-package per pipeline stage ({@code io}, {@code genes},
 * {@code embed}, {@code refine}, {@code classify}) and the command line ({@code cli}). This package holds what every
 * stage shares: the exception family rooted at {@link io.github.scllm.core.EngineException}, progress reporting and
 * cancellation.
 */
package io.github.scllm.core;
