/**
 * Node ports: their types, objects, specs and serializers.
 */
package org.knime.core.node.port;
