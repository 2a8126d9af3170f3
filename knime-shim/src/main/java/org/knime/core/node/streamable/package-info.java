/**
 * The streaming API: a node declares per port whether it can consume its input row by row (streamable) and whether
 * the rows may be split into partitions processed independently (distributable), and returns an operator that reads
 * rows from {@link org.knime.core.node.streamable.RowInput}s and pushes results to
 * {@link org.knime.core.node.streamable.RowOutput}s. Ports that are not streamed arrive whole as
 * {@link org.knime.core.node.streamable.PortObjectInput}s.
 */
package org.knime.core.node.streamable;
