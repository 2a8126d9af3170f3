/**
 * Tables, their specs, rows, cells and types.
 */
package org.knime.core.data;
