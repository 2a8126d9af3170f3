package org.knime.core.node.defaultnodesettings;

/**
 * A settings model holding a number that dialogs edit as text.
 */
public abstract class SettingsModelNumber extends SettingsModel {

    /**
     * @param value the number as text
     * @throws NumberFormatException if the text is no number of the model's kind
     */
    abstract void setNumberValueStr(String value);

    /**
     * @return the number as text
     */
    abstract String getNumberValueStr();
}
