/**
 * Typed key/value settings trees and their XML config format.
 */
package org.knime.core.node.config.base;
