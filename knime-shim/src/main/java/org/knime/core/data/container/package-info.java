/**
 * Building tables: row containers, column rearrangement and cell factories.
 */
package org.knime.core.data.container;
