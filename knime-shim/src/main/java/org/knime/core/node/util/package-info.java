/**
 * Precondition checks for node implementations.
 */
package org.knime.core.node.util;
