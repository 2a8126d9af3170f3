package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;

/**
 * A floating point setting restricted to the closed range [min, max]; values outside are rejected when set, validated or
 * loaded.
 */
public class SettingsModelDoubleBounded extends SettingsModelDouble {

    private final double m_minValue;

    private final double m_maxValue;

    /**
     * @param configName the key, not null or empty
     * @param defaultValue the initial value, within the range
     * @param minValue the smallest allowed value
     * @param maxValue the largest allowed value
     * @throws IllegalArgumentException if the range is empty or the default lies outside it
     */
    public SettingsModelDoubleBounded(final String configName, final double defaultValue, final double minValue,
        final double maxValue) {
        super(configName, defaultValue);
        if (Double.compare(minValue, maxValue) > 0) {
            throw new IllegalArgumentException("Minimum " + minValue + " of \"" + configName
                + "\" is larger than its maximum " + maxValue + ".");
        }
        m_minValue = minValue;
        m_maxValue = maxValue;
        checkRange(defaultValue);
    }

    @SuppressWarnings("unchecked")
    @Override
    protected SettingsModelDoubleBounded createClone() {
        return new SettingsModelDoubleBounded(getConfigName(), getDoubleValue(), m_minValue, m_maxValue);
    }

    /**
     * @return the smallest allowed value
     */
    public double getLowerBound() {
        return m_minValue;
    }

    /**
     * @return the largest allowed value
     */
    public double getUpperBound() {
        return m_maxValue;
    }

    private String rangeError(final double value) {
        return "Value of \"" + getConfigName() + "\" must be in [" + m_minValue + ", " + m_maxValue + "], got "
            + value + ".";
    }

    private void checkRange(final double value) {
        if (!inRange(value)) {
            throw new IllegalArgumentException(rangeError(value));
        }
    }

    private boolean inRange(final double value) {
        return Double.compare(value, m_minValue) >= 0 && Double.compare(value, m_maxValue) <= 0;
    }

    /**
     * @param newValue the value, within the range
     * @throws IllegalArgumentException if the value lies outside the range
     */
    @Override
    public void setDoubleValue(final double newValue) {
        checkRange(newValue);
        super.setDoubleValue(newValue);
    }

    @Override
    protected void validateValue(final double value) throws InvalidSettingsException {
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
