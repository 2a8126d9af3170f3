/**
 * The default cells (string, numbers, boolean) and the default row.
 */
package org.knime.core.data.def;
