/**
 * User-facing messages (summary, issue, resolutions) for node warnings and errors.
 */
package org.knime.core.node.message;
