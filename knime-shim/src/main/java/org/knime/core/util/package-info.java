/**
 * Utilities shared by the node API.
 */
package org.knime.core.util;
