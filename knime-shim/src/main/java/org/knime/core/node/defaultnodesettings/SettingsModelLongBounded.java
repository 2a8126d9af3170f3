package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;

/**
 * A long integer setting restricted to the closed range [min, max]; values outside are rejected when set, validated or
 * loaded.
 */
public class SettingsModelLongBounded extends SettingsModelLong {

    private final long m_minValue;

    private final long m_maxValue;

    /**
     * @param configName the key, not null or empty
     * @param defaultValue the initial value, within the range
     * @param minValue the smallest allowed value
     * @param maxValue the largest allowed value
     * @throws IllegalArgumentException if the range is empty or the default lies outside it
     */
    public SettingsModelLongBounded(final String configName, final long defaultValue, final long minValue,
        final long maxValue) {
        super(configName, defaultValue);
        if (Long.compare(minValue, maxValue) > 0) {
            throw new IllegalArgumentException("Minimum " + minValue + " of \"" + configName
                + "\" is larger than its maximum " + maxValue + ".");
        }
        m_minValue = minValue;
        m_maxValue = maxValue;
        checkRange(defaultValue);
    }

    @SuppressWarnings("unchecked")
    @Override
    protected SettingsModelLongBounded createClone() {
        return new SettingsModelLongBounded(getConfigName(), getLongValue(), m_minValue, m_maxValue);
    }

    /**
     * @return the smallest allowed value
     */
    public long getLowerBound() {
        return m_minValue;
    }

    /**
     * @return the largest allowed value
     */
    public long getUpperBound() {
        return m_maxValue;
    }

    private String rangeError(final long value) {
        return "Value of \"" + getConfigName() + "\" must be in [" + m_minValue + ", " + m_maxValue + "], got "
            + value + ".";
    }

    private void checkRange(final long value) {
        if (!inRange(value)) {
            throw new IllegalArgumentException(rangeError(value));
        }
    }

    private boolean inRange(final long value) {
        return Long.compare(value, m_minValue) >= 0 && Long.compare(value, m_maxValue) <= 0;
    }

    /**
     * @param newValue the value, within the range
     * @throws IllegalArgumentException if the value lies outside the range
     */
    @Override
    public void setLongValue(final long newValue) {
        checkRange(newValue);
        super.setLongValue(newValue);
    }

    @Override
    protected void validateValue(final long value) throws InvalidSettingsException {
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
