package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;

/**
 * An integer setting restricted to the closed range [min, max]; values outside are rejected when set, validated or
 * loaded.
 */
public class SettingsModelIntegerBounded extends SettingsModelInteger {

    private final int m_minValue;

    private final int m_maxValue;

    /**
     * @param configName the key, not null or empty
     * @param defaultValue the initial value, within the range
     * @param minValue the smallest allowed value
     * @param maxValue the largest allowed value
     * @throws IllegalArgumentException if the range is empty or the default lies outside it
     */
    public SettingsModelIntegerBounded(final String configName, final int defaultValue, final int minValue,
        final int maxValue) {
        super(configName, defaultValue);
        if (Integer.compare(minValue, maxValue) > 0) {
            throw new IllegalArgumentException("Minimum " + minValue + " of \"" + configName
                + "\" is larger than its maximum " + maxValue + ".");
        }
        m_minValue = minValue;
        m_maxValue = maxValue;
        checkRange(defaultValue);
    }

    @SuppressWarnings("unchecked")
    @Override
    protected SettingsModelIntegerBounded createClone() {
        return new SettingsModelIntegerBounded(getConfigName(), getIntValue(), m_minValue, m_maxValue);
    }

    /**
     * @return the smallest allowed value
     */
    public int getLowerBound() {
        return m_minValue;
    }

    /**
     * @return the largest allowed value
     */
    public int getUpperBound() {
        return m_maxValue;
    }

    private String rangeError(final int value) {
        return "Value of \"" + getConfigName() + "\" must be in [" + m_minValue + ", " + m_maxValue + "], got "
            + value + ".";
    }

    private void checkRange(final int value) {
        if (!inRange(value)) {
            throw new IllegalArgumentException(rangeError(value));
        }
    }

    private boolean inRange(final int value) {
        return Integer.compare(value, m_minValue) >= 0 && Integer.compare(value, m_maxValue) <= 0;
    }

    /**
     * @param newValue the value, within the range
     * @throws IllegalArgumentException if the value lies outside the range
     */
    @Override
    public void setIntValue(final int newValue) {
        checkRange(newValue);
        super.setIntValue(newValue);
    }

    @Override
    protected void validateValue(final int value) throws InvalidSettingsException {
        super.validateValue(value);
        if (!inRange(value)) {
            throw new InvalidSettingsException(rangeError(value));
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " ('" + getConfigName() + "') [" + m_minValue + ", " + m_maxValue + "]";
    }
}
