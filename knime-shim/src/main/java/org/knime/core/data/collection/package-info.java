/**
 * Cells holding collections of cells.
 */
package org.knime.core.data.collection;
