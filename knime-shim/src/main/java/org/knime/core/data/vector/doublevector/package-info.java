/**
 * Cells holding dense vectors of doubles, e.g. embeddings.
 */
package org.knime.core.data.vector.doublevector;
