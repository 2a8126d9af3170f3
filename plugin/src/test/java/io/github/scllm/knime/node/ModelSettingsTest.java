package io.github.scllm.knime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

class ModelSettingsTest {

    /** Two keys from the first version, one ("mode") added later; "label" must not be blank. */
    static final class Sample extends ModelSettings {
        static final List<String> MODES = List.of("fast", "exact");

        final SettingsModelString label = new SettingsModelString("label", "Cells");
        final SettingsModelIntegerBounded count = new SettingsModelIntegerBounded("count", 5, 1, 100);
        final SettingsModelString mode = new SettingsModelString("mode", "fast");
        final SettingsModelBoolean exactOnly = new SettingsModelBoolean("exact_only", false);
        int loads;

        @Override
        protected List<SettingsModel> models() {
            return List.of(label, count, mode);
        }

        @Override
        protected ModelSettings fresh() {
            return new Sample();
        }

        @Override
        protected void check() throws InvalidSettingsException {
            if (label.getStringValue().isBlank()) {
                throw new InvalidSettingsException("The label is empty: enter one.");
            }
            checkChoice(mode.getStringValue(), MODES, "Mode");
        }

        @Override
        protected NodeSettingsRO completed(NodeSettingsRO saved) {
            if (saved.containsKey("mode")) {
                return saved;
            }
            NodeSettings copy = new NodeSettings(saved.getKey());
            saved.copyTo(copy);
            new Sample().mode.saveSettingsTo(copy);
            return copy;
        }

        @Override
        protected void loaded() {
            loads++;
            exactOnly.setBooleanValue("exact".equals(mode.getStringValue()));
        }
    }

    private static NodeSettings saved(String label, int count, String mode) {
        NodeSettings s = new NodeSettings("model");
        s.addString("label", label);
        s.addInt("count", count);
        if (mode != null) {
            s.addString("mode", mode);
        }
        return s;
    }

    @Test
    void savesEveryModelInTheOrderOfModels() {
        NodeSettings s = new NodeSettings("model");
        new Sample().saveSettingsTo(s);
        assertEquals(List.of("label", "count", "mode"), s.keySet().stream().filter(k -> !k.endsWith("_Internals")).toList());
        assertEquals("Cells", s.getString("label", null));
    }

    @Test
    void validationRunsTheChecksOnACopyAndLeavesTheSettingsUnchanged() {
        Sample sample = new Sample();
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> sample.validateSettings(saved(" ", 7, "exact")));
        assertTrue(e.getMessage().contains("The label is empty"), e.getMessage());
        e = assertThrows(InvalidSettingsException.class, () -> sample.validateSettings(saved("T cells", 7, "slow")));
        assertTrue(e.getMessage().contains("Unknown value 'slow' for \"Mode\""), e.getMessage());
        assertEquals("Cells", sample.label.getStringValue());
        assertEquals(5, sample.count.getIntValue());
        assertEquals(0, sample.loads);
    }

    @Test
    void validationRejectsAValueOutsideAModelsBounds() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> new Sample().validateSettings(saved("T cells", 0, "fast")));
        assertTrue(e.getMessage().contains("count"), e.getMessage());
    }

    @Test
    void loadingReadsEveryModelAndThenCallsLoaded() throws InvalidSettingsException {
        Sample sample = new Sample();
        NodeSettings s = saved("T cells", 42, "exact");
        sample.validateSettings(s);
        sample.loadValidatedSettingsFrom(s);
        assertEquals("T cells", sample.label.getStringValue());
        assertEquals(42, sample.count.getIntValue());
        assertEquals("exact", sample.mode.getStringValue());
        assertEquals(1, sample.loads);
        assertTrue(sample.exactOnly.getBooleanValue());
    }

    @Test
    void settingsSavedWithoutALaterKeyAreCompletedWithItsDefault() throws InvalidSettingsException {
        Sample sample = new Sample();
        sample.mode.setStringValue("exact");
        NodeSettings old = saved("B cells", 3, null);
        sample.validateSettings(old);
        sample.loadValidatedSettingsFrom(old);
        assertEquals("B cells", sample.label.getStringValue());
        assertEquals("fast", sample.mode.getStringValue());
        assertFalse(sample.exactOnly.getBooleanValue());
        assertFalse(old.containsKey("mode"), "the saved settings themselves stay as they were");
    }

    @Test
    void withoutCompletionAMissingKeyFailsValidation() {
        ModelSettings plain = new ModelSettings() {
            private final SettingsModelString label = new SettingsModelString("label", "Cells");
            private final SettingsModelString mode = new SettingsModelString("mode", "fast");

            @Override
            protected List<SettingsModel> models() {
                return List.of(label, mode);
            }

            @Override
            protected ModelSettings fresh() {
                return this;
            }
        };
        assertThrows(InvalidSettingsException.class, () -> plain.validateSettings(saved("B cells", 3, null)));
    }
}
