package org.knime.core.node.defaultnodesettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

class DefaultNodeSettingsPaneTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static final class Dialog extends DefaultNodeSettingsPane {
        final SettingsModelString m_col = new SettingsModelString("column", null);

        final SettingsModelIntegerBounded m_k = new SettingsModelIntegerBounded("k", 10, 1, 100);

        final SettingsModelBoolean m_flag = new SettingsModelBoolean("flag", false);

        final SettingsModelString m_mode = new SettingsModelString("mode", "cosine");

        Dialog() {
            createNewGroup("Neighbours");
            addDialogComponent(new DialogComponentColumnNameSelection(m_col, "Column", 0, DoubleValue.class));
            addDialogComponent(new DialogComponentNumber(m_k, "k", 1));
            closeCurrentGroup();
            createNewTab("Advanced");
            addDialogComponent(new DialogComponentBoolean(m_flag, "Flag"));
            addDialogComponent(new DialogComponentStringSelection(m_mode, "Metric", "cosine", "euclidean"));
            addDialogComponent(new DialogComponentFileChooser(new SettingsModelString("file", ""), "hist", ".h5ad"));
            addDialogComponent(new DialogComponentString(new SettingsModelString("name", "x"), "Name"));
            addDialogComponent(new DialogComponentStringListSelection(
                new SettingsModelStringArray("genes", new String[0]), "Genes", "A", "B"));
            selectTab("Advanced");
        }
    }

    @Test
    void dialogLoadsAndSavesThroughItsModelsWithoutADisplay() throws Exception {
        Dialog d = new Dialog();
        DataTableSpec spec = new DataTableSpec(new String[]{"name", "x"},
            new org.knime.core.data.DataType[]{StringCell.TYPE, DoubleCell.TYPE});
        NodeSettings in = new NodeSettings("model");
        new SettingsModelString("column", "x").saveSettingsTo(in);
        new SettingsModelInteger("k", 15).saveSettingsTo(in);
        d.loadSettingsFrom(in, new PortObjectSpec[]{spec});
        NodeSettings out = new NodeSettings("model");
        d.saveSettingsTo(out);
        assertEquals("x", out.getString("column"));
        assertEquals(15, out.getInt("k"));
        assertFalse(out.getBoolean("flag"));
        assertEquals("cosine", out.getString("mode"));
        assertFalse(out.containsKey("EMPTY_SETTINGS_MODEL_Internals"));
    }

    @Test
    void columnSelectionRefusesToOpenWithoutACompatibleColumn() {
        Dialog d = new Dialog();
        DataTableSpec spec = new DataTableSpec(new String[]{"name"},
            new org.knime.core.data.DataType[]{StringCell.TYPE});
        assertThrows(NotConfigurableException.class,
            () -> d.loadSettingsFrom(new NodeSettings("model"), new PortObjectSpec[]{spec}));
    }

    /** As KNIME's: the new selection holds only choices; when none of the wanted items is one, the first is taken. */
    @Test
    void replacingTheChoicesSelectsOnlyItemsAmongThem() {
        SettingsModelStringArray model = new SettingsModelStringArray("cols", new String[] {"old"});
        DialogComponentStringListSelection list = new DialogComponentStringListSelection(model, "Columns", "old");
        list.replaceListItems(java.util.List.of("a", "b", "c"), "c", "gone", "a");
        assertEquals(java.util.List.of("a", "c"), java.util.List.of(model.getStringArrayValue()));
        list.replaceListItems(java.util.List.of("b", "c"), (String[])null);
        assertEquals(java.util.List.of("c"), java.util.List.of(model.getStringArrayValue()));
        list.replaceListItems(java.util.List.of("x", "y"), "gone");
        assertEquals(java.util.List.of("x"), java.util.List.of(model.getStringArrayValue()));
        assertThrows(NullPointerException.class, () -> list.replaceListItems(java.util.List.of(), "x"));
    }
}
