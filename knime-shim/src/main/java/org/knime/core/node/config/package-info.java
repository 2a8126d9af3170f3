/**
 * Configs with nested sub-configs.
 */
package org.knime.core.node.config;
