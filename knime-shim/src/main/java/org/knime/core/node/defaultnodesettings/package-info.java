/**
 * Settings models shared by node models and dialogs, and the dialog components editing them.
 */
package org.knime.core.node.defaultnodesettings;
