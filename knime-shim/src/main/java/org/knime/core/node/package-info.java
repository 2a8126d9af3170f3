/**
 * The classic node API: factories, models, dialogs, settings, tables and execution contexts.
 */
package org.knime.core.node;
