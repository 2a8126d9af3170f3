/**
 * Workflow-level services available to nodes, such as credentials.
 */
package org.knime.core.node.workflow;
